#pragma once
// The 3-D index layouts of a Paper figures entry (core's FigureLayouts): the app's own layout view,
// one per variant, in a views::PanelGrid as in compare mode, each titled in its variant's colour
// and their cameras linked (turning one turns all). The views only draw core's encodings.
#include <QWidget>
#include <vector>

#include "ropelab/paper_figures.h"
#include "views/palette.h"

namespace ropelab::views {
class LayoutView;
class PanelGrid;
}  // namespace ropelab::views

namespace ropelab::teaching {

class FigureLayoutPanels : public QWidget {
  Q_OBJECT
 public:
  // A panel is at least this tall (the axes, their labels and the frame bar stay readable in the
  // dialog and in `ropelab-cli figure --paper-figure` renders) and this wide; it grows towards 4:3
  // up to kMaxPanelHeight, so a lone panel leaves room for the entry's table below.
  static constexpr int kMinPanelHeight = 320;
  static constexpr int kMaxPanelHeight = 480;
  static constexpr int kMinPanelWidth = 240;

  explicit FigureLayoutPanels(QWidget* parent = nullptr);

  // Shows the block's panels. The views already there take the new encodings in place (a slider
  // or sweep frame re-encodes, it does not create views), keeping their linked camera.
  void setLayouts(const FigureLayouts& layouts);
  void setTheme(views::Theme theme);
  // Turns every panel back to the default oblique view (a new entry starts from it).
  void resetCameras();
  int count() const { return static_cast<int>(views_.size()); }
  views::LayoutView* view(int index) const;

  bool hasHeightForWidth() const override { return true; }
  int heightForWidth(int width) const override;
  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  void ensurePanels(std::size_t wanted);
  int columnsFor(int width) const;
  int panelHeightFor(int width) const;

  views::PanelGrid* grid_ = nullptr;
  std::vector<views::LayoutView*> views_;
  views::Theme theme_ = views::Theme::Light;
};

}  // namespace ropelab::teaching
