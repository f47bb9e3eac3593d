#pragma once
// The papers' mechanism figures and the teaching entries as data: what each sets up (scene,
// variants, configuration) and every number, table, curve and heat map it shows. The GUI's one
// generic figure dialog draws FigureData; the words are in resources/teaching/figures.json with
// {placeholders} filled from FigureData::values, so a caption's numbers always come from here.
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "ropelab/analyses.h"
#include "ropelab/config.h"
#include "ropelab/scene.h"
#include "ropelab/variant.h"

namespace ropelab {

enum class FigureView {
  Frequency,
  Layout,
  AdjacentIds,
  AxisLogits,
  DistractorPeriod,
  BiasMap,
  Jump,
  TextDiagonal,
  HeightOne,
  Properties,
  Cited,
  Rotation,
  Allocation,
  Needle,
  DeltaSweep,  // VideoRoPE's layout as δ moves, beside its cited Table 6
  // Wave-2 figures (paper_figures_wave2.cpp)
  HopeQk,
  TextImageDistance,
  PositionSpan,
  AllocationMap
};

// A paper figure (or a teaching entry) to set up: the scene, variants and configuration it uses.
// Its words (claim, what is computed, what to look at) live in resources/teaching/figures.json;
// its numbers come from figure_data().
struct PaperFigure {
  std::string id;     // stable key, e.g. "videorope-fig4a"
  std::string title;  // "VideoRoPE Fig. 4 (a)"
  FigureView view = FigureView::Layout;
  std::vector<std::string> variants;
  Scene scene;
  Config config;
  std::vector<int> pairs;  // frequency figures: the pairs drawn
  double t_max = 0;        // frequency figures: the position range drawn
  bool teaching = false;   // a teaching entry (teaching:*) rather than a paper figure
};

const std::vector<PaperFigure>& paper_figures();
const PaperFigure* find_paper_figure(const std::string& id);

// ---- A figure's content as data: parameters, texts, tables, curves, heat maps ---------------

// A parameter the figure can be redrawn with (a slider in the GUI, a sweep on the CLI).
struct FigureParam {
  std::string key;
  std::string label;
  double min = 0, max = 1, step = 1, value = 0;
};
using FigureParams = std::map<std::string, double>;

// A paragraph whose words are resources/teaching/figures.json's texts[name]; its {placeholders}
// are FigureData::values.
struct FigureText {
  std::string name;
};
struct FigureTable {
  std::string name;
  std::string title;
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
  int column(const std::string& header) const;  // -1 if absent
};
struct FigureSeries {
  std::string label;
  int color = 0;  // index into the GUI's palette
  std::vector<std::pair<double, double>> points;
  std::vector<std::pair<double, double>> markers;  // rings on the curve
  bool dots = false;                               // points only, no line
};
struct FigureLine {
  double x = 0;
  std::string label;
};
struct FigurePlot {
  std::string name;
  std::string title;
  std::string x_label, y_label, note;
  std::vector<FigureSeries> series;
  std::vector<FigureLine> lines;  // vertical reference lines
  bool log_x = false;
  int marker_count() const;
};
struct FigureHeatmap {
  std::string name;
  std::string title;
  std::string row_label, column_label, note;
  RowMatrix values;
  bool log_scale = false;
  int row = 0, column = 0;  // position in the block's grid
  int range_group = -1;     // tiles of one group share a colour range
};
struct FigureHeatmaps {
  std::string name;
  std::vector<FigureHeatmap> tiles;
};
// One variant's pairs on a log-wavelength axis, coloured by the axis each pair reads.
struct FigureStrip {
  std::string label;
  std::vector<std::string> axis_names;
  std::vector<int> pairs;
  std::vector<double> wavelengths;
  std::vector<int> axes;
  double extent = 0;  // the video's temporal extent in this variant's position units
};
struct FigureStrips {
  std::string name;
  std::string title;
  std::vector<FigureStrip> strips;
  std::vector<FigureLine> lines;
};
// One rotary pair's q and k on the unit circle.
struct FigureDial {
  std::string label;
  double angle_q = 0, angle_k = 0;  // radians
};
struct FigureDials {
  std::string name;
  std::vector<FigureDial> dials;
};
struct FigureCited {
  // The GUI shows resources/teaching/cited_results.json: every table ("citedTables"), or the one
  // whose id is `name` (e.g. "videorope-table6"), its row for the figure's `highlight_key`
  // parameter (the first column's value) highlighted.
  std::string name;
  std::string highlight_key;
};
// A curve of a FigureChart: drawn in its variant's colour (views::variant_colors) and style.
struct FigureCurve {
  std::string label;
  std::string variant;  // whose colour it takes
  int style = 0;        // 0 solid, 1 dashed, 2 dotted
  std::vector<std::pair<double, double>> points;
};
// A horizontal reference line of a FigureChart.
struct FigureLevel {
  double y = 0;
  std::string label;
};
// A chart drawn with the tick engine and the variants' own colours (the wave-2 figures).
struct FigureChart {
  std::string name;
  std::string title;
  std::string x_label, y_label, note;
  std::vector<FigureCurve> curves;
  std::vector<FigureLine> lines;    // vertical reference lines
  std::vector<FigureLevel> levels;  // horizontal reference lines
  bool log_x = false, log_y = false;
  // Fixed ticks (value, label) on x, e.g. V2PE's allowed deltas 1/256 ... 1; empty = tick engine.
  std::vector<std::pair<double, std::string>> x_ticks;
  double y_min = 0, y_max = 0;  // fixed y range when y_max > y_min; else the data's
};
// One variant's frequency allocation over the head dim: which axis each rotary pair reads
// (-1: zero frequency), the unrotated pass-through dims of partial rotary, and for head-wise
// variants one pair map per KV head.
struct FigureAllocationRow {
  std::string variant;
  std::vector<std::string> axis_names;
  int head_dim = 0;                         // D: the row spans D/2 two-dim slots
  int rotary_pairs = 0;                     // R: slots 0 .. R-1 rotate, R .. D/2-1 pass through
  std::vector<std::vector<int>> pair_axis;  // one pair map per KV head (one map if not head-wise)
  std::vector<int> head_axis;               // head-wise variants: axis per KV head; else empty
  std::string pairing;                      // "half" or "adjacent"
  int nope_pairs = 0;                       // zero-frequency pairs of head 0's map
  std::string summary;                      // "t 16 · h 24 · w 24"
};
struct FigureAllocationMap {
  std::string name;
  std::string title;
  std::vector<FigureAllocationRow> rows;
  std::vector<std::string> axis_names;  // every axis name the rows use, in first-seen order
};
// One variant's index layout: its encoding of the entry's scene (core computes every id; the GUI's
// 3-D layout view only places the tokens at them).
struct FigureLayout {
  std::string variant;
  std::shared_ptr<const Encoding> encoding;
};
// The 3-D index layouts an entry talks about, one panel per variant (VideoRoPE Fig. 6, δ swept).
struct FigureLayouts {
  std::string name;
  std::string title;
  std::vector<FigureLayout> panels;
};
using FigureBlock =
    std::variant<FigureText, FigureTable, FigurePlot, FigureHeatmaps, FigureStrips, FigureDials,
                 FigureCited, FigureChart, FigureAllocationMap, FigureLayouts>;

struct FigureData {
  std::vector<FigureParam> params;
  std::vector<FigureBlock> blocks;
  std::map<std::string, std::string> values;  // formatted numbers for the texts' placeholders

  const FigureTable* table(const std::string& name) const;
  const FigurePlot* plot(const std::string& name) const;
  const FigureHeatmaps* heatmaps(const std::string& name) const;
  const FigureStrips* strips(const std::string& name) const;
  const FigureDials* dials(const std::string& name) const;
  const FigureChart* chart(const std::string& name) const;
  const FigureAllocationMap* allocation_map(const std::string& name) const;
  const FigureLayouts* layouts(const std::string& name) const;
  bool has_text(const std::string& name) const;
  std::string value(const std::string& key) const;  // throws InputError if absent
};

// Computes an entry's content; params override the entry's defaults (unknown keys or values out of
// range throw InputError naming them).
FigureData figure_data(const PaperFigure& figure, const FigureParams& params = {});
// The parameters an entry accepts, with their defaults.
std::vector<FigureParam> figure_params(const PaperFigure& figure);

// Fills {key} placeholders from values; unknown keys are left as they are.
std::string fill_template(const std::string& text,
                          const std::map<std::string, std::string>& values);

// VideoRoPE Table 1's and VRoPE Table 3's own marks (cited from the papers), by RoPE Lab id.
struct CitedMarks {
  std::string source;                // "VideoRoPE Table 1"
  std::string paper_name;            // the row's name in the paper
  std::vector<std::string> columns;  // the paper's column names
  std::vector<bool> marks;
};
std::vector<CitedMarks> cited_property_marks(const std::string& variant_id);

// Number formatting shared by the figures: 104.0, 198,692, 10⁶.
std::string format_number(double value, int decimals = 1);
std::string format_big(double value);
std::string format_base(double base);

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

// One reading of a variant's definition (e.g. qwen25-mrope: transformers float32, exact time,
// early integer cast) and the tokens whose ids differ from the first reading.
struct DefinitionReading {
  std::string label;
  Encoding encoding;
  std::vector<std::size_t> tokens;  // ids differ from readings[0]
};

// Where the reference code and another definition of the variant disagree: both encodings, the
// tokens whose ids differ on any axis and the pairs that read a different axis. The other
// definition is the first convention the variant declares besides `code`: `paper` (videorope,
// vrope), `mmropes` (Multimodal-RoPEs' implementation: hope, v2pe) or `hf` (the transformers port:
// ernie45-vl); a variant with one definition compares code with itself (`other` = "code").
// `readings` lists further readings a variant declares (qwen25-mrope: float32 as transformers,
// --exact-time, --early-cast); empty otherwise.
struct DefinitionsDiff {
  Encoding code;
  Encoding paper;  // the other definition's encoding (named for the first case, the papers)
  std::vector<std::size_t> tokens;  // ids differ
  std::vector<int> pairs;           // allocation differs
  std::vector<DefinitionReading> readings;
  std::string other = "paper";  // the convention `paper` was encoded with
};
// The conventions a variant declares besides "code" ("paper", "mmropes", "hf"), in order.
std::vector<std::string> other_conventions(const Variant& variant);
DefinitionsDiff definitions_diff(const Variant& variant, const Scene& scene, const Config& config);

// VideoRoPE Fig. 3: the frame x frame mean of the all-ones logits between the first visual
// segment's tokens, restricted to one axis's pairs (axis < 0: all pairs). Built from
// logits_by_axis and frame_by_frame.
RowMatrix axis_frame_logits(const Encoding& encoding, int axis);
// The same for every axis at once: [all pairs, axis 0, axis 1, ...].
std::vector<RowMatrix> axis_frame_logits_all(const Encoding& encoding);

// ---- The wave-2 papers' arguments as numbers (hope-qk-distance, circle-rope-distance,
// v2pe-span, allocation-map) -------------------------------------------------------------------

// HoPE's semantic-preference gap for a key offset by `offset` (one value per axis) from the query:
// with q's entries i.i.d. zero mean, variance s^2, a similar key k = q + noise and an unrelated key
// k', E[q.R k] - E[q.R k'] = s^2 (2 sum_j cos(offset[a_j] theta_j) + (D - 2R)), divided by its
// value at offset 0 (D s^2): 1 at offset 0, NoPE pairs and pass-through dims count 1 always.
double expected_qk(const Encoding& encoding, const std::vector<double>& offset);
// The mean of cos(distance * theta_j) over `pairs` (a NoPE pair contributes 1).
double pairs_similarity(const Encoding& encoding, const std::vector<int>& pairs, double distance);
// The pairs a variant reserves for time: those reading its temporal axis and the zero-frequency
// (NoPE) ones (HoPE's temporal section).
std::vector<int> temporal_section(const Encoding& encoding);
// Euclidean distance of the ids (over all axes) from `text_token` to every token of visual
// segment `segment`, in token order (Circle-RoPE's per-token distance).
std::vector<double> text_image_distances(const Encoding& encoding, std::size_t text_token,
                                         int segment);
// The scene's position span: the largest id minus the smallest, over every token and axis.
double position_span(const Encoding& encoding);
// A variant's allocation over the head dim (one map per KV head for head-wise variants).
FigureAllocationRow allocation_row(const Variant& variant, const Config& config);

}  // namespace ropelab
