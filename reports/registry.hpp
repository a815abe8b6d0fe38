// The claim registry: every claim of every family, in spec order. The single source for `iclcheck`,
// the reports and the ctest cases.
#pragma once

#include <string>
#include <vector>

#include "core/claim.hpp"

namespace icl {

struct Paper {
  std::string key, citation, arxiv;
};

const std::vector<Claim>& registry();
const std::vector<Paper>& papers();
const Paper* find_paper(const std::string& key);
const Claim* find_claim(const std::string& id);

// Claims matching a pattern: an exact id, a paper key (all its claims), or a glob with * and ?.
// Several patterns may be separated by commas. Unmatched patterns are returned in `unmatched`.
std::vector<const Claim*> select_claims(const std::vector<std::string>& patterns, std::vector<std::string>* unmatched);

}  // namespace icl
