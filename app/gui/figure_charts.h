#pragma once
// The wave-2 paper figures' widgets: a chart drawn with the tick engine (views/ticks.h) in the
// variants' own colours (views::variant_colors), and the allocation map of every variant (the axis
// each rotary pair reads, NoPE pairs, unrotated dims, one thin row per KV head for head-wise
// variants). Both only draw core's FigureChart / FigureAllocationMap.
#include <QColor>
#include <QWidget>
#include <string>

#include "ropelab/paper_figures.h"

namespace ropelab::teaching {

// An axis's colour by its name, the same in every row of the map: t, h, w as views::axis_color
// 0, 1, 2; p, u1..u4 their own; all kept apart from the variant palette.
QColor axis_name_color(const std::string& name);

class ChartPlot : public QWidget {
  Q_OBJECT
 public:
  explicit ChartPlot(QWidget* parent = nullptr);
  void setChart(FigureChart chart);
  const FigureChart& chart() const { return chart_; }
  QSize sizeHint() const override { return {720, 400}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  FigureChart chart_;
};

class AllocationMapPlot : public QWidget {
  Q_OBJECT
 public:
  explicit AllocationMapPlot(QWidget* parent = nullptr);
  void setMap(FigureAllocationMap map);
  const FigureAllocationMap& map() const { return map_; }
  QSize sizeHint() const override;
  // Where row `row` (and, for head-wise rows, KV head `head`) slot `slot` is drawn (for tests).
  QRectF cellRect(int row, int head, int slot) const;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  struct Geometry {
    QRect area;  // the slots of every row
    int labelWidth = 0;
    int rowHeight = 0;
    std::vector<int> rowTop;  // per row
    std::vector<int> rowHeightOf;
  };
  Geometry geometry() const;
  FigureAllocationMap map_;
};

}  // namespace ropelab::teaching
