#pragma once
// Real models: a Hugging Face config.json (Qwen2-VL, Qwen2.5-VL, Qwen3-VL) sets base, head dim,
// split and variant; q and k dumped from a model as .npy (float16/32/64, shape (tokens, D) or
// (heads, tokens, D), one head picked) drive the attention views through core's QkSource Arrays.
#include <QString>
#include <memory>

#include "app/gui/scene_parameters.h"

namespace ropelab::app {

// Throws InputError naming the file and the problem; `current` supplies what the config lacks.
SceneParameters import_hf_config_file(const SceneParameters& current, const QString& path);

struct QkFileInfo {
  int heads = 1;  // 1 for (tokens, D)
  std::size_t tokens = 0;
  int headDim = 0;
};
// Reads the shape (and checks dtype and values); throws InputError naming the file.
QkFileInfo inspect_qk_file(const QString& path);
// q and k of one head as QkSource Arrays; throws InputError naming the file on a bad shape, a
// head out of range, or q and k that disagree.
std::shared_ptr<const QkSource> load_qk_arrays(const QString& qPath, const QString& kPath,
                                               int head = 0);
// Parameters that use the arrays: head dim set to the arrays' D (the split reset if it changes).
// Throws InputError when the scene's token count differs from the arrays'.
SceneParameters with_qk_arrays(const SceneParameters& current,
                               std::shared_ptr<const QkSource> arrays, const QString& qPath);

}  // namespace ropelab::app
