// Giannou et al. 2024: the family's metadata and broken variants; every claim lives in its own file,
// properties/giannou2024/<local id>.cpp (row + check), shared bodies in this folder's headers.
#pragma once

#include "core/claim.hpp"
#include "core/context.hpp"
#include "core/registry.hpp"

namespace icl::giannou2024 {

// A function (not a global) so that registrations in other files can use it during static initialisation.
const Family& family();

namespace defects {
inline constexpr Defect FlipValueSign{1, "flip-value-sign", "a head's W_V negated"};
inline constexpr Defect MissingHead{2, "missing-head", "Lemma 4.1 layer 2 without its second head"};
inline constexpr Defect SwapKeyQuery{3, "swap-key-query", "a head with W_K and W_Q exchanged (a transposed score)"};
inline constexpr Defect QueryInGram{4, "query-in-gram", "K4: a_test also in the data rows of the query column"};
inline constexpr Defect WrongHeights{5, "wrong-heights", "staircase steps 5% too high (the ramps drift away from h)"};
inline constexpr Defect Undamped{6, "undamped", "K5 / damped Newton with η = 1"};
inline constexpr Defect BadSignGadget{7, "bad-sign-gadget", "K7 with relu(x − y + 1) in place of relu(x − y − 1)"};
inline constexpr Defect WrongFormula{8, "wrong-formula", "the claimed closed formula with a wrong constant or exponent"};
inline constexpr Defect ExtraLayer{9, "extra-layer", "an extra layer in the Lemma 4.1 block (the audit must notice)"};
inline constexpr Defect AlternativeForm{10, "alternative-form", "LOG9 compared with LOG10's 4‖ε‖² (a control that holds)"};
inline constexpr Defect LargeErrors{11, "large-errors", "inexact steps with errors 30 times the ε they are judged against"};
inline constexpr Defect WrongGradient{12, "wrong-gradient", "an analytic gradient off by one part in a thousand"};
inline constexpr Defect Untrained{13, "untrained", "the model evaluated at its initialisation (a control: no verdict)"};
}  // namespace defects

}  // namespace icl::giannou2024
