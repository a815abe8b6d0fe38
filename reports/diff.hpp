// `iclcheck diff OLD.json NEW.json`: what changed between two runs' results files, as Markdown (for a CI comment).
// Reported: claims added and removed; verdicts changed (and whether each is still as expected); evidence that moved
// beyond a factor (max_error, bound: a change from or to zero, a sign change, or a ratio beyond `evidence_factor`);
// run time beyond `time_factor` for claims that took at least a second in either run. The gate is the verdict:
// exit 1 when a verdict changed or a claim was removed, else 0; evidence and time moves are reported, not gated.
#pragma once

#include <string>

namespace icl {

struct DiffOptions {
  double evidence_factor = 10;
  double time_factor = 2;
};

struct DiffOutcome {
  int exit_code = 0;   // 0 nothing gated changed, 1 a verdict changed or a claim was removed, 2 bad input
  std::string markdown;
  std::string error;   // one line, when exit_code is 2
};

// `old_name` and `new_name` name the files in messages.
DiffOutcome diff_results(const std::string& old_text, const std::string& old_name, const std::string& new_text,
                         const std::string& new_name, const DiffOptions& options);

}  // namespace icl
