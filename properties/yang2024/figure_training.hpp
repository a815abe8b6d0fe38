// O7 at the paper's figure configuration (spec §6, Figs. 2 and 4): d = 100, K = 200, N = 30, m = 20, dictionaries
// v_k, z_k ~ N(0, I) (not normalised, as in the experiments), 10,000 training prompts (λ ~ N(0, I_m)), 200 in-domain
// and 200 OOD test prompts (λ ~ N(1_m, 4I_m)), feature-space noise Σ_ε = τI_m with τ = 0.1 (the paper does not give
// τ; the spec lets the suite pick 0.01 or 0.1), Q_h^(0) ~ N(0, 1) entrywise, w^(0) = 0, Adam (lr 10⁻⁴, β = (0.9,
// 0.999), no clipping, batch 256, reshuffled every epoch) on the 10,000-prompt objective.
//
// The model is linear in y (ŷ = Âᵀy), so a batch enters the loss only through its second moments: with Y the batch's
// full label vectors (K × B; rows k ≤ N are the prompt labels), Syy = Y_N Y_Nᵀ/B and Syt = Y_N Yᵀ/B,
//   loss = (1/2K) [tr(ÂᵀSyyÂ) − 2 tr(ÂᵀSyt) + tr(YYᵀ)/B],   ∂loss/∂Â = (SyyÂ − Syt)/K,
// and the gradient goes through the heads by heads_gradient.hpp (C22's formula, checked there against MPFR central
// differences). Recorded every `every` steps: the training loss on all 10,000 prompts, Δ = L(θ) − L* on the population
// (Lemma 5: (1/2K) Σ_k δ_kᵀGδ_k), and the inference losses (1/K)||ŷ − ŷ*||² averaged over each test set.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "core/claim.hpp"
#include "core/scalar.hpp"
#include "training/seeds.hpp"

namespace icl::yang2024 {

struct FigureConfig {
  Index d = 100, K = 200, N = 30, m = 20;
  double tau = 0.1;
  long prompts = 10000, batch = 256, tests = 200;
  double lr = 1e-4;
};

struct FigureProblem {
  FigureConfig cfg;
  Mat<double> V_all, Z_all;  // d × K, m × K
  Mat<double> G, A;          // N × N, N × K (a_k* as columns)
  double L_star = 0;         // inf L = L*_R (C3)
  Mat<double> Y, Y_id, Y_ood;  // full label vectors (K × prompts) of the training and test prompts
};

FigureProblem figure_problem(const FigureConfig& cfg, uint64_t seed);

struct FigureRun {
  Index H = 0;
  long steps = 0, every = 0;
  bool finite = true;  // false: the loss overflowed; the curves stop there
  std::vector<double> t, train, delta, id, ood;
  std::vector<Mat<double>> Q;  // the trained parameters
  Mat<double> W;
};

// Trains H heads for `steps` Adam steps from the initialisation drawn with `init_seed`, recording `records` + 1 points;
// a fixture (trained once per run, cached on disk under ICL_MODEL_CACHE) keyed by everything it depends on.
const FigureRun& figure_run(const FigureProblem& p, uint64_t problem_seed, Index H, long steps, long records,
                            uint64_t init_seed, const RunConfig& run);

// K1 (the construction) at a run's parameters: its heads' attention columns S_h (with `over_all`, the broken variant
// whose softmax runs over all N + K positions), and the largest entrywise difference of its Â from the trainer's,
// relative to max |Â|.
struct K1Check {
  std::vector<Mat<double>> S;
  double discrepancy = 0;
};
K1Check k1_check(const FigureProblem& p, const FigureRun& r, bool over_all = false);
// The trained Â must be K1's to half the working digits (√u), else the curves are not the transformer's.
inline const double kK1Agreement = std::sqrt(0x1p-53);

// Training seed s of C14, C21 and C25: its own dictionary, prompts and initialisation (every H of a seed starts from
// the same draws, so its first heads are the same across H), the same in every claim that reads it.
struct FigureSeed {
  long s = 0;
  uint64_t problem_seed = 0, init_seed = 0;
  FigureProblem problem;
};
FigureSeed figure_seed(const RunConfig& cfg, long s);
inline constexpr long kFigureRecords = 48;
inline const FigureRun& seed_run(const FigureSeed& fs, Index H, long steps, const RunConfig& cfg) {
  return figure_run(fs.problem, fs.problem_seed, H, steps, kFigureRecords, fs.init_seed, cfg);
}

// The budget the fixtures read: Adam steps at effort 1 (the paper gives no step count). The seeds are not a budget:
// every run trains 5 (the least a one-sided binomial test at 5% can decide on), whatever the effort.
inline const Budget kFigureSteps{"steps", Axis::Steps, 16, 16};
inline constexpr long kFigureSeeds = 5;
// The heads of Fig. 4's comparison (N = 30): two below N, N itself, and Fig. 2's H = 64.
inline const std::vector<Index> kFigureHeads{10, 20, 30, 64};
// Fixture "yang2024/figure/seed-s": the kFigureHeads runs of training seed s.
std::string figure_fixture(long s);

using training::seed_part;  // one part decided over the seeds (training/seeds.hpp)
// The claim's verdict from K1's agreement with the trainer and its parts (each with the counterexample it would give):
// refuted if K1 disagrees or a part is refuted, holds if every part holds, else inconclusive.
void figure_verdict(Evidence& ev, double worst_k1, const std::vector<std::pair<Verdict, std::string>>& parts,
                    const std::string& certificate, const std::string& undecided);

}  // namespace icl::yang2024
