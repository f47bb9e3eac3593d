// The parameter panel: it fits its dock at every window size (nothing clipped, no sideways
// scrolling), the variant picker with summaries and the Custom… composer, the KV head picker of
// head-wise variants, typed entries that never change input silently, and the views' marking of
// zero-frequency pairs and unrotated dims.
#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QScatterSeries>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QtTest>

#include "app/gui/labeled_slider.h"
#include "app/gui/main_window.h"
#include "app/gui/parameter_panel.h"
#include "app/gui/scene_editor.h"
#include "app/gui/variant_options_group.h"
#include "app/gui/variant_picker.h"
#include "gui_test_main.h"
#include "ropelab/registry.h"
#include "views/charts_view.h"
#include "views/frequency_view.h"
#include "views/palette.h"

using namespace ropelab;

namespace {

QString name_of(const QWidget* w) {
  QString name = QString::fromLatin1(w->metaObject()->className());
  if (!w->objectName().isEmpty()) name += QLatin1Char('#') + w->objectName();
  if (const auto* label = qobject_cast<const QLabel*>(w))
    name += QLatin1String(" '") + label->text().left(40) + QLatin1Char('\'');
  if (const auto* button = qobject_cast<const QAbstractButton*>(w))
    name += QLatin1String(" '") + button->text() + QLatin1Char('\'');
  return name;
}

// Every visible control of the panel lies inside the scroll area's viewport and has the room
// its text needs: labels' words, buttons' and group titles' text, spin boxes' and choice boxes'
// minimum size (which covers their values).
QStringList clipped(app::ParameterPanel* panel) {
  QStringList problems;
  QWidget* viewport = panel->parentWidget();
  if (viewport == nullptr) return {QStringLiteral("the panel is not in a scroll area")};
  if (panel->width() > viewport->width()) {
    problems << QStringLiteral("panel %1 px wider than the viewport %2 px")
                    .arg(panel->width())
                    .arg(viewport->width());
  }
  for (QWidget* w : panel->findChildren<QWidget*>()) {
    if (w->isWindow() || !w->isVisibleTo(panel)) continue;
    const QRect r(w->mapTo(viewport, QPoint(0, 0)), w->size());
    if (r.right() >= viewport->width() && w->width() > 0) {
      problems << QStringLiteral("%1 ends at x = %2, viewport %3 wide")
                      .arg(name_of(w))
                      .arg(r.right())
                      .arg(viewport->width());
    }
    const QFontMetrics fm(w->font());
    if (auto* label = qobject_cast<QLabel*>(w)) {
      if (label->text().isEmpty() || Qt::mightBeRichText(label->text())) continue;
      const int room = label->contentsRect().width();
      if (label->wordWrap()) {
        for (const QString& word :
             label->text().split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts)) {
          if (fm.horizontalAdvance(word) > room)
            problems
                << QStringLiteral("%1: word '%2' wider than %3 px").arg(name_of(w), word).arg(room);
        }
      } else if (fm.horizontalAdvance(label->text()) > room) {
        problems << QStringLiteral("%1: text %2 px in %3 px")
                        .arg(name_of(w))
                        .arg(fm.horizontalAdvance(label->text()))
                        .arg(room);
      }
    } else if (auto* button = qobject_cast<QAbstractButton*>(w)) {
      if (!button->text().isEmpty() && button->width() < button->sizeHint().width())
        problems << QStringLiteral("%1: %2 px < %3 px")
                        .arg(name_of(w))
                        .arg(button->width())
                        .arg(button->sizeHint().width());
    } else if (auto* spin = qobject_cast<QAbstractSpinBox*>(w);
               spin != nullptr && spin->findChild<QLineEdit*>() != nullptr &&
               fm.horizontalAdvance(spin->text()) >
                   spin->findChild<QLineEdit*>()->contentsRect().width() - 4) {
      problems << QStringLiteral("%1: value '%2' cut").arg(name_of(w), spin->text());
    } else if (qobject_cast<QAbstractSpinBox*>(w) != nullptr ||
               qobject_cast<QComboBox*>(w) != nullptr) {
      if (w->width() < w->minimumSizeHint().width())
        problems << QStringLiteral("%1: %2 px < its minimum %3 px")
                        .arg(name_of(w))
                        .arg(w->width())
                        .arg(w->minimumSizeHint().width());
    } else if (auto* group = qobject_cast<QGroupBox*>(w)) {
      if (fm.horizontalAdvance(group->title()) + 24 > group->width())
        problems << QStringLiteral("%1: title cut").arg(name_of(w));
    }
  }
  return problems;
}

app::SceneParameters preset(const QString& name) {
  QFile file(QStringLiteral(ROPELAB_PRESET_DIR "/") + name + QStringLiteral(".json"));
  if (!file.open(QIODevice::ReadOnly)) return {};
  return app::AppModel::fromJson(QString::fromUtf8(file.readAll()), name);
}

int nope_pixels(const QImage& image) {
  const QRgb grey = views::nope_color().rgb();
  int n = 0;
  for (int y = 0; y < image.height(); ++y) {
    for (int x = 0; x < image.width(); ++x) n += image.pixel(x, y) == grey ? 1 : 0;
  }
  return n;
}

}  // namespace

class PanelTest : public QObject {
  Q_OBJECT
 private:
  std::unique_ptr<app::MainWindow> window_;
  app::MainWindow& window() { return *window_; }
  app::AppModel& model() { return *window_->model(); }
  app::ParameterPanel* panel() { return window_->parameterPanel(); }
  void open(QSize size = QSize(1400, 900)) {
    window_ = open_test_window(size);
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    QVERIFY(window_->waitForIdle(60000));
  }
  void settle() {
    QVERIFY(window_->waitForIdle(60000));
    for (int i = 0; i < 5; ++i) QCoreApplication::processEvents();
  }
  std::vector<int> pairAxis() const {
    const app::ComputeResult* r = window_->currentResult();
    return r != nullptr ? r->variants.front().encoding->pair_axis : std::vector<int>{};
  }
  QChart* wavelengthChart() const {
    const auto views = window_->chartsView()->findChildren<QChartView*>();
    return views.size() == 3 ? views[1]->chart() : nullptr;
  }

 private slots:
  void cleanup() { window_.reset(); }

  void panelFitsItsDockAtEveryWindowSize_data() {
    QTest::addColumn<QSize>("size");
    for (const QSize size : {QSize(1280, 800), QSize(1600, 1000), QSize(1920, 1080)}) {
      QTest::newRow(qPrintable(QStringLiteral("%1x%2").arg(size.width()).arg(size.height())))
          << size;
    }
  }
  void panelFitsItsDockAtEveryWindowSize() {
    QFETCH(QSize, size);
    open(size);
    auto* scroll = qobject_cast<QScrollArea*>(panel()->parentWidget()->parentWidget());
    QVERIFY(scroll != nullptr);
    QCOMPARE(scroll->horizontalScrollBarPolicy(), Qt::ScrollBarAlwaysOff);
    std::vector<std::pair<QString, app::SceneParameters>> states;
    states.emplace_back(QStringLiteral("default"), app::SceneParameters{});
    for (const char* name : {"qwen25-vl-chat", "glm-4.5v", "internvl3-v2pe"}) {
      const app::SceneParameters p = preset(QString::fromLatin1(name));
      QVERIFY2(!p.variants.isEmpty(), name);
      states.emplace_back(QString::fromLatin1(name), p);
    }
    app::SceneParameters compare;
    compare.variants = {QStringLiteral("videorope"), QStringLiteral("mrope-i"),
                        QStringLiteral("custom:videorope/mrope-i"), QStringLiteral("mhrope")};
    states.emplace_back(QStringLiteral("compare with a composed variant"), compare);
    app::SceneParameters large;
    large.base = 99999999;  // the widest value before 1e+08 notation
    large.query = 131;
    states.emplace_back(QStringLiteral("base 99999999"), large);
    app::SceneParameters odd;
    odd.headDim = 127;  // refused by core; the panel still shows it
    states.emplace_back(QStringLiteral("D = 127"), odd);
    for (const auto& [name, state] : states) {
      window().setParameters(state);
      settle();
      // Each compared variant's own settings too (the options group changes with it).
      for (const QString& id : model().state().variants) {
        panel()->setSettingsVariant(id);
        QCoreApplication::processEvents();
        const QStringList problems = clipped(panel());
        QVERIFY2(problems.isEmpty(),
                 qPrintable(name + QStringLiteral(" / ") + id + QStringLiteral(": ") +
                            problems.join(QStringLiteral("; "))));
      }
    }
  }

  void pickerShowsEveryVariantWithItsSummary() {
    open();
    app::VariantPicker* picker = panel()->variantChoice();
    for (const Variant* v : all_variants()) {
      const QString id = QString::fromStdString(std::string(v->id()));
      const int index = picker->findData(id);
      QVERIFY2(index >= 0, qPrintable(id));
      const QString summary = QString::fromStdString(v->info().summary);
      QVERIFY(!summary.isEmpty());
      // The popup's entry: id — the summary's first sentence, in full.
      QVERIFY2(picker->itemText(index).startsWith(id + QStringLiteral(" — ") +
                                                  summary.section(QStringLiteral(". "), 0, 0)),
               qPrintable(picker->itemText(index)));
      QVERIFY(!picker->itemText(index).contains(QStringLiteral("…")));
    }
    QVERIFY(picker->findData(app::VariantPicker::customEntry()) == picker->count() - 1);
    // The current variant's summary is shown under the picker.
    QCOMPARE(panel()->variantSummary()->text(),
             QString::fromStdString(find_variant("videorope")->info().summary));
    model().setVariants({QStringLiteral("hope")});
    QVERIFY(panel()->variantSummary()->text().startsWith(QStringLiteral("HoPE:")));
  }

  void customEntryComposesADesignWithAnAllocation() {
    open();
    app::VariantPicker* picker = panel()->variantChoice();
    emit picker->activated(picker->findData(app::VariantPicker::customEntry()));
    auto* dialog = picker->findChild<app::CustomVariantDialog*>();
    QVERIFY(dialog != nullptr);
    QVERIFY(dialog->isVisible());
    // Incompatible: a 1-axis design with a 3-axis allocation. Core refuses; the dialog says why
    // and stays open; the model is unchanged.
    dialog->designChoice()->setCurrentIndex(dialog->designChoice()->findData("vanilla"));
    dialog->allocationChoice()->setCurrentIndex(dialog->allocationChoice()->findData("mrope"));
    dialog->accept();
    QVERIFY(dialog->isVisible());
    QVERIFY2(dialog->message()->text().startsWith(QStringLiteral("Refused:")) &&
                 dialog->message()->text().contains(QStringLiteral("--allocation")),
             qPrintable(dialog->message()->text()));
    QCOMPARE(model().state().variants, QStringList{QStringLiteral("videorope")});
    // VideoRoPE's diagonal layout with MRoPE-I's interleaved allocation.
    dialog->designChoice()->setCurrentIndex(dialog->designChoice()->findData("videorope"));
    dialog->allocationChoice()->setCurrentIndex(dialog->allocationChoice()->findData("mrope-i"));
    dialog->accept();
    QTRY_VERIFY(picker->findChild<app::CustomVariantDialog*>() == nullptr);
    settle();
    const QString composed = QStringLiteral("custom:videorope/mrope-i");
    QCOMPARE(model().state().variants, QStringList{composed});
    QCOMPARE(picker->currentId(), composed);
    const Encoding& e = *window().currentResult()->variants.front().encoding;
    // Ids of VideoRoPE (δ = 2: the last video token at t = 4 + 2·7 = 18), pairs of MRoPE-I
    // (THW THW …, pairs 60–63 t).
    const Encoding videorope = encode(*find_variant("videorope"), model().state().scene,
                                      model().state().config(*find_variant("videorope"), true));
    QVERIFY(e.positions.ids == videorope.positions.ids);
    QCOMPARE(e.id(0, 131), 18.0);
    QCOMPARE(e.pair_axis[0], 0);
    QCOMPARE(e.pair_axis[1], 1);
    QCOMPARE(e.pair_axis[2], 2);
    QCOMPARE(e.pair_axis[61], 0);
    // One undo step back to VideoRoPE.
    model().undo();
    QCOMPARE(model().state().variants, QStringList{QStringLiteral("videorope")});
    model().redo();
    QCOMPARE(model().state().variants, QStringList{composed});

    // Compare mode: VideoRoPE, MRoPE-I and the composed one side by side, live.
    model().setVariants({QStringLiteral("videorope"), QStringLiteral("mrope-i")});
    settle();
    app::VariantPicker* third = panel()->compareChoices().at(1);
    emit third->activated(third->findData(app::VariantPicker::customEntry()));
    dialog = third->findChild<app::CustomVariantDialog*>();
    QVERIFY(dialog != nullptr);
    dialog->designChoice()->setCurrentIndex(dialog->designChoice()->findData("videorope"));
    dialog->allocationChoice()->setCurrentIndex(dialog->allocationChoice()->findData("mrope-i"));
    dialog->accept();
    settle();
    QCOMPARE(model().state().variants,
             (QStringList{QStringLiteral("videorope"), QStringLiteral("mrope-i"), composed}));
    QCOMPARE(window().layoutPanelCount(), 3);
    QVERIFY2(window().bannerText().isEmpty(), qPrintable(window().bannerText()));
    QCOMPARE(window().currentResult()->variants.size(), std::size_t{3});
    QCOMPARE(std::string(window().currentResult()->variants[2].encoding->variant->id()),
             composed.toStdString());
    // Cancel keeps what was there.
    emit third->activated(third->findData(app::VariantPicker::customEntry()));
    dialog = third->findChild<app::CustomVariantDialog*>();
    QVERIFY(dialog != nullptr);
    dialog->reject();
    QCOMPARE(third->currentId(), composed);
  }

  void headPickerSwitchesTheAllocation() {
    open();
    model().setVariants({QStringLiteral("mhrope")});
    settle();
    QSpinBox* head = panel()->optionsGroup()->headChoice();
    QVERIFY(head != nullptr);
    QCOMPARE(head->minimum(), 0);
    QCOMPARE(head->maximum(), 7);  // 8 KV heads by default
    // Heads 0-1 t, 2-4 h, 5-7 w (split 2:3:3): every pair of the head reads its axis.
    const std::vector<std::pair<int, int>> cases{{0, 0}, {3, 1}, {6, 2}};
    for (const auto& [k, axis] : cases) {
      head->setValue(k);
      settle();
      QCOMPARE(model().state().head, k);
      const std::vector<int> axes = pairAxis();
      QCOMPARE(axes.size(), std::size_t{64});
      QVERIFY(std::all_of(axes.begin(), axes.end(), [&](int a) { return a == axis; }));
      // The wavelength chart: all 64 pairs in the head's axis series.
      QChart* chart = wavelengthChart();
      QVERIFY(chart != nullptr);
      for (int a = 0; a < 3; ++a) {
        auto* series = qobject_cast<QScatterSeries*>(chart->series()[a]);
        QVERIFY(series != nullptr);
        QCOMPARE(series->count(), a == axis ? 64 : 0);
      }
      QVERIFY2(panel()->optionsGroup()->headAxis()->text().contains(QStringLiteral("reads ") +
                                                                    QStringLiteral("thw")[axis]),
               qPrintable(panel()->optionsGroup()->headAxis()->text()));
    }
    // Undo goes back to the previous head.
    model().undo();
    QCOMPARE(model().state().head, 3);
    // More heads than the split covers: head 9 of 10 has zero frequency (NoPE) in every pair,
    // drawn as NoPE in the chart and named in its legend.
    VariantOptions o = model().state().options(QStringLiteral("mhrope"));
    o.set("kv_heads", 10);
    model().setOptions(QStringLiteral("mhrope"), o);
    settle();
    QCOMPARE(head->maximum(), 9);
    head->setValue(9);
    settle();
    const std::vector<int> axes = pairAxis();
    QVERIFY(std::all_of(axes.begin(), axes.end(), [](int a) { return a == -1; }));
    QCOMPARE(qobject_cast<QScatterSeries*>(wavelengthChart()->series()[3])->count(), 64);
    QVERIFY2(window().chartsView()->legend(1)->text().contains(QStringLiteral("NoPE")),
             qPrintable(window().chartsView()->legend(1)->text()));
    // Fewer KV heads than the head shown: the last head, with a visible note, in one step.
    auto* heads = qobject_cast<QSpinBox*>(panel()->optionsGroup()->control("kv_heads"));
    QVERIFY(heads != nullptr);
    heads->setValue(8);
    settle();
    QCOMPARE(model().state().head, 7);
    QCOMPARE(head->maximum(), 7);
    QVERIFY(panel()->optionsGroup()->note()->isVisibleTo(panel()));
    QVERIFY2(panel()->optionsGroup()->note()->text().contains(QStringLiteral("head 7")),
             qPrintable(panel()->optionsGroup()->note()->text()));
    const std::vector<int> last = pairAxis();
    QVERIFY(std::all_of(last.begin(), last.end(), [](int a) { return a == 2; }));
    // A head split larger than the heads: core's message, no crash, the picker disabled.
    heads->setValue(4);
    settle();
    QVERIFY2(window().bannerText().contains(QStringLiteral("--head-split")),
             qPrintable(window().bannerText()));
    QVERIFY(!head->isEnabled());
    model().undo();
    settle();
    QVERIFY2(window().bannerText().isEmpty(), qPrintable(window().bannerText()));
  }

  void nopePairsAndUnrotatedDimsAreMarked() {
    open(QSize(1600, 1000));
    // VideoRoPE: every pair rotates, every dim rotates.
    const int none = nope_pixels(window().frequencyView()->renderImage());
    QVERIFY2(none < 20, qPrintable(QString::number(none)));  // stray anti-aliased pixels only
    QVERIFY(!window().chartsView()->legend(1)->text().contains(QStringLiteral("NoPE")));
    QVERIFY(!window().chartsView()->legend(1)->text().contains(QStringLiteral("unrotated")));
    // HoPE: its 16 temporal pairs (48-63) have zero frequency.
    model().setVariants({QStringLiteral("hope")});
    settle();
    const std::vector<int> axes = pairAxis();
    QCOMPARE(std::count(axes.begin(), axes.end(), -1), 16L);
    const int nope = nope_pixels(window().frequencyView()->renderImage());
    QVERIFY2(nope > 200, qPrintable(QStringLiteral("%1 NoPE-grey pixels").arg(nope)));
    QCOMPARE(qobject_cast<QScatterSeries*>(wavelengthChart()->series()[3])->count(), 16);
    QVERIFY(window().chartsView()->legend(1)->text().contains(QStringLiteral("NoPE")));
    // Every drawn wavelength is finite (an infinite one broke the log axis).
    for (QAbstractSeries* s : wavelengthChart()->series()) {
      if (auto* scatter = qobject_cast<QScatterSeries*>(s)) {
        for (const QPointF& p : scatter->points()) QVERIFY(std::isfinite(p.y()));
      }
    }
    // GLM-4.5V: partial rotary 0.5, dims 64-127 pass through, named in the legend.
    window().setParameters(preset(QStringLiteral("glm-4.5v")));
    settle();
    const Encoding& e = *window().currentResult()->variants.front().encoding;
    QCOMPARE(e.rotary_dims, 64);
    QVERIFY(e.pairing == Pairing::Half);  // the preset's pairing reaches the app
    const QString legend = window().chartsView()->legend(1)->text();
    QVERIFY2(legend.contains(QStringLiteral("dims&nbsp;64‑127&nbsp;unrotated")),
             qPrintable(legend));
  }

  void chartLegendsShowEveryEntryInFull() {
    open(QSize(1600, 1000));
    model().setVariants({QStringLiteral("videorope"), QStringLiteral("mrope-i"),
                         QStringLiteral("glm4v"), QStringLiteral("hope")});
    settle();
    for (int c = 0; c < 3; ++c) {
      QLabel* legend = window().chartsView()->legend(c);
      QVERIFY(legend != nullptr && legend->isVisible());
      QVERIFY2(!legend->text().contains(QStringLiteral("…")), qPrintable(legend->text()));
      for (const char* id : {"videorope", "mrope-i", "glm4v", "hope"}) {
        QVERIFY2(legend->text().contains(QString::fromLatin1(id)),
                 qPrintable(QString::number(c) + legend->text()));
      }
      // The wrapped legend fits its width: its height is what its text needs.
      QVERIFY(legend->height() >= legend->heightForWidth(legend->width()));
    }
  }

  void controlsNeverChangeInputSilently() {
    open();
    // T spans decades: the slider is logarithmic (at 30 % of its travel T is 32, not 30000).
    app::LabeledSlider* frames = panel()->framesSlider();
    QSlider* slider = frames->slider();
    QCOMPARE(slider->minimum(), 0);    // log10(1) * 100
    QCOMPARE(slider->maximum(), 500);  // log10(100000) * 100
    slider->setValue(150);
    QCOMPARE(frames->value(), 32.0);  // 10^1.5 = 31.6, a whole number of frames
    settle();
    // Typed 1e6 in base is a million; text that is not a number, or out of range, is refused
    // with a visible notice and the value kept.
    app::LabeledSlider* base = panel()->baseSlider();
    QLineEdit* edit = base->spinBox()->findChild<QLineEdit*>();
    const auto type = [&](QLineEdit* line, const QString& text) {
      line->selectAll();
      QTest::keyClicks(line, text);
      QTest::keyClick(line, Qt::Key_Return);
      QCoreApplication::processEvents();
    };
    type(edit, QStringLiteral("1e6"));
    QCOMPARE(model().state().base, 1e6);
    QVERIFY(!base->notice()->isVisibleTo(panel()));
    type(edit, QStringLiteral("abc"));
    QCOMPARE(model().state().base, 1e6);
    QVERIFY(base->notice()->isVisibleTo(panel()));
    QVERIFY2(base->notice()->text().contains(QStringLiteral("not a number")),
             qPrintable(base->notice()->text()));
    type(edit, QStringLiteral("1e13"));
    QCOMPARE(model().state().base, 1e6);
    QVERIFY2(base->notice()->text().contains(QStringLiteral("outside [2, 1e+12]")),
             qPrintable(base->notice()->text()));
    // The range is on the entry.
    QVERIFY(base->spinBox()->toolTip().contains(QStringLiteral("1e+12")));
    // 10^12 shows whole in a narrow box.
    base->setValue(1e12);
    QCOMPARE(base->spinBox()->text(), QStringLiteral("1e+12"));
    // δ is disabled for M-RoPE, with the reason.
    model().setVariants({QStringLiteral("mrope")});
    settle();
    QVERIFY(!panel()->deltaSlider()->isEnabled());
    QVERIFY(panel()->deltaSlider()->toolTip().contains(QStringLiteral("no temporal spacing")));
    // D = 127: the split label does not claim the sum is right.
    QLineEdit* dim = panel()->headDimSlider()->spinBox()->findChild<QLineEdit*>();
    type(dim, QStringLiteral("127"));
    QCoreApplication::processEvents();
    QVERIFY2(!panel()->splitSum()->text().contains(QStringLiteral("✓")),
             qPrintable(panel()->splitSum()->text()));
    QVERIFY2(panel()->splitSum()->text().contains(QStringLiteral("odd")),
             qPrintable(panel()->splitSum()->text()));
  }
};

ROPELAB_GUI_TEST_MAIN(PanelTest)
#include "tst_panel.moc"
