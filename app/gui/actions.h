#pragma once
// One action registry: every command of the window is registered once (id → QAction with text,
// shortcut, icon, tooltip and handler); the menus, the shortcuts and the tour are built from the
// ids. Menus are described as lists of ids ("-" for a separator) in MainWindow::buildMenus.
#include <QAction>
#include <QKeySequence>
#include <QObject>
#include <QString>
#include <QStringList>
#include <functional>
#include <map>

class QMenu;
class QMenuBar;

namespace ropelab::app {

class ActionRegistry : public QObject {
  Q_OBJECT
 public:
  explicit ActionRegistry(QObject* parent = nullptr) : QObject(parent) {}

  // Registers an action; the id must be new. The action's object name is the id.
  QAction* add(const QString& id, const QString& text, std::function<void()> handler,
               const QKeySequence& shortcut = {}, const QString& toolTip = {});
  // Registers an existing action (a dock's toggle action, a checkable one).
  QAction* adopt(const QString& id, QAction* action);
  // nullptr for an unknown id.
  QAction* action(const QString& id) const;
  QStringList ids() const;
  // A menu of the registered ids in order ("-": separator); unknown ids are skipped.
  QMenu* buildMenu(QMenuBar* bar, const QString& title, const QStringList& ids);

 private:
  std::map<QString, QAction*> actions_;
  QStringList order_;
};

}  // namespace ropelab::app
