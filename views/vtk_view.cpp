#include "views/vtk_view.h"

#include "views/render_scale.h"

#include <vtkActor.h>
#include <vtkActorCollection.h>
#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkInteractorStyleTrackballCamera.h>
#include <vtkMatrix4x4.h>
#include <vtkOpenGLState.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkUnsignedCharArray.h>
#include <QElapsedTimer>
#include <QMouseEvent>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QPaintEvent>
#include <QPainter>
#include <QWheelEvent>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <utility>
#include <vector>

namespace ropelab::views {

// The axes' grid as one line actor, rebuilt only when its segments change (a new tick count,
// a turned camera). vtkCubeAxesActor drew this grid before; it rebuilt its hidden labels'
// text actors whenever the tick count changed, a third of a frame on llvmpipe.
struct VtkView::Grid {
  vtkNew<vtkPolyData> data;
  vtkNew<vtkPolyDataMapper> mapper;
  vtkNew<vtkActor> actor;
  std::vector<GridSegment> segments;
};

VtkView::VtkView(QWidget* parent) : QWidget(parent) {
  window_ = vtkSmartPointer<vtkGenericOpenGLRenderWindow>::New();
  // Not before the context exists: VTK must not try to render into one Qt has not made.
  window_->SetReadyForRendering(false);
  window_->SetFrameBlitModeToNoBlit();
  // VTK's default 8x MSAA is about 3x slower on llvmpipe and the surface format has no samples.
  window_->SetMultiSamples(0);
  renderer_ = vtkSmartPointer<vtkRenderer>::New();
  window_->AddRenderer(renderer_);

  interactor_ = vtkSmartPointer<vtkGenericRenderWindowInteractor>::New();
  // The interactor asks for renders through RenderEvent; Qt decides when to paint.
  interactor_->EnableRenderOff();
  interactor_->SetRenderWindow(window_);
  vtkNew<vtkInteractorStyleTrackballCamera> style;
  interactor_->SetInteractorStyle(style);

  for (unsigned long event : {vtkCommand::WindowMakeCurrentEvent, vtkCommand::WindowIsCurrentEvent,
                              vtkCommand::WindowFrameEvent}) {
    window_->AddObserver(event, this, &VtkView::onRenderWindowEvent);
  }
  interactor_->AddObserver(vtkCommand::RenderEvent, this, &VtkView::onRenderWindowEvent);

  // The frame covers the whole widget: Qt need not clear behind it.
  setAttribute(Qt::WA_OpaquePaintEvent);
  setMouseTracking(true);
  setFocusPolicy(Qt::StrongFocus);
  setMinimumSize(120, 100);

  grid_ = std::make_unique<Grid>();
  grid_->mapper->SetInputData(grid_->data);
  grid_->actor->SetMapper(grid_->mapper);
  grid_->actor->PickableOff();
  grid_->actor->VisibilityOff();
  renderer_->AddActor(grid_->actor);
}

VtkView::~VtkView() {
  if (initialized_ && makeContextCurrent()) releaseVtkResources();
  if (context_) context_->doneCurrent();
  window_->RemoveAllObservers();
  interactor_->RemoveAllObservers();
}

vtkRenderer* VtkView::renderer() const {
  return renderer_;
}
vtkGenericOpenGLRenderWindow* VtkView::renderWindow() const {
  return window_;
}
vtkGenericRenderWindowInteractor* VtkView::interactor() const {
  return interactor_;
}

void VtkView::setBackground(const QColor& color) {
  renderer_->SetBackground(color.redF(), color.greenF(), color.blueF());
  update();
}

void VtkView::frameBounds(const double bounds[6], double zoom) {
  double b[6];
  std::copy(bounds, bounds + 6, b);
  renderer_->ResetCamera(b);
  renderer_->GetActiveCamera()->Zoom(zoom);
  renderer_->ResetCameraClippingRange(b);
  update();
}

void VtkView::onRenderWindowEvent(vtkObject*, unsigned long eventId, void* callData) {
  switch (eventId) {
    case vtkCommand::WindowMakeCurrentEvent:
      if (context_ && QOpenGLContext::currentContext() != context_.get()) makeContextCurrent();
      break;
    case vtkCommand::WindowIsCurrentEvent:
      *static_cast<bool*>(callData) =
          context_ != nullptr && QOpenGLContext::currentContext() == context_.get();
      break;
    case vtkCommand::WindowFrameEvent:
    case vtkCommand::RenderEvent:
      // A frame finished inside renderFrame needs no new paint; anything else does.
      if (!inRender_) update();
      break;
    default:
      break;
  }
}

QSize VtkView::deviceSize() const {
  const double ratio = devicePixelRatioF();
  return {std::max(1, static_cast<int>(width() * ratio)),
          std::max(1, static_cast<int>(height() * ratio))};
}

QSize VtkView::renderSize() const {
  const QSize device = deviceSize();
  if (renderScale_ >= 1.0) return device;
  return {std::max(1, static_cast<int>(std::lround(device.width() * renderScale_))),
          std::max(1, static_cast<int>(std::lround(device.height() * renderScale_)))};
}

void set_interactive(QWidget* root, bool interactive, double scale) {
  for (VtkView* view : root->findChildren<VtkView*>()) view->setInteractive(interactive, scale);
}

void VtkView::setInteractive(bool interactive, double scale) {
  setRenderScale(interactive && lastFullRenderMs_ > renderBudgetMs_ ? scale : 1.0);
}

void VtkView::setRenderScale(double scale) {
  scale = std::clamp(scale, 0.1, 1.0);
  if (scale == renderScale_) return;
  renderScale_ = scale;
  update();
}

// The context and its offscreen surface are made on first use, on the GUI thread.
bool VtkView::makeContextCurrent() {
  if (contextFailed_) return false;
  if (!context_) {
    surface_ = std::make_unique<QOffscreenSurface>();
    surface_->setFormat(QSurfaceFormat::defaultFormat());
    surface_->create();
    context_ = std::make_unique<QOpenGLContext>();
    context_->setFormat(QSurfaceFormat::defaultFormat());
    if (!surface_->isValid() || !context_->create() || !context_->makeCurrent(surface_.get())) {
      qWarning("VtkView: no OpenGL context; the 3-D view stays empty");
      contextFailed_ = true;
      return false;
    }
    window_->SetReadyForRendering(true);
    window_->SetOwnContext(0);
    window_->OpenGLInitContext();
    window_->SetMapped(1);
    initialized_ = true;
    return true;
  }
  return context_->makeCurrent(surface_.get());
}

void VtkView::releaseVtkResources() {
  if (!initialized_) return;
  window_->Finalize();
  window_->SetReadyForRendering(false);
  initialized_ = false;
}

// Renders the scene into VTK's own framebuffers and reads the result back into frame_.
void VtkView::renderFrame() {
  if (!makeContextCurrent()) return;
  QElapsedTimer timer;
  timer.start();
  const QSize size = renderSize();
  const int* current = window_->GetSize();
  if (current[0] != size.width() || current[1] != size.height()) {
    window_->SetSize(size.width(), size.height());
    interactor_->UpdateSize(size.width(), size.height());
  }
  inRender_ = true;
  vtkOpenGLState* state = window_->GetState();
  state->Reset();
  state->Push();
  state->vtkglDepthFunc(GL_LEQUAL);
  updateGrid();
  // Each view fits the near/far planes to its own props.
  renderer_->ResetCameraClippingRange();
  // Sizes in pixels follow the render scale for this frame only.
  std::vector<std::pair<vtkProperty*, std::array<float, 2>>> sizes;
  if (renderScale_ < 1.0) {
    vtkActorCollection* actors = renderer_->GetActors();
    actors->InitTraversal();
    while (vtkActor* actor = actors->GetNextActor()) {
      vtkProperty* property = actor->GetProperty();
      sizes.push_back({property, {property->GetPointSize(), property->GetLineWidth()}});
      property->SetPointSize(
          std::max(1.0f, property->GetPointSize() * static_cast<float>(renderScale_)));
      property->SetLineWidth(
          std::max(1.0f, property->GetLineWidth() * static_cast<float>(renderScale_)));
    }
  }
  window_->Render();
  for (const auto& [property, size] : sizes) {
    property->SetPointSize(size[0]);
    property->SetLineWidth(size[1]);
  }
  // Front: VTK's display framebuffer, where the finished frame is; rows come bottom-up.
  vtkNew<vtkUnsignedCharArray> pixels;
  window_->GetRGBACharPixelData(0, 0, size.width() - 1, size.height() - 1, 1, pixels, 0);
  state->Pop();
  inRender_ = false;
  QImage image(size, QImage::Format_RGBX8888);
  const auto rowBytes = static_cast<std::size_t>(size.width()) * 4;
  if (pixels->GetNumberOfValues() >= static_cast<vtkIdType>(rowBytes) * size.height()) {
    const unsigned char* source = pixels->GetPointer(0);
    for (int y = 0; y < size.height(); ++y) {
      std::memcpy(image.scanLine(size.height() - 1 - y), source + rowBytes * y, rowBytes);
    }
  } else {
    image.fill(Qt::black);
  }
  image.setDevicePixelRatio(devicePixelRatioF());
  frame_ = std::move(image);
  lastRenderMs_ = static_cast<double>(timer.nsecsElapsed()) / 1e6;
  if (renderScale_ >= 1.0) lastFullRenderMs_ = lastRenderMs_;
}

void VtkView::paintEvent(QPaintEvent* event) {
  // A partial repaint (a child overlay, a tooltip leaving) reuses the last frame; an update() of
  // the whole view (a scene change, a camera move) renders a new one.
  if (frame_.isNull() || event->rect().contains(rect()) || frame_.size() != renderSize()) {
    renderFrame();
  }
  QPainter painter(this);
  if (frame_.size() != deviceSize()) painter.setRenderHint(QPainter::SmoothPixmapTransform);
  if (frame_.isNull()) {
    const double* bg = renderer_->GetBackground();
    painter.fillRect(rect(), QColor::fromRgbF(static_cast<float>(bg[0]), static_cast<float>(bg[1]),
                                              static_cast<float>(bg[2])));
    return;
  }
  if (frame_.size() == deviceSize()) {
    painter.drawImage(QPoint(0, 0), frame_);
  } else {  // a lower render scale: drawn scaled up to the view
    painter.drawImage(QRectF(rect()), frame_, QRectF(frame_.rect()));
  }
  paintAxesOverlay(painter, QRectF(rect()));
}

void VtkView::setAxesOverlay(const CubeAxesSpec& spec) {
  axes_ = spec;
  update();
}

void VtkView::paintAxesOverlay(QPainter& painter, const QRectF& target) const {
  if (target.width() <= 0 || target.height() <= 0) return;
  paint_frame_bar(painter, axes_, target, font());
  if (!axes_.enabled) return;
  double m[16];
  projectionFor(target, m);
  paint_cube_axes(painter, axes_, m, target, font());
}

void VtkView::projectionFor(const QRectF& target, double composite[16]) const {
  vtkMatrix4x4::DeepCopy(composite,
                         renderer_->GetActiveCamera()->GetCompositeProjectionTransformMatrix(
                             target.width() / target.height(), -1, 1));
}

vtkActor* VtkView::gridActor() const {
  return grid_->actor;
}

void VtkView::updateGrid() {
  const QRectF target(rect());
  std::vector<GridSegment> segments;
  if (axes_.enabled && target.width() > 0 && target.height() > 0) {
    // The overlay's size and font: the grid lines meet the overlay's ticks.
    double m[16];
    projectionFor(target, m);
    segments = cube_grid(axes_, m, target, font());
  }
  grid_->actor->SetVisibility(!segments.empty());
  const QColor& c = axes_.grid;
  grid_->actor->GetProperty()->SetColor(c.redF(), c.greenF(), c.blueF());
  if (segments == grid_->segments) return;
  vtkNew<vtkPoints> points;
  vtkNew<vtkCellArray> lines;
  for (const GridSegment& segment : segments) {
    const vtkIdType ids[2] = {points->InsertNextPoint(segment.from.data()),
                              points->InsertNextPoint(segment.to.data())};
    lines->InsertNextCell(2, ids);
  }
  grid_->data->SetPoints(points);
  grid_->data->SetLines(lines);
  grid_->segments = std::move(segments);
}

void VtkView::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  const QSize size = deviceSize();
  window_->SetSize(size.width(), size.height());
  interactor_->UpdateSize(size.width(), size.height());
  emit resized();
}

QImage VtkView::captureImage() {
  // Exports and screenshots are always full resolution; the view keeps its scale.
  const double scale = std::exchange(renderScale_, 1.0);
  renderFrame();
  renderScale_ = scale;
  if (frame_.isNull()) return {};
  QImage image = frame_.convertToFormat(QImage::Format_RGB32);
  image.setDevicePixelRatio(1.0);
  if (axes_.enabled || axes_.frameBar > 1) {
    QPainter painter(&image);
    const double ratio = devicePixelRatioF();
    painter.scale(ratio, ratio);
    paintAxesOverlay(painter, QRectF(rect()));
  }
  return image;
}

QPoint VtkView::toDevice(const QPointF& logical) const {
  const double ratio = devicePixelRatioF();
  return {static_cast<int>(logical.x() * ratio), static_cast<int>(logical.y() * ratio)};
}

void VtkView::forwardPosition(QMouseEvent* event) {
  const QPoint p = toDevice(event->position());
  interactor_->SetEventInformationFlipY(p.x(), p.y(),
                                        (event->modifiers() & Qt::ControlModifier) ? 1 : 0,
                                        (event->modifiers() & Qt::ShiftModifier) ? 1 : 0);
}

void VtkView::mousePressEvent(QMouseEvent* event) {
  forwardPosition(event);
  pressPosition_ = event->position().toPoint();
  switch (event->button()) {
    case Qt::LeftButton:
      interactor_->LeftButtonPressEvent();
      break;
    case Qt::RightButton:
      interactor_->RightButtonPressEvent();
      break;
    case Qt::MiddleButton:
      interactor_->MiddleButtonPressEvent();
      break;
    default:
      break;
  }
}

void VtkView::mouseMoveEvent(QMouseEvent* event) {
  forwardPosition(event);
  interactor_->MouseMoveEvent();
  const bool buttonDown = event->buttons() != Qt::NoButton;
  if (buttonDown) emit cameraInteraction();
  emit mouseMovedTo(toDevice(event->position()), buttonDown);
}

void VtkView::mouseReleaseEvent(QMouseEvent* event) {
  forwardPosition(event);
  switch (event->button()) {
    case Qt::LeftButton:
      interactor_->LeftButtonReleaseEvent();
      break;
    case Qt::RightButton:
      interactor_->RightButtonReleaseEvent();
      break;
    case Qt::MiddleButton:
      interactor_->MiddleButtonReleaseEvent();
      break;
    default:
      break;
  }
  // A release close to the press is a click (a pick), not the end of a camera drag.
  if ((event->position().toPoint() - pressPosition_).manhattanLength() <= 3) {
    emit clickedAt(toDevice(event->position()));
  }
}

void VtkView::wheelEvent(QWheelEvent* event) {
  const QPoint p = toDevice(event->position());
  interactor_->SetEventInformationFlipY(p.x(), p.y());
  if (event->angleDelta().y() > 0) {
    interactor_->MouseWheelForwardEvent();
  } else if (event->angleDelta().y() < 0) {
    interactor_->MouseWheelBackwardEvent();
  }
  emit cameraInteraction();
  event->accept();
}

}  // namespace ropelab::views
