#include "ropelab/options.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

#include "ropelab/error.h"
#include "ropelab/registry.h"

namespace ropelab {

namespace {

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string text;
  for (const auto& item : items) {
    if (!text.empty()) text += separator;
    text += item;
  }
  return text;
}

std::string quoted(std::string_view text) {
  return "'" + std::string(text) + "'";
}

[[noreturn]] void refuse(const OptionSpec& spec, const std::string& value) {
  std::string allowed;
  switch (spec.kind) {
    case OptionKind::Switch:
      allowed = "must be true or false";
      break;
    case OptionKind::Integer:
      allowed = "must be an integer in " + option_allowed(spec);
      break;
    case OptionKind::Number:
      allowed = "must be a finite number in " + option_allowed(spec);
      break;
    case OptionKind::Choice:
      allowed = "must be " + join(spec.choices, " or ");
      break;
    case OptionKind::Text:
      allowed = "must be text";
      break;
  }
  require(false, spec.flag, value, allowed);
  throw std::logic_error("unreachable");
}

}  // namespace

std::string option_allowed(const OptionSpec& spec) {
  switch (spec.kind) {
    case OptionKind::Switch:
      return "true/false";
    case OptionKind::Integer:
      return "[" + std::to_string(static_cast<long long>(spec.min)) + ", " +
             std::to_string(static_cast<long long>(spec.max)) + "]";
    case OptionKind::Number:
      return (spec.min_exclusive ? "(" : "[") + format_number(spec.min) + ", " +
             format_number(spec.max) + "]";
    case OptionKind::Choice:
      return join(spec.choices, "|");
    case OptionKind::Text:
      return "text";
  }
  return "";
}

std::string format_option(const OptionValue& value) {
  if (const bool* b = std::get_if<bool>(&value)) return *b ? "true" : "false";
  if (const int* i = std::get_if<int>(&value)) return std::to_string(*i);
  if (const double* d = std::get_if<double>(&value)) return format_number(*d);
  return std::get<std::string>(value);
}

void validate_option(const OptionSpec& spec, const OptionValue& value) {
  switch (spec.kind) {
    case OptionKind::Switch:
      if (!std::holds_alternative<bool>(value)) refuse(spec, format_option(value));
      return;
    case OptionKind::Integer: {
      const int* i = std::get_if<int>(&value);
      if (!i || *i < spec.min || *i > spec.max) refuse(spec, format_option(value));
      return;
    }
    case OptionKind::Number: {
      double d = 0;
      if (const double* p = std::get_if<double>(&value)) {
        d = *p;
      } else if (const int* i = std::get_if<int>(&value)) {
        d = *i;
      } else {
        refuse(spec, quoted(format_option(value)));
      }
      const bool above_min = spec.min_exclusive ? d > spec.min : d >= spec.min;
      if (!std::isfinite(d) || !above_min || d > spec.max) refuse(spec, format_number(d));
      return;
    }
    case OptionKind::Choice: {
      const std::string* s = std::get_if<std::string>(&value);
      if (!s || std::find(spec.choices.begin(), spec.choices.end(), *s) == spec.choices.end())
        refuse(spec, quoted(format_option(value)));
      return;
    }
    case OptionKind::Text:
      if (!std::holds_alternative<std::string>(value)) refuse(spec, format_option(value));
      return;
  }
}

OptionValue parse_option(const OptionSpec& spec, std::string_view text) {
  const std::string s(text);
  OptionValue value;
  switch (spec.kind) {
    case OptionKind::Switch:
      if (s == "true" || s == "1" || s == "on") {
        value = true;
      } else if (s == "false" || s == "0" || s == "off") {
        value = false;
      } else {
        refuse(spec, quoted(s));
      }
      break;
    case OptionKind::Integer: {
      long long v = 0;
      const char* end = s.data() + s.size();
      auto [ptr, ec] = std::from_chars(s.data(), end, v);
      require(ec == std::errc() && ptr == end && !s.empty(), spec.flag, quoted(s),
              "must be a whole number in " + option_allowed(spec));
      if (v < spec.min || v > spec.max) refuse(spec, s);
      value = static_cast<int>(v);
      break;
    }
    case OptionKind::Number: {
      char* end = nullptr;
      const double v = std::strtod(s.c_str(), &end);
      require(!s.empty() && end == s.c_str() + s.size(), spec.flag, quoted(s),
              "must be a number in " + option_allowed(spec));
      value = v;
      break;
    }
    case OptionKind::Choice:
    case OptionKind::Text:
      value = s;
      break;
  }
  validate_option(spec, value);
  return value;
}

template <class T>
T VariantOptions::get(std::string_view key) const {
  auto it = values_.find(key);
  const OptionValue* value = nullptr;
  if (it != values_.end()) {
    value = &it->second;
  } else if (const OptionSpec* spec = find_option_by_key(key)) {
    value = &spec->default_value;
  } else {
    throw std::logic_error("option '" + std::string(key) + "' is not declared by any variant");
  }
  if (const T* v = std::get_if<T>(value)) return *v;
  if constexpr (std::is_same_v<T, double>) {
    if (const int* i = std::get_if<int>(value)) return *i;
  }
  throw std::logic_error("option '" + std::string(key) + "' read with the wrong type");
}

template bool VariantOptions::get<bool>(std::string_view) const;
template int VariantOptions::get<int>(std::string_view) const;
template double VariantOptions::get<double>(std::string_view) const;
template std::string VariantOptions::get<std::string>(std::string_view) const;

void VariantOptions::set(const std::string& key, OptionValue value) {
  values_[key] = std::move(value);
}

bool VariantOptions::has(std::string_view key) const {
  return values_.find(key) != values_.end();
}

void VariantOptions::erase(std::string_view key) {
  if (auto it = values_.find(key); it != values_.end()) values_.erase(it);
}

const std::vector<OptionSpec>& all_option_specs() {
  static const std::vector<OptionSpec> kSpecs = [] {
    std::vector<OptionSpec> specs;
    for (const Variant* variant : all_variants()) {
      for (OptionSpec& spec : variant->options()) {
        const bool known = std::any_of(specs.begin(), specs.end(),
                                       [&](const OptionSpec& s) { return s.key == spec.key; });
        if (!known) specs.push_back(std::move(spec));
      }
    }
    return specs;
  }();
  return kSpecs;
}

const OptionSpec* find_option_by_flag(std::string_view flag) {
  for (const OptionSpec& spec : all_option_specs()) {
    if (spec.flag == flag) return &spec;
  }
  return nullptr;
}

const OptionSpec* find_option_by_key(std::string_view key) {
  for (const OptionSpec& spec : all_option_specs()) {
    if (spec.key == key) return &spec;
  }
  return nullptr;
}

VariantOptions resolve_options(const Variant& variant, const VariantOptions& user,
                               std::vector<std::string>* ignored) {
  VariantOptions resolved;
  const std::vector<OptionSpec> specs = variant.options();
  for (const OptionSpec& spec : specs) {
    auto it = user.values().find(spec.key);
    resolved.set(spec.key, it != user.values().end() ? it->second : spec.default_value);
  }
  if (ignored) {
    for (const auto& [key, value] : user.values()) {
      if (!resolved.has(key)) ignored->push_back(key);
    }
  }
  return resolved;
}

}  // namespace ropelab
