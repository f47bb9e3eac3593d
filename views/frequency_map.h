#pragma once
// The frequency view's default, 2-D picture (spec/analyses.md §3, VideoRoPE Fig. 4): a heatmap
// of cos(position · θ_j) over pair j (rows) × position on the chosen axis (columns), with the
// strip of which axis each pair reads, the temporal pairs' wrap points t = k·λ, the video's
// extent as a dashed line and a colour bar; below it, line plots of three of the axis' pairs
// (its fastest, middle and slowest). Painted with QPainter, so screen, PNG, SVG and PDF agree.
// The values come from core (frequency_surface); axes from the tick engine.
#include <QImage>
#include <QWidget>
#include <memory>
#include <vector>

#include "ropelab/analyses.h"
#include "views/palette.h"

namespace ropelab::views {

class FrequencyMap : public QWidget {
  Q_OBJECT
 public:
  explicit FrequencyMap(QWidget* parent = nullptr);

  // `pairs` are the rows drawn (all pairs or the axis' own), `span` the positions across.
  void setData(std::shared_ptr<const Encoding> encoding, const CollisionReport& collisions,
               std::vector<int> pairs, double span);
  void setTheme(Theme theme);
  QSize minimumSizeHint() const override;
  // The pairs drawn as line plots below the heatmap.
  const std::vector<int>& linePairs() const { return linePairs_; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  std::shared_ptr<const Encoding> encoding_;
  CollisionReport collisions_;
  std::vector<int> pairs_;
  std::vector<int> linePairs_;
  double span_ = 1;
  // The heatmap image of the last paint and what it was made of: repaints that change none of
  // them (a theme, a resize of the line plots, a query move) reuse it.
  struct Heatmap {
    Eigen::VectorXd invFreq;
    std::vector<int> pairs;
    double span = 0;
    int columns = 0;
    QImage image;
  };
  Heatmap heatmap_;
  const QImage& heatmapImage(int columns);
  Theme theme_ = Theme::Light;
};

// Diverging blue - light grey - red ramp for values in [-1, 1] (cos), readable in both themes.
QColor diverging_color(double value);
// diverging_color(value).rgb(), bit for bit, without a QColor per call (the heatmap's pixels).
QRgb diverging_rgb(double value);

}  // namespace ropelab::views
