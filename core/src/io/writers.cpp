#include "ropelab/io/writers.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ropelab/error.h"
#include "ropelab/io/npy.h"
#include "ropelab/registry.h"
#include "ropelab/rope.h"

namespace ropelab::io {

using nlohmann::json;

namespace {

// Integral values print as integers (0, 1, 2) and others as the shortest round-trip decimal.
json number(double v) {
  if (std::isfinite(v) && std::nearbyint(v) == v && std::abs(v) < 9.007199254740992e15)
    return static_cast<std::int64_t>(v);
  if (!std::isfinite(v)) return nullptr;
  return v;
}

// CSV cells: integral values as plain integers ("10", "120", never "1e+01"), others as the
// shortest decimal that round-trips (std::to_chars), non-finite values as nan / inf / -inf.
std::string csv_number(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  std::array<char, 64> buffer{};
  std::to_chars_result r{};
  if (std::nearbyint(v) == v && std::abs(v) < 9.007199254740992e15) {
    r = std::to_chars(buffer.data(), buffer.data() + buffer.size(), static_cast<std::int64_t>(v));
  } else {
    r = std::to_chars(buffer.data(), buffer.data() + buffer.size(), v);
  }
  return {buffer.data(), r.ptr};
}

template <class Vector>
json numbers(const Vector& values) {
  json out = json::array();
  for (Eigen::Index i = 0; i < static_cast<Eigen::Index>(values.size()); ++i)
    out.push_back(number(values[i]));
  return out;
}

json numbers(const std::vector<double>& values) {
  json out = json::array();
  for (double v : values) out.push_back(number(v));
  return out;
}

std::string dump(const json& value) {
  return value.dump() + "\n";
}

json token_json(const Encoding& e) {
  const TokenLayout& t = e.positions.tokens;
  json modality = json::array();
  for (Modality m : t.modality) modality.push_back(std::string(to_string(m)));
  return {{"modality", modality}, {"frame", t.frame}, {"row", t.row}, {"col", t.col}};
}

// The positions JSON; without `per_token`, every field but the per-token arrays (modality, frame,
// row, col, position_ids), which the Python module hands over as NumPy arrays instead.
json positions_json(const Encoding& e, bool per_token) {
  const auto& ids = e.positions.ids;
  json root = {
      {"variant", std::string(e.variant->id())}, {"axes", e.axes()}, {"tokens", e.token_count()}};
  if (per_token) {
    root.update(token_json(e));
    json position_ids = json::array();
    for (Eigen::Index a = 0; a < ids.rows(); ++a) position_ids.push_back(numbers(ids.row(a)));
    root["position_ids"] = position_ids;
  }
  root["pair_axis"] = e.pair_axis;
  root["inv_freq"] = numbers(e.inv_freq);
  root["split"] = e.config.split;
  if (e.config.delta) root["delta"] = number(*e.config.delta);
  return root;
}

}  // namespace

Format parse_format(const std::string& text) {
  if (text == "json") return Format::Json;
  if (text == "csv") return Format::Csv;
  if (text == "npy") return Format::Npy;
  throw InputError("--format = '" + text + "' is invalid: must be json, csv or npy");
}

std::string positions_output(const Encoding& e, Format format) {
  const auto& ids = e.positions.ids;
  const std::size_t n = e.token_count();
  if (format == Format::Npy)
    return npy_bytes({static_cast<std::size_t>(ids.rows()), n}, ids.data());
  if (format == Format::Csv) {
    std::ostringstream out;
    out << "index,modality,frame,row,col";
    for (const auto& axis : e.axes()) out << ',' << axis;
    out << '\n';
    const TokenLayout& t = e.positions.tokens;
    for (std::size_t i = 0; i < n; ++i) {
      out << i << ',' << to_string(t.modality[i]) << ',' << t.frame[i] << ',' << t.row[i] << ','
          << t.col[i];
      for (Eigen::Index a = 0; a < ids.rows(); ++a)
        out << ',' << csv_number(ids(a, static_cast<Eigen::Index>(i)));
      out << '\n';
    }
    return out.str();
  }
  return dump(positions_json(e, true));
}

std::string positions_summary_json(const Encoding& e) {
  return dump(positions_json(e, false));
}

std::string angles_output(const Encoding& e, Format format) {
  const RowMatrix phi = angles(e);
  if (format == Format::Npy)
    return npy_bytes({static_cast<std::size_t>(phi.rows()), static_cast<std::size_t>(phi.cols())},
                     phi.data());
  if (format == Format::Csv) {
    std::ostringstream out;
    out << "index";
    for (Eigen::Index j = 0; j < phi.cols(); ++j) out << ",pair" << j;
    out << '\n';
    for (Eigen::Index i = 0; i < phi.rows(); ++i) {
      out << i;
      for (Eigen::Index j = 0; j < phi.cols(); ++j) out << ',' << csv_number(phi(i, j));
      out << '\n';
    }
    return out.str();
  }
  json rows = json::array();
  for (Eigen::Index i = 0; i < phi.rows(); ++i) rows.push_back(numbers(phi.row(i)));
  return dump({{"variant", std::string(e.variant->id())},
               {"tokens", phi.rows()},
               {"pairs", phi.cols()},
               {"pair_axis", e.pair_axis},
               {"angles", rows}});
}

std::string attention_output(const Encoding& e, std::size_t query, const Eigen::VectorXd& logits,
                             const Eigen::VectorXd* probabilities, Format format) {
  if (format == Format::Npy) {
    RowMatrix out(probabilities ? 2 : 1, logits.size());
    out.row(0) = logits.transpose();
    if (probabilities) out.row(1) = probabilities->transpose();
    return npy_bytes({static_cast<std::size_t>(out.rows()), static_cast<std::size_t>(out.cols())},
                     out.data());
  }
  if (format == Format::Csv) {
    std::ostringstream out;
    out << "index,modality,frame,row,col,logit" << (probabilities ? ",probability" : "") << '\n';
    const TokenLayout& t = e.positions.tokens;
    for (Eigen::Index i = 0; i < logits.size(); ++i) {
      out << i << ',' << to_string(t.modality[i]) << ',' << t.frame[i] << ',' << t.row[i] << ','
          << t.col[i] << ',' << csv_number(logits[i]);
      if (probabilities) out << ',' << csv_number((*probabilities)[i]);
      out << '\n';
    }
    return out.str();
  }
  json root = {
      {"variant", std::string(e.variant->id())}, {"query", query}, {"logits", numbers(logits)}};
  if (probabilities) root["probabilities"] = numbers(*probabilities);
  return dump(root);
}

std::string variants_output(Format format) {
  if (format == Format::Csv) {
    std::ostringstream out;
    out << "id,axes,summary,paper\n";
    for (const Variant* v : all_variants()) {
      std::string axes;
      for (const auto& a : v->info().axes) axes += (axes.empty() ? "" : " ") + a;
      out << v->id() << ',' << axes << ",\"" << v->info().summary << "\",\"" << v->info().paper
          << "\"\n";
    }
    return out.str();
  }
  json list = json::array();
  for (const Variant* v : all_variants()) {
    const VariantInfo& info = v->info();
    list.push_back({{"id", info.id},
                    {"axes", info.axes},
                    {"summary", info.summary},
                    {"paper", info.paper},
                    {"has_delta", info.has_delta},
                    {"position_design", v->formula().position_design},
                    {"frequency_allocation", v->formula().frequency_allocation},
                    {"default_split", v->default_split(64)}});
  }
  return dump(list);
}

std::string collisions_json(const CollisionReport& r) {
  json curve = json::array();
  for (const auto& [delta, s] : r.curve) curve.push_back({number(delta), number(s)});
  return dump({{"axis", r.axis_name},
               {"extent", number(r.extent)},
               {"pairs", r.pairs},
               {"wavelengths", numbers(r.wavelengths)},
               {"wrapping_pairs", r.wrapping_pairs},
               {"slowest_wavelength", number(r.slowest_wavelength)},
               {"curve", curve}});
}

std::string jump_json(const Encoding& e, const JumpReport& r) {
  // Without text on a side there is no jump to measure on that side: null, not a made-up 0.
  const json none(nullptr);
  return dump({{"axes", e.axes()},
               {"before", r.has_text_before ? numbers(r.before) : none},
               {"after", r.has_text_after ? numbers(r.after) : none},
               {"center_gap_before", r.has_text_before ? number(r.center_gap_before) : none},
               {"center_gap_after", r.has_text_after ? number(r.center_gap_after) : none}});
}

std::string bias_json(const BiasReport& r) {
  json map = json::array();
  for (Eigen::Index h = 0; h < r.map.rows(); ++h) map.push_back(numbers(r.map.row(h)));
  return dump({{"query", r.query},
               {"map", map},
               {"max_over_min", number(r.max_over_min)},
               {"corr_h_plus_w", number(r.corr_h_plus_w)}});
}

std::string properties_json(const Properties& p) {
  return dump({{"three_d", p.three_d},
               {"low_freq_temporal", p.low_freq_temporal},
               {"spatial_symmetry", p.spatial_symmetry},
               {"temporal_scaling", p.temporal_scaling},
               {"unbiased", p.unbiased},
               {"seamless_transition", p.seamless_transition},
               {"bias_max_over_min", number(p.bias_ratio)},
               {"unbiased_threshold", kUnbiasedThreshold}});
}

}  // namespace ropelab::io
