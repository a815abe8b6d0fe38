// Test main. Every registered claim becomes a doctest case named by its id, and every broken variant of its row a
// case "<id> rejects <variant>" (or "<id> under <variant>" for a variant that must hold), each in a suite
// "paper;claim|broken-variant;kind;arithmetic..." that becomes its ctest labels. A claim case runs the claim's
// registry check with the default configuration (pinned seed) and fails when the verdict differs from the expected
// one; a variant case runs the same check on the broken construction at the variant's effort and fails unless it
// gives the variant's verdict (with a counterexample, and an RC_PARAMS string for property refutations).
//
// `icl_tests --icl-ctest-manifest FILE EXE` writes the ctest registration of every doctest case (the build runs
// it after linking). doctest's own discovery script passes multiple labels unquoted to set_tests_properties, which
// keeps only the first; here the label list is quoted.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <deque>
#include <fstream>
#include <iostream>
#include <map>
#include <string>

#include "core/allocator.hpp"
#include "core/context.hpp"
#include "properties/families.hpp"
#include "reports/figures.hpp"
#include "reports/runner.hpp"
#include "training/fixture.hpp"

namespace {

struct VariantCase {
  const icl::Claim* claim;
  icl::BrokenVariant variant;
};
std::map<std::string, VariantCase>& variant_cases() {
  static std::map<std::string, VariantCase> all;
  return all;
}

void print_evidence(const icl::Claim& claim, const icl::Evidence& ev, const std::string& error) {
  if (!error.empty()) std::cerr << "error: " << error << "\n";
  if (!ev.counterexample.empty()) std::cerr << "counterexample:\n" << ev.counterexample << "\n";
  if (!ev.reproduce.empty()) std::cerr << ev.reproduce << "\n";
  for (const auto& [k, v] : ev.details) std::cerr << "  " << k << ": " << v << "\n";
}

void run_registered_claim() {
  const icl::Claim* claim = icl::find_claim(doctest::getContextOptions()->currentTest->m_name);
  REQUIRE(claim != nullptr);
  const icl::RunConfig cfg;  // default seed and budgets: the same check `iclcheck run` performs
  const icl::Outcome out = icl::run_check(*claim, cfg);
  const bool as_expected = icl::as_expected(*claim, out.evidence, out.error);
  const std::string verdict = icl::to_string(out.evidence.verdict), expected = icl::to_string(claim->expected);
  if (!as_expected) {
    std::cerr << claim->id << ": " << verdict << " (expected " << expected << ")\n";
    print_evidence(*claim, out.evidence, out.error);
  }
  INFO("evidence: ", icl::evidence_summary(out.evidence));
  for (const auto& p : out.evidence.parts)
    for (const auto& [name, want] : claim->parts)
      if (name == p.name && p.verdict != want)
        std::cerr << "part " << name << ": " << icl::to_string(p.verdict) << " (expected " << icl::to_string(want) << ")\n";
  if (!out.evidence.reason.empty()) std::cerr << "why: " << out.evidence.reason << "\n";
  CHECK_MESSAGE(as_expected, claim->id, " verdict ", verdict, ", expected ", expected);
  // The report's figure of the claim's series: well-formed SVG with every point plotted.
  if (!out.evidence.series.empty()) {
    const std::string problem = icl::check_figure(icl::svg_figure(claim->id, out.evidence.series), out.evidence.series);
    CHECK_MESSAGE(problem.empty(), claim->id, " figure: ", problem);
  }
}

void run_broken_variant() {
  const auto& vc = variant_cases().at(doctest::getContextOptions()->currentTest->m_name);
  icl::RunConfig cfg;
  cfg.effort = vc.variant.effort;
  const icl::Outcome out = icl::run_check(*vc.claim, cfg, vc.variant.defect);
  const std::string verdict = icl::to_string(out.evidence.verdict), expected = icl::to_string(vc.variant.expected);
  INFO("variant: ", std::string(vc.variant.defect.what), "; evidence: ", icl::evidence_summary(out.evidence));
  if (out.evidence.verdict != vc.variant.expected) print_evidence(*vc.claim, out.evidence, out.error);
  CHECK_MESSAGE(out.error.empty(), "the check threw: ", out.error);
  CHECK_MESSAGE(out.evidence.verdict == vc.variant.expected, vc.claim->id, " under ", std::string(vc.variant.defect.name), ": ",
                verdict, ", expected ", expected);
  if (*vc.variant.reason)
    CHECK_MESSAGE(out.evidence.reason.find(vc.variant.reason) != std::string::npos, vc.claim->id, " under ",
                  std::string(vc.variant.defect.name), " must be inconclusive because \"", std::string(vc.variant.reason), "\", not: ",
                  out.evidence.reason);
  if (vc.variant.expected == icl::Verdict::Refuted && vc.claim->expected == icl::Verdict::Refuted) {
    // The claim is refuted anyway: the variant must show in a part that is expected to hold.
    bool shows = false;
    for (const auto& p : out.evidence.parts)
      for (const auto& [name, want] : vc.claim->parts)
        shows = shows || (name == p.name && icl::holds(want) && p.verdict == icl::Verdict::Refuted);
    CHECK_MESSAGE(shows, vc.claim->id, " is refuted anyway: the variant ", std::string(vc.variant.defect.name),
                  " must refute a part that is expected to hold");
  }
  if (vc.variant.expected == icl::Verdict::Refuted) {
    CHECK_MESSAGE(!out.evidence.counterexample.empty(), "a refutation must carry its counterexample");
    if (vc.variant.by_property)
      CHECK_MESSAGE(out.evidence.reproduce.rfind("RC_PARAMS=\"reproduce=", 0) == 0,
                    "a refutation found by RapidCheck must carry its RC_PARAMS string");
  }
}

// The claim under three seeds derived from the default one (the default itself is the claim's own case): every
// verdict must be the recorded one.
void run_seed_sweep() {
  const std::string name = doctest::getContextOptions()->currentTest->m_name;
  const icl::Claim* claim = icl::find_claim(name.substr(name.find(' ') + 1));
  REQUIRE(claim != nullptr);
  const auto seeds = icl::sweep_seeds(icl::RunConfig::default_seed, 4);
  for (size_t k = 1; k < seeds.size(); ++k) {
    icl::RunConfig cfg;
    cfg.seed = seeds[k];
    const icl::Outcome out = icl::run_check(*claim, cfg);
    const bool ok = icl::as_expected(*claim, out.evidence, out.error);
    if (!ok) {
      std::cerr << claim->id << " under seed " << seeds[k] << ": " << icl::to_string(out.evidence.verdict) << "\n";
      print_evidence(*claim, out.evidence, out.error);
      if (!out.evidence.reason.empty()) std::cerr << "why: " << out.evidence.reason << "\n";
    }
    CHECK_MESSAGE(ok, claim->id, " under seed ", seeds[k], ": ", std::string(icl::to_string(out.evidence.verdict)),
                  ", expected ", std::string(icl::to_string(claim->expected)));
  }
}

// Every claim at the smallest budget (every budget 1): never refuted for lack of budget — the verdict is the recorded
// one or inconclusive, and a refutation appears only where the claim is refuted by an exact counterexample anyway.
void run_tiny_budget() {
  icl::RunConfig cfg;
  cfg.effort = 1e-9;
  for (const auto& c : icl::registry()) {
    const icl::Outcome out = icl::run_check(c, cfg);
    const icl::Verdict v = out.evidence.verdict;
    const bool ok = out.error.empty() && (v == c.expected || v == icl::Verdict::Inconclusive);
    if (!ok) {
      std::cerr << c.id << " at the smallest budget: " << icl::to_string(v) << "\n";
      print_evidence(c, out.evidence, out.error);
    }
    CHECK_MESSAGE(ok, c.id, " at the smallest budget: ", std::string(icl::to_string(v)), " (expected ",
                  std::string(icl::to_string(c.expected)), " or inconclusive)");
    // No part may hold where a budget it reads is below its minimum (giannou2024/LOG9's exact part read "proved
    // exactly" on 1 case at effort 0.01, where the default refutes it). Budgets whose minimum is one case (a proof, a
    // count) keep their parts, and so do parts that read no budget (calibrations).
    const icl::Context ctx(c, cfg, icl::Defect{}, 64);
    for (const icl::Part& p : out.evidence.parts)
      CHECK_MESSAGE(!(icl::holds(p.verdict) && !ctx.enough_for(p)), c.id, " part '", p.name,
                    "' holds at a starved budget: ", std::string(icl::to_string(p.verdict)));
  }
}

std::string labels(const icl::Claim& c, const char* what) {
  std::string s = c.paper + ";" + what + ";" + icl::to_string(c.kind);
  for (const auto& t : c.arith_tags) s += ";" + t;
  return s;
}

std::string escape_filter(const std::string& name) {  // doctest splits filters on commas
  std::string out;
  for (char ch : name) out += ch == ',' ? std::string("\\,") : std::string(1, ch);
  return out;
}

int write_ctest_manifest(const char* path, const char* exe, const char* cache) {
  std::ofstream out(path);
  // Trained models: one setup test per fixture trains it afresh into the session's cache; every test reads the cache.
  for (const auto& [name, prepare] : icl::training::registered_fixtures()) {
    const std::string test = "fixture/" + name;
    out << "add_test([==[" << test << "]==] [==[" << exe << "]==] [==[--icl-train-fixture]==] [==[" << name << "]==])\n";
    out << "set_tests_properties([==[" << test << "]==] PROPERTIES LABELS [==[fixture;training]==] FIXTURES_SETUP [==["
        << name << "]==] ENVIRONMENT [==[ICL_MODEL_CACHE=" << cache << "]==])\n";
  }
  for (const auto& tc : doctest::detail::getRegisteredTests()) {
    const std::string name = tc.m_name, suite = tc.m_test_suite ? tc.m_test_suite : "";
    out << "add_test([==[" << name << "]==] [==[" << exe << "]==] [==[--test-case=" << escape_filter(name)
        << "]==])\n";
    out << "set_tests_properties([==[" << name << "]==] PROPERTIES LABELS [==[" << (suite.empty() ? "unlabelled" : suite)
        << "]==] FAIL_REGULAR_EXPRESSION [==[test cases: 0 [|]]==] ENVIRONMENT [==[ICL_MODEL_CACHE=" << cache << "]==])\n";
    if (const icl::Claim* c = icl::find_claim(name.rfind("seed-sweep ", 0) == 0 ? name.substr(11) : name);
        c && !c->fixtures.empty() && name.rfind("seed-sweep ", 0) != 0) {
      std::string fixtures;
      for (const auto& f : c->fixtures) fixtures += (fixtures.empty() ? "" : ";") + f;
      out << "set_tests_properties([==[" << name << "]==] PROPERTIES FIXTURES_REQUIRED [==[" << fixtures << "]==])\n";
    }
  }
  return out ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  icl::keep_freed_memory();
  static std::deque<std::string> names;  // doctest keeps const char* to the names and suites
  unsigned line = 1;
  const auto reg = [&](void (*fn)(), const std::string& name, const std::string& suite) {
    names.push_back(suite);
    doctest::detail::TestSuite ts;
    ts.m_test_suite = names.back().c_str();
    names.push_back(name);
    doctest::detail::regTest(doctest::detail::TestCase(fn, "registry", line++, ts) * names.back().c_str());
  };
  for (const auto& c : icl::registry()) {
    reg(run_registered_claim, c.id, labels(c, "claim"));
    reg(run_seed_sweep, "seed-sweep " + c.id, labels(c, "seed-sweep"));
    for (const auto& v : c.broken) {
      const std::string name =
          c.id + (v.expected == icl::Verdict::Refuted ? " rejects " : " under ") + v.defect.name;
      variant_cases().emplace(name, VariantCase{&c, v});
      reg(run_broken_variant, name, labels(c, "broken-variant"));
    }
  }
  reg(run_tiny_budget, "budget/smallest", "registry;budget;unit");
  if (argc == 5 && std::string(argv[1]) == "--icl-ctest-manifest") return write_ctest_manifest(argv[2], argv[3], argv[4]);
  if (argc == 3 && std::string(argv[1]) == "--icl-train-fixture") {
    for (const auto& [name, prepare] : icl::training::registered_fixtures())
      if (name == argv[2]) {
        icl::training::set_retrain(true);  // a session trains afresh: a cache from an older build is never read
        prepare(icl::RunConfig{});
        return 0;
      }
    std::cerr << "no fixture named " << argv[2] << "\n";
    return 1;
  }
  doctest::Context context(argc, argv);
  return context.run();
}
