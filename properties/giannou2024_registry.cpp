// Giannou et al. 2024: the family's claims as data (spec §5).
#include "properties/claim_table.hpp"
#include "properties/giannou2024.hpp"

namespace icl::giannou2024 {

namespace {

using Row = check::ClaimRow<Defect>;

const std::vector<Row>& rows() {
  static const std::vector<Row> table{
      {"NS1", Kind::Identity, "exact rational", {"exact"}, Verdict::ProvedExactly,
       "I − A·X(2I − AX) = (I − AX)² for all square A, X", "expand both sides", check_ns1},
      {"NS2", Kind::Identity, "exact rational", {"exact"}, Verdict::ProvedExactly,
       "Order n: I − AX′ = (I − AX)^n and I − X′A = (I − XA)^n, n = 2..6",
       "AX′ = Σ_m (−1)^m C(n, m+1)(AX)^{m+1} = I − (I − AX)^n by the binomial theorem", check_ns2},
      {"NS3", Kind::Identity, "exact rational (k ≤ 6)", {"exact"}, Verdict::ProvedExactly,
       "X_0 = αA^T ⇒ I − AX_k = (I − αAA^T)^{2^k}", "NS1 squares the residual at every step", check_ns3},
      {"NS4", Kind::Inequality, "Arb (exact X_k)", {"arb", "exact"}, Verdict::Certified,
       "0 < α < 2/s_max(A)² ⇒ ‖X_k − A^{-1}‖₂ ≤ ‖A^{-1}‖₂ ρ^{2^k}, ρ = max_i |1 − α σ_i(A)²|",
       "X_k − A^{-1} = −A^{-1}E_0^{2^k} with ‖E_0‖₂ = ρ; equality when α ≤ α* (shared singular vector)", check_ns4},
      {"NS5", Kind::Inequality, "Arb", {"arb"}, Verdict::Certified,
       "α* and k ≥ log₂(((κ²+1)/2) ln(1/ε)) give relative error ≤ ε",
       "ρ(α*) = (κ²−1)/(κ²+1) and ln(1/ρ) ≥ 2/(κ²+1)", check_ns5},
      {"NS6", Kind::Inequality, "exact rational; Arb", {"exact", "arb"}, Verdict::Certified,
       "α = 1/‖A‖_F² (or 1/‖R‖_F² with X_0 = αR for symmetric R) lies in the convergence interval and X_k → A^{-1}",
       "‖A‖_F² ≥ s_max², so α s_max² ≤ 1 < 2", check_ns6},
      {"LSA1", Kind::Identity, "exact rational", {"exact"}, Verdict::ProvedExactly,
       "K1 maps [X; A; I; 0] to [X(2I − AX); A; I; 0] for all A, X ∈ R^{d×d}",
       "layer 1 writes XA into slot 4; layer 2 adds −XAX + X to slot 1 and clears slot 4", check_lsa1},
      {"LSA2", Kind::Identity, "exact rational", {"exact"}, Verdict::Refuted,
       "K2 maps [X; A; I; 0] to [X(2I − AX); A; I; 0] (a) for all symmetric A; (b) for all A",
       "K2's first head forms X A^T X: (a) holds, (b) fails; the observed map is X ↦ 2X − XA^TX (proved)",
       check_lsa2},
      {"LSA3", Kind::Identity, "exact rational", {"exact"}, Verdict::ProvedExactly,
       "T stacked K1 blocks (2T layers) equal T Newton steps", "LSA1 applied block by block", check_lsa3},
      {"LSA4", Kind::Identity, "exact polynomials", {"exact"}, Verdict::ProvedExactly,
       "Each LSA layer at most triples the polynomial degree (L layers: 3^L); Newton order n after k steps from αS "
       "has degree 2n^k − 1 (order 2: 2^{k+1} − 1)",
       "a head is trilinear in the tokens; deg X_{k+1} = n·deg X_k + n − 1 from deg X_0 = 1", check_lsa4},
      {"REG1", Kind::Identity, "exact rational", {"exact"}, Verdict::ProvedExactly,
       "K4 outputs ŷ = a_test^T X_T A^T y with X_0 = α_R A^TA (and the ridge variant with μ = s²)",
       "layer 1 builds R and X_0, T symmetric Newton layers, two read-out layers (query kept in slot 4)", check_reg1},
      {"REG2", Kind::Inequality, "exact rational; Arb", {"exact", "arb"}, Verdict::Certified,
       "ŷ converges to the OLS prediction a_test^T(A^TA)^{-1}A^Ty (and ridge for Remark 4.4)",
       "|ŷ_T − ŷ_OLS| ≤ ‖a_test‖‖A^Ty‖‖R^{-1}‖ρ^{2^T} by NS4", check_reg2},
      {"LOG1", Kind::Identity, "exact rational (series); Arb", {"exact", "arb"}, Verdict::ProvedExactly,
       "∇f and ∇²f formulas of §2.4 (1/n and μ/2 scaling)",
       "d/dt log(1 + e^{s+rt}) = p r, d² = p(1−p)r², d³ = p(1−p)(1−2p)r³ with y_i² = 1", check_log1},
      {"LOG2", Kind::Inequality, "Arb", {"arb"}, Verdict::Certified,
       "μI ⪯ ∇²f ⪯ (μ + 1/4)I, so κ_f ≤ 1 + 1/(4μ) (needs ‖a_i‖ ≤ 1)",
       "0 ≤ p(1−p) ≤ 1/4 and (1/n)A^TA ⪯ (1/n)Σ‖a_i‖² I ⪯ I", check_log2},
      {"LOG3", Kind::Inequality, "Arb", {"arb"}, Verdict::Certified,
       "|D³f(x)[u,u,u]| ≤ μ^{−1/2}(D²f(x)[u,u])^{3/2}; equivalently g = f/(4μ) has |D³g| ≤ 2(D²g)^{3/2}",
       "|ℓ'''| ≤ ℓ'', |a^Tu| ≤ ‖u‖ ≤ (D²f/μ)^{1/2}", check_log3},
      {"LOG4", Kind::Identity, "exact rational; MPFR", {"exact", "mpfr"}, Verdict::ProvedExactly,
       "η = 1/(1 + λ_g) = 2√μ/(2√μ + λ_f); the Newton direction is the same for f and g",
       "∇g = ∇f/(4μ) and ∇²g = ∇²f/(4μ), so λ_g = λ_f/(2√μ)", check_log4},
      {"LOG5", Kind::Inequality, "Arb", {"arb"}, Verdict::Certified,
       "Exact damped Newton: g(x⁺) ≤ g(x) − ω(λ_g(x)) and λ_g(x⁺) ≤ 2λ_g(x)²",
       "g is standard self-concordant (LOG3); Nesterov's damped-Newton analysis", check_log5},
      {"LOG6", Kind::Rate, "MPFR", {"mpfr"}, Verdict::HoldsNumerically,
       "Theorem 5.4: with ‖ε_t‖ ≤ ε the gap g(x_t) − g(x*) falls to O(ε) after C1 + C2 log log(1/ε) steps; "
       "iterates stay bounded",
       "Phase I takes O(1) steps, Phase II is quadratic up to the error floor (which is O(ε²))", check_log6},
      {"LOG7", Kind::Inequality, "Arb (exact inverses)", {"arb", "exact"}, Verdict::Certified,
       "H ⪰ μI, ‖E‖ < μ ⇒ ‖(H+E)^{-1} − H^{-1}‖ ≤ ‖E‖/(μ(μ − ‖E‖)) (non-symmetric E)",
       "(H+E)^{-1} − H^{-1} = −(H+E)^{-1}EH^{-1}, ‖(H+E)^{-1}‖ ≤ 1/(μ − ‖E‖)", check_log7},
      {"LOG8", Kind::Inequality, "exact polynomial certificate; Arb grid", {"exact", "arb"}, Verdict::Certified,
       "|1/(1+√z) − 1/(1+√z′)| ≤ √|z − z′|", "reduces to a polynomial with nonnegative coefficients", check_log8},
      {"LOG9", Kind::Inequality, "exact rational; Arb", {"exact", "arb"}, Verdict::Refuted,
       "Proof step as printed: ε^T(∇²g)^{-1}ε ≤ ‖ε‖²/4 for all x, ε",
       "(∇²g)^{-1} = 4μ(∇²f)^{-1} ⪰ 4μ/(μ + 1/4)·I, above 1/4 for every μ > 1/60", check_log9},
      {"LOG10", Kind::Inequality, "exact rational; Arb", {"exact", "arb"}, Verdict::Certified,
       "Alternative form: ε^T(∇²g)^{-1}ε ≤ 4‖ε‖² for all x, ε", "∇²f ⪰ μI gives (∇²g)^{-1} ⪯ 4I", check_log10},
      {"LOG11", Kind::Inequality, "Arb (MPFR runs)", {"arb", "mpfr"}, Verdict::Certified,
       "Phase I: while λ_g ≥ 1/6, each inexact step lowers g by ≥ 0.01 when ε ≤ min{0.01, 0.04μ/(1+μ)}",
       "an exact step lowers g by ≥ ω(1/6) ≈ 0.0123; the error costs at most about λ_g(x⁺)‖ε‖ ≈ 0.002 there",
       check_log11},
      {"LOG12", Kind::Inequality, "MPFR", {"mpfr"}, Verdict::HoldsNumerically,
       "Boundedness of iterates under (a) ε ≤ μ² and (b) ε ≤ μ/2",
       "a damped Newton step pulls towards x* by a fixed fraction far away; both error sizes stay below it",
       check_log12},
      {"RELU1", Kind::Identity, "exact rational", {"exact"}, Verdict::ProvedExactly,
       "K7 identity: x·y = relu(x + y − 1) − relu(x − y − 1) for x ∈ [0,1], y ∈ {±1}",
       "y = 1: relu(x) − relu(x − 2) = x; y = −1: relu(x − 2) − relu(x) = −x", check_relu1},
      {"RELU2", Kind::Inequality, "Arb", {"arb"}, Verdict::Certified,
       "K6: monotone h with range length ≤ 1 is ε-approximated in sup norm by 2⌈1/ε⌉ ReLUs; e^z/(1+e^z)² needs 4/ε; "
       "sigmoid and the step-size map need 2/ε",
       "between knots both h and its ramp stay within one step of height ≤ ε; two ReLUs per step", check_relu2},
      {"ACC1", Kind::Complexity, "exact counts", {"exact"}, Verdict::ProvedExactly,
       "Depth per Newton step = 11 + 2k (stage counts 1+1+2+2k+1+1+1+2+2); T steps = T(11 + 2k); Lemma 4.1 = 2 layers × "
       "2 heads, width 4d; Theorem 4.2 = 3 + T layers, 2 heads, width 4d + 3",
       "read off the built constructions; the K5 reconstruction fits in 10 + 2k layers", check_acc1},
      {"ACC2", Kind::Rate, "double (MPFR cross-check)", {"double", "mpfr"}, Verdict::HoldsNumerically,
       "Final error O(√(ε(1+μ)/μ)) with width poly(1/ε): ε^{−4} per step (Thm 5.2), ε^{−8} for an ε-accurate w",
       "the reconstruction's staircases and products reach error ~ε with ~1/ε ReLUs", check_acc2},
      {"EXP1", Kind::Empirical, "double (MPFR gradient check)", {"double", "mpfr"}, Verdict::Inconclusive,
       "Trained LSA (d = 10, N = 50) error lies between order-2 and order-3 Newton at equal layers/steps; no real gain "
       "beyond 4 layers without LN; LSA+LN improves and is compared with orders 3–10",
       "at reduced scale (d=5, N=20, 500 steps) the trained causal LSA does not sit between the two Newton orders at every "
       "depth, and no LayerNorm model is built: the claim is not decided here",
       check_exp1},
      {"EXP2", Kind::Empirical, "double", {"double"}, Verdict::HoldsNumerically,
       "Trained TF on logistic regression: f(w_TF) below f after k Newton steps in early layers, at 13 layers per step",
       "reduced analog (causal LSA without softmax, LN or MLP; 1–3 layers): below f(w_0) — the Newton budget at 13 "
       "layers per step — and even below one full damped Newton step",
       check_exp2},
      {"EXP3", Kind::Empirical, "double", {"double"}, Verdict::HoldsNumerically,
       "Output sweeps over one coordinate of x_test: the trained model follows the linear function in distribution (the "
       "paper quotes |x| ≤ 14.9) but not outside",
       "with the query among the keys (causal) the output is a degree-9 polynomial in x_test: close to the line in "
       "distribution, far from it outside",
       check_exp3},
  };
  return table;
}

}  // namespace

void register_claims(std::vector<Claim>& registry) { check::register_rows("giannou2024", rows(), registry); }

}  // namespace icl::giannou2024
