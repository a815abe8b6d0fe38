// Selection of claims for a run: by id, paper key or glob.
#pragma once

#include <string>
#include <vector>

#include "properties/families.hpp"

namespace icl {

// Claims matching a pattern: an exact id, a paper key (all its claims), or a glob with * and ?.
// Several patterns may be separated by commas. Unmatched patterns are returned in `unmatched`.
std::vector<const Claim*> select_claims(const std::vector<std::string>& patterns, std::vector<std::string>* unmatched);

}  // namespace icl
