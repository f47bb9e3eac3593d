// Google Benchmark of the core's hot paths (README "Performance" lists measured figures).
#include <benchmark/benchmark.h>

#include "ropelab/attention.h"
#include "ropelab/registry.h"
#include "ropelab/rope.h"

namespace ropelab {
namespace {

// 8k: text 64, video 32x16x16, text 64; 128k: text 64, video 512x16x16, text 64.
Scene scene_of(int frames) {
  return Scene::text_video_text(64, frames, 16, 16, 64);
}

Config bench_config() {
  Config config;
  config.base = 1e6;
  config.delta = 2.0;
  return config;
}

void Positions(benchmark::State& state) {
  const Variant& v = *find_variant("videorope");
  const Scene scene = scene_of(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(v.positions(scene, bench_config(), 2.0));
  state.SetItemsProcessed(state.iterations() * scene.token_count());
}

void Tables(benchmark::State& state) {
  const Variant& v = *find_variant("videorope");
  const Scene scene = scene_of(static_cast<int>(state.range(0)));
  Encoding e = encode(v, scene, bench_config());
  RopeTables tables;
  for (auto _ : state) {
    e.positions = v.positions(scene, e.config, 2.0);
    compute_rope_tables(e, tables);
    benchmark::DoNotOptimize(tables.cos.data());
  }
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(tables.cos.size() * 2 * sizeof(float)));
}

// rope_tables (ids + float32 cos/sin tables) of one variant at its own defaults (its own delta,
// partial rotary, pairing) on the 131k scene; issue 12 holds every wave-2 variant to 1.5x
// VideoRoPE's time, so compare entries of the same run.
void VariantTables(benchmark::State& state, const char* id) {
  const Variant& v = variant_or_throw(id);
  const Scene scene = scene_of(512);
  Config config;
  config.base = 1e6;
  Encoding e = encode(v, scene, config);
  const double delta = resolve_delta(v, e.config);
  RopeTables tables;
  for (auto _ : state) {
    e.positions = v.positions(scene, e.config, delta);
    compute_rope_tables(e, tables);
    benchmark::DoNotOptimize(tables.cos.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(e.token_count()));
}

// The ids alone, the part of VariantTables that is not the tables.
void VariantPositions(benchmark::State& state, const char* id) {
  const Variant& v = variant_or_throw(id);
  const Scene scene = scene_of(512);
  Config config;
  config.base = 1e6;
  const Encoding e = encode(v, scene, config);
  const double delta = resolve_delta(v, e.config);
  for (auto _ : state) benchmark::DoNotOptimize(v.positions(scene, e.config, delta));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(e.token_count()));
}

void AttentionRow(benchmark::State& state) {
  const Encoding e = encode(*find_variant("videorope"), scene_of(static_cast<int>(state.range(0))),
                            bench_config());
  const QkPair raw = make_qk(QkSource::gaussian(0), e.token_count(), e.head_dim());
  const std::size_t last = e.token_count() - 1;
  Eigen::VectorXd logits;
  for (auto _ : state) {
    attention_row(e, raw, last, logits);  // rotation fused into the dot product
    benchmark::DoNotOptimize(softmax_row(logits, last));
  }
}

void AttentionMatrix(benchmark::State& state) {
  const Encoding e = encode(*find_variant("videorope"), scene_of(32), bench_config());
  const RotatedQk qk = rotated_qk(e, QkSource::gaussian(0));
  RowMatrix logits;
  for (auto _ : state) {
    attention_matrix(e, qk, e.token_count(), logits);
    benchmark::DoNotOptimize(logits.data());
  }
}

BENCHMARK(Positions)->Name("Positions/8k")->Arg(32)->Unit(benchmark::kMillisecond);
BENCHMARK(Positions)->Name("Positions/128k")->Arg(512)->Unit(benchmark::kMillisecond);
BENCHMARK(Tables)->Name("Tables/8k")->Arg(32)->Unit(benchmark::kMillisecond);
BENCHMARK(Tables)->Name("Tables/128k")->Arg(512)->Unit(benchmark::kMillisecond);
#define ROPELAB_VARIANT_TABLES(name, id)                                     \
  BENCHMARK_CAPTURE(VariantTables, name, id)->Unit(benchmark::kMillisecond); \
  BENCHMARK_CAPTURE(VariantPositions, name, id)->Unit(benchmark::kMillisecond)
ROPELAB_VARIANT_TABLES(videorope, "videorope");
ROPELAB_VARIANT_TABLES(hope, "hope");
ROPELAB_VARIANT_TABLES(v2pe, "v2pe");
ROPELAB_VARIANT_TABLES(glm4v, "glm4v");
ROPELAB_VARIANT_TABLES(ernie45_vl, "ernie45-vl");
ROPELAB_VARIANT_TABLES(mhrope, "mhrope");
ROPELAB_VARIANT_TABLES(circle_rope, "circle-rope");
ROPELAB_VARIANT_TABLES(il_rope, "il-rope");
ROPELAB_VARIANT_TABLES(omni_rope, "omni-rope");
ROPELAB_VARIANT_TABLES(mm_rope, "mm-rope");
ROPELAB_VARIANT_TABLES(grape, "grape");
#undef ROPELAB_VARIANT_TABLES
BENCHMARK(AttentionRow)->Name("AttentionRow/128k")->Arg(512)->Unit(benchmark::kMillisecond);
BENCHMARK(AttentionMatrix)->Name("AttentionMatrix/8k")->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ropelab

BENCHMARK_MAIN();
