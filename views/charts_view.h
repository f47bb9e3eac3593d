#pragma once
// Qt Charts for the variants in view: positional similarity S(delta) on the temporal axis,
// wavelength per pair (one variant: coloured by axis; several: each variant's temporal pairs in
// its colour) with the video's extent, and the jump out of the video versus T. Kept inside views/
// so Qt Charts can be swapped for Qt Graphs later.
#include <QColor>
#include <QWidget>
#include <vector>

#include "views/charts_data.h"
#include "views/palette.h"

QT_BEGIN_NAMESPACE
class QChartView;
class QChart;
class QLabel;
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
  // The legend under chart 0 (similarity), 1 (wavelengths) or 2 (jumps): rich text that wraps
  // between entries, never elided.
  QLabel* legend(int chart) const;

 protected:
  void changeEvent(QEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void fillSimilarity(const std::vector<ChartsData>& variants, bool rebuild);
  void fillWavelengths(const std::vector<ChartsData>& variants, bool rebuild);
  void fillJumps(const std::vector<ChartsData>& variants, bool rebuild);
  // Chart titles, legends and axes in the widget's font (figures scale it with their size).
  void applyFonts();
  // The legends from the charts' visible series plus extraLegend_ (entries without a series).
  void updateLegends();

  QChartView* similarity_ = nullptr;
  QChartView* wavelengths_ = nullptr;
  QChartView* jumps_ = nullptr;
  std::vector<QLabel*> legends_;
  struct LegendItem {
    QString glyph;
    QColor color;
    QString text;
  };
  std::vector<LegendItem> extraLegend_[3];
  std::vector<ChartsData> last_;  // refilled after a theme change resets series colours
  QString signature_;             // variants and axes the charts' series were built for
};

}  // namespace ropelab::views
