// Trained-model fixtures: a model trained once per run (and once per ctest session) and shared by every claim that
// reads it. A model is identified by a key naming everything it depends on (model config, data config, seed, steps);
// it is kept in memory for the process and, when ICL_MODEL_CACHE names a directory, on disk under a hash of the key
// (the key is stored in the file and compared on load). Parameters are stored bit for bit, so a loaded model gives
// exactly the verdicts of a freshly trained one.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/claim.hpp"

namespace icl::training {

struct TrainedModel {
  std::vector<Eigen::MatrixXd> params;
  std::vector<double> curve;  // the learning curve as recorded by the trainer
};

// The model for `key`: from memory, from the disk cache, or trained by `train` (and then stored).
const TrainedModel& fixture(const std::string& key, const std::function<TrainedModel()>& train);

// Named fixtures: a claim row lists the names it reads (ClaimRow::fixture); ctest trains each once before the claims
// that need it (FIXTURES_SETUP), by calling `prepare` with the default configuration.
struct FixtureRegistration {
  FixtureRegistration(std::string name, std::function<void(const RunConfig&)> prepare);
};
const std::vector<std::pair<std::string, std::function<void(const RunConfig&)>>>& registered_fixtures();

// One fixture per training seed, "<prefix>/seed-<s>" for s < seeds, so that the runner trains them in parallel;
// prepare(cfg, s) trains (or reads) everything seed s provides. With `trained`, seed s is prepared only when
// s < trained(cfg): a run whose budget reads fewer seeds leaves the fixtures beyond them empty.
std::string seed_fixture(const std::string& prefix, long s);
std::vector<FixtureRegistration> per_seed_fixtures(const std::string& prefix, long seeds,
                                                   const std::function<void(const RunConfig&, long)>& prepare,
                                                   const std::function<long(const RunConfig&)>& trained = nullptr);

// While set, fixture() ignores models on disk and retrains (then overwrites them): a ctest session's setup test
// trains afresh, so a cache left by an older build is never read.
void set_retrain(bool retrain);

}  // namespace icl::training
