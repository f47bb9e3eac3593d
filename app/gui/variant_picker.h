#pragma once
// The variant picker: a choice list whose popup shows every registered variant by its id and its
// one-line summary (the closed box shows the id, so it fits a narrow panel), and a "Custom…"
// entry that opens CustomVariantDialog to pair one variant's position design with another's
// frequency allocation (core's composer, id custom:DESIGN/ALLOCATION).
#include <QComboBox>
#include <QDialog>

class QLabel;
class QDialogButtonBox;

namespace ropelab::app {

class VariantPicker : public QComboBox {
  Q_OBJECT
 public:
  // withNone: a first "—" entry (no variant, empty id) for the compare slots.
  explicit VariantPicker(bool withNone, QWidget* parent = nullptr);

  QString currentId() const { return currentData().toString(); }
  // Selects the variant `id` without emitting picked(); a composed id not yet listed gets its own
  // entry above "Custom…".
  void setCurrentId(const QString& id);
  // The text the closed box shows for an id ("custom: videorope / mrope-i" for composed ones).
  static QString shortName(const QString& id);
  // The one-line summary of a variant ("" for the empty id).
  static QString summary(const QString& id);
  // The data of the "Custom…" entry.
  static QString customEntry() { return QStringLiteral("custom…"); }
  // Wide enough for the shown id in full (composed ids are long), never for the summaries.
  QSize minimumSizeHint() const override;
  QSize sizeHint() const override { return minimumSizeHint(); }

 signals:
  // The user picked a variant (not emitted by setCurrentId); for "Custom…" after the dialog was
  // accepted, with the composed id.
  void picked(const QString& id);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void showPopup() override;

 private:
  void onActivated(int index);
  int ensureItem(const QString& id);

  QString shown_;  // the id selected before "Custom…" was chosen (restored on cancel)
};

// Chooses a position design and a frequency allocation among the registered variants. An
// incompatible pair is refused by core with a message, shown in the dialog, which stays open.
class CustomVariantDialog : public QDialog {
  Q_OBJECT
 public:
  // `current`: the variant to start from (a composed id preselects its two parts).
  explicit CustomVariantDialog(const QString& current, QWidget* parent = nullptr);

  QComboBox* designChoice() const { return design_; }
  QComboBox* allocationChoice() const { return allocation_; }
  QLabel* message() const { return message_; }
  // The composed id (custom:DESIGN/ALLOCATION) once accepted.
  QString composedId() const { return composed_; }
  // Accepts when core composes the pair, else shows its message and stays open.
  void accept() override;

 private:
  void check();

  QComboBox* design_ = nullptr;
  QComboBox* allocation_ = nullptr;
  QLabel* message_ = nullptr;
  QDialogButtonBox* buttons_ = nullptr;
  QString composed_;
};

}  // namespace ropelab::app
