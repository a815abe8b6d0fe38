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

// Holds (proved exactly / certified / holds numerically), refuted, or inconclusive — and error, when the check
// itself failed (an exception, a crash, a time cap): never a finding about the paper, always a failed gate.
enum class Verdict { ProvedExactly, Certified, HoldsNumerically, Refuted, Inconclusive, Error };
bool holds(Verdict v);
enum class Kind { Identity, Inequality, Rate, Empirical, Complexity };

const char* to_string(Verdict v);
const char* to_string(Kind k);

// What a budget counts. The effort multiplier scales every axis alike; `--cases` sets the Cases axis only.
enum class Axis {
  Cases,      // RapidCheck cases of a property
  Instances,  // drawn instances of a non-property check (prompts, matrices, runs)
  Tasks,      // Monte Carlo tasks, training prompts
  Steps,      // training or optimisation steps
  Horizon,    // length of an iterated run
  Grid,       // points of a sweep
};
const char* to_string(Axis a);

// One budget of a claim's check at effort 1.
struct Budget {
  std::string name;
  Axis axis = Axis::Cases;
  long base = 1;
  long minimum = 1;  // below this (after scaling) the check cannot earn a verdict from this budget: inconclusive
};

// A deliberately broken construction, oracle or formula. Checks compare the context's defect with a family's
// named constants (properties/<paper>/defects.hpp); code 0 is the unbroken check.
struct Defect {
  int code = 0;
  const char* name = "none";
  const char* what = "the check as registered";
  friend constexpr bool operator==(const Defect& a, const Defect& b) { return a.code == b.code; }
  friend constexpr bool operator!=(const Defect& a, const Defect& b) { return a.code != b.code; }
};

// A broken variant a claim's check must reject, and how: the verdict it must give (refuted, unless the claim
// itself is refuted and the variant shows the check can also hold), the effort it runs at, and whether the
// refutation must come from a property (so it carries RC_PARAMS). A variant that must be inconclusive can name why:
// its evidence's reason must contain `reason` (so that it is inconclusive for the defect, not for lack of budget).
struct BrokenVariant {
  Defect defect;
  double effort = 1;
  bool by_property = false;
  Verdict expected = Verdict::Refuted;
  const char* reason = "";
};

// How a run is configured. Every random choice derives from `seed` and the claim id.
struct RunConfig {
  static constexpr uint64_t default_seed = 20230607;
  static constexpr int default_bits = 256;
  static constexpr int min_bits = 64;
  static constexpr int max_bits = 8192;

  uint64_t seed = default_seed;
  int bits = default_bits;  // requested working precision of MPFR and Arb checks
  double effort = 1;        // multiplies every budget of every claim
  long cases = 0;           // > 0: every Cases budget is exactly this
  // Progress for long checks (stderr in the CLI); may be empty.
  std::function<void(const std::string&)> progress;

  // Independent stream per (claim, purpose).
  uint64_t seed_for(const std::string& claim_id, const std::string& purpose = "") const;
  long scaled(const Budget& b) const;
  void report_progress(const std::string& line) const {
    if (progress) progress(line);
  }
};

// A line drawn beside a series: the claimed rate, or the rate the check fitted. A power law y = y0·(x/x0)^exponent (a
// straight line on log-log axes), or with `geometric` a linear rate y = y0·e^{exponent·(x − x0)} (straight on a log y
// axis; exponent = ln of the factor per unit of x).
struct Guide {
  std::string label;
  double exponent = 0, x0 = 1, y0 = 1;
  bool geometric = false;
};

// A data series for plots and rate fits (emitted in JSON, drawn in the report's figures), with the lines to draw
// beside it and the values the paper prints at some x (marked points).
struct Series {
  std::string name, x_label, y_label;
  std::vector<double> x, y;
  std::vector<Guide> guides = {};
  std::vector<std::pair<double, double>> printed = {};
};

// One part of a claim's comparison with its own outcome (e.g. LSA2 (a) and (b)), so that one cannot hide another.
struct Part {
  std::string name;
  Verdict verdict = Verdict::Inconclusive;
  std::string detail;
  // The budgets the part's evidence reads: a part that holds while one of them is below its minimum earns nothing
  // (the runner makes it inconclusive). Unset: every budget of the claim. Empty: none (a calibration against a
  // closed form, which decides at any budget).
  std::optional<std::vector<std::string>> reads = std::nullopt;
};

// A number the paper prints (as the spec quotes it) beside the suite's value: the rows of the report's paper-vs-suite
// table. `agrees` is empty when the comparison is not decided (a reduced budget, a reduced model, no like-for-like).
struct Printed {
  std::string quantity, paper, suite, arithmetic;
  std::optional<bool> agrees;
  std::string note;  // how "agrees" was decided, or why it is not
};

// What a check found. Fields not meaningful for a claim stay at their defaults.
struct Evidence {
  Verdict verdict = Verdict::Inconclusive;
  long cases = 0;                   // instances checked
  std::optional<double> max_error;  // worst |construction − oracle| (0 means equal)
  std::optional<double> bound;      // certificate value: Schwartz–Zippel probability, certified slack, SE multiple
  std::string bound_label;          // what `bound` is, e.g. "P(false pass) ≤" or "MC |z| ≤"
  std::string certificate;          // how the bound was obtained, in words and numbers
  int precision_bits = 0;           // 0: exact arithmetic
  uint64_t seed = 0;
  double seconds = 0;
  std::string counterexample;  // smallest counterexample, for refutations
  std::string reproduce;       // RC_PARAMS="reproduce=..." for a failing property
  std::vector<std::pair<std::string, std::string>> details;  // ordered key facts for the report
  std::vector<Series> series;
  std::vector<Part> parts;
  std::vector<Printed> printed;  // the paper's printed numbers this check computed
  std::string reason;     // why the verdict is inconclusive (budget, hypotheses not met, undecided comparisons)
  long drawn = 0;         // instances drawn, and those that satisfied the claim's hypotheses (0, 0: not applicable)
  long qualified = 0;

  void note(std::string key, std::string value) { details.emplace_back(std::move(key), std::move(value)); }
  void print(Printed p) { printed.push_back(std::move(p)); }
  void part(std::string name, Verdict v, std::string detail = "",
            std::optional<std::vector<std::string>> reads = std::nullopt) {
    parts.push_back({std::move(name), v, std::move(detail), std::move(reads)});
  }
  // No verdict can be earned: record why (a finding needs evidence, and this is not evidence either way).
  void inconclusive(std::string why) {
    verdict = Verdict::Inconclusive;
    if (reason.empty()) reason = std::move(why);
  }
};

// An exact comparison's outcome: refuted by the first difference found, otherwise `holds` with its certificate —
// unless no case was checked (every draw outside the hypotheses, or no budget), which earns nothing.
inline Evidence decide(Evidence ev, std::string counterexample, std::string certificate,
                       Verdict holds = Verdict::ProvedExactly) {
  if (!counterexample.empty()) {
    ev.verdict = Verdict::Refuted;
    ev.counterexample = std::move(counterexample);
  } else if (ev.cases == 0) {
    ev.verdict = Verdict::Inconclusive;
    if (ev.reason.empty()) ev.reason = "no case was checked (none drawn satisfied the hypotheses, or no budget)";
  } else {
    ev.verdict = holds;
    ev.certificate = std::move(certificate);
  }
  return ev;
}

class Context;  // core/context.hpp: what a check receives

// A claim as registered: the spec's row, what the suite computes for it and how much of it.
struct Claim {
  std::string id;        // "<paper-key>/<local id>", exactly as in the spec
  std::string paper;     // paper key
  std::string local_id;  // the spec's id
  std::string statement;
  Kind kind = Kind::Identity;
  std::string arithmetic;               // e.g. "exact rational; MPFR; double"
  std::vector<std::string> arith_tags;  // ctest labels: exact, mpfr, arb, double
  Verdict expected = Verdict::Inconclusive;
  std::string justification;  // why this verdict is expected
  std::string source;         // where the paper states it (theorem, equation, section)
  std::vector<std::string> constructions, oracles;  // the spec's K and O ids the check uses
  std::vector<Budget> budgets;                       // at effort 1
  std::vector<BrokenVariant> broken;                 // variants the check must reject
  std::vector<std::string> fixtures;                 // trained models the check reads (training/fixture.hpp)
  std::vector<std::string> hypotheses;               // what every instance must satisfy for a verdict
  std::vector<std::pair<std::string, Verdict>> parts;  // parts with their own expected outcome
  std::string file;                                  // the source file holding the row and the check
  std::function<Evidence(Context&)> check;

  const Budget* find_budget(const std::string& name) const;
};

// The verdict and every expected part as recorded; an error never is.
bool as_expected(const Claim& c, const Evidence& ev, const std::string& error);

// A paper: its metadata and the spec order of its local ids. The one list of families is properties/families.cpp.
struct Family {
  std::string key, citation, arxiv;
  std::vector<std::string> id_prefixes;  // spec order of the id groups ("NS", "LSA", ...); ids sort by prefix, number
  // Spec ids with no registered claim yet, each with the issue that will add it.
  std::vector<std::pair<std::string, std::string>> pending;
};

}  // namespace icl
