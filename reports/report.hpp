// Markdown and JSON reports of a run, and the JSON listing of the registry.
#pragma once

#include <string>
#include <vector>

#include "core/claim.hpp"
#include "reports/runner.hpp"

namespace icl {

struct RunInfo {
  RunConfig cfg;
  int seeds = 1;          // seeds per claim (a sweep when > 1)
  std::string command;    // how the run was started
  std::string timestamp;  // UTC, ISO 8601
  double seconds = 0;
  bool figures = false;   // the report links each claim's figure (figure_path), written beside it
};

std::string markdown_report(const std::vector<Result>& results, const RunInfo& info);
std::string json_report(const std::vector<Result>& results, const RunInfo& info);
std::string json_list(const std::vector<Claim>& claims);
// The command that re-runs one claim (and, for a shrunk counterexample, exactly that case).
std::string reproduce_command(const Result& r, const RunInfo& info);

}  // namespace icl
