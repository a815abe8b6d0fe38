// A family's claims as a table: one row per spec claim, with the check bound to Defect::None.
#pragma once

#include <string>
#include <vector>

#include "core/claim.hpp"

namespace icl::check {

template <class Defect>
struct ClaimRow {
  const char* local_id;
  Kind kind;
  const char* arithmetic;
  std::vector<std::string> tags;
  Verdict expected;
  const char* statement;
  const char* justification;
  Evidence (*check)(const RunConfig&, Defect);
};

template <class Defect>
void register_rows(const std::string& paper, const std::vector<ClaimRow<Defect>>& rows, std::vector<Claim>& registry) {
  for (const auto& r : rows) {
    Claim c;
    c.id = paper + "/" + r.local_id;
    c.paper = paper;
    c.statement = r.statement;
    c.kind = r.kind;
    c.arithmetic = r.arithmetic;
    c.arith_tags = r.tags;
    c.expected = r.expected;
    c.justification = r.justification;
    const auto check = r.check;
    c.check = [check](const RunConfig& cfg) { return check(cfg, Defect::None); };
    registry.push_back(std::move(c));
  }
}

}  // namespace icl::check
