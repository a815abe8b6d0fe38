// Yang, Huang, Liang, Chi 2024: the family's metadata and broken variants; every claim lives in its own file,
// properties/yang2024/<local id>.cpp (row + check), shared bodies in this folder's headers.
#pragma once

#include "core/claim.hpp"
#include "core/context.hpp"
#include "core/registry.hpp"

namespace icl::yang2024 {

const Family& family();

namespace defects {
inline constexpr Defect ScalarLabelNoise{1, "scalar-label-noise", "labels y_k = λᵀz_k + e_k with scalar noise e_k ~ (0, τ)"};
inline constexpr Defect MissingMTau{2, "missing-m-tau", "G without its mτ (ZᵀZ in place of ZᵀZ + mτI)"};
inline constexpr Defect LossOverK{3, "loss-1/K", "the loss normalised by 1/K instead of 1/(2K)"};
inline constexpr Defect PenaltyNTau{4, "penalty-n-tau", "the limit predictor with penalty Nτ in place of mτ"};
inline constexpr Defect SoftmaxOverAll{5, "softmax-over-all", "K1's softmax over all N + K positions instead of the N prompt positions"};
}  // namespace defects

}  // namespace icl::yang2024
