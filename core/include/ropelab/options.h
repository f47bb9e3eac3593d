#pragma once
// Declared variant options: every switch a variant offers is declared once, in the variant's own
// file, as an OptionSpec (key, CLI flag, kind, default, range or choices, label, doc, and the paper
// table it reproduces). The CLI, help, presets, the config importer, the GUI and the tests iterate
// over these declarations; a Config carries only the values the user set.
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ropelab {

class Variant;

using OptionValue = std::variant<bool, int, double, std::string>;
enum class OptionKind { Switch, Integer, Number, Choice, Text };

struct OptionSpec {
  std::string key;   // preset key under "options", snake_case: "low_frequency_temporal"
  std::string flag;  // CLI flag: "--no-lta" (a Switch's flag sets the opposite of its default)
  OptionKind kind = OptionKind::Switch;
  OptionValue default_value;
  std::string label;        // short GUI label
  std::string doc;          // one line: what it changes
  std::string reproduces;   // the paper table or figure it reproduces, or ""
  double min = 0, max = 0;  // Integer / Number ranges (inclusive unless min_exclusive)
  bool min_exclusive = false;
  std::vector<std::string> choices;  // Choice
};

// Parses typed text ("1e6", "paper", "true") for a spec; throws InputError naming spec.flag, the
// value and the allowed range or choices. Switch text: true/false/1/0/on/off.
OptionValue parse_option(const OptionSpec& spec, std::string_view text);
// Checks the value's type and range or choice; same messages as parse_option.
void validate_option(const OptionSpec& spec, const OptionValue& value);
// "true"/"false", integers plainly, numbers in shortest round-trip form, strings as is.
std::string format_option(const OptionValue& value);
// What a spec accepts, for help and messages: "true/false", "[0, 1024]", "code|paper".
std::string option_allowed(const OptionSpec& spec);

class VariantOptions {
 public:
  // The value set, else the default of the key's declaration (all_option_specs()); throws
  // std::logic_error for an undeclared key or a type that does not match its kind. Inside a
  // variant (after encode()'s resolve_options) every declared key is set.
  template <class T>
  T get(std::string_view key) const;
  void set(const std::string& key, OptionValue value);  // no validation (callers validate)
  bool has(std::string_view key) const;
  void erase(std::string_view key);
  const std::map<std::string, OptionValue, std::less<>>& values() const { return values_; }
  bool operator==(const VariantOptions&) const = default;

 private:
  std::map<std::string, OptionValue, std::less<>> values_;
};

// Union over the registry by key (first declaration wins for the default), in registry order.
const std::vector<OptionSpec>& all_option_specs();
const OptionSpec* find_option_by_flag(std::string_view flag);
const OptionSpec* find_option_by_key(std::string_view key);
// The options the variant uses: user values over the variant's defaults. Keys the variant does not
// declare are dropped and listed in `ignored` (callers print a note, as for --delta).
VariantOptions resolve_options(const Variant& variant, const VariantOptions& user,
                               std::vector<std::string>* ignored = nullptr);

extern template bool VariantOptions::get<bool>(std::string_view) const;
extern template int VariantOptions::get<int>(std::string_view) const;
extern template double VariantOptions::get<double>(std::string_view) const;
extern template std::string VariantOptions::get<std::string>(std::string_view) const;

}  // namespace ropelab
