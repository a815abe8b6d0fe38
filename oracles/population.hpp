// Population quantities for one-layer linear regression ICL, computed from definitions only:
//   O3  exact: O1 run on polynomial entries, then exact moments (oracles/polynomial.hpp);
//   O4  Monte Carlo: O1 in double on fresh tasks, mean ± standard error;
//   O5  the best one-layer LSA of any head count: least squares over the tensor T with exact moments.
// None of these uses the closed forms under test.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/scalar.hpp"
#include "oracles/moments.hpp"

namespace icl {
class Rng;
}

namespace icl::population {

// Law of every input coordinate (i.i.d.): U(−a, a) or N(0, v).
struct InputLaw {
  std::string name;
  Law family = Law::Uniform;
  Rational param;  // a, or v
};
InputLaw uniform_law(std::string name, const Rational& half_width);
InputLaw gaussian_law(std::string name, const Rational& variance);

// O3. Exact population ½-loss ½E(ŷ − y_test)² of one GD step (O1) from W_0 = 0, d_y = 1, teacher
// w ~ N(0, I), as a polynomial in three symbols: eta (step), ax (inputs x → ax·x, context and query),
// aw (teacher w → aw·w).
struct SymbolicLoss {
  Poly loss;
  uint32_t eta = 0, ax = 0, aw = 0;
};
SymbolicLoss one_step_loss(Index d, Index N, const InputLaw& law);

// O4. Monte Carlo estimate of the same ½-loss at each point, from `tasks` fresh tasks (shared by all points).
struct LossPoint {
  double eta = 0, ax = 1, aw = 1;
};
struct Estimate {
  double mean = 0, se = 0;
};
std::vector<Estimate> one_step_loss_mc(Index d, Index N, const InputLaw& law, const std::vector<LossPoint>& points,
                                       long tasks, uint64_t seed,
                                       const std::function<void(long)>& progress = nullptr);

// O5. With W_0 = 0 and a zero query label, any-head 1-layer LSA predicts ŷ = Σ_{a≤b,c} T_abc S_ab x_test,c,
// S = Σ_i e_i e_i^T over the context tokens e_i = (x_i, y_i). Least squares over T with exact moments.
struct Feature {
  Index a = 0, b = 0, c = 0;  // token coordinates a ≤ b (index d is the label), x coordinate c
};
struct OneLayerOptimum {
  Index d = 0, N = 0;
  std::vector<Feature> features;
  Vec<Rational> T;          // one least-squares solution
  Index rank = 0;           // rank of the moment matrix G = E[φ φ^T]
  bool consistent = false;  // G T = r holds exactly
  Rational target_energy;   // ½ E y_test²
  Rational loss;            // ½ E y_test² − ½ r^T T, the minimum
};
OneLayerOptimum one_layer_optimum(Index d, Index N, const InputLaw& law);
// The optimum's prediction on one task (X: d×N, y: 1×N, x_test: d).
Rational predict(const OneLayerOptimum& opt, const Mat<Rational>& X, const Mat<Rational>& y,
                 const Vec<Rational>& x_test);

}  // namespace icl::population
