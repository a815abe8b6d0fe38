// von Oswald family: the checks every trained-model claim shares — the trainer against the construction layers, the
// comparison calibrated on a construction whose oracle is known, and the §2.4 cosine.
#pragma once

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "constructions/attention.hpp"
#include "core/claim.hpp"
#include "core/registry.hpp"
#include "properties/vonoswald2023/training.hpp"
#include "training/seeds.hpp"

namespace icl {
class Context;
}

namespace icl::vonoswald2023 {

// The trainer's predictions recomputed by the construction layers (constructions/attention) must agree to √u.
inline const double kTrainerAgreement = std::sqrt(0x1p-53);
// That agreement as seeds_verdict takes it, at the worst relative difference of ŷ found.
inline training::ConstructionAgreement trainer_agreement(double worst) {
  return {"trainer vs construction", "relative difference of ŷ", worst, kTrainerAgreement};
}
// The row reads the fixture name(s) of every training seed.
ClaimRow& seed_fixtures(ClaimRow& row, std::string (*name)(long));

// The keys of the construction the trainer is compared with: the context tokens, or the query among them under the
// query-among-keys broken variant.
KeySet construction_keys(const Context& ctx);

// The trainer's predictions against the construction layers' forward pass (one LsaLayer per application of the
// model's blocks, keys as given) at the trained weights on the first 256 evaluation tasks, relative to the largest.
double trainer_vs_construction(const LsaModel<double>& m, const Tasks& eval, KeySet keys);

// §2.4 model cos: mean over tasks of ⟨a/(‖a‖ + 1e-8), b/(‖b‖ + 1e-8)⟩ (columns are tasks).
double mean_cos(const Mat<double>& a, const Mat<double>& b);

// The comparison calibrated on a construction: its layers (K1 or K3, with the context's defect) run through the
// trainer's model code against the oracle's predictions and implicit models on the evaluation tasks. They must be the
// oracle's (relative differences ≤ √u) with §2.4 cosine 1 — else the target the trained weights are compared with is
// not the algorithm, or the metrics are wrong, whatever the training did.
struct Calibration {
  double eta = 0, preds = 0, models = 0, cos = 0;
  bool passed() const;
};
// A construction's layers as the trainer's model (untied, one block per layer), with the code's token clip when `clip`.
LsaModel<double> as_model(const std::vector<LsaLayer<double>>& stack, bool clip = false);
// Predictions and implicit models against an oracle's: relative differences and the §2.4 cosine.
Calibration agreement(const Vec<double>& y, const Mat<double>& g, const Vec<double>& y_oracle, const Mat<double>& g_oracle,
                      double eta);
Calibration calibrate(const std::vector<LsaLayer<double>>& stack, const Tasks& eval, const Vec<double>& y_oracle,
                      const Mat<double>& g_oracle, double eta);
// The calibration as a part of the claim ("calibration: <what>"; refuted at any budget when it fails), and the entry
// the part gives seeds_verdict.
std::pair<Verdict, std::string> calibration_part(Evidence& ev, const Calibration& c, const std::string& what);
// A calibration read as one relative error against its allowance (`how` says what was compared).
std::pair<Verdict, std::string> calibration_part(Evidence& ev, const std::string& what, double error, double allowed,
                                                 const std::string& how);

}  // namespace icl::vonoswald2023
