#include "app/gui/teaching_panels.h"

#include <QComboBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QRegularExpression>
#include <QResizeEvent>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <cmath>
#include <map>

#include "app/gui/main_window.h"
#include "app/gui/teaching.h"
#include "app/gui/teaching_figures.h"
#include "app/gui/teaching_widgets.h"
#include "ropelab/attention.h"
#include "ropelab/registry.h"
#include "ropelab/scene.h"
#include "views/attention_data.h"
#include "views/layout_view.h"
#include "views/palette.h"

namespace ropelab::teaching {

namespace {

QString qs(const std::string& s) {
  return QString::fromStdString(s);
}

QString id_text(double v) {
  return std::abs(v - std::round(v)) < 1e-9 ? QString::number(std::llround(v))
                                            : QString::number(v, 'f', 2);
}

QString wavelength_text(double lambda) {
  if (!std::isfinite(lambda)) return QStringLiteral("∞");  // a zero-frequency (NoPE) pair
  return lambda < 1e4 ? QString::number(lambda, 'f', 1) : QString::number(lambda, 'g', 4);
}

// "0–15" style ranges of the pairs reading an axis.
QString axis_pairs(const Encoding& e, int axis) {
  const auto runs = pair_runs(e, axis);
  int n = 0;
  QStringList parts;
  for (const auto& run : runs) {
    n += run.second - run.first + 1;
    parts << run_text(run);
  }
  if (runs.size() > 4) {
    // Name the stride only when it is regular ("every 3rd pair from 1"); otherwise list the runs
    // (Qwen3's t: every third pair plus 60–63).
    int stride = runs.size() > 1 ? runs[1].first - runs[0].first : 0;
    bool regular = stride > 0;
    for (std::size_t i = 1; i < runs.size() && regular; ++i)
      regular = runs[i].first - runs[i - 1].first == stride && runs[i].first == runs[i].second &&
                runs[0].first == runs[0].second;
    if (regular) {
      const QString nth = stride == 2   ? QObject::tr("every 2nd pair")
                          : stride == 3 ? QObject::tr("every 3rd pair")
                                        : QObject::tr("every %1th pair").arg(stride);
      return QObject::tr("%1 pairs, %2 from %3 (interleaved)")
          .arg(n)
          .arg(nth)
          .arg(runs.front().first);
    }
    return QObject::tr("%1 pairs (interleaved): %2").arg(n).arg(parts.join(QStringLiteral(", ")));
  }
  return QObject::tr("%1 pairs: %2").arg(n).arg(parts.join(QStringLiteral(", ")));
}

std::size_t first_video(const Encoding& e) {
  const TokenLayout& t = e.positions.tokens;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.modality[i] != Modality::Text) return i;
  }
  return t.size();
}

QTableWidgetItem* item(const QString& text, const QString& tip = {}) {
  auto* i = new QTableWidgetItem(text);
  i->setToolTip(tip.isEmpty() ? text : tip);
  return i;
}

void fit_table(QTableWidget* table) {
  table->resizeColumnsToContents();
  table->horizontalHeader()->setStretchLastSection(true);
}

QTableWidget* new_table(QWidget* parent, const QString& name, const QStringList& headers) {
  auto* t = new QTableWidget(0, static_cast<int>(headers.size()), parent);
  t->setObjectName(name);
  t->setHorizontalHeaderLabels(headers);
  t->verticalHeader()->hide();
  t->setEditTriggers(QAbstractItemView::NoEditTriggers);
  return t;
}

}  // namespace

QString math_html(const QString& text) {
  QString h = text.toHtmlEscaped();
  // floor(...) with balanced parentheses -> ⌊...⌋.
  for (qsizetype at = h.indexOf(QLatin1String("floor(")); at >= 0;
       at = h.indexOf(QLatin1String("floor("), at)) {
    qsizetype depth = 0, end = -1;
    for (qsizetype i = at + 5; i < h.size(); ++i) {
      if (h[i] == QLatin1Char('(')) ++depth;
      if (h[i] == QLatin1Char(')') && --depth == 0) {
        end = i;
        break;
      }
    }
    if (end < 0) break;
    h = h.left(at) + QStringLiteral("⌊") + h.mid(at + 6, end - at - 6) + QStringLiteral("⌋") +
        h.mid(end + 1);
  }
  static const std::vector<std::pair<QRegularExpression, QString>> rules{
      {QRegularExpression(QStringLiteral("base\\^\\(([^)]*)\\)")),
       QStringLiteral("base<sup>\\1</sup>")},
      {QRegularExpression(QStringLiteral("\\btheta_(\\w+)")), QStringLiteral("θ<sub>\\1</sub>")},
      {QRegularExpression(QStringLiteral("\\btheta\\b")), QStringLiteral("θ")},
      {QRegularExpression(QStringLiteral("\\bdelta\\s*\\*\\s*")), QStringLiteral("δ·")},
      {QRegularExpression(QStringLiteral("\\bdelta\\b")), QStringLiteral("δ")},
      {QRegularExpression(QStringLiteral("\\bpi\\b")), QStringLiteral("π")},
      {QRegularExpression(QStringLiteral("\\b([sudp])([0-9])\\b")),
       QStringLiteral("\\1<sub>\\2</sub>")},
      {QRegularExpression(QStringLiteral("(\\w) x (\\w)")), QStringLiteral("\\1 × \\2")},
      {QRegularExpression(QStringLiteral("\\s\\*\\s")), QStringLiteral(" · ")},
      {QRegularExpression(QStringLiteral("(\\w)\\*(\\w)")), QStringLiteral("\\1·\\2")},
      {QRegularExpression(QStringLiteral(" - ")), QStringLiteral(" − ")},
      {QRegularExpression(QStringLiteral("([(=,>] ?)-")), QStringLiteral("\\1−")},
      {QRegularExpression(QStringLiteral("(\\w)-(\\w)")), QStringLiteral("\\1−\\2")},
  };
  for (const auto& [re, to] : rules) h.replace(re, to);
  // Pair ranges such as "0−15" read better with an en dash.
  h.replace(QRegularExpression(QStringLiteral("(\\d)−(\\d)")), QStringLiteral("\\1–\\2"));
  return h;
}

// ---------------------------------------------------------------------------------------------
// Formula panel

// The axis a pair reads, or a note for a zero-frequency (NoPE) pair.
QString pair_axis_name(const Encoding& e, int axis) {
  return axis < 0 ? QObject::tr("none (zero frequency)")
                  : qs(e.axes()[static_cast<std::size_t>(axis)]);
}

QString pair_tooltip(const Encoding& e, int j, long token) {
  const double theta = e.inv_freq[j];
  const int axis = e.pair_axis[static_cast<std::size_t>(j)];
  QString tip = QObject::tr(
                    "pair %1 = dims %8 and %2\nθ_%1 = %3^(−2·%1/%4) = %5\n"
                    "wavelength 2π/θ = %6 positions\nreads axis %7")
                    .arg(j)
                    .arg(e.second_dim(j))
                    .arg(QString::number(e.config.base, 'g', 6))
                    .arg(e.rotary_dims)
                    .arg(QString::number(theta, 'g', 5))
                    .arg(wavelength_text(2 * M_PI / theta))
                    .arg(pair_axis_name(e, axis))
                    .arg(e.first_dim(j));
  if (token >= 0 && static_cast<std::size_t>(token) < e.token_count()) {
    const double pos = e.pair_position(static_cast<std::size_t>(token), j);
    const double phi = pos * theta;
    tip +=
        QObject::tr("\ntoken %1: φ = %2 · θ = %3 rad ≡ %4 mod 2π")
            .arg(token)
            .arg(id_text(pos))
            .arg(QString::number(phi, 'g', 6))
            .arg(QString::number(std::fmod(std::fmod(phi, 2 * M_PI) + 2 * M_PI, 2 * M_PI), 'f', 4));
  }
  return tip;
}

FormulaPanel::FormulaPanel(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("formulaPanel"));
  auto* layout = new QVBoxLayout(this);
  formula_ = new QTextBrowser(this);
  formula_->setObjectName(QStringLiteral("formulaText"));
  auto* row = new QHBoxLayout;
  row->addWidget(new QLabel(tr("token"), this));
  token_ = new QSpinBox(this);
  token_->setObjectName(QStringLiteral("formulaToken"));
  token_->setRange(-1, 0);
  token_->setSpecialValueText(tr("none (pick one in a layout)"));
  token_->setValue(-1);
  row->addWidget(token_, 1);
  tokenInfo_ = new QLabel(this);
  tokenInfo_->setWordWrap(true);
  tokenInfo_->setObjectName(QStringLiteral("formulaTokenInfo"));
  pairs_ = new_table(
      this, QStringLiteral("formulaPairs"),
      {tr("pair j"), tr("axis"), tr("θ_j"), tr("wavelength"), tr("id"), tr("angle mod 2π")});
  auto* split = new QSplitter(Qt::Vertical, this);
  split->addWidget(formula_);
  auto* lower = new QWidget(split);
  auto* lowerLayout = new QVBoxLayout(lower);
  lowerLayout->setContentsMargins(0, 0, 0, 0);
  lowerLayout->addLayout(row);
  lowerLayout->addWidget(tokenInfo_);
  lowerLayout->addWidget(pairs_, 1);
  split->addWidget(lower);
  split->setSizes({260, 400});
  layout->addWidget(split);
  connect(token_, &QSpinBox::valueChanged, this, [this] { refresh(); });
}

void FormulaPanel::setEncoding(std::shared_ptr<const Encoding> encoding) {
  encoding_ = std::move(encoding);
  if (!encoding_) return;
  QSignalBlocker block(token_);
  // A new range relayouts the panel: only when the token count changed.
  const int last = static_cast<int>(encoding_->token_count()) - 1;
  if (token_->maximum() != last || token_->minimum() != -1) token_->setRange(-1, last);
  refresh();
}

void FormulaPanel::setToken(long token) {
  token_->setValue(static_cast<int>(token));
}

long FormulaPanel::token() const {
  return token_->value();
}

void FormulaPanel::onTokenPicked(long token, const QString&) {
  setToken(token);
}

QString FormulaPanel::text() const {
  ensureFresh();
  return formula_->toPlainText() + QLatin1Char('\n') + tokenInfo_->text();
}

void FormulaPanel::refresh() {
  if (!isVisible()) {
    stale_ = true;
    return;
  }
  rebuild();
}

void FormulaPanel::ensureFresh() const {
  // Reading a stale panel (tests, exports) is reading what showing it would show.
  if (stale_) const_cast<FormulaPanel*>(this)->rebuild();
}

void FormulaPanel::showEvent(QShowEvent* event) {
  ensureFresh();
  QWidget::showEvent(event);
}

void FormulaPanel::rebuild() {
  stale_ = false;
  if (!encoding_) return;
  const Encoding& e = *encoding_;
  const Variant& v = *e.variant;
  const Formula f = v.formula();
  QString html = QStringLiteral("<h3 style='margin:0'>%1</h3><p><i>%2</i> — %3</p>")
                     .arg(qs(v.info().id).toHtmlEscaped(), qs(v.info().paper).toHtmlEscaped(),
                          qs(v.info().summary).toHtmlEscaped());
  html += tr("<p><b>Position design.</b> %1</p>").arg(math_html(qs(f.position_design)));
  html += tr("<p><b>Frequency allocation.</b> %1</p>").arg(math_html(qs(f.frequency_allocation)));
  html += tr("<p><b>This configuration</b> (D = %1, base %2%3):<br>")
              .arg(e.head_dim())
              .arg(QString::number(e.config.base, 'g', 6))
              .arg(e.config.delta ? tr(", δ = %1").arg(*e.config.delta) : QString());
  for (std::size_t a = 0; a < e.axes().size(); ++a) {
    html += QStringLiteral("<span style='color:%1'>■</span> %2 reads %3<br>")
                .arg(views::axis_color(static_cast<int>(a)).name(), qs(e.axes()[a]).toHtmlEscaped(),
                     axis_pairs(e, static_cast<int>(a)));
  }
  // What no axis reads: zero-frequency pairs and the unrotated dims of partial rotary.
  if (!e.nope_pairs.empty()) {
    html += tr("<span style='color:%1'>▨</span> zero frequency (NoPE, θ = 0, never rotate): %2<br>")
                .arg(views::nope_color().name(), axis_pairs(e, -1));
  }
  if (e.rotary_dims < e.head_dim()) {
    html += tr("<span style='color:%1'>□</span> dims %2–%3 pass through unrotated (partial rotary "
               "%4 of D)<br>")
                .arg(views::pass_through_color().name())
                .arg(e.rotary_dims)
                .arg(e.head_dim() - 1)
                .arg(QString::number(static_cast<double>(e.rotary_dims) / e.head_dim(), 'g', 3));
  }
  if (e.head_wise()) {
    html +=
        tr("KV head %1 of %2 shown (head-wise allocation)<br>").arg(e.head).arg(e.head_axis.size());
  }
  html +=
      tr("</p><p><b>Convention (the reference code's).</b> Rotate-half: pair j rotates dims j "
         "and j + D/2 by φ<sub>j</sub> = p<sub>a(j)</sub> · θ<sub>j</sub>, θ<sub>j</sub> = "
         "base<sup>−2j/D</sup>; pair 0 is the fastest. Hover a row below for its θ<sub>j</sub>, "
         "wavelength and angle.</p>");
  formula_->setHtml(html);
  const long token = token_->value();
  if (token >= 0 && static_cast<std::size_t>(token) < e.token_count()) {
    tokenInfo_->setText(views::describe_token(e, static_cast<std::size_t>(token)));
  } else {
    tokenInfo_->setText(tr("No token picked: click a point in a layout panel or set the token."));
  }
  pairs_->setRowCount(e.pairs());
  for (int j = 0; j < e.pairs(); ++j) {
    const QString tip = pair_tooltip(e, j, token);
    const double theta = e.inv_freq[j];
    const int axis = e.pair_axis[static_cast<std::size_t>(j)];
    QString id, angle;
    if (token >= 0 && static_cast<std::size_t>(token) < e.token_count()) {
      const double pos = e.pair_position(static_cast<std::size_t>(token), j);
      id = id_text(pos);
      angle =
          QString::number(std::fmod(std::fmod(pos * theta, 2 * M_PI) + 2 * M_PI, 2 * M_PI), 'f', 3);
    }
    pairs_->setItem(j, 0, item(QString::number(j), tip));
    auto* axisItem = item(pair_axis_name(e, axis), tip);
    axisItem->setForeground(views::axis_color(axis));
    pairs_->setItem(j, 1, axisItem);
    pairs_->setItem(j, 2, item(QString::number(theta, 'g', 4), tip));
    pairs_->setItem(j, 3, item(wavelength_text(2 * M_PI / theta), tip));
    pairs_->setItem(j, 4, item(id, tip));
    pairs_->setItem(j, 5, item(angle, tip));
  }
  fit_table(pairs_);
}

// ---------------------------------------------------------------------------------------------
// Tour

std::vector<Lesson> load_lessons() {
  std::vector<Lesson> lessons;
  QFile file(QStringLiteral(":/teaching/lessons.json"));
  if (!file.open(QIODevice::ReadOnly)) return lessons;
  const QJsonArray list =
      QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("lessons")).toArray();
  for (const auto& v : list) {
    const QJsonObject o = v.toObject();
    Lesson l{
        o.value(QStringLiteral("title")).toString(),   o.value(QStringLiteral("view")).toString(),
        o.value(QStringLiteral("variant")).toString(), o.value(QStringLiteral("text")).toString(),
        o.value(QStringLiteral("figure")).toString(),  {},
        o.value(QStringLiteral("scene")).toString(),   o.value(QStringLiteral("base")).toDouble()};
    const QJsonObject params = o.value(QStringLiteral("params")).toObject();
    for (auto it = params.begin(); it != params.end(); ++it)
      l.params[it.key().toStdString()] = it.value().toDouble();
    lessons.push_back(std::move(l));
  }
  return lessons;
}

QString lesson_text(const Lesson& lesson) {
  if (lesson.figure.isEmpty()) return lesson.text;
  const PaperFigure* f = find_paper_figure(lesson.figure.toStdString());
  if (!f) return lesson.text;
  try {
    return QString::fromStdString(
        fill_template(lesson.text.toStdString(), figure_data(*f, lesson.params).values));
  } catch (const std::exception&) {
    return lesson.text;
  }
}

namespace {

struct ViewTarget {
  const char* dock;  // object name, or nullptr for the centre layouts
  const char* words;
};

ViewTarget view_target(const QString& view) {
  if (view == QLatin1String("frequency"))
    return {"frequencyDock", "the Frequency surface dock: pair j across, position t along"};
  if (view == QLatin1String("allocation"))
    return {"chartsDock", "the Charts dock's wavelength-per-pair chart (log scale)"};
  if (view == QLatin1String("similarity"))
    return {"chartsDock", "the Charts dock's positional similarity S(Δ) curve"};
  if (view == QLatin1String("attention"))
    return {"attentionDock", "the Attention dock: the query's strip, tiles and H × W map"};
  if (view == QLatin1String("figure"))
    return {nullptr, "the Paper figures window opened for this lesson (drag its sliders)"};
  return {nullptr, "the 3-D layout in the centre (drag to turn it)"};
}

}  // namespace

TourController::TourController(app::MainWindow& window, QWidget* parent)
    : QWidget(parent), window_(window), lessons_(load_lessons()) {
  setObjectName(QStringLiteral("tourController"));
  setFocusPolicy(Qt::StrongFocus);
  auto* layout = new QVBoxLayout(this);
  step_ = new QLabel(this);
  step_->setObjectName(QStringLiteral("tourStep"));
  title_ = new QLabel(this);
  title_->setObjectName(QStringLiteral("tourTitle"));
  title_->setWordWrap(true);
  text_ = new QTextBrowser(this);
  text_->setObjectName(QStringLiteral("tourText"));
  text_->setFocusPolicy(Qt::NoFocus);
  lookAt_ = new QLabel(this);
  lookAt_->setObjectName(QStringLiteral("tourLookAt"));
  lookAt_->setWordWrap(true);
  lookAt_->setStyleSheet(
      QStringLiteral("QLabel { background: #fff3c4; color: #4a3b00; "
                     "padding: 4px; border-radius: 3px; }"));
  auto* buttons = new QHBoxLayout;
  previous_ = new QPushButton(tr("← Previous"), this);
  next_ = new QPushButton(tr("Next →"), this);
  previous_->setFocusPolicy(Qt::NoFocus);
  next_->setFocusPolicy(Qt::NoFocus);
  buttons->addWidget(previous_);
  buttons->addStretch(1);
  buttons->addWidget(new QLabel(tr("or the arrow keys"), this));
  buttons->addStretch(1);
  buttons->addWidget(next_);
  layout->addWidget(step_);
  layout->addWidget(title_);
  layout->addWidget(text_, 1);
  layout->addWidget(lookAt_);
  layout->addLayout(buttons);
  connect(previous_, &QPushButton::clicked, this, &TourController::previous);
  connect(next_, &QPushButton::clicked, this, &TourController::next);
  applyFonts();
}

void TourController::applyFonts() {
  const QFont base = font();
  QFont title = base;
  title.setBold(true);
  title.setPointSizeF(base.pointSizeF() * 1.25);
  title_->setFont(title);
  step_->setFont(base);
  lookAt_->setFont(base);  // its style sheet would otherwise keep the font it started with
  if (current_ >= 0) {
    fitText();
    growDock();
  }
}

void TourController::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::FontChange) applyFonts();
}

void TourController::start() {
  go(0);
  setFocus();
}

void TourController::next() {
  if (current_ + 1 < count()) go(current_ + 1);
}

void TourController::previous() {
  if (current_ > 0) go(current_ - 1);
}

void TourController::fitText() {
  // The box grows to its text (no scroll bar), up to two thirds of the screen.
  text_->document()->setTextWidth(text_->viewport()->width() > 50 ? text_->viewport()->width()
                                                                  : 300);
  const int needed =
      static_cast<int>(std::ceil(text_->document()->size().height())) + 2 * text_->frameWidth() + 8;
  text_->setMinimumHeight(std::min(needed, 700));
  // The wrapped "look at" line keeps its height too (a layout's minimum ignores height-for-width,
  // and the text box would slide under it).
  if (lookAt_->width() > 50)
    lookAt_->setMinimumHeight(std::max(0, lookAt_->heightForWidth(lookAt_->width())));
}

void TourController::growDock() {
  // The dock as tall as the lesson needs, taken from the docks above it (the parameters): at
  // projector fonts the dock area would otherwise squeeze the text under its own minimum.
  auto* dock = qobject_cast<QDockWidget*>(parentWidget());
  if (!dock || !dock->isVisible() || dock->isFloating()) return;
  const int wanted =
      std::max(minimumSizeHint().height(), sizeHint().height()) + (dock->height() - height()) + 8;
  if (dock->height() < wanted) window_.resizeDocks({dock}, {wanted}, Qt::Vertical);
}

bool TourController::textFits() const {
  return text_->document()->size().height() <= text_->viewport()->height() + 1;
}

void TourController::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  fitText();
}

void TourController::clearHighlight() {
  if (highlighted_.isEmpty()) return;
  if (highlighted_.startsWith(QLatin1String("figure:"))) {
    if (Teaching* t = teaching::find(window_)) {
      if (PaperFigureDialog* d = t->figureDialog()) d->setWindowTitle(savedTitle_);
    }
    highlighted_.clear();
    return;
  }
  if (auto* dock = window_.findChild<QDockWidget*>(highlighted_)) {
    dock->setStyleSheet(QString());
    dock->setWindowTitle(savedTitle_);
  } else if (window_.layoutPanelCount() > 0) {
    window_.layoutView(0)->setStyleSheet(QString());
  }
  highlighted_.clear();
}

void TourController::stop() {
  clearHighlight();
  current_ = -1;
}

void TourController::go(int index) {
  if (index < 0 || index >= count()) return;
  current_ = index;
  const Lesson& l = lessons_[static_cast<std::size_t>(index)];
  step_->setText(tr("Lesson %1 of %2 · variant %3").arg(index + 1).arg(count()).arg(l.variant));
  title_->setText(l.title);
  text_->setPlainText(lesson_text(l));
  fitText();
  previous_->setEnabled(index > 0);
  next_->setEnabled(index + 1 < count());
  // One undo step for the whole lesson (its scene and the paper figure it opens).
  const app::AppModel::Group step(*window_.model());
  // Arrange the views: the lesson's variant alone, the rest of the scene kept.
  app::SceneParameters p = window_.parameters();
  if (!l.variant.isEmpty() && find_variant(l.variant.toStdString())) {
    if (p.variants.size() != 1 || p.variants.front() != l.variant) p.split.clear();
    p.variants = QStringList{l.variant};
  }
  // The lesson's own scene and base, so what it says is on screen whichever lesson came before.
  if (!l.scene.isEmpty()) {
    try {
      p.scene = Scene::parse(l.scene.toStdString());
    } catch (const std::exception& e) {
      qWarning("lesson %d: scene '%s': %s", index + 1, qPrintable(l.scene), e.what());
    }
  }
  if (l.base > 0) p.base = l.base;
  window_.setParameters(p, app::AppModel::Source::Tour);
  clearHighlight();
  const ViewTarget target = view_target(l.view);
  if (l.view == QLatin1String("figure")) {
    lookAt_->setText(tr("Look at: %1 (highlighted).").arg(QString::fromUtf8(target.words)));
    if (Teaching* t = teaching::find(window_)) {
      if (PaperFigureDialog* d = t->openFigure(l.figure)) {
        for (const auto& [key, value] : l.params) d->setParam(QString::fromStdString(key), value);
        // The main window shows the lesson's variant even when the figure is about others (the
        // allocation figure, about every variant) or more than the window compares (the property
        // table's first four do not include VRoPE).
        if (find_variant(l.variant.toStdString()) &&
            !window_.parameters().variants.contains(l.variant)) {
          app::SceneParameters own = window_.parameters();
          own.variants = QStringList{l.variant};
          own.split.clear();
          window_.setParameters(own, app::AppModel::Source::Tour);
        }
        savedTitle_ = d->windowTitle();
        d->setWindowTitle(QStringLiteral("★ %1 — lesson %2").arg(savedTitle_).arg(index + 1));
        highlighted_ = QStringLiteral("figure:") + l.figure;
      }
    }
    growDock();
    emit lessonChanged(index);
    return;
  }
  lookAt_->setText(tr("Look at: %1 (highlighted).").arg(QString::fromUtf8(target.words)));
  if (target.dock) {
    if (auto* dock = window_.findChild<QDockWidget*>(QString::fromLatin1(target.dock))) {
      dock->show();
      dock->raise();
      savedTitle_ = dock->windowTitle();
      dock->setWindowTitle(QStringLiteral("★ %1 — lesson %2").arg(savedTitle_).arg(index + 1));
      dock->setStyleSheet(
          QStringLiteral("QDockWidget { border: 3px solid #f0a000; } QDockWidget::title { "
                         "background: #ffd54f; color: black; padding: 3px; }"));
      highlighted_ = QString::fromLatin1(target.dock);
    }
  } else {
    highlighted_ = QStringLiteral("layout");
    if (window_.layoutPanelCount() > 0)
      window_.layoutView(0)->setStyleSheet(QStringLiteral("border: 3px solid #f0a000;"));
  }
  growDock();
  emit lessonChanged(index);
}

void TourController::keyPressEvent(QKeyEvent* event) {
  switch (event->key()) {
    case Qt::Key_Right:
    case Qt::Key_Down:
    case Qt::Key_PageDown:
      next();
      break;
    case Qt::Key_Left:
    case Qt::Key_Up:
    case Qt::Key_PageUp:
      previous();
      break;
    case Qt::Key_Home:
      go(0);
      break;
    case Qt::Key_End:
      go(count() - 1);
      break;
    default:
      QWidget::keyPressEvent(event);
      return;
  }
  event->accept();
}

// ---------------------------------------------------------------------------------------------
// Definitions diff

// What each convention value stands for, in the diff's legend, headers and summary.
QString convention_title(const std::string& convention) {
  if (convention == "paper") return QObject::tr("paper");
  if (convention == "mmropes") return QObject::tr("Multimodal-RoPEs");
  if (convention == "hf") return QObject::tr("transformers port");
  return QObject::tr("code");
}

class DiffOverlay : public QWidget {
 public:
  explicit DiffOverlay(QWidget* parent) : QWidget(parent) { setMinimumSize(420, 360); }
  void setData(const DefinitionsDiff* diff, int x, int y) {
    diff_ = diff;
    x_ = x;
    y_ = y;
    update();
  }

 protected:
  void paintEvent(QPaintEvent*) override {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().base());
    if (!diff_) return;
    const Encoding& c = diff_->code;
    const Encoding& q = diff_->paper;
    const int ax = std::min<int>(x_, static_cast<int>(c.axes().size()) - 1);
    const int ay = std::min<int>(y_, static_cast<int>(c.axes().size()) - 1);
    double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300;
    for (const Encoding* e : {&c, &q}) {
      for (std::size_t i = 0; i < e->token_count(); ++i) {
        x0 = std::min(x0, e->id(ax, i));
        x1 = std::max(x1, e->id(ax, i));
        y0 = std::min(y0, e->id(ay, i));
        y1 = std::max(y1, e->id(ay, i));
      }
    }
    if (x1 <= x0) x1 = x0 + 1;
    if (y1 <= y0) y1 = y0 + 1;
    const QFontMetrics fm(font());
    const int lh = fm.height();
    const QRect plot(50, lh * 2 + 6, width() - 70, height() - lh * 4 - 16);
    const auto px = [&](double v) { return plot.left() + (v - x0) / (x1 - x0) * plot.width(); };
    const auto py = [&](double v) { return plot.bottom() - (v - y0) / (y1 - y0) * plot.height(); };
    const QColor fg = palette().color(QPalette::Text);
    p.setPen(fg);
    p.drawRect(plot.adjusted(-8, -8, 8, 8));
    const QString xName = qs(c.axes()[static_cast<std::size_t>(ax)]);
    const QString yName = qs(c.axes()[static_cast<std::size_t>(ay)]);
    p.drawText(QRect(plot.left(), plot.bottom() + 10, plot.width(), lh), Qt::AlignHCenter,
               QStringLiteral("%1 →  (%2 … %3)").arg(xName, id_text(x0), id_text(x1)));
    p.save();
    p.translate(16, plot.center().y());
    p.rotate(-90);
    p.drawText(QRect(-plot.height() / 2, -lh / 2, plot.height(), lh), Qt::AlignHCenter,
               QStringLiteral("%1 →  (%2 … %3)").arg(yName, id_text(y0), id_text(y1)));
    p.restore();
    // Legend.
    const QColor codeColor(31, 119, 180), paperColor(230, 110, 10);
    p.setBrush(codeColor);
    p.setPen(Qt::NoPen);
    p.drawEllipse(QPointF(plot.left() + 6, 6 + lh / 2.0), 4, 4);
    p.setPen(fg);
    p.drawText(plot.left() + 14, 6 + fm.ascent(), tr("code convention (filled)"));
    const int lx = plot.left() + 30 + fm.horizontalAdvance(tr("code convention (filled)"));
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(paperColor, 2));
    p.drawEllipse(QPointF(lx, 6 + lh / 2.0), 5, 5);
    p.setPen(fg);
    p.drawText(
        lx + 10, 6 + fm.ascent(),
        tr("%1 convention (rings); grey line = same token").arg(convention_title(diff_->other)));
    const std::size_t n = std::min(c.token_count(), q.token_count());
    p.setPen(QPen(QColor(150, 150, 150), 1));
    for (std::size_t i : diff_->tokens) {
      if (i < n)
        p.drawLine(QPointF(px(c.id(ax, i)), py(c.id(ay, i))),
                   QPointF(px(q.id(ax, i)), py(q.id(ay, i))));
    }
    p.setPen(Qt::NoPen);
    for (std::size_t i = 0; i < c.token_count(); ++i) {
      const bool text = c.positions.tokens.modality[i] == Modality::Text;
      p.setBrush(text ? views::modality_color(Modality::Text) : codeColor);
      p.drawEllipse(QPointF(px(c.id(ax, i)), py(c.id(ay, i))), 3.5, 3.5);
    }
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(paperColor, 1.6));
    for (std::size_t i = 0; i < q.token_count(); ++i) {
      p.drawEllipse(QPointF(px(q.id(ax, i)), py(q.id(ay, i))), 6, 6);
    }
  }

 private:
  const DefinitionsDiff* diff_ = nullptr;
  int x_ = 0, y_ = 1;
};

DefinitionsDiffWindow::DefinitionsDiffWindow(app::MainWindow* window, QWidget* parent)
    : QDialog(parent), window_(window) {
  setObjectName(QStringLiteral("definitionsDiff"));
  setWindowTitle(tr("Definitions diff: reference code vs paper, Multimodal-RoPEs or transformers"));
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  variant_ = new QComboBox(this);
  variant_->setObjectName(QStringLiteral("diffVariant"));
  for (const Variant* v : all_variants()) {
    variant_->addItem(qs(v->info().id), qs(v->info().id));
  }
  xAxis_ = new QComboBox(this);
  yAxis_ = new QComboBox(this);
  bar->addWidget(new QLabel(tr("variant"), this));
  bar->addWidget(variant_);
  bar->addSpacing(16);
  bar->addWidget(new QLabel(tr("horizontal axis"), this));
  bar->addWidget(xAxis_);
  bar->addWidget(new QLabel(tr("vertical axis"), this));
  bar->addWidget(yAxis_);
  bar->addStretch(1);
  layout->addLayout(bar);
  summary_ = new QLabel(this);
  summary_->setObjectName(QStringLiteral("diffSummary"));
  summary_->setWordWrap(true);
  layout->addWidget(summary_);
  auto* split = new QSplitter(Qt::Horizontal, this);
  overlay_ = new DiffOverlay(split);
  tokens_ =
      new_table(split, QStringLiteral("diffTokens"),
                {tr("token"), tr("what"), tr("code ids"), tr("paper ids"), tr("paper − code")});
  split->addWidget(overlay_);
  split->addWidget(tokens_);
  split->setSizes({520, 560});
  layout->addWidget(split, 1);
  connect(variant_, &QComboBox::currentIndexChanged, this, [this] { recompute(); });
  const auto redraw = [this] {
    overlay_->setData(diff_.get(), xAxis_->currentIndex(), yAxis_->currentIndex());
  };
  connect(xAxis_, &QComboBox::currentIndexChanged, this, redraw);
  connect(yAxis_, &QComboBox::currentIndexChanged, this, redraw);
  resize(1160, 720);
  setVariant(QStringLiteral("videorope"));
}

void DefinitionsDiffWindow::setVariant(const QString& id) {
  const int i = variant_->findData(id);
  if (i < 0) return;
  if (i == variant_->currentIndex())
    recompute();
  else
    variant_->setCurrentIndex(i);
}

QString DefinitionsDiffWindow::variant() const {
  return variant_->currentData().toString();
}

QString DefinitionsDiffWindow::summary() const {
  return summary_->text();
}

void DefinitionsDiffWindow::recompute() {
  const Variant* v = find_variant(variant().toStdString());
  if (!v) return;
  app::SceneParameters p;
  if (window_) p = window_->parameters();
  Scene scene = Scene::text_video_text(4, 4, 3, 4, 4);
  // ERNIE's transformers port differs only when a video has more frames than its larger side.
  if (v->info().id == "ernie45-vl") scene = Scene::text_video_text(1, 6, 2, 2, 2);
  const bool time_readings = v->info().id == "qwen25-mrope";
  if (time_readings) {
    // Where transformers' float32 product floors below the exact one (issue example: fps 25,
    // two frames per grid, 25 tokens per second): the readings differ only on such clips.
    scene = Scene::parse("text:1,video:11x1x1@0.08,text:1");
  }
  try {
    // The main window's base, head dim and the variant's own settings there (a setting the
    // window holds for another variant can refuse this one: the message says which).
    Config config = p.config(*v, false);
    if (time_readings) config.options.set("tokens_per_second", 25.0);
    diff_ = std::make_unique<DefinitionsDiff>(definitions_diff(*v, scene, config));
  } catch (const std::exception& e) {
    summary_->setText(tr("Cannot compare: %1").arg(QString::fromUtf8(e.what())));
    diff_.reset();
    overlay_->setData(nullptr, 0, 1);
    tokens_->setRowCount(0);
    return;
  }
  const Encoding& c = diff_->code;
  const QString scene_text = qs(scene.describe());
  {
    QSignalBlocker bx(xAxis_), by(yAxis_);
    xAxis_->clear();
    yAxis_->clear();
    for (const std::string& a : c.axes()) {
      xAxis_->addItem(qs(a));
      yAxis_->addItem(qs(a));
    }
    xAxis_->setCurrentIndex(0);
    yAxis_->setCurrentIndex(std::min(static_cast<int>(c.axes().size()) - 1, 1));
  }
  overlay_->setData(diff_.get(), xAxis_->currentIndex(), yAxis_->currentIndex());
  QString pairs;
  if (!diff_->pairs.empty()) {
    std::map<QString, int> moves;  // "h→w" -> pairs
    for (int j : diff_->pairs) {
      const auto axis = [j](const Encoding& e) {
        return pair_axis_name(e, e.pair_axis[static_cast<std::size_t>(j)]);
      };
      moves[QStringLiteral("%1→%2").arg(axis(c), axis(diff_->paper))]++;
    }
    QStringList list;
    for (const auto& [move, n] : moves) list << tr("%1 pairs %2").arg(n).arg(move);
    pairs = tr(" %1 pairs read a different axis (code→%2): %3.")
                .arg(diff_->pairs.size())
                .arg(convention_title(diff_->other), list.join(QStringLiteral(", ")));
  } else {
    pairs = tr(" The frequency allocation is the same.");
  }
  QString why;
  if (variant() == QLatin1String("videorope")) {
    why =
        tr("<br>Where they disagree (Eq. 7 vs get_t_scale_rope_index): the centring offset "
           "(paper h − H/2, w − W/2; code ⌊(H−1)/2⌋, ⌊(W−1)/2⌋), the text after the video "
           "(paper s0 + δ·T; code max(t) + 1 = s0 + δ(T−1) + 1) and the x/y parity of the "
           "interleaved spatial pairs (paper even → w; code even → h).");
  } else if (variant() == QLatin1String("vrope")) {
    why =
        tr("<br>Where they disagree: the channel order. Pair j reads direction j mod 4; the "
           "code (vrope.py) lists the directions as the paper's u1, u4, u2, u3, so the ids are "
           "the same and the pair→direction map differs.");
  } else if (variant() == QLatin1String("hope")) {
    why =
        tr("<br>Where they disagree (modeling_hope.py vs Multimodal-RoPEs' pos_design/hope.py and "
           "freq_allocation/hope.py): the ids are the same on an unsplit scene; the allocation is "
           "Multimodal-RoPEs' VideoRoPE map with t forced to zero frequency (pair 0 and 48–63 "
           "NoPE, odd j → h, even j → w) instead of HoPE's h/w alternation from pair 0.");
  } else if (variant() == QLatin1String("v2pe")) {
    why = tr(
        "<br>Where they disagree (V2PE get_rope_pos_id vs Multimodal-RoPEs' pos_design/v2pe.py): "
        "the official code steps δ per visual token; Multimodal-RoPEs steps 256δ/N for a block "
        "of N tokens, so a block always spans 256δ — the two agree only for N = 256.");
  } else if (variant() == QLatin1String("ernie45-vl")) {
    why =
        tr("<br>Where they disagree (PaddlePaddle DataProcessor vs transformers get_rope_index): "
           "after a visual block the official code resumes at s0 + max(T, H, W), the port at "
           "s0 + max(H, W), so for T > max(H, W) the following text reuses the video's t ids (a "
           "port bug; the official code is the default).");
  }
  if (diff_->other == "code" && diff_->readings.empty()) {
    why += tr("<br>%1 declares one definition (its reference code), so nothing differs here; the "
              "variants with a second one are videorope and vrope (paper), hope and v2pe "
              "(Multimodal-RoPEs) and ernie45-vl (transformers port).")
               .arg(variant());
  }
  if (time_readings) {
    why +=
        tr("<br>Readings of the temporal ids on text 1 · video 11×1×1 @ 0.08 s · text 1 at 25 "
           "tokens per second (shown instead of the usual scene: only such clips separate "
           "them):");
    for (const DefinitionReading& r : diff_->readings) {
      QStringList t;
      for (Eigen::Index i = 0; i < r.encoding.positions.ids.cols(); ++i) {
        t << id_text(r.encoding.positions.ids(0, i));
      }
      why += tr("<br>• %1: t = %2 (%3 tokens differ from the first reading)")
                 .arg(qs(r.label), t.join(QStringLiteral(" ")))
                 .arg(r.tokens.size());
    }
  }
  summary_->setText(
      tr("<b>%1</b> on %6: <b>%2 of %3 tokens</b> get different ids in the %7 convention than "
         "in the reference code.%4 RoPE Lab uses the code's convention by default.%5")
          .arg(variant())
          .arg(diff_->tokens.size())
          .arg(c.token_count())
          .arg(pairs)
          .arg(why)
          .arg(scene_text, convention_title(diff_->other)));
  tokens_->setHorizontalHeaderLabels({tr("token"), tr("what"), tr("code ids"),
                                      tr("%1 ids").arg(convention_title(diff_->other)),
                                      tr("%1 − code").arg(convention_title(diff_->other))});
  const auto ids = [](const Encoding& e, std::size_t i) {
    QStringList parts;
    for (int a = 0; a < static_cast<int>(e.axes().size()); ++a) parts << id_text(e.id(a, i));
    return QStringLiteral("(") + parts.join(QStringLiteral(", ")) + QStringLiteral(")");
  };
  tokens_->setRowCount(static_cast<int>(diff_->tokens.size()));
  int r = 0;
  for (std::size_t i : diff_->tokens) {
    const TokenLayout& t = c.positions.tokens;
    QString what = qs(std::string(to_string(t.modality[i])));
    if (t.modality[i] != Modality::Text)
      what += tr(" f%1 r%2 c%3").arg(t.frame[i]).arg(t.row[i]).arg(t.col[i]);
    else
      what += i < first_video(c) ? tr(" before") : tr(" after");
    QStringList delta;
    for (int a = 0; a < static_cast<int>(c.axes().size()); ++a)
      delta << id_text(diff_->paper.id(a, i) - c.id(a, i));
    tokens_->setItem(r, 0, item(QString::number(i)));
    tokens_->setItem(r, 1, item(what));
    tokens_->setItem(r, 2, item(ids(c, i)));
    tokens_->setItem(r, 3, item(ids(diff_->paper, i)));
    tokens_->setItem(
        r, 4, item(QStringLiteral("(") + delta.join(QStringLiteral(", ")) + QStringLiteral(")")));
    ++r;
  }
  fit_table(tokens_);
}

// ---------------------------------------------------------------------------------------------
// q/k explained

QkExplainer::QkExplainer(app::MainWindow* window, QWidget* parent) : QDialog(parent) {
  setObjectName(QStringLiteral("qkExplainer"));
  setWindowTitle(tr("The q/k model: why content-free q/k"));
  auto* layout = new QVBoxLayout(this);
  text_ = new QTextBrowser(this);
  text_->setObjectName(QStringLiteral("qkText"));
  text_->setHtml(tr(
      "<h3>Where does positional bias come from?</h3>"
      "<p>A rotated logit is q<sup>T</sup> R(p<sub>i</sub> − p<sub>k</sub>) k: the rotation "
      "R depends only on the positions, the vectors q and k on the content.</p>"
      "<p><b>Zero-mean random q/k</b> (i.i.d. N(0, 1)): the expectation of q<sup>T</sup>R k is "
      "μ<sub>q</sub><sup>T</sup> R μ<sub>k</sub> = 0 for <i>every</i> position pair, so on "
      "average there is <b>no positional bias at all</b>; one sample is pure noise.</p>"
      "<p><b>All-ones q/k</b>: μ = 1, the logit becomes (2/√D) Σ<sub>j</sub> cos(Δφ<sub>j</sub>) "
      "— the pure positional term the papers' mechanism figures argue with.</p>"
      "<p><b>Mean-shifted q/k</b> N(1, 1): the shared mean brings the same positional term back, "
      "with noise on top. Real models' q and k have such shared components, which is why "
      "positional bias shows up in trained attention.</p>"
      "<p>The table measures it on the main window's current variant and scene: the spread "
      "(max − min) of the query's logits over its keys, for one sample and averaged over 16 "
      "seeds, and how well that average correlates with the all-ones logits.</p>"));
  layout->addWidget(text_, 1);
  table_ = new_table(this, QStringLiteral("qkTable"),
                     {tr("q/k model"), tr("spread, one sample"), tr("spread, mean of 16 seeds"),
                      tr("corr. of the mean with all-ones")});
  layout->addWidget(table_);
  resize(760, 620);
  if (!window || !window->currentResult()) return;
  const Encoding& e = *window->currentResult()->variants.front().encoding;
  const std::size_t query = views::default_query(e);
  const auto spread = [&](const Eigen::VectorXd& l) {
    const Eigen::VectorXd head = l.head(static_cast<Eigen::Index>(query + 1));
    return head.maxCoeff() - head.minCoeff();
  };
  const Eigen::VectorXd ones = attention_row(e, rotated_qk(e, QkSource::ones()), query);
  const auto corr = [&](const Eigen::VectorXd& a) {
    const Eigen::Index n = static_cast<Eigen::Index>(query + 1);
    const Eigen::VectorXd x = a.head(n).array() - a.head(n).mean();
    const Eigen::VectorXd y = ones.head(n).array() - ones.head(n).mean();
    const double d = std::sqrt(x.squaredNorm() * y.squaredNorm());
    return d > 0 ? x.dot(y) / d : 0.0;
  };
  struct Row {
    QString name;
    double shift;
    bool random;
  };
  const std::vector<Row> rows{{tr("all ones"), 0, false},
                              {tr("Gaussian N(0, 1), zero mean"), 0, true},
                              {tr("Gaussian N(1, 1), mean-shifted"), 1, true}};
  table_->setRowCount(static_cast<int>(rows.size()));
  for (std::size_t r = 0; r < rows.size(); ++r) {
    Eigen::VectorXd first, mean = Eigen::VectorXd::Zero(ones.size());
    const int seeds = rows[r].random ? 16 : 1;
    for (int s = 0; s < seeds; ++s) {
      const QkSource src =
          rows[r].random ? QkSource::gaussian(static_cast<std::uint64_t>(s) + 1, rows[r].shift)
                         : QkSource::ones();
      const Eigen::VectorXd l = attention_row(e, rotated_qk(e, src), query);
      if (s == 0) first = l;
      mean += l / seeds;
    }
    const int row = static_cast<int>(r);
    table_->setItem(row, 0, item(rows[r].name));
    table_->setItem(row, 1, item(QString::number(spread(first), 'f', 3)));
    table_->setItem(row, 2, item(QString::number(spread(mean), 'f', 3)));
    table_->setItem(row, 3, item(QString::number(corr(mean), 'f', 2)));
  }
  fit_table(table_);
  table_->setFixedHeight(table_->horizontalHeader()->sizeHint().height() +
                         static_cast<int>(rows.size()) * table_->rowHeight(0) + 6);
}

QString QkExplainer::text() const {
  return text_->toPlainText();
}

// ---------------------------------------------------------------------------------------------
// Distractor proxy

DistractorDialog::DistractorDialog(QWidget* parent) : QDialog(parent) {
  setObjectName(QStringLiteral("distractorDialog"));
  setWindowTitle(tr("Distractor retrieval — a training-free proxy of V-NIAH-D"));
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  variant_ = new QComboBox(this);
  variant_->setObjectName(QStringLiteral("distractorVariant"));
  for (const char* id : {"vanilla", "tad", "mrope", "videorope", "vrope"}) {
    if (find_variant(id)) variant_->addItem(QString::fromLatin1(id), QString::fromLatin1(id));
  }
  variant_->setCurrentIndex(std::max(0, variant_->findData(QStringLiteral("mrope"))));
  run_ = new QPushButton(tr("Compute"), this);
  bar->addWidget(new QLabel(tr("variant"), this));
  bar->addWidget(variant_);
  bar->addWidget(run_);
  bar->addStretch(1);
  layout->addLayout(bar);
  const DistractorSetup setup;
  auto* note = new QLabel(
      tr("One token per frame with random unit content; the needle frame's key matches the "
         "query, distractors every %1 frames have cosine similarity %2 to it. The prediction is "
         "the frame with the largest logit (q/k rotated by the variant at base 10⁶, D = 128), "
         "averaged over %3 seeds. This is a <b>proxy</b>: no trained model, no images — the "
         "map is reported as it comes out, not tuned to the paper's ranking (VideoRoPE "
         "Table 3 is in 'Trained-model results').")
          .arg(setup.distractor_period)
          .arg(setup.distractor_similarity)
          .arg(setup.seeds),
      this);
  note->setWordWrap(true);
  layout->addWidget(note);
  heatmap_ = new DistractorHeatmap(this);
  heatmap_->setObjectName(QStringLiteral("distractorHeatmap"));
  layout->addWidget(heatmap_, 1);
  status_ = new QLabel(this);
  status_->setObjectName(QStringLiteral("distractorStatus"));
  layout->addWidget(status_);
  connect(run_, &QPushButton::clicked, this, &DistractorDialog::run);
  connect(variant_, &QComboBox::currentIndexChanged, this, [this] { heatmap_->clear(); });
  connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, [this] {
    const Outcome o = watcher_.result();
    run_->setEnabled(true);
    variant_->setEnabled(true);
    if (!o.error.isEmpty()) {
      status_->setText(tr("Failed: %1").arg(o.error));
    } else {
      heatmap_->setResult(o.result, variant_->currentText());
      status_->setText(tr("Computed off the UI thread in %1 s. Mean accuracy %2.")
                           .arg(o.seconds, 0, 'f', 1)
                           .arg(o.result.accuracy.mean(), 0, 'f', 2));
    }
    emit finished();
  });
  resize(760, 640);
}

DistractorDialog::~DistractorDialog() {
  watcher_.waitForFinished();
}

void DistractorDialog::setVariant(const QString& id) {
  variant_->setCurrentIndex(std::max(0, variant_->findData(id)));
}

bool DistractorDialog::busy() const {
  return watcher_.isRunning();
}

QString DistractorDialog::status() const {
  return status_->text();
}

void DistractorDialog::run() {
  if (busy()) return;
  const Variant* v = find_variant(variant_->currentData().toString().toStdString());
  if (!v) return;
  run_->setEnabled(false);
  variant_->setEnabled(false);
  heatmap_->clear();
  status_->setText(tr("Computing %1 off the UI thread…").arg(variant_->currentText()));
  watcher_.setFuture(QtConcurrent::run([v] {
    Outcome o;
    QElapsedTimer timer;
    timer.start();
    try {
      Config c;
      c.base = 1e6;
      c.head_dim = 128;
      o.result = distractor_retrieval(*v, c);
    } catch (const std::exception& e) {
      o.error = QString::fromUtf8(e.what());
    }
    o.seconds = static_cast<double>(timer.elapsed()) / 1000.0;
    return o;
  }));
}

}  // namespace ropelab::teaching
