#include "reports/registry.hpp"

#include <fnmatch.h>

#include <algorithm>

namespace icl {

std::vector<const Claim*> select_claims(const std::vector<std::string>& patterns, std::vector<std::string>* unmatched) {
  std::vector<std::string> split;
  for (const auto& p : patterns) {
    size_t start = 0;
    for (size_t comma; (comma = p.find(',', start)) != std::string::npos; start = comma + 1)
      split.push_back(p.substr(start, comma - start));
    split.push_back(p.substr(start));
  }
  if (split.empty()) split.push_back("*");
  std::vector<const Claim*> out;
  for (const auto& pat : split) {
    bool any = false;
    for (const auto& c : registry()) {
      const bool match = c.id == pat || c.paper == pat || c.paper + "/" == pat ||
                         fnmatch(pat.c_str(), c.id.c_str(), 0) == 0;
      if (!match) continue;
      any = true;
      if (std::find(out.begin(), out.end(), &c) == out.end()) out.push_back(&c);
    }
    if (!any && unmatched) unmatched->push_back(pat);
  }
  // Keep registry order.
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace icl
