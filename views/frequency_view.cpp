#include "views/frequency_view.h"

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkTextProperty.h>
#include <vtkUnsignedCharArray.h>
#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "views/frequency_map.h"
#include "views/vtk_view.h"

namespace ropelab::views {

namespace {

// The surface lives in a fixed box so that a 16-pair band and a 64-pair surface, or 8 and 800
// positions, are equally readable; the axes show the real ranges.
constexpr double kBoxT = 2.0;
constexpr double kBoxPairs = 2.0;
constexpr double kBoxZ = 0.5;
constexpr int kSamples = 240;
// ResetCamera fits the box's bounding sphere; its margin holds the axes' labels and titles.
constexpr double kZoom = 1.0;
constexpr double kMinimumSpan = 8.0;

QColor shade(const QColor& axis, double value01) {
  // Dark tint of the axis colour at cos = -1, light tint at cos = +1.
  const double dark = 0.25, light = 0.75;
  const double mix = dark + (light - dark) * value01;
  const auto channel = [&](double c) {
    return mix < 0.5 ? c * (mix * 2.0) : c + (1.0 - c) * ((mix - 0.5) * 2.0);
  };
  return QColor::fromRgbF(static_cast<float>(channel(axis.redF())),
                          static_cast<float>(channel(axis.greenF())),
                          static_cast<float>(channel(axis.blueF())));
}

}  // namespace

struct FrequencyView::Scene3d {
  vtkNew<vtkPolyData> surface;
  vtkNew<vtkPolyDataMapper> surfaceMapper;
  vtkNew<vtkActor> surfaceActor;
  vtkNew<vtkPolyData> markers;
  vtkNew<vtkPolyDataMapper> markerMapper;
  vtkNew<vtkActor> markerActor;
};

FrequencyView::FrequencyView(QWidget* parent)
    : QWidget(parent), scene_(std::make_unique<Scene3d>()) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  auto* bar = new QHBoxLayout;
  bar->setContentsMargins(4, 2, 4, 0);
  summary_ = new QLabel(this);
  summary_->setObjectName(QStringLiteral("frequencySummary"));
  summary_->setWordWrap(true);
  // Two lines, always: a summary that changes height would re-lay out the whole dock area.
  fitSummaryHeight();
  summary_->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
  summary_->setToolTip(
      tr("A pair of wavelength λ returns to cos = 1 at t = k·λ: a frame that far from frame 0 "
         "looks the same to it on that pair (VideoRoPE's hash collision). Tick marks (dots on the "
         "3-D surface) mark those "
         "points for the temporal pairs whose λ is shorter than the video."));
  bar->addWidget(summary_, 1);
  temporalOnly_ = new QCheckBox(tr("Temporal pairs only"), this);
  temporalOnly_->setToolTip(tr("Draw only the pairs that read the time axis (VideoRoPE Fig. 4)"));
  connect(temporalOnly_, &QCheckBox::toggled, this, [this] { rebuild(); });
  connect(temporalOnly_, &QCheckBox::clicked, this, &FrequencyView::temporalOnlyChosen);
  bar->addWidget(temporalOnly_);
  surface3d_ = new QCheckBox(tr("3-D surface"), this);
  surface3d_->setToolTip(tr("Show cos(t·θ_j) as a 3-D surface instead of the heatmap"));
  bar->addWidget(surface3d_);
  layout->addLayout(bar);
  stack_ = new QStackedWidget(this);
  map_ = new FrequencyMap(stack_);
  view_ = new VtkView(stack_);
  stack_->addWidget(map_);
  stack_->addWidget(view_);
  connect(surface3d_, &QCheckBox::toggled, this, [this](bool on) {
    stack_->setCurrentIndex(on ? 1 : 0);
    rebuild();
  });
  // Re-frame once VTK knows the new aspect ratio (the render window's new size).
  connect(view_, &VtkView::resized, this, [this] {
    const double bounds[6] = {0, kBoxT, 0, kBoxPairs, -kBoxZ, kBoxZ};
    if (cameraSet_) view_->frameBounds(bounds, kZoom);
  });
  layout->addWidget(stack_, 1);

  scene_->surfaceMapper->SetInputData(scene_->surface);
  scene_->surfaceMapper->SetColorModeToDirectScalars();
  scene_->surfaceActor->SetMapper(scene_->surfaceMapper);
  scene_->surfaceActor->GetProperty()->SetAmbient(0.45);
  scene_->surfaceActor->GetProperty()->SetDiffuse(0.6);
  scene_->markerMapper->SetInputData(scene_->markers);
  scene_->markerMapper->ScalarVisibilityOff();
  scene_->markerActor->SetMapper(scene_->markerMapper);
  scene_->markerActor->GetProperty()->SetRenderPointsAsSpheres(true);
  scene_->markerActor->GetProperty()->SetPointSize(9);
  scene_->markerActor->GetProperty()->SetColor(0.9, 0.1, 0.1);
  vtkRenderer* renderer = view_->renderer();
  renderer->AddActor(scene_->surfaceActor);
  renderer->AddActor(scene_->markerActor);
  applyTheme();
}

void FrequencyView::fitSummaryHeight() {
  summary_->setFixedHeight(2 * fontMetrics().lineSpacing() + 4);
}

void FrequencyView::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  // Presentation mode enlarges the application font: the two lines grow with it.
  if (event->type() == QEvent::FontChange && summary_ != nullptr) fitSummaryHeight();
}

FrequencyView::~FrequencyView() = default;

void FrequencyView::setData(std::shared_ptr<const Encoding> encoding,
                            const CollisionReport& collisions) {
  encoding_ = std::move(encoding);
  collisions_ = collisions;
  rebuild();
}

void FrequencyView::setTemporalOnly(bool temporalOnly) {
  temporalOnly_->setChecked(temporalOnly);
}
bool FrequencyView::temporalOnly() const {
  return temporalOnly_->isChecked();
}

void FrequencyView::setSurface3d(bool surface3d) {
  surface3d_->setChecked(surface3d);
}
bool FrequencyView::surface3d() const {
  return surface3d_->isChecked();
}

void FrequencyView::setVariantColor(const QColor& color) {
  if (color == variantColor_) return;
  variantColor_ = color;
  rebuild();
}

void FrequencyView::setControlsVisible(bool visible) {
  temporalOnly_->setVisible(visible);
  surface3d_->setVisible(visible);
}

void FrequencyView::setTheme(Theme theme) {
  theme_ = theme;
  applyTheme();
}

void FrequencyView::applyTheme() {
  const QColor fg = view_foreground(theme_);
  view_->setBackground(view_background(theme_));
  map_->setTheme(theme_);
  scene_->markerActor->GetProperty()->SetColor(fg.redF(), fg.greenF(), fg.blueF());
  CubeAxesSpec spec = view_->axesOverlay();
  spec.foreground = fg;
  spec.grid = theme_ == Theme::Dark ? QColor(90, 90, 96) : QColor(200, 200, 205);
  view_->setAxesOverlay(spec);
  view_->update();
}

void FrequencyView::rebuild() {
  if (!encoding_) return;
  const Encoding& e = *encoding_;
  std::vector<int> pairs;
  if (temporalOnly() && !collisions_.pairs.empty()) {
    pairs = collisions_.pairs;
  } else {
    for (int j = 0; j < e.pairs(); ++j) pairs.push_back(j);
  }
  span_ = std::max(collisions_.extent, kMinimumSpan);
  const QString name = QString::fromStdString(std::string(e.variant->id())).toHtmlEscaped();
  // An axis without rotating pairs (HoPE's t: all zero frequency) has no slowest wavelength.
  const bool rotating = !collisions_.pairs.empty() &&
                        std::isfinite(collisions_.slowest_wavelength) &&
                        collisions_.slowest_wavelength > 0;
  summary_->setText(
      tr("%6 — %1: %2 pairs, %3 wrap in the video (extent %4); %5")
          .arg(QString::fromStdString(collisions_.axis_name))
          .arg(collisions_.pairs.size())
          .arg(collisions_.wrapping_pairs)
          .arg(QString::number(collisions_.extent, 'g', 5))
          .arg(rotating
                   ? tr("slowest λ %1").arg(QString::number(collisions_.slowest_wavelength, 'g', 5))
                   : tr("no pair rotates by it"))
          .arg(variantColor_.isValid() ? QStringLiteral("<span style='color:%1'>■</span> %2")
                                             .arg(variantColor_.name(), name)
                                       : name));
  if (!surface3d()) {
    // The heatmap shows a little beyond the video so its extent line is inside the picture.
    rows_ = static_cast<int>(pairs.size());
    markers_ = 0;
    for (std::size_t i = 0; i < collisions_.wavelengths.size(); ++i) {
      const double lambda = collisions_.wavelengths[i];
      if (lambda > 0 && lambda < collisions_.extent)
        markers_ += static_cast<int>(std::floor(collisions_.extent / lambda + 1e-9));
    }
    map_->setData(encoding_, collisions_, pairs, std::max(collisions_.extent * 1.25, kMinimumSpan));
    return;
  }
  const RowMatrix z = frequency_surface(e.inv_freq, pairs, span_, kSamples);
  const int rows = static_cast<int>(pairs.size());
  rows_ = rows;

  // One quad strip per pair row, drawn as a band of the pair's own height so each row keeps one
  // axis tint (pairs of different axes interleave in VideoRoPE and Qwen3).
  vtkNew<vtkPoints> points;
  vtkNew<vtkUnsignedCharArray> colors;
  colors->SetNumberOfComponents(3);
  vtkNew<vtkCellArray> quads;
  const double rowHeight = kBoxPairs / std::max(rows, 1);
  for (int r = 0; r < rows; ++r) {
    const QColor axis = axis_color(e.pair_axis[pairs[r]]);
    const vtkIdType first = points->GetNumberOfPoints();
    for (int s = 0; s < kSamples; ++s) {
      const double x = kBoxT * s / (kSamples - 1);
      const double value = z(r, s);
      const QColor c = shade(axis, (value + 1.0) / 2.0);
      const unsigned char rgb[3] = {static_cast<unsigned char>(c.red()),
                                    static_cast<unsigned char>(c.green()),
                                    static_cast<unsigned char>(c.blue())};
      for (double y : {r * rowHeight, (r + 1) * rowHeight}) {
        points->InsertNextPoint(x, y, value * kBoxZ);
        colors->InsertNextTypedTuple(rgb);
      }
    }
    for (int s = 0; s + 1 < kSamples; ++s) {
      const vtkIdType a = first + 2 * s;
      const vtkIdType quad[4] = {a, a + 2, a + 3, a + 1};
      quads->InsertNextCell(4, quad);
    }
  }
  scene_->surface->SetPoints(points);
  scene_->surface->SetPolys(quads);
  scene_->surface->GetPointData()->SetScalars(colors);

  // Wrap-around markers: a pair of wavelength lambda returns to cos = 1 at t = k*lambda, so a
  // frame there collides with frame 0 on that pair.
  vtkNew<vtkPoints> markerPoints;
  vtkNew<vtkCellArray> markerCells;
  for (std::size_t i = 0; i < collisions_.pairs.size(); ++i) {
    const auto row = std::find(pairs.begin(), pairs.end(), collisions_.pairs[i]);
    if (row == pairs.end()) continue;
    const double lambda = collisions_.wavelengths[i];
    if (!(lambda > 0) || lambda >= collisions_.extent) continue;
    const double y = (static_cast<double>(row - pairs.begin()) + 0.5) * rowHeight;
    for (double t = lambda; t <= collisions_.extent && markerPoints->GetNumberOfPoints() < 5000;
         t += lambda) {
      markerCells->InsertNextCell(1);
      markerCells->InsertCellPoint(markerPoints->InsertNextPoint(kBoxT * t / span_, y, kBoxZ));
    }
  }
  markers_ = static_cast<int>(markerPoints->GetNumberOfPoints());
  scene_->markers->SetPoints(markerPoints);
  scene_->markers->SetVerts(markerCells);

  double bounds[6] = {0, kBoxT, 0, kBoxPairs, -kBoxZ, kBoxZ};
  CubeAxesSpec spec = view_->axesOverlay();
  spec.enabled = true;
  spec.bounds = {0, kBoxT, 0, kBoxPairs, -kBoxZ, kBoxZ};
  spec.ranges = {{{0, span_},
                  {pairs.empty() ? 0.0 : pairs.front(), pairs.empty() ? 1.0 : pairs.back() + 1.0},
                  {-1, 1}}};
  spec.titles = {tr("position on %1").arg(QString::fromStdString(collisions_.axis_name)),
                 tr("pair j"), QStringLiteral("cos")};
  view_->setAxesOverlay(spec);

  vtkRenderer* renderer = view_->renderer();
  if (!cameraSet_) {
    vtkCamera* camera = renderer->GetActiveCamera();
    camera->SetFocalPoint(kBoxT / 2, kBoxPairs / 2, 0);
    // From the front right and above: t runs left to right, the pairs recede, both readable.
    camera->SetPosition(kBoxT / 2 + 2.6, kBoxPairs / 2 - 3.4, 2.6);
    camera->SetViewUp(0, 0, 1);
    cameraSet_ = true;
  }
  view_->frameBounds(bounds, kZoom);
  view_->update();
}

QImage FrequencyView::renderImage() {
  return surface3d() ? view_->captureImage() : map_->grab().toImage();
}

void FrequencyView::renderNow() {
  if (surface3d()) {
    view_->repaint();
  } else {
    map_->repaint();
  }
}

}  // namespace ropelab::views
