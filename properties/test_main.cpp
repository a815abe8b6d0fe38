// Test main. Every registered claim becomes a doctest case named by its id, in a suite
// "paper;claim;kind;arithmetic..." that becomes its ctest labels. The case runs the claim's registry check
// with the default configuration (pinned seed) and fails when the verdict differs from the expected one,
// printing the evidence and, for a failing property, its RC_PARAMS reproduce string.
//
// `icl_tests --icl-ctest-manifest FILE EXE` writes the ctest registration of every doctest case (the build
// runs it after linking). doctest's own discovery script passes multiple labels unquoted to
// set_tests_properties, which keeps only the first; here the label list is quoted.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <deque>
#include <fstream>
#include <iostream>
#include <string>

#include "reports/registry.hpp"
#include "reports/runner.hpp"

namespace {

void run_registered_claim() {
  const icl::Claim* claim = icl::find_claim(doctest::getContextOptions()->currentTest->m_name);
  REQUIRE(claim != nullptr);
  const icl::RunConfig cfg;  // default seed and case counts: the same check `iclcheck run` performs
  const icl::Evidence ev = claim->check(cfg);
  const bool as_expected = ev.verdict == claim->expected;
  if (!as_expected) {
    std::cerr << claim->id << ": " << icl::to_string(ev.verdict) << " (expected " << icl::to_string(claim->expected)
              << ")\n";
    if (!ev.counterexample.empty()) std::cerr << "counterexample:\n" << ev.counterexample << "\n";
    if (!ev.reproduce.empty()) std::cerr << ev.reproduce << "\n";
    for (const auto& [k, v] : ev.details) std::cerr << "  " << k << ": " << v << "\n";
  }
  INFO("evidence: ", icl::evidence_summary(ev));
  CHECK_MESSAGE(as_expected, claim->id, " verdict ", icl::to_string(ev.verdict), ", expected ",
                icl::to_string(claim->expected));
}

std::string join_tags(const icl::Claim& c) {
  std::string s = c.paper + ";claim;" + icl::to_string(c.kind);
  for (const auto& t : c.arith_tags) s += ";" + t;
  return s;
}

std::string escape_filter(const std::string& name) {  // doctest splits filters on commas
  std::string out;
  for (char ch : name) out += ch == ',' ? std::string("\\,") : std::string(1, ch);
  return out;
}

int write_ctest_manifest(const char* path, const char* exe) {
  std::ofstream out(path);
  for (const auto& tc : doctest::detail::getRegisteredTests()) {
    const std::string name = tc.m_name, suite = tc.m_test_suite ? tc.m_test_suite : "";
    out << "add_test([==[" << name << "]==] [==[" << exe << "]==] [==[--test-case=" << escape_filter(name)
        << "]==])\n";
    out << "set_tests_properties([==[" << name << "]==] PROPERTIES LABELS [==[" << (suite.empty() ? "unlabelled" : suite)
        << "]==] FAIL_REGULAR_EXPRESSION [==[test cases: 0 [|]]==])\n";
  }
  return out ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  static std::deque<std::string> suites;  // doctest keeps const char* to the suite names
  unsigned line = 1;
  for (const auto& c : icl::registry()) {
    suites.push_back(join_tags(c));
    doctest::detail::TestSuite suite;
    suite.m_test_suite = suites.back().c_str();
    doctest::detail::regTest(doctest::detail::TestCase(run_registered_claim, "registry", line++, suite) *
                             c.id.c_str());
  }
  if (argc == 4 && std::string(argv[1]) == "--icl-ctest-manifest") return write_ctest_manifest(argv[2], argv[3]);
  doctest::Context context(argc, argv);
  return context.run();
}
