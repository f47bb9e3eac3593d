// The design x allocation composer: any variant's position design with any variant's frequency
// allocation (the decomposition Multimodal-RoPEs argues with). Id "custom:DESIGN/ALLOCATION".
#include <algorithm>
#include <map>
#include <memory>
#include <mutex>

#include "ropelab/error.h"
#include "ropelab/registry.h"
#include "variants.h"

namespace ropelab::variants {
namespace {

class CustomVariant final : public Variant {
 public:
  CustomVariant(const Variant& design, const Variant& allocation)
      : design_(design), allocation_(allocation) {
    const VariantInfo& d = design.info();
    const VariantInfo& a = allocation.info();
    info_ = d;
    info_.id = custom_id(d.id, a.id);
    info_.summary = "Custom: " + d.id + "'s position design with " + a.id + "'s allocation";
    info_.paper = "design: " + d.paper + "; allocation: " + a.paper;
    info_.default_partial_rotary = a.default_partial_rotary;
    info_.default_pairing = a.default_pairing;
    info_.head_wise = a.head_wise;
  }
  static std::string custom_id(const std::string& design, const std::string& allocation) {
    return "custom:" + design + "/" + allocation;
  }

  const VariantInfo& info() const override { return info_; }
  Formula formula() const override {
    return {design_.formula().position_design, allocation_.formula().frequency_allocation};
  }
  std::vector<OptionSpec> options() const override {
    std::vector<OptionSpec> specs = design_.options();
    for (OptionSpec& spec : allocation_.options()) {
      const bool known = std::any_of(specs.begin(), specs.end(),
                                     [&](const OptionSpec& s) { return s.key == spec.key; });
      if (!known) specs.push_back(std::move(spec));
    }
    return specs;
  }
  const Variant* design_part() const override { return &design_; }
  const Variant* allocation_part() const override { return &allocation_; }
  std::vector<int> default_split(int pairs) const override {
    return allocation_.default_split(pairs);
  }
  Positions positions(const Scene& scene, const Config& config, double delta) const override {
    return design_.positions(scene, config, delta);
  }
  std::vector<int> allocate(const std::vector<int>& split, const Config& config) const override {
    return allocation_.allocate(split, config);
  }
  Eigen::VectorXd frequencies(const Config& config) const override {
    return allocation_.frequencies(config);
  }
  std::vector<int> head_axes(const Config& config) const override {
    return allocation_.head_axes(config);
  }
  void validate(const Scene& scene, const Config& config) const override {
    design_.validate(scene, config);
    allocation_.validate(scene, config);
  }

 private:
  const Variant& design_;
  const Variant& allocation_;
  VariantInfo info_;
};

}  // namespace

const Variant& custom(const Variant& design, const Variant& allocation) {
  require(design.axis_count() == allocation.axis_count(), "--allocation",
          "'" + std::string(allocation.id()) + "'",
          "must have as many axes as the design '" + std::string(design.id()) + "' (" +
              std::to_string(allocation.axis_count()) + " vs " +
              std::to_string(design.axis_count()) + ")");
  require(design.design_part() == nullptr && allocation.allocation_part() == nullptr, "--design",
          "'" + std::string(design.id()) + "'", "must name a built-in variant");
  // One instance per pair, alive for the whole program (Encodings point at it).
  static std::mutex mutex;
  static std::map<std::pair<const Variant*, const Variant*>, std::unique_ptr<CustomVariant>> cache;
  const std::lock_guard<std::mutex> lock(mutex);
  auto& slot = cache[{&design, &allocation}];
  if (!slot) slot = std::make_unique<CustomVariant>(design, allocation);
  return *slot;
}

}  // namespace ropelab::variants
