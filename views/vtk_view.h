#pragma once
// The bridge between Qt and VTK: a QOpenGLWidget that hosts a vtkGenericOpenGLRenderWindow.
// Debian's VTK Qt modules are built against Qt 5, so this replaces QVTKOpenGLNativeWidget,
// modelled on it (see spec/stack.md). VTK renders only inside paintGL; every VTK request for a
// render becomes a Qt update().
#include <vtkNew.h>
#include <vtkSmartPointer.h>
#include <QOpenGLWidget>

class vtkGenericOpenGLRenderWindow;
class vtkGenericRenderWindowInteractor;
class vtkRenderer;
class vtkObject;

namespace ropelab::views {

class VtkView : public QOpenGLWidget {
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

 signals:
  // The user moved the camera (drag or wheel): linked views follow.
  void cameraInteraction();
  void mouseMovedTo(QPoint devicePosition, bool buttonDown);
  void clickedAt(QPoint devicePosition);
  // The render window took a new size (after resizeGL): the place to re-frame a camera.
  void resized();

 protected:
  void initializeGL() override;
  void paintGL() override;
  void resizeGL(int width, int height) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;

 private:
  void onRenderWindowEvent(vtkObject* caller, unsigned long eventId, void* callData);
  void releaseVtkResources();
  void blitToWidgetFramebuffer();
  QPoint toDevice(const QPointF& logical) const;
  void forwardPosition(QMouseEvent* event);

  vtkSmartPointer<vtkGenericOpenGLRenderWindow> window_;
  vtkSmartPointer<vtkGenericRenderWindowInteractor> interactor_;
  vtkSmartPointer<vtkRenderer> renderer_;
  bool inPaint_ = false;
  bool initialized_ = false;
  QPoint pressPosition_;
};

}  // namespace ropelab::views
