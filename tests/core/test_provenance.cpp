// Provenance of exported figures (core io/provenance.h): the preset JSON goes into PNG, SVG and
// PDF (XMP) bytes and comes back unchanged.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "ropelab/error.h"
#include "ropelab/io/files.h"
#include "ropelab/io/preset.h"
#include "ropelab/io/provenance.h"

using namespace ropelab;

namespace {

// A 1x1 red RGB PNG (signature, IHDR, IDAT, IEND), made with Python's zlib and struct.
const std::string kTinyPng(
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00"
    "\x01\x08\x02\x00\x00\x00\x90\x77\x53\xde\x00\x00\x00\x0c\x49\x44\x41\x54\x78\x9c\x63\xf8\xcf"
    "\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82",
    69);

std::uint32_t be32(const std::string& s, std::size_t at) {
  return (static_cast<std::uint32_t>(static_cast<unsigned char>(s[at])) << 24) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 1])) << 16) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 2])) << 8) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 3]));
}

}  // namespace

TEST(Provenance, PngChunkIsValidAndBeforeIend) {
  const std::string json = R"({"a":1})";
  const std::string png = io::embed_provenance_png(kTinyPng, json);
  // 69 bytes + a chunk of 12 + 7 ("ropelab") + 5 (NUL, flag, method, two empty strings) + 7.
  ASSERT_EQ(png.size(), 69u + 12 + 12 + 7);
  const std::size_t at = 69 - 12;  // the new chunk takes IEND's place
  EXPECT_EQ(be32(png, at), 19u);
  EXPECT_EQ(png.substr(at + 4, 4), "iTXt");
  EXPECT_EQ(png.substr(at + 8, 19), std::string("ropelab\0\0\0\0\0{\"a\":1}", 19));
  // CRC over type and data, as computed by Python's zlib.crc32.
  EXPECT_EQ(be32(png, at + 8 + 19), 0x43264f13u);
  EXPECT_EQ(png.substr(png.size() - 12, 8), std::string("\0\0\0\0IEND", 8));
  EXPECT_EQ(io::provenance_from_bytes(png, "x.png"), json);
  // Embedding again replaces the chunk instead of adding a second one.
  const std::string again = io::embed_provenance_png(png, R"({"b":2})");
  EXPECT_EQ(again.size(), png.size());
  EXPECT_EQ(io::provenance_from_bytes(again, "x.png"), R"({"b":2})");
}

TEST(Provenance, SvgAndXmpEscapeTheJson) {
  const std::string json = R"({"name":"a <b> & \"c\"","delta":2})";
  const std::string svg = io::embed_provenance_svg(
      "<?xml version=\"1.0\"?>\n<svg width=\"10\" height=\"10\"><title>t</title></svg>", json);
  EXPECT_NE(svg.find("<svg width=\"10\" height=\"10\">\n<metadata><ropelab:preset"),
            std::string::npos);
  EXPECT_NE(svg.find("a &lt;b&gt; &amp; \\&quot;c\\&quot;"), std::string::npos);
  EXPECT_EQ(io::provenance_from_bytes(svg, "x.svg"), json);
  const std::string xmp = io::provenance_xmp(json, "Attention — 2 variants");
  EXPECT_EQ(io::provenance_from_bytes("%PDF-1.4\n...stream\n" + xmp + "\nendstream", "x.pdf"),
            json);
}

TEST(Provenance, PresetRoundTripThroughAFile) {
  io::Preset preset;
  preset.variants = {"videorope", "mrope"};
  preset.config.delta = 2.0;
  const std::string json = io::preset_to_json(preset);
  const auto path = std::filesystem::temp_directory_path() / "ropelab_provenance_test.png";
  io::write_file_atomically(path.string(), io::embed_provenance_png(kTinyPng, json));
  const io::Preset back = io::preset_from_json(io::read_provenance(path.string()), path.string());
  EXPECT_EQ(back.variants, preset.variants);
  EXPECT_EQ(back.config.delta, 2.0);
  std::filesystem::remove(path);
}

TEST(Provenance, FilesWithoutItSayWhy) {
  try {
    io::provenance_from_bytes(kTinyPng, "plain.png");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("plain.png: PNG holds no RoPE Lab provenance"),
              std::string::npos);
  }
  EXPECT_THROW(io::provenance_from_bytes("<svg></svg>", "a.svg"), InputError);
  EXPECT_THROW(io::provenance_from_bytes(kTinyPng.substr(0, 40), "cut.png"), InputError);
  EXPECT_THROW(io::embed_provenance_png("GIF89a", "{}"), InputError);
  EXPECT_THROW(io::read_provenance("/nonexistent/figure.pdf"), InputError);
}
