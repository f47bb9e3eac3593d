// The application model (app/gui/model): every kind of change is one undo step that restores the
// previous state exactly and redoes it; a session brings back every field; any scene the CLI takes
// (text, image, text, video, text, video, text) renders in every view, in compare mode and through
// `ropelab-cli figure`, with the CLI's ids in the pick overlay; variant options reach compute,
// the charts, the property table and the figure CLI.
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <functional>
#include <map>
#include <set>

#include "app/gui/actions.h"
#include "app/gui/figure.h"
#include "app/gui/labeled_slider.h"
#include "app/gui/main_window.h"
#include "app/gui/parameter_panel.h"
#include "app/gui/scene_editor.h"
#include "app/gui/session.h"
#include "app/gui/teaching.h"
#include "app/gui/teaching_panels.h"
#include "app/gui/variant_options_group.h"
#include "gui_test_main.h"
#include "ropelab/error.h"
#include "ropelab/options.h"
#include "ropelab/registry.h"
#include "views/attention_view.h"
#include "views/charts_view.h"
#include "views/frequency_panels.h"
#include "views/frequency_view.h"
#include "views/image_export.h"
#include "views/layout_view.h"
#include "views/property_table.h"

using namespace ropelab;

namespace {

const char* kSevenSegments = "text:3,image:2x3,text:2,video:3x2x2,text:2,video:2x2x3@2,text:3";

QByteArray read_all(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Runs ropelab-cli; returns its exit code (stderr in `error`).
int run_cli(const QStringList& args, QString* error = nullptr) {
  QProcess process;
  process.start(QStringLiteral(ROPELAB_CLI), args);
  if (!process.waitForFinished(120000)) return -1;
  if (error) *error = QString::fromUtf8(process.readAllStandardError());
  return process.exitCode();
}

}  // namespace

class ModelTest : public QObject {
  Q_OBJECT
 private:
  std::unique_ptr<app::MainWindow> window_;
  QTemporaryDir dir_;

  app::MainWindow& window() { return *window_; }
  app::AppModel& model() { return *window_->model(); }
  QString path(const QString& name) const { return dir_.filePath(name); }
  void waitForResult() { QVERIFY2(window().waitForIdle(60000), "computation did not finish"); }

  // One change through `change`: it is one step, undo restores the state before exactly, redo
  // the state after.
  void checkUndo(const char* kind, const std::function<void()>& change) {
    const app::SceneParameters before = model().state();
    const std::size_t steps = model().steps();
    change();
    waitForResult();
    const app::SceneParameters after = model().state();
    QVERIFY2(!(after == before), kind);
    QVERIFY2(model().canUndo(), kind);
    model().undo();
    waitForResult();
    QVERIFY2(model().state() == before, kind);
    // The result on screen is the restored state's.
    QVERIFY2(window().currentResult()->parameters == before, kind);
    model().redo();
    waitForResult();
    QVERIFY2(model().state() == after, kind);
    QVERIFY2(model().steps() == std::min(steps + 1, app::AppModel::kMaxUndoSteps), kind);
  }

 private slots:
  void init() {
    window_ = open_test_window();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    waitForResult();
  }
  void cleanup() { window_.reset(); }

  void undoRestoresEveryKindOfChange() {
    app::ParameterPanel* panel = window().parameterPanel();
    checkUndo("slider drag", [&] {
      QSlider* delta = panel->deltaSlider()->slider();
      emit delta->sliderPressed();
      for (int i = 0; i < 3; ++i) delta->setValue(delta->value() + 3);
      emit delta->sliderReleased();
    });
    checkUndo("typed entry", [&] { panel->baseSlider()->spinBox()->setValue(500000); });
    checkUndo("preset", [&] {
      QVERIFY(window().session()->openPreset(QStringLiteral(":/presets/qwen25-vl-chat.json")));
    });
    checkUndo("paper figure", [&] {
      teaching::Teaching* t = teaching::find(window());
      QVERIFY(t != nullptr);
      QVERIFY(t->openFigure(QStringLiteral("videorope-fig5")) != nullptr);
    });
    checkUndo("tour step", [&] {
      teaching::Teaching* t = teaching::find(window());
      // A lesson whose variant differs from the current one changes the state.
      const QString now = model().state().variants.front();
      int lesson = 0;
      while (lesson < t->tour()->count() && t->tour()->lesson(lesson).variant == now) ++lesson;
      QVERIFY(lesson < t->tour()->count());
      t->tour()->go(lesson);
    });
    checkUndo("reset",
              [&] { window().actions()->action(QStringLiteral("scene.default"))->trigger(); });
    checkUndo("split", [&] {
      app::LabeledSlider* first = panel->splitSliders().front();
      first->spinBox()->setValue(first->value() + 4);
    });
    checkUndo("reset split",
              [&] { window().actions()->action(QStringLiteral("scene.resetSplit"))->trigger(); });
    checkUndo("q/k model", [&] { window().attentionView()->setModel(views::QkModel::Gaussian); });
    checkUndo("scene edit", [&] { panel->sceneEditor()->addSegment(1); });
    checkUndo("scene grammar",
              [&] { QVERIFY(panel->sceneEditor()->applyGrammar(QLatin1String(kSevenSegments))); });
    checkUndo("option toggle", [&] {
      app::SceneParameters s = model().state();
      s.variants = {QStringLiteral("videorope")};
      model().set(s);
      VariantOptions o = model().state().options(QStringLiteral("videorope"));
      o.set("low_frequency_temporal", !o.get<bool>("low_frequency_temporal"));
      model().setOptions(QStringLiteral("videorope"), o);
    });
    checkUndo("view setting", [&] {
      views::LayoutView* layout = window().layoutView(0);
      emit layout->colorModeChosen(views::LayoutView::ColorMode::Modality);
    });
    checkUndo("3-D surface", [&] {
      auto* box = window().frequencyPanels()->findChild<QCheckBox*>(QStringLiteral("surface3d"));
      QVERIFY(box);
      box->click();
      QVERIFY(model().state().view.frequencySurface3d);
    });
    checkUndo("layout axes", [&] {
      emit window().layoutView(0)->displayAxesChosen({0, 2, 1});
      QVERIFY((model().state().view.layoutAxes == std::array<int, 3>{0, 2, 1}));
    });
    checkUndo("query", [&] { panel->querySlider()->spinBox()->setValue(7); });
  }

  void typedEntriesTakeScientificNotationAndNeverClampSilently() {
    app::LabeledSlider* base = window().parameterPanel()->baseSlider();
    QLineEdit* edit = base->spinBox()->findChild<QLineEdit*>();
    QVERIFY(edit != nullptr);
    const auto type = [&](const QString& text) {
      base->spinBox()->setFocus();
      edit->selectAll();
      QTest::keyClicks(edit, text);
      QTest::keyClick(edit, Qt::Key_Return);
      waitForResult();
    };
    type(QStringLiteral("1e6"));
    QCOMPARE(model().state().base, 1e6);
    QVERIFY(base->notice()->isHidden());
    const app::SceneParameters before = model().state();
    type(QStringLiteral("abc"));
    QVERIFY(model().state() == before);
    QVERIFY(!base->notice()->isHidden());
    QVERIFY2(base->notice()->text().contains(QStringLiteral("not a number")),
             qPrintable(base->notice()->text()));
    type(QStringLiteral("1e20"));
    QVERIFY(model().state() == before);
    QVERIFY2(base->notice()->text().contains(QStringLiteral("outside")),
             qPrintable(base->notice()->text()));
    type(QStringLiteral("5e5"));
    QCOMPARE(model().state().base, 5e5);
    QVERIFY(base->notice()->isHidden());
  }

  void aRejectedTypedSceneChangesNothing() {
    app::SceneEditor* editor = window().parameterPanel()->sceneEditor();
    const app::SceneParameters before = model().state();
    QVERIFY(!editor->applyGrammar(QStringLiteral("text:4,video:8x4,text:4")));
    QVERIFY(!editor->errorLabel()->isHidden());
    QVERIFY2(editor->errorLabel()->text().contains(QStringLiteral("video:8x4")),
             qPrintable(editor->errorLabel()->text()));
    QVERIFY(model().state() == before);
    QVERIFY(editor->applyGrammar(QStringLiteral("video:2x2x2,text:1")));
    QVERIFY(editor->errorLabel()->isHidden());
    QCOMPARE(model().state().scene.describe(), std::string("video:2x2x2,text:1"));
  }

  void sessionRestoreBringsBackEveryField() {
    window_.reset();
    QSettings().clear();
    app::SceneParameters s;
    s.variants = {QStringLiteral("videorope"), QStringLiteral("mrope"), QStringLiteral("vrope")};
    s.scene = Scene::parse(kSevenSegments);
    s.base = 123456;
    s.headDim = 96;
    s.setDelta(QStringLiteral("videorope"), 3.5);
    s.options(QStringLiteral("videorope")).set("low_frequency_temporal", false);
    s.options(QStringLiteral("videorope")).set("diagonal_layout", false);
    s.options(QStringLiteral("vrope")).set("symmetric", false);
    s.query = 11;
    s.qkModel = views::QkModel::MeanShiftedGaussian;
    s.view.colorByFrame = false;  // the default is by frame
    s.view.temporalPairsOnly = true;
    s.view.frequencySurface3d = true;
    s.view.layoutAxes = {0, 1, 3};  // VRoPE's u1, u2, u4
    app::normalize(s);
    {
      app::MainWindow first(app::MainWindow::Options{true, std::nullopt});
      first.show();
      QVERIFY(first.waitForIdle(60000));
      first.setParameters(s);
      QVERIFY(first.waitForIdle(60000));
      QVERIFY(first.bannerText().isEmpty());
      first.close();
    }
    // The session is the preset JSON, and it loads.
    const QString json = QSettings().value(app::SessionController::sessionKey()).toString();
    try {
      QVERIFY(app::AppModel::fromJson(json, QStringLiteral("session")) == s);
    } catch (const std::exception& e) {
      QFAIL(e.what());
    }
    app::MainWindow second(app::MainWindow::Options{true, std::nullopt});
    second.show();
    QVERIFY(second.waitForIdle(60000));
    const app::SceneParameters& p = second.parameters();
    QCOMPARE(p.variants, s.variants);
    QCOMPARE(p.scene.describe(), s.scene.describe());
    QCOMPARE(p.delta(QStringLiteral("videorope")), 3.5);
    // The compared variants in the panel: each its own δ; δ disabled, with the reason, for
    // variants without one.
    app::ParameterPanel* panel = second.parameterPanel();
    panel->setSettingsVariant(QStringLiteral("videorope"));
    QCOMPARE(panel->deltaSlider()->value(), 3.5);
    QVERIFY(panel->deltaSlider()->isEnabled());
    panel->setSettingsVariant(QStringLiteral("mrope"));
    QVERIFY(!panel->deltaSlider()->isEnabled());
    QVERIFY2(panel->deltaSlider()->toolTip().contains(QStringLiteral("no temporal spacing")),
             qPrintable(panel->deltaSlider()->toolTip()));
    QVERIFY(!p.options(QStringLiteral("videorope")).get<bool>("low_frequency_temporal"));
    QVERIFY(!p.options(QStringLiteral("videorope")).get<bool>("diagonal_layout"));
    QVERIFY(!p.options(QStringLiteral("vrope")).get<bool>("symmetric"));
    QCOMPARE(p.query, 11L);
    QVERIFY(p.qkModel == views::QkModel::MeanShiftedGaussian);
    QVERIFY(!p.view.colorByFrame);
    QVERIFY(p.view.temporalPairsOnly);
    QVERIFY(p.view.frequencySurface3d);
    QVERIFY((p.view.layoutAxes == std::array<int, 3>{0, 1, 3}));
    QVERIFY(p == s);
    // VRoPE's panel draws u1, u2, u4; the three-axis panels keep t, h, w.
    QVERIFY((second.layoutView(2)->displayAxes() == std::array<int, 3>{0, 1, 3}));
    QVERIFY((second.layoutView(0)->displayAxes() == std::array<int, 3>{0, 1, 2}));
    // The views show it: the attention view's q/k model and the frequency view's switch.
    QVERIFY(second.attentionView()->model() == views::QkModel::MeanShiftedGaussian);
    QVERIFY(second.frequencyView()->temporalOnly());
    QVERIFY(second.frequencyPanels()->surface3d());
    QCOMPARE(second.currentResult()->variants.front().attention.query, std::size_t{11});
    second.close();
    QSettings().clear();
  }

  void anySceneRendersEverywhereWithTheCliIds() {
    app::SceneParameters s;
    s.variants = {QStringLiteral("qwen25-mrope"), QStringLiteral("videorope"),
                  QStringLiteral("vanilla")};
    s.scene = Scene::parse(kSevenSegments);
    window().setParameters(s);
    waitForResult();
    QVERIFY2(window().bannerText().isEmpty(), qPrintable(window().bannerText()));
    QCOMPARE(window().layoutPanelCount(), 3);
    const std::size_t tokens = static_cast<std::size_t>(s.scene.token_count());
    QCOMPARE(tokens, std::size_t{3 + 6 + 2 + 12 + 2 + 12 + 3});
    for (int i = 0; i < window().layoutPanelCount(); ++i) {
      QVERIFY(views::non_background_fraction(window().layoutView(i)->renderImage()) > 0.01);
    }
    for (QWidget* view :
         std::initializer_list<QWidget*>{window().attentionView(), window().chartsView(),
                                         window().frequencyView(), window().propertyTable()}) {
      QVERIFY2(views::non_background_fraction(views::render_widget(*view)) > 0.01,
               view->metaObject()->className());
    }
    QCOMPARE(window().propertyTable()->rowCount(), 3);
    // Every figure view, single and compare.
    const app::ComputeResult& result = *window().currentResult();
    for (const QString& name : app::figure_view_names()) {
      for (bool compare : {false, true}) {
        app::FigureSpec spec;
        spec.view = *app::figure_view_from_name(name);
        spec.compare = compare;
        views::FigureRequest request;
        request.size = QSize(800, 600);
        const QImage image = app::figure_image(spec, result, request);
        QVERIFY2(views::non_background_fraction(image) > 0.01, qPrintable(name));
      }
    }
    // The pick overlay's ids are the CLI's position ids, token by token, for every variant.
    for (int v = 0; v < s.variants.size(); ++v) {
      const QString out = path(QStringLiteral("positions-%1.json").arg(v));
      QString error;
      QCOMPARE(run_cli({QStringLiteral("positions"), QStringLiteral("--scene"),
                        QLatin1String(kSevenSegments), QStringLiteral("--variant"), s.variants[v],
                        QStringLiteral("--out"), out},
                       &error),
               0);
      const QJsonObject json = QJsonDocument::fromJson(read_all(out)).object();
      const QJsonArray ids = json.value(QStringLiteral("position_ids")).toArray();
      QCOMPARE(json.value(QStringLiteral("tokens")).toInt(), static_cast<int>(tokens));
      views::LayoutView* layout = window().layoutView(v);
      for (std::size_t token = 0; token < tokens; ++token) {
        layout->pickToken(static_cast<long>(token));
        const QString text = layout->pickedDescription();
        const QStringList parts =
            text.section(QStringLiteral(" · ids "), 1).split(QLatin1Char(' '));
        QCOMPARE(parts.size(), ids.size());
        for (qsizetype a = 0; a < ids.size(); ++a) {
          const double shown = parts[a].section(QLatin1Char('='), 1).toDouble();
          const double cli = ids[a].toArray()[static_cast<qsizetype>(token)].toDouble();
          QVERIFY2(std::abs(shown - cli) <= 1e-6 * std::max(1.0, std::abs(cli)),
                   qPrintable(QStringLiteral("%1 token %2: %3 vs %4")
                                  .arg(s.variants[v])
                                  .arg(token)
                                  .arg(text)
                                  .arg(cli)));
        }
      }
    }
    // Through `ropelab-cli figure`, single and compare, every view.
    for (const QString& name : app::figure_view_names()) {
      const QString out = path(QStringLiteral("fig-%1.png").arg(name));
      QString error;
      const int code = run_cli(
          {QStringLiteral("figure"), QStringLiteral("--view"), name, QStringLiteral("--scene"),
           QLatin1String(kSevenSegments), QStringLiteral("--compare"),
           QStringLiteral("qwen25-mrope,videorope,vanilla"), QStringLiteral("--out"), out,
           QStringLiteral("--size"), QStringLiteral("900x600")},
          &error);
      QVERIFY2(code == 0, qPrintable(name + QStringLiteral(": ") + error));
      QImage image(out);
      QCOMPARE(image.size(), QSize(900, 600));
      QVERIFY(views::non_background_fraction(image) > 0.01);
    }
  }

  void everyDeclaredOptionHasAControlThatReachesCompute() {
    app::ParameterPanel* panel = window().parameterPanel();
    std::set<std::string> covered;
    for (const Variant* v : all_variants()) {
      const QString id = QString::fromStdString(std::string(v->id()));
      for (const OptionSpec& spec : v->options()) {
        const QString what = id + QStringLiteral(" ") + QString::fromStdString(spec.key);
        app::SceneParameters s;
        s.variants = {id};
        window().setParameters(s);
        waitForResult();
        QWidget* c = panel->optionsGroup()->control(spec.key);
        QVERIFY2(c != nullptr, qPrintable(what + QStringLiteral(": no control")));
        QVERIFY2(!c->toolTip().isEmpty() && c->toolTip().contains(QString::fromStdString(spec.doc)),
                 qPrintable(what));
        const VariantOptions before =
            window().currentResult()->variants.front().encoding->config.options;
        switch (spec.kind) {
          case OptionKind::Switch:
            static_cast<QCheckBox*>(c)->click();
            break;
          case OptionKind::Integer: {
            auto* spin = static_cast<QSpinBox*>(c);
            spin->setValue(spin->value() < spin->maximum() ? spin->value() + 1 : spin->value() - 1);
            break;
          }
          case OptionKind::Choice: {
            auto* box = static_cast<QComboBox*>(c);
            const int next = (box->currentIndex() + 1) % box->count();
            box->setCurrentIndex(next);
            emit box->activated(next);
            break;
          }
          case OptionKind::Number:
          case OptionKind::Text: {
            auto* edit = static_cast<QLineEdit*>(c);
            const double now = edit->text().toDouble();
            const double next = now + 1 <= spec.max ? now + 1 : (now + spec.min) / 2;
            // Text options take structured values (A:B:C, auto, an offset): a valid other one.
            const std::map<std::string, QString> valid{{"head_split", QStringLiteral("0:3:3")},
                                                       {"mm_scale", QStringLiteral("4:8:8")},
                                                       {"circle_radius", QStringLiteral("auto")},
                                                       {"circle_positive", QStringLiteral("auto")}};
            const auto text = valid.find(spec.key);
            QVERIFY2(spec.kind == OptionKind::Number || text != valid.end(), spec.key.c_str());
            edit->setText(spec.kind == OptionKind::Number ? QString::number(next, 'g', 10)
                                                          : text->second);
            emit edit->editingFinished();
            break;
          }
        }
        waitForResult();
        QVERIFY2(window().bannerText().isEmpty(), qPrintable(what + window().bannerText()));
        const VariantOptions after =
            window().currentResult()->variants.front().encoding->config.options;
        QVERIFY2(before.values().at(spec.key) != after.values().at(spec.key), qPrintable(what));
        // One undo step back.
        model().undo();
        waitForResult();
        QVERIFY2(window().currentResult()->variants.front().encoding->config.options == before,
                 qPrintable(what));
        covered.insert(spec.key);
      }
    }
    for (const OptionSpec& spec : all_option_specs()) {
      QVERIFY2(covered.count(spec.key) == 1, spec.key.c_str());
    }
  }

  void theLtaSwitchChangesAllocationAndProperties() {
    app::SceneParameters s;
    s.variants = {QStringLiteral("videorope")};
    window().setParameters(s);
    waitForResult();
    const app::VariantResult on = window().currentResult()->variants.front();
    const QString rowOn = window().propertyTable()->item(0, 2)->text();
    s.options(QStringLiteral("videorope")).set("low_frequency_temporal", false);
    window().setParameters(s);
    waitForResult();
    const app::VariantResult off = window().currentResult()->variants.front();
    // What compute received: the switch is in the encoding's configuration.
    QVERIFY(!off.encoding->config.options.get<bool>("low_frequency_temporal"));
    // The allocation chart's data: the temporal axis takes other pairs.
    QVERIFY(on.charts.pairAxis != off.charts.pairAxis);
    // The property table's low-frequency-temporal column flips.
    QVERIFY(on.properties.low_freq_temporal != off.properties.low_freq_temporal);
    QVERIFY2(window().propertyTable()->item(0, 2)->text() != rowOn,
             qPrintable(window().propertyTable()->item(0, 2)->text()));
  }

  void figureCliPassesOptionsToRendering() {
    const auto render = [&](const QString& name, const QStringList& extra) {
      const QString out = path(name);
      QString error;
      QStringList args{QStringLiteral("figure"),
                       QStringLiteral("--view"),
                       QStringLiteral("layout"),
                       QStringLiteral("--variant"),
                       QStringLiteral("videorope"),
                       QStringLiteral("--out"),
                       out,
                       QStringLiteral("--size"),
                       QStringLiteral("600x450")};
      args << extra;
      const int code = run_cli(args, &error);
      return code == 0 ? read_all(out) : QByteArray();
    };
    const QByteArray plain = render(QStringLiteral("dl.svg"), {});
    const QByteArray noDl = render(QStringLiteral("nodl.svg"), {QStringLiteral("--no-dl")});
    QVERIFY(!plain.isEmpty() && !noDl.isEmpty());
    QVERIFY(plain != noDl);
    const QByteArray allocation =
        render(QStringLiteral("lta.png"), {QStringLiteral("--view"), QStringLiteral("allocation")});
    const QByteArray noLta = render(
        QStringLiteral("nolta.png"),
        {QStringLiteral("--view"), QStringLiteral("allocation"), QStringLiteral("--no-lta")});
    QVERIFY(!allocation.isEmpty() && !noLta.isEmpty());
    QVERIFY(QImage::fromData(allocation) != QImage::fromData(noLta));
  }

  // qwen25-vl-chat: text, image 8x12, text, video 8 frames 6x8 (1 s per frame), text, video 6
  // frames (2 s per frame), text; Qwen2.5-VL's t id is frame · seconds per frame · tokens per
  // second (2), so the first video spans t = 0..14 and the second 0..20.
  void attentionAndFrequencyFollowTheChosenVisualSegment() {
    QVERIFY(window().session()->openPreset(QStringLiteral(":/presets/qwen25-vl-chat.json")));
    waitForResult();
    QCOMPARE(model().state().view.visualSegment, -1);
    // Automatic: the first segment with the most frames, the 8-frame video (segment 3).
    const auto check = [&](int segment, int frames, double extent) {
      for (int v = 0; v < window().attentionView()->panelCount(); ++v) {
        const views::AttentionData& a = window().attentionView()->data(v);
        QCOMPARE(a.segment, segment);
        QCOMPARE(a.frames, frames);
        QCOMPARE(a.height, 6);
        QCOMPARE(a.width, 8);
        QCOMPARE(static_cast<int>(a.tiles.size()), frames);
        QCOMPARE(a.tileFrames.back(), frames - 1);
      }
      QCOMPARE(window().currentResult()->variants.front().collisions.extent, extent);
      QCOMPARE(window().frequencyView()->timeSpan(), extent);
      QVERIFY2(window()
                   .frequencyView()
                   ->findChild<QLabel*>(QStringLiteral("frequencySummary"))
                   ->text()
                   .contains(QStringLiteral("extent %1").arg(extent)),
               "the frequency summary names the chosen video's extent");
    };
    check(3, 8, 14.0);
    // The image (segment 1) is a choice too, the text segments are not.
    QComboBox* frequencyChoice = window().segmentChoice(app::MainWindow::Dock::Frequency);
    QComboBox* attentionChoice = window().segmentChoice(app::MainWindow::Dock::Attention);
    QVERIFY(frequencyChoice && attentionChoice && frequencyChoice != attentionChoice);
    QCOMPARE(frequencyChoice->count(), 4);  // auto, image 1, video 3, video 5
    QCOMPARE(frequencyChoice->itemData(1).toInt(), 1);
    QCOMPARE(frequencyChoice->itemData(3).toInt(), 5);
    QVERIFY(frequencyChoice->isEnabled());
    // Choosing the second video in the frequency dock: both views follow, the other dock's
    // choice shows it, and it is one undo step.
    const std::size_t steps = model().steps();
    emit frequencyChoice->activated(3);
    waitForResult();
    QCOMPARE(model().state().view.visualSegment, 5);
    QCOMPARE(attentionChoice->currentData().toInt(), 5);
    check(5, 6, 20.0);
    QCOMPARE(model().steps(), steps + 1);
    // Undo goes back to automatic, redo to the second video.
    model().undo();
    waitForResult();
    QCOMPARE(model().state().view.visualSegment, -1);
    QCOMPARE(frequencyChoice->currentData().toInt(), -1);
    check(3, 8, 14.0);
    model().redo();
    waitForResult();
    check(5, 6, 20.0);
    // Compare mode: every compared variant's panel shows the chosen segment.
    model().setVariants({QStringLiteral("qwen25-mrope"), QStringLiteral("videorope")});
    waitForResult();
    QCOMPARE(window().attentionView()->panelCount(), 2);
    QCOMPARE(window().attentionView()->data(1).segment, 5);
    QCOMPARE(window().frequencyPanels()->panelCount(), 2);
    model().setVariants({QStringLiteral("qwen25-mrope")});
    waitForResult();
    // Through the session's serializer (preset JSON, app.view.visual_segment) and back.
    const QString json = model().toJson();
    QVERIFY2(json.contains(QStringLiteral("\"visual_segment\": \"5\"")), qPrintable(json));
    QCOMPARE(app::AppModel::fromJson(json, QStringLiteral("session")).view.visualSegment, 5);
    QCOMPARE(app::AppModel::fromJson(json, QStringLiteral("session")), model().state());
    // A segment that is not an image or a video is rejected, naming the field.
    for (const char* bad : {"\"2\"", "\"9\"", "\"-1\"", "\"x\""}) {
      QString broken = json;
      broken.replace(QStringLiteral("\"visual_segment\": \"5\""),
                     QStringLiteral("\"visual_segment\": %1").arg(QLatin1String(bad)));
      try {
        (void)app::AppModel::fromJson(broken, QStringLiteral("bad.json"));
        QFAIL(qPrintable(QStringLiteral("accepted visual_segment %1").arg(QLatin1String(bad))));
      } catch (const InputError& e) {
        QVERIFY2(QString::fromStdString(e.what()).contains(QStringLiteral("visual_segment")),
                 e.what());
      }
    }
    // A scene edit that removes the chosen video falls back to automatic, visibly.
    Scene scene = model().state().scene;
    scene.segments.erase(scene.segments.begin() + 4, scene.segments.begin() + 6);
    model().setScene(scene);
    waitForResult();
    QCOMPARE(model().state().view.visualSegment, -1);
    QCOMPARE(attentionChoice->currentData().toInt(), -1);
    check(3, 8, 14.0);
  }

  // app.view.layout_axes: three distinct axis indices that every wide variant has.
  void layoutAxesAreCheckedWhenRead() {
    app::SceneParameters s;
    s.variants = {QStringLiteral("vrope")};
    s.view.layoutAxes = {3, 1, 0};
    const QString json = QString::fromStdString(io::preset_to_json(app::to_preset(s, {}, {})));
    QVERIFY2(json.contains(QStringLiteral("\"layout_axes\": \"3,1,0\"")), qPrintable(json));
    QVERIFY(app::AppModel::fromJson(json, QStringLiteral("session")) == s);
    for (const char* bad : {"3,1,4", "0,0,1", "0,1", "a,b,c", "0,1,2,3", "-1,0,1"}) {
      QString broken = json;
      broken.replace(QStringLiteral("3,1,0"), QLatin1String(bad));
      try {
        (void)app::AppModel::fromJson(broken, QStringLiteral("bad.json"));
        QFAIL(qPrintable(QStringLiteral("accepted layout_axes %1").arg(QLatin1String(bad))));
      } catch (const InputError& e) {
        QVERIFY2(QString::fromStdString(e.what()).contains(QStringLiteral("layout_axes")),
                 e.what());
      }
    }
  }

  void ropelabFileOpensPresetsAndConfigs() {
    // `ropelab FILE` takes a preset, a session (the same JSON) or a config.json by content.
    const app::SceneParameters chat =
        app::load_any_file(QStringLiteral(":/presets/qwen25-vl-chat.json"), {});
    QCOMPARE(chat.variants.front(), QStringLiteral("qwen25-mrope"));
    QCOMPARE(chat.scene.segments.size(), std::size_t{7});
    QVERIFY(window().session()->openFile(QStringLiteral(":/presets/qwen25-vl-chat.json")));
    waitForResult();
    QVERIFY(window().bannerText().isEmpty());
    QCOMPARE(window().currentResult()->variants.front().encoding->token_count(),
             static_cast<std::size_t>(chat.scene.token_count()));
  }
};

ROPELAB_GUI_TEST_MAIN(ModelTest)
#include "tst_model.moc"
