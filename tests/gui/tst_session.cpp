// Presets and sessions, undo/redo, real-model import and data export: presets round-trip byte for
// byte, one slider drag is one undo step, a Qwen2.5-VL config.json gives that model's ids (the
// CLI's), q/k from .npy drive every attention view, and malformed files are reported by name
// while the app keeps its last good state.
#include <QDoubleSpinBox>
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QSlider>
#include <QTemporaryDir>
#include <QtTest>
#include <random>

#include "app/gui/compute.h"
#include "app/gui/export_dialog.h"
#include "app/gui/figure.h"
#include "app/gui/labeled_slider.h"
#include "app/gui/main_window.h"
#include "app/gui/parameter_panel.h"
#include "app/gui/session.h"
#include "gui_test_main.h"
#include "ropelab/io/files.h"
#include "ropelab/io/npy.h"
#include "ropelab/io/writers.h"

using namespace ropelab;

namespace {

QByteArray read_all(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void write_npy(const QString& path, const std::vector<std::size_t>& shape, unsigned seed) {
  std::size_t n = 1;
  for (std::size_t s : shape) n *= s;
  std::vector<double> data(n);
  std::mt19937 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  for (double& v : data) v = normal(rng);
  io::write_file_atomically(path.toStdString(), io::npy_bytes(shape, data.data()));
}

const char* kQwen25Config = R"({
  "architectures": ["Qwen2_5_VLForConditionalGeneration"],
  "model_type": "qwen2_5_vl",
  "hidden_size": 3584,
  "num_attention_heads": 28,
  "num_key_value_heads": 4,
  "rope_theta": 1000000.0,
  "rope_scaling": {"type": "mrope", "mrope_section": [16, 24, 24]},
  "vision_config": {"tokens_per_second": 2}
})";

}  // namespace

class SessionTest : public QObject {
  Q_OBJECT
 private:
  std::unique_ptr<app::MainWindow> window_;
  QTemporaryDir dir_;

  app::MainWindow& window() { return *window_; }
  app::SessionController& session() { return *window_->session(); }
  QString path(const QString& name) const { return dir_.filePath(name); }
  void waitForResult() { QVERIFY2(window().waitForIdle(60000), "computation did not finish"); }

 private slots:
  void init() {
    window_ = open_test_window();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    waitForResult();
  }
  void cleanup() { window_.reset(); }

  void builtinPresetsRoundTripByteForByte() {
    const QStringList presets = app::builtin_presets();
    QCOMPARE(presets.size(), 7);
    for (const QString& preset : presets) {
      QVERIFY2(session().openPreset(preset), qPrintable(session().lastError()));
      waitForResult();
      QVERIFY2(window().bannerText().isEmpty(), qPrintable(window().bannerText()));
      const QString first = path(QStringLiteral("first.json"));
      const QString second = path(QStringLiteral("second.json"));
      QVERIFY(session().savePreset(first));
      const app::SceneParameters saved = window().parameters();
      QVERIFY2(session().openPreset(first), qPrintable(session().lastError()));
      waitForResult();
      QVERIFY(window().parameters() == saved);
      QVERIFY(session().savePreset(second));
      QCOMPARE(read_all(second), read_all(first));
      // The preset's own content survives: same scene, config and variants as the file.
      const io::Preset original = io::preset_from_json(read_all(preset).toStdString(), "builtin");
      const io::Preset again = io::load_preset(first.toStdString());
      QCOMPARE(again.variants, original.variants);
      QVERIFY2(again.scene.describe() == original.scene.describe(),
               qPrintable(preset + QStringLiteral(": ") +
                          QString::fromStdString(again.scene.describe() + " vs " +
                                                 original.scene.describe())));
      QCOMPARE(again.config.base, original.config.base);
      QCOMPARE(again.config.split, original.config.split);
      QVERIFY(again.config.options == original.config.options);
    }
    QVERIFY(session().recentFiles().contains(
        QFileInfo(path(QStringLiteral("first.json"))).absoluteFilePath()));
  }

  void undoRedoAndOneDragIsOneStep() {
    app::ParameterPanel* panel = window().parameterPanel();
    const app::SceneParameters start = window().parameters();
    // Two separate edits, further apart than the coalescing window: two steps.
    panel->framesSlider()->spinBox()->setValue(panel->framesSlider()->value() + 1);
    QTest::qWait(400);
    panel->baseSlider()->slider()->setValue(panel->baseSlider()->slider()->value() + 3);
    QTest::qWait(400);
    const app::SceneParameters afterEdits = window().parameters();
    QVERIFY(!(afterEdits == start));
    // A drag: pressed, many moves (slower than the coalescing window), released: one step.
    QSlider* delta = panel->deltaSlider()->slider();
    emit delta->sliderPressed();
    for (int i = 1; i <= 4; ++i) {
      delta->setValue(delta->value() + 2);
      QTest::qWait(350);
    }
    emit delta->sliderReleased();
    waitForResult();
    const app::SceneParameters afterDrag = window().parameters();
    QVERIFY(afterDrag.primaryDelta() != afterEdits.primaryDelta());
    QVERIFY(window().model()->canUndo());
    session().undo();
    waitForResult();
    QVERIFY(window().parameters() == afterEdits);
    QCOMPARE(window().currentResult()->parameters.primaryDelta(), afterEdits.primaryDelta());
    session().undo();
    session().undo();
    waitForResult();
    QVERIFY(window().parameters() == start);
    QVERIFY(!window().model()->canUndo());
    session().redo();
    session().redo();
    session().redo();
    waitForResult();
    QVERIFY(window().parameters() == afterDrag);
    QVERIFY(!window().model()->canRedo());
  }

  void sessionIsRestoredOnStart() {
    window_.reset();
    QSettings().clear();
    {
      app::MainWindow first(app::MainWindow::Options{true, std::nullopt});
      first.show();
      QVERIFY(first.waitForIdle(60000));
      QVERIFY(first.session()->openPreset(QStringLiteral(":/presets/qwen3-vl.json")));
      QVERIFY(first.waitForIdle(60000));
      first.close();
    }
    app::MainWindow second(app::MainWindow::Options{true, std::nullopt});
    second.show();
    QVERIFY(second.waitForIdle(60000));
    const app::SceneParameters p = second.parameters();
    QCOMPARE(p.variants.front(), QStringLiteral("qwen3-mrope"));
    QCOMPARE(p.options(p.variants.front()).get<int>("timestamp_tokens"), 6);
    QCOMPARE(p.base, 5000000.0);
    QSettings().clear();
  }

  // The property and jump caches are keyed on the whole configuration, options included: two
  // configurations that differ only in a switch get their own results (issue 9 item 5).
  void computeCacheCoversVariantOptions() {
    app::SceneParameters p;
    p.variants = {QStringLiteral("videorope")};
    const app::ComputeResult with_ats = app::compute_scene_now(p);
    p.options(QStringLiteral("videorope")).set("adjustable_spacing", false);
    const app::ComputeResult without_ats = app::compute_scene_now(p);
    QVERIFY2(with_ats.error.isEmpty() && without_ats.error.isEmpty(),
             qPrintable(with_ats.error + without_ats.error));
    QVERIFY(with_ats.variants.front().properties.temporal_scaling);
    QVERIFY(!without_ats.variants.front().properties.temporal_scaling);
    p.variants = {QStringLiteral("vrope")};
    p.perVariant.clear();
    const app::ComputeResult continuous = app::compute_scene_now(p);
    p.options(QStringLiteral("vrope")).set("continuity", false);
    const app::ComputeResult jumping = app::compute_scene_now(p);
    const auto& a = continuous.variants.front().charts;
    const auto& b = jumping.variants.front().charts;
    QVERIFY(!a.jumpOutLargest.empty());
    QVERIFY(a.jumpOutLargest != b.jumpOutLargest);
  }

  void qwen25ConfigGivesThatModelsIds() {
    const QString config = path(QStringLiteral("config.json"));
    io::write_file_atomically(config.toStdString(), kQwen25Config);
    QVERIFY2(session().importHfConfig(config), qPrintable(session().lastError()));
    waitForResult();
    const app::SceneParameters p = window().parameters();
    QCOMPARE(p.variants.front(), QStringLiteral("qwen25-mrope"));
    QCOMPARE(p.headDim, 128);  // 3584 / 28
    QCOMPARE(p.base, 1e6);
    QCOMPARE(p.split, (std::vector<int>{16, 24, 24}));
    QCOMPARE(p.options(p.variants.front()).get<double>("tokens_per_second"), 2.0);
    const Encoding& e = *window().currentResult()->variants.front().encoding;
    QCOMPARE(std::string(e.variant->id()), std::string("qwen25-mrope"));
    // The ids equal the CLI's for the same config (ropelab-cli positions --config).
    const QString gui = path(QStringLiteral("gui-positions.json"));
    QVERIFY(app::export_data(*window().currentResult(), app::DataKind::Positions, gui).isEmpty());
    const QString cli = path(QStringLiteral("cli-positions.json"));
    QProcess process;
    process.start(QStringLiteral(ROPELAB_CLI),
                  {QStringLiteral("positions"), QStringLiteral("--config"), config,
                   QStringLiteral("--out"), cli});
    QVERIFY(process.waitForFinished(60000));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    QCOMPARE(read_all(gui), read_all(cli));
    // Qwen2.5-VL: a frame is one second = 2 temporal ids; the first video token follows 4 text.
    const auto& tokens = e.positions.tokens;
    std::size_t secondFrame = 0;
    while (tokens.frame[secondFrame] != 1) ++secondFrame;
    QCOMPARE(e.id(0, secondFrame) - e.id(0, 4), 2.0);
  }

  void dataExportUsesTheCliWriters() {
    const app::ComputeResult& result = *window().currentResult();
    const Encoding& e = *result.variants.front().encoding;
    for (const QString& ext :
         {QStringLiteral("json"), QStringLiteral("csv"), QStringLiteral("npy")}) {
      const io::Format format = io::parse_format(ext.toStdString());
      const QString ids = path(QStringLiteral("ids.") + ext);
      QVERIFY(app::export_data(result, app::DataKind::Positions, ids).isEmpty());
      QCOMPARE(read_all(ids).toStdString(), io::positions_output(e, format));
      const QString angles = path(QStringLiteral("angles.") + ext);
      QVERIFY(app::export_data(result, app::DataKind::Angles, angles).isEmpty());
      QCOMPARE(read_all(angles).toStdString(), io::angles_output(e, format));
      QVERIFY(app::export_data(result, app::DataKind::Attention, path(QStringLiteral("att.") + ext))
                  .isEmpty());
    }
    const io::NpyArray ids = io::read_npy(path(QStringLiteral("ids.npy")).toStdString());
    QCOMPARE(ids.shape, (std::vector<std::size_t>{3, e.token_count()}));
    QVERIFY(app::export_data(result, app::DataKind::Positions, path(QStringLiteral("x.txt")))
                .contains(QStringLiteral("x.txt")));
  }

  void qkFromNpyDriveEveryAttentionView() {
    const views::AttentionData ones = window().currentResult()->variants.front().attention;
    const std::size_t tokens = window().currentResult()->variants.front().encoding->token_count();
    // (tokens, D)
    const QString q2 = path(QStringLiteral("q2.npy")), k2 = path(QStringLiteral("k2.npy"));
    write_npy(q2, {tokens, 128}, 1);
    write_npy(k2, {tokens, 128}, 2);
    QVERIFY2(session().loadQk(q2, k2), qPrintable(session().lastError()));
    waitForResult();
    const views::AttentionData fromFile = window().currentResult()->variants.front().attention;
    QVERIFY(fromFile.logits.size() == ones.logits.size());
    QVERIFY((fromFile.logits - ones.logits).cwiseAbs().maxCoeff() > 1e-3);
    QVERIFY(!fromFile.tiles.empty());
    QVERIFY((fromFile.patchMap - ones.patchMap).cwiseAbs().maxCoeff() > 1e-6);
    QVERIFY(fromFile.frameMatrix.size() > 0);
    QVERIFY((fromFile.frameMatrix - ones.frameMatrix).cwiseAbs().maxCoeff() > 1e-6);
    // The logit of the query over itself is q_rot . k_rot / sqrt(D) of the file's vectors.
    QVERIFY(window().parameters().qkArrays != nullptr);
    // (heads, tokens, D) with head 1, and D = 64 (the head dim follows the arrays).
    const QString q3 = path(QStringLiteral("q3.npy")), k3 = path(QStringLiteral("k3.npy"));
    write_npy(q3, {3, tokens, 64}, 3);
    write_npy(k3, {3, tokens, 64}, 4);
    QVERIFY2(session().loadQk(q3, k3, 1), qPrintable(session().lastError()));
    waitForResult();
    QCOMPARE(window().currentResult()->variants.front().encoding->head_dim(), 64);
    const views::AttentionData head1 = window().currentResult()->variants.front().attention;
    QVERIFY(head1.logits.size() == ones.logits.size());
    QVERIFY((head1.logits - fromFile.logits).cwiseAbs().maxCoeff() > 1e-3);
    // Every attention view: the attention figure renders from them too.
    app::FigureSpec spec;
    spec.view = app::FigureView::Attention;
    views::FigureRequest request;
    request.size = QSize(800, 600);
    QVERIFY(app::export_figure(spec, *window().currentResult(), path(QStringLiteral("att.svg")),
                               request)
                .isEmpty());
    // Moving a slider keeps the arrays.
    window().model()->setDelta(window().parameters().variants.front(), 3.0);
    waitForResult();
    QVERIFY(window().parameters().qkArrays != nullptr);
    session().clearQk();
    waitForResult();
    QVERIFY(window().parameters().qkArrays == nullptr);
  }

  void malformedFilesAreNamedAndChangeNothing_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("file");
    const QString cases = QStringLiteral(ROPELAB_BADINPUT_DIR);
    QTest::newRow("preset truncated") << "preset"
                                      << "truncated.json";
    QTest::newRow("preset not json") << "preset"
                                     << "binary.json";
    QTest::newRow("preset missing") << "preset"
                                    << "does-not-exist.json";
    QTest::newRow("config section sum") << "config" << cases + "/configs/section_sum.json";
    QTest::newRow("config truncated") << "config" << cases + "/configs/truncated.json";
    QTest::newRow("config theta string") << "config" << cases + "/configs/theta_string.json";
    QTest::newRow("npy bad magic") << "npy" << cases + "/npy/bad_magic.npy";
    QTest::newRow("npy nan") << "npy" << cases + "/npy/nan_values.npy";
    QTest::newRow("npy truncated") << "npy" << cases + "/npy/truncated_data.npy";
    QTest::newRow("npy wrong tokens") << "npy" << cases + "/npy/ok_2x4.npy";
  }

  void malformedFilesAreNamedAndChangeNothing() {
    QFETCH(QString, kind);
    QFETCH(QString, file);
    if (kind == QLatin1String("preset") && !file.contains(QLatin1Char('/'))) {
      const QString local = path(file);
      if (file == QLatin1String("truncated.json"))
        io::write_file_atomically(local.toStdString(), "{\"schema\": \"ropelab-preset\", \"vers");
      if (file == QLatin1String("binary.json"))
        io::write_file_atomically(local.toStdString(), std::string("\x00\x01\xff\xfe", 4));
      file = local;
    }
    // A saved preset that must survive the failure untouched.
    const QString kept = path(QStringLiteral("kept.json"));
    QVERIFY(session().savePreset(kept));
    const QByteArray keptBytes = read_all(kept);
    const app::SceneParameters before = window().parameters();
    const quint64 generation = window().currentResult()->generation;
    bool ok = true;
    if (kind == QLatin1String("preset")) ok = session().openPreset(file);
    if (kind == QLatin1String("config")) ok = session().importHfConfig(file);
    if (kind == QLatin1String("npy")) ok = session().loadQk(file, file, 0);
    QVERIFY(!ok);
    QVERIFY2(session().lastError().contains(QFileInfo(file).fileName()),
             qPrintable(session().lastError()));
    waitForResult();
    QVERIFY(window().parameters() == before);
    QCOMPARE(window().currentResult()->generation, generation);
    QCOMPARE(read_all(kept), keptBytes);
    // The message box is shown without blocking.
    QTRY_VERIFY(window().findChild<QWidget*>(QStringLiteral("sessionError")) != nullptr);
  }
};

ROPELAB_GUI_TEST_MAIN(SessionTest)
#include "tst_session.moc"
