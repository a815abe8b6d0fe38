// Giannou et al. 2024 claim family: check entry points. Each takes a Defect so the tests run the same check
// on a deliberately broken construction and assert that it is rejected.
#pragma once

#include <vector>

#include "core/claim.hpp"

namespace icl::giannou2024 {

enum class Defect {
  None,
  FlipValueSign,     // a head's W_V negated
  MissingHead,       // Lemma 4.1 layer 2 without its second head
  SwapKeyQuery,      // a head with W_K and W_Q exchanged (a transposed score)
  QueryInGram,       // K4: a_test also in the data rows of the query column
  WrongHeights,      // staircase steps 5% too high (the ramps drift away from h)
  Undamped,          // K5 / damped Newton with η = 1
  BadSignGadget,     // K7 with relu(x − y + 1) in place of relu(x − y − 1)
  WrongFormula,      // the claimed closed formula with a wrong constant (for formula-level claims)
};

// Exact identities (giannou2024_exact.cpp).
Evidence check_ns1(const RunConfig&, Defect = Defect::None);
Evidence check_ns2(const RunConfig&, Defect = Defect::None);
Evidence check_ns3(const RunConfig&, Defect = Defect::None);
Evidence check_lsa1(const RunConfig&, Defect = Defect::None);
Evidence check_lsa2(const RunConfig&, Defect = Defect::None);
Evidence check_lsa3(const RunConfig&, Defect = Defect::None);
Evidence check_lsa4(const RunConfig&, Defect = Defect::None);
Evidence check_reg1(const RunConfig&, Defect = Defect::None);
Evidence check_log1(const RunConfig&, Defect = Defect::None);  // exact part + Arb part (certified TU)
Evidence check_log4(const RunConfig&, Defect = Defect::None);
Evidence check_relu1(const RunConfig&, Defect = Defect::None);
Evidence check_acc1(const RunConfig&, Defect = Defect::None);

// Certified inequalities (giannou2024_certified.cpp).
Evidence check_ns4(const RunConfig&, Defect = Defect::None);
Evidence check_ns5(const RunConfig&, Defect = Defect::None);
Evidence check_ns6(const RunConfig&, Defect = Defect::None);
Evidence check_reg2(const RunConfig&, Defect = Defect::None);
Evidence check_log2(const RunConfig&, Defect = Defect::None);
Evidence check_log3(const RunConfig&, Defect = Defect::None);
Evidence check_log5(const RunConfig&, Defect = Defect::None);
Evidence check_log7(const RunConfig&, Defect = Defect::None);
Evidence check_log8(const RunConfig&, Defect = Defect::None);
Evidence check_log9(const RunConfig&, Defect = Defect::None);
Evidence check_log10(const RunConfig&, Defect = Defect::None);
Evidence check_relu2(const RunConfig&, Defect = Defect::None);
// LOG1's Arb part: derivative identities of the real f at real points, discrepancy per precision.
bool run_log1_arb(const RunConfig&, Evidence& ev, Defect defect);

// Damped Newton runs and the network (giannou2024_newton.cpp).
Evidence check_log6(const RunConfig&, Defect = Defect::None);
Evidence check_log11(const RunConfig&, Defect = Defect::None);
Evidence check_log12(const RunConfig&, Defect = Defect::None);
Evidence check_acc2(const RunConfig&, Defect = Defect::None);
// K5's depth and width audit, used by ACC1.
struct NetworkCounts {
  long layers = 0, k = 0, max_heads = 0, relus = 0;
  std::string stages;
};
NetworkCounts newton_network_counts(double mu, double eps, long d, long n);

// Training experiments (giannou2024_training.cpp).
Evidence check_exp1(const RunConfig&, Defect = Defect::None);
Evidence check_exp2(const RunConfig&, Defect = Defect::None);
Evidence check_exp3(const RunConfig&, Defect = Defect::None);

void register_claims(std::vector<Claim>& registry);

}  // namespace icl::giannou2024
