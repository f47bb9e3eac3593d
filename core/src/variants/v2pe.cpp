// V2PE (Ge et al. 2024, arXiv 2412.09616; OpenGVLab/V2PE modeling_internvl_chat.py
// get_rope_pos_id, v2pe_fix): 1-D positions where every visual token advances by delta < 1.
#include <cmath>

#include "variants.h"
#include "wave2.h"

namespace ropelab::variants {
namespace {

// ceil after snapping values within 1e-9 of an integer (the reference accumulates in float32).
double snapped_ceil(double x) {
  const double nearest = std::nearbyint(x);
  return std::abs(x - nearest) < 1e-9 ? nearest : std::ceil(x);
}

class V2pe final : public Variant {
 public:
  const VariantInfo& info() const override {
    static const VariantInfo kInfo{"v2pe",
                                   {"p"},
                                   "V2PE (InternVL): 1-D positions, each visual token advances by "
                                   "delta < 1 (default 0.25), text by 1",
                                   "Ge et al. 2024 (V2PE)",
                                   0,
                                   true,
                                   0.25};
    return kInfo;
  }
  std::vector<OptionSpec> options() const override {
    std::vector<OptionSpec> specs = detail::per_frame_options();
    specs.push_back(detail::wave2_convention_option(
        {"code", "mmropes"},
        "code: OpenGVLab/V2PE get_rope_pos_id; mmropes: every block spans 256*delta"));
    return specs;
  }
  Formula formula() const override {
    return {
        "Text p = s, s += 1. A visual block of N tokens after L = s - 1: token k gets L + "
        "(k+1)*delta; text resumes at ceil(L + N*delta) + 1 (delta = rope_pos_id_stride / "
        "256). --convention mmropes: increment 256*delta/N (every block spans 256*delta).",
        "Every pair reads p (1-D RoPE, InternLM2)."};
  }
  void validate(const Scene&, const Config& config) const override {
    detail::require_convention(config, "v2pe", {"code", "mmropes"});
  }
  Positions positions(const Scene& scene, const Config& config, double delta) const override {
    const bool mmr = detail::convention_name(config) == "mmropes";
    return detail::walk_blocks(
        scene, 1, config,
        [&](detail::PositionBuilder& b, const Segment& seg, int index, double s0, int f0,
            int frames) {
          const double last = s0 - 1;  // the <img> token's id (-1 at scene start)
          const double n = static_cast<double>(frames) * seg.height * seg.width;
          const double step = mmr ? 256.0 * delta / n : delta;
          long k = 0;
          for (int f = 0; f < frames; ++f) {
            for (int r = 0; r < seg.height; ++r) {
              for (int c = 0; c < seg.width; ++c)
                b.visual(seg.modality, index, f0 + f, r, c, last + static_cast<double>(++k) * step);
            }
          }
          return snapped_ceil(last + n * step) + 1;
        });
  }
};

}  // namespace

const Variant& v2pe() {
  static const V2pe kVariant;
  return kVariant;
}

}  // namespace ropelab::variants
