// Zhang & Cao 2026 claim family: check entry points (each with a Defect for the broken-variant tests), and the
// shared prompt generator.
#pragma once

#include <vector>

#include "core/claim.hpp"
#include "core/random.hpp"
#include "core/scalar.hpp"

namespace icl::zhangcao2026 {

enum class Defect {
  None,
  FlipScoreSign,   // W_Q = +E_S: softmax(+m) instead of softmax(−m)
  DropEta,         // value block without η
  QueryAmongKeys,  // K1 with the state token among the keys (K4) where K1 is claimed
  TransposeBlock,  // score block at [S, F] instead of [F, S]
  ValueReadsState, // value W_V = E_F + E_S (values also read the keys' state slots)
  WrongBound,      // the claimed bound with a wrong constant
  WrongTeacher,    // training against a teacher with step 2η
};

// Separable prompts: β uniform on the sphere, x_i ~ N(0, I_d) rounded to a 2^-12 grid (exact rationals),
// kept when |⟨β, x_i⟩| ≥ γ_0; z_i = sign(⟨β, x_i⟩)·x_i are the columns of Z.
struct SeparablePrompt {
  Mat<Rational> Z;
  Vec<double> beta;
};
SeparablePrompt draw_separable(Rng& rng, Index d, Index N, double gamma0, bool sphere = false);

// Identities (zhangcao2026_identities.cpp).
Evidence check_c1(const RunConfig&, Defect = Defect::None);
Evidence check_c2(const RunConfig&, Defect = Defect::None);
Evidence check_c3(const RunConfig&, Defect = Defect::None);
Evidence check_c4(const RunConfig&, Defect = Defect::None);
Evidence check_c5(const RunConfig&, Defect = Defect::None);
Evidence check_c6(const RunConfig&, Defect = Defect::None);
Evidence check_c18(const RunConfig&, Defect = Defect::None);
Evidence check_c19(const RunConfig&, Defect = Defect::None);

// Bounds (zhangcao2026_bounds.cpp).
Evidence check_c7(const RunConfig&, Defect = Defect::None);
Evidence check_c8(const RunConfig&, Defect = Defect::None);
Evidence check_c9(const RunConfig&, Defect = Defect::None);
Evidence check_c10(const RunConfig&, Defect = Defect::None);
Evidence check_c17(const RunConfig&, Defect = Defect::None);
Evidence check_c20(const RunConfig&, Defect = Defect::None);

// Rates (zhangcao2026_rates.cpp).
Evidence check_c11(const RunConfig&, Defect = Defect::None);
Evidence check_c12(const RunConfig&, Defect = Defect::None);
Evidence check_c13(const RunConfig&, Defect = Defect::None);
Evidence check_c21(const RunConfig&, Defect = Defect::None);
Evidence check_c23(const RunConfig&, Defect = Defect::None);
Evidence check_c24(const RunConfig&, Defect = Defect::None);

// Training (zhangcao2026_training.cpp).
Evidence check_c14(const RunConfig&, Defect = Defect::None);
Evidence check_c15(const RunConfig&, Defect = Defect::None);
Evidence check_c16(const RunConfig&, Defect = Defect::None);
Evidence check_c22(const RunConfig&, Defect = Defect::None);

void register_claims(std::vector<Claim>& registry);

}  // namespace icl::zhangcao2026
