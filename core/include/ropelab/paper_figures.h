#pragma once
// The papers' mechanism figures as data: what each sets up (scene, variants, view), what the
// paper claims, and the numbers the app computes for it. The GUI's "Paper figures" menu and the
// tests read the same list, so captions and numbers cannot drift apart.
#include <string>
#include <vector>

#include "ropelab/analyses.h"
#include "ropelab/config.h"
#include "ropelab/scene.h"

namespace ropelab {

enum class FigureView {
  Frequency,
  Layout,
  AdjacentIds,
  AxisLogits,
  DistractorPeriod,
  BiasMap,
  Jump,
  HeightOne,
  Properties,
  Cited
};

struct PaperFigure {
  std::string id;        // stable key, e.g. "videorope-fig4a"
  std::string title;     // "VideoRoPE Fig. 4 (a)"
  std::string claim;     // what the paper claims
  std::string computes;  // what RoPE Lab computes for it (and where it differs)
  FigureView view = FigureView::Layout;
  std::vector<std::string> variants;
  Scene scene;
  Config config;
  std::vector<int> pairs;  // frequency figures: the pairs drawn
  double t_max = 0;        // frequency figures: the position range drawn
};

const std::vector<PaperFigure>& paper_figures();
const PaperFigure* find_paper_figure(const std::string& id);

// VideoRoPE App. B: the paper's distractor period 2*pi*base^(32/128) next to the slowest temporal
// wavelength M-RoPE really has in the code's convention, and how many temporal pairs wrap.
struct DistractorPeriod {
  double paper_period = 0;             // pair P/4's wavelength: 2*pi*1e6^(32/128) = 198.7
  double code_slowest_wavelength = 0;  // the last temporal pair's (pair 15: 160.1)
  int code_slowest_pair = 0;
  int paper_pair = 0;
  int wrapping_pairs = 0;  // M-RoPE temporal pairs whose wavelength is shorter than the video
  double video_extent = 0;
};
DistractorPeriod distractor_period(const Config& config, int frames);

// VideoRoPE Fig. 5: the ids of two adjacent text tokens and of the same patch in two adjacent
// frames, per axis.
struct AdjacentIds {
  std::vector<std::string> axes;
  std::vector<double> text_a, text_b;    // two adjacent text tokens before the video
  std::vector<double> frame_a, frame_b;  // patch (0, 0) of frames 0 and 1
};
AdjacentIds adjacent_ids(const Encoding& encoding);

// Where the paper and the reference code disagree: both encodings, the tokens whose ids differ on
// any axis and the pairs that read a different axis.
struct DefinitionsDiff {
  Encoding code;
  Encoding paper;
  std::vector<std::size_t> tokens;  // ids differ
  std::vector<int> pairs;           // allocation differs
};
DefinitionsDiff definitions_diff(const Variant& variant, const Scene& scene, const Config& config);

}  // namespace ropelab
