#pragma once
// Qt Charts for the variants in view: positional similarity S(delta) on the temporal axis,
// wavelength per pair coloured by axis (log scale, with the video's extent), and the jump out of
// the video versus T. Kept inside views/ so Qt Charts can be swapped for Qt Graphs later.
#include <QWidget>
#include <vector>

#include "views/charts_data.h"
#include "views/palette.h"

QT_BEGIN_NAMESPACE
class QChartView;
class QChart;
QT_END_NAMESPACE

namespace ropelab::views {

class ChartsView : public QWidget {
  Q_OBJECT
 public:
  explicit ChartsView(QWidget* parent = nullptr);

  void setData(const std::vector<ChartsData>& variants);
  void setTheme(Theme theme);
  int seriesCount() const;
  QImage renderImage();

 private:
  void fillSimilarity(const std::vector<ChartsData>& variants);
  void fillWavelengths(const ChartsData& primary);
  void fillJumps(const std::vector<ChartsData>& variants);

  QChartView* similarity_ = nullptr;
  QChartView* wavelengths_ = nullptr;
  QChartView* jumps_ = nullptr;
  std::vector<ChartsData> last_;  // refilled after a theme change resets series colours
};

}  // namespace ropelab::views
