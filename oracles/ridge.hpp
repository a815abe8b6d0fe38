// Yang et al. 2024 oracles. Data model: tokens z_1 … z_K ∈ R^m (columns of Z_all), task λ with E[λλᵀ] = I_m (independent
// entries, mean 0, variance 1), labels y_k = λᵀ(z_k + ε_k) with ε_k independent of λ and of each other.
//   O2 moments  E[y_i y_j] = Σ_{a,b} E[λ_a λ_b] (z_{ia} z_{jb} + E[ε_{ia} ε_{jb}]), summed term by term from the
//               moment tensors of the chosen noise model — no G, no Lemma 5;
//   O1          the same second moments by Monte Carlo (double, Gaussian λ and ε), each with its standard error;
//   O3          ridge λ̂ = argmin ‖y − Zᵀλ‖² + ρ‖λ‖²: primal (ZZᵀ + ρI)λ = Zy by an exact LDLᵀ written here (no FLINT),
//               and least squares on the stacked system [Zᵀ; √ρ I] by Householder QR in MPFR.
#pragma once

#include "core/random.hpp"
#include "core/scalar.hpp"

namespace icl::oracle {

// Where the noise lives and how large it is: feature noise ε_k ~ (0, σ² I_m), or (a broken model) scalar label
// noise y_k = λᵀz_k + e_k with e_k ~ (0, σ²).
struct NoiseModel {
  Rational variance;  // σ²
  bool scalar_label = false;
};

// E[y_i y_j] for every pair of the K tokens (K×K).
Mat<Rational> label_second_moments(const Mat<Rational>& Z_all, const NoiseModel& noise);

struct MonteCarloMoments {
  Mat<double> mean, se;  // K×K
  long samples = 0;
};
MonteCarloMoments label_second_moments_mc(const Mat<double>& Z_all, double variance, bool scalar_label, long samples,
                                          Rng& rng);

// The population loss (1/2K) Σ_k E[(yᵀa_k − y_k)²] of the linear predictor ŷ_k = yᵀa_k (a_k the columns of the N×K
// matrix A_hat), from the K×K second moments E (y = the first N labels): a_kᵀE_NN a_k − 2a_kᵀE_{N,k} + E_kk per k.
Rational population_loss(const Mat<Rational>& E, Index N, const Mat<Rational>& A_hat);

// Primal ridge by exact LDLᵀ of ZZᵀ + ρI (m×m, positive definite for ρ > 0).
Vec<Rational> ridge_primal(const Mat<Rational>& Z, const Vec<Rational>& y, const Rational& rho);
// Least squares on [Zᵀ; √ρ I] x ≈ [y; 0] by Householder QR at the current MPFR precision.
Vec<Mpfr> ridge_qr(const Mat<Rational>& Z, const Vec<Rational>& y, const Rational& rho);

}  // namespace icl::oracle
