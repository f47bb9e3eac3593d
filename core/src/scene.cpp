#include "ropelab/scene.h"

#include <charconv>
#include <cmath>
#include <sstream>

#include "ropelab/error.h"

namespace ropelab {

std::string_view to_string(Modality modality) {
  switch (modality) {
    case Modality::Text:
      return "text";
    case Modality::Image:
      return "image";
    case Modality::Video:
      return "video";
  }
  return "text";
}

Segment Segment::text(int count) {
  Segment s;
  s.count = count;
  return s;
}

Segment Segment::image(int height, int width) {
  Segment s;
  s.modality = Modality::Image;
  s.height = height;
  s.width = width;
  return s;
}

Segment Segment::video(int frames, int height, int width, double seconds_per_frame) {
  Segment s;
  s.modality = Modality::Video;
  s.frames = frames;
  s.height = height;
  s.width = width;
  s.seconds_per_frame = seconds_per_frame;
  return s;
}

std::int64_t Segment::token_count() const {
  if (!is_visual()) return count;
  return std::int64_t{frames} * height * width;
}

Scene Scene::text_video_text(int text_before, int frames, int height, int width, int text_after,
                             double seconds_per_frame) {
  Scene scene;
  if (text_before != 0) scene.segments.push_back(Segment::text(text_before));
  scene.segments.push_back(Segment::video(frames, height, width, seconds_per_frame));
  if (text_after != 0) scene.segments.push_back(Segment::text(text_after));
  return scene;
}

Scene Scene::default_scene() {
  return text_video_text(4, 8, 4, 4, 4);
}

std::int64_t Scene::token_count() const {
  std::int64_t total = 0;
  for (const auto& s : segments) total += s.token_count();
  return total;
}

int Scene::first_visual_segment() const {
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (segments[i].is_visual()) return static_cast<int>(i);
  }
  return -1;
}

int Scene::main_visual_segment() const {
  int best = -1;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (!segments[i].is_visual()) continue;
    if (best < 0 || segments[i].frames > segments[static_cast<std::size_t>(best)].frames)
      best = static_cast<int>(i);
  }
  return best;
}

void Scene::require_visual_segment(int segment) const {
  require(segment >= 0 && segment < static_cast<int>(segments.size()) &&
              segments[static_cast<std::size_t>(segment)].is_visual(),
          "visual segment", std::to_string(segment),
          "must be the index of an image or video segment of the scene (0-based)");
}

namespace {

void require_size(int value, int minimum, const std::string& field) {
  require(
      value >= minimum && value <= kMaxSide, field, std::to_string(value),
      "must be an integer in [" + std::to_string(minimum) + ", " + std::to_string(kMaxSide) + "]");
}

}  // namespace

void Scene::validate() const {
  require(!segments.empty(), "scene", "(empty)", "needs at least one segment");
  std::int64_t total = 0;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const Segment& s = segments[i];
    const std::string name =
        "segment " + std::to_string(i) + " (" + std::string(to_string(s.modality)) + ")";
    if (s.is_visual()) {
      require_size(s.frames, 1, name + " frames");
      require_size(s.height, 1, name + " height");
      require_size(s.width, 1, name + " width");
      require(std::isfinite(s.seconds_per_frame) && s.seconds_per_frame > 0 &&
                  s.seconds_per_frame <= 1e6,
              name + " seconds per frame", format_number(s.seconds_per_frame),
              "must be a finite number in (0, 1e6]");
    } else {
      require_size(s.count, 0, name + " token count");
    }
    total += s.token_count();
    require(total <= kMaxTokens, "scene size", std::to_string(total) + "+ tokens",
            "at most " + std::to_string(kMaxTokens) + " tokens");
  }
  require(total >= 1, "scene size", "0 tokens", "needs at least one token");
}

std::string Scene::describe() const {
  std::ostringstream out;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const Segment& s = segments[i];
    if (i) out << ',';
    out << to_string(s.modality) << ':';
    if (s.modality == Modality::Text) {
      out << s.count;
    } else if (s.modality == Modality::Image) {
      out << s.height << 'x' << s.width;
    } else {
      out << s.frames << 'x' << s.height << 'x' << s.width;
      if (s.seconds_per_frame != 1.0) out << '@' << format_number(s.seconds_per_frame);
    }
  }
  return out.str();
}

namespace {

int parse_int(std::string_view text, const std::string& what) {
  int value = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  require(ec == std::errc() && ptr == end, "--scene " + what, "'" + std::string(text) + "'",
          "must be a whole number");
  return value;
}

std::vector<std::string_view> split_on(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t pos = text.find(sep, start);
    parts.push_back(text.substr(start, pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return parts;
}

Segment parse_segment(std::string_view item) {
  const std::size_t colon = item.find(':');
  require(colon != std::string_view::npos, "--scene item", "'" + std::string(item) + "'",
          "must look like text:N, image:HxW or video:TxHxW[@S]");
  const std::string_view kind = item.substr(0, colon);
  std::string_view body = item.substr(colon + 1);
  if (kind == "text") return Segment::text(parse_int(body, "text count"));
  double seconds = 1.0;
  if (const std::size_t at = body.find('@'); at != std::string_view::npos) {
    const std::string number(body.substr(at + 1));
    char* end = nullptr;
    seconds = std::strtod(number.c_str(), &end);
    require(!number.empty() && end == number.c_str() + number.size(), "--scene seconds per frame",
            "'" + number + "'", "must be a number");
    body = body.substr(0, at);
  }
  const auto sizes = split_on(body, 'x');
  if (kind == "image" && sizes.size() == 2) {
    return Segment::image(parse_int(sizes[0], "height"), parse_int(sizes[1], "width"));
  }
  if (kind == "video" && sizes.size() == 3) {
    return Segment::video(parse_int(sizes[0], "frames"), parse_int(sizes[1], "height"),
                          parse_int(sizes[2], "width"), seconds);
  }
  throw InputError("--scene item = '" + std::string(item) +
                   "' is invalid: must look like text:N, image:HxW or video:TxHxW[@S]");
}

}  // namespace

Scene Scene::parse(std::string_view text) {
  require(!text.empty(), "--scene", "''", "must list segments like text:4,video:8x4x4,text:4");
  Scene scene;
  for (std::string_view item : split_on(text, ',')) scene.segments.push_back(parse_segment(item));
  return scene;
}

void TokenLayout::reserve(std::size_t n) {
  modality.reserve(n);
  segment.reserve(n);
  frame.reserve(n);
  row.reserve(n);
  col.reserve(n);
}

void TokenLayout::add_text(int segment_index) {
  modality.push_back(Modality::Text);
  segment.push_back(segment_index);
  frame.push_back(-1);
  row.push_back(-1);
  col.push_back(-1);
}

void TokenLayout::add_visual(Modality kind, int segment_index, int frame_index, int row_index,
                             int col_index) {
  modality.push_back(kind);
  segment.push_back(segment_index);
  frame.push_back(frame_index);
  row.push_back(row_index);
  col.push_back(col_index);
}

}  // namespace ropelab
