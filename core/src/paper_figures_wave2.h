#pragma once
// The wave-2 papers' figures (HoPE, Circle-RoPE, V2PE, the allocation map of every variant):
// their entries, parameters and data. paper_figures.cpp lists and dispatches them.
#include <string>
#include <vector>

#include "ropelab/paper_figures.h"

namespace ropelab {

// One entry of the Paper figures list (paper_figures.cpp; the wave-2 entries use it too).
PaperFigure make_figure(std::string id, std::string title, FigureView view,
                        std::vector<std::string> variants, Scene scene, Config config);

}  // namespace ropelab

namespace ropelab::wave2 {

// Appends hope-qk-distance, circle-rope-distance, v2pe-span and allocation-map.
void add_figures(std::vector<PaperFigure>& list);
std::vector<FigureParam> params(const PaperFigure& figure);
void hope_qk(const PaperFigure& figure, FigureData& data);
void circle_distance(const PaperFigure& figure, FigureData& data);
void v2pe_span(const PaperFigure& figure, const FigureParams& params, FigureData& data);
void allocation_map(const PaperFigure& figure, const FigureParams& params, FigureData& data);

}  // namespace ropelab::wave2
