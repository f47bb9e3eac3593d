// The wave-2 papers' figures (hope-qk-distance, circle-rope-distance, v2pe-span, allocation-map):
// their data against values computed here from the spec's definitions, not from the figure code.
#include <gtest/gtest.h>

#include <cmath>

#include "ropelab/paper_figures.h"
#include "ropelab/registry.h"

namespace ropelab::test {
namespace {

FigureData data(const std::string& id, const FigureParams& params = {}) {
  const PaperFigure* f = find_paper_figure(id);
  if (!f) throw std::runtime_error("no figure " + id);
  return figure_data(*f, params);
}

const FigureCurve& curve(const FigureChart& c, const std::string& variant, int style = 0) {
  for (const FigureCurve& k : c.curves) {
    if (k.variant == variant && k.style == style) return k;
  }
  throw std::runtime_error("no curve " + variant);
}

double theta(int j, double base = 1e6, int dims = 128) {
  return std::pow(base, -2.0 * j / dims);
}

TEST(PaperFiguresWave2, EntriesExist) {
  for (const char* id : {"hope-qk-distance", "circle-rope-distance", "v2pe-span", "allocation-map"})
    EXPECT_TRUE(find_paper_figure(id)) << id;
}

// HoPE's temporal section is zero frequency, so its curve is exactly 1 at every distance; M-RoPE's
// and VideoRoPE's are the mean of cos(delta * theta_j) over pairs 0-15 and 48-63 (base 1e6).
TEST(PaperFiguresWave2, HopeTemporalSection) {
  const FigureData d = data("hope-qk-distance");
  const FigureChart* a = d.chart("hopeTemporalSection");
  ASSERT_TRUE(a);
  const FigureCurve& hope = curve(*a, "hope");
  ASSERT_EQ(hope.points.size(), 1401u);
  for (const auto& [x, y] : hope.points) EXPECT_EQ(y, 1.0) << x;
  const auto mean_cos = [](double x, int first, int last) {
    double s = 0;
    for (int j = first; j <= last; ++j) s += std::cos(x * theta(j));
    return s / (last - first + 1);
  };
  const FigureCurve& mrope = curve(*a, "mrope");
  const FigureCurve& videorope = curve(*a, "videorope");
  for (std::size_t i = 0; i < mrope.points.size(); i += 50) {
    const double x = std::pow(10.0, 7.0 * static_cast<double>(i) / 1400.0);
    EXPECT_NEAR(mrope.points[i].first, x, 1e-9 * x);
    // cos of arguments up to 1e7: the last digits depend on how theta_j was rounded.
    const double tol = 1e-12 + 1e-14 * x;
    EXPECT_NEAR(mrope.points[i].second, mean_cos(x, 0, 15), tol);
    EXPECT_NEAR(videorope.points[i].second, mean_cos(x, 48, 63), tol);
  }
  EXPECT_EQ(d.value("hope_section"), "48\u201363");
  EXPECT_EQ(d.value("mrope_section"), "0\u201315");
  EXPECT_EQ(d.value("hope_a_min"), "1.000");
  EXPECT_EQ(d.value("hope_a_neg"), "never");
}

// (b): every pair with each variant's own frame step: M-RoPE (1, 0, 0), VideoRoPE (2, 2, 2)
// (delta 2), HoPE (0.75, 0.75, 0.75) (gamma 0.75) whose pairs 48-63 count 1.
TEST(PaperFiguresWave2, HopeExpectedQkWithOwnIds) {
  const FigureData d = data("hope-qk-distance");
  EXPECT_EQ(d.value("mrope_step"), "(1, 0, 0)");
  EXPECT_EQ(d.value("videorope_step"), "(2, 2, 2)");
  EXPECT_EQ(d.value("hope_step"), "(0.75, 0.75, 0.75)");
  const FigureChart* b = d.chart("hopeOwnIds");
  ASSERT_TRUE(b);
  const auto expected = [](const std::string& id, double x) {
    double s = 0;
    for (int j = 0; j < 64; ++j) {
      if (id == "mrope") s += j < 16 ? std::cos(x * theta(j)) : 1.0;
      if (id == "videorope") s += std::cos(2 * x * theta(j));
      if (id == "hope") s += j < 48 ? std::cos(0.75 * x * theta(j)) : 1.0;
    }
    return s / 64;
  };
  double first_negative = -1, minimum = 1;
  for (const std::string id : {"mrope", "videorope", "hope"}) {
    const FigureCurve& c = curve(*b, id);
    for (std::size_t i = 0; i < c.points.size(); i += 7)
      EXPECT_NEAR(c.points[i].second, expected(id, c.points[i].first),
                  1e-12 + 2e-14 * c.points[i].first)
          << id;
  }
  for (const auto& [x, y] : curve(*b, "videorope").points) {
    minimum = std::min(minimum, y);
    if (y < 0 && first_negative < 0) first_negative = x;
  }
  ASSERT_GT(first_negative, 0);
  EXPECT_EQ(d.value("videorope_b_neg"), format_big(first_negative));  // above 1000
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", minimum);
  EXPECT_EQ(d.value("videorope_b_min"), buf);
  // M-RoPE's spatial pairs keep 48 of 64 at 1: its (b) curve never drops below (48 - 16) / 64.
  for (const auto& [x, y] : curve(*b, "mrope").points) EXPECT_GE(y, 0.5 - 1e-12);
}

// Partial rotary: the pass-through dims count 1 like NoPE pairs (glm4v: 64 of 128 dims rotate,
// pairs 0-7 read t with theta_j = base^(-2j/64)).
TEST(PaperFiguresWave2, ExpectedQkCountsPassThroughDims) {
  Config c;
  const Encoding e = encode(*find_variant("glm4v"), Scene::text_video_text(2, 2, 2, 2, 2), c);
  ASSERT_EQ(e.pairs(), 32);
  EXPECT_DOUBLE_EQ(expected_qk(e, {0, 0, 0}), 1.0);
  const double x = 37.5;
  double s = 0;
  for (int j = 0; j < 32; ++j) s += j < 8 ? std::cos(x * theta(j, 1e4, 64)) : 1.0;
  EXPECT_NEAR(expected_qk(e, {x, 0, 0}), (2 * s + 64) / 128, 1e-12);
}

// Circle-RoPE: every text token is equally far from all image tokens, sqrt(3 (s0 - p)^2 + R^2)
// for text at (p, p, p), ring radius R = 10 around s0 (1, 1, 1); grids are not equidistant.
TEST(PaperFiguresWave2, CircleRopeDistances) {
  const PaperFigure* f = find_paper_figure("circle-rope-distance");
  ASSERT_TRUE(f);
  const Encoding e = encode(*find_variant("circle-rope"), f->scene, f->config);
  const int segment = f->scene.first_visual_segment();
  ASSERT_EQ(segment, 1);
  int text = 0;
  for (std::size_t i = 0; i < e.token_count(); ++i) {
    if (e.positions.tokens.modality[i] != Modality::Text) continue;
    ++text;
    const std::vector<double> d = text_image_distances(e, i, segment);
    ASSERT_EQ(d.size(), 48u);
    const double p = e.id(0, i), s0 = 4;
    for (double v : d) EXPECT_NEAR(v, std::sqrt(3 * (s0 - p) * (s0 - p) + 100), 1e-9) << i;
  }
  EXPECT_EQ(text, 8);
  const FigureData fd = data("circle-rope-distance");
  EXPECT_EQ(fd.value("circle-rope_before_min"), "10.149");  // sqrt(103)
  EXPECT_EQ(fd.value("circle-rope_before_spread"), "0.000");
  EXPECT_EQ(fd.value("circle-rope_all_spread"), "0.000");
  // M-RoPE: image token (r, c) at (4, 4 + r, 4 + c), text at (3, 3, 3): sqrt(1 + (r+1)^2 +
  // (c+1)^2).
  EXPECT_EQ(fd.value("mrope_before_min"), "1.732");
  EXPECT_EQ(fd.value("mrope_before_max"), "10.050");
  // VideoRoPE centres the image: (4, 4 + r - 2, 4 + c - 3): sqrt(1 + (r-1)^2 + (c-2)^2).
  EXPECT_EQ(fd.value("videorope_before_min"), "1.000");
  EXPECT_EQ(fd.value("videorope_before_max"), "6.481");
  const FigureChart* chart = fd.chart("circleDistance");
  ASSERT_TRUE(chart);
  for (const auto& [k, y] : curve(*chart, "mrope").points) {
    const int r = static_cast<int>(k) / 8, c = static_cast<int>(k) % 8;
    EXPECT_NEAR(y, std::sqrt(1.0 + (r + 1) * (r + 1) + (c + 1) * (c + 1)), 1e-12);
  }
  // Off the ring (--circle-dff mixes the grid back in) the distances differ again.
  Config dff = f->config;
  dff.options.set("circle_dff", 0.5);
  const Encoding mixed = encode(*find_variant("circle-rope"), f->scene, dff);
  const std::vector<double> d = text_image_distances(mixed, 3, segment);
  EXPECT_GT(*std::max_element(d.begin(), d.end()) - *std::min_element(d.begin(), d.end()), 0.1);
}

// V2PE: text a, one visual block of N tokens, text b: span = ceil((a - 1) + N delta) + b;
// vanilla a + N + b - 1; M-RoPE a + max(T, H, W) + b - 1.
TEST(PaperFiguresWave2, V2peSpanFollowsTheFormula) {
  for (int T : {64, 3}) {
    const FigureData d = data("v2pe-span", {{"frames", T}});
    const FigureChart* c = d.chart("v2peSpan");
    ASSERT_TRUE(c);
    const double N = 256.0 * T;
    const FigureCurve& v2pe = curve(*c, "v2pe");
    ASSERT_EQ(v2pe.points.size(), 9u);
    for (int k = 0; k <= 8; ++k) {
      const double delta = std::ldexp(1.0, k - 8);
      EXPECT_DOUBLE_EQ(v2pe.points[static_cast<std::size_t>(k)].first, delta);
      EXPECT_DOUBLE_EQ(v2pe.points[static_cast<std::size_t>(k)].second,
                       std::ceil(31 + N * delta) + 32)
          << "delta " << delta;
    }
    EXPECT_EQ(curve(*c, "vanilla", 1).points.front().second, 32 + N + 32 - 1);
    EXPECT_EQ(curve(*c, "mrope", 2).points.front().second, 32 + std::max(T, 16) + 32 - 1);
    EXPECT_EQ(d.value("v2pe_span_max"), d.value("vanilla_span"));
  }
  const FigureData d = data("v2pe-span");
  EXPECT_EQ(d.value("v2pe_span_default"), "4,159");  // ceil(31 + 16384 / 4) + 32
  EXPECT_EQ(d.value("vanilla_span"), "16,447");
  EXPECT_EQ(d.value("mrope_span"), "127");
}

// The map's pair axes are each variant's allocation, for every registered variant; NoPE pairs and
// rotary dims are the variant's own; MHRoPE has one map per KV head.
TEST(PaperFiguresWave2, AllocationMapIsEveryVariantsAllocation) {
  for (int D : {128, 64}) {
    const FigureData d = data("allocation-map", {{"head_dim", D}});
    const FigureAllocationMap* map = d.allocation_map("allocationMap");
    ASSERT_TRUE(map);
    ASSERT_EQ(map->rows.size(), all_variants().size());
    EXPECT_GE(all_variants().size(), 22u);  // the 22 of issue #12 at least; new ones join
    Config c;
    c.head_dim = D;
    c.base = 1e4;
    for (std::size_t i = 0; i < map->rows.size(); ++i) {
      const Variant& v = *all_variants()[i];
      const FigureAllocationRow& row = map->rows[i];
      EXPECT_EQ(row.variant, std::string(v.id()));
      Config vc = c;
      const Encoding e = encode(v, Scene::default_scene(), vc);
      ASSERT_FALSE(row.pair_axis.empty());
      EXPECT_EQ(row.pair_axis.front(), e.pair_axis) << row.variant;
      EXPECT_EQ(row.nope_pairs, static_cast<int>(e.nope_pairs.size())) << row.variant;
      EXPECT_EQ(static_cast<int>(
                    std::count(row.pair_axis.front().begin(), row.pair_axis.front().end(), -1)),
                row.nope_pairs);
      EXPECT_EQ(row.rotary_pairs, e.rotary_dims / 2) << row.variant;
      EXPECT_EQ(row.head_dim, D);
      EXPECT_EQ(row.head_axis, e.head_axis);
      EXPECT_EQ(row.pair_axis.size(), e.head_wise() ? e.head_axis.size() : 1u);
      for (std::size_t k = 1; k < row.pair_axis.size(); ++k) {
        vc.head = static_cast<int>(k);
        EXPECT_EQ(row.pair_axis[k], encode(v, Scene::default_scene(), vc).pair_axis);
      }
    }
  }
  const FigureData d = data("allocation-map");
  const FigureAllocationMap* map = d.allocation_map("allocationMap");
  for (const FigureAllocationRow& row : map->rows) {
    if (row.variant == "hope") {  // spec: pairs 0-47 alternate h / w, 48-63 zero frequency
      for (int j = 0; j < 64; ++j)
        EXPECT_EQ(row.pair_axis[0][static_cast<std::size_t>(j)], j < 48 ? 1 + j % 2 : -1);
    }
    if (row.variant == "glm4v") {  // partial rotary 0.5: 32 pairs, [8, 12, 12]
      EXPECT_EQ(row.rotary_pairs, 32);
      EXPECT_EQ(row.pairing, "adjacent");
      for (int j = 0; j < 32; ++j)
        EXPECT_EQ(row.pair_axis[0][static_cast<std::size_t>(j)], j < 8 ? 0 : (j < 20 ? 1 : 2));
    }
    if (row.variant == "mhrope") {  // heads 0-1 t, 2-4 h, 5-7 w, every pair of a head one axis
      EXPECT_EQ(row.head_axis, (std::vector<int>{0, 0, 1, 1, 1, 2, 2, 2}));
      ASSERT_EQ(row.pair_axis.size(), 8u);
      for (std::size_t k = 0; k < 8; ++k)
        for (int a : row.pair_axis[k]) EXPECT_EQ(a, row.head_axis[k]);
    }
  }
  EXPECT_EQ(d.value("hope_nope"), "16");
  EXPECT_EQ(d.value("glm4v_rotary"), "64");
  EXPECT_EQ(d.value("variant_count"), std::to_string(all_variants().size()));
}

}  // namespace
}  // namespace ropelab::test
