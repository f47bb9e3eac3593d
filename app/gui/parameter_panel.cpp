#include "app/gui/parameter_panel.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <numeric>

#include "app/gui/labeled_slider.h"
#include "ropelab/registry.h"

namespace ropelab::app {

namespace {

void fill_variants(QComboBox* box, bool withNone) {
  if (withNone) box->addItem(QStringLiteral("—"), QString());
  for (const Variant* v : all_variants()) {
    const QString id = QString::fromStdString(std::string(v->id()));
    box->addItem(id, id);
    box->setItemData(box->count() - 1, QString::fromStdString(v->info().summary), Qt::ToolTipRole);
  }
}

}  // namespace

ParameterPanel::ParameterPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);

  auto* variantRow = new QHBoxLayout;
  variantRow->addWidget(new QLabel(tr("Variant"), this));
  variant_ = new QComboBox(this);
  variant_->setObjectName(QStringLiteral("variantChoice"));
  fill_variants(variant_, false);
  variantRow->addWidget(variant_, 1);
  layout->addLayout(variantRow);
  connect(variant_, &QComboBox::currentIndexChanged, this, [this] {
    if (updating_) return;
    splitEdited_ = false;
    rebuildSplit(defaultSplit());
    emit changed();
  });

  compare_ = new QGroupBox(tr("Compare side by side"), this);
  compare_->setCheckable(true);
  compare_->setChecked(false);
  auto* compareLayout = new QVBoxLayout(compare_);
  const QStringList defaults{QStringLiteral("vanilla"), QStringLiteral("mrope"), QString()};
  for (int i = 0; i < SceneParameters::kMaxCompared - 1; ++i) {
    auto* box = new QComboBox(compare_);
    fill_variants(box, true);
    box->setCurrentIndex(std::max(0, box->findData(defaults[i])));
    compareLayout->addWidget(box);
    compareChoices_.push_back(box);
    connect(box, &QComboBox::currentIndexChanged, this, [this] {
      if (!updating_) emit changed();
    });
  }
  connect(compare_, &QGroupBox::toggled, this, [this] {
    if (!updating_) emit changed();
  });
  layout->addWidget(compare_);

  auto* rope = new QGroupBox(tr("RoPE"), this);
  auto* ropeLayout = new QVBoxLayout(rope);
  delta_ = addSlider(ropeLayout, tr("δ (temporal spacing)"), 0.1, 5.0, 0.1, 2);
  base_ = addSlider(ropeLayout, tr("base"), 100, 1e7, 1, 0, true);
  headDim_ = addSlider(ropeLayout, tr("head dim D"), 16, 256, 2, 0);
  connect(headDim_, &LabeledSlider::valueChanged, this, [this] {
    // A split is a number of pairs: a new D makes the old one meaningless.
    splitEdited_ = false;
    rebuildSplit(defaultSplit());
  });
  layout->addWidget(rope);

  splitBox_ = new QGroupBox(tr("Pairs per axis (sum = D/2)"), this);
  splitLayout_ = new QVBoxLayout(splitBox_);
  auto* splitFooter = new QHBoxLayout;
  splitSum_ = new QLabel(splitBox_);
  splitSum_->setObjectName(QStringLiteral("splitSum"));
  auto* reset = new QPushButton(tr("Reset to default"), splitBox_);
  reset->setToolTip(tr("The variant's own split (Ctrl+D)"));
  connect(reset, &QPushButton::clicked, this, [this] {
    resetSplit();
    emit changed();
  });
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
  connect(compare_, &QGroupBox::toggled, splitNote_, &QWidget::setVisible);
  layout->addWidget(splitBox_);

  auto* scene = new QGroupBox(tr("Scene: text · video T×H×W · text"), this);
  auto* sceneLayout = new QVBoxLayout(scene);
  textBefore_ = addSlider(sceneLayout, tr("text before"), 0, 256, 1, 0);
  frames_ = addSlider(sceneLayout, tr("frames T"), 1, 4096, 1, 0);  // V-NIAH has 3000
  height_ = addSlider(sceneLayout, tr("height H"), 1, 64, 1, 0);
  width_ = addSlider(sceneLayout, tr("width W"), 1, 64, 1, 0);
  textAfter_ = addSlider(sceneLayout, tr("text after"), 0, 256, 1, 0);
  query_ = addSlider(sceneLayout, tr("query token"), -1, 1e6, 1, 0);
  query_->setSpecialValueText(tr("auto"));
  query_->setToolTip(tr("auto: the first text token after the video"));
  layout->addWidget(scene);

  facts_ = new QLabel(this);
  facts_->setObjectName(QStringLiteral("sceneFacts"));
  facts_->setWordWrap(true);
  facts_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  // Three lines, always: a label that changes height would re-lay out the whole panel on every
  // slider step.
  facts_->setFixedHeight(3 * facts_->fontMetrics().lineSpacing() + 6);
  facts_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
  layout->addWidget(facts_);
  layout->addStretch(1);

  setParameters(SceneParameters{});
}

LabeledSlider* ParameterPanel::addSlider(QVBoxLayout* layout, const QString& label, double minimum,
                                         double maximum, double step, int decimals, bool log) {
  auto* slider =
      new LabeledSlider(label, minimum, maximum, step, decimals,
                        log ? LabeledSlider::Scale::Log : LabeledSlider::Scale::Linear, this);
  layout->addWidget(slider);
  connect(slider, &LabeledSlider::valueChanged, this, [this] {
    if (!updating_) emit changed();
  });
  connect(slider, &LabeledSlider::dragStarted, this, &ParameterPanel::dragStarted);
  connect(slider, &LabeledSlider::dragFinished, this, &ParameterPanel::dragFinished);
  return slider;
}

std::vector<int> ParameterPanel::defaultSplit() const {
  const Variant* v = find_variant(variant_->currentData().toString().toStdString());
  if (!v) return {};
  return v->default_split(static_cast<int>(headDim_->value()) / 2);
}

void ParameterPanel::rebuildSplit(const std::vector<int>& split) {
  // Deleted now, not later: the new rows take their place in the layout at once.
  for (LabeledSlider* s : split_) delete s;
  split_.clear();
  const Variant* v = find_variant(variant_->currentData().toString().toStdString());
  if (!v) return;
  const int pairs = static_cast<int>(headDim_->value()) / 2;
  for (int a = 0; a < v->axis_count(); ++a) {
    auto* slider = new LabeledSlider(QString::fromStdString(v->info().axes[a]), 0, pairs, 1, 0,
                                     LabeledSlider::Scale::Linear, splitBox_);
    slider->setValue(a < static_cast<int>(split.size()) ? split[a] : 0);
    splitLayout_->insertWidget(a, slider);
    split_.push_back(slider);
    connect(slider, &LabeledSlider::valueChanged, this, [this, a] {
      if (updating_) return;
      splitEdited_ = true;
      balanceSplit(static_cast<std::size_t>(a));
      emit changed();
    });
    connect(slider, &LabeledSlider::dragStarted, this, &ParameterPanel::dragStarted);
    connect(slider, &LabeledSlider::dragFinished, this, &ParameterPanel::dragFinished);
  }
  updateSplitSum();
}

// Keeps the sum at D/2 by giving or taking the difference from another axis (the last one, or
// the first when the last was edited). If that axis cannot absorb it, the sum stays off and the
// core's message says so.
void ParameterPanel::balanceSplit(std::size_t edited) {
  if (split_.size() < 2) return updateSplitSum();
  const std::size_t other = edited + 1 == split_.size() ? 0 : split_.size() - 1;
  const std::vector<int> split = currentSplit();
  const int pairs = static_cast<int>(headDim_->value()) / 2;
  const int sum = std::accumulate(split.begin(), split.end(), 0);
  const int target = split[other] + (pairs - sum);
  if (target >= 0) {
    updating_ = true;
    split_[other]->setValue(target);
    updating_ = false;
  }
  updateSplitSum();
}

std::vector<int> ParameterPanel::currentSplit() const {
  std::vector<int> split;
  for (LabeledSlider* s : split_) split.push_back(static_cast<int>(s->value()));
  return split;
}

void ParameterPanel::updateSplitSum() {
  const std::vector<int> split = currentSplit();
  const int sum = std::accumulate(split.begin(), split.end(), 0);
  const int pairs = static_cast<int>(headDim_->value()) / 2;
  splitSum_->setText(sum == pairs ? tr("sum %1 = D/2 ✓").arg(sum)
                                  : tr("sum %1 ≠ D/2 = %2").arg(sum).arg(pairs));
}

void ParameterPanel::resetSplit() {
  splitEdited_ = false;
  updating_ = true;
  rebuildSplit(defaultSplit());
  updating_ = false;
}

SceneParameters ParameterPanel::parameters() const {
  // Fields without a control (variant switches, video timing, loaded q/k) ride along.
  SceneParameters p = unshown_;
  p.variants = {variant_->currentData().toString()};
  if (compare_->isChecked()) {
    for (QComboBox* box : compareChoices_) {
      const QString id = box->currentData().toString();
      if (!id.isEmpty() && !p.variants.contains(id)) p.variants << id;
    }
  }
  p.delta = delta_->value();
  p.base = base_->value();
  p.headDim = static_cast<int>(headDim_->value());
  p.split = splitEdited_ ? currentSplit() : std::vector<int>{};
  p.textBefore = static_cast<int>(textBefore_->value());
  p.frames = static_cast<int>(frames_->value());
  p.height = static_cast<int>(height_->value());
  p.width = static_cast<int>(width_->value());
  p.textAfter = static_cast<int>(textAfter_->value());
  p.query = static_cast<long>(query_->value());
  p.qkModel = qkModel_;
  return p;
}

void ParameterPanel::setParameters(const SceneParameters& p) {
  unshown_ = p;
  updating_ = true;
  variant_->setCurrentIndex(std::max(0, variant_->findData(p.variants.value(0))));
  const bool comparing = p.variants.size() > 1;
  compare_->setChecked(comparing);
  splitNote_->setVisible(comparing);
  if (comparing) {
    for (std::size_t i = 0; i < compareChoices_.size(); ++i) {
      const QString id = p.variants.value(static_cast<qsizetype>(i) + 1);
      compareChoices_[i]->setCurrentIndex(std::max(0, compareChoices_[i]->findData(id)));
    }
  }
  delta_->setValue(p.delta);
  base_->setValue(p.base);
  headDim_->setValue(p.headDim);
  textBefore_->setValue(p.textBefore);
  frames_->setValue(p.frames);
  height_->setValue(p.height);
  width_->setValue(p.width);
  textAfter_->setValue(p.textAfter);
  query_->setValue(static_cast<double>(p.query));
  qkModel_ = p.qkModel;
  splitEdited_ = !p.split.empty();
  rebuildSplit(p.split.empty() ? defaultSplit() : p.split);
  updating_ = false;
}

void ParameterPanel::setCompareMode(bool on) {
  compare_->setChecked(on);
}
bool ParameterPanel::compareMode() const {
  return compare_->isChecked();
}

void ParameterPanel::setFacts(const QString& text) {
  facts_->setText(text);
}
QString ParameterPanel::facts() const {
  return facts_->text();
}

}  // namespace ropelab::app
