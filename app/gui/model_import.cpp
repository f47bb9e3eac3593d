#include "app/gui/model_import.h"

#include "app/gui/session.h"
#include "ropelab/error.h"
#include "ropelab/io/files.h"
#include "ropelab/io/npy.h"
#include "ropelab/registry.h"

namespace ropelab::app {

namespace {

std::string name_of(const QString& path) {
  return path.toStdString();
}

QkFileInfo shape_info(const io::NpyArray& a, const std::string& name) {
  QkFileInfo info;
  if (a.shape.size() == 2) {
    info.tokens = a.shape[0];
    info.headDim = static_cast<int>(a.shape[1]);
  } else if (a.shape.size() == 3) {
    info.heads = static_cast<int>(a.shape[0]);
    info.tokens = a.shape[1];
    info.headDim = static_cast<int>(a.shape[2]);
  } else {
    throw InputError(name + ": shape must be (tokens, D) or (heads, tokens, D), got " +
                     std::to_string(a.shape.size()) + " dimensions");
  }
  if (info.tokens == 0 || info.heads <= 0) throw InputError(name + ": the array is empty");
  if (info.headDim < kMinHeadDim || info.headDim > kMaxHeadDim || info.headDim % 2 != 0)
    throw InputError(name + ": head dimension " + std::to_string(info.headDim) +
                     " must be even and in [2, 1024]");
  for (double v : a.data) {
    if (!std::isfinite(v)) throw InputError(name + ": holds NaN or infinite values");
  }
  return info;
}

RowMatrix head_matrix(const io::NpyArray& a, const QkFileInfo& info, int head) {
  RowMatrix m(static_cast<Eigen::Index>(info.tokens), info.headDim);
  const std::size_t size = info.tokens * static_cast<std::size_t>(info.headDim);
  const double* start = a.data.data() + static_cast<std::size_t>(head) * size;
  std::copy(start, start + size, m.data());
  return m;
}

}  // namespace

SceneParameters import_hf_config_file(const SceneParameters& current, const QString& path) {
  const std::string text = io::read_file(name_of(path), std::size_t{16} << 20);
  // The config sets the variant, base, head dim, split and options; the scene, query and q/k
  // model stay. Compare-set settings do not carry over to the imported model's variant.
  io::Preset base = to_preset(current);
  base.variant_settings.clear();
  const io::Preset preset = io::import_hf_config(text, name_of(path), base);
  SceneParameters p = from_preset(preset, path);
  p.qkArrays = current.qkArrays;
  if (p.qkArrays && p.qkArrays->q.cols() != p.headDim) p.qkArrays.reset();
  return p;
}

QkFileInfo inspect_qk_file(const QString& path) {
  return shape_info(io::read_npy(name_of(path)), name_of(path));
}

std::shared_ptr<const QkSource> load_qk_arrays(const QString& qPath, const QString& kPath,
                                               int head) {
  const io::NpyArray q = io::read_npy(name_of(qPath));
  const io::NpyArray k = io::read_npy(name_of(kPath));
  const QkFileInfo qi = shape_info(q, name_of(qPath));
  const QkFileInfo ki = shape_info(k, name_of(kPath));
  if (qi.tokens != ki.tokens || qi.headDim != ki.headDim)
    throw InputError(name_of(kPath) + ": shape differs from " + name_of(qPath) + " (" +
                     std::to_string(ki.tokens) + "x" + std::to_string(ki.headDim) + " vs " +
                     std::to_string(qi.tokens) + "x" + std::to_string(qi.headDim) + ")");
  if (head < 0 || head >= qi.heads || head >= ki.heads)
    throw InputError(name_of(qPath) + ": head " + std::to_string(head) + " is out of range (" +
                     std::to_string(std::min(qi.heads, ki.heads)) + " heads)");
  auto source = std::make_shared<QkSource>();
  source->kind = QkKind::Arrays;
  source->q = head_matrix(q, qi, head);
  source->k = head_matrix(k, ki, head);
  return source;
}

SceneParameters with_qk_arrays(const SceneParameters& current,
                               std::shared_ptr<const QkSource> arrays, const QString& qPath) {
  SceneParameters p = current;
  const int d = static_cast<int>(arrays->q.cols());
  if (p.headDim != d) {
    p.headDim = d;
    p.split.clear();
  }
  for (const QString& id : p.variants) {
    const Variant& variant = variant_or_throw(id.toStdString());
    const Encoding e = encode(variant, p.scene, p.config(variant, id == p.variants.front()));
    if (e.token_count() != static_cast<std::size_t>(arrays->q.rows()))
      throw InputError(name_of(qPath) + ": " + std::to_string(arrays->q.rows()) +
                       " tokens, but the scene has " + std::to_string(e.token_count()) +
                       " tokens for " + id.toStdString() +
                       " (set the scene to the model's input first)");
  }
  p.qkArrays = std::move(arrays);
  return p;
}

}  // namespace ropelab::app
