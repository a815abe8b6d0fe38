// von Oswald et al. 2023 claim family: check entry points. Each check takes a Defect so the tests can run
// the very same property on a deliberately broken construction and assert that it is rejected.
#pragma once

#include <vector>

#include "core/claim.hpp"

namespace icl::vonoswald2023 {

enum class Defect {
  None,
  FlipValueSign,         // W_V → −W_V
  DropOneOverN,          // P without its 1/N
  QueryAmongKeys,        // keys and values include the query tokens
  TransposeValue,        // W_V → W_V^T
  FlipGammaSign,         // GD++: −γ → +γ in P
  CodePOnInputs,         // the code's P placed on the x block instead of the label block
  UncompensatedRescale,  // W_PV·s without W_KQ/s
  ShiftBackward,         // copy layer: query map p_t → p_{t−1}
  WrongKurtosis,         // population closed form with the Gaussian κ = 3 for every law
  DropHalf,              // population closed form without the ½ of the loss
};

// Exact identities (vonoswald2023_exact.cpp).
Evidence check_c1(const RunConfig& cfg, Defect defect = Defect::None);
Evidence check_c2(const RunConfig& cfg, Defect defect = Defect::None);
Evidence check_c3(const RunConfig& cfg, Defect defect = Defect::None);  // includes the demo (numeric TU)
Evidence check_c4(const RunConfig& cfg, Defect defect = Defect::None);
Evidence check_c5(const RunConfig& cfg, Defect defect = Defect::None);
Evidence check_c6(const RunConfig& cfg, Defect defect = Defect::None);
Evidence check_c23(const RunConfig& cfg, Defect defect = Defect::None);  // linear part + softmax part
Evidence check_c25(const RunConfig& cfg, Defect defect = Defect::None);
Evidence check_c26(const RunConfig& cfg, Defect defect = Defect::None);
Evidence check_c27(const RunConfig& cfg, Defect defect = Defect::None);
Evidence check_c30(const RunConfig& cfg, Defect defect = Defect::None);
Evidence check_c31(const RunConfig& cfg, Defect defect = Defect::None);

// Numeric parts (vonoswald2023_numeric.cpp).
// The notebook demo (d = 12, d_y = 8, N = 45, η = 1, K = 100): exact, MPFR ladder and double; adds details
// and series to `ev` and returns false if a discrepancy contradicts the identity.
bool run_c3_demo(const RunConfig& cfg, Evidence& ev, Defect defect = Defect::None);
// Copy layer with softmax: certified off-target mass bound as β grows (Arb), error series (MPFR).
bool run_c23_softmax(const RunConfig& cfg, Evidence& ev, Defect defect = Defect::None);

// Population claims (vonoswald2023_population.cpp).
Evidence check_c7(const RunConfig& cfg, Defect defect = Defect::None);
Evidence check_c9(const RunConfig& cfg, Defect defect = Defect::None);
Evidence check_c24(const RunConfig& cfg, Defect defect = Defect::None);
Evidence check_c28(const RunConfig& cfg, Defect defect = Defect::None);
Evidence check_c29(const RunConfig& cfg, Defect defect = Defect::None);

// The family's registry entries (vonoswald2023_registry.cpp).
void register_claims(std::vector<Claim>& registry);

}  // namespace icl::vonoswald2023
