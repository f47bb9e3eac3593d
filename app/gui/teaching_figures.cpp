#include "app/gui/teaching_figures.h"

#include <QDockWidget>
#include <QFile>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QScrollArea>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTextDocument>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <map>

#include "app/gui/main_window.h"
#include "app/gui/teaching_widgets.h"
#include "ropelab/analyses.h"
#include "ropelab/error.h"
#include "ropelab/registry.h"
#include "ropelab/rope.h"

namespace ropelab::teaching {

namespace {

QString num(double v, int decimals = 1) {
  if (std::abs(v - std::round(v)) < 1e-9 && std::abs(v) < 1e15) {
    return QString::number(static_cast<long long>(std::llround(v)));
  }
  return QString::number(v, 'f', decimals);
}

QString big(double v) {
  // 198692.2 -> "198,692"; small values keep one decimal.
  if (std::abs(v) < 1000) return QString::number(v, 'f', 1);
  return QLocale(QLocale::English).toString(static_cast<qlonglong>(std::llround(v)));
}

QString qs(const std::string& s) {
  return QString::fromStdString(s);
}

// 1e6 -> "10⁶"; other bases as plain numbers.
QString base_text(double base) {
  const double e = std::log10(base);
  if (std::abs(e - std::round(e)) < 1e-12 && e >= 2) {
    static const QString digits = QStringLiteral("⁰¹²³⁴⁵⁶⁷⁸⁹");
    QString sup;
    for (QChar c : QString::number(static_cast<int>(std::round(e)))) sup += digits[c.digitValue()];
    return QStringLiteral("10") + sup;
  }
  return QString::number(base, 'g', 6);
}

QString ids_text(const Encoding& e, std::size_t token) {
  QStringList parts;
  for (std::size_t a = 0; a < e.axes().size(); ++a) {
    parts << QStringLiteral("%1=%2").arg(qs(e.axes()[a]), num(e.id(static_cast<int>(a), token), 2));
  }
  return QStringLiteral("(") + parts.join(QStringLiteral(", ")) + QStringLiteral(")");
}

// "0-15" / "48-63" / "16, 18, 20" for the pairs that read an axis.
QString pair_ranges(const Encoding& e, int axis) {
  const auto runs = pair_runs(e, axis);
  if (runs.size() > 4) {
    return QStringLiteral("%1 interleaved")
        .arg(std::count(e.pair_axis.begin(), e.pair_axis.end(), axis));
  }
  QStringList parts;
  for (const auto& run : runs) parts << run_text(run);
  return parts.join(QStringLiteral(", "));
}

QTableWidget* make_table(QWidget* parent, const QString& name, const QStringList& headers,
                         const std::vector<QStringList>& rows) {
  auto* table =
      new QTableWidget(static_cast<int>(rows.size()), static_cast<int>(headers.size()), parent);
  table->setObjectName(name);
  table->setHorizontalHeaderLabels(headers);
  table->verticalHeader()->hide();
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table->setSelectionMode(QAbstractItemView::NoSelection);
  table->setWordWrap(false);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (int c = 0; c < rows[r].size() && c < headers.size(); ++c) {
      auto* item = new QTableWidgetItem(rows[r][c]);
      item->setToolTip(rows[r][c]);
      table->setItem(static_cast<int>(r), c, item);
    }
  }
  table->resizeColumnsToContents();
  table->horizontalHeader()->setStretchLastSection(true);
  table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  int height = table->horizontalHeader()->sizeHint().height() + 4;
  for (int r = 0; r < table->rowCount(); ++r) height += table->rowHeight(r);
  table->setFixedHeight(height + 2);
  return table;
}

QLabel* make_label(QWidget* parent, const QString& text, const QString& name = {}) {
  auto* label = new QLabel(text, parent);
  label->setWordWrap(true);
  label->setTextFormat(Qt::RichText);
  if (!name.isEmpty()) label->setObjectName(name);
  return label;
}

QLabel* heading(QWidget* parent, const QString& text) {
  return make_label(parent, QStringLiteral("<b>%1</b>").arg(text));
}

const Variant& variant(const std::string& id) {
  return variant_or_throw(id);
}

Config config_for(const Variant& v, Config c) {
  if (!v.info().has_delta) c.delta.reset();
  return c;
}

std::size_t first_video_token(const Encoding& e) {
  const TokenLayout& t = e.positions.tokens;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.modality[i] != Modality::Text) return i;
  }
  return 0;
}

// Frame x frame mean of the all-ones logits restricted to one axis's pairs (axis < 0: all).
RowMatrix axis_frame_matrix(const Encoding& e, int axis) {
  const TokenLayout& t = e.positions.tokens;
  std::vector<std::size_t> tokens;
  int frames = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.modality[i] == Modality::Text) continue;
    tokens.push_back(i);
    frames = std::max(frames, t.frame[i] + 1);
  }
  RowMatrix sum = RowMatrix::Zero(frames, frames);
  RowMatrix count = RowMatrix::Zero(frames, frames);
  const double scale = 2.0 / std::sqrt(static_cast<double>(e.head_dim()));
  std::vector<int> pairs;
  for (int j = 0; j < e.pairs(); ++j) {
    if (axis < 0 || e.pair_axis[j] == axis) pairs.push_back(j);
  }
  for (std::size_t a : tokens) {
    for (std::size_t b : tokens) {
      double logit = 0;
      for (int j : pairs) {
        const double d = e.pair_position(a, j) - e.pair_position(b, j);
        logit += std::cos(d * e.inv_freq[j]);
      }
      sum(t.frame[a], t.frame[b]) += scale * logit;
      count(t.frame[a], t.frame[b]) += 1;
    }
  }
  return sum.cwiseQuotient(count);
}

QDockWidget* dock(app::MainWindow* window, const char* name) {
  return window ? window->findChild<QDockWidget*>(QString::fromLatin1(name)) : nullptr;
}

}  // namespace

app::SceneParameters figure_parameters(const PaperFigure& f) {
  app::SceneParameters p;
  p.variants.clear();
  for (const std::string& v : f.variants) {
    if (p.variants.size() < app::SceneParameters::kMaxCompared) p.variants << qs(v);
  }
  if (p.variants.isEmpty()) p.variants << QStringLiteral("videorope");
  p.base = f.config.base;
  p.headDim = f.config.head_dim;
  for (const QString& id : p.variants) {
    if (f.config.delta) p.setDelta(id, *f.config.delta);
  }
  // The figure's own scene, whatever its shape.
  p.scene = f.scene;
  p.query = -1;
  p.qkModel = views::QkModel::Ones;
  return p;
}

FigureNotes figure_notes(const QString& id) {
  if (id == QLatin1String("videorope-fig4a")) {
    return {"VideoRoPE Fig. 4 (a) and App. B; θ_j = base^(−2j/D), wavelength λ_j = 2π/θ_j.",
            "Each curve is one temporal pair; it completes a full turn every λ_j (≈ 104, 129, 160 "
            "positions), so within 500 frames it repeats 3–4 times. A ring marks t = k·λ_j, where "
            "the pair's angle is back to 0 mod 2π: frames that far apart look the same on that "
            "pair (a 'hash collision'). The main window shows M-RoPE's whole frequency surface "
            "over this 500-frame video.",
            "How much the collisions hurt retrieval (Fig. 2 right, Fig. 7 V-NIAH-D heatmaps) "
            "needs a trained model: see 'Trained-model results'."};
  }
  if (id == QLatin1String("videorope-fig4b")) {
    return {"VideoRoPE Fig. 4 (b), Sec. 3 (low-frequency temporal allocation, LTA).",
            "Over 20,000 positions the three curves have only begun to bend away from 1: their "
            "wavelengths are ≈ 0.2–0.3 million positions, so no ring (no collision) appears. "
            "Compare the x-axis with Fig. 4 (a): 40× longer.",
            "Fig. 2 right / Fig. 7 (V-NIAH-D accuracy) need a trained model: cited, not computed."};
  }
  if (id == QLatin1String("videorope-fig5")) {
    return {
        "VideoRoPE Fig. 5 (and its position equation: text (τ, τ, τ); video frame at "
        "T_s + δ(τ − T_s) on every axis plus w − W/2, h − H/2).",
        "The 'step' column: adjacent text tokens step by 1 on every axis; the same patch in "
        "the next frame steps (1, 0, 0) in M-RoPE but (δ, δ, δ) in VideoRoPE — the whole frame "
        "moves along the diagonal. The main window shows the three layouts.",
        ""};
  }
  if (id == QLatin1String("videorope-fig6")) {
    return {"VideoRoPE Fig. 6 (3-D visualisation of the position ids).",
            "Centre panels of the main window, one per variant (cameras linked: drag one to turn "
            "all). Vanilla is a straight line (its one axis drawn on x, the others padded with "
            "0); M-RoPE stacks all frames on the same (h, w) grid; VideoRoPE's frames climb the "
            "diagonal t = h = w, spaced by δ. The table lists the ids of a few landmark tokens.",
            ""};
  }
  if (id == QLatin1String("videorope-fig3")) {
    return {
        "VideoRoPE Fig. 3 and App. (attention analysis).",
        "Each tile is a frame × frame map of the mean positional logit using only that "
        "axis's pairs (yellow high, dark low; the per-axis tiles share one colour range). M-RoPE's "
        "t tile is a thin diagonal band (fast pairs decorrelate within a few frames); "
        "VideoRoPE's t tile is nearly flat (its slow pairs barely change over 32 frames).",
        "The paper's needle peaks come from a trained model attending to real content; with "
        "content-free (all-ones) q/k only the positional pattern is shown."};
  }
  if (id == QLatin1String("videorope-appb")) {
    return {"VideoRoPE App. B (V-NIAH-D construction); θ_j = base^(−2j/D).",
            "The first table: the paper's 198.7 is the wavelength of pair 16, which in the "
            "reference code is already a spatial (h) pair; M-RoPE's slowest temporal pair is pair "
            "15, ≈ 160.1 frames. The second table: how many of the 16 temporal pairs complete a "
            "full turn within a video of T frames (they can alias distant frames).",
            "The V-NIAH-D accuracies themselves are trained-model results (cited table)."};
  }
  if (id == QLatin1String("vrope-fig2")) {
    return {"VRoPE Fig. 1 (a) and Fig. 2 (attention maps on Video-MME); Sec. 3.4.",
            "Each tile is the H × W attention of the first text token after the video, averaged "
            "over frames and divided by its mean: uniform attention would be one flat colour. "
            "Compare the max/min ratios under the tiles.",
            "The paper averages a trained model's text-to-video attention on Video-MME; here "
            "q = k = all ones, so only the positional prior is shown."};
  }
  if (id == QLatin1String("vrope-fig1b")) {
    return {"VRoPE Fig. 1 (b), Sec. 3.4 and Eq. (7)–(8) (temporal centred arrangement).",
            "Jump out of the video: M-RoPE's h and w jump grows with T (text resumes at the "
            "block start + max(T, H, W)); VRoPE's does not. Centre gaps: VRoPE's gap before the "
            "video equals the gap after it, (H + W)/2, for every T.",
            "VRoPE Table 1's boundary attention weights are trained-model numbers (cited)."};
  }
  if (id == QLatin1String("vrope-appa")) {
    return {"VRoPE App. A; Eq. (6): (u1, u2, u3, u4) = (w + h, w − h, −w − h, −w + h).",
            "With H = 1 (h = 0) every video token has u1 = u2 and u3 = u4: the four directions "
            "collapse to two mirrored copies of one 1-D position w (plus constant offsets), "
            "whereas a separate (w, h) encoding keeps a dead h axis.",
            ""};
  }
  if (id == QLatin1String("property-table")) {
    return {"VideoRoPE Table 1 and VRoPE Table 3.",
            "Each cell is computed from the variant's ids and allocation on probe scenes "
            "(text 4, video T × 5 × 5, text 4, T = 8 and 16); 'unbiased' is a judgement: the "
            "bias map's max/min ratio must stay below 1.05 (the ratio is shown).",
            "The papers' benchmark columns (VRoPE Table 3 'Avg.') are cited, not computed."};
  }
  if (id == QLatin1String("cited-results")) {
    return {"VideoRoPE Tables 3, 6, 8; VRoPE Tables 1, 3, 4, 5.",
            "These numbers are copied from the papers. They come from trained models and RoPE Lab "
            "never computes or imitates them.",
            "All of them."};
  }
  return {};
}

PaperFigureDialog::PaperFigureDialog(app::MainWindow* window, QWidget* parent)
    : QDialog(parent), window_(window) {
  setObjectName(QStringLiteral("paperFigureDialog"));
  setWindowTitle(tr("Paper figures"));
  auto* layout = new QHBoxLayout(this);
  auto* splitter = new QSplitter(this);
  list_ = new QListWidget(splitter);
  list_->setObjectName(QStringLiteral("figureList"));
  for (const PaperFigure& f : paper_figures()) {
    auto* item = new QListWidgetItem(qs(f.title), list_);
    item->setData(Qt::UserRole, qs(f.id));
    item->setToolTip(qs(f.claim));
  }
  list_->setWordWrap(true);
  list_->setMinimumWidth(220);
  auto* right = new QWidget(splitter);
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->setContentsMargins(0, 0, 0, 0);
  caption_ = new QTextBrowser(right);
  caption_->setObjectName(QStringLiteral("figureCaption"));
  caption_->setOpenExternalLinks(false);
  caption_->setMinimumHeight(150);
  scroll_ = new QScrollArea(right);
  scroll_->setWidgetResizable(true);
  auto* captionSplit = new QSplitter(Qt::Vertical, right);
  captionSplit->addWidget(caption_);
  captionSplit->addWidget(scroll_);
  captionSplit->setStretchFactor(0, 0);
  captionSplit->setStretchFactor(1, 1);
  captionSplit->setSizes({230, 600});
  rightLayout->addWidget(captionSplit);
  splitter->addWidget(list_);
  splitter->addWidget(right);
  splitter->setStretchFactor(1, 1);
  splitter->setSizes({240, 900});
  layout->addWidget(splitter);
  connect(list_, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
    if (item && item->data(Qt::UserRole).toString() != id_) {
      showFigure(item->data(Qt::UserRole).toString());
    }
  });
  resize(1180, 860);
}

bool PaperFigureDialog::showFigure(const QString& id) {
  const PaperFigure* f = find_paper_figure(id.toStdString());
  if (!f) return false;
  id_ = id;
  for (int i = 0; i < list_->count(); ++i) {
    if (list_->item(i)->data(Qt::UserRole).toString() == id) {
      QSignalBlocker block(list_);
      list_->setCurrentRow(i);
    }
  }
  setWindowTitle(tr("Paper figures — %1").arg(qs(f->title)));
  const FigureNotes notes = figure_notes(id);
  QString html = QStringLiteral("<h3 style='margin:0'>%1</h3>").arg(qs(f->title).toHtmlEscaped());
  html += QStringLiteral("<p><b>The paper claims:</b> %1</p>").arg(qs(f->claim).toHtmlEscaped());
  if (!notes.reference.isEmpty())
    html += QStringLiteral("<p><b>Where:</b> %1</p>").arg(notes.reference.toHtmlEscaped());
  html +=
      QStringLiteral("<p><b>RoPE Lab computes:</b> %1</p>").arg(qs(f->computes).toHtmlEscaped());
  if (!notes.lookAt.isEmpty())
    html += QStringLiteral("<p><b>Look at:</b> %1</p>").arg(notes.lookAt.toHtmlEscaped());
  if (!notes.trained.isEmpty())
    html += QStringLiteral(
                "<p style='color:#8a3b00'><b>Needs a trained model (cited, never "
                "computed):</b> %1</p>")
                .arg(notes.trained.toHtmlEscaped());
  caption_->setHtml(html);
  build(*f);
  if (window_ && f->view != FigureView::Cited) {
    window_->setParameters(figure_parameters(*f), app::AppModel::Source::PaperFigure);
    const char* target = nullptr;
    switch (f->view) {
      case FigureView::Frequency:
      case FigureView::DistractorPeriod:
        target = "frequencyDock";
        break;
      case FigureView::AxisLogits:
      case FigureView::BiasMap:
        target = "attentionDock";
        break;
      case FigureView::Jump:
        target = "chartsDock";
        break;
      case FigureView::Properties:
        target = "propertiesDock";
        break;
      default:
        break;
    }
    if (QDockWidget* d = target ? dock(window_, target) : nullptr) {
      d->show();
      d->raise();
    }
  }
  return true;
}

void PaperFigureDialog::build(const PaperFigure& f) {
  content_ = new QWidget;
  content_->setObjectName(QStringLiteral("figureContent"));
  auto* layout = new QVBoxLayout(content_);
  try {
    switch (f.view) {
      case FigureView::Frequency:
        buildFrequency(f);
        break;
      case FigureView::Layout:
        buildLayout(f);
        break;
      case FigureView::AdjacentIds:
        buildAdjacentIds(f);
        break;
      case FigureView::AxisLogits:
        buildAxisLogits(f);
        break;
      case FigureView::DistractorPeriod:
        buildDistractorPeriod(f);
        break;
      case FigureView::BiasMap:
        buildBiasMap(f);
        break;
      case FigureView::Jump:
        buildJump(f);
        break;
      case FigureView::HeightOne:
        buildHeightOne(f);
        break;
      case FigureView::Properties:
        buildProperties(f);
        break;
      case FigureView::Cited:
        buildCited();
        break;
    }
  } catch (const std::exception& error) {
    layout->addWidget(make_label(content_, tr("Could not compute: %1").arg(error.what())));
  }
  layout->addStretch(1);
  scroll_->setWidget(content_);  // deletes the previous content
}

void PaperFigureDialog::buildFrequency(const PaperFigure& f) {
  auto* layout = content_->layout();
  const Variant& v = variant(f.variants.front());
  const Encoding e = encode(v, f.scene, config_for(v, f.config));
  const int temporal = v.info().temporal_axis;
  layout->addWidget(make_label(
      content_,
      tr("<b>%1</b> at base %2, D = %3: the temporal axis <b>%4</b> reads pairs <b>%5</b> of %6. "
         "Drawn: pairs <b>%7–%8</b> over t ∈ [0, %9].")
          .arg(qs(f.variants.front()), base_text(f.config.base))
          .arg(f.config.head_dim)
          .arg(qs(e.axes()[static_cast<std::size_t>(temporal)]), pair_ranges(e, temporal))
          .arg(e.pairs())
          .arg(f.pairs.front())
          .arg(f.pairs.back())
          .arg(num(f.t_max)),
      QStringLiteral("pairSummary")));
  static const QColor colors[] = {QColor(31, 119, 180), QColor(230, 110, 10), QColor(44, 160, 44),
                                  QColor(200, 40, 40)};
  std::vector<LinePlot::Series> series;
  std::vector<QStringList> rows;
  int markers = 0;
  for (std::size_t n = 0; n < f.pairs.size(); ++n) {
    const int j = f.pairs[n];
    const double theta = e.inv_freq[j];
    const double lambda = 2 * M_PI / theta;
    LinePlot::Series s;
    s.label = tr("pair %1 (λ ≈ %2)").arg(j).arg(big(lambda));
    s.color = colors[n % 4];
    const int samples = 1500;
    for (int i = 0; i <= samples; ++i) {
      const double t = f.t_max * i / samples;
      s.points.emplace_back(t, std::cos(t * theta));
    }
    for (int k = 1; k * lambda <= f.t_max; ++k) s.markers.emplace_back(k * lambda, 1.0);
    markers += static_cast<int>(s.markers.size());
    rows.push_back({QString::number(j), qs(e.axes()[static_cast<std::size_t>(e.pair_axis[j])]),
                    QString::number(theta, 'g', 4), big(lambda),
                    QString::number(f.t_max / lambda, 'f', 3), QString::number(s.markers.size())});
    series.push_back(std::move(s));
  }
  auto* plot = new LinePlot(content_);
  plot->setObjectName(QStringLiteral("frequencyPlot"));
  plot->setMinimumHeight(360);
  plot->setData(std::move(series), tr("position t"), tr("cos(t · θ_j)"),
                markers > 0 ? tr("○ = t is a multiple of λ_j: the pair's angle is back to 0 "
                                 "(a collision); %1 marked")
                                  .arg(markers)
                            : tr("no pair completes a turn in this range: no collision"));
  layout->addWidget(plot);
  layout->addWidget(make_table(content_, QStringLiteral("pairTable"),
                               {tr("pair j"), tr("axis it reads"), tr("θ_j"), tr("wavelength λ_j"),
                                tr("turns in range"), tr("collisions marked")},
                               rows));
}

void PaperFigureDialog::buildLayout(const PaperFigure& f) {
  auto* layout = content_->layout();
  std::vector<QStringList> rows;
  for (const std::string& id : f.variants) {
    const Variant& v = variant(id);
    const Encoding e = encode(v, f.scene, config_for(v, f.config));
    const TokenLayout& t = e.positions.tokens;
    const std::size_t first = first_video_token(e);
    int frames = 0;
    std::size_t last = first;
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t.modality[i] != Modality::Text) {
        frames = std::max(frames, t.frame[i] + 1);
        last = i;
      }
    }
    const std::size_t perFrame = (last - first + 1) / static_cast<std::size_t>(std::max(1, frames));
    const auto add = [&](const QString& what, std::size_t token) {
      if (token < t.size())
        rows.push_back({qs(id), what, QString::number(token), ids_text(e, token)});
    };
    if (first > 0) add(tr("last text before the video"), first - 1);
    add(tr("frame 0, first patch"), first);
    add(tr("frame 0, last patch"), first + perFrame - 1);
    add(tr("frame 1, first patch"), first + perFrame);
    add(tr("last frame, last patch"), last);
    add(tr("first text after the video"), last + 1);
  }
  layout->addWidget(heading(content_, tr("Landmark tokens (the 3-D layouts are in the main "
                                         "window)")));
  layout->addWidget(make_table(content_, QStringLiteral("layoutTable"),
                               {tr("variant"), tr("token"), tr("index"), tr("ids")}, rows));
}

void PaperFigureDialog::buildAdjacentIds(const PaperFigure& f) {
  auto* layout = content_->layout();
  std::vector<QStringList> rows;
  for (const std::string& id : f.variants) {
    const Variant& v = variant(id);
    const Encoding e = encode(v, f.scene, config_for(v, f.config));
    const AdjacentIds a = adjacent_ids(e);
    const auto fmt = [&](const std::vector<double>& x) {
      QStringList parts;
      for (std::size_t i = 0; i < x.size(); ++i)
        parts << QStringLiteral("%1=%2").arg(qs(a.axes[i]), num(x[i], 2));
      return QStringLiteral("(") + parts.join(QStringLiteral(", ")) + QStringLiteral(")");
    };
    const auto step = [&](const std::vector<double>& x, const std::vector<double>& y) {
      QStringList parts;
      for (std::size_t i = 0; i < x.size(); ++i) parts << num(y[i] - x[i], 2);
      return QStringLiteral("(") + parts.join(QStringLiteral(", ")) + QStringLiteral(")");
    };
    rows.push_back({qs(id), tr("two adjacent text tokens"), fmt(a.text_a), fmt(a.text_b),
                    step(a.text_a, a.text_b)});
    rows.push_back({qs(id), tr("patch (0, 0) in frames 0 and 1"), fmt(a.frame_a), fmt(a.frame_b),
                    step(a.frame_a, a.frame_b)});
  }
  layout->addWidget(
      heading(content_,
              tr("Ids per axis (δ = %1 for VideoRoPE)").arg(num(f.config.delta.value_or(1.0), 1))));
  layout->addWidget(make_table(
      content_, QStringLiteral("adjacentTable"),
      {tr("variant"), tr("tokens"), tr("first"), tr("second"), tr("step per axis")}, rows));
}

void PaperFigureDialog::buildAxisLogits(const PaperFigure& f) {
  auto* layout = content_->layout();
  auto* grid = new QGridLayout;
  std::vector<QStringList> rows;
  std::vector<HeatmapTile*> axisTiles;
  double axisLo = 1e300, axisHi = -1e300;
  int row = 0;
  for (const std::string& id : f.variants) {
    const Variant& v = variant(id);
    const Encoding e = encode(v, f.scene, config_for(v, f.config));
    const int axes = static_cast<int>(e.axes().size());
    for (int a = -1; a < axes; ++a) {
      const RowMatrix m = axis_frame_matrix(e, a);
      const double spread = m.maxCoeff() - m.minCoeff();
      const QString axisName = a < 0 ? tr("all axes") : qs(e.axes()[static_cast<std::size_t>(a)]);
      const QString pairs = a < 0 ? tr("all %1 pairs").arg(e.pairs())
                                  : (pair_ranges(e, a).contains(QStringLiteral("interleaved"))
                                         ? pair_ranges(e, a) + tr(" pairs")
                                         : tr("pairs %1").arg(pair_ranges(e, a)));
      auto* tile = new HeatmapTile(content_);
      tile->setObjectName(QStringLiteral("logits_%1_%2").arg(qs(id), axisName));
      tile->setData(
          m, QStringLiteral("%1 · %2").arg(qs(id), axisName), tr("query frame"), tr("key frame"),
          spread < 1e-9 ? tr("%1 · constant").arg(pairs)
                        : tr("%1 · spread %2").arg(pairs, QString::number(spread, 'g', 2)));
      tile->setMinimumSize(180, 240);
      if (a >= 0) {
        axisTiles.push_back(tile);
        axisLo = std::min(axisLo, m.minCoeff());
        axisHi = std::max(axisHi, m.maxCoeff());
      }
      grid->addWidget(tile, row, a + 1);
      // Diagonal minus far off-diagonal: how local this axis's positional term is.
      const int n = static_cast<int>(m.rows());
      double diag = 0, far = 0;
      int farCount = 0;
      for (int i = 0; i < n; ++i) {
        diag += m(i, i);
        for (int k = 0; k < n; ++k) {
          if (std::abs(i - k) >= n / 2) {
            far += m(i, k);
            ++farCount;
          }
        }
      }
      diag /= std::max(1, n);
      far /= std::max(1, farCount);
      rows.push_back({qs(id), axisName, pairs, QString::number(diag, 'f', 3),
                      QString::number(far, 'f', 3), QString::number(diag - far, 'f', 3)});
    }
    ++row;
  }
  for (HeatmapTile* tile : axisTiles) tile->setRange(axisLo, axisHi);
  layout->addWidget(heading(content_, tr("Frame × frame mean positional logit (all-ones q/k), "
                                         "split by the axis each pair reads")));
  layout->addWidget(make_label(
      content_, tr("The per-axis tiles share one colour range (%1 … %2) so they can be compared; "
                   "the 'all axes' tiles use their own. A constant tile means that axis's ids do "
                   "not change from frame to frame (M-RoPE's h and w).")
                    .arg(QString::number(axisLo, 'f', 2), QString::number(axisHi, 'f', 2))));
  auto* holder = new QWidget(content_);
  holder->setLayout(grid);
  layout->addWidget(holder);
  layout->addWidget(make_table(content_, QStringLiteral("axisLogitTable"),
                               {tr("variant"), tr("axis"), tr("pairs"), tr("same frame"),
                                tr("frames ≥ T/2 apart"), tr("contrast")},
                               rows));
}

void PaperFigureDialog::buildDistractorPeriod(const PaperFigure& f) {
  auto* layout = content_->layout();
  const int frames = f.scene.segments.size() > 1 ? f.scene.segments[1].frames : 3000;
  const DistractorPeriod d = distractor_period(f.config, frames);
  const Eigen::VectorXd inv = inverse_frequencies(f.config.head_dim, f.config.base);
  const int p = f.config.pairs();
  std::vector<QStringList> periods{
      {tr("paper: 2π·10⁶^(32/128), the V-NIAH-D distractor period (rounded to 200)"),
       QString::number(d.paper_pair), QString::number(d.paper_period, 'f', 1),
       tr("in the code this pair already reads h")},
      {tr("code: M-RoPE's slowest temporal pair"), QString::number(d.code_slowest_pair),
       QString::number(d.code_slowest_wavelength, 'f', 1), tr("time on pairs 0–15")},
      {tr("code: VideoRoPE's fastest temporal pair"), QString::number(p - 16),
       big(2 * M_PI / inv[p - 16]), tr("time on pairs 48–63")},
      {tr("code: VideoRoPE's slowest temporal pair"), QString::number(p - 1),
       big(2 * M_PI / inv[p - 1]), QString()}};
  layout->addWidget(heading(content_, tr("The distractor period against the real wavelengths "
                                         "(base %1, D = %2)")
                                          .arg(base_text(f.config.base))
                                          .arg(f.config.head_dim)));
  layout->addWidget(
      make_table(content_, QStringLiteral("periodTable"),
                 {tr("quantity"), tr("pair j"), tr("wavelength (frames)"), tr("note")}, periods));
  std::vector<QStringList> wraps;
  for (int T : {64, 100, 161, 200, 500, 1000, frames}) {
    const DistractorPeriod m = distractor_period(f.config, T);
    Config vc = f.config;
    vc.delta = 2.0;
    const CollisionReport vr =
        collisions(encode(variant("videorope"), Scene::text_video_text(1, T, 1, 1, 1), vc));
    wraps.push_back({QString::number(T), num(m.video_extent), QString::number(m.wrapping_pairs),
                     QString::number(vr.wrapping_pairs)});
  }
  layout->addWidget(heading(content_, tr("Temporal pairs that complete a turn within the video "
                                         "(wavelength shorter than the temporal extent)")));
  layout->addWidget(
      make_table(content_, QStringLiteral("wrapTable"),
                 {tr("frames T"), tr("M-RoPE extent"), tr("M-RoPE wrapping pairs (of 16)"),
                  tr("VideoRoPE δ=2 wrapping pairs (of 16)")},
                 wraps));
  layout->addWidget(make_label(
      content_,
      tr("In a %1-frame video <b>%2 of M-RoPE's 16 temporal pairs wrap</b>: the slowest, pair "
         "%3, turns once every %4 frames, not every %5.")
          .arg(frames)
          .arg(d.wrapping_pairs)
          .arg(d.code_slowest_pair)
          .arg(QString::number(d.code_slowest_wavelength, 'f', 1))
          .arg(QString::number(d.paper_period, 'f', 1)),
      QStringLiteral("periodSummary")));
}

void PaperFigureDialog::buildBiasMap(const PaperFigure& f) {
  auto* layout = content_->layout();
  auto* row = new QHBoxLayout;
  std::vector<QStringList> rows;
  for (const std::string& id : f.variants) {
    const Variant& v = variant(id);
    const Encoding e = encode(v, f.scene, config_for(v, f.config));
    const BiasReport b = bias_map(e);
    auto* tile = new HeatmapTile(content_);
    tile->setObjectName(QStringLiteral("bias_%1").arg(qs(id)));
    tile->setData(b.map, qs(id), tr("row h"), tr("column w"),
                  tr("max/min %1 · corr(h+w) %2")
                      .arg(QString::number(b.max_over_min, 'f', 3))
                      .arg(QString::number(b.corr_h_plus_w, 'f', 2)));
    tile->setMinimumSize(240, 300);
    tile->setLogScale(b.max_over_min > 10);
    row->addWidget(tile);
    rows.push_back({qs(id), QString::number(b.max_over_min, 'f', 3),
                    QString::number(b.corr_h_plus_w, 'f', 2)});
  }
  layout->addWidget(heading(content_, tr("Frame-averaged H × W attention of the first text token "
                                         "after the video, ÷ its mean (base %1)")
                                          .arg(base_text(f.config.base))));
  auto* holder = new QWidget(content_);
  holder->setLayout(row);
  layout->addWidget(holder);
  layout->addWidget(make_label(
      content_, tr("Read the tiles top to bottom = rows h, left to right = columns w. Flattened "
                   "RoPE piles its attention on the last tokens of each frame (nearest to the "
                   "query), so its tile uses a log colour scale. Reported as computed: with "
                   "content-free q/k VRoPE's map is not the flattest here.")));
  layout->addWidget(
      make_table(content_, QStringLiteral("biasTable"),
                 {tr("variant"), tr("max/min (1 = uniform)"), tr("correlation with h + w")}, rows));
}

void PaperFigureDialog::buildJump(const PaperFigure& f) {
  auto* layout = content_->layout();
  const auto& seg = f.scene.segments;
  const int H = seg[1].height, W = seg[1].width;
  std::vector<QStringList> now;
  QStringList headers{tr("frames T")};
  std::vector<QStringList> vsT;
  std::vector<QStringList> gaps;
  const std::vector<int> Ts{1, 2, 4, 8, 16, 32, 64};
  for (int T : Ts) vsT.push_back({QString::number(T)});
  for (const std::string& id : f.variants) {
    const Variant& v = variant(id);
    const Config c = config_for(v, f.config);
    const Encoding e = encode(v, f.scene, c);
    const JumpReport j = boundary_jumps(e);
    for (std::size_t a = 0; a < e.axes().size(); ++a) {
      now.push_back({qs(id), qs(e.axes()[a]), num(j.before[a], 2), num(j.after[a], 2)});
      headers << QStringLiteral("%1 %2").arg(qs(id), qs(e.axes()[a]));
    }
    for (std::size_t n = 0; n < Ts.size(); ++n) {
      const Encoding et =
          encode(v, Scene::text_video_text(seg[0].count, Ts[n], H, W, seg[2].count), c);
      const JumpReport jt = boundary_jumps(et);
      for (double x : jt.after) vsT[n] << num(x, 2);
      if (Ts[n] == 1 || Ts[n] == 4 || Ts[n] == 16 || Ts[n] == 64) {
        gaps.push_back({qs(id), QString::number(Ts[n]), num(jt.center_gap_before, 2),
                        num(jt.center_gap_after, 2),
                        jt.center_gap_before == jt.center_gap_after ? tr("equal") : tr("differ")});
      }
    }
  }
  {
    QStringList growth;
    for (int c = 1; c < headers.size(); ++c) {
      const double first = vsT.front()[c].toDouble(), last = vsT.back()[c].toDouble();
      growth << QStringLiteral("%1: %2 → %3").arg(headers[c], num(first, 2), num(last, 2));
    }
    layout->addWidget(make_label(
        content_,
        tr("<b>Jump out of the video from T = 1 to T = 64:</b> %1. Whatever grows with T is the "
           "discontinuity VRoPE removes.")
            .arg(growth.join(QStringLiteral("; "))),
        QStringLiteral("jumpSummary")));
  }
  layout->addWidget(heading(
      content_, tr("Jumps per axis at T = %1, H = %2, W = %3").arg(seg[1].frames).arg(H).arg(W)));
  layout->addWidget(make_table(
      content_, QStringLiteral("jumpTable"),
      {tr("variant"), tr("axis"), tr("jump into the video"), tr("jump out of the video")}, now));
  layout->addWidget(heading(content_, tr("Jump out of the video (last video token → first text "
                                         "token) per axis versus T")));
  layout->addWidget(make_table(content_, QStringLiteral("jumpVsT"), headers, vsT));
  layout->addWidget(heading(
      content_,
      tr("Centre gaps along the text diagonal ((H + W)/2 = %1)").arg(num((H + W) / 2.0, 2))));
  layout->addWidget(make_table(content_, QStringLiteral("centerGapTable"),
                               {tr("variant"), tr("frames T"), tr("gap before the video"),
                                tr("gap after the video"), tr("before vs after")},
                               gaps));
}

void PaperFigureDialog::buildHeightOne(const PaperFigure& f) {
  auto* layout = content_->layout();
  const Variant& v = variant(f.variants.front());
  const Encoding e = encode(v, f.scene, config_for(v, f.config));
  const TokenLayout& t = e.positions.tokens;
  std::vector<QStringList> rows;
  int holds = 0, video = 0;
  QStringList headers{tr("token"), tr("frame"), tr("w")};
  for (const std::string& a : e.axes()) headers << qs(a);
  headers << tr("u1 = u2") << tr("u3 = u4");
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.modality[i] == Modality::Text) continue;
    ++video;
    QStringList r{QString::number(i), QString::number(t.frame[i]), QString::number(t.col[i])};
    for (int a = 0; a < static_cast<int>(e.axes().size()); ++a) r << num(e.id(a, i), 2);
    const bool first = e.id(0, i) == e.id(1, i), second = e.id(2, i) == e.id(3, i);
    r << (first ? tr("yes") : tr("no")) << (second ? tr("yes") : tr("no"));
    if (first && second) ++holds;
    rows.push_back(r);
  }
  layout->addWidget(make_label(
      content_,
      tr("VRoPE with H = 1: <b>u1 = u2 and u3 = u4 on %1 of %2 video tokens</b> — the four "
         "directions reduce to (w, w, −w, −w) plus offsets, a 1-D form.")
          .arg(holds)
          .arg(video),
      QStringLiteral("heightOneSummary")));
  layout->addWidget(make_table(content_, QStringLiteral("heightOneTable"), headers, rows));
}

namespace {

// VRoPE Table 3's own marks (cited_results.json), keyed by RoPE Lab's variant id.
std::map<QString, QString> vrope_table3_marks() {
  static const std::map<QString, QString> names{
      {QStringLiteral("RoPE"), QStringLiteral("vanilla")},
      {QStringLiteral("RoPE-2D"), QStringLiteral("rope-2d")},
      {QStringLiteral("RoPE-3D"), QStringLiteral("mrope")},
      {QStringLiteral("RoPE-Share"), QStringLiteral("rope-share")},
      {QStringLiteral("RoPE-Compact"), QStringLiteral("rope-compact")},
      {QStringLiteral("VRoPE"), QStringLiteral("vrope")}};
  std::map<QString, QString> marks;
  QFile file(QStringLiteral(":/teaching/cited_results.json"));
  if (!file.open(QIODevice::ReadOnly)) return marks;
  for (const QJsonValue& tv :
       QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("tables")).toArray()) {
    const QJsonObject t = tv.toObject();
    if (t.value(QStringLiteral("id")).toString() != QLatin1String("vrope-table3")) continue;
    for (const QJsonValue& rv : t.value(QStringLiteral("rows")).toArray()) {
      const QJsonArray r = rv.toArray();
      const auto it = names.find(r.at(0).toString());
      if (it == names.end()) continue;
      const auto mark = [&](int i) {
        return r.at(i).toString() == QLatin1String("yes") ? QStringLiteral("✓")
                                                          : QStringLiteral("✗");
      };
      marks[it->second] =
          QStringLiteral("3-D %1 · unbiased %2 · seamless %3").arg(mark(1), mark(2), mark(3));
    }
  }
  return marks;
}

}  // namespace

void PaperFigureDialog::buildProperties(const PaperFigure& f) {
  auto* layout = content_->layout();
  std::vector<QStringList> rows;
  const std::map<QString, QString> marks = vrope_table3_marks();
  const auto yes = [](bool b) { return b ? QStringLiteral("✓") : QStringLiteral("✗"); };
  for (const std::string& id : f.variants) {
    const Variant& v = variant(id);
    const Properties p = properties(v, config_for(v, f.config));
    rows.push_back(
        {qs(id), yes(p.three_d), yes(p.low_freq_temporal), yes(p.spatial_symmetry),
         yes(p.temporal_scaling), yes(p.seamless_transition),
         QStringLiteral("%1 (%2)").arg(yes(p.unbiased), QString::number(p.bias_ratio, 'f', 3)),
         marks.count(qs(id)) ? marks.at(qs(id)) : QStringLiteral("—")});
  }
  layout->addWidget(heading(content_, tr("Computed properties (base %1, D = %2)")
                                          .arg(base_text(f.config.base))
                                          .arg(f.config.head_dim)));
  layout->addWidget(
      make_table(content_, QStringLiteral("propertyMatrix"),
                 {tr("variant"), tr("3-D structure"), tr("low-freq temporal"),
                  tr("spatial symmetry"), tr("temporal scaling"), tr("seamless transition"),
                  tr("unbiased (max/min)"), tr("VRoPE Table 3 marks (cited)")},
                 rows));
  layout->addWidget(make_label(
      content_, tr("VideoRoPE Table 1's columns are the first four; VRoPE Table 3's are spatial "
                   "structure (3-D), positional unbiasedness and seamless video-text transition. "
                   "The papers' own marks and scores are in 'Trained-model results'.")));
}

void PaperFigureDialog::buildCited() {
  auto* browser = new QTextBrowser(content_);
  browser->setObjectName(QStringLiteral("citedTables"));
  browser->setHtml(cited_tables_html());
  browser->setMinimumHeight(560);
  content_->layout()->addWidget(browser);
}

QString PaperFigureDialog::captionText() const {
  return caption_->toPlainText();
}

QTableWidget* PaperFigureDialog::table(const QString& objectName) const {
  return content_ ? content_->findChild<QTableWidget*>(objectName) : nullptr;
}

LinePlot* PaperFigureDialog::linePlot() const {
  return content_ ? content_->findChild<LinePlot*>() : nullptr;
}

QString PaperFigureDialog::contentText() const {
  if (!content_) return {};
  QStringList lines;
  for (QObject* child : content_->findChildren<QObject*>()) {
    if (auto* label = qobject_cast<QLabel*>(child)) {
      QTextDocument doc;
      doc.setHtml(label->text());
      lines << doc.toPlainText();
    } else if (auto* table = qobject_cast<QTableWidget*>(child)) {
      QStringList header;
      for (int c = 0; c < table->columnCount(); ++c)
        header << table->horizontalHeaderItem(c)->text();
      lines << table->objectName() + QStringLiteral(": ") + header.join(QLatin1Char('\t'));
      for (int r = 0; r < table->rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < table->columnCount(); ++c)
          cells << (table->item(r, c) ? table->item(r, c)->text() : QString());
        lines << cells.join(QLatin1Char('\t'));
      }
    } else if (auto* browser = qobject_cast<QTextBrowser*>(child)) {
      lines << browser->toPlainText();
    } else if (auto* plot = qobject_cast<LinePlot*>(child)) {
      for (const auto& s : plot->series()) lines << s.label;
    }
  }
  return lines.join(QLatin1Char('\n'));
}

QString cited_tables_html() {
  QFile file(QStringLiteral(":/teaching/cited_results.json"));
  if (!file.open(QIODevice::ReadOnly)) return QObject::tr("cited_results.json is missing");
  const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
  QString html = QStringLiteral(
                     "<p style='color:#8a3b00'><b>Cited from the papers — trained-model results, "
                     "not computed by RoPE Lab.</b> %1</p>")
                     .arg(root.value(QStringLiteral("note")).toString().toHtmlEscaped());
  for (const QJsonValue& tv : root.value(QStringLiteral("tables")).toArray()) {
    const QJsonObject t = tv.toObject();
    html += QStringLiteral("<h4>%1</h4><p><i>%2</i></p>")
                .arg(t.value(QStringLiteral("source")).toString().toHtmlEscaped(),
                     t.value(QStringLiteral("caption")).toString().toHtmlEscaped());
    html += QStringLiteral("<table border='1' cellspacing='0' cellpadding='4'><tr>");
    for (const QJsonValue& c : t.value(QStringLiteral("columns")).toArray())
      html += QStringLiteral("<th>%1</th>").arg(c.toString().toHtmlEscaped());
    html += QStringLiteral("</tr>");
    for (const QJsonValue& rv : t.value(QStringLiteral("rows")).toArray()) {
      html += QStringLiteral("<tr>");
      for (const QJsonValue& cell : rv.toArray()) {
        const QString text =
            cell.isDouble() ? QString::number(cell.toDouble(), 'g', 6) : cell.toString();
        html += QStringLiteral("<td>%1</td>").arg(text.toHtmlEscaped());
      }
      html += QStringLiteral("</tr>");
    }
    html += QStringLiteral("</table>");
  }
  return html;
}

}  // namespace ropelab::teaching
