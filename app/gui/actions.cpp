#include "app/gui/actions.h"

#include <QMenu>
#include <QMenuBar>
#include <utility>

namespace ropelab::app {

QAction* ActionRegistry::add(const QString& id, const QString& text, std::function<void()> handler,
                             const QKeySequence& shortcut, const QString& toolTip) {
  auto* action = new QAction(text, this);
  action->setShortcut(shortcut);
  if (!toolTip.isEmpty()) action->setToolTip(toolTip);
  connect(action, &QAction::triggered, this, [handler = std::move(handler)] { handler(); });
  return adopt(id, action);
}

QAction* ActionRegistry::adopt(const QString& id, QAction* action) {
  Q_ASSERT(!actions_.count(id));
  action->setObjectName(id);
  actions_[id] = action;
  order_ << id;
  return action;
}

QAction* ActionRegistry::action(const QString& id) const {
  const auto it = actions_.find(id);
  return it == actions_.end() ? nullptr : it->second;
}

QStringList ActionRegistry::ids() const {
  return order_;
}

QMenu* ActionRegistry::buildMenu(QMenuBar* bar, const QString& title, const QStringList& ids) {
  QMenu* menu = bar->addMenu(title);
  for (const QString& id : ids) {
    if (id == QLatin1String("-")) {
      menu->addSeparator();
    } else if (QAction* a = action(id)) {
      menu->addAction(a);
    }
  }
  return menu;
}

}  // namespace ropelab::app
