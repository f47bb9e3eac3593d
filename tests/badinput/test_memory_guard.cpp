// The size guard (memory_guard.h): estimates before allocating, refusal beyond the cap.
#include "ropelab/memory_guard.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <limits>

#include "ropelab/error.h"
#include "ropelab/registry.h"
#include "ropelab/variant.h"

namespace ropelab::test {
namespace {

constexpr Workload kAll[] = {
    Workload::Positions,  Workload::Angles, Workload::AttentionRow, Workload::AttentionMatrix,
    Workload::Collisions, Workload::Jump,   Workload::Bias,         Workload::Bench};

TEST(MemoryGuard, DefaultSceneFitsEveryWorkload) {
  for (const Workload w : kAll) {
    const MemoryEstimate e =
        estimate_memory(w, Scene::default_scene(), Config{}, 3, io::Format::Json, 1000);
    EXPECT_LT(e.bytes, std::uint64_t{64} << 20) << e.what;
    EXPECT_NO_THROW(check_memory(e, kDefaultMemoryCap)) << e.what;
  }
}

TEST(MemoryGuard, PlannedTokensIncludeTimestamps) {
  const Scene scene = Scene::text_video_text(4, 8, 4, 4, 4);
  Config config;
  EXPECT_EQ(planned_tokens(scene, config), 136u);
  config.options.set("timestamp_tokens", 5);
  EXPECT_EQ(planned_tokens(scene, config), 136u + 8 * (5 + 2));
  config.options.set("frame_markers", false);
  EXPECT_EQ(planned_tokens(scene, config), 136u + 8 * 5);
}

// The guard plans with the variant's resolved options: qwen3-mrope's default is 6 timestamp
// tokens and two markers per frame; other variants insert nothing.
TEST(MemoryGuard, PlannedTokensUseTheVariantsResolvedOptions) {
  const Scene scene = Scene::text_video_text(4, 8, 4, 4, 4);
  EXPECT_EQ(planned_tokens(*find_variant("qwen3-mrope"), scene, Config{}), 136u + 8 * (6 + 2));
  EXPECT_EQ(planned_tokens(*find_variant("mrope"), scene, Config{}), 136u);
  Config zero;
  zero.options.set("timestamp_tokens", 0);
  EXPECT_EQ(planned_tokens(*find_variant("qwen3-mrope"), scene, zero), 136u);
  // The planned count equals what encode() produces.
  EXPECT_EQ(encode(*find_variant("qwen3-mrope"), scene, Config{}).token_count(), 136u + 8 * 8);
}

TEST(MemoryGuard, AnglesOfTheLargestSceneAreRefused) {
  const Scene scene = Scene::text_video_text(4, 4096, 32, 32, 0);  // 4,194,308 planned tokens
  const MemoryEstimate e = estimate_memory(Workload::Angles, scene, Config{}, 3, io::Format::Json);
  // tokens * pairs * (8 bytes of angle + the JSON cost of a number)
  EXPECT_GE(e.bytes, 4194308ull * 64 * (8 + kJsonBytesPerNumber));
  try {
    check_memory(e, kDefaultMemoryCap);
    FAIL() << "not refused";
  } catch (const InputError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("angles of 4194308 tokens x 64 pairs"), std::string::npos) << message;
    EXPECT_NE(message.find("memory cap of 4.0 GiB"), std::string::npos) << message;
  }
  // NPY output of the same angles is cheaper than JSON.
  EXPECT_LT(estimate_memory(Workload::Angles, scene, Config{}, 3, io::Format::Npy).bytes, e.bytes);
}

TEST(MemoryGuard, AbsurdSizesSaturateInsteadOfOverflowing) {
  Scene scene;
  for (int i = 0; i < 64; ++i)
    scene.segments.push_back(Segment::video(kMaxSide, kMaxSide, kMaxSide));
  Config config;
  config.head_dim = kMaxHeadDim;
  const MemoryEstimate e =
      estimate_memory(Workload::AttentionMatrix, scene, config, 4, io::Format::Json);
  EXPECT_EQ(e.bytes, std::numeric_limits<std::uint64_t>::max());
  EXPECT_THROW(check_memory(e, kDefaultMemoryCap), InputError);
}

TEST(MemoryGuard, CapComesFromTheEnvironment) {
  ::unsetenv(kMemoryCapVariable);
  EXPECT_EQ(memory_cap(), kDefaultMemoryCap);
  ::setenv(kMemoryCapVariable, "64", 1);
  EXPECT_EQ(memory_cap(), std::uint64_t{64} << 20);
  for (const char* bad : {"0", "-1", "lots", "64MB", "99999999999"}) {
    ::setenv(kMemoryCapVariable, bad, 1);
    EXPECT_THROW(memory_cap(), InputError) << bad;
  }
  ::unsetenv(kMemoryCapVariable);
}

TEST(MemoryGuard, FormatsBytes) {
  EXPECT_EQ(format_bytes(512), "512 bytes");
  EXPECT_EQ(format_bytes(1536), "1.5 KiB");
  EXPECT_EQ(format_bytes(std::uint64_t{4} << 30), "4.0 GiB");
}

}  // namespace
}  // namespace ropelab::test
