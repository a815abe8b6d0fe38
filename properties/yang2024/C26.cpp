// yang2024/C26 — Fig. 5 (4 layers, K = 200, 100 s wall-clock budget): the paper reports the lowest final loss at H = 4;
// H = 32, 64 slower per iteration and per step.
// The model is K3, a 4-layer standard transformer (d_model 256, d_ff 512; input columns [v_k; y_k] for prompt tokens and
// [v_k; 0] for queries, the spec's choice). The standard transformer exists (training/transformer.hpp: LayerNorm,
// multi-head softmax attention, MLP, its backward checked against MPFR) but K3's training runs under a wall-clock budget
// are not wired (issue 12), so the claim is registered without a computation and reads inconclusive, naming what is
// missing. Nothing here is evidence either way.
// At the paper's shape K3 costs ≈ 57 s (H = 4) to 84 s (H = 64) per batch-256 step in double on one core here (README),
// so the figure's 100 s budget is 2–3 steps on this machine.
#include "properties/yang2024/family.hpp"

namespace icl::yang2024::c26 {

Evidence check(Context&) {
  Evidence ev;
  ev.note("missing", "K3, the 4-layer standard transformer (d_model 256, d_ff 512) with its trainer (issue 12)");
  ev.note("what it will compute", "loss against wall-clock time and against steps for H ∈ {4, 8, 32, 64} at K = 200 "
                                  "within 100 s, over 5 seeds, with the time per step per H");
  ev.print({"H with the lowest final loss in 100 s (4 layers, K = 200)", "H = 4", "not computed (K3 not built)", "—",
            std::nullopt, "issue 12"});
  ev.inconclusive("not computed: the 4-layer standard transformer K3 is not trained yet (issue 12)");
  return ev;
}

const Registration row(family(),
    ClaimRow("C26", Kind::Empirical)
        .statement("Fig. 5 (4-layer, K = 200, 100 s wall-clock budget): the paper reports the lowest final loss at H = 4; "
                   "H = 32, 64 slower per iteration and per step")
        .source("Fig. 5")
        .uses({"K3"}, {})
        .arithmetic("double (training)", {"double"})
        .expect(Verdict::Inconclusive, "K3 (the standard transformer) is issue 12's")
        .hypothesis("Fig. 5 configuration; not computed")
        .check(check),
    __FILE__);

}  // namespace icl::yang2024::c26
