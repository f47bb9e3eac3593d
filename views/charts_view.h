#pragma once
// Qt Charts for the variants in view: positional similarity S(delta) on the temporal axis,
// wavelength per pair (one variant: coloured by axis; several: each variant's temporal pairs in
// its colour) with the video's extent, and the jump out of the video versus T. Kept inside views/
// so Qt Charts can be swapped for Qt Graphs later.
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

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void fillSimilarity(const std::vector<ChartsData>& variants, bool rebuild);
  void fillWavelengths(const std::vector<ChartsData>& variants, bool rebuild);
  void fillJumps(const std::vector<ChartsData>& variants, bool rebuild);
  // Chart titles, legends and axes in the widget's font (figures scale it with their size).
  void applyFonts();

  QChartView* similarity_ = nullptr;
  QChartView* wavelengths_ = nullptr;
  QChartView* jumps_ = nullptr;
  std::vector<ChartsData> last_;  // refilled after a theme change resets series colours
  QString signature_;             // variants and axes the charts' series were built for
};

}  // namespace ropelab::views
