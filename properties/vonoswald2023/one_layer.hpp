// von Oswald family: the trained 1-layer LSA of §2.5 (S-code, d = N = 10, 1 head) against GD* — what C10–C13 read.
// Per training seed (5 fixtures, trained once per run), on the run's fixed 10⁴ evaluation tasks:
//   L_TF, L_GD (one GD step, oracle O1, at the code's line-searched η̂ on the same set, §7), L_0 (zero predictor);
//   the gap left, f = (L_TF − L_GD)/(L_0 − L_GD);
//   the §2.4 metrics against that GD step: model cos, model diff, preds diff, with ‖g_GD‖, rms ŷ_GD and std(y_test);
//   the trained products W_KQ = W_Kᵀ W_Q and W_PV = P W_V.
// "Reaches GD*" is read as f ≤ kReach = 1%: the transformer closes 99% of the way from the zero predictor to GD*.
// The other readings follow from it. The 1-layer output is linear in the tensor T of O5, GD* is the least-squares
// optimum over T (C9), so E(ŷ_TF − ŷ_GD)² ≈ 2(L_TF − L_GD) and Eŷ_GD² ≈ 2(L_0 − L_GD): the relative prediction
// difference and the relative implicit-model difference are ≈ √f ≤ √kReach = 10%, 1 − cos ≈ f/2 ≤ kReach/2, and a
// step size η_TF with L(η_TF) within f of L* lies within √f of η* relative (L(η) − L* = (L_0 − L*)(η/η* − 1)²).
#pragma once

#include <cmath>
#include <functional>
#include <utility>
#include <string>
#include <vector>

#include "core/context.hpp"
#include "core/registry.hpp"
#include "properties/vonoswald2023/family.hpp"
#include "properties/vonoswald2023/trained_checks.hpp"
#include "properties/vonoswald2023/training.hpp"

namespace icl::vonoswald2023 {

inline constexpr double kReach = 0.01;
inline const double kReachRelative = std::sqrt(kReach);
struct OneLayerSeed {
  long s = 0;
  const TrainedLsa* run = nullptr;
  double L_tf = 0, L_gd = 0, L_zero = 0, eta_hat = 0, gap = 0;
  double cos = 0, model_diff = 0, preds_diff = 0, g_gd = 0, rms_gd = 0, std_y = 0;
  Mat<double> WKQ, WPV;
  bool reached() const { return gap <= kReach; }
  // C11's reading of "aligned" (one_layer.hpp's header): cos ≥ 1 − kReach/2, both differences ≤ √kReach of their scale.
  bool aligned() const {
    return cos >= 1 - kReach / 2 && model_diff <= kReachRelative * g_gd && preds_diff <= kReachRelative * rms_gd;
  }
};

struct OneLayerStudy {
  long steps = 0;
  bool full = false;  // trained at the paper's 5000 steps (or more)
  double L_star = 0, eta_star = 0;  // population, spec §5 (exact, C7), S-code
  double worst_trainer = 0;         // the construction against the trainer, relative
  Calibration calibration;          // at η̂ of the first seed's evaluation set (the same set for every seed)
  std::vector<OneLayerSeed> seeds;
};

// The comparison calibrated on K1 at the line-searched η̂ of the evaluation tasks (the code's P, with the context's
// defect) against O1 (trained_checks.hpp); unit_gd are O1's predictions at η = 1.
Calibration calibrate_k1(const Tasks& eval, const Vec<double>& unit_gd, Defect defect);

// One trained 1-layer model (seed s) measured against GD* on the evaluation tasks; unit_gd are O1's predictions at
// η = 1 (the line search reads them).
OneLayerSeed measure_one_layer(const TrainedLsa& run, long s, const Tasks& eval, const Vec<double>& unit_gd);

// The study of the run's 5 one-layer fixtures; a defect of the context that concerns the construction
// (query-among-keys) is applied to the construction the trainer is compared with.
OneLayerStudy one_layer_study(Context& ctx);

// A part read on the trained models (C11–C13): decided over the seeds that satisfy the claim's premise — trained to
// GD*'s loss (f ≤ kReach), or every seed at the paper's scale — by seed_part; `failure` describes a seed that fails (returned as the counterexample).
std::pair<Verdict, std::string> trained_part(Evidence& ev, const OneLayerStudy& st, const std::string& name,
                     const std::function<bool(const OneLayerSeed&)>& holds,
                     const std::function<std::string(const OneLayerSeed&)>& failure);
// The verdict from the trainer-vs-construction agreement and the parts (training/seeds.hpp).
void one_layer_verdict(Evidence& ev, const OneLayerStudy& st, const std::vector<std::pair<Verdict, std::string>>& parts,
                       const std::string& certificate);

// The rows' shared facts.
std::string one_layer_setting(const OneLayerStudy& st);
std::string one_layer_runs(const OneLayerStudy& st);
// A row of a claim on these runs: kind, budget, fixtures, hypotheses, arithmetic and the trainer's broken variant.
ClaimRow one_layer_row(std::string id);

}  // namespace icl::vonoswald2023
