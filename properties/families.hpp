// The registry: every family (one folder under properties/) and every claim it registers, in spec order.
// Free of Boost and Eigen, like core/claim.hpp.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/claim.hpp"

namespace icl {

// The one list of families, in report order. Adding a family is one folder plus one line in families.cpp.
const std::vector<const Family*>& families();
// Papers with a spec in ../shared/claims whose family is not built yet, with the issue that adds it.
const std::vector<std::pair<std::string, std::string>>& pending_families();

const std::vector<Claim>& registry();
const Family* find_family(const std::string& key);
const Claim* find_claim(const std::string& id);

}  // namespace icl
