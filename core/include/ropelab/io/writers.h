#pragma once
// The serialisations of cli.md, shared by the CLI and the app's data export.
#include <string>

#include "ropelab/analyses.h"
#include "ropelab/variant.h"

namespace ropelab::io {

enum class Format { Json, Csv, Npy };
Format parse_format(const std::string& text);  // throws InputError

std::string positions_output(const Encoding& encoding, Format format);
// positions_output's JSON without the per-token arrays (modality, frame, row, col,
// position_ids): the Python module's dict takes every other field from it.
std::string positions_summary_json(const Encoding& encoding);
std::string angles_output(const Encoding& encoding, Format format);
std::string attention_output(const Encoding& encoding, std::size_t query,
                             const Eigen::VectorXd& logits, const Eigen::VectorXd* probabilities,
                             Format format);
std::string variants_output(Format format);

std::string collisions_json(const CollisionReport& report);
std::string jump_json(const Encoding& encoding, const JumpReport& report);
std::string bias_json(const BiasReport& report);
std::string properties_json(const Properties& properties);

}  // namespace ropelab::io
