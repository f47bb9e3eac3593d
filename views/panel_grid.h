#pragma once
// Panels of compared variants in a grid, each under a title line: a swatch in the variant's
// colour (views::variant_colors) and its id. The window's docks (attention, frequency) and the
// figure export arrange their panels with this one class, so an export shows what the screen
// shows.
//
// Columns: the count whose cells come closest to a 4:3 aspect, among those that give every panel
// at least its minimum width. When the panels' minimum heights do not fit, the grid scrolls
// vertically, never sideways.
#include <QColor>
#include <QSize>
#include <QString>
#include <QWidget>
#include <vector>

class QGridLayout;
class QLabel;
class QScrollArea;

namespace ropelab::views {

// The number of columns for `count` panels in `area` (see above). `minimum` is a panel's
// smallest readable size including its title (empty: no constraint).
int grid_columns(int count, QSize area, QSize minimum = {}, double aspect = 4.0 / 3.0);

// The title line of a panel: "■ id", bold, the swatch in the variant's colour.
QString panel_title_html(const QString& id, const QColor& color);

class PanelGrid : public QWidget {
  Q_OBJECT
 public:
  explicit PanelGrid(QWidget* parent = nullptr);

  int count() const { return static_cast<int>(boxes_.size()); }
  // Adds `panel` (the grid owns it) at the end, without a title until setTitle.
  void append(QWidget* panel);
  // Removes (and deletes) the panels from index `count` on.
  void truncate(int count);
  QWidget* panel(int index) const;
  // Empty text: no title line (a single panel that names its variant elsewhere).
  void setTitle(int index, const QString& id, const QColor& color);
  QString title(int index) const;
  QLabel* titleLabel(int index) const;
  int columns() const { return columns_; }
  // Lays the panels out for the current size (also done on every resize).
  void arrange();

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  struct Box {
    QWidget* box = nullptr;
    QLabel* title = nullptr;
    QWidget* panel = nullptr;
  };
  QSize minimumCell() const;

  QScrollArea* scroll_ = nullptr;
  QWidget* content_ = nullptr;
  QGridLayout* grid_ = nullptr;
  std::vector<Box> boxes_;
  int columns_ = 1;
};

// One legend for several charts of the same compared variants: a line sample in each variant's
// colour and pen style (views/palette.h) and its id, in rows that wrap to the width. The charts
// dock shows it under its charts in compare mode, where a narrow chart's own legend has no room
// for text.
class VariantLegend : public QWidget {
  Q_OBJECT
 public:
  explicit VariantLegend(QWidget* parent = nullptr);
  void setVariants(const std::vector<QString>& ids, const std::vector<QColor>& colors);
  int entryCount() const { return static_cast<int>(ids_.size()); }
  bool hasHeightForWidth() const override { return true; }
  int heightForWidth(int width) const override;
  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  // Each entry's rectangle for the given width.
  std::vector<QRect> place(int width) const;

  std::vector<QString> ids_;
  std::vector<QColor> colors_;
};

}  // namespace ropelab::views
