// Zhang & Cao 2026: the family's claims as data (spec §7).
#include "properties/claim_table.hpp"
#include "properties/zhangcao2026.hpp"

namespace icl::zhangcao2026 {

namespace {

using Row = check::ClaimRow<Defect>;

const std::vector<Row>& rows() {
  static const std::vector<Row> table{
      {"C1", Kind::Identity, "MPFR 128–1024 bits; Arb", {"mpfr", "arb"}, Verdict::HoldsNumerically,
       "One K1 layer maps the state slot w to w + η Σ_i softmax(−m(w))_i z_i",
       "the score of key i at the state token is −⟨z_i, w⟩ and its value is η z_i in the S slot", check_c1},
      {"C2", Kind::Identity, "MPFR rising precision", {"mpfr"}, Verdict::HoldsNumerically,
       "An L-layer K2 stack with per-layer η_ℓ reproduces w_1 … w_L for arbitrary w_0, N, d (Theorem 1)",
       "C1 layer by layer: keys and values never read the S slot", check_c2},
      {"C3", Kind::Identity, "MPFR rising precision", {"mpfr"}, Verdict::HoldsNumerically,
       "g(w) = −∇L(w)/L(w) = Σ p_i z_i; NGD iterates coincide for mean- and sum-normalised L",
       "∇L = −(1/N)Σ e^{−m_i} z_i; a constant factor on L cancels in ∇L/L", check_c3},
      {"C4", Kind::Identity, "exact rational", {"exact"}, Verdict::ProvedExactly,
       "From w_0 = 0 the first layer outputs η·(1/N)Σ_i y_i x_i", "all scores are 0, so the softmax is uniform", check_c4},
      {"C5", Kind::Identity, "MPFR rising precision", {"mpfr"}, Verdict::HoldsNumerically,
       "K4 (query among the keys) equals plain GD on ℓ(w) = log(1 + Σ_i e^{−m_i(w)})",
       "the state token adds a key of score 0 with value 0: the weights become e^{−m_i}/(1 + Σ e^{−m_j})", check_c5},
      {"C6", Kind::Identity, "MPFR rising precision", {"mpfr"}, Verdict::HoldsNumerically,
       "K3 looped from w_0 = 0 gives w_t = NGD_{step ab}(t)/a; the direction depends on ab only",
       "v = a·S follows v ← v + ab·g(v)", check_c6},
      {"C7", Kind::Identity, "MPFR rising precision", {"mpfr"}, Verdict::HoldsNumerically,
       "B1 (cone): w_t = Σ_i c_i z_i with c_i ≥ 0 and Σ_i c_i = ηt",
       "each step adds η times a probability vector of coefficients", check_c7},
      {"C8", Kind::Inequality, "Arb", {"arb"}, Verdict::Certified, "B2: ηγ*t ≤ ⟨u*, w_t⟩ ≤ ‖w_t‖ ≤ ηRt",
       "⟨u*, g⟩ ≥ γ* and ‖g‖ ≤ R at every step", check_c8},
      {"C9", Kind::Inequality, "Arb", {"arb"}, Verdict::Certified,
       "B3: L(w_t) ≤ exp(−ηAγ*² t), and L(w_t) strictly decreasing (ηR² < 2, A = 1 − ηR²/2)",
       "ψ(w + ηg) ≥ ψ(w) + ηA‖g‖² from ∇²ψ ⪰ −R²I, and ‖g‖ ≥ γ*", check_c9},
      {"C10", Kind::Inequality, "Arb", {"arb"}, Verdict::Certified,
       "B4: γ(w_t) ≥ Aγ* − ln N/(ηγ*t), whenever the right side is ≥ 0",
       "min_i m_i ≥ ψ and ψ(w_t) ≥ −ln N + ηA Σ‖g_s‖² with ‖w_t‖ ≤ ηΣ‖g_s‖", check_c10},
      {"C11", Kind::Rate, "double (exact max-margin)", {"double", "exact"}, Verdict::HoldsNumerically,
       "γ(w_t) ≤ γ* for all t, and γ(w_t) → γ* (directional convergence to the max-margin separator)",
       "γ* is the maximum normalised margin; NGD's margin gap falls on every run", check_c11},
      {"C12", Kind::Rate, "double (exact max-margin)", {"double", "exact"}, Verdict::HoldsNumerically,
       "e(w_t) → 0 polynomially in t; candidate rate O(1/(ηt))", "measured: e(w_t) decays like t^−1.00 on [10³, 10⁵] on every prompt, no faster-than-polynomial steepening", check_c12},
      {"C13", Kind::Rate, "double (exact max-margin)", {"double", "exact"}, Verdict::HoldsNumerically,
       "\"Efficiently\": at equal η and t, NGD's direction error is far below plain GD's, whose error decays like 1/log t",
       "measured: NGD two to three orders below GD at t = 10⁵; GD shows no polynomial decay (slopes −0.06 … 0.01)", check_c13},
      {"C14", Kind::Empirical, "double (MPFR gradient check)", {"double", "mpfr"}, Verdict::HoldsNumerically,
       "Training the single layer (K6, teacher §8) converges linearly: training loss decays geometrically",
       "measured: full-batch GD on the blocks contracts the loss by a constant factor per window (×0.96 per step)", check_c14},
      {"C15", Kind::Empirical, "double", {"double"}, Verdict::HoldsNumerically,
       "Learned parameters approach K1: W_KQ[F,S] ∝ −I, W_V[S,F] ∝ I; the product of the learned scale coefficients "
       "equals the teacher's η (P6)",
       "the teacher identifies a = 1 and b = η; training reaches them to 1e-4", check_c15},
      {"C16", Kind::Empirical, "double", {"double"}, Verdict::HoldsNumerically,
       "The looped trained layer generalises OOD (new N, x law, margin, T ≫ 1): its output tracks exact NGD and its "
       "direction tends to u*",
       "the learned layer is K1 to 1e-4, so its loop is NGD on any prompt", check_c16},
      {"C17", Kind::Identity, "exact rational (CGAL QP); double", {"exact", "double"}, Verdict::ProvedExactly,
       "Oracle sanity: min_i ⟨u*, z_i⟩ = γ*; KKT conditions of the QP; solvers O3(a) and O3(b) agree",
       "KKT verified in exact rationals; dual coordinate ascent converges to the same v*", check_c17},
      {"C18", Kind::Identity, "MPFR (bitwise)", {"mpfr"}, Verdict::ProvedExactly,
       "Context columns' changing S slots never affect the state column: masking context-to-context updates leaves the "
       "state column identical",
       "keys and values read only the F slot", check_c18},
      {"C19", Kind::Identity, "exact rational", {"exact"}, Verdict::ProvedExactly,
       "The ReLU gadget of K5 equals y·x for |x| ≤ 2C, y ∈ {±1}, and K5 equals K1 after preprocessing",
       "y = 1: ρ(x) − ρ(−x) − ρ(x − 2C) + ρ(−x − 2C) = x on |x| ≤ 2C; y = −1 symmetric", check_c19},
      {"C20", Kind::Inequality, "Arb", {"arb"}, Verdict::Certified,
       "γ* ≤ ‖g(w)‖ ≤ R for every w", "‖g‖ ≥ ⟨u*, g⟩ ≥ γ*; g is a convex combination of the z_i", check_c20},
      {"C21", Kind::Rate, "double (exact max-margin)", {"double", "exact"}, Verdict::HoldsNumerically,
       "V-norm also converges in direction to u*; its rate", "measured: the V-norm direction error decays like t^−1.00", check_c21},
      {"C22", Kind::Empirical, "double", {"double"}, Verdict::Refuted,
       "Landscape of the teacher-matching objective: stationary points in the scalar (a, b) and block parameterisations, "
       "and whether every local minimum is global",
       "the scalar objective has a non-global local minimum at a < 0 (loss ≈ 0.5–0.9, found in 7 of 8 probed (d, N, seed)) "
       "besides the global (1, η); every block-parameterised start reaches zero loss", check_c22},
      {"C23", Kind::Empirical, "double", {"double"}, Verdict::HoldsNumerically,
       "Looping an ε-perturbed layer T times: deviation from exact NGD as a function of (ε, T)", "measured: deviation ≈ c·ε^0.95·T^2.3 for ε ≤ 1e-4 (first-order stable, growing polynomially in T); ε = 1e-2 diverges",
       check_c23},
      {"C24", Kind::Empirical, "double", {"double"}, Verdict::Refuted,
       "The margin gap and e(w_t) depend on (η, t) only through ηt",
       "measured: at equal ηt the margin gap differs by a factor 2.5 between η = 0.1 and η = 1 and does not close as ηt "
       "grows; e(w_t) agrees to 9%",
       check_c24},
  };
  return table;
}

}  // namespace

void register_claims(std::vector<Claim>& registry) { check::register_rows("zhangcao2026", rows(), registry); }

}  // namespace icl::zhangcao2026
