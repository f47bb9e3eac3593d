#pragma once
// The bridge between Qt and VTK: a plain QWidget whose VTK scene is rendered by a
// vtkGenericOpenGLRenderWindow in an offscreen OpenGL context of its own, read back and painted
// as an image. Debian's VTK Qt modules are built against Qt 5, so this replaces
// QVTKOpenGLNativeWidget (see spec/stack.md).
//
// Why not a QOpenGLWidget: a window holding one composites the whole window with OpenGL on every
// repaint, however small (on llvmpipe 25-50 ms per pass at 1600x1000, and a slider change takes
// several passes). Rendering offscreen keeps the window raster: a repaint costs what its widgets
// cost, and a 3-D view costs one VTK render plus one read-back (a few milliseconds).
// VTK renders only inside paintEvent (or captureImage); every VTK request for a render becomes
// a Qt update().
#include <vtkNew.h>
#include <vtkSmartPointer.h>
#include <QImage>
#include <QWidget>
#include <memory>

#include "views/cube_axes_overlay.h"

class vtkActor;
class vtkGenericOpenGLRenderWindow;
class vtkGenericRenderWindowInteractor;
class vtkRenderer;
class vtkObject;
class QOpenGLContext;
class QOffscreenSurface;
class QPainter;

namespace ropelab::views {

class VtkView : public QWidget {
  Q_OBJECT
 public:
  explicit VtkView(QWidget* parent = nullptr);
  ~VtkView() override;

  vtkRenderer* renderer() const;
  vtkGenericOpenGLRenderWindow* renderWindow() const;
  vtkGenericRenderWindowInteractor* interactor() const;
  void setBackground(const QColor& color);
  // Points the camera at the bounds keeping its direction (ResetCamera accounts for the
  // aspect ratio), then zooms by `zoom` (below 1 leaves a margin for axis labels).
  void frameBounds(const double bounds[6], double zoom = 1.0);
  // Renders now and returns the frame (used by export, screenshots and image tests).
  QImage captureImage();
  // Axes drawn over the VTK frame by views/cube_axes_overlay (on screen, in captureImage and in
  // vector exports alike).
  void setAxesOverlay(const CubeAxesSpec& spec);
  const CubeAxesSpec& axesOverlay() const { return axes_; }
  // Paints the overlay for the current camera into `target` (the view's rect, scaled).
  void paintAxesOverlay(QPainter& painter, const QRectF& target) const;
  // The axes' grid (cube_grid for the view's size), rendered by VTK behind the data. Vector
  // exports leave this actor out and paint the grid for their own size.
  vtkActor* gridActor() const;
  // Renders at `scale` (0 < scale <= 1) of the device resolution and draws the frame scaled up
  // to the view, point sizes and line widths scaled alike so the picture keeps its proportions.
  // 1 renders a new full-resolution frame. captureImage always renders at 1.
  void setRenderScale(double scale);
  double renderScale() const { return renderScale_; }
  // While a slider is dragged: `scale` if the last full-resolution frame took longer than the
  // render budget (a large scene), full resolution otherwise. A small scene renders as fast at
  // full resolution (llvmpipe's cost per frame is mostly fixed) and scaling the frame up would
  // cost more than it saves. Off: full resolution.
  void setInteractive(bool interactive, double scale);
  void setRenderBudget(double ms) { renderBudgetMs_ = ms; }
  static constexpr double kDefaultRenderBudgetMs = 6.0;
  // Device pixels of the frame on screen (the device size times the render scale).
  QSize frameSize() const { return frame_.size(); }
  // Milliseconds of the last VTK render and read-back.
  double lastRenderMs() const { return lastRenderMs_; }

 signals:
  // The user moved the camera (drag or wheel): linked views follow.
  void cameraInteraction();
  void mouseMovedTo(QPoint devicePosition, bool buttonDown);
  void clickedAt(QPoint devicePosition);
  // The render window took a new size: the place to re-frame a camera.
  void resized();

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;

 private:
  void onRenderWindowEvent(vtkObject* caller, unsigned long eventId, void* callData);
  bool makeContextCurrent();
  void renderFrame();
  void releaseVtkResources();
  QSize deviceSize() const;
  QSize renderSize() const;
  QPoint toDevice(const QPointF& logical) const;
  void forwardPosition(QMouseEvent* event);

  vtkSmartPointer<vtkGenericOpenGLRenderWindow> window_;
  vtkSmartPointer<vtkGenericRenderWindowInteractor> interactor_;
  vtkSmartPointer<vtkRenderer> renderer_;
  std::unique_ptr<QOffscreenSurface> surface_;
  std::unique_ptr<QOpenGLContext> context_;
  void updateGrid();
  // The camera's composite projection (row major, world -> normalised device coordinates) for
  // target's aspect ratio: what the overlay and the grid project with.
  void projectionFor(const QRectF& target, double composite[16]) const;

  QImage frame_;
  CubeAxesSpec axes_;
  struct Grid;
  std::unique_ptr<Grid> grid_;
  bool inRender_ = false;
  bool initialized_ = false;
  bool contextFailed_ = false;
  double lastRenderMs_ = 0;
  double lastFullRenderMs_ = 0;
  double renderBudgetMs_ = kDefaultRenderBudgetMs;
  double renderScale_ = 1.0;
  QPoint pressPosition_;
};

}  // namespace ropelab::views
