#include "views/frequency_view.h"

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkCubeAxesActor.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkTextProperty.h>
#include <vtkUnsignedCharArray.h>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "views/axes_style.h"
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
  vtkNew<vtkCubeAxesActor> axes;
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
  summary_->setFixedHeight(2 * summary_->fontMetrics().lineSpacing() + 4);
  summary_->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
  summary_->setToolTip(
      tr("A pair of wavelength λ returns to cos = 1 at t = k·λ: a frame that far from frame 0 "
         "looks the same to it on that pair (VideoRoPE's hash collision). Red dots mark those "
         "points for the temporal pairs whose λ is shorter than the video."));
  bar->addWidget(summary_, 1);
  temporalOnly_ = new QCheckBox(tr("Temporal pairs only"), this);
  temporalOnly_->setToolTip(tr("Draw only the pairs that read the time axis (VideoRoPE Fig. 4)"));
  connect(temporalOnly_, &QCheckBox::toggled, this, [this] { rebuild(); });
  connect(temporalOnly_, &QCheckBox::clicked, this, &FrequencyView::temporalOnlyChosen);
  bar->addWidget(temporalOnly_);
  layout->addLayout(bar);
  view_ = new VtkView(this);
  // Re-frame once VTK knows the new aspect ratio (the render window's new size).
  connect(view_, &VtkView::resized, this, [this] {
    const double bounds[6] = {0, kBoxT, 0, kBoxPairs, -kBoxZ, kBoxZ};
    if (cameraSet_) view_->frameBounds(bounds, kZoom);
  });
  layout->addWidget(view_, 1);

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
  renderer->AddActor(scene_->axes);
  vtkCubeAxesActor* axes = scene_->axes;
  axes->SetCamera(renderer->GetActiveCamera());
  // Outer edges: the three axes sit on different corners, so their labels do not pile up.
  axes->SetFlyModeToOuterEdges();
  axes->SetLabelScaling(false, 0, 0, 0);
  axes->SetScreenSize(13);
  axes->SetLabelOffset(10);
  axes->SetTitleOffset(16);
  axes->SetXLabelFormat("%-.4g");
  axes->SetYLabelFormat("%-#4.0f");
  axes->SetZLabelFormat("%-#4.1f");
  axes->SetXTitle("t");
  axes->SetYTitle("pair j");
  // The colour and the height both show the value: the z axis needs its title, not labels
  // (which crowd on a short axis seen from above).
  axes->SetZTitle("cos");
  axes->ZAxisLabelVisibilityOff();
  axes->ZAxisMinorTickVisibilityOff();
  axes->XAxisMinorTickVisibilityOff();
  axes->YAxisMinorTickVisibilityOff();
  applyTheme();
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

void FrequencyView::setTheme(Theme theme) {
  theme_ = theme;
  applyTheme();
}

void FrequencyView::applyTheme() {
  const QColor fg = view_foreground(theme_);
  view_->setBackground(view_background(theme_));
  style_cube_axes(scene_->axes, fg);
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

  vtkCubeAxesActor* axes = scene_->axes;
  double bounds[6] = {0, kBoxT, 0, kBoxPairs, -kBoxZ, kBoxZ};
  axes->SetBounds(bounds);
  axes->SetXAxisRange(0, span_);
  axes->SetYAxisRange(pairs.empty() ? 0 : pairs.front(), pairs.empty() ? 0 : pairs.back() + 1);
  axes->SetZAxisRange(-1, 1);
  axes->SetXTitle(("position on " + collisions_.axis_name).c_str());

  summary_->setText(tr("%6 — axis %1: %2 pairs, %3 wrap within the video (extent %4); slowest "
                       "λ %5. Red dots: t = k·λ.")
                        .arg(QString::fromStdString(collisions_.axis_name))
                        .arg(collisions_.pairs.size())
                        .arg(collisions_.wrapping_pairs)
                        .arg(QString::number(collisions_.extent, 'g', 5))
                        .arg(QString::number(collisions_.slowest_wavelength, 'g', 5))
                        .arg(QString::fromStdString(std::string(e.variant->id()))));

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
  return view_->captureImage();
}

void FrequencyView::renderNow() {
  view_->repaint();
}

}  // namespace ropelab::views
