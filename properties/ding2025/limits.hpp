// Ding family: how far a budget may push an exact computation. Effort beyond these adds nothing (the evidence says
// so) instead of asking for an infeasible one: O1 enumerates 4^(n+1) prompts at d = 1 and refuses more than 2^20
// configurations; O2 costs about 4^(d+1)m²d² polynomial terms, and the spec's claims concern d ≤ 4.
#pragma once

namespace icl::ding2025 {

constexpr long kBruteMaxN = 6;  // O1 at d = 1: 4^7 = 16 384 prompts
constexpr long kMaxD = 4;       // MK02's range (spec: d ≤ 4)
constexpr long kMaxDFixedKernel = 3;  // MK10: the §2.5 entries for d ≤ 3

}  // namespace icl::ding2025
