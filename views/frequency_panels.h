#pragma once
// The frequency view of every variant in view: one row of controls (temporal pairs only, 3-D
// surface, and whatever the owner adds) above one FrequencyView per variant in a PanelGrid, each
// naming its variant in its colour in its summary line. The controls are single: they set every
// panel alike, and tell the owner (which keeps the choice in its model).
#include <QColor>
#include <QWidget>
#include <memory>
#include <vector>

#include "ropelab/analyses.h"
#include "views/palette.h"

class QCheckBox;
class QHBoxLayout;

namespace ropelab::views {

class FrequencyView;
class PanelGrid;

class FrequencyPanels : public QWidget {
  Q_OBJECT
 public:
  struct Variant {
    std::shared_ptr<const Encoding> encoding;
    CollisionReport collisions;
    QColor color;  // invalid: no swatch
  };
  explicit FrequencyPanels(QWidget* parent = nullptr);

  void setData(const std::vector<Variant>& variants);
  int panelCount() const;
  FrequencyView* panel(int index) const;
  PanelGrid* panels() const { return panels_; }
  void setTemporalOnly(bool temporalOnly);
  bool temporalOnly() const;
  void setSurface3d(bool surface3d);
  bool surface3d() const;
  void setTheme(Theme theme);
  // Another control for the bar (the window's visual-segment choice).
  void addControl(QWidget* control);

 signals:
  // The user toggled "Temporal pairs only" / "3-D surface" (the owner stores it in its model).
  void temporalOnlyChosen(bool temporalOnly);
  void surface3dChosen(bool surface3d);

 private:
  void ensurePanels(int count);

  QHBoxLayout* bar_ = nullptr;
  QCheckBox* temporalOnly_ = nullptr;
  QCheckBox* surface3d_ = nullptr;
  PanelGrid* panels_ = nullptr;
  Theme theme_ = Theme::Light;
};

}  // namespace ropelab::views
