#include "paper_figures_wave2.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <optional>
#include <tuple>

#include "ropelab/error.h"
#include "ropelab/registry.h"

namespace ropelab {

// ---- the arguments as numbers ------------------------------------------------------------------

double expected_qk(const Encoding& e, const std::vector<double>& offset) {
  require(offset.size() == e.axes().size(), "offset", std::to_string(offset.size()) + " values",
          "needs one value per axis of the variant");
  double sum = 0;
  for (int j = 0; j < e.pairs(); ++j) {
    const int a = e.pair_axis[static_cast<std::size_t>(j)];
    sum += a < 0 ? 1.0 : std::cos(offset[static_cast<std::size_t>(a)] * e.inv_freq[j]);
  }
  const double D = e.head_dim();
  return (2.0 * sum + (D - 2.0 * e.pairs())) / D;
}

double pairs_similarity(const Encoding& e, const std::vector<int>& pairs, double distance) {
  if (pairs.empty()) return std::numeric_limits<double>::quiet_NaN();
  double sum = 0;
  for (int j : pairs) {
    sum += e.pair_axis[static_cast<std::size_t>(j)] < 0 ? 1.0 : std::cos(distance * e.inv_freq[j]);
  }
  return sum / static_cast<double>(pairs.size());
}

std::vector<int> temporal_section(const Encoding& e) {
  const int temporal = e.variant->info().temporal_axis;
  std::vector<int> pairs;
  for (int j = 0; j < e.pairs(); ++j) {
    const int a = e.pair_axis[static_cast<std::size_t>(j)];
    if (a == temporal || a < 0) pairs.push_back(j);
  }
  return pairs;
}

std::vector<double> text_image_distances(const Encoding& e, std::size_t text_token, int segment) {
  const TokenLayout& t = e.positions.tokens;
  require(text_token < t.size() && t.modality[text_token] == Modality::Text, "text token",
          std::to_string(text_token), "must be a text token of the scene");
  std::vector<double> out;
  const auto& ids = e.positions.ids;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.segment[i] != segment || t.modality[i] == Modality::Text) continue;
    out.push_back(
        (ids.col(static_cast<Eigen::Index>(i)) - ids.col(static_cast<Eigen::Index>(text_token)))
            .norm());
  }
  require(!out.empty(), "segment", std::to_string(segment), "must be a visual segment");
  return out;
}

double position_span(const Encoding& e) {
  if (e.token_count() == 0) return 0;
  return e.positions.ids.maxCoeff() - e.positions.ids.minCoeff();
}

namespace {

std::string integer(long long v) {
  return std::to_string(v);
}

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (s.rfind('-', 0) == 0 && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  return s;
}

// "0–15", "48–63" or "24 interleaved" (more than four runs).
std::string ranges(const std::vector<int>& pairs) {
  std::vector<std::pair<int, int>> runs;
  for (int j : pairs) {
    if (!runs.empty() && runs.back().second == j - 1)
      runs.back().second = j;
    else
      runs.emplace_back(j, j);
  }
  if (runs.size() > 4) return integer(static_cast<long long>(pairs.size())) + " interleaved";
  std::string out;
  for (const auto& [a, b] : runs) {
    if (!out.empty()) out += ", ";
    out += a == b ? integer(a) : integer(a) + "\u2013" + integer(b);
  }
  return out.empty() ? std::string("none") : out;
}

std::string vector_text(const std::vector<double>& x) {
  std::string out = "(";
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (i) out += ", ";
    out += format_number(x[i], 2);
  }
  return out + ")";
}

Config resolved(const Variant& v, Config c) {
  if (!v.info().has_delta) c.delta.reset();
  return c;
}

PaperFigure entry(std::string id, std::string title, FigureView view,
                  std::vector<std::string> variants, Scene scene, double base) {
  Config config;
  config.base = base;
  return make_figure(std::move(id), std::move(title), view, std::move(variants), std::move(scene),
                     std::move(config));
}

Scene text_image_text(int before, int height, int width, int after) {
  Scene s;
  s.segments = {Segment::text(before), Segment::image(height, width), Segment::text(after)};
  return s;
}

// Log-spaced distances 1 .. 10^decades (the HoPE figure's samples).
constexpr int kHopeDecades = 7;
constexpr int kHopeSamples = 1401;

std::vector<double> hope_distances() {
  std::vector<double> d(kHopeSamples);
  for (int i = 0; i < kHopeSamples; ++i)
    d[static_cast<std::size_t>(i)] = std::pow(10.0, kHopeDecades * i / (kHopeSamples - 1.0));
  return d;
}

struct CurveStats {
  double min = 1;
  double first_negative = -1;  // first sampled distance with a value < 0; -1 if none
};

CurveStats stats(const std::vector<std::pair<double, double>>& points) {
  CurveStats s;
  for (const auto& [x, y] : points) {
    s.min = std::min(s.min, y);
    if (y < 0 && s.first_negative < 0) s.first_negative = x;
  }
  return s;
}

// 127, 4,159, 16,447: integers as they are, thousands separated.
std::string count(double v) {
  return std::abs(v) < 1000 ? format_number(v, 2) : format_big(v);
}

std::string negative_text(const CurveStats& s) {
  return s.first_negative < 0 ? std::string("never") : count(s.first_negative);
}

}  // namespace

FigureAllocationRow allocation_row(const Variant& v, const Config& config) {
  const Scene probe = Scene::text_video_text(1, 2, 2, 2, 1);
  Config c = resolved(v, config);
  const Encoding e = encode(v, probe, c);
  FigureAllocationRow row;
  row.variant = std::string(v.id());
  row.axis_names = e.axes();
  row.head_dim = e.head_dim();
  row.rotary_pairs = e.pairs();
  row.pairing = e.pairing == Pairing::Half ? "half" : "adjacent";
  row.head_axis = e.head_axis;
  row.nope_pairs = static_cast<int>(e.nope_pairs.size());
  if (e.head_wise()) {
    for (std::size_t k = 0; k < e.head_axis.size(); ++k) {
      c.head = static_cast<int>(k);
      row.pair_axis.push_back(encode(v, probe, c).pair_axis);
    }
  } else {
    row.pair_axis.push_back(e.pair_axis);
  }
  // Words: pairs per axis (heads per axis for head-wise variants), NoPE, unrotated dims, pairing.
  const std::vector<int>& counted = e.head_wise() ? e.head_axis : e.pair_axis;
  std::string summary = e.head_wise() ? "heads " : "";
  bool first = true;
  for (std::size_t a = 0; a < row.axis_names.size(); ++a) {
    const auto n = std::count(counted.begin(), counted.end(), static_cast<int>(a));
    if (n == 0) continue;
    if (!first) summary += " \u00b7 ";
    summary += row.axis_names[a] + " " + integer(n);
    first = false;
  }
  const auto nope = std::count(counted.begin(), counted.end(), -1);
  if (nope > 0) summary += " \u00b7 NoPE " + integer(nope);
  if (e.head_wise())
    summary += " (" + integer(static_cast<long long>(e.head_axis.size())) + " KV heads)";
  if (e.rotary_dims < e.head_dim())
    summary += " \u00b7 dims " + integer(e.rotary_dims) + "\u2013" + integer(e.head_dim() - 1) +
               " unrotated";
  if (e.pairing == Pairing::Adjacent) summary += " \u00b7 adjacent pairing";
  row.summary = summary;
  return row;
}

namespace wave2 {

void add_figures(std::vector<PaperFigure>& list) {
  list.push_back(entry("hope-qk-distance",
                       "HoPE: expected q\u00b7k versus temporal distance (why time gets zero "
                       "frequency)",
                       FigureView::HopeQk, {"mrope", "videorope", "hope"},
                       Scene::text_video_text(4, 16, 4, 4, 4), 1e6));
  list.push_back(entry("circle-rope-distance",
                       "Circle-RoPE: per-token distance between text and image tokens",
                       FigureView::TextImageDistance, {"circle-rope", "mrope", "videorope"},
                       text_image_text(4, 6, 8, 4), 1e6));
  list.push_back(entry("v2pe-span", "V2PE: the scene's position span versus \u03b4",
                       FigureView::PositionSpan, {"v2pe", "vanilla", "mrope"},
                       Scene::text_video_text(32, 64, 16, 16, 32), 1e6));
  list.push_back(entry("allocation-map", "Allocation map: the axis every pair reads, all variants",
                       FigureView::AllocationMap, {"mrope", "videorope", "hope", "mhrope"},
                       Scene::text_video_text(4, 8, 4, 4, 4), 1e4));
}

std::vector<FigureParam> params(const PaperFigure& f) {
  if (f.view == FigureView::PositionSpan)
    return {{"frames", "video frames (16\u00d716 tokens each)", 1, 256, 1,
             static_cast<double>(f.scene.segments[1].frames)}};
  if (f.view == FigureView::AllocationMap)
    return {{"head_dim", "head dim D", 32, 256, 16, static_cast<double>(f.config.head_dim)}};
  return {};
}

void hope_qk(const PaperFigure& f, FigureData& data) {
  const std::vector<double> distances = hope_distances();
  FigureChart section{"hopeTemporalSection",
                      "(a) The temporal section alone: mean of cos(\u0394\u00b7\u03b8_j) over the "
                      "pairs each design gives time",
                      "temporal distance \u0394 (positions on t)",
                      "mean cos(\u0394\u00b7\u03b8_j)",
                      "",
                      {},
                      {},
                      {},
                      true,
                      false,
                      {},
                      -1.05,
                      1.05};
  FigureChart own{"hopeOwnIds",
                  "(b) All pairs, each variant's own ids: the same patch \u0394 frames later",
                  "\u0394 frames",
                  "expected q\u00b7k, similar key (1 at \u0394 = 0)",
                  "",
                  {},
                  {},
                  {},
                  true,
                  false,
                  {},
                  -1.05,
                  1.05};
  section.levels.push_back({0.0, "0: a similar key scores like an unrelated one"});
  own.levels.push_back({0.0, "0: a similar key scores like an unrelated one"});
  FigureTable table{"hopeTable",
                    "Where the curves fall below 0 (sampled at " + integer(kHopeSamples) +
                        " log-spaced \u0394 from 1 to " + format_big(std::pow(10, kHopeDecades)) +
                        ")",
                    {"variant", "temporal section (pairs)", "per-frame id step", "(a) minimum",
                     "(a) first \u0394 < 0", "(b) minimum", "(b) first \u0394 < 0"},
                    {}};
  for (const std::string& id : f.variants) {
    const Variant& v = variant_or_throw(id);
    const Encoding e = encode(v, f.scene, resolved(v, f.config));
    const std::vector<int> pairs = temporal_section(e);
    const AdjacentIds adj = adjacent_ids(e);
    std::vector<double> step(adj.frame_a.size());
    for (std::size_t a = 0; a < step.size(); ++a) step[a] = adj.frame_b[a] - adj.frame_a[a];
    FigureCurve a{id, id, 0, {}}, b{id, id, 0, {}};
    for (double d : distances) {
      a.points.emplace_back(d, pairs_similarity(e, pairs, d));
      std::vector<double> offset(step.size());
      for (std::size_t k = 0; k < step.size(); ++k) offset[k] = d * step[k];
      b.points.emplace_back(d, expected_qk(e, offset));
    }
    const CurveStats sa = stats(a.points), sb = stats(b.points);
    bool nope_only = true;
    for (int j : pairs) nope_only = nope_only && e.pair_axis[static_cast<std::size_t>(j)] < 0;
    const std::string section_text =
        ranges(pairs) +
        (nope_only ? " (zero frequency)"
                   : " (read " + e.axes()[static_cast<std::size_t>(v.info().temporal_axis)] + ")");
    a.label = id + ": pairs " + ranges(pairs) + (nope_only ? ", zero frequency" : "");
    b.label = id + ": frame step " + vector_text(step);
    table.rows.push_back({id, section_text, vector_text(step), fixed(sa.min, 3), negative_text(sa),
                          fixed(sb.min, 3), negative_text(sb)});
    data.values[id + "_section"] = ranges(pairs);
    data.values[id + "_step"] = vector_text(step);
    data.values[id + "_a_min"] = fixed(sa.min, 3);
    data.values[id + "_a_neg"] = negative_text(sa);
    data.values[id + "_b_min"] = fixed(sb.min, 3);
    data.values[id + "_b_neg"] = negative_text(sb);
    section.curves.push_back(std::move(a));
    own.curves.push_back(std::move(b));
  }
  data.values["base"] = format_base(f.config.base);
  data.values["head_dim"] = integer(f.config.head_dim);
  data.values["samples"] = integer(kHopeSamples);
  data.values["delta_max"] = format_big(std::pow(10, kHopeDecades));
  data.blocks.emplace_back(FigureText{"hopeRead"});
  data.blocks.emplace_back(std::move(section));
  data.blocks.emplace_back(std::move(own));
  data.blocks.emplace_back(std::move(table));
  data.blocks.emplace_back(FigureText{"hopeOwnIdsNote"});
}

void circle_distance(const PaperFigure& f, FigureData& data) {
  const int segment = f.scene.first_visual_segment();
  const Segment& image = f.scene.segments[static_cast<std::size_t>(segment)];
  FigureChart chart{"circleDistance",
                    "Distance from a text token to each image token (raster order)",
                    "image token (row-major: r\u00b7W + c)",
                    "\u2016ids(image token) \u2212 ids(text token)\u2016\u2082",
                    "solid: the last text token before the image; dashed: the first after it",
                    {},
                    {},
                    {},
                    false,
                    false,
                    {},
                    0,
                    0};
  FigureHeatmaps maps{"circleMaps", {}};
  FigureTable table{"circleTable",
                    "Text-to-image distances (" + integer(image.height) + " \u00d7 " +
                        integer(image.width) + " image between " +
                        integer(f.scene.segments[0].count) + " and " +
                        integer(f.scene.segments[2].count) + " text tokens)",
                    {"variant", "text token", "its ids", "min distance", "max distance",
                     "spread (max \u2212 min)"},
                    {}};
  int column = 0;
  for (const std::string& id : f.variants) {
    const Variant& v = variant_or_throw(id);
    const Encoding e = encode(v, f.scene, resolved(v, f.config));
    const TokenLayout& t = e.positions.tokens;
    long before = -1, after = -1, first_image = -1;
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t.modality[i] != Modality::Text) {
        if (first_image < 0) first_image = static_cast<long>(i);
        continue;
      }
      if (first_image < 0) before = static_cast<long>(i);
      if (first_image >= 0 && after < 0) after = static_cast<long>(i);
    }
    require(before >= 0 && after >= 0, "scene", f.scene.describe(),
            "needs text before and after the image");
    double all_spread = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t.modality[i] != Modality::Text) continue;
      const std::vector<double> d = text_image_distances(e, i, segment);
      all_spread = std::max(all_spread, *std::max_element(d.begin(), d.end()) -
                                            *std::min_element(d.begin(), d.end()));
    }
    for (const auto& [token, which, style] :
         {std::tuple<long, std::string, int>{before, "before", 0}, {after, "after", 1}}) {
      const std::vector<double> d =
          text_image_distances(e, static_cast<std::size_t>(token), segment);
      const double lo = *std::min_element(d.begin(), d.end());
      const double hi = *std::max_element(d.begin(), d.end());
      FigureCurve c{id + (style == 0 ? " (text before)" : " (text after)"), id, style, {}};
      for (std::size_t k = 0; k < d.size(); ++k)
        c.points.emplace_back(static_cast<double>(k), d[k]);
      chart.curves.push_back(std::move(c));
      std::vector<double> ids(e.axes().size());
      for (std::size_t a = 0; a < ids.size(); ++a)
        ids[a] = e.id(static_cast<int>(a), static_cast<std::size_t>(token));
      table.rows.push_back(
          {id, (style == 0 ? "last before the image (" : "first after it (") + integer(token) + ")",
           vector_text(ids), fixed(lo, 3), fixed(hi, 3), fixed(hi - lo, 3)});
      std::string key = id;
      key.append("_").append(which);
      data.values[key + "_min"] = fixed(lo, 3);
      data.values[key + "_max"] = fixed(hi, 3);
      data.values[key + "_spread"] = fixed(hi - lo, 3);
      if (style == 0) {
        FigureHeatmap tile;
        tile.name = "distance_" + id;
        tile.title = id;
        tile.row_label = "row r";
        tile.column_label = "column c";
        tile.note = hi - lo < 1e-9 ? "every token " + fixed(lo, 3)
                                   : fixed(lo, 2) + " \u2026 " + fixed(hi, 2);
        // Rounded to 1e-9 so the ring's equal distances (equal up to rounding) draw as one
        // colour instead of stretching 1e-15 differences over the colour range.
        tile.values = RowMatrix(image.height, image.width);
        for (int r = 0; r < image.height; ++r) {
          for (int col = 0; col < image.width; ++col)
            tile.values(r, col) =
                std::round(d[static_cast<std::size_t>(r) * static_cast<std::size_t>(image.width) +
                             static_cast<std::size_t>(col)] *
                           1e9) /
                1e9;
        }
        tile.column = column++;
        maps.tiles.push_back(std::move(tile));
      }
    }
    data.values[id + "_all_spread"] = fixed(all_spread, 3);
  }
  int text_tokens = 0;
  for (const Segment& s : f.scene.segments) text_tokens += s.is_visual() ? 0 : s.count;
  data.values["text_tokens"] = integer(text_tokens);
  data.values["image_tokens"] = integer(static_cast<long long>(image.height) * image.width);
  data.values["image"] = integer(image.height) + " \u00d7 " + integer(image.width);
  data.blocks.emplace_back(FigureText{"circleRead"});
  data.blocks.emplace_back(std::move(chart));
  data.blocks.emplace_back(std::move(maps));
  data.blocks.emplace_back(std::move(table));
}

void v2pe_span(const PaperFigure& f, const FigureParams& p, FigureData& data) {
  const auto& g = f.scene.segments;
  const int T = static_cast<int>(std::lround(p.at("frames")));
  const Scene scene = Scene::text_video_text(g[0].count, T, g[1].height, g[1].width, g[2].count);
  const long long visual = static_cast<long long>(T) * g[1].height * g[1].width;
  FigureChart chart{"v2peSpan",
                    "Position span of text " + integer(g[0].count) + " \u00b7 video " + integer(T) +
                        "\u00d7" + integer(g[1].height) + "\u00d7" + integer(g[1].width) +
                        " \u00b7 text " + integer(g[2].count) + " (" +
                        format_big(static_cast<double>(scene.token_count())) + " tokens)",
                    "\u03b4 (V2PE's visual increment = rope_pos_id_stride / 256)",
                    "position span (largest id \u2212 smallest)",
                    "",
                    {},
                    {},
                    {},
                    true,
                    true,
                    {},
                    0,
                    0};
  FigureTable table{"v2peTable",
                    "V2PE's span for each \u03b4 its training draws (stride 1, 2, 4, \u2026, 256)",
                    {"\u03b4", "rope_pos_id_stride", "V2PE span", "\u00f7 vanilla span"},
                    {}};
  const auto span_of = [&](const std::string& id, std::optional<double> delta) {
    const Variant& v = variant_or_throw(id);
    Config c = resolved(v, f.config);
    c.delta = delta;
    return position_span(encode(v, scene, resolved(v, c)));
  };
  const double vanilla = span_of("vanilla", std::nullopt);
  const double mrope = span_of("mrope", std::nullopt);
  FigureCurve curve{"v2pe", "v2pe", 0, {}};
  for (int k = 8; k >= 0; --k) {
    const double delta = std::ldexp(1.0, -k);
    const double span = span_of("v2pe", delta);
    curve.points.emplace_back(delta, span);
    const std::string label = k == 0 ? std::string("1") : "1/" + integer(1LL << k);
    chart.x_ticks.emplace_back(delta, label);
    table.rows.push_back(
        {label, integer(1LL << (8 - k)), format_number(span, 2), fixed(span / vanilla, 4)});
    if (k == 8) data.values["v2pe_span_min"] = count(span);
    if (k == 2) data.values["v2pe_span_default"] = count(span);
    if (k == 0) data.values["v2pe_span_max"] = count(span);
  }
  const double lo = curve.points.front().first, hi = curve.points.back().first;
  curve.label = "v2pe (\u03b4 = 1/256 \u2026 1)";
  chart.curves.push_back(std::move(curve));
  chart.curves.push_back(
      {"vanilla (every token +1)", "vanilla", 1, {{lo, vanilla}, {hi, vanilla}}});
  chart.curves.push_back(
      {"mrope (text + max(T, H, W) + text)", "mrope", 2, {{lo, mrope}, {hi, mrope}}});
  chart.lines.push_back({0.25, "default \u03b4 = 1/4"});
  data.values["frames"] = integer(T);
  data.values["visual_tokens"] = format_big(static_cast<double>(visual));
  data.values["vanilla_span"] = count(vanilla);
  data.values["mrope_span"] = count(mrope);
  data.blocks.emplace_back(FigureText{"v2peRead"});
  data.blocks.emplace_back(std::move(chart));
  data.blocks.emplace_back(std::move(table));
}

void allocation_map(const PaperFigure& f, const FigureParams& p, FigureData& data) {
  Config config = f.config;
  config.head_dim = static_cast<int>(std::lround(p.at("head_dim")));
  FigureAllocationMap map{"allocationMap",
                          "The axis every rotary pair reads (D = " + integer(config.head_dim) +
                              ", " + integer(config.head_dim / 2) +
                              " two-dim slots; pair 0 fastest)",
                          {},
                          {}};
  FigureTable table{"allocationTable",
                    "",
                    {"variant", "pairs (heads) per axis", "NoPE pairs", "rotary dims", "pairing"},
                    {}};
  std::string left_out;
  for (const Variant* v : all_variants()) {
    FigureAllocationRow row;
    try {
      row = allocation_row(*v, config);
    } catch (const std::exception&) {
      if (!left_out.empty()) left_out += ", ";
      left_out += std::string(v->id());
      continue;
    }
    for (const std::string& a : row.axis_names) {
      if (std::find(map.axis_names.begin(), map.axis_names.end(), a) == map.axis_names.end())
        map.axis_names.push_back(a);
    }
    table.rows.push_back({row.variant, row.summary, integer(row.nope_pairs),
                          integer(2LL * row.rotary_pairs) + " of " + integer(row.head_dim),
                          row.pairing});
    if (row.variant == "hope") data.values["hope_nope"] = integer(row.nope_pairs);
    if (row.variant == "glm4v") {
      data.values["glm4v_rotary"] = integer(2LL * row.rotary_pairs);
      data.values["glm4v_unrotated"] = integer(row.head_dim - 2LL * row.rotary_pairs);
    }
    if (row.variant == "mhrope") {
      data.values["mhrope_heads"] = integer(static_cast<long long>(row.head_axis.size()));
      data.values["mhrope_summary"] = row.summary;
    }
    map.rows.push_back(std::move(row));
  }
  // Legend order: t, h, w, p, u1..u4, then any other name as first seen.
  static const std::vector<std::string> kOrder{"t", "h", "w", "p", "u1", "u2", "u3", "u4"};
  const auto rank = [](const std::string& a) {
    const auto it = std::find(kOrder.begin(), kOrder.end(), a);
    return static_cast<std::size_t>(it - kOrder.begin());
  };
  std::stable_sort(map.axis_names.begin(), map.axis_names.end(),
                   [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
  data.values["variant_count"] = integer(static_cast<long long>(map.rows.size()));
  data.values["head_dim"] = integer(config.head_dim);
  data.values["slots"] = integer(config.head_dim / 2);
  data.values["left_out"] = left_out.empty() ? std::string("none") : left_out;
  data.blocks.emplace_back(std::move(map));
  data.blocks.emplace_back(FigureText{"allocationMapRead"});
  data.blocks.emplace_back(std::move(table));
}

}  // namespace wave2
}  // namespace ropelab
