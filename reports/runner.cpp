#include "reports/runner.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/context.hpp"
#include "core/random.hpp"
#include "training/fixture.hpp"

namespace icl {

// ---- the wire format: JSON with every double as its 64 bits ----

namespace {

uint64_t bits_of(double x) {
  uint64_t u;
  std::memcpy(&u, &x, sizeof u);
  return u;
}
double double_of(uint64_t u) {
  double x;
  std::memcpy(&x, &u, sizeof x);
  return x;
}
nlohmann::json doubles(const std::vector<double>& v) {
  nlohmann::json a = nlohmann::json::array();
  for (double x : v) a.push_back(bits_of(x));
  return a;
}
std::vector<double> doubles(const nlohmann::json& a) {
  std::vector<double> v;
  for (const auto& x : a) v.push_back(double_of(x.get<uint64_t>()));
  return v;
}
nlohmann::json optional(const std::optional<double>& v) { return v ? nlohmann::json(bits_of(*v)) : nlohmann::json(); }
std::optional<double> optional(const nlohmann::json& j) {
  if (j.is_null()) return std::nullopt;
  return double_of(j.get<uint64_t>());
}

}  // namespace

std::string to_wire(const Evidence& ev, const std::string& error) {
  nlohmann::json j;
  j["verdict"] = static_cast<int>(ev.verdict);
  j["cases"] = ev.cases;
  j["max_error"] = optional(ev.max_error);
  j["bound"] = optional(ev.bound);
  j["bound_label"] = ev.bound_label;
  j["certificate"] = ev.certificate;
  j["precision_bits"] = ev.precision_bits;
  j["seed"] = ev.seed;
  j["seconds"] = bits_of(ev.seconds);
  j["counterexample"] = ev.counterexample;
  j["reproduce"] = ev.reproduce;
  j["details"] = ev.details;
  j["series"] = nlohmann::json::array();
  for (const auto& s : ev.series) {
    nlohmann::json guides = nlohmann::json::array(), printed = nlohmann::json::array();
    for (const auto& g : s.guides)
      guides.push_back({g.label, bits_of(g.exponent), bits_of(g.x0), bits_of(g.y0), g.geometric});
    for (const auto& [x, y] : s.printed) printed.push_back({bits_of(x), bits_of(y)});
    j["series"].push_back({s.name, s.x_label, s.y_label, doubles(s.x), doubles(s.y), guides, printed});
  }
  j["parts"] = nlohmann::json::array();
  for (const auto& p : ev.parts) j["parts"].push_back({p.name, static_cast<int>(p.verdict), p.detail});
  j["printed"] = nlohmann::json::array();
  for (const auto& p : ev.printed)
    j["printed"].push_back({p.quantity, p.paper, p.suite, p.arithmetic, p.agrees ? int(*p.agrees) : -1, p.note});
  j["reason"] = ev.reason;
  j["drawn"] = ev.drawn;
  j["qualified"] = ev.qualified;
  j["error"] = error;
  // Strings pass through untouched (no UTF-8 validation on this internal path).
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void from_wire(const std::string& bytes, Evidence& ev, std::string& error) {
  const nlohmann::json j = nlohmann::json::parse(bytes);
  ev.verdict = static_cast<Verdict>(j.at("verdict").get<int>());
  ev.cases = j.at("cases").get<long>();
  ev.max_error = optional(j.at("max_error"));
  ev.bound = optional(j.at("bound"));
  ev.bound_label = j.at("bound_label").get<std::string>();
  ev.certificate = j.at("certificate").get<std::string>();
  ev.precision_bits = j.at("precision_bits").get<int>();
  ev.seed = j.at("seed").get<uint64_t>();
  ev.seconds = double_of(j.at("seconds").get<uint64_t>());
  ev.counterexample = j.at("counterexample").get<std::string>();
  ev.reproduce = j.at("reproduce").get<std::string>();
  ev.details = j.at("details").get<std::vector<std::pair<std::string, std::string>>>();
  ev.series.clear();
  for (const auto& s : j.at("series")) {
    Series r{s[0].get<std::string>(), s[1].get<std::string>(), s[2].get<std::string>(), doubles(s[3]), doubles(s[4])};
    for (const auto& g : s.at(5))
      r.guides.push_back({g[0].get<std::string>(), double_of(g[1].get<uint64_t>()), double_of(g[2].get<uint64_t>()),
                          double_of(g[3].get<uint64_t>()), g[4].get<bool>()});
    for (const auto& p : s.at(6)) r.printed.emplace_back(double_of(p[0].get<uint64_t>()), double_of(p[1].get<uint64_t>()));
    ev.series.push_back(std::move(r));
  }
  ev.parts.clear();
  for (const auto& p : j.at("parts"))
    ev.parts.push_back({p[0].get<std::string>(), static_cast<Verdict>(p[1].get<int>()), p[2].get<std::string>()});
  ev.printed.clear();
  for (const auto& p : j.at("printed")) {
    const int a = p[4].get<int>();
    ev.printed.push_back({p[0].get<std::string>(), p[1].get<std::string>(), p[2].get<std::string>(), p[3].get<std::string>(),
                          a < 0 ? std::nullopt : std::optional<bool>(a == 1), p[5].get<std::string>()});
  }
  ev.reason = j.at("reason").get<std::string>();
  ev.drawn = j.at("drawn").get<long>();
  ev.qualified = j.at("qualified").get<long>();
  error = j.at("error").get<std::string>();
}

// ---- results ----

bool Result::as_expected() const {
  if (!icl::as_expected(*claim, evidence, error)) return false;
  for (const auto& s : sweep)
    if (!s.as_expected) return false;
  return true;
}

std::vector<uint64_t> sweep_seeds(uint64_t seed, int count) {
  std::vector<uint64_t> seeds{seed};
  for (int k = 1; k < count; ++k) seeds.push_back(mix_seed(seed, "sweep " + std::to_string(k)));
  return seeds;
}

std::string evidence_summary(const Evidence& ev, bool with_time) {
  std::string s = fmt::format("{} case{}", ev.cases, ev.cases == 1 ? "" : "s");
  if (ev.max_error) s += fmt::format("; max error {:.3g}", *ev.max_error);
  if (ev.precision_bits > 0) s += fmt::format("; {} bits", ev.precision_bits);
  if (ev.bound) s += fmt::format("; {} {:.3g}", ev.bound_label.empty() ? "bound" : ev.bound_label, *ev.bound);
  if (with_time) s += fmt::format("; {:.2f} s", ev.seconds);
  return s;
}

bool in_shard(size_t claim_index, size_t seed_index, size_t seeds, int shard, int shards) {
  return (claim_index * seeds + seed_index) % static_cast<size_t>(shards) == static_cast<size_t>(shard);
}

void conclude(Result& r, const std::vector<uint64_t>& seeds) {
  r.sweep.clear();
  bool first = true;
  for (size_t si = 0; si < r.outcomes.size(); ++si) {
    const SeedOutcome& o = r.outcomes[si];
    if (!o.ran) continue;
    if (first) {
      r.evidence = o.evidence;
      r.error = o.error;
      first = false;
    }
    if (seeds.size() > 1) r.sweep.push_back({seeds[si], o.evidence.verdict, as_expected(*r.claim, o.evidence, o.error)});
  }
  if (r.sweep.size() > 1) {
    std::string list;
    bool agree = true;
    for (const auto& s : r.sweep) {
      list += fmt::format("{}{}: {}", list.empty() ? "" : "; ", s.seed, to_string(s.verdict));
      agree = agree && s.verdict == r.sweep[0].verdict;
    }
    r.evidence.note(fmt::format("verdicts under {} seeds", r.sweep.size()), list);
    if (!agree) {
      r.evidence.note("seed sweep", "the verdict differs across seeds: no verdict is reported");
      r.evidence.verdict = Verdict::Inconclusive;
      r.evidence.reason = "the verdict differs across seeds (" + list + ")";
    }
  }
}

// ---- the runner ----

namespace {

struct Job {
  enum class Kind { Fixture, Claim } kind = Kind::Claim;
  size_t claim = 0;     // index into the selected claims (Claim jobs)
  std::string fixture;  // (Fixture jobs)
  size_t seed_index = 0;
  std::vector<size_t> needs;  // jobs that must finish first
  // state
  pid_t pid = -1;
  int fd = -1;
  std::string bytes;
  std::chrono::steady_clock::time_point started;
  bool done = false, killed = false;
};

// The function behind a registered fixture name.
const std::function<void(const RunConfig&)>* find_fixture(const std::string& name) {
  for (const auto& [n, prepare] : training::registered_fixtures())
    if (n == name) return &prepare;
  return nullptr;
}

// A model cache for the run's children: ICL_MODEL_CACHE if the user set one, else a fresh directory removed at the end.
class ModelCache {
 public:
  ModelCache() {
    if (const char* dir = std::getenv("ICL_MODEL_CACHE"); dir && *dir) return;
    char tmpl[] = "/tmp/icl-models-XXXXXX";
    if (::mkdtemp(tmpl)) {
      dir_ = tmpl;
      ::setenv("ICL_MODEL_CACHE", tmpl, 1);
    }
  }
  ~ModelCache() {
    if (dir_.empty()) return;
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    ::unsetenv("ICL_MODEL_CACHE");
  }

 private:
  std::string dir_;
};

}  // namespace

std::vector<Result> run_claims(const std::vector<const Claim*>& claims, const RunConfig& cfg, const RunnerOptions& options,
                               const std::function<void(size_t, size_t, const Claim&)>& on_start,
                               const std::function<void(const Result&)>& on_done) {
  const std::vector<uint64_t> seeds = sweep_seeds(cfg.seed, std::max(1, options.seeds));
  std::vector<RunConfig> configs;
  for (uint64_t s : seeds) {
    RunConfig c = cfg;
    c.seed = s;
    configs.push_back(c);
  }
  const ModelCache cache;
  const auto run_start = std::chrono::steady_clock::now();

  // Fixture jobs first (per seed, those the shard's items need), then one job per (claim, seed) of the shard that
  // waits for its fixtures.
  const auto mine = [&](size_t ci, size_t si) { return in_shard(ci, si, seeds.size(), options.shard, options.shards); };
  std::vector<Job> jobs;
  std::map<std::pair<std::string, size_t>, size_t> fixture_job;
  for (size_t si = 0; si < seeds.size(); ++si) {
    for (size_t ci = 0; ci < claims.size(); ++ci)
      for (const auto& f : claims[ci]->fixtures)
        if (mine(ci, si) && find_fixture(f) && !fixture_job.count({f, si})) {
          fixture_job[{f, si}] = jobs.size();
          Job j;
          j.kind = Job::Kind::Fixture;
          j.fixture = f;
          j.seed_index = si;
          jobs.push_back(j);
        }
  }
  std::vector<size_t> remaining(claims.size(), 0);
  for (size_t ci = 0; ci < claims.size(); ++ci)
    for (size_t si = 0; si < seeds.size(); ++si) {
      if (!mine(ci, si)) continue;
      ++remaining[ci];
      Job j;
      j.claim = ci;
      j.seed_index = si;
      for (const auto& f : claims[ci]->fixtures)
        if (const auto it = fixture_job.find({f, si}); it != fixture_job.end()) j.needs.push_back(it->second);
      jobs.push_back(j);
    }

  std::vector<Result> results(claims.size());
  for (size_t ci = 0; ci < claims.size(); ++ci) {
    results[ci].claim = claims[ci];
    results[ci].outcomes.resize(seeds.size());
  }
  size_t next_to_report = 0, running = 0, finished = 0, started_claims = 0;
  const std::vector<size_t> in_shard_count = remaining;  // items of each claim in this shard
  size_t claims_here = 0;
  for (size_t n : in_shard_count) claims_here += n > 0;
  std::vector<bool> started(claims.size(), false);
  const int max_jobs = std::max(1, options.jobs);

  const auto launch = [&](Job& j) {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("runner: cannot create a pipe");
    std::fflush(stdout);
    std::fflush(stderr);
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("runner: cannot fork");
    if (pid == 0) {  // the child: run, write the outcome, leave without running destructors of the parent's state
      ::close(fds[0]);
      std::string bytes;
      const RunConfig& c = configs[j.seed_index];
      if (j.kind == Job::Kind::Fixture) {
        try {
          (*find_fixture(j.fixture))(c);
        } catch (...) {
          ::_exit(3);
        }
      } else {
        const Outcome out = run_check(*claims[j.claim], c);
        bytes = to_wire(out.evidence, out.error);
      }
      for (size_t off = 0; off < bytes.size();) {
        const ssize_t n = ::write(fds[1], bytes.data() + off, bytes.size() - off);
        if (n <= 0) ::_exit(4);
        off += static_cast<size_t>(n);
      }
      ::close(fds[1]);
      std::fflush(stderr);
      ::_exit(0);
    }
    ::close(fds[1]);
    j.pid = pid;
    j.fd = fds[0];
    j.started = std::chrono::steady_clock::now();
    ++running;
    if (j.kind == Job::Kind::Claim && !started[j.claim]) {
      started[j.claim] = true;
      if (on_start) on_start(started_claims++, claims_here, *claims[j.claim]);
    }
  };

  // Concludes and reports the claims whose items have all finished, in registry order; a claim with no item in the
  // shard is passed over.
  const auto ran_here = [&](size_t ci) { return in_shard_count[ci] > 0; };
  const auto report_done = [&] {
    while (next_to_report < claims.size() && remaining[next_to_report] == 0) {
      if (ran_here(next_to_report)) {
        conclude(results[next_to_report], seeds);
        if (on_done) on_done(results[next_to_report]);
      }
      ++next_to_report;
    }
  };

  const auto finish = [&](Job& j, int status) {
    j.done = true;
    --running;
    ++finished;
    if (std::getenv("ICL_TIMELINE"))  // a profile of the run: when each job started and how long it took
      std::fprintf(stderr, "timeline %s seed %zu: start %.2f s, %.2f s\n",
                   j.kind == Job::Kind::Fixture ? j.fixture.c_str() : claims[j.claim]->id.c_str(), j.seed_index,
                   std::chrono::duration<double>(j.started - run_start).count(),
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - j.started).count());
    if (j.kind == Job::Kind::Fixture) return;
    Evidence ev;
    std::string error;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - j.started).count();
    if (j.killed) {
      ev.inconclusive(fmt::format("time cap: the check ran longer than {:g} s and was stopped", options.time_cap));
      ev.seconds = seconds;
    } else if (WIFSIGNALED(status)) {
      error = fmt::format("the check crashed (signal {}: {})", WTERMSIG(status), strsignal(WTERMSIG(status)));
      ev.verdict = Verdict::Error;
      ev.seconds = seconds;
    } else {
      try {
        from_wire(j.bytes, ev, error);
      } catch (const std::exception& e) {
        error = std::string("the check's process returned no evidence (") + e.what() + ")";
        ev.verdict = Verdict::Error;
        ev.seconds = seconds;
      }
    }
    SeedOutcome& o = results[j.claim].outcomes[j.seed_index];
    o.ran = true;
    o.evidence = std::move(ev);
    o.error = std::move(error);
    --remaining[j.claim];
    report_done();
  };

  report_done();  // claims the shard has no item of
  while (finished < jobs.size()) {
    // Launch every ready job while there is room.
    for (auto& j : jobs) {
      if (running >= static_cast<size_t>(max_jobs)) break;
      if (j.done || j.pid >= 0) continue;
      bool ready = true;
      for (size_t n : j.needs) ready = ready && jobs[n].done;
      if (ready) launch(j);
    }
    // Wait for output or exits.
    std::vector<pollfd> pfds;
    std::vector<Job*> owners;
    for (auto& j : jobs)
      if (j.pid >= 0 && !j.done && j.fd >= 0) {
        pfds.push_back({j.fd, POLLIN, 0});
        owners.push_back(&j);
      }
    if (pfds.empty()) continue;
    const int n = ::poll(pfds.data(), pfds.size(), 200);
    if (n < 0 && errno != EINTR) throw std::runtime_error("runner: poll failed");
    for (size_t k = 0; k < pfds.size(); ++k) {
      Job& j = *owners[k];
      if (pfds[k].revents & (POLLIN | POLLHUP | POLLERR)) {
        char buf[65536];
        const ssize_t got = ::read(j.fd, buf, sizeof buf);
        if (got > 0) {
          j.bytes.append(buf, static_cast<size_t>(got));
          continue;
        }
        ::close(j.fd);
        j.fd = -1;
        int status = 0;
        ::waitpid(j.pid, &status, 0);
        finish(j, status);
        continue;
      }
      if (options.time_cap > 0 && j.kind == Job::Kind::Claim &&
          std::chrono::duration<double>(std::chrono::steady_clock::now() - j.started).count() > options.time_cap) {
        j.killed = true;
        ::kill(j.pid, SIGKILL);
      }
    }
  }
  std::vector<Result> out;
  for (size_t ci = 0; ci < claims.size(); ++ci)
    if (ran_here(ci)) out.push_back(std::move(results[ci]));
  return out;
}

}  // namespace icl
