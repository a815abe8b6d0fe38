// Ding et al. 2025 oracles: the moments of the enlarged least-squares problem for Markov-chain prompts
// (spec ding2025 §2.3–2.6). Entries are polynomials (core/polynomial.hpp) in the initial law p = P(s_1 = 1) — and,
// before kernel integration, in the kernel entries a = p01, b' = p10.
//   O1 brute_force   every configuration of the n + 1 chains of a prompt, its probability as a polynomial in
//                    (a, b', p), integrated exactly over a, b' ~ U(0, 1); no conditional-independence shortcut.
//   O2 moment_recipe the single-chain moments μ1, μ2, E[xxᵀ|K], E[xy|K] combined as RK, FK or FACT (§2.4).
// Index convention (spec §2.3): pairs 1 ≤ k ≤ l ≤ d + 1 numbered row-major by ρ, feature (j, ρ) at (j − 1)m + ρ.
#pragma once

#include <optional>

#include "core/degree.hpp"
#include "core/polynomial.hpp"
#include "core/scalar.hpp"

namespace icl::markov {

inline constexpr uint32_t kVarA = 0, kVarB = 1, kVarP = 2;  // a = p01, b' = p10, p = P(s_1 = 1)

Index pairs(Index d);                   // m = (d + 1)(d + 2)/2
Index rho(Index k, Index l, Index d);   // 1-based pair index of 1 ≤ k ≤ l ≤ d + 1

// E[φ_q φ_qᵀ], E[y φ_q] and E[y²] of one prompt; φ_q = x_{n+1} ⊗ g, g = (G_kl)_ρ, G = (1/n) Σ_i z_i z_iᵀ.
struct Moments {
  Mat<Poly> H;
  Vec<Poly> h;
  Poly Ey2;
};

enum class Model { RK, FK, FactH, FactHh };
const char* model_name(Model m);

// O2. RK: every quantity averaged over the kernel; FK: at the given kernel (a, b'); FACT-H: E[xxᵀ] ⊗ E[ggᵀ] with
// each factor averaged separately and h exact; FACT-Hh: also h = E[xy] ⊗ E[g].
Moments moment_recipe(Index d, Index n, Model model, std::optional<std::pair<Rational, Rational>> kernel = {});
// O1 (RK): 2^((d+1)(n+1)) configurations; practical for (d + 1)(n + 1) ≤ 14. Target::Probability replaces the
// query label y_{n+1} by P(y_{n+1} = 1 | K, x_{n+1}) = K(x_d, 1) (T-prob); Ey2 is then E[target²].
enum class Target { Label, Probability };
Moments brute_force(Index d, Index n, Target target = Target::Label);

// O1 with correlated initial states (Theorem 3.4, Example C.5), d = 1: x_{n+1} ~ Bern(p) and, given it, the
// context inputs x_i i.i.d. Bern((x_{n+1} − p)²), independent of K; labels y = s_2 follow the kernel.
Moments brute_force_correlated(Index n);

// O2 for the multi-state model (Lemma C.8, spec §2.1): states 0 … S − 1 used as numbers, kernel rows i.i.d.
// Dir(α·1), uniform initial state, exact rationals. Chains are i.i.d. given K, so every moment is a sum over tuples
// of single-chain patterns (query; one or two context chains) of E_K[Π P(pattern | K)], a Dirichlet moment of the
// tuple's pooled transition counts c_ij: Π_i Π_j (α)_{c_ij} / (Sα)_{c_i·}, times (1/S) per chain.
struct ExactMoments {
  Mat<Rational> H;
  Vec<Rational> h;
  Rational Ey2;
};
// `wrong_normaliser` (a broken variant): (Sα)_{c_i· + 1} in the denominator.
ExactMoments dirichlet_moments(Index d, Index n, int states, const Rational& alpha, bool wrong_normaliser = false);

// ∫∫ over a, b' ∈ (0, 1): a^i b'^j ↦ 1/((i + 1)(j + 1)).
Poly integrate_kernel(const Poly& q);
// The polynomial at p = value (other variables must be absent).
Rational at_p(const Poly& q, const Rational& p);
Mat<Rational> at_p(const Mat<Poly>& M, const Rational& p);
Vec<Rational> at_p(const Vec<Poly>& v, const Rational& p);

// X* = H⁻¹h (FLINT, exact) and f̃(X) = E[y²] − 2hᵀX + XᵀHX.
Vec<Rational> minimiser(const Mat<Rational>& H, const Vec<Rational>& h);
Rational objective(const Mat<Rational>& H, const Vec<Rational>& h, const Rational& Ey2, const Vec<Rational>& X);

// O8: the w-recursion of Theorem 4.1 (spec §2.8, reconstructed), per prompt. X is d×(n+1) (the last column is the
// query), y holds y_1 … y_n. Layer l has b_l ∈ R^{d+1}, Ā_l ∈ R^{d×d}, a_l ∈ R^d. Returns w_0 = 0, w_1, …, w_L:
//   r_j = y_j − wᵀx_j, v_j = [x_j; r_j], J1 = −(1/n) Σ_j v_j x_jᵀ, J2 = [0 … 0 | −(1/n) Σ_j v_j r_j],
//   w_{l+1}ᵀ = w_lᵀ − b_lᵀ (J1 Ā_l + J2 [0_{(d−1)×d}; a_lᵀ]).
template <class S>
struct SubspaceWeights {
  Vec<S> b;
  Mat<S> Abar;
  Vec<S> a;
};
// Instantiated for Rational and Degree (the Schwartz–Zippel degree bound) in markov.cpp.
template <class S>
std::vector<Vec<S>> w_recursion(const Mat<S>& X, const Vec<S>& y, const std::vector<SubspaceWeights<S>>& layers);

}  // namespace icl::markov
