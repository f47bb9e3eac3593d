#pragma once
// Frequency versus position (spec/analyses.md §3, VideoRoPE Fig. 4): by default a 2-D heatmap of
// cos(t * inv_freq[j]) over pair j × position t with line plots of three pairs
// (views/frequency_map.h); as an option the 3-D surface, each pair's band tinted by the axis it
// reads. The temporal pairs' wrap-around points (t a multiple of a wavelength shorter than the
// video) are marked in both.
#include <QWidget>
#include <memory>

#include "ropelab/analyses.h"
#include "views/palette.h"

class QCheckBox;
class QLabel;
class QStackedWidget;

namespace ropelab::views {

class VtkView;

class FrequencyView : public QWidget {
  Q_OBJECT
 public:
  explicit FrequencyView(QWidget* parent = nullptr);
  ~FrequencyView() override;

  void setData(std::shared_ptr<const Encoding> encoding, const CollisionReport& collisions);
  void setTemporalOnly(bool temporalOnly);
  bool temporalOnly() const;
  // The 2-D heatmap and line plots (default) or the 3-D surface.
  void setSurface3d(bool surface3d);
  bool surface3d() const;
  void setTheme(Theme theme);
  // The variant's colour, as a swatch before its name in the summary line.
  void setVariantColor(const QColor& color);
  // Hides the two check boxes when a container (FrequencyPanels) shows them once for all panels.
  void setControlsVisible(bool visible);
  int surfaceRows() const { return rows_; }
  int collisionMarkers() const { return markers_; }
  // Positions spanned by the surface: the video's temporal extent, at least a few positions.
  double timeSpan() const { return span_; }
  QImage renderImage();
  // Paints the 3-D scene now (synchronously), e.g. to measure the render time.
  void renderNow();
  VtkView* vtkView() const { return view_; }

 signals:
  // The user toggled "Temporal pairs only" (the owner stores it in its model).
  void temporalOnlyChosen(bool temporalOnly);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  struct Scene3d;
  void rebuild();
  void applyTheme();
  void fitSummaryHeight();

  VtkView* view_ = nullptr;
  class FrequencyMap* map_ = nullptr;
  QStackedWidget* stack_ = nullptr;
  QCheckBox* surface3d_ = nullptr;
  QCheckBox* temporalOnly_ = nullptr;
  QLabel* summary_ = nullptr;
  std::unique_ptr<Scene3d> scene_;
  std::shared_ptr<const Encoding> encoding_;
  CollisionReport collisions_;
  Theme theme_ = Theme::Light;
  QColor variantColor_;
  int rows_ = 0;
  int markers_ = 0;
  double span_ = 0;
  bool cameraSet_ = false;
};

}  // namespace ropelab::views
