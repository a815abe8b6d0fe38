// von Oswald et al. 2023: the family's metadata, broken variants and shared check bodies are declared here;
// every claim lives in its own file, properties/vonoswald2023/<local id>.cpp (row + check).
#pragma once

#include "core/claim.hpp"
#include "core/context.hpp"
#include "core/registry.hpp"

namespace icl::vonoswald2023 {

// A function (not a global) so that registrations in other files can use it during static initialisation.
const Family& family();

// Broken variants (each claim's row lists the ones its check must reject).
namespace defects {
inline constexpr Defect FlipValueSign{1, "flip-value-sign", "W_V → −W_V"};
inline constexpr Defect DropOneOverN{2, "drop-1/N", "P without its 1/N"};
inline constexpr Defect QueryAmongKeys{3, "query-among-keys", "keys and values include the query tokens"};
inline constexpr Defect TransposeValue{4, "transpose-value", "W_V → W_V^T"};
inline constexpr Defect FlipGammaSign{5, "flip-gamma-sign", "GD++: −γ → +γ in P"};
inline constexpr Defect CodePOnInputs{6, "code-P-on-inputs", "the code's P placed on the x block instead of the label block"};
inline constexpr Defect UncompensatedRescale{7, "uncompensated-rescale", "W_PV·s without W_KQ/s"};
inline constexpr Defect ShiftBackward{8, "shift-backward", "copy layer: query map p_t → p_{t−1}"};
inline constexpr Defect WrongKurtosis{9, "wrong-kurtosis", "population closed form with the Gaussian κ = 3 for every law"};
inline constexpr Defect DropHalf{10, "drop-half", "population closed form without the ½ of the loss"};
inline constexpr Defect CodeLaw{11, "code-law", "the reported value compared under S-code instead of S-paper"};
inline constexpr Defect EtaEqualsN{12, "eta-equals-N", "eq. 13 checked only at η = N, where it coincides with Prop. 2"};
inline constexpr Defect SpectrumOverN{14, "spectrum-over-N", "C18: the spectrum of XXᵀ/N in place of XXᵀ"};
inline constexpr Defect QueryOnly{13, "query-only", "an attention that writes only the query token (context tokens pass unchanged)"};
inline constexpr Defect FlipAlignmentSign{15, "flip-alignment-sign", "§2.4 metrics against −g_GD (the GD implicit model with its sign flipped)"};
}  // namespace defects

}  // namespace icl::vonoswald2023
