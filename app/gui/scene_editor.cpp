#include "app/gui/scene_editor.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QSignalBlocker>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

#include "app/gui/labeled_slider.h"
#include "app/gui/model/app_model.h"
#include "ropelab/error.h"

namespace ropelab::app {

namespace {

enum Field { kCount, kFrames, kHeight, kWidth, kSeconds };

QString segment_text(const Segment& s, int index) {
  switch (s.modality) {
    case Modality::Text:
      return QObject::tr("%1. text · %2 tokens").arg(index + 1).arg(s.count);
    case Modality::Image:
      return QObject::tr("%1. image · %2×%3").arg(index + 1).arg(s.height).arg(s.width);
    case Modality::Video:
      return QObject::tr("%1. video · %2×%3×%4 @ %5 s/frame")
          .arg(index + 1)
          .arg(s.frames)
          .arg(s.height)
          .arg(s.width)
          .arg(s.seconds_per_frame);
  }
  return {};
}

QToolButton* tool_button(const QString& text, const QString& tip, QWidget* parent) {
  auto* b = new QToolButton(parent);
  b->setText(text);
  b->setToolTip(tip);
  b->setAutoRaise(false);
  return b;
}

}  // namespace

SceneEditor::SceneEditor(AppModel* model, QWidget* parent) : QWidget(parent), model_(model) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);

  grammar_ = new QLineEdit(this);
  grammar_->setMinimumWidth(60);
  grammar_->setObjectName(QStringLiteral("sceneGrammar"));
  grammar_->setToolTip(
      tr("The scene as ropelab-cli --scene takes it: text:N, image:HxW, video:TxHxW[@seconds per "
         "frame], comma-separated, in any number and order. Enter applies it."));
  grammar_->setPlaceholderText(QStringLiteral("text:4,video:8x4x4,text:4"));
  connect(grammar_, &QLineEdit::returnPressed, this, [this] { applyGrammar(grammar_->text()); });
  layout->addWidget(grammar_);
  error_ = new QLabel(this);
  error_->setObjectName(QStringLiteral("sceneError"));
  error_->setWordWrap(true);
  error_->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; }"));
  error_->hide();
  layout->addWidget(error_);

  list_ = new QListWidget(this);
  list_->setObjectName(QStringLiteral("sceneSegments"));
  list_->setMaximumHeight(6 * list_->fontMetrics().lineSpacing() + 8);
  connect(list_, &QListWidget::currentRowChanged, this, [this](int row) {
    if (updating_ || row < 0) return;
    selected_ = row;
    showSelected();
  });
  layout->addWidget(list_);

  auto* buttons = new QHBoxLayout;
  add_ = tool_button(tr("Add ▾"), tr("Add a segment after the selected one"), this);
  add_->setPopupMode(QToolButton::InstantPopup);
  auto* addMenu = new QMenu(add_);
  addMenu->addAction(tr("Text"), this, [this] { addSegment(0); });
  addMenu->addAction(tr("Image"), this, [this] { addSegment(1); });
  addMenu->addAction(tr("Video"), this, [this] { addSegment(2); });
  add_->setMenu(addMenu);
  remove_ = tool_button(tr("Remove"), tr("Remove the selected segment"), this);
  up_ = tool_button(QStringLiteral("↑"), tr("Move the selected segment up"), this);
  down_ = tool_button(QStringLiteral("↓"), tr("Move the selected segment down"), this);
  duplicate_ = tool_button(tr("Duplicate"), tr("Duplicate the selected segment"), this);
  connect(remove_, &QToolButton::clicked, this, &SceneEditor::removeSelected);
  connect(up_, &QToolButton::clicked, this, [this] { moveSelected(-1); });
  connect(down_, &QToolButton::clicked, this, [this] { moveSelected(1); });
  connect(duplicate_, &QToolButton::clicked, this, &SceneEditor::duplicateSelected);
  // Two short rows (add, remove, duplicate; kind and order) so they fit a narrow panel.
  for (QToolButton* b : {add_, remove_, duplicate_}) buttons->addWidget(b);
  buttons->addStretch(1);
  layout->addLayout(buttons);

  auto* kindRow = new QHBoxLayout;
  kind_ = new QComboBox(this);
  kind_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  kind_->addItems({tr("text"), tr("image"), tr("video")});
  kind_->setToolTip(tr("The selected segment's kind"));
  connect(kind_, &QComboBox::activated, this, [this](int kind) {
    Scene scene = model_->state().scene;
    if (selected_ < 0 || selected_ >= static_cast<int>(scene.segments.size())) return;
    Segment& s = scene.segments[static_cast<std::size_t>(selected_)];
    const Segment old = s;
    s = kind == 0 ? Segment::text(4)
        : kind == 1
            ? Segment::image(old.height, old.width)
            : Segment::video(std::max(old.frames, 8), old.height, old.width, old.seconds_per_frame);
    model_->setScene(scene);
  });
  kindRow->addWidget(kind_, 1);
  kindRow->addWidget(up_);
  kindRow->addWidget(down_);
  layout->addLayout(kindRow);

  // Sizes span decades: logarithmic sliders, typed entry for exact values (up to the caps the
  // core enforces, so a typed value is never changed behind the user's back).
  const auto slider = [this, layout](const QString& label, double lo, double hi, Field field) {
    auto* s = new LabeledSlider(label, lo, hi, 1, 0, LabeledSlider::Scale::Log, this);
    layout->addWidget(s);
    connect(s, &LabeledSlider::valueChanged, this, [this, field](double v) {
      if (!updating_) editSelected(field, v);
    });
    connect(s, &LabeledSlider::dragStarted, model_, &AppModel::beginDrag);
    connect(s, &LabeledSlider::dragFinished, model_, &AppModel::endDrag);
    return s;
  };
  count_ = slider(tr("text tokens"), 1, 100000, kCount);
  frames_ = slider(tr("frames T"), 1, 100000, kFrames);
  height_ = slider(tr("height H"), 1, 4096, kHeight);
  width_ = slider(tr("width W"), 1, 4096, kWidth);
  auto* secondsRow = new QHBoxLayout;
  secondsLabel_ = new QLabel(tr("seconds per frame"), this);
  secondsLabel_->setWordWrap(true);
  seconds_ = new QDoubleSpinBox(this);
  seconds_->setRange(0.001, 1e6);
  seconds_->setDecimals(3);
  seconds_->setKeyboardTracking(false);
  seconds_->setToolTip(tr("Seconds between temporal grid steps (absolute-time variants)"));
  connect(seconds_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
    if (!updating_) editSelected(kSeconds, v);
  });
  secondsRow->addWidget(secondsLabel_, 1);
  secondsRow->addWidget(seconds_);
  layout->addLayout(secondsRow);

  connect(model_, &AppModel::changed, this, &SceneEditor::refresh);
  refresh();
}

void SceneEditor::refresh() {
  const Scene& scene = model_->state().scene;
  updating_ = true;
  const QString described = QString::fromStdString(scene.describe());
  if (!grammar_->hasFocus() || error_->isHidden()) grammar_->setText(described);
  const int n = static_cast<int>(scene.segments.size());
  while (list_->count() > n) delete list_->takeItem(list_->count() - 1);
  while (list_->count() < n) list_->addItem(QString());
  for (int i = 0; i < n; ++i) {
    list_->item(i)->setText(segment_text(scene.segments[static_cast<std::size_t>(i)], i));
  }
  selected_ = std::clamp(selected_, 0, std::max(0, n - 1));
  list_->setCurrentRow(selected_);
  updating_ = false;
  showSelected();
}

void SceneEditor::selectSegment(int index) {
  selected_ = index;
  refresh();
}

void SceneEditor::showSelected() {
  const Scene& scene = model_->state().scene;
  const int n = static_cast<int>(scene.segments.size());
  remove_->setEnabled(n > 1);
  up_->setEnabled(selected_ > 0);
  down_->setEnabled(selected_ + 1 < n);
  if (selected_ < 0 || selected_ >= n) return;
  const Segment& s = scene.segments[static_cast<std::size_t>(selected_)];
  updating_ = true;
  kind_->setCurrentIndex(static_cast<int>(s.modality));
  const bool text = s.modality == Modality::Text, video = s.modality == Modality::Video;
  count_->setVisible(text);
  frames_->setVisible(video);
  height_->setVisible(!text);
  width_->setVisible(!text);
  seconds_->setVisible(video);
  secondsLabel_->setVisible(video);
  count_->setValue(s.count);
  frames_->setValue(s.frames);
  height_->setValue(s.height);
  width_->setValue(s.width);
  seconds_->setValue(s.seconds_per_frame);
  updating_ = false;
}

void SceneEditor::editSelected(int field, double value) {
  Scene scene = model_->state().scene;
  if (selected_ < 0 || selected_ >= static_cast<int>(scene.segments.size())) return;
  Segment& s = scene.segments[static_cast<std::size_t>(selected_)];
  const int v = static_cast<int>(value);
  switch (field) {
    case kCount:
      s.count = v;
      break;
    case kFrames:
      s.frames = v;
      break;
    case kHeight:
      s.height = v;
      break;
    case kWidth:
      s.width = v;
      break;
    default:
      s.seconds_per_frame = value;
      break;
  }
  try {
    scene.validate();
    error_->hide();
  } catch (const InputError& e) {
    // The compute would reject it too; the banner says so and the last result stays.
    error_->setText(QString::fromStdString(e.what()));
    error_->show();
  }
  model_->setScene(scene);
}

void SceneEditor::addSegment(int kind) {
  Scene scene = model_->state().scene;
  const Segment s = kind == 0   ? Segment::text(4)
                    : kind == 1 ? Segment::image(4, 4)
                                : Segment::video(8, 4, 4);
  const int at = std::min(selected_ + 1, static_cast<int>(scene.segments.size()));
  scene.segments.insert(scene.segments.begin() + at, s);
  selected_ = at;
  model_->setScene(scene);
}

void SceneEditor::removeSelected() {
  Scene scene = model_->state().scene;
  if (scene.segments.size() < 2 || selected_ < 0 ||
      selected_ >= static_cast<int>(scene.segments.size()))
    return;
  scene.segments.erase(scene.segments.begin() + selected_);
  selected_ = std::min(selected_, static_cast<int>(scene.segments.size()) - 1);
  model_->setScene(scene);
}

void SceneEditor::moveSelected(int by) {
  Scene scene = model_->state().scene;
  const int to = selected_ + by;
  if (selected_ < 0 || to < 0 || to >= static_cast<int>(scene.segments.size())) return;
  std::swap(scene.segments[static_cast<std::size_t>(selected_)],
            scene.segments[static_cast<std::size_t>(to)]);
  selected_ = to;
  model_->setScene(scene);
}

void SceneEditor::duplicateSelected() {
  Scene scene = model_->state().scene;
  if (selected_ < 0 || selected_ >= static_cast<int>(scene.segments.size())) return;
  const Segment copy = scene.segments[static_cast<std::size_t>(selected_)];
  scene.segments.insert(scene.segments.begin() + selected_ + 1, copy);
  ++selected_;
  model_->setScene(scene);
}

bool SceneEditor::applyGrammar(const QString& text) {
  try {
    const Scene scene = Scene::parse(text.trimmed().toStdString());
    scene.validate();
    error_->hide();
    model_->setScene(scene);
    return true;
  } catch (const InputError& e) {
    error_->setText(tr("Not applied: %1").arg(QString::fromStdString(e.what())));
    error_->show();
    return false;
  }
}

}  // namespace ropelab::app
