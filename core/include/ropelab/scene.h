#pragma once
// A token sequence: text runs, images and videos in any number and order. Sizes are in tokens
// after patch merging; a video's tokens are ordered frame, then row (h), then column (w).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ropelab {

enum class Modality : std::uint8_t { Text, Image, Video };

std::string_view to_string(Modality modality);

struct Segment {
  Modality modality = Modality::Text;
  int count = 0;                   // text tokens (text segments only)
  int frames = 1;                  // temporal grid after temporal patching (1 for images)
  int height = 1;                  // tokens per frame in h
  int width = 1;                   // tokens per frame in w
  double seconds_per_frame = 1.0;  // seconds between temporal grid steps (absolute-time variants)

  static Segment text(int count);
  static Segment image(int height, int width);
  static Segment video(int frames, int height, int width, double seconds_per_frame = 1.0);

  bool is_visual() const { return modality != Modality::Text; }
  std::int64_t token_count() const;
  std::int64_t tokens_per_frame() const { return std::int64_t{height} * width; }
  bool operator==(const Segment&) const = default;
};

// Documented caps: a scene may hold at most kMaxTokens tokens, and no single size may exceed
// kMaxSide. They keep every view and table allocatable on a 24 GiB machine.
inline constexpr std::int64_t kMaxTokens = 4'194'304;
inline constexpr int kMaxSide = 1'000'000;

struct Scene {
  std::vector<Segment> segments;

  static Scene text_video_text(int text_before, int frames, int height, int width, int text_after,
                               double seconds_per_frame = 1.0);
  // 4 text tokens, a video of 8 frames of 4x4 tokens, 4 text tokens.
  static Scene default_scene();

  std::int64_t token_count() const;
  // Index of the first visual segment, or -1.
  int first_visual_segment() const;
  // The visual segment the views follow unless told otherwise: the first with the most frames
  // (so a video before any image, the longest video of several), or -1.
  int main_visual_segment() const;
  // Throws InputError naming the segment when `segment` is not the index of a visual segment.
  void require_visual_segment(int segment) const;
  // Throws InputError naming the segment and field when a size is out of range.
  void validate() const;
  // "text:4,video:8x4x4,text:4" (video may carry "@seconds_per_frame").
  std::string describe() const;
  // Parses the describe() syntax; throws InputError on malformed text.
  static Scene parse(std::string_view text);
  bool operator==(const Scene&) const = default;
};

// What each token of a (variant-specific) sequence is. Variants may insert tokens the scene does
// not list (Qwen3-VL's timestamp text), so the layout belongs to the positions, not the scene.
struct TokenLayout {
  std::vector<Modality> modality;
  std::vector<int> segment;  // index into Scene::segments (-1 for inserted tokens)
  std::vector<int> frame;    // -1 for text
  std::vector<int> row;      // -1 for text
  std::vector<int> col;      // -1 for text

  std::size_t size() const { return modality.size(); }
  void reserve(std::size_t n);
  void add_text(int segment_index);
  void add_visual(Modality modality, int segment_index, int frame, int row, int col);
};

}  // namespace ropelab
