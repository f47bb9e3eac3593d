// The "Paper figures" entries and the numbers they report.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <variant>

#include "helpers.h"
#include "ropelab/analyses.h"
#include "ropelab/error.h"
#include "ropelab/paper_figures.h"
#include "ropelab/registry.h"

namespace ropelab::test {
namespace {

nlohmann::json teaching_json(const std::string& name) {
  std::ifstream in(std::string(ROPELAB_SOURCE_DIR) + "/resources/teaching/" + name);
  EXPECT_TRUE(in.good()) << name;
  return nlohmann::json::parse(in);
}

const FigureTable& table(const FigureData& d, const std::string& name) {
  const FigureTable* t = d.table(name);
  if (!t) throw std::runtime_error("no table " + name);
  return *t;
}

FigureData data(const std::string& id, const FigureParams& params = {}) {
  return figure_data(*find_paper_figure(id), params);
}

TEST(PaperFigures, EveryEntryIsCompleteAndEncodes) {
  const nlohmann::json words = teaching_json("figures.json").at("figures");
  std::set<std::string> ids;
  for (const PaperFigure& f : paper_figures()) {
    EXPECT_TRUE(ids.insert(f.id).second) << "duplicate " << f.id;
    EXPECT_FALSE(f.title.empty());
    ASSERT_TRUE(words.contains(f.id)) << f.id << " has no words in figures.json";
    EXPECT_FALSE(words.at(f.id).value("claim", "").empty()) << f.id;
    EXPECT_FALSE(words.at(f.id).value("computes", "").empty()) << f.id;
    for (const std::string& v : f.variants)
      EXPECT_NO_THROW(encode(*find_variant(v), f.scene, f.config)) << f.id << " " << v;
  }
  EXPECT_GE(ids.size(), 15u);
  for (const char* id :
       {"teaching:rotation", "teaching:allocation", "teaching:needle", "vrope-fig3b"})
    EXPECT_TRUE(find_paper_figure(id)) << id;
}

// Every caption and text of figures.json: each {placeholder} is a value core computes for the
// entry, every FigureText block has its words, and every decimal number written in the words
// (section numbers aside) is one of the entry's computed values (so no caption quotes a number core
// does not produce).
TEST(PaperFigures, CaptionNumbersComeFromCore) {
  const nlohmann::json words = teaching_json("figures.json").at("figures");
  const std::regex placeholder(R"(\{([A-Za-z0-9_\-]+)\})");
  const std::regex decimal(R"((\d[\d,]*\.\d+))");
  for (const PaperFigure& f : paper_figures()) {
    const FigureData d = figure_data(f);
    const nlohmann::json& w = words.at(f.id);
    std::vector<std::string> texts;
    for (const char* key : {"claim", "computes", "reference", "lookAt", "trained"})
      texts.push_back(w.value(key, ""));
    const nlohmann::json words_texts = w.value("texts", nlohmann::json::object());
    for (const auto& [name, text] : words_texts.items()) texts.push_back(text.get<std::string>());
    for (const FigureBlock& b : d.blocks) {
      if (const auto* t = std::get_if<FigureText>(&b)) {
        EXPECT_TRUE(words_texts.contains(t->name)) << f.id << ": no words for text " << t->name;
      }
    }
    std::set<std::string> values;
    for (const auto& [k, v] : d.values) values.insert(v);
    for (const std::string& text : texts) {
      for (auto it = std::sregex_iterator(text.begin(), text.end(), placeholder);
           it != std::sregex_iterator(); ++it) {
        EXPECT_TRUE(d.values.count((*it)[1].str()))
            << f.id << ": {" << (*it)[1].str() << "} is not a computed value";
      }
      const std::string filled = fill_template(text, d.values);
      EXPECT_EQ(filled.find('{'), std::string::npos) << f.id << ": " << filled;
      for (auto it = std::sregex_iterator(text.begin(), text.end(), decimal);
           it != std::sregex_iterator(); ++it) {
        const auto at = static_cast<std::size_t>(it->position(1));
        if (at >= 5 && text.compare(at - 5, 5, "Sec. ") == 0) continue;  // a section number
        EXPECT_TRUE(values.count((*it)[1].str())) << f.id << ": the number " << (*it)[1].str()
                                                  << " in '" << text << "' is not computed by core";
      }
    }
  }
}

TEST(PaperFigures, Fig4WavelengthsAndCollisions) {
  const FigureData a = data("videorope-fig4a");
  EXPECT_EQ(a.value("lambda_13"), "104.0");
  EXPECT_EQ(a.value("lambda_14"), "129.0");
  EXPECT_EQ(a.value("lambda_15"), "160.1");
  EXPECT_EQ(a.value("temporal_pairs"), "0\u201315");
  const FigurePlot* plot = a.plot("frequencyPlot");
  ASSERT_TRUE(plot);
  EXPECT_EQ(plot->series.size(), 3u);
  EXPECT_EQ(plot->marker_count(), 4 + 3 + 3);  // floor(500 / 104.0), (500 / 129.0), (500 / 160.1)
  EXPECT_NEAR(plot->series[2].markers.front().first, 160.1, 0.05);
  const FigureTable& pairs = table(a, "pairTable");
  EXPECT_EQ(pairs.rows[2][3], "160.1");
  EXPECT_EQ(pairs.rows[0][1], "t");
  const FigureData b = data("videorope-fig4b");
  EXPECT_EQ(b.value("lambda_48"), "198,692");
  EXPECT_EQ(b.value("lambda_49"), "246,564");
  EXPECT_EQ(b.value("lambda_50"), "305,971");
  EXPECT_EQ(b.plot("frequencyPlot")->marker_count(), 0);
  EXPECT_EQ(b.value("temporal_pairs"), "48\u201363");
}

TEST(PaperFigures, AppendixBTables) {
  const FigureData d = data("videorope-appb");
  EXPECT_EQ(d.value("paper_period"), "198.7");
  EXPECT_EQ(d.value("slowest_wavelength"), "160.1");
  EXPECT_EQ(d.value("wrapping"), "16");
  const FigureTable& periods = table(d, "periodTable");
  EXPECT_EQ(periods.rows[0][1], "16");
  EXPECT_EQ(periods.rows[0][2], "198.7");
  EXPECT_EQ(periods.rows[1][1], "15");
  EXPECT_EQ(periods.rows[1][2], "160.1");
  EXPECT_EQ(periods.rows[3][2], "5,063,256");  // VideoRoPE's slowest temporal pair, j = 63
  const FigureTable& wraps = table(d, "wrapTable");
  EXPECT_EQ(wraps.rows.back(), (std::vector<std::string>{"3000", "2999", "16", "0"}));
  EXPECT_EQ(wraps.rows[1], (std::vector<std::string>{"100", "99", "13", "0"}));  // 104.0 > 99
}

TEST(PaperFigures, Fig5CentringConventions) {
  const FigureData d = data("videorope-fig5");
  EXPECT_EQ(d.value("code_frame0"), "(4, 3, 3)");   // h - floor((H-1)/2), H = 4
  EXPECT_EQ(d.value("paper_frame0"), "(4, 2, 2)");  // h - H/2
  const FigureTable& t = table(d, "adjacentTable");
  EXPECT_EQ(t.rows[3][4], "(1, 0, 0)");  // M-RoPE: next frame, same patch
  EXPECT_EQ(t.rows[5][4], "(2, 2, 2)");  // VideoRoPE: the frame moves by delta
}

// axis_frame_logits against the definition: mean over token pairs of (2/sqrt(D)) sum cos.
TEST(PaperFigures, Fig3AxisLogitsMatchTheDefinition) {
  const PaperFigure& f = *find_paper_figure("videorope-fig3");
  const Encoding e =
      encode(*find_variant("mrope"), Scene::text_video_text(2, 4, 2, 2, 2), f.config);
  for (int axis = -1; axis < 3; ++axis) {
    const RowMatrix m = axis_frame_logits(e, axis);
    ASSERT_EQ(m.rows(), 4);
    const TokenLayout& t = e.positions.tokens;
    RowMatrix sum = RowMatrix::Zero(4, 4), count = RowMatrix::Zero(4, 4);
    for (std::size_t a = 0; a < t.size(); ++a) {
      for (std::size_t b = 0; b < t.size(); ++b) {
        if (t.modality[a] == Modality::Text || t.modality[b] == Modality::Text) continue;
        double l = 0;
        for (int j = 0; j < e.pairs(); ++j) {
          if (axis >= 0 && e.pair_axis[j] != axis) continue;
          l += std::cos((e.pair_position(a, j) - e.pair_position(b, j)) * e.inv_freq[j]);
        }
        sum(t.frame[a], t.frame[b]) += 2.0 / std::sqrt(128.0) * l;
        count(t.frame[a], t.frame[b]) += 1;
      }
    }
    EXPECT_LT((m - sum.cwiseQuotient(count)).cwiseAbs().maxCoeff(), 1e-9) << axis;
  }
  const FigureData d = figure_data(f);
  EXPECT_EQ(d.heatmaps("axisLogits")->tiles.size(), 8u);  // (all + 3 axes) x 2 variants
  EXPECT_GT(std::stod(d.value("mrope_t_contrast")),
            5 * std::abs(std::stod(d.value("videorope_t_contrast"))));
}

TEST(PaperFigures, BiasMapsAndTheSymmetricOffAblation) {
  const FigureData d = data("vrope-fig2");
  const FigureTable& t = table(d, "biasTable");
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(t.rows[3][0], "vrope-symmetric-off");
  EXPECT_GT(std::stod(t.rows[3][1]), 3 * std::stod(t.rows[2][1]));
  const FigureData p = data("property-table");
  EXPECT_EQ(p.value("scene"), "text 4 \u00b7 video 8\u00d74\u00d74 \u00b7 text 4");
  EXPECT_EQ(p.value("vrope_ratio_1e4"), "1.71");
  EXPECT_EQ(p.value("vrope_symoff_ratio_1e4"), "7.82");
  EXPECT_EQ(p.value("mrope_ratio_1e4"), "1.14");
  EXPECT_EQ(p.value("mrope_ratio_1e6"), "1.01");  // why M-RoPE is 'unbiased' at base 1e6
  Config c;
  c.base = 1e6;
  EXPECT_TRUE(properties(*find_variant("mrope"), c).unbiased);
  c.base = 1e4;
  EXPECT_FALSE(properties(*find_variant("mrope"), c).unbiased);
}

TEST(PaperFigures, PropertyTableShowsThePapersMarks) {
  const FigureData d = data("property-table");
  const FigureTable& t = table(d, "propertyMatrix");
  ASSERT_EQ(t.rows.size(), 9u);
  const int t1 = t.column("VideoRoPE Table 1 (cited)"), t3 = t.column("VRoPE Table 3 (cited)");
  ASSERT_GE(t1, 0);
  ASSERT_GE(t3, 0);
  const int scaling = t.column("temporal scaling");
  for (const auto& row : t.rows) {
    if (row[0] == "rope-tie") {  // VideoRoPE Table 1: 3-D and symmetry, no allocation or scaling
      EXPECT_EQ(row[static_cast<std::size_t>(t1)], "\u2713 \u2717 \u2713 \u2717");
    }
    if (row[0] == "tad") {  // the disagreement the TAD note explains
      EXPECT_EQ(row[static_cast<std::size_t>(t1)], "\u2717 \u2717 \u2717 \u2713");
      EXPECT_EQ(row[static_cast<std::size_t>(scaling)], "\u2717");
    }
    if (row[0] == "vrope") {
      EXPECT_EQ(row[static_cast<std::size_t>(t3)], "\u2713 \u2713 \u2713");
    }
  }
  EXPECT_TRUE(d.has_text("tadNote"));
  // Setting the base changes the unbiased judgement and says so in the title.
  const FigureData six = data("property-table", {{"base_exponent", 6}});
  EXPECT_NE(table(six, "propertyMatrix").title.find("10\u2076"), std::string::npos);
  EXPECT_THROW(data("property-table", {{"base_exponent", 99}}), InputError);
  EXPECT_THROW(data("property-table", {{"nope", 1}}), InputError);
}

// The cited marks core shows equal the cited table resources/teaching/cited_results.json holds.
TEST(PaperFigures, CitedMarksMatchTheCitedTables) {
  const nlohmann::json cited = teaching_json("cited_results.json");
  const std::map<std::string, std::string> names{{"RoPE", "vanilla"},
                                                 {"RoPE-2D", "rope-2d"},
                                                 {"RoPE-3D", "mrope"},
                                                 {"RoPE-Share", "rope-share"},
                                                 {"RoPE-Compact", "rope-compact"},
                                                 {"VRoPE", "vrope"},
                                                 {"Vanilla RoPE", "vanilla"},
                                                 {"TAD-RoPE", "tad"},
                                                 {"RoPE-Tie", "rope-tie"},
                                                 {"M-RoPE", "mrope"},
                                                 {"VideoRoPE", "videorope"}};
  int checked = 0;
  for (const auto& table : cited.at("tables")) {
    const std::string id = table.at("id");
    if (id != "vrope-table3" && id != "videorope-table1") continue;
    const std::string source = id == "vrope-table3" ? "VRoPE Table 3" : "VideoRoPE Table 1";
    const std::size_t marks = id == "vrope-table3" ? 3 : 4;
    for (const auto& row : table.at("rows")) {
      const auto it = names.find(row.at(0).get<std::string>());
      if (it == names.end()) continue;
      for (const CitedMarks& m : cited_property_marks(it->second)) {
        if (m.source != source) continue;
        for (std::size_t i = 0; i < marks; ++i)
          EXPECT_EQ(m.marks[i], row.at(i + 1).get<std::string>() == "yes")
              << id << " " << it->first;
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 6 + 5);
}

TEST(PaperFigures, JumpAndTextDiagonal) {
  const FigureData d = data("vrope-fig1b");
  const FigureTable& vs = table(d, "jumpVsT");
  const int h = vs.column("mrope h");
  ASSERT_GT(h, 0);
  EXPECT_EQ(vs.rows[6][static_cast<std::size_t>(h)], "61");  // T = 64: 64 - (H - 1)
  EXPECT_EQ(d.plot("jumpPlot")->series.front().points.size(), 64u);
  for (int T = 1; T <= 64; T += 9) {
    const FigureData t = data("vrope-fig3b", {{"T", T}});
    EXPECT_EQ(t.value("vrope_gap_before"), "4") << T;  // (H + W) / 2
    EXPECT_EQ(t.value("vrope_gap_after"), "4") << T;
  }
  EXPECT_LT(std::stod(data("vrope-fig3b", {{"T", 8}}).value("mrope_gap_after")),
            std::stod(data("vrope-fig3b", {{"T", 64}}).value("mrope_gap_after")));
}

TEST(PaperFigures, RotationIsRelative) {
  const FigureData d = data("teaching:rotation", {{"m", 5}, {"n", 2}, {"pair", 0}});
  const double scale = 2 / std::sqrt(128.0);
  EXPECT_EQ(d.value("contribution"), "-0.1750");  // (2/sqrt 128) cos(3 rad)
  EXPECT_NEAR(scale * std::cos(3.0), -0.1750, 5e-5);
  EXPECT_EQ(d.value("angle_diff"), "171.9");  // 3 rad in degrees
  const FigureDials* dials = d.dials("rotationDials");
  ASSERT_TRUE(dials);
  EXPECT_DOUBLE_EQ(dials->dials[0].angle_q, 5.0);
  EXPECT_DOUBLE_EQ(dials->dials[0].angle_k, 2.0);
  // Shifting both positions keeps the logit: relative position only.
  EXPECT_EQ(data("teaching:rotation", {{"m", 30}, {"n", 27}}).value("logit"), d.value("logit"));
  EXPECT_EQ(data("teaching:rotation", {{"m", 9}, {"n", 9}}).value("logit"), "11.314");
  // The sum over pairs equals the vanilla all-ones logit core computes.
  const Encoding e = encode(*find_variant("vanilla"), Scene::text_video_text(16, 1, 1, 1, 16),
                            find_paper_figure("teaching:rotation")->config);
  const RowMatrix parts = logits_by_axis(e, 5);
  EXPECT_NEAR(parts(0, 2), std::stod(d.value("logit")), 5e-4);
}

TEST(PaperFigures, AllocationListsEveryRegisteredVariant) {
  const FigureData d = data("teaching:allocation");
  const FigureStrips* s = d.strips("allocationStrips");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->strips.size(), all_variants().size());
  ASSERT_EQ(s->lines.size(), 2u);
  EXPECT_NEAR(s->lines[0].x, 160.1, 0.05);
  EXPECT_NEAR(s->lines[1].x, 198.7, 0.05);
  const FigureData t = data("teaching:allocation", {{"temporal_only", 1}, {"frames", 100}});
  for (const FigureStrip& strip : t.strips("allocationStrips")->strips) {
    if (strip.label == "mrope") {
      EXPECT_EQ(strip.pairs,
                (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}));
      EXPECT_EQ(strip.extent, 99);
    }
    if (strip.label == "videorope") {
      EXPECT_EQ(strip.pairs.front(), 48);
      EXPECT_EQ(strip.pairs.back(), 63);
      EXPECT_EQ(strip.extent, 198);  // delta (T - 1)
    }
  }
  EXPECT_EQ(t.plot("fig4Curves")->series.size(), 6u);
}

TEST(PaperFigures, NeedleSimilarity) {
  const FigureData d = data("teaching:needle", {{"similarity", 0.5}, {"period", 200}});
  EXPECT_EQ(d.value("videorope_s1"), "1.000");  // slow pairs barely turn over 200 frames
  const Encoding m = encode(*find_variant("mrope"), Scene::text_video_text(4, 1000, 1, 1, 4),
                            find_paper_figure("teaching:needle")->config);
  char expected[32];
  std::snprintf(expected, sizeof expected, "%.3f", similarity(m, 0, 200));
  EXPECT_EQ(d.value("mrope_s1"), expected);
  const FigureTable& t = table(d, "needleTable");
  EXPECT_NEAR(std::stod(t.rows[0][3]), 0.5 * std::stod(t.rows[0][2]), 1e-3);  // s x S_t
}

// The entries about 3-D index layouts carry the layouts themselves: one panel per variant of the
// entry, in its order, before the landmark table, each the variant's encoding of the entry's scene.
TEST(PaperFigures, LayoutEntriesCarryOnePanelPerVariant) {
  for (const char* id : {"videorope-fig6", "teaching:delta"}) {
    const PaperFigure& f = *find_paper_figure(id);
    const FigureData d = figure_data(f);
    const FigureLayouts* layouts = d.layouts("layouts");
    ASSERT_TRUE(layouts) << id;
    EXPECT_FALSE(layouts->title.empty()) << id;
    ASSERT_EQ(layouts->panels.size(), f.variants.size()) << id;
    for (std::size_t i = 0; i < f.variants.size(); ++i) {
      const FigureLayout& panel = layouts->panels[i];
      EXPECT_EQ(panel.variant, f.variants[i]) << id;
      ASSERT_TRUE(panel.encoding) << id << " " << panel.variant;
      const Variant& v = *find_variant(f.variants[i]);
      Config config = f.config;
      if (!v.info().has_delta) config.delta.reset();
      const Encoding expected = encode(v, f.scene, config);
      EXPECT_EQ(panel.encoding->variant, &v) << id;
      EXPECT_EQ(panel.encoding->positions.ids, expected.positions.ids) << id << " " << v.id();
    }
    // The layouts come first: the landmark table only reads exact ids off them.
    const auto layouts_at = std::find_if(d.blocks.begin(), d.blocks.end(), [](const auto& b) {
      return std::holds_alternative<FigureLayouts>(b);
    });
    const auto table_at = std::find_if(d.blocks.begin(), d.blocks.end(), [](const auto& b) {
      const auto* t = std::get_if<FigureTable>(&b);
      return t && t->name == "layoutTable";
    });
    EXPECT_LT(layouts_at - d.blocks.begin(), table_at - d.blocks.begin()) << id;
    EXPECT_EQ(table(d, "layoutTable").title, "Landmark tokens") << id;
  }
}

// δ swept: the panel is VideoRoPE's encoding at the slider's δ, so its last video token's t id
// moves by 7 δ from the first frame's (8 frames) exactly as the landmark table and the text say.
TEST(PaperFigures, DeltaSweepLayoutFollowsDelta) {
  const PaperFigure& f = *find_paper_figure("teaching:delta");
  const Variant& videorope = *find_variant("videorope");
  std::set<double> last_t;
  for (const double delta : {0.5, 1.0, 2.0, 2.5, 3.0}) {
    const FigureData d = figure_data(f, {{"delta", delta}});
    const FigureLayouts* layouts = d.layouts("layouts");
    ASSERT_TRUE(layouts);
    ASSERT_EQ(layouts->panels.size(), 1u);
    const Encoding& shown = *layouts->panels.front().encoding;
    Config config = f.config;
    config.delta = delta;
    const Encoding expected = encode(videorope, f.scene, config);
    EXPECT_EQ(shown.positions.ids, expected.positions.ids) << delta;
    EXPECT_NE(layouts->title.find(format_number(delta, 2)), std::string::npos) << layouts->title;
    // text 4 · video 8x4x4 · text 4: the video is tokens 4 .. 131.
    const std::size_t first = 4, last = 4 + 8 * 4 * 4 - 1;
    ASSERT_EQ(shown.positions.tokens.modality[last], Modality::Video);
    ASSERT_EQ(shown.positions.tokens.modality[last + 1], Modality::Text);
    EXPECT_DOUBLE_EQ(shown.id(0, last) - shown.id(0, first), 7 * delta) << delta;
    EXPECT_EQ(d.value("extent"), format_number(7 * delta, 2));
    last_t.insert(shown.id(0, last));
    const FigureTable& landmarks = table(d, "layoutTable");
    const auto row = std::find_if(landmarks.rows.begin(), landmarks.rows.end(),
                                  [](const auto& r) { return r[1] == "last frame, last patch"; });
    ASSERT_NE(row, landmarks.rows.end());
    EXPECT_EQ((*row)[2], std::to_string(last));
    EXPECT_EQ((*row)[3].rfind("(t=" + format_number(shown.id(0, last), 2) + ", ", 0), 0u)
        << (*row)[3];
  }
  EXPECT_EQ(last_t.size(), 5u);  // every δ moves the last frame
}

// Lesson 8's claim, checked against core: in the code's convention VideoRoPE steps into and out of
// the video equally for every delta; in the paper's the step in is 1 and the step out delta, and
// the property table reports spatial symmetry false.
TEST(PaperFigures, LessonSymmetryClaim) {
  const nlohmann::json lessons = teaching_json("lessons.json").at("lessons");
  std::string text;
  for (const auto& l : lessons)
    if (l.at("title") == "Layout symmetry and \u03b4") text = l.at("text");
  ASSERT_FALSE(text.empty());
  EXPECT_NE(text.find("max(t) + 1"), std::string::npos);
  EXPECT_NE(text.find("not because of \u03b4"), std::string::npos);
  EXPECT_NE(text.find("the step in is 1 and the step out is \u03b4"), std::string::npos);
  for (double delta : {1.0, 2.0, 3.0}) {
    Config code, paper;
    code.delta = paper.delta = delta;
    paper.options.set("convention", std::string("paper"));
    const Variant& v = *find_variant("videorope");
    EXPECT_TRUE(properties(v, code).spatial_symmetry) << delta;
    EXPECT_FALSE(properties(v, paper).spatial_symmetry) << delta;
    const JumpReport jc = boundary_jumps(encode(v, Scene::text_video_text(4, 8, 5, 5, 4), code));
    const JumpReport jp = boundary_jumps(encode(v, Scene::text_video_text(4, 8, 5, 5, 4), paper));
    EXPECT_EQ(jc.before[0], jc.after[0]) << delta;
    EXPECT_EQ(jp.before[0], 1) << delta;
    EXPECT_EQ(jp.after[0], delta);
  }
}

// Lesson 7's claims: at base 1e6 M-RoPE wraps all 16 temporal pairs over 3000 frames and VideoRoPE
// none; at base 1e4 VideoRoPE wraps 9 of 16 on a 10,000-frame video.
TEST(PaperFigures, LessonWrapClaims) {
  const nlohmann::json lessons = teaching_json("lessons.json").at("lessons");
  std::string text;
  for (const auto& l : lessons)
    if (l.at("title") == "Frequency allocation and collisions") {
      text = l.at("text");
      EXPECT_EQ(l.at("figure"), "videorope-appb");
    }
  EXPECT_NE(text.find("base 10\u2076"), std::string::npos);
  const FigureData d = data("videorope-appb");
  const std::string filled = fill_template(text, d.values);
  EXPECT_NE(filled.find("3000-frame video 16 of M-RoPE's 16"), std::string::npos) << filled;
  EXPECT_NE(filled.find("wraps 9 of VideoRoPE's 16"), std::string::npos);
  for (const auto& [base, wraps] : std::vector<std::pair<double, int>>{{1e4, 9}, {1e6, 0}}) {
    Config c;
    c.base = base;
    c.delta = 2.0;
    EXPECT_EQ(
        collisions(encode(*find_variant("videorope"), Scene::text_video_text(1, 10000, 1, 1, 1), c))
            .wrapping_pairs,
        wraps);
  }
}

// Every lesson's placeholders resolve from its figure; lessons that open a figure name a real one.
TEST(PaperFigures, LessonsAreFilledFromCore) {
  const nlohmann::json lessons = teaching_json("lessons.json").at("lessons");
  EXPECT_EQ(lessons.size(), 11u);
  EXPECT_EQ(lessons.front().at("figure"), "teaching:rotation");
  EXPECT_EQ(lessons.at(2).at("figure"), "teaching:allocation");
  EXPECT_NE(lessons.back().at("title").get<std::string>().find("newer"), std::string::npos);
  for (const auto& l : lessons) {
    const std::string text = l.at("text");
    if (!l.contains("figure")) {
      EXPECT_EQ(text.find('{'), std::string::npos) << text;
      continue;
    }
    const PaperFigure* f = find_paper_figure(l.at("figure"));
    ASSERT_TRUE(f) << l.at("figure");
    FigureParams params;
    const nlohmann::json given = l.value("params", nlohmann::json::object());
    for (const auto& [k, v] : given.items()) params[k] = v.get<double>();
    const std::string filled = fill_template(text, figure_data(*f, params).values);
    EXPECT_EQ(filled.find('{'), std::string::npos) << filled;
  }
}

// Lessons that set their own scene and base (so what they say is on screen whatever came before)
// name a scene core parses and a real base; the layout lessons show more than one frame.
TEST(PaperFigures, LessonScenesParse) {
  const nlohmann::json lessons = teaching_json("lessons.json").at("lessons");
  int withScene = 0;
  for (const auto& l : lessons) {
    if (l.contains("base")) {
      EXPECT_GT(l.at("base").get<double>(), 1.0) << l.at("title");
    }
    if (!l.contains("scene")) continue;
    ++withScene;
    const Scene scene = Scene::parse(l.at("scene").get<std::string>());
    if (l.at("view") == "layout") {
      const Segment& video =
          scene.segments.at(static_cast<std::size_t>(scene.first_visual_segment()));
      EXPECT_GT(video.frames, 1) << l.at("title");
      EXPECT_GT(video.height * video.width, 1) << l.at("title");
    }
  }
  EXPECT_GE(withScene, 5);
}

// The property-table entry's words: at base 10^4 the computed marks differ from the papers' own
// in exactly two cells, TAD-RoPE's temporal scaling (VideoRoPE Table 1) and VRoPE's 'unbiased'
// (VRoPE Table 3); at 10^6 M-RoPE's and RoPE-Compact's 'unbiased' flip as well.
TEST(PaperFigures, PropertyTableDiffersFromThePapersInNamedCells) {
  const std::string look = teaching_json("figures.json")
                               .at("figures")
                               .at("property-table")
                               .at("lookAt")
                               .get<std::string>();
  EXPECT_NE(look.find("At base 10\u2074 they differ in two cells"), std::string::npos) << look;
  EXPECT_NE(look.find("at 10\u2076 M-RoPE's and RoPE-Compact's 'unbiased' become \u2713"),
            std::string::npos)
      << look;
  EXPECT_NE(look.find("TAD-RoPE's temporal scaling and VRoPE's own 'unbiased'"), std::string::npos);
  const PaperFigure* f = find_paper_figure("property-table");
  ASSERT_TRUE(f);
  const auto differences = [&](double base) {
    std::set<std::string> out;
    for (const std::string& id : f->variants) {
      Config c = f->config;
      c.base = base;
      const Variant& v = *find_variant(id);
      Config own = c;
      if (v.info().has_delta && !own.delta) own.delta = 2.0;
      const Properties q = properties(v, own);
      for (const CitedMarks& m : cited_property_marks(id)) {
        const std::vector<bool> computed =
            m.source == "VideoRoPE Table 1"
                ? std::vector<bool>{q.three_d, q.low_freq_temporal, q.spatial_symmetry,
                                    q.temporal_scaling}
                : std::vector<bool>{q.three_d, q.unbiased, q.seamless_transition};
        for (std::size_t i = 0; i < m.marks.size(); ++i)
          if (computed.at(i) != m.marks[i]) out.insert(id + ":" + m.columns.at(i));
      }
    }
    return out;
  };
  EXPECT_EQ(differences(1e4), (std::set<std::string>{"tad:temporal scaling", "vrope:unbiased"}));
  EXPECT_EQ(differences(1e6), (std::set<std::string>{"tad:temporal scaling", "vrope:unbiased",
                                                     "mrope:unbiased", "rope-compact:unbiased"}));
}

TEST(PaperFigures, Fig4PairRanges) {
  const PaperFigure* a = find_paper_figure("videorope-fig4a");
  const PaperFigure* b = find_paper_figure("videorope-fig4b");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->pairs, (std::vector<int>{13, 14, 15}));
  EXPECT_EQ(a->t_max, 500);
  EXPECT_EQ(b->pairs, (std::vector<int>{48, 49, 50}));
  EXPECT_EQ(b->t_max, 20000);
  // The drawn pairs are the variant's temporal pairs.
  const Encoding m = encode(*find_variant("mrope"), a->scene, a->config);
  for (int j : a->pairs) EXPECT_EQ(m.pair_axis[j], 0);
  const Encoding v = encode(*find_variant("videorope"), b->scene, b->config);
  for (int j : b->pairs) EXPECT_EQ(v.pair_axis[j], 0);
}

TEST(PaperFigures, AppendixBDistractorPeriod) {
  Config config;
  config.base = 1e6;
  const DistractorPeriod d = distractor_period(config, 3000);
  EXPECT_NEAR(d.paper_period, 198.7, 0.05);
  EXPECT_EQ(d.paper_pair, 16);
  EXPECT_NEAR(d.code_slowest_wavelength, 160.1, 0.05);
  EXPECT_EQ(d.code_slowest_pair, 15);
  EXPECT_EQ(d.wrapping_pairs, 16);
  EXPECT_EQ(d.video_extent, 2999);
  EXPECT_EQ(distractor_period(config, 150).wrapping_pairs, 15);  // pair 15 (160.1) no longer wraps
}

TEST(PaperFigures, Fig5AdjacentIds) {
  const PaperFigure& f = *find_paper_figure("videorope-fig5");
  const AdjacentIds m = adjacent_ids(encode(*find_variant("mrope"), f.scene, f.config));
  EXPECT_EQ(m.text_a, (std::vector<double>{0, 0, 0}));
  EXPECT_EQ(m.text_b, (std::vector<double>{1, 1, 1}));
  EXPECT_EQ(m.frame_a, (std::vector<double>{4, 4, 4}));
  EXPECT_EQ(m.frame_b, (std::vector<double>{5, 4, 4}));  // same spatial ids in the next frame
  const AdjacentIds v = adjacent_ids(encode(*find_variant("videorope"), f.scene, f.config));
  EXPECT_EQ(v.frame_a, (std::vector<double>{4, 3, 3}));  // centred: h - floor((H-1)/2)
  EXPECT_EQ(v.frame_b, (std::vector<double>{6, 5, 5}));  // moved along the diagonal by delta = 2
}

// VideoRoPE: the paper centres with H/2 and resumes text at s0 + delta T; its x/y parity is
// swapped. VRoPE: same ids, different channel order.
TEST(PaperFigures, DefinitionsDiff) {
  const DefinitionsDiff v = definitions_diff(*find_variant("videorope"), worked_scene(), Config{});
  EXPECT_EQ(v.tokens.size(), 14u);  // every video token and the text after it; text before agrees
  EXPECT_EQ(v.tokens.front(), 2u);
  EXPECT_EQ(v.paper.id(0, 14), 2 + 2 * 2);  // s0 + delta T
  EXPECT_EQ(v.code.id(0, 14), 2 + 2 * 1 + 1);
  EXPECT_EQ(v.pairs.size(), 48u);
  const DefinitionsDiff u = definitions_diff(*find_variant("vrope"), worked_scene(), Config{});
  EXPECT_TRUE(u.tokens.empty());
  EXPECT_EQ(u.pairs.size(), 48u);  // (u1, u4, u2, u3) vs (u1, u2, u3, u4): only j mod 4 = 0 agrees
}

// The wave-2 variants' second definitions (variants-2.md): ERNIE's transformers port ignores T
// when it resumes (text:1,video:4x2x2,text:2: official t ends 5 6, hf 3 4); V2PE in
// Multimodal-RoPEs steps 256 delta / N per token; HoPE in Multimodal-RoPEs keeps the ids and moves
// pair 0 to zero frequency; glm4v has one definition and compares code with itself.
TEST(PaperFigures, DefinitionsDiffOfTheWave2Conventions) {
  const DefinitionsDiff e = definitions_diff(*find_variant("ernie45-vl"),
                                             Scene::parse("text:1,video:4x2x2,text:2"), Config{});
  EXPECT_EQ(e.other, "hf");
  const std::size_t last = e.code.token_count() - 1;
  for (int a = 0; a < 3; ++a) {
    EXPECT_EQ(e.code.id(a, last - 1), 5);
    EXPECT_EQ(e.code.id(a, last), 6);
    EXPECT_EQ(e.paper.id(a, last - 1), 3);
    EXPECT_EQ(e.paper.id(a, last), 4);
  }
  EXPECT_EQ(e.tokens, (std::vector<std::size_t>{last - 1, last}));
  EXPECT_TRUE(e.pairs.empty());

  const DefinitionsDiff v =
      definitions_diff(*find_variant("v2pe"), Scene::parse("text:2,image:4x4,text:2"), Config{});
  EXPECT_EQ(v.other, "mmropes");
  EXPECT_DOUBLE_EQ(v.code.id(0, 2) - v.code.id(0, 1), 0.25);               // delta per token
  EXPECT_DOUBLE_EQ(v.paper.id(0, 2) - v.paper.id(0, 1), 256 * 0.25 / 16);  // 256 delta / N
  EXPECT_FALSE(v.tokens.empty());

  const DefinitionsDiff h = definitions_diff(*find_variant("hope"), worked_scene(), Config{});
  EXPECT_EQ(h.other, "mmropes");
  EXPECT_TRUE(h.tokens.empty());  // same ids on an unsplit scene
  EXPECT_FALSE(h.pairs.empty());
  EXPECT_EQ(h.paper.pair_axis[0], -1);  // pair 0 zero frequency in Multimodal-RoPEs' map

  const DefinitionsDiff g = definitions_diff(*find_variant("glm4v"), worked_scene(), Config{});
  EXPECT_EQ(g.other, "code");
  EXPECT_TRUE(g.tokens.empty());
  EXPECT_TRUE(g.pairs.empty());
  EXPECT_EQ(other_conventions(*find_variant("videorope")), std::vector<std::string>{"paper"});
  EXPECT_TRUE(other_conventions(*find_variant("mrope")).empty());
}

}  // namespace
}  // namespace ropelab::test
