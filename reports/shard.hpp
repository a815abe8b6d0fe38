// Sharded runs: `iclcheck run --shard I/N` (or a Slurm array task) runs a deterministic 1/N of the (claim, seed) items
// (in_shard, runner.hpp) and writes them to a shard file; `iclcheck merge` checks that the shard files are one run's
// complete, non-overlapping shards from one build and one budget, and concludes them into the unsharded results.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "reports/report.hpp"

namespace icl {

struct ShardSpec {
  int index = 0;  // 0-based
  int count = 1;
};

// "I/N" with 1 ≤ I ≤ N ≤ kMaxShards; nullopt and the one-line reason otherwise.
constexpr int kMaxShards = 10000;
std::optional<ShardSpec> parse_shard(const std::string& text, std::string& error);
// The shard of a Slurm array task (SLURM_ARRAY_TASK_ID, _MIN, _COUNT; the array contiguous): nullopt when not in an
// array; `error` set when the variables are there but unusable.
std::optional<ShardSpec> shard_from_slurm(std::string& error);

// The build's source id: a SHA-256 of the sources, the compiler and the flags (cmake/source_id.cmake). Shards of one
// run must share it, and `merge` must be built from the same sources.
std::string build_id();

// The shard file: the run's results JSON (its claims, as `run --json` writes them), plus a "shard" object with the
// shard, the build, the selection and every (claim, seed) item's evidence bit for bit.
std::string shard_json(const std::vector<Result>& results, const RunInfo& info, const ShardSpec& shard,
                       const std::vector<const Claim*>& selection);

struct Merged {
  std::string error;  // non-empty: the one-line reason the files cannot be merged
  std::vector<Result> results;
  RunInfo info;
};
// `texts[k]` is the content of the file `names[k]`.
Merged merge_shards(const std::vector<std::string>& texts, const std::vector<std::string>& names);

}  // namespace icl
