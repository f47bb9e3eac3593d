// Circle-RoPE (Wang et al. 2025, arXiv 2505.16416; lose4578/CircleRoPE get_circle_rope_index,
// videos as Multimodal-RoPEs pos_design/circlerope.py): each image's tokens on a ring in the plane
// orthogonal to the text diagonal (1, 1, 1), so every image token is equally far from the text.
#include <cmath>
#include <limits>

#include "variants.h"
#include "wave2.h"

namespace ropelab::variants {
namespace {

struct CircleParams {
  std::string radius;  // number, "auto" or "auto-S"
  double alpha = 0.5;
  double dff = 0.0;
  bool circle = true;
  bool origin = true;
  std::string positive;  // "off", "auto" or an offset O
};

CircleParams params(const Config& config) {
  CircleParams p;
  p.radius = detail::option_text(config, "circle_radius", "10");
  p.alpha = detail::option_number(config, "circle_alpha", 0.5);
  p.dff = detail::option_number(config, "circle_dff", 0.0);
  const std::string method = detail::option_text(config, "circle_method", "circle");
  require(method == "circle" || method == "no-circle", "--circle-method", "'" + method + "'",
          "must be circle or no-circle");
  p.circle = method == "circle";
  p.origin = detail::option_bool(config, "circle_origin", true);
  p.positive = detail::option_text(config, "circle_positive", "off");
  return p;
}

// Radius R (> 0) or, for auto[-S], -S (resolved per block).
double radius_value(const std::string& text) {
  const bool automatic = text.rfind("auto", 0) == 0;
  std::string number = automatic ? text.substr(4) : text;
  if (automatic && number.empty()) return -1.0;
  if (automatic) {
    require(number[0] == '-', "--circle-radius", "'" + text + "'",
            "must be a number > 0, auto or auto-S with S > 0");
    number = number.substr(1);
  }
  char* end = nullptr;
  const double v = std::strtod(number.c_str(), &end);
  require(!number.empty() && end == number.c_str() + number.size() && std::isfinite(v) && v > 0,
          "--circle-radius", "'" + text + "'", "must be a number > 0, auto or auto-S with S > 0");
  return automatic ? -v : v;
}

double positive_offset(const std::string& text) {
  if (text == "off" || text == "false") return std::numeric_limits<double>::quiet_NaN();
  if (text == "auto") return 0.0;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  require(!text.empty() && end == text.c_str() + text.size() && std::isfinite(v) && v >= 0,
          "--circle-positive", "'" + text + "'", "must be auto or an offset >= 0");
  return v;
}

class CircleRope final : public Variant {
 public:
  const VariantInfo& info() const override {
    static const VariantInfo kInfo{"circle-rope",
                                   {"t", "h", "w"},
                                   "Circle-RoPE: image tokens on a ring orthogonal to the text "
                                   "diagonal, equidistant from every text token",
                                   "Wang et al. 2025 (Circle-RoPE)",
                                   0,
                                   true,
                                   1.0};
    return kInfo;
  }
  std::vector<int> default_split(int pairs) const override {
    return detail::scaled_section(pairs, 16, 24, 24);
  }
  std::vector<OptionSpec> options() const override {
    std::vector<OptionSpec> specs = detail::per_frame_options();
    specs.push_back(detail::text_option("circle_radius", "--circle-radius", "10", "Radius",
                                        "Ring radius R > 0, auto or auto-S"));
    specs.push_back(detail::number_option("circle_alpha", "--circle-alpha", 0.5, 0, 1, "Alpha",
                                          "Mix of the polar angle (1) and raster order (0)"));
    specs.push_back(detail::number_option("circle_dff", "--circle-dff", 0.0, 0, 1, "DFF rate",
                                          "Blend of the ring with the flat grid"));
    specs.push_back(detail::choice_option(
        "circle_method", "--circle-method", "circle", {"circle", "no-circle"}, "Method",
        "circle: tokens on the ring; no-circle: the centred grid, "
        "projected"));
    specs.push_back(detail::declare("circle_origin", "--circle-no-origin", OptionKind::Switch, true,
                                    "Move to origin",
                                    "Centre the grid before mapping it onto the ring"));
    specs.push_back(detail::text_option("circle_positive", "--circle-positive", "off",
                                        "Move to positive", "off, auto or an offset O >= 0"));
    return specs;
  }
  Formula formula() const override {
    return {
        "Image at s0: centred grid x = c - (W-1)/2, y = r - (H-1)/2; angle theta = "
        "alpha*theta_n + (1-alpha)*theta_i (normalised atan2(y, x) and raster order 2pi(rW + "
        "c)/(HW)); (a, b) = R(cos theta, sin theta) projected onto the plane orthogonal to "
        "(1, 1, 1): X = -a/sqrt2 - b/sqrt6, Y = a/sqrt2 - b/sqrt6, Z = 2b/sqrt6; ids (s0 + Z, "
        "s0 + Y, s0 + X); text resumes at max + 1. Video frame f: the ring shifted by f*delta "
        "(Multimodal-RoPEs).",
        "Chunked [16, 24, 24] (Qwen2.5-VL), scaled with D. AGE mode (odd layers Qwen2.5-VL "
        "ids) is per layer and not modelled."};
  }
  void validate(const Scene&, const Config& config) const override {
    detail::require_convention(config, "circle-rope", {"code"});
    const CircleParams p = params(config);
    radius_value(p.radius);
    positive_offset(p.positive);
    require(p.alpha >= 0 && p.alpha <= 1, "--circle-alpha", format_number(p.alpha),
            "must be in [0, 1]");
    require(p.dff >= 0 && p.dff <= 1, "--circle-dff", format_number(p.dff), "must be in [0, 1]");
  }
  Positions positions(const Scene& scene, const Config& config, double delta) const override {
    const CircleParams p = params(config);
    const double radius = radius_value(p.radius);
    const double offset = positive_offset(p.positive);
    return detail::walk_blocks(
        scene, 3, config,
        [&](detail::PositionBuilder& b, const Segment& seg, int index, double s0, int f0,
            int frames) {
          const int h = seg.height, w = seg.width, n = h * w;
          const double zmax = (frames - 1) * delta;
          const double cx = p.origin ? (w - 1) / 2.0 : 0.0;
          const double cy = p.origin ? (h - 1) / 2.0 : 0.0;
          const double cz = p.origin ? zmax / 2.0 : 0.0;
          const double r_used =
              radius > 0 ? radius
                         : std::abs(std::max({w - 1 - cx, h - 1 - cy, zmax - cz})) * -radius;
          std::vector<double> theta_o(n);
          double lo = std::numeric_limits<double>::infinity(), hi = -lo;
          for (int k = 0; k < n; ++k) {
            const int row = k / w, col = k % w;
            const double x = col - cx, y = row - cy;
            theta_o[k] = (x == 0 && y == 0) ? 0.0 : std::atan2(y, x);
            lo = std::min(lo, theta_o[k]);
            hi = std::max(hi, theta_o[k]);
          }
          std::vector<double> X(n), Y(n), Z(n);
          double lowest = std::numeric_limits<double>::infinity();
          for (int k = 0; k < n; ++k) {
            const int row = k / w, col = k % w;
            const double x = col - cx, y = row - cy;
            const double tn = hi > lo ? 2 * M_PI * (theta_o[k] - lo) / (hi - lo) : theta_o[k];
            const double ti = 2 * M_PI * k / n;
            const double theta = p.alpha * tn + (1 - p.alpha) * ti;
            double a = p.circle ? r_used * std::cos(theta) : x;
            double bb = p.circle ? r_used * std::sin(theta) : y;
            a = (1 - p.dff) * a + p.dff * x;
            bb = (1 - p.dff) * bb + p.dff * y;
            X[k] = -a / std::sqrt(2.0) - bb / std::sqrt(6.0);
            Y[k] = a / std::sqrt(2.0) - bb / std::sqrt(6.0);
            Z[k] = 2 * bb / std::sqrt(6.0);
            lowest = std::min({lowest, X[k], Y[k], Z[k]});
          }
          const double shift = std::isnan(offset) ? 0.0 : std::abs(lowest) + offset;
          double highest = -std::numeric_limits<double>::infinity();
          for (int f = 0; f < frames; ++f) {
            const double base = s0 + shift + f * delta;
            for (int k = 0; k < n; ++k) {
              const double t = base + Z[k], y = base + Y[k], x = base + X[k];
              b.visual(seg.modality, index, f0 + f, k / w, k % w, t, y, x);
              highest = std::max({highest, t, y, x});
            }
          }
          return highest + 1;
        });
  }
};

}  // namespace

const Variant& circle_rope() {
  static const CircleRope kVariant;
  return kVariant;
}

}  // namespace ropelab::variants
