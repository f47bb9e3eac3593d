#include "views/vtk_view.h"

#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkInteractorStyleTrackballCamera.h>
#include <vtkOpenGLFramebufferObject.h>
#include <vtkOpenGLState.h>
#include <vtkRenderer.h>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QOpenGLExtraFunctions>
#include <QWheelEvent>
#include <algorithm>

namespace ropelab::views {

VtkView::VtkView(QWidget* parent) : QOpenGLWidget(parent) {
  window_ = vtkSmartPointer<vtkGenericOpenGLRenderWindow>::New();
  // Not before initializeGL: VTK must not try to render into a context Qt has not made.
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

  setMouseTracking(true);
  setFocusPolicy(Qt::StrongFocus);
  setMinimumSize(120, 100);
}

VtkView::~VtkView() {
  makeCurrent();
  releaseVtkResources();
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
      // QOpenGLWidget::makeCurrent also binds Qt's framebuffer. VTK asks for the context in the
      // middle of a render with its own framebuffer bound; rebinding then would make VTK attach
      // its buffers to Qt's framebuffer. So only switch when another context is current.
      if (context() != nullptr && QOpenGLContext::currentContext() != context()) makeCurrent();
      break;
    case vtkCommand::WindowIsCurrentEvent:
      *static_cast<bool*>(callData) =
          context() != nullptr && QOpenGLContext::currentContext() == context();
      break;
    case vtkCommand::WindowFrameEvent:
    case vtkCommand::RenderEvent:
      // A frame finished inside paintGL needs no new paint; anything else does.
      if (!inPaint_) update();
      break;
    default:
      break;
  }
}

void VtkView::initializeGL() {
  window_->SetReadyForRendering(true);
  window_->SetOwnContext(0);
  // A new context: VTK sets up its own state for it. (InitializeFromCurrentContext would adopt
  // the framebuffer bound now, which is Qt's, and VTK would then re-attach its buffers.)
  window_->OpenGLInitContext();
  window_->SetMapped(1);
  initialized_ = true;
  connect(context(), &QOpenGLContext::aboutToBeDestroyed, this, [this] {
    makeCurrent();
    releaseVtkResources();
  });
  const QSize deviceSize = size() * devicePixelRatioF();
  window_->SetSize(deviceSize.width(), deviceSize.height());
  interactor_->UpdateSize(deviceSize.width(), deviceSize.height());
}

void VtkView::releaseVtkResources() {
  if (!initialized_) return;
  window_->Finalize();
  window_->SetReadyForRendering(false);
  initialized_ = false;
}

void VtkView::resizeGL(int width, int height) {
  const double ratio = devicePixelRatioF();
  const int w = static_cast<int>(width * ratio);
  const int h = static_cast<int>(height * ratio);
  window_->SetSize(w, h);
  interactor_->UpdateSize(w, h);
  emit resized();
}

void VtkView::paintGL() {
  if (!initialized_) return;
  inPaint_ = true;
  vtkOpenGLState* state = window_->GetState();
  state->Reset();
  state->Push();
  // Qt leaves GL_LESS; VTK expects GL_LEQUAL.
  state->vtkglDepthFunc(GL_LEQUAL);
  // Linked views share one camera: each fits the near/far planes to its own props.
  renderer_->ResetCameraClippingRange();
  window_->Render();
  state->Pop();

  // Rendering may have made another context current (progress events): take ours back.
  makeCurrent();
  blitToWidgetFramebuffer();
  inPaint_ = false;
}

// Copies VTK's display framebuffer into the widget's. Raw GL calls, as VTK's own Qt adapter
// does: VTK's state cache does not know which framebuffer Qt has bound.
void VtkView::blitToWidgetFramebuffer() {
  QOpenGLExtraFunctions* f = context()->extraFunctions();
  const QSize deviceSize = size() * devicePixelRatioF();
  // Qt renders QOpenGLWidget into its own FBO: never assume framebuffer 0.
  f->glBindFramebuffer(GL_DRAW_FRAMEBUFFER, defaultFramebufferObject());
  const GLenum colorAttachment = GL_COLOR_ATTACHMENT0;
  f->glDrawBuffers(1, &colorAttachment);
  const GLboolean scissor = f->glIsEnabled(GL_SCISSOR_TEST);
  if (scissor) {
    window_->GetState()->vtkglDisable(GL_SCISSOR_TEST);
    f->glDisable(GL_SCISSOR_TEST);
  }
  const int* renderSize = window_->GetRenderFramebuffer()->GetLastSize();
  window_->BlitDisplayFramebuffer(0, 0, 0, renderSize[0], renderSize[1], 0, 0, deviceSize.width(),
                                  deviceSize.height(), GL_COLOR_BUFFER_BIT, GL_NEAREST);
  // Translucent VTK pixels would let the window behind show through the composited widget.
  GLboolean mask[4];
  f->glGetBooleanv(GL_COLOR_WRITEMASK, mask);
  GLfloat clear[4];
  f->glGetFloatv(GL_COLOR_CLEAR_VALUE, clear);
  f->glColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_TRUE);
  f->glClearColor(0, 0, 0, 1);
  f->glViewport(0, 0, deviceSize.width(), deviceSize.height());
  f->glClear(GL_COLOR_BUFFER_BIT);
  f->glColorMask(mask[0], mask[1], mask[2], mask[3]);
  f->glClearColor(clear[0], clear[1], clear[2], clear[3]);
  if (scissor) {
    window_->GetState()->vtkglEnable(GL_SCISSOR_TEST);
    f->glEnable(GL_SCISSOR_TEST);
  }
}

QImage VtkView::captureImage() {
  // grabFramebuffer renders through paintGL into a fresh framebuffer, the path the screen uses.
  QImage image = grabFramebuffer();
  return image.convertToFormat(QImage::Format_RGB32);
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
