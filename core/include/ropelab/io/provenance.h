#pragma once
// Provenance of exported figures: every PNG, SVG and PDF RoPE Lab writes carries the full preset
// JSON that made it, so `ropelab FILE` can reopen exactly that state.
//   PNG: an uncompressed iTXt chunk with keyword "ropelab" (before IEND);
//   SVG: <metadata><ropelab:preset xmlns:ropelab="...">JSON, XML-escaped</ropelab:preset>;
//   PDF: the document's XMP metadata holds the same <ropelab:preset> element.
#include <string>

namespace ropelab::io {

inline constexpr const char* kProvenanceKey = "ropelab";
inline constexpr const char* kProvenanceNamespace = "https://ropelab.invalid/ns/provenance/1";

// The PNG `png` with an iTXt chunk {keyword "ropelab", uncompressed, text = json} inserted before
// IEND (an existing "ropelab" chunk is replaced). Throws InputError when `png` is not a PNG.
std::string embed_provenance_png(const std::string& png, const std::string& json);
// The SVG with a <metadata> element holding the JSON inserted as the first child of <svg>.
// Throws InputError when there is no <svg> element.
std::string embed_provenance_svg(const std::string& svg, const std::string& json);
// A complete XMP packet (for a PDF's document metadata) with a dc:title and the JSON.
std::string provenance_xmp(const std::string& json, const std::string& title);

// The JSON embedded in a file's bytes (PNG, SVG or PDF, told apart by content); throws
// InputError("<source>: ...") when the bytes hold none.
std::string provenance_from_bytes(const std::string& bytes, const std::string& source);
// read_file + provenance_from_bytes.
std::string read_provenance(const std::string& path);

}  // namespace ropelab::io
