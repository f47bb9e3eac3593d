#include "options.h"

#include <charconv>
#include <cmath>
#include <functional>
#include <map>
#include <variant>

#include "ropelab/error.h"
#include "ropelab/io/files.h"
#include "ropelab/options.h"
#include "ropelab/registry.h"

namespace ropelab::cli {

namespace {

int to_int(const std::string& option, const std::string& text) {
  long long value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  require(ec == std::errc() && ptr == end && !text.empty(), option, "'" + text + "'",
          "must be a whole number");
  require(value >= -2'000'000'000LL && value <= 2'000'000'000LL, option, text, "is out of range");
  return static_cast<int>(value);
}

double to_double(const std::string& option, const std::string& text) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  require(!text.empty() && end == text.c_str() + text.size(), option, "'" + text + "'",
          "must be a number");
  return value;
}

std::vector<int> to_split(const std::string& text) {
  std::vector<int> split;
  std::size_t start = 0;
  while (true) {
    const std::size_t colon = text.find(':', start);
    split.push_back(to_int("--split", text.substr(start, colon - start)));
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  require(split.size() <= 16, "--split", text, "must have one value per axis");
  return split;
}

// Scene edits keep whatever structure the scene has (a preset may hold several segments): they
// change the first visual segment and the text right around it.
Segment& first_visual(Scene& scene) {
  const int i = scene.first_visual_segment();
  if (i >= 0) return scene.segments[i];
  scene.segments.push_back(Segment::video(1, 1, 1));
  return scene.segments.back();
}

void set_text_around_video(Scene& scene, bool before, int count) {
  int v = scene.first_visual_segment();
  if (v < 0) {
    first_visual(scene);
    v = scene.first_visual_segment();
  }
  const int neighbour = before ? v - 1 : v + 1;
  if (neighbour >= 0 && neighbour < static_cast<int>(scene.segments.size()) &&
      !scene.segments[neighbour].is_visual()) {
    scene.segments[neighbour].count = count;
    return;
  }
  scene.segments.insert(scene.segments.begin() + (before ? v : v + 1), Segment::text(count));
}

void drop_empty_text(Scene& scene) {
  std::erase_if(scene.segments, [](const Segment& s) { return !s.is_visual() && s.count == 0; });
}

}  // namespace

Options parse_options(const std::vector<std::string>& args) {
  Options o;
  require(!args.empty(), "command", "(none)",
          "must be one of variants, positions, angles, attention, analyze, figure, bench, check");
  o.command = args[0];
  static const std::vector<std::string> kCommands{"variants",  "positions", "angles",
                                                  "attention", "analyze",   "figure",
                                                  "bench",     "check",     "help"};
  require(std::find(kCommands.begin(), kCommands.end(), o.command) != kCommands.end(), "command",
          "'" + o.command + "'",
          "must be one of variants, positions, angles, attention, analyze, figure, bench, check");
  std::vector<const OptionSpec*> given;  // variant options set on this command line
  bool spf_set = false;
  bool head_set = false;
  std::string design, allocation;  // the composer: --design ID --allocation ID
  double spf = 1.0;
  using Handler = std::function<void(const std::string&)>;
  const std::map<std::string, Handler> with_value{
      {"--preset",
       [&](const std::string& v) {
         io::Preset p = io::load_preset(v);
         o.variant = p.variants.front();
         o.scene = p.scene;
         o.config = p.config;
       }},
      {"--config",
       [&](const std::string& v) {
         io::Preset base;
         base.scene = o.scene;
         base.config = o.config;
         io::Preset p = io::import_hf_config(io::read_file(v, 4 << 20), v, base);
         o.variant = p.variants.front();
         o.config = p.config;
       }},
      {"--variant",
       [&](const std::string& v) {
         variant_or_throw(v);
         o.variant = v;
       }},
      {"--scene", [&](const std::string& v) { o.scene = Scene::parse(v); }},
      {"--text-before",
       [&](const std::string& v) {
         set_text_around_video(o.scene, true, to_int("--text-before", v));
       }},
      {"--text-after",
       [&](const std::string& v) {
         set_text_around_video(o.scene, false, to_int("--text-after", v));
       }},
      {"--frames",
       [&](const std::string& v) { first_visual(o.scene).frames = to_int("--frames", v); }},
      {"--height",
       [&](const std::string& v) { first_visual(o.scene).height = to_int("--height", v); }},
      {"--width",
       [&](const std::string& v) { first_visual(o.scene).width = to_int("--width", v); }},
      {"--head-dim", [&](const std::string& v) { o.config.head_dim = to_int("--head-dim", v); }},
      {"--base", [&](const std::string& v) { o.config.base = to_double("--base", v); }},
      {"--split", [&](const std::string& v) { o.config.split = to_split(v); }},
      {"--delta", [&](const std::string& v) { o.config.delta = to_double("--delta", v); }},
      {"--seconds-per-frame",
       [&](const std::string& v) {
         spf = to_double("--seconds-per-frame", v);
         spf_set = true;
       }},
      {"--design", [&](const std::string& v) { design = v; }},
      {"--partial-rotary",
       [&](const std::string& v) { o.config.partial_rotary = to_double("--partial-rotary", v); }},
      {"--pairing",
       [&](const std::string& v) {
         require(v == "half" || v == "adjacent", "--pairing", "'" + v + "'",
                 "must be half or adjacent");
         o.config.pairing = v == "half" ? Pairing::Half : Pairing::Adjacent;
       }},
      {"--head",
       [&](const std::string& v) {
         o.config.head = to_int("--head", v);
         head_set = true;
       }},
      {"--format", [&](const std::string& v) { o.format = io::parse_format(v); }},
      {"--out",
       [&](const std::string& v) {
         require(!v.empty(), "--out", "''", "must name a file");
         o.out = v;
       }},
      {"--query", [&](const std::string& v) { o.query = v; }},
      {"--qk", [&](const std::string& v) { o.qk = v; }},
      {"--what",
       [&](const std::string& v) {
         require(v == "collisions" || v == "jump" || v == "bias" || v == "properties", "--what",
                 "'" + v + "'", "must be collisions, jump, bias or properties");
         o.what = v;
       }},
      {"--axis", [&](const std::string& v) { o.axis = v; }},
      {"--range", [&](const std::string& v) { o.range = to_int("--range", v); }},
      {"--runs",
       [&](const std::string& v) {
         o.runs = to_int("--runs", v);
         require(o.runs >= 1 && o.runs <= 1000, "--runs", v, "must be in [1, 1000]");
       }},
      {"--ids", [&](const std::string& v) { o.ids = v; }},
      {"--allocation",
       [&](const std::string& v) {
         o.allocation = v;  // check: the allocation file; otherwise the composer's allocation id
         allocation = v;
       }},
      {"--view", [&](const std::string& v) { o.view = v; }},
      {"--size", [&](const std::string& v) { o.size = v; }},
      {"--dpi", [&](const std::string& v) { o.dpi = to_int("--dpi", v); }},
      {"--sweep", [&](const std::string& v) { o.sweep = v; }},
      {"--paper-figure",
       [&](const std::string& v) {
         require(!v.empty(), "--paper-figure", "''", "must name a Paper figures entry");
         o.paper_figure = v;
       }},
      {"--compare",
       [&](const std::string& v) {
         o.compare.clear();
         std::size_t start = 0;
         while (true) {
           const std::size_t comma = v.find(',', start);
           const std::string id = v.substr(start, comma - start);
           variant_or_throw(id);
           o.compare.push_back(id);
           if (comma == std::string::npos) break;
           start = comma + 1;
         }
       }},
  };
  const std::map<std::string, std::function<void()>> flags{
      {"--softmax", [&] { o.softmax = true; }},
      {"--bidirectional", [&] { o.bidirectional = true; }},
  };
  for (std::size_t i = 1; i < args.size(); ++i) {
    std::string name = args[i], value;
    bool has_inline = false;
    if (const std::size_t eq = name.find('=');
        name.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_inline = true;
    }
    // Variant options come from the declarations (options.h): a Switch's flag sets the opposite
    // of its default and takes no value; every other kind takes one.
    if (const OptionSpec* spec = find_option_by_flag(name)) {
      if (spec->kind == OptionKind::Switch) {
        require(!has_inline, name, "'" + value + "'", "takes no value (it is a switch)");
        o.config.options.set(spec->key, !std::get<bool>(spec->default_value));
      } else {
        if (!has_inline) {
          require(i + 1 < args.size(), name, "(missing)", "needs a value");
          value = args[++i];
        }
        o.config.options.set(spec->key, parse_option(*spec, value));
      }
      if (std::find(given.begin(), given.end(), spec) == given.end()) given.push_back(spec);
      continue;
    }
    if (auto flag = flags.find(name); flag != flags.end() && !has_inline) {
      flag->second();
      continue;
    }
    auto handler = with_value.find(name);
    if (handler == with_value.end())
      throw InputError("option '" + args[i] + "' is unknown (see ropelab-cli help)");
    if (!has_inline) {
      require(i + 1 < args.size(), name, "(missing)", "needs a value");
      value = args[++i];
    }
    handler->second(value);
  }
  if (spf_set) {
    for (Segment& s : o.scene.segments) {
      if (s.modality == Modality::Video) s.seconds_per_frame = spf;
    }
  }
  drop_empty_text(o.scene);
  if (!design.empty() || (!allocation.empty() && o.command != "check")) {
    require(!design.empty(), "--design", "(missing)",
            "must name the position design to pair with --allocation " + allocation);
    require(!allocation.empty(), "--allocation", "(missing)",
            "must name the frequency allocation to pair with --design " + design);
    custom_variant(design, allocation);  // refuses unknown ids and axis-count mismatches
    o.variant = custom_variant_id(design, allocation);
  }
  const Variant& variant = variant_or_throw(o.variant);
  if (o.config.delta && !variant.info().has_delta)
    o.notes.push_back("--delta is ignored: " + o.variant + " has no temporal spacing parameter");
  if (head_set && !variant.info().head_wise)
    o.notes.push_back("--head is ignored: " + o.variant + " has no head-wise allocation");
  if (!o.config.split.empty() && variant.info().head_wise)
    o.notes.push_back("--split is ignored: " + o.variant + " allocates by KV head");
  // A variant option none of the shown variants declares is ignored, with a note.
  std::vector<const Variant*> shown{&variant};
  for (const std::string& id : o.compare) shown.push_back(&variant_or_throw(id));
  for (const OptionSpec* spec : given) {
    // --convention: a variant accepts the conventions it declares, one that declares none only
    // its official code ("code"); a value no shown variant accepts is refused, not ignored.
    if (spec->flag == "--convention") {
      const std::string value = o.config.options.get<std::string>(spec->key);
      const auto accepted = [&](const Variant& v) {
        for (const OptionSpec& d : v.options()) {
          if (d.key == spec->key) return d.choices;
        }
        return std::vector<std::string>{"code"};
      };
      const bool ok = std::any_of(shown.begin(), shown.end(), [&](const Variant* v) {
        const std::vector<std::string> list = accepted(*v);
        return std::find(list.begin(), list.end(), value) != list.end();
      });
      if (!ok) {
        std::string problem;
        for (const Variant* v : shown) {
          std::string list;
          for (const std::string& c : accepted(*v)) list += (list.empty() ? "" : ", ") + c;
          problem += (problem.empty() ? "" : "; ") + std::string(v->id()) + " accepts " + list;
        }
        std::string offered;
        for (const Variant* v : all_variants()) {
          const std::vector<std::string> list = accepted(*v);
          if (std::find(list.begin(), list.end(), value) == list.end()) continue;
          offered += (offered.empty() ? "" : ", ") + std::string(v->id());
        }
        if (!offered.empty())
          problem.append(" ('")
              .append(value)
              .append("' is offered by ")
              .append(offered)
              .append(")");
        require(false, "--convention", "'" + value + "'", problem);
      }
      continue;
    }
    const bool used = std::any_of(shown.begin(), shown.end(), [&](const Variant* v) {
      const std::vector<OptionSpec> declared = v->options();
      return std::any_of(declared.begin(), declared.end(),
                         [&](const OptionSpec& d) { return d.key == spec->key; });
    });
    if (used) continue;
    std::string users;
    for (const Variant* v : all_variants()) {
      for (const OptionSpec& d : v->options()) {
        if (d.key != spec->key) continue;
        if (!users.empty()) users += ", ";
        users += v->id();
      }
    }
    o.notes.push_back(spec->flag + " is ignored: " + o.variant + " does not use it (" + users +
                      " does)");
  }
  return o;
}

namespace {

std::string usage_head() {
  return R"(ropelab-cli — RoPE Lab's headless command line

usage: ropelab-cli COMMAND [options]
       ropelab-cli --help | -h | COMMAND --help   this text (exit 0)
       ropelab-cli --version                     the version (exit 0)

commands:
  variants     list every variant with its axes and a summary
  positions    position ids of every token on every axis and the pair allocation
  angles       rotation angle of every (token, pair)
  attention    attention logits (--softmax: probabilities) of one query over all keys
  analyze      --what collisions|jump|bias|properties
  figure       render a view to PNG, SVG or PDF (needs the GUI build)
  bench        time the core's hot paths (--runs N)
  check        compare your ids (--ids FILE.npy) and/or allocation (--allocation FILE.npy) with
               the variant's reference; exit 0 match, 1 mismatch, 2 bad input

scene and configuration (apply in order; options after --preset override it):
  --preset FILE  --config HF_CONFIG.json  --variant ID
  --text-before N  --frames T  --height H  --width W  --text-after N
  --scene text:4,video:8x4x4@0.5,image:4x4,text:4
  --head-dim D  --base B  --split A:B:C[:D]  --delta X  --seconds-per-frame S
  --partial-rotary F  --pairing half|adjacent  --head K (head-wise variants)
  --design ID --allocation ID   one variant's position design with another's allocation
  variant options: see below
)";
}

std::string usage_tail() {
  return R"(
output: --format json|csv|npy  --out FILE
attention: --query INDEX|last  --qk ones|gaussian:SEED[:SHIFT]|npy:Q.npy,K.npy  --softmax  --bidirectional
analyze: --what ...  --axis NAME  --range L  --query INDEX
figure: --view layout|frequency|attention|similarity|allocation  --out FILE  --size WxH  --dpi N  --compare ID,ID
        --sweep PARAM:FROM:TO:N --out FILE.gif|DIR/   N frames of PARAM (delta, frames, base, height,
        width, text-before, text-after) as an animated GIF or a PNG sequence
        --paper-figure ID --out FILE.png   a Paper figures entry (the app's window) as PNG; with
        --sweep KEY:FROM:TO:N (KEY one of the entry's sliders, e.g. teaching:rotation m,
        vrope-fig1b T, teaching:delta delta) N frames as an animated GIF or a PNG sequence
check: --ids IDS.npy (axes, tokens) or (axes, batch, tokens), any int/float dtype
       --allocation MAP.npy (pairs,) pair -> axis, or a cos table (tokens, pairs) or (tokens, D)
memory: a command refuses work planned beyond ROPELAB_MAX_MEMORY_MB (default 4096 MiB)
exit status: 0 success, 2 usage or input error, 1 other failure
)";
}

}  // namespace

std::string usage() {
  return usage_head() + variant_options_help() + usage_tail();
}

std::string variant_options_help() {
  std::string text =
      "\nvariant options (from each variant's declarations; a switch's flag sets the opposite of "
      "its "
      "default;\nan option the variant does not use is ignored with a note):\n";
  for (const Variant* variant : all_variants()) {
    const std::vector<OptionSpec> specs = variant->options();
    if (specs.empty()) continue;
    text += "  " + std::string(variant->id()) + "\n";
    for (const OptionSpec& spec : specs) {
      std::string head = "    " + spec.flag;
      if (spec.kind != OptionKind::Switch) head += " " + option_allowed(spec);
      text += head + "\n        " + spec.key + ", default " + format_option(spec.default_value) +
              (spec.kind == OptionKind::Switch
                   ? std::string(" (the flag sets ") +
                         (std::get<bool>(spec.default_value) ? "false" : "true") + ")"
                   : std::string()) +
              ": " + spec.doc +
              (spec.reproduces.empty() ? std::string() : " [" + spec.reproduces + "]") + "\n";
    }
  }
  return text;
}

}  // namespace ropelab::cli
