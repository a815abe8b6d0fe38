// Registry types shared by every claim family, the runner, the CLI and the report writers.
// Deliberately free of Boost and Eigen: the report/CLI translation units include only this.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace icl {

enum class Verdict { ProvedExactly, Certified, HoldsNumerically, Refuted, Inconclusive };
enum class Kind { Identity, Inequality, Rate, Empirical, Complexity };

const char* to_string(Verdict v);
const char* to_string(Kind k);

// How a check runs. Every random choice derives from `seed` and the claim id.
struct RunConfig {
  static constexpr uint64_t default_seed = 20230607;
  static constexpr int default_bits = 256;
  static constexpr int min_bits = 64;
  static constexpr int max_bits = 8192;

  uint64_t seed = default_seed;
  int cases = 0;                 // 0: each claim's own default
  int bits = default_bits;       // working precision of MPFR and Arb checks
  // Progress for long checks (stderr in the CLI); may be empty.
  std::function<void(const std::string&)> progress;

  int cases_or(int fallback) const { return cases > 0 ? cases : fallback; }
  // Independent stream per (claim, purpose).
  uint64_t seed_for(const std::string& claim_id, const std::string& purpose = "") const;
  void report_progress(const std::string& line) const {
    if (progress) progress(line);
  }
};

// A data series for plots and rate fits (emitted in JSON).
struct Series {
  std::string name, x_label, y_label;
  std::vector<double> x, y;
};

// What a check found. Fields not meaningful for a claim stay at their defaults.
struct Evidence {
  Verdict verdict = Verdict::Inconclusive;
  long cases = 0;                 // instances checked
  std::optional<double> max_error;  // worst |construction − oracle| (0 means equal)
  std::optional<double> bound;    // certificate value: Schwartz–Zippel probability, certified slack, SE multiple
  std::string bound_label;        // what `bound` is, e.g. "P(false pass) ≤" or "MC |z| ≤"
  std::string certificate;        // how the bound was obtained, in words and numbers
  int precision_bits = 0;         // 0: exact arithmetic
  uint64_t seed = 0;
  double seconds = 0;
  std::string counterexample;     // smallest counterexample, for refutations
  std::string reproduce;          // RC_PARAMS="reproduce=..." for a failing property
  std::vector<std::pair<std::string, std::string>> details;  // ordered key facts for the report
  std::vector<Series> series;

  void note(std::string key, std::string value) { details.emplace_back(std::move(key), std::move(value)); }
};

struct Claim {
  std::string id;         // "<paper-key>/<local id>", exactly as in the spec
  std::string paper;      // paper key
  std::string statement;  // one line
  Kind kind = Kind::Identity;
  std::string arithmetic;               // e.g. "exact rational; MPFR; double"
  std::vector<std::string> arith_tags;  // ctest labels: exact, mpfr, arb, double
  Verdict expected = Verdict::Inconclusive;
  std::string justification;  // why this verdict is expected
  std::function<Evidence(const RunConfig&)> check;
};

}  // namespace icl
