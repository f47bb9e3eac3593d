#include "views/layout_view.h"

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkMatrix4x4.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkTextProperty.h>
#include <vtkUnsignedCharArray.h>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>

#include "views/vtk_view.h"

namespace ropelab::views {

namespace {

// Points one screen pixel apart are indistinguishable; a pick snaps within this radius.
constexpr double kPickRadiusPixels = 18.0;

struct PointCloud {
  vtkNew<vtkPolyData> data;
  vtkNew<vtkPolyDataMapper> mapper;
  vtkNew<vtkActor> actor;

  PointCloud() {
    mapper->SetInputData(data);
    mapper->SetColorModeToDirectScalars();
    mapper->SetScalarModeToUsePointData();
    actor->SetMapper(mapper);
  }
};

QString format_id(double value) {
  return QString::number(value, 'g', 7);
}

// Point size that keeps small scenes readable and large ones from becoming one blob.
double point_size_for(std::size_t points) {
  if (points <= 400) return 14;
  if (points <= 4000) return 9;
  if (points <= 40000) return 5;
  return 3;
}

void set_color(vtkUnsignedCharArray* colors, vtkIdType index, const QColor& c) {
  const unsigned char rgb[3] = {static_cast<unsigned char>(c.red()),
                                static_cast<unsigned char>(c.green()),
                                static_cast<unsigned char>(c.blue())};
  colors->SetTypedTuple(index, rgb);
}

}  // namespace

struct LayoutView::Scene3d {
  PointCloud tokens;      // image and video tokens: spheres
  PointCloud textTokens;  // text tokens: squares, so modality reads by shape in either colouring
  PointCloud textPath;
  PointCloud highlight;
  PointCloud marked;
};

QString describe_token(const Encoding& encoding, std::size_t token) {
  const TokenLayout& t = encoding.positions.tokens;
  QString text = QStringLiteral("token %1 · %2")
                     .arg(token)
                     .arg(QString::fromUtf8(std::string(to_string(t.modality[token])).c_str()));
  if (t.modality[token] != Modality::Text) {
    text += QStringLiteral(" · frame %1 row %2 col %3")
                .arg(t.frame[token])
                .arg(t.row[token])
                .arg(t.col[token]);
  }
  QStringList ids;
  const auto& axes = encoding.axes();
  for (std::size_t a = 0; a < axes.size(); ++a) {
    ids << QStringLiteral("%1=%2")
               .arg(QString::fromStdString(axes[a]))
               .arg(format_id(encoding.id(static_cast<int>(a), token)));
  }
  return text + QStringLiteral(" · ids ") + ids.join(QLatin1Char(' '));
}

LayoutView::LayoutView(QWidget* parent) : QWidget(parent), scene_(std::make_unique<Scene3d>()) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  auto* bar = new QHBoxLayout;
  bar->setContentsMargins(4, 2, 4, 0);
  title_ = new QLabel(this);
  title_->setObjectName(QStringLiteral("layoutTitle"));
  QFont bold = title_->font();
  bold.setBold(true);
  title_->setFont(bold);
  // Narrow compare panels may cut the title; they must not push the docks aside.
  title_->setMinimumWidth(40);
  title_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  bar->addWidget(title_, 1);
  colorChoice_ = new QComboBox(this);
  colorChoice_->addItem(tr("modality"));
  colorChoice_->addItem(tr("frame"));
  colorChoice_->setCurrentIndex(1);
  colorChoice_->setToolTip(
      tr("Colour the video tokens by frame (with a colour bar) or every token by modality; text "
         "tokens are squares, image and video tokens spheres"));
  connect(colorChoice_, &QComboBox::currentIndexChanged, this,
          [this](int index) { setColorMode(index == 0 ? ColorMode::Modality : ColorMode::Frame); });
  connect(colorChoice_, &QComboBox::activated, this, [this](int index) {
    emit colorModeChosen(index == 0 ? ColorMode::Modality : ColorMode::Frame);
  });
  bar->addWidget(colorChoice_);
  for (std::size_t i = 0; i < axisChoice_.size(); ++i) {
    axisChoice_[i] = new QComboBox(this);
    axisChoice_[i]->setToolTip(tr("Variant axis drawn on display axis %1").arg("xyz"[i]));
    axisChoice_[i]->setVisible(false);
    connect(axisChoice_[i], &QComboBox::activated, this, [this] {
      const std::array<int, 3> chosen{axisChoice_[0]->currentIndex(),
                                      axisChoice_[1]->currentIndex(),
                                      axisChoice_[2]->currentIndex()};
      wideAxes_ = chosen;
      setDisplayAxes(chosen);
      emit displayAxesChosen(chosen);
    });
    bar->addWidget(axisChoice_[i]);
  }
  layout->addLayout(bar);

  view_ = new VtkView(this);
  // Re-frame once VTK knows the new aspect ratio (the render window's new size).
  connect(view_, &VtkView::resized, this, [this] {
    if (cameraFramed_) frameBounds(lastFramed_);
  });
  layout->addWidget(view_, 1);
  overlay_ = new QLabel(view_);
  overlay_->setObjectName(QStringLiteral("pickOverlay"));
  overlay_->setAttribute(Qt::WA_TransparentForMouseEvents);
  overlay_->move(6, 6);
  overlay_->hide();

  vtkRenderer* renderer = view_->renderer();
  renderer->AddActor(scene_->textPath.actor);
  renderer->AddActor(scene_->tokens.actor);
  renderer->AddActor(scene_->textTokens.actor);
  renderer->AddActor(scene_->marked.actor);
  renderer->AddActor(scene_->highlight.actor);
  scene_->marked.actor->GetProperty()->SetRenderPointsAsSpheres(true);
  scene_->marked.mapper->ScalarVisibilityOff();
  const QColor mark = markColor();
  scene_->marked.actor->GetProperty()->SetColor(mark.redF(), mark.greenF(), mark.blueF());
  scene_->tokens.actor->GetProperty()->SetRenderPointsAsSpheres(true);
  scene_->textTokens.actor->GetProperty()->SetRenderPointsAsSpheres(false);
  scene_->textTokens.mapper->ScalarVisibilityOff();
  scene_->highlight.actor->GetProperty()->SetRenderPointsAsSpheres(true);
  scene_->highlight.actor->GetProperty()->SetPointSize(22);
  scene_->highlight.mapper->ScalarVisibilityOff();
  scene_->textPath.mapper->ScalarVisibilityOff();
  scene_->textPath.actor->GetProperty()->SetLineWidth(2);

  // The axes (edges, ticks, labels, titles and the grid behind the data) are VtkView's:
  // views/cube_axes_overlay.

  connect(view_, &VtkView::cameraInteraction, this, &LayoutView::cameraMoved);
  connect(view_, &VtkView::clickedAt, this, [this](QPoint device) {
    const double ratio = view_->devicePixelRatioF();
    pickAt(view_->mapTo(
        this, QPoint(static_cast<int>(device.x() / ratio), static_cast<int>(device.y() / ratio))));
  });
  // Hover picking, throttled: the first move starts the timer, later moves only update where
  // the mouse is, so a pick runs at most every kHoverIntervalMs however fast the mouse moves.
  hoverTimer_ = new QTimer(this);
  hoverTimer_->setSingleShot(true);
  hoverTimer_->setInterval(kHoverIntervalMs);
  connect(hoverTimer_, &QTimer::timeout, this, &LayoutView::hoverPick);
  connect(view_, &VtkView::mouseMovedTo, this, [this](QPoint device, bool buttonDown) {
    if (buttonDown) {
      // Camera drags also move the overlay's subject: show the sticky pick again.
      hoverTimer_->stop();
      updatePickOverlay();
      return;
    }
    const double ratio = view_->devicePixelRatioF();
    hoverPosition_ = view_->mapTo(
        this, QPoint(static_cast<int>(device.x() / ratio), static_cast<int>(device.y() / ratio)));
    if (!hoverTimer_->isActive()) hoverTimer_->start();
  });
  applyTheme();
}

LayoutView::~LayoutView() = default;

void LayoutView::setTitle(const QString& title, const QColor& color) {
  if (!color.isValid()) {
    title_->setText(title);
    return;
  }
  title_->setText(QStringLiteral("<span style='color:%1'>■</span> %2")
                      .arg(color.name(), title.toHtmlEscaped()));
}

void LayoutView::setAxesVisible(bool visible) {
  axesVisible_ = visible;
  CubeAxesSpec spec = view_->axesOverlay();
  spec.enabled = visible;
  view_->setAxesOverlay(spec);
}

bool LayoutView::axesVisible() const {
  return axesVisible_;
}

void LayoutView::setEncoding(std::shared_ptr<const Encoding> encoding) {
  const bool axesChanged = !encoding_ || !encoding || encoding_->variant != encoding->variant ||
                           encoding_->axes().size() != encoding->axes().size();
  if (!encoding_ || !encoding || encoding_->variant != encoding->variant ||
      encoding_->token_count() != encoding->token_count())
    marked_.clear();
  encoding_ = std::move(encoding);
  if (axesChanged) rebuildAxisChoices();
  if (encoding_ && picked_ >= static_cast<long>(encoding_->token_count())) picked_ = -1;
  rebuild();
}

void LayoutView::rebuildAxisChoices() {
  if (!encoding_) return;
  const int count = encoding_->variant->axis_count();
  const bool wideFits =
      std::all_of(wideAxes_.begin(), wideAxes_.end(), [count](int a) { return a < count; });
  displayAxes_ = count > 3 && wideFits
                     ? wideAxes_
                     : std::array<int, 3>{0, count > 1 ? 1 : -1, count > 2 ? 2 : -1};
  for (std::size_t i = 0; i < axisChoice_.size(); ++i) {
    QComboBox* box = axisChoice_[i];
    box->clear();
    for (const auto& name : encoding_->axes()) box->addItem(QString::fromStdString(name));
    box->setCurrentIndex(displayAxes_[i]);
    // Only a variant with more than three axes (VRoPE's u1..u4) needs a choice.
    box->setVisible(count > 3);
  }
  axisCountShown_ = count;
}

void LayoutView::setDisplayAxes(const std::array<int, 3>& axes) {
  displayAxes_ = axes;
  for (std::size_t i = 0; i < axisChoice_.size(); ++i) {
    if (axes[i] < axisChoice_[i]->count()) axisChoice_[i]->setCurrentIndex(axes[i]);
  }
  cameraFramed_ = false;
  rebuild();
}

void LayoutView::setWideAxes(const std::array<int, 3>& axes) {
  if (axes == wideAxes_) return;
  wideAxes_ = axes;
  if (!encoding_ || encoding_->variant->axis_count() <= 3) return;
  rebuildAxisChoices();
  cameraFramed_ = false;
  rebuild();
}

void LayoutView::setDecimated(bool decimated) {
  if (decimated == decimated_) return;
  decimated_ = decimated;
  // Small scenes are drawn in full either way: nothing to rebuild.
  if (encoding_ && encoding_->token_count() > kInteractivePointBudget) rebuild();
}

void LayoutView::setColorMode(ColorMode mode) {
  if (mode == colorMode_ && colorChoice_->currentIndex() == (mode == ColorMode::Modality ? 0 : 1))
    return;
  colorMode_ = mode;
  colorChoice_->setCurrentIndex(mode == ColorMode::Modality ? 0 : 1);
  rebuild();
}

void LayoutView::setTheme(Theme theme) {
  theme_ = theme;
  applyTheme();
}

void LayoutView::applyTheme() {
  const QColor fg = view_foreground(theme_);
  view_->setBackground(view_background(theme_));
  CubeAxesSpec spec = view_->axesOverlay();
  spec.foreground = fg;
  spec.grid = theme_ == Theme::Dark ? QColor(90, 90, 96) : QColor(200, 200, 205);
  view_->setAxesOverlay(spec);
  scene_->highlight.actor->GetProperty()->SetColor(fg.redF(), fg.greenF(), fg.blueF());
  const QColor text = modality_color(Modality::Text);
  scene_->textTokens.actor->GetProperty()->SetColor(text.redF(), text.greenF(), text.blueF());
  // The path is the text colour at 80 % over the background, drawn opaque: any translucent
  // actor makes VTK add its order-independent transparency pass, which doubled the render.
  const QColor bg = view_background(theme_);
  const auto mix = [](double over, double under) { return 0.8 * over + 0.2 * under; };
  scene_->textPath.actor->GetProperty()->SetColor(
      mix(text.redF(), bg.redF()), mix(text.greenF(), bg.greenF()), mix(text.blueF(), bg.blueF()));
  overlay_->setStyleSheet(
      theme_ == Theme::Dark
          ? QStringLiteral("background: rgba(20,20,24,210); color: #eee; padding: 4px;")
          : QStringLiteral("background: rgba(255,255,255,220); color: #111; padding: 4px;"));
  view_->update();
}

std::array<double, 3> LayoutView::tokenPoint(std::size_t token) const {
  std::array<double, 3> p{0, 0, 0};
  for (std::size_t i = 0; i < 3; ++i) {
    if (displayAxes_[i] >= 0) p[i] = encoding_->id(displayAxes_[i], token);
  }
  return p;
}

void LayoutView::rebuild() {
  if (!encoding_) return;
  const Encoding& e = *encoding_;
  const std::size_t n = e.token_count();
  const TokenLayout& t = e.positions.tokens;
  const std::size_t stride = decimated_ && n > kInteractivePointBudget
                                 ? (n + kInteractivePointBudget - 1) / kInteractivePointBudget
                                 : 1;
  int frames = 1;
  for (std::size_t i = 0; i < n; ++i) frames = std::max(frames, t.frame[i] + 1);

  // Visual tokens (spheres, by frame or by modality) and text tokens (squares) in two clouds.
  const std::size_t shown = (n + stride - 1) / stride;
  std::size_t shownText = 0;
  for (std::size_t i = 0; i < n; i += stride) shownText += t.modality[i] == Modality::Text ? 1 : 0;
  const std::size_t shownVisual = shown - shownText;
  vtkNew<vtkPoints> points;
  vtkNew<vtkUnsignedCharArray> colors;
  colors->SetNumberOfComponents(3);
  points->SetNumberOfPoints(static_cast<vtkIdType>(shownVisual));
  colors->SetNumberOfTuples(static_cast<vtkIdType>(shownVisual));
  vtkNew<vtkCellArray> verts;
  verts->InsertNextCell(static_cast<vtkIdType>(shownVisual));
  vtkNew<vtkPoints> textPoints;
  textPoints->SetNumberOfPoints(static_cast<vtkIdType>(shownText));
  vtkNew<vtkCellArray> textVerts;
  textVerts->InsertNextCell(static_cast<vtkIdType>(shownText));
  vtkIdType kText = 0;
  bool video = false;
  std::array<double, 6> b{std::numeric_limits<double>::max(), -std::numeric_limits<double>::max(),
                          std::numeric_limits<double>::max(), -std::numeric_limits<double>::max(),
                          std::numeric_limits<double>::max(), -std::numeric_limits<double>::max()};
  vtkIdType k = 0;
  for (std::size_t i = 0; i < n; i += stride) {
    const auto p = tokenPoint(i);
    for (int a = 0; a < 3; ++a) {
      b[2 * a] = std::min(b[2 * a], p[a]);
      b[2 * a + 1] = std::max(b[2 * a + 1], p[a]);
    }
    if (t.modality[i] == Modality::Text) {
      textPoints->SetPoint(kText, p.data());
      textVerts->InsertCellPoint(kText++);
      continue;
    }
    // By frame: video tokens along the frame ramp; images (one frame) keep their modality colour.
    const bool byFrame = colorMode_ == ColorMode::Frame && t.modality[i] == Modality::Video;
    video = video || t.modality[i] == Modality::Video;
    points->SetPoint(k, p.data());
    set_color(colors, k, byFrame ? frame_color(t.frame[i], frames) : modality_color(t.modality[i]));
    verts->InsertCellPoint(k++);
  }
  // Bounds of the full scene even when decimated, so the frame does not jump while dragging.
  if (stride > 1) {
    for (std::size_t i = 0; i < n; ++i) {
      const auto p = tokenPoint(i);
      for (int a = 0; a < 3; ++a) {
        b[2 * a] = std::min(b[2 * a], p[a]);
        b[2 * a + 1] = std::max(b[2 * a + 1], p[a]);
      }
    }
  }
  // A flat axis (1-D and 2-D variants pad with 0) gets a slab a fraction of the longest axis
  // thick, so the box and the axes around a line or a plane stay readable.
  double longest = 0;
  for (int a = 0; a < 3; ++a) longest = std::max(longest, b[2 * a + 1] - b[2 * a]);
  for (int a = 0; a < 3; ++a) {
    if (b[2 * a + 1] - b[2 * a] < 1e-9) {
      const double half = std::max(1.0, 0.12 * longest);
      b[2 * a] -= half;
      b[2 * a + 1] += half;
    }
  }
  bounds_ = b;
  scene_->tokens.data->SetPoints(points);
  scene_->tokens.data->SetVerts(verts);
  scene_->tokens.data->GetPointData()->SetScalars(colors);
  // A 1-D layout packs every token onto one line: smaller points keep them apart.
  const double lineFactor = e.variant->axis_count() == 1 ? 0.55 : 1.0;
  scene_->tokens.actor->GetProperty()->SetPointSize(point_size_for(shown) * lineFactor *
                                                    view_->devicePixelRatioF());
  scene_->textTokens.data->SetPoints(textPoints);
  scene_->textTokens.data->SetVerts(textVerts);
  scene_->textTokens.actor->GetProperty()->SetPointSize(
      std::max(3.0, 0.8 * point_size_for(shown) * lineFactor) * view_->devicePixelRatioF());
  shownPoints_ = shown;

  vtkNew<vtkPoints> pathPoints;
  for (std::size_t i = 0; i < n; ++i) {
    if (t.modality[i] == Modality::Text) pathPoints->InsertNextPoint(tokenPoint(i).data());
  }
  vtkNew<vtkCellArray> path;
  path->InsertNextCell(pathPoints->GetNumberOfPoints());
  for (vtkIdType i = 0; i < pathPoints->GetNumberOfPoints(); ++i) path->InsertCellPoint(i);
  scene_->textPath.data->SetPoints(pathPoints);
  scene_->textPath.data->SetLines(path);

  vtkNew<vtkPoints> markedPoints;
  for (std::size_t token : marked_) {
    if (token < n) markedPoints->InsertNextPoint(tokenPoint(token).data());
  }
  vtkNew<vtkCellArray> markedVerts;
  markedVerts->InsertNextCell(markedPoints->GetNumberOfPoints());
  for (vtkIdType i = 0; i < markedPoints->GetNumberOfPoints(); ++i) markedVerts->InsertCellPoint(i);
  scene_->marked.data->SetPoints(markedPoints);
  scene_->marked.data->SetVerts(markedVerts);
  scene_->marked.actor->GetProperty()->SetPointSize(
      std::max(8.0, 1.6 * point_size_for(shown) * lineFactor) * view_->devicePixelRatioF());

  const auto axisTitle = [&](int i) {
    return displayAxes_[i] >= 0 ? e.axes()[displayAxes_[i]] : std::string();
  };
  CubeAxesSpec spec = view_->axesOverlay();
  spec.enabled = axesVisible_;
  std::copy(b.begin(), b.end(), spec.bounds.begin());
  for (std::size_t i = 0; i < 3; ++i) {
    spec.ranges[i] = {b[2 * i], b[2 * i + 1]};
    spec.titles[i] = QString::fromStdString(axisTitle(static_cast<int>(i)));
    // A padded axis carries no ids: no tick labels that would suggest otherwise.
    spec.labelled[i] = displayAxes_[i] >= 0;
  }
  spec.frameBar = colorMode_ == ColorMode::Frame && video ? frames : 0;
  view_->setAxesOverlay(spec);

  frameBounds(b);
  updatePickOverlay();
  view_->update();
}

void LayoutView::setMarkedTokens(std::vector<std::size_t> tokens) {
  marked_ = std::move(tokens);
  rebuild();
}

QColor LayoutView::markColor() {
  return {230, 20, 60};  // crimson: apart from the modality and frame colours
}

void LayoutView::frameBounds(const std::array<double, 6>& bounds) {
  vtkRenderer* renderer = view_->renderer();
  vtkCamera* camera = renderer->GetActiveCamera();
  if (!cameraFramed_) {
    // An oblique view: the t = h = w diagonal and stacked frames both stay visible.
    camera->SetFocalPoint(0, 0, 0);
    camera->SetPosition(0.55, -1.0, 0.7);
    camera->SetViewUp(0, 0, 1);
    cameraFramed_ = true;
  }
  // Leave room around the data for the axes' labels and titles.
  view_->frameBounds(bounds.data(), frameZoom());
  lastFramed_ = bounds;
  framedDistance_ = camera->GetDistance();
}

void LayoutView::resetCamera() {
  cameraFramed_ = false;
  frameBounds(bounds_);
}

void LayoutView::followCamera(LayoutView* leader) {
  // Linked panels turn together but each frames its own data: a shared camera would have to
  // frame the union, and a 1-D variant's long line would shrink every other panel to a dot.
  if (leader == nullptr || leader == this) return;
  connect(leader, &LayoutView::cameraMoved, this, [this, leader] { copyOrientation(*leader); });
  connect(this, &LayoutView::cameraMoved, leader,
          [this, leader] { leader->copyOrientation(*this); });
}

void LayoutView::copyOrientation(const LayoutView& other) {
  // A panel that has not framed its data yet has no orientation worth copying.
  if (!other.cameraFramed_) return;
  vtkCamera* source = other.view_->renderer()->GetActiveCamera();
  vtkCamera* camera = view_->renderer()->GetActiveCamera();
  double direction[3];
  source->GetDirectionOfProjection(direction);
  camera->SetFocalPoint(0, 0, 0);
  camera->SetPosition(-direction[0], -direction[1], -direction[2]);
  camera->SetViewUp(source->GetViewUp());
  cameraFramed_ = true;
  view_->frameBounds(bounds_.data(), frameZoom());
  lastFramed_ = bounds_;
  // Keep the same zoom relative to the data as the panel being turned.
  camera->Zoom(other.zoomFactor());
  view_->update();
}

double LayoutView::frameZoom() const {
  // Narrow compare panels need a wider margin: labels stick out of the box sideways.
  return view_->width() < 320 ? 0.7 : 0.85;
}

double LayoutView::zoomFactor() const {
  // How far the user zoomed from the framed distance (1 = as framed).
  vtkCamera* camera = view_->renderer()->GetActiveCamera();
  return framedDistance_ > 0 ? framedDistance_ / camera->GetDistance() : 1.0;
}

void LayoutView::refresh() {
  view_->renderer()->ResetCameraClippingRange();
  view_->update();
}

std::optional<QPoint> LayoutView::tokenPosition(std::size_t token) const {
  if (!encoding_ || token >= encoding_->token_count()) return std::nullopt;
  vtkRenderer* renderer = view_->renderer();
  const double ratio = view_->devicePixelRatioF();
  const int w = static_cast<int>(view_->width() * ratio);
  const int h = static_cast<int>(view_->height() * ratio);
  if (w <= 0 || h <= 0) return std::nullopt;
  vtkMatrix4x4* m = renderer->GetActiveCamera()->GetCompositeProjectionTransformMatrix(
      static_cast<double>(w) / h, -1, 1);
  const auto p = tokenPoint(token);
  double in[4] = {p[0], p[1], p[2], 1.0};
  double out[4];
  m->MultiplyPoint(in, out);
  if (out[3] <= 0) return std::nullopt;
  const double x = (out[0] / out[3] + 1.0) / 2.0 * w;
  const double y = (1.0 - (out[1] / out[3] + 1.0) / 2.0) * h;
  return view_->mapTo(this, QPoint(static_cast<int>(std::lround(x / ratio)),
                                   static_cast<int>(std::lround(y / ratio))));
}

long LayoutView::tokenAt(QPoint widgetPosition) const {
  if (!encoding_) return -1;
  const double ratio = view_->devicePixelRatioF();
  const int w = static_cast<int>(view_->width() * ratio);
  const int h = static_cast<int>(view_->height() * ratio);
  if (w <= 0 || h <= 0) return -1;
  // One projection matrix for all tokens (128k tokens: a few milliseconds).
  vtkMatrix4x4* m = view_->renderer()->GetActiveCamera()->GetCompositeProjectionTransformMatrix(
      static_cast<double>(w) / h, -1, 1);
  const QPoint origin = view_->mapTo(this, QPoint(0, 0));
  const double px = (widgetPosition.x() - origin.x()) * ratio;
  const double py = (widgetPosition.y() - origin.y()) * ratio;
  const double radius = kPickRadiusPixels * ratio;
  long best = -1;
  double bestDistance = radius * radius;
  for (std::size_t i = 0; i < encoding_->token_count(); ++i) {
    const auto p = tokenPoint(i);
    double in[4] = {p[0], p[1], p[2], 1.0};
    double out[4];
    m->MultiplyPoint(in, out);
    if (out[3] <= 0) continue;
    const double x = (out[0] / out[3] + 1.0) / 2.0 * w;
    const double y = (1.0 - (out[1] / out[3] + 1.0) / 2.0) * h;
    const double distance = (x - px) * (x - px) + (y - py) * (y - py);
    // Ties go to the later token: text drawn over the video it follows is the one seen.
    if (distance <= bestDistance) {
      bestDistance = distance;
      best = static_cast<long>(i);
    }
  }
  return best;
}

long LayoutView::pickAt(QPoint widgetPosition) {
  const long best = tokenAt(widgetPosition);
  pickToken(best);
  return best;
}

void LayoutView::hoverPick() {
  const long token = tokenAt(hoverPosition_);
  // Empty space keeps the last pick: the overlay does not flicker between tokens.
  if (token < 0 || token == picked_) return;
  pickToken(token);
  emit tokenHovered(token, pickedDescription());
}

void LayoutView::pickToken(long token) {
  picked_ =
      encoding_ && token >= 0 && token < static_cast<long>(encoding_->token_count()) ? token : -1;
  updatePickOverlay();
  view_->update();
  if (picked_ >= 0) emit tokenPicked(picked_, pickedDescription());
}

QString LayoutView::pickedDescription() const {
  if (!encoding_ || picked_ < 0) return {};
  return describe_token(*encoding_, static_cast<std::size_t>(picked_));
}

void LayoutView::updatePickOverlay() {
  vtkNew<vtkPoints> points;
  vtkNew<vtkCellArray> verts;
  if (picked_ >= 0 && encoding_) {
    points->InsertNextPoint(tokenPoint(static_cast<std::size_t>(picked_)).data());
    verts->InsertNextCell(1);
    verts->InsertCellPoint(0);
    overlay_->setText(pickedDescription());
    overlay_->adjustSize();
    overlay_->show();
  } else {
    overlay_->hide();
  }
  scene_->highlight.data->SetPoints(points);
  scene_->highlight.data->SetVerts(verts);
}

QImage LayoutView::renderImage() {
  return view_->captureImage();
}

void LayoutView::renderNow() {
  view_->repaint();
}

}  // namespace ropelab::views
