// Every invalid configuration is rejected with a message naming the field, value and range.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "helpers.h"
#include "ropelab/error.h"

namespace ropelab::test {
namespace {

void expect_rejected(const std::string& variant, const Scene& scene, const Config& config,
                     const std::string& field) {
  try {
    encode(*find_variant(variant), scene, config);
    ADD_FAILURE() << "accepted invalid " << field;
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("invalid"), std::string::npos) << e.what();
  }
}

Config with(void (*edit)(Config&)) {
  Config c;
  edit(c);
  return c;
}

TEST(Validation, ConfigFields) {
  const Scene s = Scene::default_scene();
  expect_rejected("mrope", s, with([](Config& c) { c.head_dim = 127; }), "head dim = 127");
  expect_rejected("mrope", s, with([](Config& c) { c.head_dim = 0; }), "head dim = 0");
  expect_rejected("mrope", s, with([](Config& c) { c.head_dim = 4096; }), "head dim = 4096");
  expect_rejected("mrope", s, with([](Config& c) { c.base = 1.0; }), "base = 1");
  expect_rejected("mrope", s, with([](Config& c) { c.base = std::nan(""); }), "base = nan");
  expect_rejected("videorope", s,
                  with([](Config& c) { c.delta = std::numeric_limits<double>::infinity(); }),
                  "delta = inf");
  expect_rejected("videorope", s, with([](Config& c) { c.delta = std::nan(""); }), "delta = nan");
  expect_rejected("videorope", s, with([](Config& c) { c.delta = -1; }), "delta = -1");
  expect_rejected("mrope", s, with([](Config& c) { c.split = {16, 24, 20}; }), "they add up to 60");
  expect_rejected("mrope", s, with([](Config& c) { c.split = {32, 32}; }), "split = 32:32");
  expect_rejected("mrope", s, with([](Config& c) { c.split = {-8, 36, 36}; }), "split = -8:36:36");
}

TEST(Validation, SceneSizes) {
  expect_rejected("vanilla", Scene{{Segment::video(0, 4, 4)}}, Config{}, "frames = 0");
  expect_rejected("vanilla", Scene{{Segment::video(2, -1, 4)}}, Config{}, "height = -1");
  expect_rejected("vanilla", Scene{{Segment::text(-3)}}, Config{}, "token count = -3");
  expect_rejected("vanilla", Scene{{Segment::video(100000, 100, 100)}}, Config{}, "scene size");
  expect_rejected("vanilla", Scene{}, Config{}, "scene");
  expect_rejected("qwen25-mrope", Scene{{Segment::video(2, 2, 2, std::nan(""))}}, Config{},
                  "seconds per frame = nan");
}

TEST(Validation, UnknownVariantListsTheKnownOnes) {
  try {
    variant_or_throw("no-such-rope");  // ("hope" was unknown before issue 12 added it)
    ADD_FAILURE();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("'no-such-rope'"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("hope"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("videorope"), std::string::npos);
  }
}

TEST(Validation, SceneSyntax) {
  EXPECT_EQ(Scene::parse("text:4,video:8x4x4,text:4").token_count(), 136);
  EXPECT_THROW(Scene::parse("text:4,video:8x4"), InputError);
  EXPECT_THROW(Scene::parse("text:x"), InputError);
  EXPECT_THROW(Scene::parse(""), InputError);
}

}  // namespace
}  // namespace ropelab::test
