#include "app/gui/teaching_figures.h"

#include <QComboBox>
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
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSlider>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <type_traits>

#include "app/gui/figure_charts.h"
#include "app/gui/figure_layouts.h"
#include "app/gui/main_window.h"
#include "app/gui/teaching_widgets.h"
#include "ropelab/error.h"
#include "views/layout_view.h"

namespace ropelab::teaching {

namespace {

QString qs(const std::string& s) {
  return QString::fromStdString(s);
}

QTableWidget* make_table(QWidget* parent, const FigureTable& t) {
  auto* table =
      new QTableWidget(static_cast<int>(t.rows.size()), static_cast<int>(t.headers.size()), parent);
  table->setObjectName(qs(t.name));
  QStringList headers;
  for (const std::string& h : t.headers) headers << qs(h);
  table->setHorizontalHeaderLabels(headers);
  table->verticalHeader()->hide();
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table->setSelectionMode(QAbstractItemView::NoSelection);
  table->setWordWrap(false);
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    for (std::size_t c = 0; c < t.rows[r].size() && c < t.headers.size(); ++c) {
      auto* item = new QTableWidgetItem(qs(t.rows[r][c]));
      item->setToolTip(item->text());
      table->setItem(static_cast<int>(r), static_cast<int>(c), item);
    }
  }
  table->resizeColumnsToContents();
  table->horizontalHeader()->setStretchLastSection(true);
  table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  int height = table->horizontalHeader()->sizeHint().height() + 4;
  for (int r = 0; r < table->rowCount(); ++r) height += table->rowHeight(r);
  // Room for the horizontal scroll bar a wide table gets on a narrow window: it must not cover the
  // last row.
  height += table->horizontalScrollBar()->sizeHint().height();
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
  return make_label(parent, QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped()));
}

QDockWidget* dock(app::MainWindow* window, const char* name) {
  return window ? window->findChild<QDockWidget*>(QString::fromLatin1(name)) : nullptr;
}

QJsonObject figures_json() {
  static const QJsonObject root = [] {
    QFile file(QStringLiteral(":/teaching/figures.json"));
    if (!file.open(QIODevice::ReadOnly)) return QJsonObject();
    return QJsonDocument::fromJson(file.readAll())
        .object()
        .value(QStringLiteral("figures"))
        .toObject();
  }();
  return root;
}

int slider_steps(const FigureParam& p) {
  return std::max(1, static_cast<int>(std::lround((p.max - p.min) / p.step)));
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
    p.options(id) = f.config.options;
  }
  // The figure's own scene, whatever its shape.
  p.scene = f.scene;
  p.query = -1;
  p.qkModel = views::QkModel::Ones;
  return p;
}

FigureWords figure_words(const QString& id) {
  const QJsonObject o = figures_json().value(id).toObject();
  FigureWords w;
  w.claim = o.value(QStringLiteral("claim")).toString();
  w.computes = o.value(QStringLiteral("computes")).toString();
  w.reference = o.value(QStringLiteral("reference")).toString();
  w.lookAt = o.value(QStringLiteral("lookAt")).toString();
  w.trained = o.value(QStringLiteral("trained")).toString();
  const QJsonObject texts = o.value(QStringLiteral("texts")).toObject();
  for (auto it = texts.begin(); it != texts.end(); ++it) w.texts[it.key()] = it.value().toString();
  return w;
}

QString fill(const QString& text, const FigureData& data) {
  return qs(fill_template(text.toStdString(), data.values));
}

PaperFigureDialog::PaperFigureDialog(app::MainWindow* window, QWidget* parent)
    : QDialog(parent), window_(window) {
  setObjectName(QStringLiteral("paperFigureDialog"));
  if (window_ != nullptr) {
    // The plots follow the application palette by themselves; the 3-D panels need telling.
    connect(window_, &app::MainWindow::themeChanged, this, [this](views::Theme theme) {
      for (const auto& [name, panels] : layoutPanels_) {
        if (panels) panels->setTheme(theme);
      }
    });
  }
  auto* layout = new QVBoxLayout(this);
  auto* splitter = new QSplitter(Qt::Horizontal, this);
  list_ = new QListWidget(splitter);
  list_->setObjectName(QStringLiteral("figureList"));
  for (const PaperFigure& f : paper_figures()) {
    auto* item = new QListWidgetItem(qs(f.title), list_);
    item->setData(Qt::UserRole, qs(f.id));
    item->setToolTip(figure_words(qs(f.id)).claim);
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
  controls_ = new QWidget(right);
  controls_->setObjectName(QStringLiteral("figureControls"));
  controlsLayout_ = new QVBoxLayout(controls_);
  controlsLayout_->setContentsMargins(0, 0, 0, 0);
  scroll_ = new QScrollArea(right);
  scroll_->setWidgetResizable(true);
  auto* captionSplit = new QSplitter(Qt::Vertical, right);
  captionSplit->addWidget(caption_);
  auto* lower = new QWidget(captionSplit);
  auto* lowerLayout = new QVBoxLayout(lower);
  lowerLayout->setContentsMargins(0, 0, 0, 0);
  lowerLayout->addWidget(controls_);
  lowerLayout->addWidget(scroll_, 1);
  captionSplit->addWidget(lower);
  captionSplit->setStretchFactor(0, 0);
  captionSplit->setStretchFactor(1, 1);
  captionSplit->setSizes({230, 600});
  rightLayout->addWidget(captionSplit);
  splitter->addWidget(list_);
  splitter->addWidget(right);
  splitter->setStretchFactor(1, 1);
  splitter->setSizes({240, 900});
  layout->addWidget(splitter);
  timer_ = new QTimer(this);
  timer_->setInterval(250);
  connect(timer_, &QTimer::timeout, this, &PaperFigureDialog::stepAnimation);
  connect(list_, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
    if (item && item->data(Qt::UserRole).toString() != id_) {
      showFigure(item->data(Qt::UserRole).toString());
    }
  });
  // Wide enough for the property table's computed and cited columns side by side on a 1920-pixel
  // screen; smaller screens keep a margin.
  const QRect screenArea = screen() ? screen()->availableGeometry() : QRect(0, 0, 1920, 1080);
  resize(std::min(1560, std::max(900, screenArea.width() - 360)),
         std::min(900, std::max(600, screenArea.height() - 140)));
}

bool PaperFigureDialog::showFigure(const QString& id) {
  const PaperFigure* f = find_paper_figure(id.toStdString());
  if (!f) return false;
  pause();
  id_ = id;
  figure_ = f;
  words_ = figure_words(id);
  params_.clear();
  for (int i = 0; i < list_->count(); ++i) {
    if (list_->item(i)->data(Qt::UserRole).toString() == id) {
      QSignalBlocker block(list_);
      list_->setCurrentRow(i);
    }
  }
  setWindowTitle(tr("Paper figures — %1").arg(qs(f->title)));
  // A new entry's layouts start from the default view, not from where the last one was turned.
  for (const auto& [name, panels] : layoutPanels_) {
    if (panels) panels->resetCameras();
  }
  rebuild();
  buildControls();
  if (window_ && f->view != FigureView::Cited) {
    window_->setParameters(figure_parameters(*f), app::AppModel::Source::PaperFigure);
    const char* target = nullptr;
    switch (f->view) {
      case FigureView::Frequency:
      case FigureView::DistractorPeriod:
      case FigureView::Needle:
        target = "frequencyDock";
        break;
      case FigureView::AxisLogits:
      case FigureView::BiasMap:
        target = "attentionDock";
        break;
      case FigureView::Jump:
      case FigureView::Allocation:
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

void PaperFigureDialog::setCaption() {
  const auto para = [this](const char* label, const QString& text) {
    return text.isEmpty() ? QString()
                          : QStringLiteral("<p><b>%1</b> %2</p>")
                                .arg(QString::fromUtf8(label), fill(text, data_).toHtmlEscaped());
  };
  QString html =
      QStringLiteral("<h3 style='margin:0'>%1</h3>").arg(qs(figure_->title).toHtmlEscaped());
  html += para("The paper claims:", words_.claim);
  html += para("Where:", words_.reference);
  html += para("RoPE Lab computes:", words_.computes);
  html += para("Look at:", words_.lookAt);
  if (!words_.trained.isEmpty())
    html += QStringLiteral(
                "<p style='color:#8a3b00'><b>Needs a trained model (cited, never "
                "computed):</b> %1</p>")
                .arg(fill(words_.trained, data_).toHtmlEscaped());
  caption_->setHtml(html);
  fitCaption();
  // Once more when the window has laid itself out at its final size.
  QTimer::singleShot(0, this, &PaperFigureDialog::fitCaption);
}

void PaperFigureDialog::buildControls() {
  sliders_.clear();
  while (QLayoutItem* item = controlsLayout_->takeAt(0)) {
    if (item->layout()) {
      while (QLayoutItem* inner = item->layout()->takeAt(0)) {
        delete inner->widget();
        delete inner;
      }
    }
    delete item->widget();
    delete item;
  }
  playButton_ = nullptr;
  speed_ = nullptr;
  controls_->setVisible(!data_.params.empty());
  for (const FigureParam& p : data_.params) {
    auto* row = new QHBoxLayout;
    auto* name = new QLabel(qs(p.label), controls_);
    name->setMinimumWidth(200);
    auto* slider = new QSlider(Qt::Horizontal, controls_);
    slider->setObjectName(QStringLiteral("param_") + qs(p.key));
    slider->setRange(0, slider_steps(p));
    slider->setValue(static_cast<int>(std::lround((p.value - p.min) / p.step)));
    auto* value = new QLabel(QString::number(p.value, 'g', 6), controls_);
    value->setMinimumWidth(60);
    row->addWidget(name);
    row->addWidget(slider, 1);
    row->addWidget(value);
    controlsLayout_->addLayout(row);
    sliders_[qs(p.key)] = slider;
    const QString key = qs(p.key);
    const double min = p.min, step = p.step;
    connect(slider, &QSlider::valueChanged, this, [this, key, min, step, value](int v) {
      const double x = min + v * step;
      value->setText(QString::number(x, 'g', 6));
      params_[key.toStdString()] = x;
      rebuild();
      // δ swept: the main window's layout follows the slider.
      if (window_ && key == QLatin1String("delta")) {
        app::SceneParameters p = window_->parameters();
        for (const QString& id : p.variants) p.setDelta(id, x);
        window_->setParameters(p, app::AppModel::Source::PaperFigure);
      }
    });
  }
  if (!data_.params.empty()) {
    auto* bar = new QHBoxLayout;
    playButton_ = new QPushButton(tr("▶ Play"), controls_);
    playButton_->setObjectName(QStringLiteral("figurePlay"));
    playButton_->setToolTip(tr("Animate '%1' from its value to its maximum, then from its minimum")
                                .arg(qs(data_.params.front().label)));
    connect(playButton_, &QPushButton::clicked, this, [this] { playing() ? pause() : play(); });
    speed_ = new QComboBox(controls_);
    speed_->setObjectName(QStringLiteral("figureSpeed"));
    for (double fps : {1.0, 2.0, 4.0, 8.0, 16.0}) speed_->addItem(tr("%1 frames/s").arg(fps), fps);
    speed_->setCurrentIndex(2);
    connect(speed_, &QComboBox::currentIndexChanged, this,
            [this] { setSpeed(speed_->currentData().toDouble()); });
    bar->addWidget(playButton_);
    bar->addWidget(new QLabel(tr("speed"), controls_));
    bar->addWidget(speed_);
    bar->addWidget(new QLabel(tr("(the first slider is the frame slider)"), controls_));
    bar->addStretch(1);
    controlsLayout_->addLayout(bar);
  }
}

bool PaperFigureDialog::setParam(const QString& key, double value) {
  if (!figure_) return false;
  const auto it = sliders_.find(key);
  if (it == sliders_.end()) return false;
  for (const FigureParam& p : data_.params) {
    if (qs(p.key) != key) continue;
    if (!(value >= p.min && value <= p.max)) return false;
    const int v = static_cast<int>(std::lround((value - p.min) / p.step));
    if (it->second->value() == v) return true;
    it->second->setValue(v);  // rebuilds
    return true;
  }
  return false;
}

double PaperFigureDialog::param(const QString& key) const {
  for (const FigureParam& p : data_.params) {
    if (qs(p.key) == key) return p.value;
  }
  return std::nan("");
}

QSlider* PaperFigureDialog::paramSlider(const QString& key) const {
  const auto it = sliders_.find(key);
  return it == sliders_.end() ? nullptr : it->second;
}

void PaperFigureDialog::play() {
  if (data_.params.empty()) return;
  timer_->start();
  if (playButton_) playButton_->setText(tr("❚❚ Pause"));
}

void PaperFigureDialog::pause() {
  timer_->stop();
  if (playButton_) playButton_->setText(tr("▶ Play"));
}

bool PaperFigureDialog::playing() const {
  return timer_->isActive();
}

void PaperFigureDialog::setSpeed(double fps) {
  timer_->setInterval(std::max(10, static_cast<int>(1000.0 / std::max(0.1, fps))));
}

void PaperFigureDialog::stepAnimation() {
  if (data_.params.empty()) return;
  QSlider* s = paramSlider(qs(data_.params.front().key));
  if (!s) return;
  s->setValue(s->value() >= s->maximum() ? s->minimum() : s->value() + 1);
}

void PaperFigureDialog::rebuild() {
  content_ = new QWidget;
  content_->setObjectName(QStringLiteral("figureContent"));
  auto* layout = new QVBoxLayout(content_);
  try {
    data_ = figure_data(*figure_, params_);
  } catch (const std::exception& error) {
    data_ = FigureData{};
    layout->addWidget(make_label(content_, tr("Could not compute: %1").arg(error.what())));
  }
  for (const FigureBlock& block : data_.blocks) {
    std::visit(
        [&](const auto& b) {
          using T = std::decay_t<decltype(b)>;
          if constexpr (std::is_same_v<T, FigureText>) {
            const auto it = words_.texts.find(qs(b.name));
            const QString text = it == words_.texts.end()
                                     ? tr("(no text for '%1' in figures.json)").arg(qs(b.name))
                                     : fill(it->second, data_);
            layout->addWidget(make_label(content_, text, qs(b.name)));
          } else if constexpr (std::is_same_v<T, FigureTable>) {
            if (!b.title.empty()) layout->addWidget(heading(content_, qs(b.title)));
            layout->addWidget(make_table(content_, b));
          } else if constexpr (std::is_same_v<T, FigurePlot>) {
            if (!b.title.empty()) layout->addWidget(heading(content_, qs(b.title)));
            auto* plot = new LinePlot(content_);
            plot->setObjectName(qs(b.name));
            plot->setMinimumHeight(340);
            plot->setPlot(b);
            layout->addWidget(plot);
          } else if constexpr (std::is_same_v<T, FigureHeatmaps>) {
            auto* grid = new QGridLayout;
            double lo = 1e300, hi = -1e300;
            for (const FigureHeatmap& h : b.tiles) {
              if (h.range_group < 0) continue;
              lo = std::min(lo, h.values.minCoeff());
              hi = std::max(hi, h.values.maxCoeff());
            }
            for (const FigureHeatmap& h : b.tiles) {
              auto* tile = new HeatmapTile(content_);
              tile->setObjectName(qs(h.name));
              tile->setData(h.values, qs(h.title), qs(h.row_label), qs(h.column_label), qs(h.note));
              tile->setMinimumSize(200, 260);
              tile->setLogScale(h.log_scale);
              if (h.range_group >= 0) tile->setRange(lo, hi);
              grid->addWidget(tile, h.row, h.column);
            }
            auto* holder = new QWidget(content_);
            holder->setObjectName(qs(b.name));
            holder->setLayout(grid);
            layout->addWidget(holder);
          } else if constexpr (std::is_same_v<T, FigureStrips>) {
            auto* strips = new StripPlot(content_);
            strips->setObjectName(qs(b.name));
            strips->setStrips(b);
            strips->setMinimumHeight(strips->sizeHint().height());
            layout->addWidget(strips);
          } else if constexpr (std::is_same_v<T, FigureDials>) {
            auto* row = new QHBoxLayout;
            for (const FigureDial& d : b.dials) {
              auto* dial = new DialPlot(content_);
              dial->setDial(d);
              row->addWidget(dial);
            }
            auto* holder = new QWidget(content_);
            holder->setObjectName(qs(b.name));
            holder->setLayout(row);
            layout->addWidget(holder);
          } else if constexpr (std::is_same_v<T, FigureChart>) {
            if (!b.title.empty()) layout->addWidget(heading(content_, qs(b.title)));
            auto* chart = new ChartPlot(content_);
            chart->setObjectName(qs(b.name));
            chart->setMinimumHeight(360);
            chart->setChart(b);
            layout->addWidget(chart);
          } else if constexpr (std::is_same_v<T, FigureAllocationMap>) {
            auto* map = new AllocationMapPlot(content_);
            map->setObjectName(qs(b.name));
            map->setMap(b);
            map->setMinimumHeight(map->sizeHint().height());
            layout->addWidget(map);
          } else if constexpr (std::is_same_v<T, FigureLayouts>) {
            if (!b.title.empty()) layout->addWidget(heading(content_, qs(b.title)));
            layout->addWidget(layoutPanels(b));
          } else if constexpr (std::is_same_v<T, FigureCited>) {
            if (b.name != "citedTables") {
              const auto at = params_.find(b.highlight_key);
              const double current = at != params_.end() ? at->second : param(qs(b.highlight_key));
              QTableWidget* cited = cited_table(content_, qs(b.name), current);
              layout->addWidget(heading(content_, cited->property("source").toString()));
              layout->addWidget(cited);
              return;
            }
            auto* browser = new QTextBrowser(content_);
            browser->setObjectName(qs(b.name));
            browser->setHtml(cited_tables_html());
            browser->setMinimumHeight(560);
            layout->addWidget(browser);
          }
        },
        block);
  }
  layout->addStretch(1);
  scroll_->setWidget(content_);  // deletes the previous content
  setCaption();
}

FigureLayoutPanels* PaperFigureDialog::layoutPanels(const FigureLayouts& layouts) {
  QPointer<FigureLayoutPanels>& panels = layoutPanels_[qs(layouts.name)];
  if (panels) {
    // Out of the content about to be deleted, into the new one.
    panels->setParent(content_);
    panels->show();
  } else {
    panels = new FigureLayoutPanels(content_);
    panels->setObjectName(qs(layouts.name));
  }
  panels->setTheme(window_ ? window_->theme() : views::Theme::Light);
  panels->setLayouts(layouts);
  return panels;
}

void PaperFigureDialog::fitCaption() {
  // The caption as tall as its text (up to half the window), so no claim hides under a scroll bar.
  auto* split = qobject_cast<QSplitter*>(caption_->parentWidget());
  if (!split) return;
  QTextDocument* doc = caption_->document();
  doc->setTextWidth(caption_->viewport()->width());
  const int needed =
      static_cast<int>(std::ceil(doc->size().height())) + 2 * caption_->frameWidth() + 6;
  const QList<int> sizes = split->sizes();
  const int total = std::max(sizes.value(0) + sizes.value(1), height() - 60);
  if (total <= 0) return;
  const int caption = std::min(std::max(needed, 120), std::max(120, total / 2));
  split->setSizes({caption, std::max(0, total - caption)});
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
      for (const auto& s : plot->plot().series) lines << qs(s.label);
    } else if (auto* strips = qobject_cast<StripPlot*>(child)) {
      for (const auto& s : strips->strips().strips) lines << qs(s.label);
    } else if (auto* chart = qobject_cast<ChartPlot*>(child)) {
      for (const auto& c : chart->chart().curves) lines << qs(c.label);
    } else if (auto* map = qobject_cast<AllocationMapPlot*>(child)) {
      for (const auto& r : map->map().rows) lines << qs(r.variant + ": " + r.summary);
    } else if (auto* panels = qobject_cast<FigureLayoutPanels*>(child)) {
      for (int i = 0; i < panels->count(); ++i) {
        const Encoding* e = panels->view(i)->encoding();
        if (e) lines << QStringLiteral("layout: ") + qs(std::string(e->variant->id()));
      }
    }
  }
  return lines.join(QLatin1Char('\n'));
}

namespace {

QJsonObject cited_table_json(const QString& id) {
  QFile file(QStringLiteral(":/teaching/cited_results.json"));
  if (!file.open(QIODevice::ReadOnly)) return {};
  const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
  for (const auto& tv : root.value(QStringLiteral("tables")).toArray()) {
    if (tv.toObject().value(QStringLiteral("id")).toString() == id) return tv.toObject();
  }
  return {};
}

QString cited_cell_text(const QJsonValue& cell) {
  if (!cell.isDouble()) return cell.toString();
  const double v = cell.toDouble();
  // As the papers print them: a setting in half steps with one decimal (δ = 1.0), an accuracy
  // with two (52.80); anything else as written.
  if (std::abs(v) < 10 && std::abs(v * 2 - std::round(v * 2)) < 1e-9)
    return QString::number(v, 'f', 1);
  if (std::abs(v) >= 1 && std::abs(v * 100 - std::round(v * 100)) < 1e-6)
    return QString::number(v, 'f', 2);
  return QString::number(v, 'g', 6);
}

}  // namespace

QTableWidget* cited_table(QWidget* parent, const QString& id, double highlight) {
  const QJsonObject t = cited_table_json(id);
  const QJsonArray columns = t.value(QStringLiteral("columns")).toArray();
  const QJsonArray rows = t.value(QStringLiteral("rows")).toArray();
  auto* table =
      new QTableWidget(static_cast<int>(rows.size()), static_cast<int>(columns.size()), parent);
  table->setObjectName(QStringLiteral("cited:") + id);
  table->setProperty("source", t.value(QStringLiteral("source")).toString() +
                                   QStringLiteral(" — cited, not computed"));
  QStringList headers;
  for (const auto& c : columns) headers << c.toString();
  table->setHorizontalHeaderLabels(headers);
  table->verticalHeader()->hide();
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table->setSelectionMode(QAbstractItemView::NoSelection);
  int highlighted = -1;
  for (int r = 0; r < rows.size(); ++r) {
    const QJsonArray row = rows[r].toArray();
    const bool current = !row.isEmpty() && row[0].isDouble() && std::isfinite(highlight) &&
                         std::abs(row[0].toDouble() - highlight) < 1e-6;
    if (current) highlighted = r;
    for (int c = 0; c < row.size() && c < columns.size(); ++c) {
      auto* item = new QTableWidgetItem(cited_cell_text(row[c]));
      if (current) {
        QFont bold = item->font();
        bold.setBold(true);
        item->setFont(bold);
        item->setBackground(QColor(255, 214, 102));
        item->setForeground(QColor(20, 20, 20));
      }
      table->setItem(r, c, item);
    }
  }
  table->setProperty("highlightedRow", highlighted);
  table->setToolTip(t.value(QStringLiteral("caption")).toString());
  table->resizeColumnsToContents();
  table->horizontalHeader()->setStretchLastSection(true);
  table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  int height = table->horizontalHeader()->sizeHint().height() + 4;
  for (int r = 0; r < table->rowCount(); ++r) height += table->rowHeight(r);
  table->setFixedHeight(height + 2);
  return table;
}

QString cited_tables_html() {
  QFile file(QStringLiteral(":/teaching/cited_results.json"));
  if (!file.open(QIODevice::ReadOnly)) return QObject::tr("cited_results.json is missing");
  const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
  QString html = QStringLiteral(
                     "<p style='color:#8a3b00'><b>Cited from the papers — trained-model results, "
                     "not computed by RoPE Lab.</b> %1</p>")
                     .arg(root.value(QStringLiteral("note")).toString().toHtmlEscaped());
  for (const auto& tv : root.value(QStringLiteral("tables")).toArray()) {
    const QJsonObject t = tv.toObject();
    html += QStringLiteral("<h4>%1</h4><p><i>%2</i></p>")
                .arg(t.value(QStringLiteral("source")).toString().toHtmlEscaped(),
                     t.value(QStringLiteral("caption")).toString().toHtmlEscaped());
    html += QStringLiteral("<table border='1' cellspacing='0' cellpadding='4'><tr>");
    for (const auto& c : t.value(QStringLiteral("columns")).toArray())
      html += QStringLiteral("<th>%1</th>").arg(c.toString().toHtmlEscaped());
    html += QStringLiteral("</tr>");
    for (const auto& rv : t.value(QStringLiteral("rows")).toArray()) {
      html += QStringLiteral("<tr>");
      for (const auto& cell : rv.toArray()) {
        const QString text = cited_cell_text(cell);
        html += QStringLiteral("<td>%1</td>").arg(text.toHtmlEscaped());
      }
      html += QStringLiteral("</tr>");
    }
    html += QStringLiteral("</table>");
  }
  return html;
}

}  // namespace ropelab::teaching
