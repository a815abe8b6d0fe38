// Ding et al. 2025: the family's metadata and broken variants; every claim lives in its own file,
// properties/ding2025/<local id>.cpp (row + check), shared bodies in this folder's headers.
#pragma once

#include <string>
#include <utility>

#include "core/claim.hpp"
#include "core/context.hpp"
#include "core/registry.hpp"

namespace icl::ding2025 {

const Family& family();

namespace defects {
inline constexpr Defect DropOneOverN{1, "drop-1/n", "K1 without its 1/n"};
inline constexpr Defect QueryAmongKeys{2, "query-among-keys", "M = I: the query column is a key and a value"};
inline constexpr Defect WrongMoment{3, "wrong-moment", "E[ggᵀ|K] with (1 − 1/n) replaced by 1 in the closed form"};
inline constexpr Defect FlipReadout{4, "flip-readout", "the w-recursion with the sign of b_l flipped"};
inline constexpr Defect PerturbedDisc{5, "perturbed-disc", "the square (b₁a₂ − b₂a₁)² plus 1/1000 inside"};
inline constexpr Defect QueryIndependent{7, "query-independent", "MK11's FACT-H at d = 1, where x_{n+1} = s_1 does not depend on K (a control)"};
inline constexpr Defect WrongPower{8, "wrong-power", "MK10's c(t, t') read from K^(t'−t+1)"};
inline constexpr Defect SameTarget{9, "same-target", "MK25 with the realised label as T-prob's target too"};
inline constexpr Defect FlipPreimage{10, "flip-preimage", "K3 with a = (X₁, X₂ + tX₁)"};
inline constexpr Defect FlipJ2{11, "flip-j2", "MK16 with the last entry of J2's last column negated"};
inline constexpr Defect WrongC2{12, "wrong-c2", "MK09 with Example C.5's c2 doubled"};
inline constexpr Defect RealisableGrid{13, "realisable-grid", "MK08 over n = 13, 20, 30, 100 only, where X* is realisable (a control)"};
inline constexpr Defect RootsInUnitInterval{14, "roots-in-unit-interval", "MK08 with the boundary's stationary points sought in (0, 1) only"};
inline constexpr Defect LambdaMaxH{15, "lambda-max-h", "MK12's lower bound with the largest eigenvalue of H for the smallest"};
inline constexpr Defect WrongDirichlet{16, "wrong-dirichlet", "MK26's Dirichlet moment with (Sα)_{c+1} for (Sα)_c in the denominator"};
inline constexpr Defect PlusCandidateOnly{17, "plus-candidate-only", "O-REC with only b ∝ √l1·u + √l2·v in the rank-2 case"};
inline constexpr Defect MispairedObjective{18, "mispaired-objective", "K5's objective pairing z1_i with z2_(i+1)"};
inline constexpr Defect WrongRho{19, "wrong-rho", "φ with ρ(1,1) and ρ(1,2) exchanged (MK01)"};
inline constexpr Defect FactForRk{20, "fact-for-rk", "MK02 with O2's FACT-H moments where RK is asked for"};
inline constexpr Defect KernelPerChain{21, "kernel-per-chain", "MK05's Monte Carlo with a kernel drawn per chain, not per prompt"};
inline constexpr Defect LsaAsReference{22, "lsa-as-reference", "MK18 with the trained LSA in place of the least-squares reference"};
inline constexpr Defect TransposedGradQ{23, "transposed-grad-q", "MK19's dense gradient with ∂/∂Q transposed"};
inline constexpr Defect WrongGradQScale{24, "wrong-grad-q-scale", "MK17's backpropagation without the 1/n in ∂/∂Q"};
inline constexpr Defect FlippedParetoCone{25, "flipped-pareto-cone", "MK20's Pareto front taken as w_LS − μ (μ ≥ 0)"};
inline constexpr Defect DropQChainRule{26, "drop-q-chain-rule", "MK20's recursion gradient without q(w)'s dependence on w (the 2β·r term of the backward pass)"};
inline constexpr Defect K4OneOverNPlusOne{27, "k4-one-over-n-plus-1", "MK20's K4 layers built with 1/(n + 1) for 1/n"};
inline constexpr Defect LargeNOnly{6, "large-n-only", "MK07 over n = 20 … 30 only (a control that can be certified)"};
}  // namespace defects

}  // namespace icl::ding2025
