// Runs claims and collects their evidence. Every claim runs in a child process (fork): claims run concurrently
// (`jobs`), a crash or a time cap is contained and reported, and output is produced in registry order whatever the
// order of completion. Trained-model fixtures the selected claims need are trained first, once, into a model cache
// the claims then read.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/claim.hpp"

namespace icl {

struct SeedRun {
  uint64_t seed = 0;
  Verdict verdict = Verdict::Inconclusive;
  bool as_expected = false;
};

struct Result {
  const Claim* claim = nullptr;
  Evidence evidence;     // the run under the configuration's own seed
  std::string error;     // the check failed (exception, crash, time cap): the message
  std::vector<SeedRun> sweep;  // every seed's outcome when the run sweeps seeds (the first is the own seed)
  // Every seed's verdict (and every expected part) as recorded, and no error.
  bool as_expected() const;
};

struct RunnerOptions {
  int jobs = 1;            // claims running at once
  double time_cap = 0;     // seconds per claim (0: none); a claim over it is stopped and reported inconclusive
  int seeds = 1;           // run every claim under this many seeds: the configuration's and seeds derived from it
};

// The seeds of a sweep: `seed`, then seeds derived from it.
std::vector<uint64_t> sweep_seeds(uint64_t seed, int count);

// Runs every claim; `on_start(i, n, claim)` as a claim starts, `on_done(result)` in registry order.
std::vector<Result> run_claims(const std::vector<const Claim*>& claims, const RunConfig& cfg, const RunnerOptions& options,
                               const std::function<void(size_t, size_t, const Claim&)>& on_start = nullptr,
                               const std::function<void(const Result&)>& on_done = nullptr);

// One line: cases, worst error, the certificate's bound and (optionally) the time.
std::string evidence_summary(const Evidence& ev, bool with_time = true);

// The evidence as bytes and back (between a claim's process and the runner); doubles are kept bit for bit.
std::string to_wire(const Evidence& ev, const std::string& error);
void from_wire(const std::string& bytes, Evidence& ev, std::string& error);

}  // namespace icl
