// Claims register themselves from the file that holds their check: one row (a ClaimRow, read like the spec's
// table row) and one check per file, properties/<paper>/<local id>.cpp. The registry orders them by the family
// list (properties/families.cpp) and each family's spec order.
#pragma once

#include <string>
#include <vector>

#include "core/claim.hpp"

namespace icl {

class ClaimRow {
 public:
  ClaimRow(std::string local_id, Kind kind);
  ClaimRow& statement(std::string text);
  ClaimRow& arithmetic(std::string text, std::vector<std::string> tags);
  ClaimRow& expect(Verdict verdict, std::string why);
  ClaimRow& source(std::string where);
  ClaimRow& uses(std::vector<std::string> constructions, std::vector<std::string> oracles);
  // A budget at effort 1; below `minimum` (after scaling) the check earns no positive verdict. The default minimum is
  // the base itself: the default budgets are the smallest at which the recorded verdicts were established. A
  // property backed by a certificate (Schwartz–Zippel) proves at any case count and passes a minimum of 1.
  ClaimRow& budget(std::string name, Axis axis, long base, long minimum = -1);
  ClaimRow& budget(const Budget& b) { return budget(b.name, b.axis, b.base, b.minimum); }
  // What every instance must satisfy; the check draws or filters instances accordingly and reports how many qualified.
  ClaimRow& hypothesis(std::string text);
  // A part of the comparison with its own expected outcome (checked beside the claim's verdict).
  ClaimRow& part(std::string name, Verdict expected);
  // A broken variant the check must refute (by a property: with an RC_PARAMS string), at `effort`.
  ClaimRow& rejects(Defect d, double effort = 1);
  ClaimRow& rejects_by_property(Defect d, double effort = 1);
  // A variant under which the check must give `verdict` (for a claim expected refuted: proof that it can hold).
  ClaimRow& variant(Defect d, Verdict verdict, double effort = 1);
  // … and must be inconclusive for the reason that contains `reason`.
  ClaimRow& inconclusive_under(Defect d, const char* reason, double effort = 1);
  ClaimRow& fixture(std::string name);
  ClaimRow& check(Evidence (*fn)(Context&));
  const Claim& claim() const { return claim_; }

 private:
  Claim claim_;
};

struct Registration {
  Registration(const Family& family, const ClaimRow& row, const char* file);
};

// Every registration, in no particular order (the registry orders them).
const std::vector<Claim>& registrations();

// Natural order of local ids within a family: by prefix (the family's spec order), then by number.
bool spec_order_less(const Family& f, const std::string& a, const std::string& b);

}  // namespace icl
