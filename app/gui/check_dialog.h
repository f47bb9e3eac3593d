#pragma once
// Models > Check my ids…: compares position ids (and optionally the frequency allocation) dumped
// from the user's own implementation with the current variant's reference on the current scene
// (core check.h, the same report as `ropelab-cli check`), and marks the differing tokens in the
// 3-D layout.
#include <QDialog>
#include <QString>
#include <vector>

#include "ropelab/variant.h"

class QLineEdit;
class QMenu;
class QPlainTextEdit;

namespace ropelab::app {

class MainWindow;

struct IdsCheckOutcome {
  bool ok = true;
  QString report;                   // the CLI's text report
  std::vector<std::size_t> tokens;  // tokens whose ids differ (any axis, any batch)
};

// Runs the check on `encoding`; throws InputError naming the file and the expected shape.
IdsCheckOutcome check_ids_files(const Encoding& encoding, const QString& idsPath,
                                const QString& allocationPath = {});

class CheckIdsDialog : public QDialog {
  Q_OBJECT
 public:
  explicit CheckIdsDialog(MainWindow* window);

  void setIdsPath(const QString& path);
  void setAllocationPath(const QString& path);
  // Checks against the window's current variant and scene, shows the report and marks the
  // differing tokens in the first layout panel; false on bad input (the message is shown).
  bool runCheck();
  QString reportText() const;

 private:
  MainWindow* window_;
  QLineEdit* ids_;
  QLineEdit* allocation_;
  QPlainTextEdit* report_;
};

// Adds "Check my ids…" to a menu (the Models menu).
void add_check_ids_action(MainWindow* window, QMenu* menu);

}  // namespace ropelab::app
