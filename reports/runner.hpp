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

// What one (claim, seed) run produced.
struct SeedOutcome {
  bool ran = false;  // false: not run here (another shard's)
  Evidence evidence;
  std::string error;
};

struct Result {
  const Claim* claim = nullptr;
  Evidence evidence;     // the run under the configuration's own seed
  std::string error;     // the check failed (exception, crash, time cap): the message
  std::vector<SeedRun> sweep;  // every seed's outcome when the run sweeps seeds (the first is the own seed)
  std::vector<SeedOutcome> outcomes;  // per seed of the sweep, as run
  // Every seed's verdict (and every expected part) as recorded, and no error.
  bool as_expected() const;
};

struct RunnerOptions {
  int jobs = 1;            // claims running at once
  double time_cap = 0;     // seconds per claim (0: none); a claim over it is stopped and reported inconclusive
  int seeds = 1;           // run every claim under this many seeds: the configuration's and seeds derived from it
  int shard = 0, shards = 1;  // run only the (claim, seed) items of this shard (0-based) of `shards` (in_shard)
};

// The deterministic split of a run into shards: the (claim, seed) items in registry order, item k = claim·seeds + seed,
// dealt round-robin — item k belongs to shard k mod shards.
bool in_shard(size_t claim_index, size_t seed_index, size_t seeds, int shard, int shards);

// Fills r.evidence, r.error and r.sweep from r.outcomes (the seeds that ran): the own seed's evidence, and under a
// sweep every seed's verdict, with no verdict when they disagree. The runner and `iclcheck merge` both conclude here.
void conclude(Result& r, const std::vector<uint64_t>& seeds);

// The seeds of a sweep: `seed`, then seeds derived from it.
std::vector<uint64_t> sweep_seeds(uint64_t seed, int count);

// Runs every claim (of the shard); `on_start(i, n, claim)` as a claim starts, `on_done(result)` in registry order.
// Claims with no item in the shard are left out of the results.
std::vector<Result> run_claims(const std::vector<const Claim*>& claims, const RunConfig& cfg, const RunnerOptions& options,
                               const std::function<void(size_t, size_t, const Claim&)>& on_start = nullptr,
                               const std::function<void(const Result&)>& on_done = nullptr);

// One line: cases, worst error, the certificate's bound and (optionally) the time.
std::string evidence_summary(const Evidence& ev, bool with_time = true);

// The evidence as bytes and back (between a claim's process and the runner); doubles are kept bit for bit.
std::string to_wire(const Evidence& ev, const std::string& error);
void from_wire(const std::string& bytes, Evidence& ev, std::string& error);

}  // namespace icl
