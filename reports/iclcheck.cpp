// iclcheck: list and run the registered claims, write the Markdown and JSON reports.
// Exit status: 0 every verdict as expected; 1 some verdict differs (the CI gate); 2 bad usage.
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "properties/coverage.hpp"
#include "reports/registry.hpp"
#include "reports/report.hpp"
#include "reports/runner.hpp"

namespace {

constexpr int kUsage = 2;

int usage_error(const std::string& message) {
  std::cerr << "iclcheck: error: " << message << "\n";
  return kUsage;
}

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

// Creates the parent directories and opens the file; used before the run (fail fast) and after it.
bool write_file(const std::string& path, const std::string& content, std::string& error) {
  std::error_code ec;
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  std::ofstream out(path);
  if (!(out << content)) {
    error = "cannot write " + path;
    return false;
  }
  return true;
}

std::string print_list(bool json) {
  if (json) return icl::json_list(icl::registry());
  std::string s;
  for (const auto& c : icl::registry())
    s += fmt::format("{:<20} {:<11} {:<18} {:<34} {}\n", c.id, icl::to_string(c.kind),
                     c.arith_tags.empty() ? "-" : fmt::format("{}", fmt::join(c.arith_tags, ",")), c.file, c.statement);
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"icl-theorems: checks, by computation, what papers claim about in-context learning"};
  app.require_subcommand(1);

  auto* list = app.add_subcommand("list", "print every registered claim");
  bool list_json = false;
  list->add_flag("--json", list_json, "print the registry as JSON");

  auto* cov = app.add_subcommand("coverage", "compare the registry with the spec tables");
  std::string spec_dir = ICL_SPEC_DIR;
  cov->add_option("--specs", spec_dir, "directory of the spec files <paper>.md")->capture_default_str();

  auto* run = app.add_subcommand("run", "run claims and report verdicts");
  std::vector<std::string> patterns;
  long cases = 0;
  double effort = 1;
  uint64_t seed = icl::RunConfig::default_seed;
  int bits = icl::RunConfig::default_bits;
  std::string json_path, report_path;
  bool quiet = false;
  run->add_option("--claim", patterns, "claim id, paper key or glob (repeatable, comma-separated)");
  run->add_option("--effort", effort,
                  "multiply every budget of every claim (cases, Monte Carlo tasks, steps, horizons, grids) by E")
      ->capture_default_str();
  run->add_option("--cases", cases, "random cases of every property (default: each claim's own, times the effort)");
  run->add_option("--seed", seed, "seed of every random choice")->capture_default_str();
  run->add_option("--bits", bits, "MPFR/Arb working precision in bits")->capture_default_str();
  run->add_option("--json", json_path, "write results as JSON to FILE");
  run->add_option("--report", report_path, "write the Markdown report to FILE");
  run->add_flag("--quiet", quiet, "no progress lines on stderr");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    std::cout << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::ParseError& e) {
    std::string msg = e.what();
    if (msg.empty()) msg = "missing subcommand: use `list` or `run`";
    if (const auto nl = msg.find('\n'); nl != std::string::npos) msg = msg.substr(0, nl);
    return usage_error(msg);
  }

  if (list->parsed()) {
    std::cout << print_list(list_json);
    return 0;
  }
  if (cov->parsed()) {
    const icl::Coverage c = icl::coverage(spec_dir);
    std::cout << c.text;
    return c.ok ? 0 : 1;
  }

  if (run->count("--cases") && cases < 1) return usage_error("--cases must be at least 1");
  if (!(effort > 0) || effort > 1e6) return usage_error(fmt::format("--effort must be in (0, 1e6], got {}", effort));
  if (bits < icl::RunConfig::min_bits || bits > icl::RunConfig::max_bits)
    return usage_error(fmt::format("--bits must be in [{}, {}], got {}", icl::RunConfig::min_bits,
                                   icl::RunConfig::max_bits, bits));
  std::vector<std::string> unmatched;
  const auto claims = icl::select_claims(patterns, &unmatched);
  if (!unmatched.empty()) return usage_error("no claim matches '" + unmatched.front() + "' (see `iclcheck list`)");

  std::string error;
  for (const auto& path : {json_path, report_path})
    if (!path.empty() && !write_file(path, "", error)) return usage_error(error);

  icl::RunInfo info;
  info.cfg.seed = seed;
  info.cfg.cases = cases;
  info.cfg.effort = effort;
  info.cfg.bits = bits;
  info.timestamp = utc_now();
  for (int i = 0; i < argc; ++i) info.command += (i ? " " : "") + std::string(i ? argv[i] : "iclcheck");
  if (!quiet) info.cfg.progress = [](const std::string& line) { std::cerr << "  … " << line << std::endl; };

  const auto start = std::chrono::steady_clock::now();
  const auto results = icl::run_claims(
      claims, info.cfg,
      [&](size_t i, size_t n, const icl::Claim& c) {
        if (!quiet) std::cerr << fmt::format("[{}/{}] {} …", i + 1, n, c.id) << std::endl;
      },
      [&](const icl::Result& r) {
        const auto& ev = r.evidence;
        std::cout << fmt::format("{:<5} {:<19} {:<17} {}", r.as_expected() ? "ok" : "DIFF", r.claim->id,
                                 icl::to_string(ev.verdict), icl::evidence_summary(ev));
        if (!r.as_expected()) std::cout << "  (expected " << icl::to_string(r.claim->expected) << ")";
        std::cout << "\n";
        const std::string indent(6, ' ');
        if (!r.error.empty()) std::cout << indent << "error: " << r.error << "\n";
        if (ev.verdict == icl::Verdict::Refuted && !ev.counterexample.empty())
          std::cout << indent << "counterexample: " << ev.counterexample.substr(0, ev.counterexample.find('\n')) << "\n";
        if (!ev.reproduce.empty()) std::cout << indent << ev.reproduce << "\n";
        std::cout.flush();
      });
  info.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  size_t differing = 0;
  for (const auto& r : results) differing += !r.as_expected();
  std::cout << fmt::format("{} claim{}, {} as expected, {} differing, {:.1f} s\n", results.size(),
                           results.size() == 1 ? "" : "s",
                           results.size() - differing, differing, info.seconds);

  if (!json_path.empty() && !write_file(json_path, icl::json_report(results, info), error)) return usage_error(error);
  if (!report_path.empty() && !write_file(report_path, icl::markdown_report(results, info), error))
    return usage_error(error);
  return differing == 0 ? 0 : 1;
}
