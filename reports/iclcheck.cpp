// iclcheck: list and run the registered claims, write the Markdown and JSON reports.
// Exit status: 0 every verdict as expected; 1 some verdict differs (the CI gate); 2 bad usage — one line on stderr,
// before any work starts.
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <thread>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/allocator.hpp"
#include "core/property.hpp"
#include "properties/coverage.hpp"
#include "reports/diff.hpp"
#include "reports/figures.hpp"
#include "reports/registry.hpp"
#include "reports/report.hpp"
#include "reports/runner.hpp"
#include "reports/shard.hpp"

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

// Well-formed UTF-8 (the reports are UTF-8; a stray byte in an argument must not reach them).
bool valid_utf8(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    i += n;
  }
  return true;
}

// A seed: a decimal integer in [0, 2^64 − 1], nothing else (no sign, no wrap, no clamp).
bool parse_seed(const std::string& text, uint64_t& seed) {
  if (text.empty() || text.size() > 20 || text.find_first_not_of("0123456789") != std::string::npos) return false;
  unsigned long long v = 0;
  for (char c : text) {
    const unsigned d = static_cast<unsigned>(c - '0');
    if (v > (~0ULL - d) / 10) return false;
    v = v * 10 + d;
  }
  seed = v;
  return true;
}

// A report file is written atomically: a temporary file beside it, renamed over it when complete, so an interrupted
// run never leaves a half-written report. `probe` checks before the run that this will work (without touching an
// existing report).
std::string temp_path(const std::string& path) { return path + ".tmp" + std::to_string(::getpid()); }

bool probe_writable(const std::string& path, std::string& error) {
  std::error_code ec;
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (std::filesystem::is_directory(path, ec)) {
    error = "cannot write " + path + ": it is a directory";
    return false;
  }
  const std::string tmp = temp_path(path);
  {
    std::ofstream out(tmp);
    if (!(out << "")) {
      error = "cannot write " + path;
      return false;
    }
  }
  std::filesystem::remove(tmp, ec);
  return true;
}

bool write_atomically(const std::string& path, const std::string& content, std::string& error) {
  const std::string tmp = temp_path(path);
  {
    std::ofstream out(tmp);
    if (!(out << content) || !out.flush()) {
      error = "cannot write " + path;
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    error = "cannot write " + path + ": " + ec.message();
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

// One claim's line (and its reasons) on stdout, as `run` and `merge` print them.
void print_result(const icl::Result& r) {
  const auto& ev = r.evidence;
  std::cout << fmt::format("{:<5} {:<19} {:<17} {}", r.as_expected() ? "ok" : "DIFF", r.claim->id,
                           icl::to_string(ev.verdict), icl::evidence_summary(ev));
  if (!r.as_expected()) std::cout << "  (expected " << icl::to_string(r.claim->expected) << ")";
  std::cout << "\n";
  const std::string indent(6, ' ');
  if (!r.error.empty()) std::cout << indent << "error: " << r.error << "\n";
  if (!ev.reason.empty()) std::cout << indent << "why: " << ev.reason << "\n";
  for (const auto& p : ev.parts)
    for (const auto& [name, expected] : r.claim->parts)
      if (name == p.name && p.verdict != expected)
        std::cout << indent << "part " << p.name << ": " << icl::to_string(p.verdict) << " (expected "
                  << icl::to_string(expected) << ")\n";
  if (ev.verdict == icl::Verdict::Refuted && !ev.counterexample.empty())
    std::cout << indent << "counterexample: " << ev.counterexample.substr(0, ev.counterexample.find('\n')) << "\n";
  if (!ev.reproduce.empty()) std::cout << indent << ev.reproduce << "\n";
  std::cout.flush();
}

// The closing line, the JSON and the report; the exit status of `run` and `merge`.
int finish_run(const std::vector<icl::Result>& results, const icl::RunInfo& info, const std::string& json_path,
               const std::string& report_path) {
  size_t differing = 0;
  for (const auto& r : results) differing += !r.as_expected();
  std::cout << fmt::format("{} claim{}, {} as expected, {} differing, {:.1f} s\n", results.size(),
                           results.size() == 1 ? "" : "s", results.size() - differing, differing, info.seconds);
  std::string error;
  if (!json_path.empty() && !write_atomically(json_path, icl::json_report(results, info), error)) return usage_error(error);
  if (!report_path.empty() && info.figures) {
    const std::filesystem::path dir = std::filesystem::path(report_path).parent_path();
    for (const auto& r : results) {
      if (r.evidence.series.empty()) continue;
      const std::filesystem::path path = dir / icl::figure_path(*r.claim);
      std::error_code ec;
      std::filesystem::create_directories(path.parent_path(), ec);
      if (!write_atomically(path.string(), icl::svg_figure(r.claim->id + " — " + r.claim->statement,
                                                           r.evidence.series),
                            error))
        return usage_error(error);
    }
  }
  if (!report_path.empty() && !write_atomically(report_path, icl::markdown_report(results, info), error))
    return usage_error(error);
  return differing == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  icl::keep_freed_memory();
  for (int i = 1; i < argc; ++i)
    if (!valid_utf8(argv[i])) return usage_error(fmt::format("argument {} is not valid UTF-8", i));

  CLI::App app{"icl-theorems: checks, by computation, what papers claim about in-context learning"};
  app.require_subcommand(1);

  auto* list = app.add_subcommand("list", "print every registered claim");
  bool list_json = false;
  list->add_flag("--json", list_json, "print the registry as JSON");

  auto* cov = app.add_subcommand("coverage", "compare the registry with the spec tables");
  std::string spec_dir = ICL_SPEC_DIR;
  cov->add_option("--specs", spec_dir, "directory of the spec files <paper>.md")->capture_default_str();

  auto* diff = app.add_subcommand("diff", "compare two results files: Markdown on stdout, exit 1 when a verdict changed "
                                          "or a claim was removed");
  std::string diff_old, diff_new, diff_output;
  icl::DiffOptions diff_options;
  diff->add_option("OLD", diff_old, "results JSON of the earlier run")->required();
  diff->add_option("NEW", diff_new, "results JSON of the later run")->required();
  diff->add_option("--evidence-factor", diff_options.evidence_factor,
                   "report max_error/bound that moved by more than this factor")
      ->capture_default_str();
  diff->add_option("--time-factor", diff_options.time_factor, "report run times that moved by more than this factor")
      ->capture_default_str();
  diff->add_option("--output", diff_output, "write the Markdown to FILE instead of stdout");

  auto* run = app.add_subcommand("run", "run claims and report verdicts");
  std::vector<std::string> patterns;
  long cases = 0;
  double effort = 1;
  std::string seed_text = std::to_string(icl::RunConfig::default_seed);
  int bits = icl::RunConfig::default_bits;
  int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  int seeds = 1;
  double time_cap = -1;
  std::string json_path, report_path;
  bool quiet = false;
  run->add_option("--claim", patterns, "claim id, paper key or glob (repeatable, comma-separated)");
  run->add_option("--effort", effort,
                  "multiply every budget of every claim (cases, Monte Carlo tasks, steps, horizons, grids) by E")
      ->capture_default_str();
  run->add_option("--cases", cases, "random cases of every property (default: each claim's own, times the effort)");
  run->add_option("--seed", seed_text, "seed of every random choice (0 … 2^64 − 1)")->capture_default_str();
  run->add_option("--seeds", seeds, "run every claim under K seeds (the seed and K − 1 derived from it); a verdict "
                                    "counts only when all agree")
      ->capture_default_str();
  run->add_option("--bits", bits, "MPFR/Arb working precision in bits")->capture_default_str();
  run->add_option("-j,--jobs", jobs, "claims run at once (default: the number of cores)")->capture_default_str();
  run->add_option("--time-cap", time_cap, "seconds per claim before it is stopped and reported inconclusive "
                                          "(default 900 × max(1, effort); 0: none)");
  run->add_option("--json", json_path, "write results as JSON to FILE");
  run->add_option("--report", report_path, "write the Markdown report to FILE");
  run->add_flag("--quiet", quiet, "no progress lines on stderr");
  bool no_figures = false;
  run->add_flag("--no-figures", no_figures, "no SVG figures beside --report (a text-only report)");
  std::string shard_text;
  run->add_option("--shard", shard_text, "run shard I of N (I/N, 1-based) of the (claim, seed) items and write it "
                                         "with --json for `iclcheck merge`; inside a Slurm array task the shard is "
                                         "taken from SLURM_ARRAY_TASK_ID/_MIN/_COUNT");

  auto* merge = app.add_subcommand("merge", "merge the shard files of one sharded run into its results and report");
  std::vector<std::string> merge_files;
  std::string merge_json, merge_report;
  merge->add_option("files", merge_files, "shard files (run --shard I/N --json FILE), one per shard")->required();
  merge->add_option("--json", merge_json, "write the merged results as JSON to FILE");
  merge->add_option("--report", merge_report, "write the Markdown report to FILE");
  merge->add_flag("--no-figures", no_figures, "no SVG figures beside --report");

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
    if (msg.empty()) msg = "missing subcommand: use `list`, `coverage`, `run`, `merge` or `diff`";
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

  if (diff->parsed()) {
    if (!(diff_options.evidence_factor > 1) || !(diff_options.time_factor > 1))
      return usage_error("--evidence-factor and --time-factor must be greater than 1");
    std::string texts[2];
    for (int k = 0; k < 2; ++k) {
      const std::string& path = k == 0 ? diff_old : diff_new;
      std::ifstream in(path, std::ios::binary);
      if (!in || std::filesystem::is_directory(path)) return usage_error("cannot read " + path);
      texts[k].assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    std::string error;
    if (!diff_output.empty() && !probe_writable(diff_output, error)) return usage_error(error);
    const icl::DiffOutcome d = icl::diff_results(texts[0], diff_old, texts[1], diff_new, diff_options);
    if (d.exit_code == 2) return usage_error(d.error);
    if (diff_output.empty()) std::cout << d.markdown;
    else if (!write_atomically(diff_output, d.markdown, error)) return usage_error(error);
    return d.exit_code;
  }

  if (merge->parsed()) {
    std::vector<std::string> texts;
    for (const auto& path : merge_files) {
      std::ifstream in(path, std::ios::binary);
      if (!in || std::filesystem::is_directory(path)) return usage_error("cannot read " + path);
      texts.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    std::string error;
    for (const auto& path : {merge_json, merge_report})
      if (!path.empty() && !probe_writable(path, error)) return usage_error(error);
    icl::Merged m = icl::merge_shards(texts, merge_files);
    if (!m.error.empty()) return usage_error(m.error);
    m.info.timestamp = utc_now();
    m.info.figures = !no_figures && !merge_report.empty();
    for (int i = 0; i < argc; ++i) m.info.command += (i ? " " : "") + std::string(i ? argv[i] : "iclcheck");
    for (const auto& r : m.results) print_result(r);
    return finish_run(m.results, m.info, merge_json, merge_report);
  }

  // Every check of the arguments and the environment before any work starts.
  uint64_t seed = 0;
  if (!parse_seed(seed_text, seed))
    return usage_error("--seed must be a decimal integer in [0, 18446744073709551615], got '" + seed_text + "'");
  if (run->count("--cases") && cases < 1) return usage_error("--cases must be at least 1");
  if (!(effort > 0) || effort > 1e6) return usage_error(fmt::format("--effort must be in (0, 1e6], got {}", effort));
  if (bits < icl::RunConfig::min_bits || bits > icl::RunConfig::max_bits)
    return usage_error(fmt::format("--bits must be in [{}, {}], got {}", icl::RunConfig::min_bits,
                                   icl::RunConfig::max_bits, bits));
  if (jobs < 1 || jobs > 1024) return usage_error(fmt::format("--jobs must be in [1, 1024], got {}", jobs));
  if (seeds < 1 || seeds > 1000) return usage_error(fmt::format("--seeds must be in [1, 1000], got {}", seeds));
  if (run->count("--time-cap") && !(time_cap >= 0)) return usage_error("--time-cap must be ≥ 0 seconds");
  if (!run->count("--time-cap")) time_cap = 900 * std::max(1.0, effort);
  std::vector<std::string> unmatched;
  const auto claims = icl::select_claims(patterns, &unmatched);
  if (!unmatched.empty()) return usage_error("no claim matches '" + unmatched.front() + "' (see `iclcheck list`)");
  std::vector<std::string> reproduces;
  if (const std::string problem = icl::check_rc_params(&reproduces); !problem.empty()) return usage_error(problem);
  for (const auto& id : reproduces) {
    const std::string claim_id = id.substr(0, id.find(':'));
    if (claims.size() != 1 || claims[0]->id != claim_id)
      return usage_error("RC_PARAMS replays a case of " + id + ": run it with --claim " + claim_id + " alone");
  }
  std::string error;
  std::optional<icl::ShardSpec> shard;
  if (run->count("--shard")) {
    shard = icl::parse_shard(shard_text, error);
    if (!shard) return usage_error(error);
  } else {
    shard = icl::shard_from_slurm(error);
    if (!error.empty()) return usage_error(error);
  }
  if (shard && json_path.empty())
    return usage_error(fmt::format("shard {}/{}: a sharded run needs --json FILE (the shard file `iclcheck merge` reads)",
                                   shard->index + 1, shard->count));
  if (shard && !report_path.empty())
    return usage_error("a sharded run writes --json only; `iclcheck merge` writes the report of the whole run");
  for (const auto& path : {json_path, report_path})
    if (!path.empty() && !probe_writable(path, error)) return usage_error(error);

  icl::RunInfo info;
  info.cfg.seed = seed;
  info.cfg.cases = cases;
  info.cfg.effort = effort;
  info.cfg.bits = bits;
  info.seeds = seeds;
  info.timestamp = utc_now();
  info.figures = !no_figures && !report_path.empty();
  for (int i = 0; i < argc; ++i) info.command += (i ? " " : "") + std::string(i ? argv[i] : "iclcheck");
  if (!quiet) info.cfg.progress = [](const std::string& line) { std::cerr << "  … " << line << std::endl; };

  icl::RunnerOptions options;
  options.jobs = jobs;
  options.seeds = seeds;
  options.time_cap = time_cap;
  if (shard) options.shard = shard->index, options.shards = shard->count;
  const auto start = std::chrono::steady_clock::now();
  const auto results = icl::run_claims(
      claims, info.cfg, options,
      [&](size_t i, size_t n, const icl::Claim& c) {
        if (!quiet) std::cerr << fmt::format("[{}/{}] {} …", i + 1, n, c.id) << std::endl;
      },
      print_result);
  info.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (shard) {
    size_t differing = 0;
    for (const auto& r : results) differing += !r.as_expected();
    std::cout << fmt::format("shard {}/{}: {} claim{}, {} as expected, {} differing, {:.1f} s\n", shard->index + 1,
                             shard->count, results.size(), results.size() == 1 ? "" : "s", results.size() - differing,
                             differing, info.seconds);
    if (!write_atomically(json_path, icl::shard_json(results, info, *shard, claims), error)) return usage_error(error);
    return differing == 0 ? 0 : 1;
  }
  return finish_run(results, info, json_path, report_path);
}
