// ropelab-figure: `ropelab-cli figure` (spec/cli.md). Takes the CLI's scene (any scene), its
// configuration and variant options (the CLI's own parser) plus --view, --out, --size, --dpi,
// --compare and --dark, and
// renders the view with the same code as the app's File ▸ Export. Needs an X server (VTK);
// ropelab-cli starts a private Xvfb when DISPLAY is unset. Exit 0 / 2 (bad input) / 1.
#include <QApplication>
#include <QStyleFactory>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/app_commands.h"
#include "app/gui/figure.h"
#include "app/gui/teaching_animation.h"
#include "app/gui/teaching_figures.h"
#include "options.h"
#include "ropelab/error.h"
#include "ropelab/io/preset.h"
#include "ropelab/paper_figures.h"
#include "ropelab/registry.h"
#include "views/image_export.h"

namespace {

using ropelab::InputError;
using ropelab::require;

int fail(int code, const std::string& message) {
  std::fprintf(stderr, "ropelab-cli figure: error: %s\n", message.c_str());
  return code;
}

QSize parse_size(const std::string& text) {
  const QStringList wh = QString::fromStdString(text).split(QLatin1Char('x'));
  bool okW = false, okH = false;
  const int w = wh.size() == 2 ? wh[0].toInt(&okW) : 0;
  const int h = wh.size() == 2 ? wh[1].toInt(&okH) : 0;
  require(okW && okH, "--size", "'" + text + "'", "must look like 1200x900");
  require(w >= 16 && h >= 16 && w <= 16384 && h <= 16384, "--size", text,
          "must be 16 to 16384 pixels a side");
  return {w, h};
}

// The app's state for the CLI's options: any scene the CLI takes, every variant of --compare with
// the configuration's δ (given: every variant with a δ takes it; else each its own default) and
// the options (every variant's switches, so --no-lta reaches the drawing).
ropelab::app::SceneParameters to_parameters(const ropelab::cli::Options& o,
                                            const std::vector<std::string>& args) {
  ropelab::app::SceneParameters p;
  p.variants.clear();
  if (o.compare.empty()) {
    p.variants << QString::fromStdString(o.variant);
  } else {
    for (const auto& id : o.compare) p.variants << QString::fromStdString(id);
  }
  require(p.variants.size() <= ropelab::app::SceneParameters::kMaxCompared, "--compare",
          std::to_string(p.variants.size()) + " variants", "takes at most 4");
  p.headDim = o.config.head_dim;
  p.base = o.config.base;
  p.split = o.config.split;
  p.scene = o.scene;
  for (const QString& id : p.variants) {
    const ropelab::Variant& v = ropelab::variant_or_throw(id.toStdString());
    p.options(id) = o.config.options;
    if (v.info().has_delta && o.config.delta) p.setDelta(id, *o.config.delta);
  }
  // --query is the app's query token; absent, the app's default (first text after the video).
  bool queryGiven = false;
  for (const auto& a : args)
    queryGiven = queryGiven || a == "--query" || a.rfind("--query=", 0) == 0;
  if (queryGiven && o.query != "last") {
    const QString q = QString::fromStdString(o.query);
    bool ok = false;
    p.query = q.toLong(&ok);
    require(ok && p.query >= 0, "--query", o.query, "must be a token index or last");
  }
  // A compare preset's own δ and options per compared variant (the CLI's parser reads the
  // primary's from "config"; flags given after --preset still apply to the primary).
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] != "--preset") continue;
    const ropelab::io::Preset preset = ropelab::io::load_preset(args[i + 1]);
    for (int v = 1; v < p.variants.size(); ++v) {
      const auto own = preset.variant_settings.find(p.variants[v].toStdString());
      if (own == preset.variant_settings.end()) continue;
      if (own->second.delta && !o.config.delta) p.setDelta(p.variants[v], *own->second.delta);
      if (own->second.options) p.options(p.variants[v]) = *own->second.options;
    }
  }
  ropelab::app::normalize(p);
  if (o.qk == "ones") {
    p.qkModel = ropelab::views::QkModel::Ones;
  } else if (o.qk == "gaussian:7") {
    p.qkModel = ropelab::views::QkModel::Gaussian;
  } else if (o.qk == "gaussian:7:1") {
    p.qkModel = ropelab::views::QkModel::MeanShiftedGaussian;
  } else {
    throw InputError("--qk '" + o.qk + "': figure draws ones, gaussian:7 or gaussian:7:1");
  }
  return p;
}

// `figure --paper-figure ID`: the Paper figures window on the entry (no main window), rendered at
// --size; with --sweep KEY:FROM:TO:N one frame per value of the entry's slider KEY.
int run_paper_figure(const ropelab::PaperFigure& figure,
                     const std::optional<ropelab::teaching::Sweep>& sweep, const QString& out,
                     QSize size) {
  ropelab::teaching::PaperFigureDialog dialog(nullptr);
  // Shown at its size before the entry, as the app opens it: the caption is fitted to the width
  // it is drawn at (fitted while hidden, it took half the window for a narrow default width).
  dialog.resize(size);
  dialog.show();
  dialog.showFigure(QString::fromStdString(figure.id));
  const auto grab = [&] {
    QApplication::processEvents();
    return ropelab::views::render_widget(dialog, size);
  };
  if (!sweep) {
    const QImage image = grab();
    if (!ropelab::views::save_image(image, out))
      return fail(1, "cannot write " + out.toStdString());
    return 0;
  }
  QString failure;
  const QString error = ropelab::teaching::write_sweep(
      *sweep,
      [&](double value) {
        if (!dialog.setParam(sweep->param, value) && failure.isEmpty())
          failure = QStringLiteral("%1 = %2 cannot be set").arg(sweep->param).arg(value);
        return grab();
      },
      out);
  if (!failure.isEmpty()) return fail(2, "--sweep: " + failure.toStdString());
  if (!error.isEmpty()) return fail(1, error.toStdString());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args{"figure"};
  bool dark = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "figure" && i == 1) continue;
    if (a == "--dark") {
      dark = true;
      continue;
    }
    args.push_back(a);
  }
  ropelab::app::SceneParameters parameters;
  ropelab::app::FigureSpec spec;
  ropelab::views::FigureRequest request;
  QString out;
  std::optional<ropelab::teaching::Sweep> sweep;
  const ropelab::PaperFigure* paperFigure = nullptr;
  try {
    const ropelab::cli::Options o = ropelab::cli::parse_options(args);
    for (const auto& note : o.notes) std::fprintf(stderr, "ropelab-cli: note: %s\n", note.c_str());
    require(o.out.has_value(), "--out", "(missing)", "figure needs --out FILE.png|.svg|.pdf");
    out = QString::fromStdString(*o.out);
    if (!o.paper_figure.empty()) {
      paperFigure = ropelab::find_paper_figure(o.paper_figure);
      if (!paperFigure) {
        std::string known;
        for (const ropelab::PaperFigure& f : ropelab::paper_figures())
          known += (known.empty() ? "" : ", ") + f.id;
        throw InputError("--paper-figure '" + o.paper_figure +
                         "': not a Paper figures entry; known: " + known);
      }
      request.size = parse_size(o.size);
      if (o.sweep.empty()) {
        require(out.endsWith(QStringLiteral(".png"), Qt::CaseInsensitive), "--out", *o.out,
                "a Paper figures entry is written as FILE.png (or a --sweep as FILE.gif|DIR/)");
      } else {
        const std::vector<ropelab::FigureParam> params = ropelab::figure_params(*paperFigure);
        QStringList keys;
        for (const auto& p : params) keys << QString::fromStdString(p.key);
        require(!keys.isEmpty(), "--sweep", o.sweep, o.paper_figure + " has no parameter to sweep");
        sweep = ropelab::teaching::parse_sweep(QString::fromStdString(o.sweep), keys);
        require(ropelab::teaching::is_sequence_target(out) ||
                    out.endsWith(QStringLiteral(".gif"), Qt::CaseInsensitive),
                "--out", *o.out, "a sweep writes FILE.gif or a directory DIR/");
        // Every frame's value must be one the entry's slider takes: in range, on its steps.
        for (const auto& p : params) {
          if (QString::fromStdString(p.key) != sweep->param) continue;
          for (int i = 0; i < sweep->count; ++i) {
            const double x = sweep->value(i);
            const double steps = (x - p.min) / p.step;
            require(x >= p.min - 1e-9 && x <= p.max + 1e-9, "--sweep", o.sweep,
                    p.key + " runs from " + ropelab::format_number(p.min, 2) + " to " +
                        ropelab::format_number(p.max, 2));
            require(std::abs(steps - std::round(steps)) < 1e-6, "--sweep", o.sweep,
                    "frame " + std::to_string(i) + " would set " + p.key + " = " +
                        ropelab::format_number(x, 2) + ", but " + p.key + " moves in steps of " +
                        ropelab::format_number(p.step, 2) +
                        " (choose N so that (TO - FROM) / (N - 1) is a multiple of it)");
          }
        }
      }
    } else if (!o.sweep.empty()) {
      sweep = ropelab::teaching::parse_sweep(QString::fromStdString(o.sweep));
      require(ropelab::teaching::is_sequence_target(out) ||
                  out.endsWith(QStringLiteral(".gif"), Qt::CaseInsensitive),
              "--out", *o.out, "a sweep writes FILE.gif or a directory DIR/");
    } else {
      ropelab::views::FigureFormat format;
      require(ropelab::views::figure_format_for(out, format), "--out", *o.out,
              "must end in .png, .svg or .pdf");
    }
    request.size = parse_size(o.size);
    if (!paperFigure) {
      const auto view = ropelab::app::figure_view_from_name(QString::fromStdString(o.view));
      require(view.has_value(), "--view", "'" + o.view + "'",
              "must be layout, frequency, attention, similarity or allocation");
      spec.view = *view;
    }
    require(o.dpi >= 10 && o.dpi <= 2400, "--dpi", std::to_string(o.dpi), "must be in [10, 2400]");
    request.dpi = o.dpi;
    parameters = to_parameters(o, args);
    spec.compare = parameters.variants.size() > 1;
    spec.theme = dark ? ropelab::views::Theme::Dark : ropelab::views::Theme::Light;
  } catch (const InputError& e) {
    return fail(2, e.what());
  } catch (const std::exception& e) {
    return fail(1, e.what());
  }
  if (qEnvironmentVariableIsEmpty("DISPLAY")) {
    return fail(1, "figure needs an X server: set DISPLAY or install xvfb");
  }

  Q_INIT_RESOURCE(ropelab);
  ropelab::app::configure_opengl();
  int qtArgc = 1;
  QApplication application(qtArgc, argv);
  QApplication::setOrganizationName(QStringLiteral("RoPE Lab"));
  QApplication::setApplicationName(QStringLiteral("ropelab-figure"));
  QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
  QApplication::setFont(QFont(QStringLiteral("DejaVu Sans"), 9));
  if (paperFigure) {
    Q_INIT_RESOURCE(teaching);
    return run_paper_figure(*paperFigure, sweep, out, request.size);
  }

  if (sweep) {
    QString failure;
    const auto render = [&](double value) {
      ropelab::app::SceneParameters p = parameters;
      const QString& k = sweep->param;
      const int n = static_cast<int>(std::lround(value));
      // Sizes apply to the scene's first visual segment and the text segments around it.
      auto& segments = p.scene.segments;
      const int v = p.scene.first_visual_segment();
      const auto at = [&](int i) -> ropelab::Segment* {
        return i >= 0 && i < static_cast<int>(segments.size()) ? &segments[i] : nullptr;
      };
      if (k == QLatin1String("delta")) {
        for (const QString& id : p.variants) p.setDelta(id, value);
        ropelab::app::normalize(p);
      }
      if (k == QLatin1String("base")) p.base = value;
      if (ropelab::Segment* s = at(v)) {
        if (k == QLatin1String("frames") && s->modality == ropelab::Modality::Video) s->frames = n;
        if (k == QLatin1String("height")) s->height = n;
        if (k == QLatin1String("width")) s->width = n;
      }
      if (ropelab::Segment* s = at(v - 1); s && k == QLatin1String("text-before")) s->count = n;
      if (ropelab::Segment* s = at(v + 1); s && k == QLatin1String("text-after")) s->count = n;
      const ropelab::app::ComputeResult r = ropelab::app::compute_scene_now(p);
      if (!r.error.isEmpty()) {
        failure = r.error;
        QImage blank(request.size, QImage::Format_RGB32);
        blank.fill(Qt::white);
        return blank;
      }
      return ropelab::app::figure_image(spec, r, request);
    };
    const QString error = ropelab::teaching::write_sweep(*sweep, render, out);
    if (!failure.isEmpty()) return fail(2, "--sweep: " + failure.toStdString());
    if (!error.isEmpty()) return fail(1, error.toStdString());
    return 0;
  }
  const ropelab::app::ComputeResult result = ropelab::app::compute_scene_now(parameters);
  if (!result.error.isEmpty()) return fail(2, result.error.toStdString());
  const QString error = ropelab::app::export_figure(spec, result, out, request);
  if (!error.isEmpty()) return fail(1, error.toStdString());
  return 0;
}
