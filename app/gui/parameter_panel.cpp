#include "app/gui/parameter_panel.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QResizeEvent>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QVBoxLayout>
#include <algorithm>
#include <numeric>

#include "app/gui/labeled_slider.h"
#include "app/gui/scene_editor.h"
#include "app/gui/variant_options_group.h"
#include "app/gui/variant_picker.h"
#include "ropelab/registry.h"

namespace ropelab::app {

ParameterPanel::ParameterPanel(AppModel* model, QWidget* parent) : QWidget(parent), model_(model) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(3, 4, 3, 4);

  auto* variantRow = new QHBoxLayout;
  variantRow->addWidget(new QLabel(tr("Variant"), this));
  variant_ = new VariantPicker(false, this);
  variant_->setObjectName(QStringLiteral("variantChoice"));
  variantRow->addWidget(variant_, 1);
  layout->addLayout(variantRow);
  const auto send = [this] {
    if (!updating_) sendVariants();
  };
  connect(variant_, &VariantPicker::picked, this, send);
  // The primary's one-line summary, always visible (the popup lists every variant's).
  variantSummary_ = new QLabel(this);
  variantSummary_->setObjectName(QStringLiteral("variantSummary"));
  variantSummary_->setWordWrap(true);
  layout->addWidget(variantSummary_);

  compare_ = new QGroupBox(tr("Compare side by side"), this);
  compare_->setCheckable(true);
  compare_->setChecked(false);
  auto* compareLayout = new QVBoxLayout(compare_);
  const QStringList defaults{QStringLiteral("vanilla"), QStringLiteral("mrope"), QString()};
  for (int i = 0; i < SceneParameters::kMaxCompared - 1; ++i) {
    auto* box = new VariantPicker(true, compare_);
    box->setObjectName(QStringLiteral("compareChoice%1").arg(i + 1));
    box->setCurrentId(defaults[i]);
    compareLayout->addWidget(box);
    compareChoices_.push_back(box);
    connect(box, &VariantPicker::picked, this, send);
  }
  connect(compare_, &QGroupBox::toggled, this, [this] {
    if (!updating_) sendVariants();
  });
  layout->addWidget(compare_);

  auto* rope = new QGroupBox(tr("RoPE"), this);
  auto* ropeLayout = new QVBoxLayout(rope);
  base_ = addSlider(ropeLayout, tr("base"), 2, 1e12, 1, 0, true);
  base_->setToolTip(tr("θ base, 2 to 10¹²; type 1e6 for a million"));
  connect(base_, &LabeledSlider::valueChanged, this, [this](double v) {
    if (!updating_) model_->setBase(v);
  });
  headDim_ = addSlider(ropeLayout, tr("head dim D"), 2, 1024, 2, 0);
  connect(headDim_, &LabeledSlider::valueChanged, this, [this](double v) {
    if (!updating_) model_->setHeadDim(static_cast<int>(v));
  });
  layout->addWidget(rope);

  // What each variant keeps of its own: δ and its declared options. In compare mode a selector
  // picks which compared variant the group edits.
  auto* own = new QGroupBox(tr("Variant settings"), this);
  own->setObjectName(QStringLiteral("variantSettings"));
  auto* ownLayout = new QVBoxLayout(own);
  auto* forRow = new QHBoxLayout;
  settingsForLabel_ = new QLabel(tr("for"), own);
  settingsFor_ = new QComboBox(own);
  settingsFor_->setObjectName(QStringLiteral("settingsVariant"));
  settingsFor_->setToolTip(tr("Each compared variant keeps its own δ and options"));
  forRow->addWidget(settingsForLabel_);
  forRow->addWidget(settingsFor_, 1);
  ownLayout->addLayout(forRow);
  connect(settingsFor_, &QComboBox::currentIndexChanged, this, [this] {
    if (updating_) return;
    settingsVariant_ = settingsFor_->currentData().toString();
    refresh();
  });
  delta_ = addSlider(ownLayout, tr("δ (temporal spacing)"), 0.1, 5.0, 0.1, 2);
  connect(delta_, &LabeledSlider::valueChanged, this, [this](double v) {
    if (!updating_) model_->setDelta(settingsVariant(), v);
  });
  options_ = new VariantOptionsGroup(model_, own);
  ownLayout->addWidget(options_);
  layout->addWidget(own);

  splitBox_ = new QGroupBox(tr("Pairs per axis (sum = D/2)"), this);
  splitLayout_ = new QVBoxLayout(splitBox_);
  auto* splitFooter = new QHBoxLayout;
  splitSum_ = new QLabel(splitBox_);
  splitSum_->setObjectName(QStringLiteral("splitSum"));
  splitSum_->setWordWrap(true);
  splitSum_->setMinimumWidth(splitSum_->fontMetrics().horizontalAdvance(tr("sum 64 = D/2 ✓")));
  auto* reset = new QPushButton(tr("Default"), splitBox_);
  reset->setToolTip(tr("Reset to the variant's own split (Ctrl+D)"));
  connect(reset, &QPushButton::clicked, this, &ParameterPanel::resetSplit);
  splitFooter->addWidget(splitSum_, 1);
  splitFooter->addWidget(reset);
  splitLayout_->addLayout(splitFooter);
  // Compared variants have other axes: the sliders cannot apply to them.
  splitNote_ = new QLabel(tr("Compare mode: these sliders set the split of the first variant; "
                             "the compared variants use their default split."),
                          splitBox_);
  splitNote_->setObjectName(QStringLiteral("splitNote"));
  splitNote_->setWordWrap(true);
  QFont small = splitNote_->font();
  small.setItalic(true);
  splitNote_->setFont(small);
  splitNote_->setVisible(false);
  splitLayout_->addWidget(splitNote_);
  layout->addWidget(splitBox_);

  auto* scene = new QGroupBox(tr("Scene"), this);
  auto* sceneLayout = new QVBoxLayout(scene);
  sceneEditor_ = new SceneEditor(model_, scene);
  sceneLayout->addWidget(sceneEditor_);
  query_ = addSlider(sceneLayout, tr("query token"), -1, 4194303, 1, 0);
  query_->setSpecialValueText(tr("auto"));
  query_->setToolTip(tr("auto: the first text token after the first image or video"));
  connect(query_, &LabeledSlider::valueChanged, this, [this](double v) {
    if (!updating_) model_->setQuery(static_cast<long>(v));
  });
  layout->addWidget(scene);

  facts_ = new QLabel(this);
  facts_->setObjectName(QStringLiteral("sceneFacts"));
  facts_->setWordWrap(true);
  facts_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  // A fixed height, changed only when the wrapped text needs more or fewer lines (fitFactsHeight):
  // a label that followed its text freely would re-lay out the whole panel on every slider step.
  facts_->setFixedHeight(3 * facts_->fontMetrics().lineSpacing() + 6);
  facts_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
  layout->addWidget(facts_);
  layout->addStretch(1);

  // The first video is the segment most edits are about.
  const int video = model_->state().scene.first_visual_segment();
  if (video >= 0) sceneEditor_->selectSegment(video);
  connect(model_, &AppModel::changed, this, &ParameterPanel::refresh);
  refresh();
}

LabeledSlider* ParameterPanel::framesSlider() const {
  return sceneEditor_->framesSlider();
}

LabeledSlider* ParameterPanel::addSlider(QVBoxLayout* layout, const QString& label, double minimum,
                                         double maximum, double step, int decimals, bool log) {
  auto* slider =
      new LabeledSlider(label, minimum, maximum, step, decimals,
                        log ? LabeledSlider::Scale::Log : LabeledSlider::Scale::Linear, this);
  layout->addWidget(slider);
  connect(slider, &LabeledSlider::dragStarted, model_, &AppModel::beginDrag);
  connect(slider, &LabeledSlider::dragFinished, model_, &AppModel::endDrag);
  return slider;
}

void ParameterPanel::sendVariants() {
  QStringList variants{variant_->currentId()};
  if (compare_->isChecked()) {
    for (VariantPicker* box : compareChoices_) {
      const QString id = box->currentId();
      if (!id.isEmpty() && !variants.contains(id)) variants << id;
    }
  }
  model_->setVariants(variants);
}

QString ParameterPanel::settingsVariant() const {
  const QStringList& variants = model_->state().variants;
  return variants.contains(settingsVariant_) ? settingsVariant_ : variants.value(0);
}

void ParameterPanel::setSettingsVariant(const QString& id) {
  settingsVariant_ = id;
  refresh();
}

void ParameterPanel::refreshSettingsVariant() {
  const SceneParameters& p = model_->state();
  const QSignalBlocker block(settingsFor_);
  QStringList listed;
  for (int i = 0; i < settingsFor_->count(); ++i) listed << settingsFor_->itemData(i).toString();
  // Refilled only for other variants: a new item list relayouts the dock on every slider step.
  if (listed != p.variants) {
    settingsFor_->clear();
    for (const QString& id : p.variants) settingsFor_->addItem(VariantPicker::shortName(id), id);
  }
  settingsFor_->setCurrentIndex(std::max(0, settingsFor_->findData(settingsVariant())));
  const bool comparing = p.variants.size() > 1;
  settingsFor_->setVisible(comparing);
  settingsForLabel_->setVisible(comparing);
}

void ParameterPanel::refresh() {
  const SceneParameters& p = model_->state();
  updating_ = true;
  variant_->setCurrentId(p.variants.value(0));
  variantSummary_->setText(VariantPicker::summary(p.variants.value(0)));
  const bool comparing = p.variants.size() > 1;
  {
    const QSignalBlocker block(compare_);
    compare_->setChecked(comparing);
  }
  splitNote_->setVisible(comparing);
  if (comparing) {
    for (std::size_t i = 0; i < compareChoices_.size(); ++i) {
      compareChoices_[i]->setCurrentId(p.variants.value(static_cast<qsizetype>(i) + 1));
    }
  }
  refreshSettingsVariant();
  const QString own = settingsVariant();
  const Variant* v = find_variant(own.toStdString());
  delta_->setValue(p.delta(own));
  const bool hasDelta = v != nullptr && v->info().has_delta;
  delta_->setEnabled(hasDelta);
  delta_->setToolTip(hasDelta ? tr("Temporal spacing δ of %1 (0.1 to 5)").arg(own)
                              : tr("%1 has no temporal spacing δ: its temporal ids step by one "
                                   "frame (or by time), so δ does not apply.")
                                    .arg(own));
  base_->setValue(p.base);
  headDim_->setValue(p.headDim);
  query_->setValue(static_cast<double>(p.query));
  options_->showVariant(own);
  rebuildSplit();
  updating_ = false;
  fitScrollArea();
}

void ParameterPanel::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  fitScrollArea();
}

// The panel never scrolls sideways: the scroll area it sits in (the dock's content) is kept at
// least as wide as the panel's minimum plus the vertical scroll bar, so a narrow dock (1280x800)
// widens rather than cutting fields at its right edge.
void ParameterPanel::fitScrollArea() {
  QWidget* viewport = parentWidget();
  auto* area = viewport != nullptr ? qobject_cast<QScrollArea*>(viewport->parentWidget()) : nullptr;
  if (area == nullptr) return;
  const int bar = area->verticalScrollBar()->sizeHint().width();
  area->setMinimumWidth(minimumSizeHint().width() + bar + 2 * area->frameWidth());
}

std::vector<int> ParameterPanel::defaultSplit() const {
  const Variant* v = find_variant(model_->state().variants.value(0).toStdString());
  if (!v) return {};
  return v->default_split(model_->state().headDim / 2);
}

void ParameterPanel::rebuildSplit() {
  const SceneParameters& p = model_->state();
  const Variant* v = find_variant(p.variants.value(0).toStdString());
  const QString key = p.variants.value(0) + QLatin1Char('|') + QString::number(p.headDim);
  const int pairs = p.headDim / 2;
  if (key != splitFor_) {
    // Deleted now, not later: the new rows take their place in the layout at once.
    for (LabeledSlider* s : split_) delete s;
    split_.clear();
    splitFor_ = key;
    if (v != nullptr) {
      for (int a = 0; a < v->axis_count(); ++a) {
        auto* slider = new LabeledSlider(QString::fromStdString(v->info().axes[a]), 0, pairs, 1, 0,
                                         LabeledSlider::Scale::Linear, splitBox_);
        splitLayout_->insertWidget(a, slider);
        split_.push_back(slider);
        connect(slider, &LabeledSlider::valueChanged, this, [this, a] {
          if (!updating_) splitEdited(static_cast<std::size_t>(a));
        });
        connect(slider, &LabeledSlider::dragStarted, model_, &AppModel::beginDrag);
        connect(slider, &LabeledSlider::dragFinished, model_, &AppModel::endDrag);
      }
    }
  }
  const std::vector<int> split = p.split.empty() ? defaultSplit() : p.split;
  for (std::size_t a = 0; a < split_.size(); ++a) {
    split_[a]->setValue(a < split.size() ? split[a] : 0);
  }
  const int sum = std::accumulate(split.begin(), split.end(), 0);
  const bool odd = p.headDim % 2 != 0;
  splitSum_->setText(sum == pairs && !odd ? tr("sum %1 = D/2 ✓").arg(sum)
                     : odd                ? tr("D = %1 is odd: pairs need an even D").arg(p.headDim)
                                          : tr("sum %1 ≠ D/2 = %2").arg(sum).arg(pairs));
}

std::vector<int> ParameterPanel::shownSplit() const {
  std::vector<int> split;
  for (LabeledSlider* s : split_) split.push_back(static_cast<int>(s->value()));
  return split;
}

// Keeps the sum at D/2 by giving or taking the difference from another axis (the last one, or
// the first when the last was edited). If that axis cannot absorb it, the sum stays off and the
// core's message says so.
void ParameterPanel::splitEdited(std::size_t edited) {
  std::vector<int> split = shownSplit();
  if (split.size() >= 2) {
    const std::size_t other = edited + 1 == split.size() ? 0 : split.size() - 1;
    const int sum = std::accumulate(split.begin(), split.end(), 0);
    const int target = split[other] + (model_->state().headDim / 2 - sum);
    if (target >= 0) split[other] = target;
  }
  model_->setSplit(split);
}

void ParameterPanel::resetSplit() {
  model_->setSplit({}, AppModel::Source::Reset);
}

void ParameterPanel::setFacts(const QString& text) {
  // Unchanged facts (most slider steps) must not relayout the dock.
  if (facts_->text() == text) return;
  facts_->setText(text);
  fitFactsHeight();
}

void ParameterPanel::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  fitFactsHeight();
}

// The facts wrap in a narrow dock (five lines at 1280x800): the label takes the height its text
// needs at its width, at least three lines.
void ParameterPanel::fitFactsHeight() {
  const int minimum = 3 * facts_->fontMetrics().lineSpacing() + 6;
  const int needed = std::max(minimum, facts_->heightForWidth(facts_->width()));
  if (needed != facts_->height()) facts_->setFixedHeight(needed);
}
QString ParameterPanel::facts() const {
  return facts_->text();
}

}  // namespace ropelab::app
