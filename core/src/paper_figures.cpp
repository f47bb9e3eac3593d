#include "ropelab/paper_figures.h"

#include <cmath>
#include <numeric>

#include "ropelab/error.h"
#include "ropelab/registry.h"
#include "ropelab/rope.h"

namespace ropelab {

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

PaperFigure figure(std::string id, std::string title, std::string claim, std::string computes,
                   FigureView view, std::vector<std::string> variants, Scene scene, Config config) {
  PaperFigure f;
  f.id = std::move(id);
  f.title = std::move(title);
  f.claim = std::move(claim);
  f.computes = std::move(computes);
  f.view = view;
  f.variants = std::move(variants);
  f.scene = std::move(scene);
  f.config = std::move(config);
  return f;
}

std::vector<PaperFigure> build_figures() {
  std::vector<PaperFigure> list;
  PaperFigure fig4a = figure(
      "videorope-fig4a", "VideoRoPE Fig. 4 (a): M-RoPE's temporal frequencies",
      "M-RoPE puts time on the highest frequencies: over a long video its temporal pairs oscillate "
      "many times, so distant frames can look alike (a 'hash collision').",
      "cos(t * theta_j) for M-RoPE's temporal pairs 13-15 over t in [0, 500] at base 1e6, D = 128; "
      "points mark where t passes a pair's wavelength.",
      FigureView::Frequency, {"mrope"}, Scene::text_video_text(4, 500, 2, 2, 4), config_with(1e6));
  fig4a.pairs = pair_range(13, 15);
  fig4a.t_max = 500;
  list.push_back(fig4a);
  PaperFigure fig4b =
      figure("videorope-fig4b", "VideoRoPE Fig. 4 (b): VideoRoPE's temporal frequencies",
             "VideoRoPE gives time the lowest frequencies (LTA): the temporal pairs are monotone "
             "over any realistic video, so no collisions.",
             "cos(t * theta_j) for VideoRoPE's temporal pairs 48-50 over t in [0, 20000] at base "
             "1e6, D = 128.",
             FigureView::Frequency, {"videorope"}, Scene::text_video_text(4, 500, 2, 2, 4),
             config_with(1e6, 2.0));
  fig4b.pairs = pair_range(48, 50);
  fig4b.t_max = 20000;
  list.push_back(fig4b);
  list.push_back(figure(
      "videorope-fig5", "VideoRoPE Fig. 5: ids of adjacent tokens",
      "Adjacent text tokens differ by one on every axis; M-RoPE gives the same patch in adjacent "
      "frames equal spatial ids, VideoRoPE moves the whole frame along the diagonal by delta.",
      "The per-axis ids of two adjacent text tokens and of patch (0, 0) in frames 0 and 1, for "
      "vanilla, M-RoPE and VideoRoPE.",
      FigureView::AdjacentIds, {"vanilla", "mrope", "videorope"}, Scene::default_scene(),
      config_with(1e6, 2.0)));
  list.push_back(figure("videorope-fig6", "VideoRoPE Fig. 6: 3-D index layouts",
                        "Vanilla RoPE is a line; M-RoPE stacks frames on the same spatial ids; "
                        "VideoRoPE puts frame centres on the diagonal t = x = y, spread by delta.",
                        "Every token at its ids (t, h, w) for vanilla (padded with zeros), M-RoPE "
                        "and VideoRoPE, side by side.",
                        FigureView::Layout, {"vanilla", "mrope", "videorope"},
                        Scene::default_scene(), config_with(1e6, 2.0)));
  list.push_back(
      figure("videorope-fig3", "VideoRoPE Fig. 3: positional logits per axis",
             "M-RoPE's attention pattern splits into a temporal and spatial parts; its temporal "
             "band is narrow because time sits on high frequencies.",
             "All-ones q/k logits of the first text token after the video, split into the sum over "
             "each axis's pairs, averaged frame by frame. Needle-specific peaks need real content.",
             FigureView::AxisLogits, {"mrope", "videorope"}, Scene::text_video_text(4, 32, 4, 4, 4),
             config_with(1e6, 2.0)));
  list.push_back(
      figure("videorope-appb", "VideoRoPE App. B: the distractor period",
             "V-NIAH-D places distractors every 2*pi*1e6^(32/128) ~ 198.7 frames (rounded to 200), "
             "called M-RoPE's lowest temporal frequency.",
             "In the code's convention (inv_freq[j] = base^(-2j/D), time on pairs 0-15) M-RoPE's "
             "slowest temporal pair is j = 15 with wavelength ~160.1; 198.7 is pair 16's. Both are "
             "shown with the number of temporal pairs that wrap within the video.",
             FigureView::DistractorPeriod, {"mrope"}, Scene::text_video_text(4, 3000, 1, 1, 4),
             config_with(1e6)));
  list.push_back(figure("vrope-fig2", "VRoPE Fig. 1 (a) / Fig. 2: spatial attention bias",
                        "Flattened RoPE decays row by row; RoPE-3D concentrates on the "
                        "bottom-right of each frame; VRoPE's symmetric layout is near uniform.",
                        "The frame-averaged H x W softmax map of the first text token after the "
                        "video with all-ones q/k. With a content-free prior M-RoPE's [16, 24, 24] "
                        "split shows the gradient down the rows only, and VRoPE is not flatter "
                        "than M-RoPE: the paper's trained-model maps are only partly reproduced.",
                        FigureView::BiasMap, {"vanilla", "mrope", "vrope"},
                        Scene::text_video_text(8, 16, 8, 8, 8), config_with(1e4)));
  list.push_back(
      figure("vrope-fig1b", "VRoPE Fig. 1 (b) / Sec. 3.4: the video-to-text jump",
             "RoPE-3D resumes text at the block start plus max(T, H, W), so the jump on h and w "
             "grows with T; VRoPE keeps equal centre gaps (H + W) / 2 before and after the video.",
             "Per-axis jumps into and out of the video and the centre gaps, for T = 1..64.",
             FigureView::Jump, {"mrope", "vrope"}, Scene::text_video_text(4, 16, 4, 4, 4),
             config_with(1e4)));
  list.push_back(figure("vrope-appa", "VRoPE App. A: H = 1 reduces to 1-D",
                        "With H = 1 VRoPE's four indices become (w, w, -w, -w): a 1-D form, unlike "
                        "(w, 0) for separate encodings.",
                        "VRoPE's ids for a video with H = 1: u1 = u2 and u3 = u4 on every token.",
                        FigureView::HeightOne, {"vrope"}, Scene::text_video_text(2, 3, 1, 6, 2),
                        config_with(1e4)));
  list.push_back(figure(
      "property-table", "VideoRoPE Table 1 / VRoPE Table 3: properties",
      "Only VideoRoPE has all of 3-D structure, low-frequency temporal allocation, spatial "
      "symmetry and temporal scaling; VRoPE claims unbiasedness and a seamless transition.",
      "Each property computed from the variant's ids and allocation on probe scenes (analyses.md "
      "§9).",
      FigureView::Properties,
      {"vanilla", "tad", "mrope", "videorope", "vrope", "rope-2d", "rope-share", "rope-compact"},
      Scene::default_scene(), config_with(1e4)));
  list.push_back(figure("cited-results", "Trained-model results (cited, not computed)",
                        "V-NIAH / V-NIAH-D heatmaps, benchmark tables and VRoPE's boundary "
                        "attention weights come from trained models.",
                        "RoPE Lab cannot compute these without model weights; it shows the papers' "
                        "numbers as a cited table and never fakes them.",
                        FigureView::Cited, {}, Scene::default_scene(), Config{}));
  return list;
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

DefinitionsDiff definitions_diff(const Variant& variant, const Scene& scene, const Config& config) {
  Config code = config, paper = config;
  code.options.set("convention", std::string("code"));
  paper.options.set("convention", std::string("paper"));
  DefinitionsDiff diff{encode(variant, scene, code), encode(variant, scene, paper), {}, {}};
  const std::size_t n = std::min(diff.code.token_count(), diff.paper.token_count());
  for (std::size_t i = 0; i < n; ++i) {
    if (diff.code.positions.ids.col(static_cast<Eigen::Index>(i)) !=
        diff.paper.positions.ids.col(static_cast<Eigen::Index>(i)))
      diff.tokens.push_back(i);
  }
  for (int j = 0; j < diff.code.pairs(); ++j) {
    if (diff.code.pair_axis[j] != diff.paper.pair_axis[j]) diff.pairs.push_back(j);
  }
  return diff;
}

}  // namespace ropelab
