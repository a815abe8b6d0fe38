// Zhang & Cao 2026: the family's metadata and broken variants; every claim lives in its own file,
// properties/zhangcao2026/<local id>.cpp (row + check), shared bodies in this folder's headers.
#pragma once

#include "core/claim.hpp"
#include "core/context.hpp"
#include "core/registry.hpp"

namespace icl::zhangcao2026 {

// A function (not a global) so that registrations in other files can use it during static initialisation.
const Family& family();

namespace defects {
inline constexpr Defect FlipScoreSign{1, "flip-score-sign", "W_Q = +E_S: softmax(+m) instead of softmax(−m)"};
inline constexpr Defect DropEta{2, "drop-eta", "value block without η"};
inline constexpr Defect QueryAmongKeys{3, "query-among-keys", "K1 with the state token among the keys (K4) where K1 is claimed"};
inline constexpr Defect TransposeBlock{4, "transpose-block", "score block at [S, F] instead of [F, S]"};
inline constexpr Defect ValueReadsState{5, "value-reads-state", "value W_V = E_F + E_S (values also read the keys' state slots)"};
inline constexpr Defect WrongBound{6, "wrong-bound", "the claimed bound or formula with a wrong constant"};
inline constexpr Defect WrongTeacher{7, "wrong-teacher", "training against a teacher with step 2η"};
inline constexpr Defect WrongRule{8, "wrong-rule", "the rate measured for plain GD where NGD is claimed (or NGD where GD is)"};
inline constexpr Defect EqualSteps{9, "equal-steps", "runs compared at equal t instead of equal ηt"};
inline constexpr Defect PositiveScan{10, "positive-scan", "the scalar landscape scanned on a ≥ 0 only (a control that holds)"};
inline constexpr Defect QuadraticNoise{11, "quadratic-noise", "the perturbation scaled by ε² instead of ε (a control)"};
inline constexpr Defect AscentStep{12, "ascent-step", "training steps along +∇L instead of −∇L"};
}  // namespace defects

}  // namespace icl::zhangcao2026
