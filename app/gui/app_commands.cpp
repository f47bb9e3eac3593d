#include "app/gui/app_commands.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QSlider>
#include <QSurfaceFormat>
#include <QTextStream>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <vector>

#include "app/gui/labeled_slider.h"
#include "app/gui/main_window.h"
#include "app/gui/parameter_panel.h"
#include "app/gui/session.h"
#include "app/gui/teaching.h"
#include "ropelab/registry.h"
#include "views/image_export.h"

namespace ropelab::app {

void configure_opengl() {
  QSurfaceFormat format;
  format.setRenderableType(QSurfaceFormat::OpenGL);
  format.setVersion(3, 2);
  format.setProfile(QSurfaceFormat::CoreProfile);
  format.setSwapBehavior(QSurfaceFormat::DoubleBuffer);
  format.setRedBufferSize(8);
  format.setGreenBufferSize(8);
  format.setBlueBufferSize(8);
  format.setAlphaBufferSize(8);
  format.setDepthBufferSize(24);
  format.setStencilBufferSize(0);
  // No multisampling: 8x MSAA is several times slower on llvmpipe and images must be exact.
  format.setSamples(0);
  QSurfaceFormat::setDefaultFormat(format);
  QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
}

std::optional<AppOptions> parse_app_options(const QStringList& arguments, QString& error) {
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("RoPE Lab: rotary position embeddings, seen"));
  parser.addHelpOption();
  const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                      QStringLiteral("Render the window to FILE.png and exit."),
                                      QStringLiteral("FILE"));
  const QCommandLineOption benchmark(
      QStringLiteral("benchmark"),
      QStringLiteral("Replay slider changes and print compute and render times."));
  const QCommandLineOption changes(QStringLiteral("benchmark-changes"),
                                   QStringLiteral("Slider changes per benchmark scene (200)."),
                                   QStringLiteral("N"), QStringLiteral("200"));
  const QCommandLineOption smallOnly(QStringLiteral("benchmark-small-only"),
                                     QStringLiteral("Skip the 128k-token benchmark scene."));
  const QCommandLineOption compare(
      QStringLiteral("compare"),
      QStringLiteral("Variants side by side, e.g. vanilla,mrope,videorope."),
      QStringLiteral("LIST"));
  const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size WxH."),
                                QStringLiteral("WxH"), QStringLiteral("1600x1000"));
  const QCommandLineOption dark(QStringLiteral("dark"), QStringLiteral("Dark theme."));
  const QCommandLineOption presentation(
      QStringLiteral("presentation"),
      QStringLiteral("Presentation mode (fonts 1.6x for a projector; Ctrl+Shift+P)."));
  const QCommandLineOption paperFigure(
      QStringLiteral("paper-figure"),
      QStringLiteral("Open a Paper figures entry (e.g. videorope-appb) or teaching:tour[:N], "
                     "teaching:formula, teaching:diff, teaching:qk, teaching:distractor."),
      QStringLiteral("ID"));
  parser.addOptions(
      {screenshot, benchmark, changes, smallOnly, compare, size, dark, presentation, paperFigure});
  parser.addPositionalArgument(
      QStringLiteral("FILE"),
      QStringLiteral("A preset or saved session (.json) or a Hugging Face config.json to open."),
      QStringLiteral("[FILE]"));
  if (!parser.parse(arguments)) {
    error = parser.errorText();
    return std::nullopt;
  }
  if (parser.isSet(QStringLiteral("help"))) {
    error = parser.helpText();
    return std::nullopt;
  }
  AppOptions options;
  if (parser.isSet(screenshot)) options.screenshot = parser.value(screenshot);
  options.benchmark = parser.isSet(benchmark);
  options.benchmarkChanges = std::max(1, parser.value(changes).toInt());
  options.benchmarkLarge = !parser.isSet(smallOnly);
  options.dark = parser.isSet(dark);
  options.presentation = parser.isSet(presentation);
  if (parser.isSet(paperFigure)) options.paperFigure = parser.value(paperFigure);
  const QStringList files = parser.positionalArguments();
  if (files.size() > 1) {
    error = QStringLiteral("ropelab opens one file (got %1)").arg(files.join(QLatin1Char(' ')));
    return std::nullopt;
  }
  if (!files.isEmpty()) options.file = files.front();
  if (parser.isSet(compare)) {
    options.compare = parser.value(compare).split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (options.compare.size() > SceneParameters::kMaxCompared) {
      error =
          QStringLiteral("--compare takes at most %1 variants").arg(SceneParameters::kMaxCompared);
      return std::nullopt;
    }
    for (const QString& id : options.compare) {
      if (!find_variant(id.toStdString())) {
        error = QStringLiteral("--compare: unknown variant '%1'").arg(id);
        return std::nullopt;
      }
    }
  }
  const QStringList wh = parser.value(size).split(QLatin1Char('x'));
  if (wh.size() != 2 || wh[0].toInt() < 320 || wh[1].toInt() < 240) {
    error = QStringLiteral("--size must look like 1600x1000 (at least 320x240)");
    return std::nullopt;
  }
  options.size = QSize(wh[0].toInt(), wh[1].toInt());
  return options;
}

namespace {

struct Stats {
  double median = 0;
  double p95 = 0;
};

Stats stats(std::vector<double> values) {
  if (values.empty()) return {};
  std::sort(values.begin(), values.end());
  const auto at = [&](double q) {
    return values[std::min(values.size() - 1,
                           static_cast<std::size_t>(std::lround(q * (values.size() - 1))))];
  };
  return {at(0.5), at(0.95)};
}

// Replays slider changes of delta on one scene as a drag would: each change waits until the
// window has painted its result, so change→frame is the latency a user sees (compute on the
// worker, handing the result to the views, painting and compositing the window).
void benchmark_scene(const QString& name, const SceneParameters& scene, const AppOptions& options,
                     QTextStream& out) {
  MainWindow::Options windowOptions;
  windowOptions.useSettings = false;
  windowOptions.parameters = scene;
  MainWindow window(windowOptions);
  window.resize(options.size);
  window.show();
  window.waitForIdle(600000);
  window.waitForFrame(600000);
  std::vector<double> change, compute, apply, paint, total;
  std::map<QString, std::vector<double>> stages;
  QStringList stageOrder;
  // What a drag does: the δ slider moves one step at a time (press, moves, release).
  QSlider* slider = window.parameterPanel()->deltaSlider()->slider();
  emit slider->sliderPressed();
  for (int i = 0; i < options.benchmarkChanges; ++i) {
    const int step = i % 40 < 20 ? 1 : -1;  // back and forth over two units of δ
    QElapsedTimer timer;
    timer.start();
    slider->setValue(slider->value() + step);
    // The UI thread's own share of a change: the model, the panel and the request, before any
    // result exists.
    const double changeMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    if (!window.waitForFrame(600000)) continue;
    change.push_back(changeMs);
    total.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    compute.push_back(window.lastComputeMs());
    apply.push_back(window.lastApplyMs());
    paint.push_back(window.lastPaintMs());
    for (const auto& [stage, ms] : window.currentResult()->stages) {
      const QString key = QString::fromLatin1(stage);
      if (!stageOrder.contains(key)) stageOrder << key;
      stages[key].push_back(ms);
    }
  }
  // Full detail once the drag ends: every point, full resolution (the result stays the same).
  QElapsedTimer full;
  full.start();
  emit slider->sliderReleased();
  const bool repainted = window.waitForRepaint(60000);
  const double fullMs = static_cast<double>(full.nsecsElapsed()) / 1e6;
  const std::size_t tokens =
      window.currentResult() ? window.currentResult()->variants.front().encoding->token_count() : 0;
  out << QStringLiteral("%1 (%2 tokens, %3 changes of delta, window %4x%5)\n")
             .arg(name)
             .arg(tokens)
             .arg(options.benchmarkChanges)
             .arg(options.size.width())
             .arg(options.size.height());
  const auto line = [&out](const QString& label, const std::vector<double>& values) {
    const Stats s = stats(values);
    out << QStringLiteral("  %1 median %2 ms  p95 %3 ms\n")
               .arg(label, -14)
               .arg(s.median, 0, 'f', 1)
               .arg(s.p95, 0, 'f', 1);
  };
  line(QStringLiteral("change"), change);
  line(QStringLiteral("compute"), compute);
  for (const QString& stage : stageOrder) line(QStringLiteral("  ") + stage, stages[stage]);
  line(QStringLiteral("apply"), apply);
  line(QStringLiteral("paint"), paint);
  line(QStringLiteral("change→frame"), total);
  if (repainted) {
    out << QStringLiteral("  full-detail frame after release %1 ms\n").arg(fullMs, 0, 'f', 1);
  } else {
    out << QStringLiteral("  full-detail frame after release: no repaint\n");
  }
  out.flush();
}

int run_benchmark(const AppOptions& options) {
  QTextStream out(stdout);
  benchmark_scene(QStringLiteral("default scene"), SceneParameters{}, options, out);
  if (options.benchmarkLarge) {
    SceneParameters large;
    large.scene = Scene::text_video_text(64, 512, 16, 16, 64);
    benchmark_scene(QStringLiteral("128k scene text 64 + video 512x16x16 + text 64"), large,
                    options, out);
  }
  return 0;
}

int run_screenshot(MainWindow& window, const QString& path, QSize size) {
  window.resize(size);
  window.show();
  if (!window.waitForIdle(600000)) {
    std::fprintf(stderr, "ropelab: the scene did not finish computing\n");
    return 1;
  }
  const QImage image = views::render_widget(window, size);
  if (!views::save_image(image, path)) {
    std::fprintf(stderr, "ropelab: cannot write %s\n", qPrintable(path));
    return 1;
  }
  if (!window.bannerText().isEmpty()) {
    std::fprintf(stderr, "ropelab: %s\n", qPrintable(window.bannerText()));
  }
  return 0;
}

}  // namespace

int run_app(const AppOptions& options) {
  if (options.benchmark) return run_benchmark(options);
  MainWindow::Options windowOptions;
  // Batch modes never read or write the user's settings: their output must be reproducible.
  windowOptions.useSettings = !options.screenshot;
  std::optional<SceneParameters> fromFile;
  if (options.file) {
    // Checked before any window opens: a bad file is a message and exit 2, like the CLI.
    try {
      fromFile = load_any_file(*options.file, SceneParameters{});
    } catch (const std::exception& e) {
      std::fprintf(stderr, "ropelab: error: %s\n", e.what());
      return 2;
    }
    if (!options.compare.isEmpty()) fromFile->variants = options.compare;
  }
  if (!options.compare.isEmpty() || options.screenshot) {
    SceneParameters parameters = fromFile.value_or(SceneParameters{});
    if (!options.compare.isEmpty()) parameters.variants = options.compare;
    windowOptions.parameters = parameters;
  }
  MainWindow window(windowOptions);
  // Interactive: opened like File ▸ Open (one undo step, a recent file, the session saved).
  if (fromFile && !windowOptions.parameters) window.session()->openFile(*options.file);
  if (options.dark) window.setTheme(views::Theme::Dark);
  if (options.presentation) teaching::install(window)->setPresentationMode(true);
  if (options.paperFigure) {
    return teaching::run_teaching(window, *options.paperFigure, options.screenshot, options.size);
  }
  if (options.screenshot) return run_screenshot(window, *options.screenshot, options.size);
  window.show();
  return QApplication::exec();
}

}  // namespace ropelab::app
