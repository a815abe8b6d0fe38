#include "reports/registry.hpp"

#include <fnmatch.h>

#include <algorithm>

#include "properties/giannou2024.hpp"
#include "properties/vonoswald2023.hpp"
#include "properties/zhangcao2026.hpp"

namespace icl {

const std::vector<Claim>& registry() {
  static const std::vector<Claim> all = [] {
    std::vector<Claim> r;
    vonoswald2023::register_claims(r);
    giannou2024::register_claims(r);
    zhangcao2026::register_claims(r);
    return r;
  }();
  return all;
}

const std::vector<Paper>& papers() {
  static const std::vector<Paper> all{
      {"vonoswald2023",
       "J. von Oswald, E. Niklasson, E. Randazzo, J. Sacramento, A. Mordvintsev, A. Zhmoginov, M. Vladymyrov, "
       "\"Transformers Learn In-Context by Gradient Descent\", ICML 2023 (PMLR 202:35151–35174)",
       "2212.07677"},
      {"giannou2024",
       "A. Giannou, L. Yang, T. Wang, D. Papailiopoulos, J. D. Lee, \"How Well Can Transformers Emulate In-context "
       "Newton's Method?\", AISTATS 2025 (PMLR 258:4843–4851)",
       "2403.03183"},
      {"zhangcao2026",
       "Zhang and Cao, \"Transformers Efficiently Perform In-Context Logistic Regression via Normalized Gradient "
       "Descent\", arXiv preprint 2026 (cited as ICML 2026)",
       "2605.06609"},
  };
  return all;
}

const Paper* find_paper(const std::string& key) {
  for (const auto& p : papers())
    if (p.key == key) return &p;
  return nullptr;
}

const Claim* find_claim(const std::string& id) {
  for (const auto& c : registry())
    if (c.id == id) return &c;
  return nullptr;
}

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
