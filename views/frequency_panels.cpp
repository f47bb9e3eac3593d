#include "views/frequency_panels.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QVBoxLayout>
#include <algorithm>

#include "views/frequency_view.h"
#include "views/panel_grid.h"

namespace ropelab::views {

FrequencyPanels::FrequencyPanels(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  bar_ = new QHBoxLayout;
  bar_->setContentsMargins(4, 2, 4, 0);
  temporalOnly_ = new QCheckBox(tr("Temporal pairs only"), this);
  temporalOnly_->setObjectName(QStringLiteral("temporalOnly"));
  temporalOnly_->setToolTip(tr("Draw only the pairs that read the time axis (VideoRoPE Fig. 4)"));
  bar_->addWidget(temporalOnly_);
  surface3d_ = new QCheckBox(tr("3-D surface"), this);
  surface3d_->setObjectName(QStringLiteral("surface3d"));
  surface3d_->setToolTip(tr("Show cos(t·θ_j) as a 3-D surface instead of the heatmap"));
  bar_->addWidget(surface3d_);
  bar_->addStretch(1);
  layout->addLayout(bar_);
  panels_ = new PanelGrid(this);
  layout->addWidget(panels_, 1);
  ensurePanels(1);
  connect(temporalOnly_, &QCheckBox::toggled, this, [this](bool on) {
    for (int i = 0; i < panelCount(); ++i) panel(i)->setTemporalOnly(on);
  });
  connect(temporalOnly_, &QCheckBox::clicked, this, &FrequencyPanels::temporalOnlyChosen);
  connect(surface3d_, &QCheckBox::toggled, this, [this](bool on) {
    for (int i = 0; i < panelCount(); ++i) panel(i)->setSurface3d(on);
  });
  connect(surface3d_, &QCheckBox::clicked, this, &FrequencyPanels::surface3dChosen);
}

void FrequencyPanels::ensurePanels(int count) {
  panels_->truncate(count);
  while (panels_->count() < count) {
    auto* view = new FrequencyView(panels_);
    view->setObjectName(QStringLiteral("frequencyView%1").arg(panels_->count()));
    view->setControlsVisible(false);
    view->setTheme(theme_);
    view->setTemporalOnly(temporalOnly_->isChecked());
    view->setSurface3d(surface3d_->isChecked());
    panels_->append(view);
  }
}

void FrequencyPanels::setData(const std::vector<Variant>& variants) {
  ensurePanels(std::max<int>(1, static_cast<int>(variants.size())));
  for (int i = 0; i < static_cast<int>(variants.size()); ++i) {
    const Variant& v = variants[static_cast<std::size_t>(i)];
    FrequencyView* view = panel(i);
    // The summary line names the variant (swatch and id): no separate title line.
    if (v.color.isValid()) view->setVariantColor(v.color);
    view->setData(v.encoding, v.collisions);
  }
}

int FrequencyPanels::panelCount() const {
  return panels_->count();
}

FrequencyView* FrequencyPanels::panel(int index) const {
  return static_cast<FrequencyView*>(panels_->panel(index));
}

void FrequencyPanels::setTemporalOnly(bool temporalOnly) {
  temporalOnly_->setChecked(temporalOnly);
}
bool FrequencyPanels::temporalOnly() const {
  return temporalOnly_->isChecked();
}
void FrequencyPanels::setSurface3d(bool surface3d) {
  surface3d_->setChecked(surface3d);
}
bool FrequencyPanels::surface3d() const {
  return surface3d_->isChecked();
}

void FrequencyPanels::setTheme(Theme theme) {
  theme_ = theme;
  for (int i = 0; i < panelCount(); ++i) panel(i)->setTheme(theme);
}

void FrequencyPanels::addControl(QWidget* control) {
  bar_->insertWidget(bar_->count() - 1, control);
}

}  // namespace ropelab::views
