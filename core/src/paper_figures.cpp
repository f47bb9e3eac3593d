#include "ropelab/paper_figures.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <numeric>
#include <tuple>

#include "paper_figures_wave2.h"
#include "ropelab/attention.h"
#include "ropelab/error.h"
#include "ropelab/registry.h"
#include "ropelab/rope.h"

namespace ropelab {

PaperFigure make_figure(std::string id, std::string title, FigureView view,
                        std::vector<std::string> variants, Scene scene, Config config) {
  PaperFigure f;
  f.id = std::move(id);
  f.title = std::move(title);
  f.view = view;
  f.variants = std::move(variants);
  f.scene = std::move(scene);
  f.config = std::move(config);
  f.teaching = f.id.rfind("teaching:", 0) == 0;
  return f;
}

namespace {

Config config_with(double base, std::optional<double> delta = std::nullopt) {
  Config c;
  c.base = base;
  c.delta = delta;
  return c;
}

std::vector<int> pair_range(int first, int last) {
  std::vector<int> pairs(static_cast<std::size_t>(last - first + 1));
  std::iota(pairs.begin(), pairs.end(), first);
  return pairs;
}

std::vector<PaperFigure> build_figures() {
  std::vector<PaperFigure> list;
  PaperFigure fig4a = make_figure(
      "videorope-fig4a", "VideoRoPE Fig. 4 (a): M-RoPE's temporal frequencies",
      FigureView::Frequency, {"mrope"}, Scene::text_video_text(4, 500, 2, 2, 4), config_with(1e6));
  fig4a.pairs = pair_range(13, 15);
  fig4a.t_max = 500;
  list.push_back(fig4a);
  PaperFigure fig4b =
      make_figure("videorope-fig4b", "VideoRoPE Fig. 4 (b): VideoRoPE's temporal frequencies",
                  FigureView::Frequency, {"videorope"}, Scene::text_video_text(4, 500, 2, 2, 4),
                  config_with(1e6, 2.0));
  fig4b.pairs = pair_range(48, 50);
  fig4b.t_max = 20000;
  list.push_back(fig4b);
  list.push_back(make_figure("videorope-fig5", "VideoRoPE Fig. 5: ids of adjacent tokens",
                             FigureView::AdjacentIds, {"vanilla", "mrope", "videorope"},
                             Scene::default_scene(), config_with(1e6, 2.0)));
  list.push_back(make_figure("videorope-fig6", "VideoRoPE Fig. 6: 3-D index layouts",
                             FigureView::Layout, {"vanilla", "mrope", "videorope"},
                             Scene::default_scene(), config_with(1e6, 2.0)));
  list.push_back(make_figure("videorope-fig3", "VideoRoPE Fig. 3: positional logits per axis",
                             FigureView::AxisLogits, {"mrope", "videorope"},
                             Scene::text_video_text(4, 32, 4, 4, 4), config_with(1e6, 2.0)));
  list.push_back(make_figure("videorope-appb", "VideoRoPE App. B: the distractor period",
                             FigureView::DistractorPeriod, {"mrope"},
                             Scene::text_video_text(4, 3000, 1, 1, 4), config_with(1e6)));
  list.push_back(make_figure("vrope-fig2", "VRoPE Fig. 1 (a) / Fig. 2: spatial attention bias",
                             FigureView::BiasMap, {"vanilla", "mrope", "vrope"},
                             Scene::text_video_text(8, 16, 8, 8, 8), config_with(1e4)));
  list.push_back(make_figure("vrope-fig1b", "VRoPE Fig. 1 (b) / Sec. 3.4: the video-to-text jump",
                             FigureView::Jump, {"mrope", "vrope"},
                             Scene::text_video_text(4, 16, 4, 4, 4), config_with(1e4)));
  list.push_back(make_figure("vrope-fig3b", "VRoPE Fig. 3 (b): temporal centred arrangement",
                             FigureView::TextDiagonal, {"mrope", "vrope"},
                             Scene::text_video_text(4, 8, 4, 4, 4), config_with(1e4)));
  list.push_back(make_figure("vrope-appa", "VRoPE App. A: H = 1 reduces to 1-D",
                             FigureView::HeightOne, {"vrope"},
                             Scene::text_video_text(2, 3, 1, 6, 2), config_with(1e4)));
  list.push_back(make_figure("property-table", "VideoRoPE Table 1 / VRoPE Table 3: properties",
                             FigureView::Properties,
                             {"vanilla", "tad", "rope-tie", "mrope", "videorope", "vrope",
                              "rope-2d", "rope-share", "rope-compact"},
                             Scene::default_scene(), config_with(1e4)));
  list.push_back(make_figure("cited-results", "Trained-model results (cited, not computed)",
                             FigureView::Cited, {}, Scene::default_scene(), Config{}));
  list.push_back(make_figure("teaching:rotation", "RoPE in 2-D: one pair's rotation",
                             FigureView::Rotation, {"vanilla"},
                             Scene::text_video_text(16, 1, 1, 1, 16), config_with(1e4)));
  list.push_back(make_figure("teaching:allocation", "Frequency allocation side by side",
                             FigureView::Allocation, {}, Scene::text_video_text(4, 64, 2, 2, 4),
                             config_with(1e6, 2.0)));
  list.push_back(make_figure("teaching:delta",
                             "\u03b4 swept: VideoRoPE's layout beside its Table 6",
                             FigureView::DeltaSweep, {"videorope"},
                             Scene::text_video_text(4, 8, 4, 4, 4), config_with(1e6, 2.0)));
  list.push_back(make_figure("teaching:needle", "The needle and its distractors",
                             FigureView::Needle, {"mrope", "videorope"},
                             Scene::text_video_text(4, 1000, 1, 1, 4), config_with(1e6, 2.0)));
  wave2::add_figures(list);
  return list;
}

// ---- formatting ------------------------------------------------------------------------------

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (s == "-0" || s.rfind("-0.", 0) == 0) {
    if (s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  }
  return s;
}

std::string integer(long long v) {
  return std::to_string(v);
}

std::string paren(const std::vector<double>& x, int decimals = 2) {
  std::string out = "(";
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (i) out += ", ";
    out += format_number(x[i], decimals);
  }
  return out + ")";
}

std::string mark(bool b) {
  return b ? "\u2713" : "\u2717";
}

const Variant& variant(const std::string& id) {
  return variant_or_throw(id);
}

Config config_for(const Variant& v, Config c) {
  if (!v.info().has_delta) c.delta.reset();
  return c;
}

// "0–15" / "48–63" / "16 interleaved" for the pairs that read an axis.
std::vector<std::pair<int, int>> runs_of(const Encoding& e, int axis) {
  std::vector<std::pair<int, int>> runs;
  for (int j = 0; j < e.pairs(); ++j) {
    if (e.pair_axis[j] != axis) continue;
    if (!runs.empty() && runs.back().second == j - 1)
      runs.back().second = j;
    else
      runs.emplace_back(j, j);
  }
  return runs;
}

std::string pair_ranges(const Encoding& e, int axis) {
  const auto runs = runs_of(e, axis);
  if (runs.size() > 4) {
    return integer(std::count(e.pair_axis.begin(), e.pair_axis.end(), axis)) + " interleaved";
  }
  std::string out;
  for (const auto& [a, b] : runs) {
    if (!out.empty()) out += ", ";
    out += a == b ? integer(a) : integer(a) + "\u2013" + integer(b);
  }
  return out;
}

std::string ids_text(const Encoding& e, std::size_t token) {
  std::string out = "(";
  for (std::size_t a = 0; a < e.axes().size(); ++a) {
    if (a) out += ", ";
    out += e.axes()[a] + "=" + format_number(e.id(static_cast<int>(a), token), 2);
  }
  return out + ")";
}

std::string scene_text(const Scene& s) {
  const auto& g = s.segments;
  if (g.size() == 3 && g[1].is_visual()) {
    return "text " + integer(g[0].count) + " \u00b7 video " + integer(g[1].frames) + "\u00d7" +
           integer(g[1].height) + "\u00d7" + integer(g[1].width) + " \u00b7 text " +
           integer(g[2].count);
  }
  return integer(s.token_count()) + " tokens";
}

// ---- parameters ------------------------------------------------------------------------------

FigureParams resolve(const std::vector<FigureParam>& declared, const FigureParams& given,
                     const std::string& id) {
  FigureParams out;
  for (const FigureParam& p : declared) out[p.key] = p.value;
  for (const auto& entry : given) {
    const std::string& key = entry.first;
    const double value = entry.second;
    const auto it = std::find_if(declared.begin(), declared.end(),
                                 [&key](const FigureParam& p) { return p.key == key; });
    if (it == declared.end()) {
      std::string known;
      for (const FigureParam& p : declared) {
        if (!known.empty()) known += ", ";
        known += p.key;
      }
      std::string message = "parameter '";
      message += key;
      message += "' of ";
      message += id;
      message += " is invalid: must be one of ";
      message += known.empty() ? std::string("(none)") : known;
      throw InputError(message);
    }
    require(std::isfinite(value) && value >= it->min && value <= it->max, key,
            format_number(value, 3),
            "must be in [" + format_number(it->min, 3) + ", " + format_number(it->max, 3) + "]");
    out[key] = value;
  }
  return out;
}

// ---- the entries -----------------------------------------------------------------------------

struct Builder {
  FigureData data;
  void text(const std::string& name) { data.blocks.emplace_back(FigureText{name}); }
  void value(const std::string& key, std::string v) { data.values[key] = std::move(v); }
};

void frequency(const PaperFigure& f, Builder& b) {
  const Variant& v = variant(f.variants.front());
  const Encoding e = encode(v, f.scene, config_for(v, f.config));
  const int temporal = v.info().temporal_axis;
  b.value("variant", f.variants.front());
  b.value("base", format_base(f.config.base));
  b.value("head_dim", integer(f.config.head_dim));
  b.value("axis", e.axes()[static_cast<std::size_t>(temporal)]);
  b.value("temporal_pairs", pair_ranges(e, temporal));
  b.value("pairs", integer(e.pairs()));
  b.value("first", integer(f.pairs.front()));
  b.value("last", integer(f.pairs.back()));
  b.value("t_max", format_big(f.t_max));
  b.text("pairSummary");
  FigurePlot plot{"frequencyPlot", "", "position t", "cos(t \u00b7 \u03b8_j)", "", {}, {}, false};
  FigureTable table{"pairTable",
                    "",
                    {"pair j", "axis it reads", "\u03b8_j", "wavelength \u03bb_j", "turns in range",
                     "collisions marked"},
                    {}};
  int markers = 0;
  for (std::size_t n = 0; n < f.pairs.size(); ++n) {
    const int j = f.pairs[n];
    const double theta = e.inv_freq[j];
    const double lambda = 2 * M_PI / theta;
    FigureSeries s;
    s.label = "pair " + integer(j) + " (\u03bb \u2248 " + format_big(lambda) + ")";
    s.color = static_cast<int>(n);
    const int samples = 1500;
    for (int i = 0; i <= samples; ++i) {
      const double t = f.t_max * i / samples;
      s.points.emplace_back(t, std::cos(t * theta));
    }
    for (int k = 1; k * lambda <= f.t_max; ++k) s.markers.emplace_back(k * lambda, 1.0);
    markers += static_cast<int>(s.markers.size());
    char g[32];
    std::snprintf(g, sizeof g, "%.4g", theta);
    table.rows.push_back({integer(j),
                          e.pair_axis[j] < 0 ? std::string("none (zero frequency)")
                                             : e.axes()[static_cast<std::size_t>(e.pair_axis[j])],
                          g, format_big(lambda), fixed(f.t_max / lambda, 3),
                          integer(static_cast<long long>(s.markers.size()))});
    b.value("lambda_" + integer(j), format_big(lambda));
    plot.series.push_back(std::move(s));
  }
  b.value("markers", integer(markers));
  plot.note = markers > 0 ? "\u25cb = t is a multiple of \u03bb_j: the pair's angle is back to 0 "
                            "(a collision); " +
                                integer(markers) + " marked"
                          : "no pair completes a turn in this range: no collision";
  b.data.blocks.emplace_back(std::move(plot));
  b.data.blocks.emplace_back(std::move(table));
}

// The landmark tokens of one variant's layout (the text token before the video, the first frames'
// corners, the last patch and the text token after it) as rows of the layout table, so the ids
// the panels draw can be read exactly.
void add_landmark_rows(const std::string& id, const Encoding& e, FigureTable& table) {
  const TokenLayout& t = e.positions.tokens;
  std::size_t first = t.size(), last = 0;
  int frames = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.modality[i] == Modality::Text) continue;
    first = std::min(first, i);
    last = i;
    frames = std::max(frames, t.frame[i] + 1);
  }
  const std::size_t per = (last - first + 1) / static_cast<std::size_t>(std::max(1, frames));
  const auto add = [&](const std::string& what, std::size_t token) {
    if (token < t.size())
      table.rows.push_back({id, what, integer(static_cast<long long>(token)), ids_text(e, token)});
  };
  if (first > 0) add("last text before the video", first - 1);
  add("frame 0, first patch", first);
  add("frame 0, last patch", first + per - 1);
  add("frame 1, first patch", first + per);
  add("last frame, last patch", last);
  add("first text after the video", last + 1);
}

// The layouts' title names the δ of the variants that take one: the panels are drawn at it.
std::string layouts_title(const PaperFigure& f) {
  std::string title = "Index layouts: every token at its ids";
  std::string spaced;
  for (const std::string& id : f.variants) {
    if (!variant(id).info().has_delta || !f.config.delta) continue;
    spaced += spaced.empty() ? " (" : ", ";
    spaced += "\u03b4 = " + format_number(*f.config.delta, 2) + " for " + id;
  }
  return spaced.empty() ? title : title + spaced + ")";
}

// VideoRoPE Fig. 6 and the δ sweep: each variant's 3-D layout of the scene (one panel each, drawn
// by the GUI's layout view) and the ids of its landmark tokens.
void layout(const PaperFigure& f, Builder& b) {
  FigureLayouts layouts{"layouts", layouts_title(f), {}};
  FigureTable table{"layoutTable", "Landmark tokens", {"variant", "token", "index", "ids"}, {}};
  for (const std::string& id : f.variants) {
    const Variant& v = variant(id);
    auto e = std::make_shared<const Encoding>(encode(v, f.scene, config_for(v, f.config)));
    add_landmark_rows(id, *e, table);
    layouts.panels.push_back({id, std::move(e)});
  }
  b.data.blocks.emplace_back(std::move(layouts));
  b.data.blocks.emplace_back(std::move(table));
}

void adjacent(const PaperFigure& f, Builder& b) {
  FigureTable table{"adjacentTable",
                    "Ids per axis (\u03b4 = " + format_number(f.config.delta.value_or(1.0), 1) +
                        " for VideoRoPE; the code's centring \u230a(W\u22121)/2\u230b)",
                    {"variant", "tokens", "first", "second", "step per axis"},
                    {}};
  const auto step = [](const std::vector<double>& x, const std::vector<double>& y) {
    std::vector<double> d(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) d[i] = y[i] - x[i];
    return paren(d);
  };
  for (const std::string& id : f.variants) {
    const Variant& v = variant(id);
    const AdjacentIds a = adjacent_ids(encode(v, f.scene, config_for(v, f.config)));
    table.rows.push_back({id, "two adjacent text tokens", paren(a.text_a), paren(a.text_b),
                          step(a.text_a, a.text_b)});
    table.rows.push_back({id, "patch (0, 0) in frames 0 and 1", paren(a.frame_a), paren(a.frame_b),
                          step(a.frame_a, a.frame_b)});
    if (id == "videorope") {
      b.value("code_frame0", paren(a.frame_a));
      Config paper = config_for(v, f.config);
      paper.options.set("convention", std::string("paper"));
      const AdjacentIds q = adjacent_ids(encode(v, f.scene, paper));
      b.value("paper_frame0", paren(q.frame_a));
      b.value("delta", format_number(f.config.delta.value_or(1.0), 1));
    }
  }
  b.data.blocks.emplace_back(std::move(table));
  b.text("centring");
}

void axis_logits(const PaperFigure& f, Builder& b) {
  FigureHeatmaps grid{"axisLogits", {}};
  FigureTable table{
      "axisLogitTable",
      "",
      {"variant", "axis", "pairs", "same frame", "frames \u2265 T/2 apart", "contrast"},
      {}};
  double lo = 1e300, hi = -1e300;
  int row = 0;
  for (const std::string& id : f.variants) {
    const Variant& v = variant(id);
    const Encoding e = encode(v, f.scene, config_for(v, f.config));
    const int axes = static_cast<int>(e.axes().size());
    const std::vector<RowMatrix> all = axis_frame_logits_all(e);
    for (int a = -1; a < axes; ++a) {
      const RowMatrix& m = all[static_cast<std::size_t>(a) + 1];
      const double spread = m.maxCoeff() - m.minCoeff();
      const std::string axis = a < 0 ? "all axes" : e.axes()[static_cast<std::size_t>(a)];
      std::string pairs;
      if (a < 0) {
        pairs = "all " + integer(e.pairs());
        pairs += " pairs";
      } else if (pair_ranges(e, a).find("interleaved") != std::string::npos) {
        pairs = pair_ranges(e, a);
        pairs += " pairs";
      } else {
        pairs = "pairs ";
        pairs += pair_ranges(e, a);
      }
      FigureHeatmap tile;
      tile.name = "logits_";
      tile.name += id;
      tile.name += "_";
      tile.name += axis;
      tile.title = id;
      tile.title += " \u00b7 ";
      tile.title += axis;
      tile.row_label = "query frame";
      tile.column_label = "key frame";
      char g[32];
      std::snprintf(g, sizeof g, "%.2g", spread);
      tile.note = pairs + (spread < 1e-9 ? " \u00b7 constant" : " \u00b7 spread " + std::string(g));
      tile.values = m;
      tile.row = row;
      tile.column = a + 1;
      if (a >= 0) {
        tile.range_group = 0;
        lo = std::min(lo, m.minCoeff());
        hi = std::max(hi, m.maxCoeff());
      }
      grid.tiles.push_back(std::move(tile));
      const int n = static_cast<int>(m.rows());
      double diag = 0, far = 0;
      int far_count = 0;
      for (int i = 0; i < n; ++i) {
        diag += m(i, i);
        for (int k = 0; k < n; ++k) {
          if (std::abs(i - k) >= n / 2) {
            far += m(i, k);
            ++far_count;
          }
        }
      }
      diag /= std::max(1, n);
      far /= std::max(1, far_count);
      table.rows.push_back({id, axis, pairs, fixed(diag, 3), fixed(far, 3), fixed(diag - far, 3)});
      if (a == v.info().temporal_axis) b.value(id + "_t_contrast", fixed(diag - far, 3));
    }
    ++row;
  }
  b.value("axis_lo", fixed(lo, 2));
  b.value("axis_hi", fixed(hi, 2));
  b.value("frames", integer(f.scene.segments[1].frames));
  b.text("axisRange");
  b.data.blocks.emplace_back(std::move(grid));
  b.data.blocks.emplace_back(std::move(table));
  b.text("axisBands");
}

void distractor(const PaperFigure& f, Builder& b) {
  const int frames = f.scene.segments.size() > 1 ? f.scene.segments[1].frames : 3000;
  const DistractorPeriod d = distractor_period(f.config, frames);
  const Eigen::VectorXd inv = inverse_frequencies(f.config.head_dim, f.config.base);
  const int p = f.config.pairs();
  FigureTable periods{"periodTable",
                      "The distractor period against the real wavelengths (base " +
                          format_base(f.config.base) + ", D = " + integer(f.config.head_dim) + ")",
                      {"quantity", "pair j", "wavelength (frames)", "note"},
                      {}};
  periods.rows.push_back(
      {"paper: 2\u03c0\u00b710\u2076^(32/128), the V-NIAH-D distractor period (rounded to 200)",
       integer(d.paper_pair), fixed(d.paper_period, 1), "in the code this pair already reads h"});
  periods.rows.push_back({"code: M-RoPE's slowest temporal pair", integer(d.code_slowest_pair),
                          fixed(d.code_slowest_wavelength, 1), "time on pairs 0\u201315"});
  periods.rows.push_back({"code: VideoRoPE's fastest temporal pair", integer(p - 16),
                          format_big(2 * M_PI / inv[p - 16]), "time on pairs 48\u201363"});
  periods.rows.push_back({"code: VideoRoPE's slowest temporal pair", integer(p - 1),
                          format_big(2 * M_PI / inv[p - 1]), ""});
  FigureTable wraps{"wrapTable",
                    "Temporal pairs that complete a turn within the video (wavelength shorter "
                    "than the temporal extent)",
                    {"frames T", "M-RoPE extent", "M-RoPE wrapping pairs (of 16)",
                     "VideoRoPE \u03b4=2 wrapping pairs (of 16)"},
                    {}};
  for (int T : {64, 100, 161, 200, 500, 1000, frames}) {
    const DistractorPeriod m = distractor_period(f.config, T);
    Config vc = f.config;
    vc.delta = 2.0;
    const CollisionReport vr =
        collisions(encode(variant("videorope"), Scene::text_video_text(1, T, 1, 1, 1), vc));
    wraps.rows.push_back({integer(T), format_number(m.video_extent, 1), integer(m.wrapping_pairs),
                          integer(vr.wrapping_pairs)});
  }
  b.value("frames", integer(frames));
  b.value("wrapping", integer(d.wrapping_pairs));
  b.value("slowest_pair", integer(d.code_slowest_pair));
  b.value("slowest_wavelength", fixed(d.code_slowest_wavelength, 1));
  b.value("paper_pair", integer(d.paper_pair));
  b.value("paper_period", fixed(d.paper_period, 1));
  b.data.blocks.emplace_back(std::move(periods));
  b.data.blocks.emplace_back(std::move(wraps));
  b.text("periodSummary");
}

BiasReport bias_of(const std::string& id, const Scene& scene, Config c) {
  const Variant& v = variant(id);
  return bias_map(encode(v, scene, config_for(v, std::move(c))));
}

void bias(const PaperFigure& f, Builder& b) {
  FigureHeatmaps tiles{"biasMaps", {}};
  FigureTable table{"biasTable",
                    "Frame-averaged H \u00d7 W attention of the first text token after the video, "
                    "\u00f7 its mean (" +
                        scene_text(f.scene) + ", base " + format_base(f.config.base) +
                        ", all-ones q/k)",
                    {"variant", "max/min (1 = uniform)", "correlation with h + w"},
                    {}};
  const auto add = [&](const std::string& id, const std::string& label, const Config& c, int col) {
    const BiasReport r = bias_of(id, f.scene, c);
    FigureHeatmap tile;
    tile.name = "bias_" + label;
    tile.title = label;
    tile.row_label = "row h";
    tile.column_label = "column w";
    tile.note =
        "max/min " + fixed(r.max_over_min, 3) + " \u00b7 corr(h+w) " + fixed(r.corr_h_plus_w, 2);
    tile.values = r.map;
    tile.log_scale = r.max_over_min > 10;
    tile.column = col;
    tiles.tiles.push_back(std::move(tile));
    table.rows.push_back({label, fixed(r.max_over_min, 3), fixed(r.corr_h_plus_w, 2)});
    b.value(label + "_ratio", fixed(r.max_over_min, 2));
  };
  int col = 0;
  for (const std::string& id : f.variants) add(id, id, f.config, col++);
  Config off = f.config;
  off.options.set("symmetric", false);
  add("vrope", "vrope-symmetric-off", off, col);
  b.value("scene", scene_text(f.scene));
  b.value("base", format_base(f.config.base));
  b.data.blocks.emplace_back(std::move(tiles));
  b.text("biasRead");
  b.data.blocks.emplace_back(std::move(table));
  b.text("biasMechanism");
}

JumpReport jumps_at(const Variant& v, const Config& c, const Scene& s, int T) {
  const auto& g = s.segments;
  return boundary_jumps(
      encode(v, Scene::text_video_text(g[0].count, T, g[1].height, g[1].width, g[2].count), c));
}

void jump(const PaperFigure& f, Builder& b) {
  const auto& g = f.scene.segments;
  const int H = g[1].height, W = g[1].width;
  const std::vector<int> Ts{1, 2, 4, 8, 16, 32, 64};
  FigureTable now{"jumpTable",
                  "Jumps per axis at T = " + integer(g[1].frames) + ", H = " + integer(H) +
                      ", W = " + integer(W),
                  {"variant", "axis", "jump into the video", "jump out of the video"},
                  {}};
  FigureTable vs{"jumpVsT",
                 "Jump out of the video (last video token \u2192 first text token) per axis "
                 "versus T",
                 {"frames T"},
                 {}};
  for (int T : Ts) vs.rows.push_back({integer(T)});
  FigureTable gaps{
      "centerGapTable",
      "Centre gaps along the text diagonal ((H + W)/2 = " + format_number((H + W) / 2.0, 2) + ")",
      {"variant", "frames T", "gap before the video", "gap after the video", "before vs after"},
      {}};
  FigurePlot plot{"jumpPlot", "Jump out of the video versus T (VRoPE Fig. 1 (b) as a plot)",
                  "frames T", "jump out (positions)",
                  "",         {},
                  {},         false};
  std::string growth;
  int color = 0;
  for (const std::string& id : f.variants) {
    const Variant& v = variant(id);
    const Config c = config_for(v, f.config);
    const Encoding e = encode(v, f.scene, c);
    const JumpReport j = boundary_jumps(e);
    const std::size_t axes = e.axes().size();
    for (std::size_t a = 0; a < axes; ++a) {
      now.rows.push_back(
          {id, e.axes()[a], format_number(j.before[a], 2), format_number(j.after[a], 2)});
      vs.headers.push_back(id + " " + e.axes()[a]);
    }
    std::vector<FigureSeries> series(axes);
    for (std::size_t a = 0; a < axes; ++a) {
      series[a].label = id + " " + e.axes()[a];
      series[a].color = color++;
    }
    for (std::size_t n = 0; n < Ts.size(); ++n) {
      const JumpReport jt = jumps_at(v, c, f.scene, Ts[n]);
      for (std::size_t a = 0; a < axes; ++a) vs.rows[n].push_back(format_number(jt.after[a], 2));
      if (Ts[n] == 1 || Ts[n] == 4 || Ts[n] == 16 || Ts[n] == 64) {
        gaps.rows.push_back({id, integer(Ts[n]), format_number(jt.center_gap_before, 2),
                             format_number(jt.center_gap_after, 2),
                             jt.center_gap_before == jt.center_gap_after ? "equal" : "differ"});
      }
    }
    for (int T = 1; T <= 64; ++T) {
      const JumpReport jt = jumps_at(v, c, f.scene, T);
      for (std::size_t a = 0; a < axes; ++a) series[a].points.emplace_back(T, jt.after[a]);
    }
    for (std::size_t a = 0; a < axes; ++a) {
      if (!growth.empty()) growth += "; ";
      growth += id + " " + e.axes()[a] + ": " + format_number(series[a].points.front().second, 2) +
                " \u2192 " + format_number(series[a].points.back().second, 2);
      plot.series.push_back(std::move(series[a]));
    }
  }
  b.value("growth", growth);
  b.value("gap", format_number((H + W) / 2.0, 2));
  b.text("jumpSummary");
  b.data.blocks.emplace_back(std::move(plot));
  b.data.blocks.emplace_back(std::move(now));
  b.data.blocks.emplace_back(std::move(vs));
  b.data.blocks.emplace_back(std::move(gaps));
}

// The mean of a token's ids over the axes: its place along the text diagonal.
double diagonal(const Encoding& e, std::size_t i) {
  double s = 0;
  for (int a = 0; a < static_cast<int>(e.axes().size()); ++a) s += e.id(a, i);
  return s / static_cast<double>(e.axes().size());
}

void text_diagonal(const PaperFigure& f, const FigureParams& p, Builder& b) {
  const auto& g = f.scene.segments;
  const int T = static_cast<int>(std::lround(p.at("T")));
  const Scene scene = Scene::text_video_text(g[0].count, T, g[1].height, g[1].width, g[2].count);
  FigurePlot plot{"diagonalPlot",
                  "Along the text diagonal: text tokens and frame centres (T = " + integer(T) + ")",
                  "token index in the sequence",
                  "position on the text diagonal (mean of the ids)",
                  "dots: text; rings: frame centres (mean over the frame's tokens)",
                  {},
                  {},
                  false};
  FigureTable gaps{"diagonalGaps",
                   "",
                   {"variant", "gap before the video", "gap after the video", "before vs after"},
                   {}};
  int color = 0;
  for (const std::string& id : f.variants) {
    const Variant& v = variant(id);
    const Encoding e = encode(v, scene, config_for(v, f.config));
    const TokenLayout& t = e.positions.tokens;
    FigureSeries text, centres;
    text.label = id + " text";
    text.dots = true;
    text.color = color;
    centres.label = id + " frame centres";
    centres.color = color++;
    std::vector<double> sum(static_cast<std::size_t>(T), 0.0), idx(static_cast<std::size_t>(T), 0);
    std::vector<int> count(static_cast<std::size_t>(T), 0);
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t.modality[i] == Modality::Text) {
        text.points.emplace_back(static_cast<double>(i), diagonal(e, i));
      } else {
        const auto fr = static_cast<std::size_t>(t.frame[i]);
        sum[fr] += diagonal(e, i);
        idx[fr] += static_cast<double>(i);
        ++count[fr];
      }
    }
    for (std::size_t fr = 0; fr < sum.size(); ++fr) {
      if (count[fr] == 0) continue;
      const double x = idx[fr] / count[fr], y = sum[fr] / count[fr];
      centres.points.emplace_back(x, y);
      centres.markers.emplace_back(x, y);
    }
    const JumpReport j = boundary_jumps(e);
    gaps.rows.push_back({id, format_number(j.center_gap_before, 2),
                         format_number(j.center_gap_after, 2),
                         j.center_gap_before == j.center_gap_after ? "equal" : "differ"});
    b.value(id + "_gap_before", format_number(j.center_gap_before, 2));
    b.value(id + "_gap_after", format_number(j.center_gap_after, 2));
    plot.series.push_back(std::move(text));
    plot.series.push_back(std::move(centres));
  }
  b.value("T", integer(T));
  b.value("gap", format_number((g[1].height + g[1].width) / 2.0, 2));
  b.data.blocks.emplace_back(std::move(plot));
  b.data.blocks.emplace_back(std::move(gaps));
  b.text("diagonalSummary");
}

void height_one(const PaperFigure& f, Builder& b) {
  const Variant& v = variant(f.variants.front());
  const Encoding e = encode(v, f.scene, config_for(v, f.config));
  const TokenLayout& t = e.positions.tokens;
  FigureTable table{"heightOneTable", "", {"token", "frame", "w"}, {}};
  for (const std::string& a : e.axes()) table.headers.push_back(a);
  table.headers.emplace_back("u1 = u2");
  table.headers.emplace_back("u3 = u4");
  int holds = 0, video = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.modality[i] == Modality::Text) continue;
    ++video;
    std::vector<std::string> r{integer(static_cast<long long>(i)), integer(t.frame[i]),
                               integer(t.col[i])};
    for (int a = 0; a < static_cast<int>(e.axes().size()); ++a)
      r.push_back(format_number(e.id(a, i), 2));
    const bool first = e.id(0, i) == e.id(1, i), second = e.id(2, i) == e.id(3, i);
    r.emplace_back(first ? "yes" : "no");
    r.emplace_back(second ? "yes" : "no");
    if (first && second) ++holds;
    table.rows.push_back(std::move(r));
  }
  b.value("holds", integer(holds));
  b.value("video", integer(video));
  b.text("heightOneSummary");
  b.data.blocks.emplace_back(std::move(table));
}

void property_table(const PaperFigure& f, const FigureParams& p, Builder& b) {
  Config config = f.config;
  config.base = std::pow(10.0, p.at("base_exponent"));
  FigureTable table{
      "propertyMatrix",
      "Computed properties (base " + format_base(config.base) +
          ", D = " + integer(config.head_dim) +
          ") beside the papers' own marks (VideoRoPE Table 1: 3-D, frequency allocation, "
          "symmetry, temporal scaling; VRoPE Table 3: 3-D, unbiased, seamless)",
      {"variant", "3-D structure", "low-freq temporal", "spatial symmetry", "temporal scaling",
       "seamless transition", "unbiased (max/min)", "VideoRoPE Table 1 (cited)",
       "VRoPE Table 3 (cited)"},
      {}};
  for (const std::string& id : f.variants) {
    const Variant& v = variant(id);
    const Properties q = properties(v, config_for(v, config));
    std::string t1 = "\u2014", t3 = "\u2014";
    for (const CitedMarks& m : cited_property_marks(id)) {
      std::string cells;
      for (std::size_t i = 0; i < m.marks.size(); ++i) {
        if (i) cells += " ";
        cells += mark(m.marks[i]);
      }
      (m.source == "VideoRoPE Table 1" ? t1 : t3) = cells;
    }
    table.rows.push_back({id, mark(q.three_d), mark(q.low_freq_temporal), mark(q.spatial_symmetry),
                          mark(q.temporal_scaling), mark(q.seamless_transition),
                          mark(q.unbiased) + " (" + fixed(q.bias_ratio, 3) + ")", t1, t3});
    b.value(id + "_ratio", fixed(q.bias_ratio, 2));
  }
  // The bias story on one scene: VRoPE's symmetric layout is its mechanism.
  Config off = config;
  off.options.set("symmetric", false);
  const Scene scene = Scene::default_scene();
  FigureTable story{"biasStory",
                    "Where every max/min comes from: " + scene_text(scene) + ", all-ones q/k, " +
                        "query = first text token after the video",
                    {"variant", "base 10\u2074", "base 10\u2076"},
                    {}};
  const auto ratio = [&](const std::string& id, Config c, double base) {
    c.base = base;
    return bias_of(id, scene, std::move(c)).max_over_min;
  };
  for (const auto& [label, id, cfg] : std::vector<std::tuple<std::string, std::string, Config>>{
           {"mrope", "mrope", config},
           {"vrope", "vrope", config},
           {"vrope, symmetric off", "vrope", off}}) {
    const double r4 = ratio(id, cfg, 1e4), r6 = ratio(id, cfg, 1e6);
    story.rows.push_back({label, fixed(r4, 2), fixed(r6, 2)});
    std::string key = label == "vrope, symmetric off" ? "vrope_symoff" : label;
    b.value(key + "_ratio_1e4", fixed(r4, 2));
    b.value(key + "_ratio_1e6", fixed(r6, 2));
  }
  b.value("base", format_base(config.base));
  b.value("threshold", fixed(kUnbiasedThreshold, 2));
  b.value("scene", scene_text(scene));
  b.value("probe_scene", "text 4 \u00b7 video T\u00d75\u00d75 \u00b7 text 4, T = 8 and 16");
  b.data.blocks.emplace_back(std::move(table));
  b.text("propertyScenes");
  b.data.blocks.emplace_back(std::move(story));
  b.text("biasStory");
  b.text("tadNote");
}

void rotation(const PaperFigure& f, const FigureParams& p, Builder& b) {
  const int D = f.config.head_dim, P = f.config.pairs();
  const Eigen::VectorXd inv = inverse_frequencies(D, f.config.base);
  const double m = p.at("m"), n = p.at("n");
  const int j = static_cast<int>(std::lround(p.at("pair")));
  const double scale = 2.0 / std::sqrt(static_cast<double>(D));
  const double delta = m - n;
  const auto wrap = [](double a) {
    a = std::fmod(a, 2 * M_PI);
    return a < 0 ? a + 2 * M_PI : a;
  };
  FigureDials dials{"rotationDials", {}};
  dials.dials.push_back({"pair " + integer(j) + " (\u03bb = " + format_big(2 * M_PI / inv[j]) + ")",
                         m * inv[j], n * inv[j]});
  dials.dials.push_back(
      {"pair " + integer(P - 1) + " (slowest, \u03bb = " + format_big(2 * M_PI / inv[P - 1]) + ")",
       m * inv[P - 1], n * inv[P - 1]});
  b.data.blocks.emplace_back(std::move(dials));
  const double dphi = delta * inv[j];
  b.value("m", format_number(m, 0));
  b.value("n", format_number(n, 0));
  b.value("pair", integer(j));
  b.value("theta", fixed(inv[j], 4));
  b.value("wavelength", format_big(2 * M_PI / inv[j]));
  b.value("angle_q", fixed(wrap(m * inv[j]) * 180 / M_PI, 1));
  b.value("angle_k", fixed(wrap(n * inv[j]) * 180 / M_PI, 1));
  b.value("angle_diff", fixed(wrap(dphi) * 180 / M_PI, 1));
  b.value("contribution", fixed(scale * std::cos(dphi), 4));
  b.value("scale", fixed(scale, 4));
  b.value("slowest_wavelength", format_big(2 * M_PI / inv[P - 1]));
  FigurePlot pairs{"pairContributions",
                   "Every pair's contribution at m \u2212 n = " + format_number(delta, 0) +
                       " and the running sum over pairs",
                   "pair j",
                   "(2/\u221aD) cos((m \u2212 n)\u03b8_j)",
                   "",
                   {},
                   {},
                   false};
  FigureSeries each{"one pair", 0, {}, {}, true}, sum{"sum over pairs 0..j", 1, {}, {}, false};
  double total = 0;
  for (int i = 0; i < P; ++i) {
    const double c = scale * std::cos(delta * inv[i]);
    total += c;
    each.points.emplace_back(i, c);
    sum.points.emplace_back(i, total);
  }
  each.markers.emplace_back(j, scale * std::cos(dphi));
  pairs.series = {each, sum};
  b.value("logit", fixed(total, 3));
  b.value("max_logit", fixed(scale * P, 3));
  b.text("rotationNow");
  b.data.blocks.emplace_back(std::move(pairs));
  FigurePlot rel{"logitVsDistance",
                 "The logit depends only on m \u2212 n",
                 "m \u2212 n",
                 "logit (all-ones q/k)",
                 "",
                 {},
                 {},
                 false};
  FigureSeries curve{"sum over all pairs", 2, {}, {}, false};
  for (int d = -64; d <= 64; ++d) {
    double s = 0;
    for (int i = 0; i < P; ++i) s += scale * std::cos(d * inv[i]);
    curve.points.emplace_back(d, s);
  }
  curve.markers.emplace_back(delta, total);
  rel.series.push_back(std::move(curve));
  b.data.blocks.emplace_back(std::move(rel));
  b.text("rotationSum");
}

void allocation(const PaperFigure& f, const FigureParams& p, Builder& b) {
  const int T = static_cast<int>(std::lround(p.at("frames")));
  const bool temporal_only = p.at("temporal_only") > 0.5;
  const auto& g = f.scene.segments;
  const Scene scene = Scene::text_video_text(g[0].count, T, g[1].height, g[1].width, g[2].count);
  FigureStrips strips{"allocationStrips",
                      std::string(temporal_only ? "Temporal pairs only" : "Every pair") +
                          " on one log-wavelength axis (base " + format_base(f.config.base) +
                          ", D = " + integer(f.config.head_dim) + ", video of " + integer(T) +
                          " frames)",
                      {},
                      {}};
  for (const Variant* v : all_variants()) {
    Encoding e;
    try {
      e = encode(*v, scene, config_for(*v, f.config));
    } catch (const std::exception&) {
      continue;  // a variant that cannot draw this scene is left out
    }
    FigureStrip s;
    s.label = std::string(v->id());
    s.axis_names = e.axes();
    const int temporal = v->info().temporal_axis;
    for (int j = 0; j < e.pairs(); ++j) {
      if (temporal_only && e.pair_axis[j] != temporal) continue;
      s.pairs.push_back(j);
      s.wavelengths.push_back(2 * M_PI / e.inv_freq[j]);
      s.axes.push_back(e.pair_axis[j]);
    }
    try {
      s.extent = collisions(e, temporal, 0).extent;
    } catch (const std::exception&) {
      s.extent = 0;
    }
    strips.strips.push_back(std::move(s));
  }
  const DistractorPeriod d = distractor_period(f.config, std::max(T, 2));
  strips.lines.push_back({d.code_slowest_wavelength,
                          fixed(d.code_slowest_wavelength, 1) + " (M-RoPE's slowest t pair)"});
  strips.lines.push_back({d.paper_period, fixed(d.paper_period, 1) + " (App. B's period)"});
  b.value("frames", integer(T));
  b.value("variant_count", integer(static_cast<long long>(strips.strips.size())));
  b.value("slowest", fixed(d.code_slowest_wavelength, 1));
  b.value("paper_period", fixed(d.paper_period, 1));
  b.text("allocationRead");
  b.data.blocks.emplace_back(std::move(strips));
  // Fig. 4 (a) and (b) on one logarithmic position axis.
  FigurePlot curves{"fig4Curves",
                    "VideoRoPE Fig. 4 (a) and (b) together: cos(t\u00b7\u03b8_j) on a log t axis",
                    "position t (log)",
                    "cos(t \u00b7 \u03b8_j)",
                    "",
                    {},
                    {},
                    true};
  const Eigen::VectorXd inv = inverse_frequencies(f.config.head_dim, f.config.base);
  int color = 0;
  for (int j : {13, 14, 15, 48, 49, 50}) {
    FigureSeries s;
    s.label = std::string(j < 32 ? "M-RoPE" : "VideoRoPE") + " pair " + integer(j) + " (\u03bb " +
              format_big(2 * M_PI / inv[j]) + ")";
    s.color = color++;
    for (int i = 0; i <= 800; ++i) {
      const double t = std::pow(10.0, 5.0 * i / 800);  // 1 .. 1e5
      s.points.emplace_back(t, std::cos(t * inv[j]));
    }
    curves.series.push_back(std::move(s));
  }
  curves.lines.push_back({static_cast<double>(T), "video: " + integer(T) + " frames"});
  b.data.blocks.emplace_back(std::move(curves));
}

void needle(const PaperFigure& f, const FigureParams& p, Builder& b) {
  const double s = p.at("similarity");
  const double period = p.at("period");
  FigurePlot plot{"needleSimilarity",
                  "Positional similarity on the temporal pairs between the needle frame and a "
                  "frame \u0394 frames away",
                  "\u0394 frames",
                  "S_t(\u0394) (1 = indistinguishable)",
                  "",
                  {},
                  {},
                  false};
  FigureTable table{"needleTable",
                    "Distractors at n + k\u00b7" + format_number(period, 1) +
                        " frames: content similarity \u00d7 temporal similarity",
                    {"k", "\u0394 frames"},
                    {}};
  std::vector<Encoding> encodings;
  int color = 0;
  for (const std::string& id : f.variants) {
    const Variant& v = variant(id);
    encodings.push_back(encode(v, f.scene, config_for(v, f.config)));
    table.headers.push_back(id + " S_t");
    table.headers.push_back(id + " score (s \u00b7 S_t)");
    const Encoding& e = encodings.back();
    const double step = v.info().has_delta ? e.config.delta.value_or(1.0) : 1.0;
    FigureSeries curve;
    curve.label = id + " (temporal pairs " + pair_ranges(e, v.info().temporal_axis) + ")";
    curve.color = color++;
    for (int d = 0; d <= 1000; ++d)
      curve.points.emplace_back(d, similarity(e, v.info().temporal_axis, d * step));
    for (int k = 1; k * period <= 1000; ++k) {
      const double d = k * period;
      curve.markers.emplace_back(d, similarity(e, v.info().temporal_axis, d * step));
    }
    plot.series.push_back(std::move(curve));
  }
  for (int k = 1; k <= 5; ++k) {
    const double d = k * period;
    std::vector<std::string> row{integer(k), format_number(d, 1)};
    for (std::size_t i = 0; i < encodings.size(); ++i) {
      const Variant& v = *encodings[i].variant;
      const double step = v.info().has_delta ? encodings[i].config.delta.value_or(1.0) : 1.0;
      const double st = similarity(encodings[i], v.info().temporal_axis, d * step);
      row.push_back(fixed(st, 3));
      row.push_back(fixed(s * st, 3));
      if (k == 1) b.value(f.variants[i] + "_s1", fixed(st, 3));
    }
    table.rows.push_back(std::move(row));
  }
  const DistractorPeriod dp = distractor_period(f.config, 1000);
  plot.lines.push_back({dp.code_slowest_wavelength, fixed(dp.code_slowest_wavelength, 1)});
  plot.lines.push_back({dp.paper_period, fixed(dp.paper_period, 1)});
  b.value("similarity", fixed(s, 2));
  b.value("period", format_number(period, 1));
  b.value("slowest", fixed(dp.code_slowest_wavelength, 1));
  b.value("paper_period", fixed(dp.paper_period, 1));
  b.text("needleRead");
  b.data.blocks.emplace_back(std::move(plot));
  b.data.blocks.emplace_back(std::move(table));
  b.text("needleProxy");
}

void delta_sweep(const PaperFigure& f, const FigureParams& p, Builder& b) {
  PaperFigure at = f;
  at.config.delta = p.at("delta");
  const Variant& v = variant(f.variants.front());
  const Encoding e = encode(v, at.scene, config_for(v, at.config));
  const TokenLayout& t = e.positions.tokens;
  std::size_t first = t.size(), last = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.modality[i] == Modality::Text) continue;
    first = std::min(first, i);
    last = i;
  }
  const int temporal = v.info().temporal_axis;
  b.value("delta", format_number(p.at("delta"), 2));
  b.value("frames", integer(at.scene.segments[1].frames));
  // The video's temporal extent (last frame's t minus the first's) and the step out of it.
  b.value("extent", format_number(e.id(temporal, last) - e.id(temporal, first), 2));
  if (last + 1 < t.size())
    b.value("step_out", format_number(e.id(temporal, last + 1) - e.id(temporal, last), 2));
  b.text("deltaRead");
  layout(at, b);
  b.data.blocks.emplace_back(FigureCited{"videorope-table6", "delta"});
  b.text("deltaCited");
}

template <class T>
const T* find_block(const FigureData& d, const std::string& name) {
  for (const FigureBlock& block : d.blocks) {
    if (const T* t = std::get_if<T>(&block); t && t->name == name) return t;
  }
  return nullptr;
}

}  // namespace

const std::vector<PaperFigure>& paper_figures() {
  static const std::vector<PaperFigure> kFigures = build_figures();
  return kFigures;
}

const PaperFigure* find_paper_figure(const std::string& id) {
  for (const PaperFigure& f : paper_figures()) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

int FigureTable::column(const std::string& header) const {
  for (std::size_t c = 0; c < headers.size(); ++c) {
    if (headers[c] == header) return static_cast<int>(c);
  }
  return -1;
}

int FigurePlot::marker_count() const {
  int n = 0;
  for (const FigureSeries& s : series) n += static_cast<int>(s.markers.size());
  return n;
}

const FigureTable* FigureData::table(const std::string& name) const {
  return find_block<FigureTable>(*this, name);
}
const FigurePlot* FigureData::plot(const std::string& name) const {
  return find_block<FigurePlot>(*this, name);
}
const FigureHeatmaps* FigureData::heatmaps(const std::string& name) const {
  return find_block<FigureHeatmaps>(*this, name);
}
const FigureStrips* FigureData::strips(const std::string& name) const {
  return find_block<FigureStrips>(*this, name);
}
const FigureDials* FigureData::dials(const std::string& name) const {
  return find_block<FigureDials>(*this, name);
}
const FigureChart* FigureData::chart(const std::string& name) const {
  return find_block<FigureChart>(*this, name);
}
const FigureAllocationMap* FigureData::allocation_map(const std::string& name) const {
  return find_block<FigureAllocationMap>(*this, name);
}
const FigureLayouts* FigureData::layouts(const std::string& name) const {
  return find_block<FigureLayouts>(*this, name);
}
bool FigureData::has_text(const std::string& name) const {
  return find_block<FigureText>(*this, name) != nullptr;
}
std::string FigureData::value(const std::string& key) const {
  const auto it = values.find(key);
  require(it != values.end(), "value", key, "is not a value of this figure");
  return it->second;
}

std::vector<FigureParam> figure_params(const PaperFigure& f) {
  switch (f.view) {
    case FigureView::Rotation:
      return {{"m", "query position m", 0, 64, 1, 5},
              {"n", "key position n", 0, 64, 1, 2},
              {"pair", "pair j", 0, static_cast<double>(f.config.pairs() - 1), 1, 0}};
    case FigureView::Allocation:
      return {{"frames", "video frames", 2, 4096, 1, 64},
              {"temporal_only", "temporal pairs only", 0, 1, 1, 0}};
    case FigureView::Needle:
      return {{"similarity", "content similarity s of a distractor", 0, 1, 0.05, 0.9},
              {"period", "distractor period (frames)", 10, 500, 1, 200}};
    case FigureView::TextDiagonal:
      return {{"T", "frames T", 1, 64, 1, 8}};
    case FigureView::Properties:
      return {{"base_exponent", "base = 10^", 2, 7, 1, 4}};
    case FigureView::DeltaSweep:
      return {{"delta", "temporal spacing \u03b4", 0.5, 3, 0.1, 2}};
    case FigureView::PositionSpan:
    case FigureView::AllocationMap:
      return wave2::params(f);
    default:
      return {};
  }
}

FigureData figure_data(const PaperFigure& f, const FigureParams& given) {
  Builder b;
  b.data.params = figure_params(f);
  const FigureParams p = resolve(b.data.params, given, f.id);
  for (FigureParam& d : b.data.params) d.value = p.at(d.key);
  switch (f.view) {
    case FigureView::Frequency:
      frequency(f, b);
      break;
    case FigureView::Layout:
      layout(f, b);
      break;
    case FigureView::AdjacentIds:
      adjacent(f, b);
      break;
    case FigureView::AxisLogits:
      axis_logits(f, b);
      break;
    case FigureView::DistractorPeriod:
      distractor(f, b);
      break;
    case FigureView::BiasMap:
      bias(f, b);
      break;
    case FigureView::Jump:
      jump(f, b);
      break;
    case FigureView::TextDiagonal:
      text_diagonal(f, p, b);
      break;
    case FigureView::HeightOne:
      height_one(f, b);
      break;
    case FigureView::Properties:
      property_table(f, p, b);
      break;
    case FigureView::Cited:
      b.data.blocks.emplace_back(FigureCited{"citedTables", ""});
      break;
    case FigureView::Rotation:
      rotation(f, p, b);
      break;
    case FigureView::Allocation:
      allocation(f, p, b);
      break;
    case FigureView::Needle:
      needle(f, p, b);
      break;
    case FigureView::DeltaSweep:
      delta_sweep(f, p, b);
      break;
    case FigureView::HopeQk:
      wave2::hope_qk(f, b.data);
      break;
    case FigureView::TextImageDistance:
      wave2::circle_distance(f, b.data);
      break;
    case FigureView::PositionSpan:
      wave2::v2pe_span(f, p, b.data);
      break;
    case FigureView::AllocationMap:
      wave2::allocation_map(f, p, b.data);
      break;
  }
  return b.data;
}

std::string fill_template(const std::string& text,
                          const std::map<std::string, std::string>& values) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t open = text.find('{', i);
    if (open == std::string::npos) break;
    const std::size_t close = text.find('}', open);
    if (close == std::string::npos) break;
    out += text.substr(i, open - i);
    const auto it = values.find(text.substr(open + 1, close - open - 1));
    out += it != values.end() ? it->second : text.substr(open, close - open + 1);
    i = close + 1;
  }
  return out + text.substr(std::min(i, text.size()));
}

std::vector<CitedMarks> cited_property_marks(const std::string& id) {
  // VideoRoPE Table 1 (seeds/003): 2D/3D structure, frequency allocation, spatial symmetry,
  // temporal index scaling. VRoPE Table 3 (seeds/002): S.S.M., P.U., S.V.T.
  static const std::vector<std::string> t1{"3-D", "freq. alloc.", "symmetry", "temporal scaling"};
  static const std::vector<std::string> t3{"3-D", "unbiased", "seamless"};
  static const std::vector<std::tuple<std::string, std::string, std::string, std::vector<bool>>>
      kMarks{
          {"vanilla", "VideoRoPE Table 1", "Vanilla RoPE", {false, false, false, false}},
          {"tad", "VideoRoPE Table 1", "TAD-RoPE", {false, false, false, true}},
          {"rope-tie", "VideoRoPE Table 1", "RoPE-Tie", {true, false, true, false}},
          {"mrope", "VideoRoPE Table 1", "M-RoPE", {true, false, false, false}},
          {"videorope", "VideoRoPE Table 1", "VideoRoPE", {true, true, true, true}},
          {"vanilla", "VRoPE Table 3", "RoPE", {false, false, true}},
          {"rope-2d", "VRoPE Table 3", "RoPE-2D", {true, false, true}},
          {"mrope", "VRoPE Table 3", "RoPE-3D", {true, false, false}},
          {"rope-share", "VRoPE Table 3", "RoPE-Share", {false, true, true}},
          {"rope-compact", "VRoPE Table 3", "RoPE-Compact", {true, false, true}},
          {"vrope", "VRoPE Table 3", "VRoPE", {true, true, true}},
      };
  std::vector<CitedMarks> out;
  for (const auto& [vid, source, name, marks] : kMarks) {
    if (vid != id) continue;
    out.push_back({source, name, source == "VideoRoPE Table 1" ? t1 : t3, marks});
  }
  return out;
}

std::string format_number(double v, int decimals) {
  if (std::abs(v - std::round(v)) < 1e-9 && std::abs(v) < 1e15) {
    return integer(std::llround(v));
  }
  return fixed(v, decimals);
}

std::string format_big(double v) {
  if (std::abs(v) < 1000) return fixed(v, 1);
  std::string digits = integer(std::llround(std::abs(v)));
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (v < 0 ? "-" : "") + out;
}

std::string format_base(double base) {
  const double e = std::log10(base);
  if (std::abs(e - std::round(e)) < 1e-12 && e >= 2 && e < 10) {
    static const char* const kSup[] = {"\u2070", "\u00b9", "\u00b2", "\u00b3", "\u2074",
                                       "\u2075", "\u2076", "\u2077", "\u2078", "\u2079"};
    return std::string("10") + kSup[static_cast<int>(std::round(e))];
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", base);
  return buf;
}

DistractorPeriod distractor_period(const Config& config, int frames) {
  const Encoding e =
      encode(*find_variant("mrope"), Scene::text_video_text(1, frames, 1, 1, 1), config);
  const CollisionReport c = collisions(e);
  DistractorPeriod d;
  d.code_slowest_wavelength = c.slowest_wavelength;
  d.code_slowest_pair = c.pairs.empty() ? -1 : c.pairs.back();
  d.paper_pair = config.pairs() / 4;
  d.paper_period = 2 * M_PI / e.inv_freq[d.paper_pair];
  d.wrapping_pairs = c.wrapping_pairs;
  d.video_extent = c.extent;
  return d;
}

AdjacentIds adjacent_ids(const Encoding& e) {
  const TokenLayout& t = e.positions.tokens;
  long text = -1, frame0 = -1, frame1 = -1;
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    if (text < 0 && t.modality[i] == Modality::Text && t.modality[i + 1] == Modality::Text)
      text = static_cast<long>(i);
  }
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.modality[i] == Modality::Text || t.row[i] != 0 || t.col[i] != 0) continue;
    if (t.frame[i] == 0 && frame0 < 0) frame0 = static_cast<long>(i);
    if (t.frame[i] == 1 && frame1 < 0) frame1 = static_cast<long>(i);
  }
  require(text >= 0 && frame0 >= 0 && frame1 >= 0, "scene", "(no adjacent text or second frame)",
          "needs two adjacent text tokens and a video of at least 2 frames");
  AdjacentIds ids;
  ids.axes = e.axes();
  for (int a = 0; a < static_cast<int>(ids.axes.size()); ++a) {
    ids.text_a.push_back(e.id(a, static_cast<std::size_t>(text)));
    ids.text_b.push_back(e.id(a, static_cast<std::size_t>(text + 1)));
    ids.frame_a.push_back(e.id(a, static_cast<std::size_t>(frame0)));
    ids.frame_b.push_back(e.id(a, static_cast<std::size_t>(frame1)));
  }
  return ids;
}

std::vector<std::string> other_conventions(const Variant& variant) {
  std::vector<std::string> others;
  for (const OptionSpec& spec : variant.options()) {
    if (spec.key != "convention") continue;
    for (const std::string& choice : spec.choices) {
      if (choice != "code") others.push_back(choice);
    }
  }
  return others;
}

DefinitionsDiff definitions_diff(const Variant& variant, const Scene& scene, const Config& config) {
  const std::vector<std::string> others = other_conventions(variant);
  const std::string other = others.empty() ? std::string("code") : others.front();
  Config code = config, alternative = config;
  if (!others.empty()) {
    code.options.set("convention", std::string("code"));
    alternative.options.set("convention", other);
  }
  DefinitionsDiff diff{
      encode(variant, scene, code), encode(variant, scene, alternative), {}, {}, {}, other};
  const std::size_t n = std::min(diff.code.token_count(), diff.paper.token_count());
  for (std::size_t i = 0; i < n; ++i) {
    if (diff.code.positions.ids.col(static_cast<Eigen::Index>(i)) !=
        diff.paper.positions.ids.col(static_cast<Eigen::Index>(i)))
      diff.tokens.push_back(i);
  }
  for (int j = 0; j < diff.code.pairs(); ++j) {
    if (diff.code.pair_axis[j] != diff.paper.pair_axis[j]) diff.pairs.push_back(j);
  }
  // Variants whose time arithmetic has several readings (qwen25-mrope) show all of them.
  bool has_exact = false, has_cast = false;
  for (const OptionSpec& spec : variant.options()) {
    has_exact = has_exact || spec.key == "exact_time";
    has_cast = has_cast || spec.key == "early_integer_cast";
  }
  if (has_exact && has_cast) {
    const auto reading = [&](const char* label, bool exact, bool cast) {
      Config c = config;
      c.options.set("exact_time", exact);
      c.options.set("early_integer_cast", cast);
      diff.readings.push_back({label, encode(variant, scene, c), {}});
    };
    reading("transformers float32 (default)", false, false);
    reading("exact arithmetic (--exact-time)", true, false);
    reading("early integer cast (--early-cast)", false, true);
    const Encoding& first = diff.readings.front().encoding;
    for (DefinitionReading& r : diff.readings) {
      const std::size_t m = std::min(first.token_count(), r.encoding.token_count());
      for (std::size_t i = 0; i < m; ++i) {
        if (first.positions.ids.col(static_cast<Eigen::Index>(i)) !=
            r.encoding.positions.ids.col(static_cast<Eigen::Index>(i)))
          r.tokens.push_back(i);
      }
    }
  }
  return diff;
}

}  // namespace ropelab

namespace ropelab {

std::vector<RowMatrix> axis_frame_logits_all(const Encoding& e) {
  const TokenLayout& t = e.positions.tokens;
  int segment = -1;
  for (std::size_t i = 0; i < t.size() && segment < 0; ++i) {
    if (t.modality[i] != Modality::Text) segment = t.segment[i];
  }
  require(segment >= 0, "scene", "(no visual segment)", "needs a video");
  const auto n = static_cast<Eigen::Index>(e.token_count());
  const auto axes = static_cast<Eigen::Index>(e.axes().size());
  std::vector<RowMatrix> logits(static_cast<std::size_t>(axes + 1), RowMatrix::Zero(n, n));
  for (Eigen::Index q = 0; q < n; ++q) {
    if (t.modality[static_cast<std::size_t>(q)] == Modality::Text) continue;
    const RowMatrix parts = logits_by_axis(e, static_cast<std::size_t>(q));
    logits[0].row(q) = parts.colwise().sum();
    for (Eigen::Index a = 0; a < axes; ++a)
      logits[static_cast<std::size_t>(a + 1)].row(q) = parts.row(a);
  }
  std::vector<RowMatrix> out;
  out.reserve(logits.size());
  for (const RowMatrix& l : logits) out.push_back(frame_by_frame(e, l, segment));
  return out;
}

RowMatrix axis_frame_logits(const Encoding& e, int axis) {
  require(axis >= -1 && axis < static_cast<int>(e.axes().size()), "axis", std::to_string(axis),
          "must be -1 (all) or one of the variant's axes");
  return axis_frame_logits_all(e)[static_cast<std::size_t>(axis) + 1];
}

}  // namespace ropelab
