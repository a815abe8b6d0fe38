#include "reports/shard.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "reports/registry.hpp"
#include "source_id.hpp"

namespace icl {

namespace {

using nlohmann::json;

// A decimal integer in [lo, hi], nothing else.
std::optional<long> integer(const std::string& text, long lo, long hi) {
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  const long v = std::stol(text);
  if (v < lo || v > hi) return std::nullopt;
  return v;
}

// The settings two shards must share to be one run.
json run_settings(const json& config) {
  json s;
  for (const char* k : {"seed", "seeds", "effort", "cases", "bits"}) s[k] = config.contains(k) ? config[k] : json();
  return s;
}

std::string show_settings(const json& s) {
  return fmt::format("seed {}, seeds {}, effort {}, cases {}, bits {}", s["seed"].dump(), s["seeds"].dump(),
                     s["effort"].dump(), s["cases"].dump(), s["bits"].dump());
}

}  // namespace

std::optional<ShardSpec> parse_shard(const std::string& text, std::string& error) {
  const auto slash = text.find('/');
  const auto i = slash == std::string::npos ? std::nullopt : integer(text.substr(0, slash), 1, kMaxShards);
  const auto n = slash == std::string::npos ? std::nullopt : integer(text.substr(slash + 1), 1, kMaxShards);
  if (!i || !n || *i > *n) {
    error = fmt::format("--shard must be I/N with 1 ≤ I ≤ N ≤ {}, got '{}'", kMaxShards, text);
    return std::nullopt;
  }
  return ShardSpec{int(*i - 1), int(*n)};
}

std::optional<ShardSpec> shard_from_slurm(std::string& error) {
  const char* id = std::getenv("SLURM_ARRAY_TASK_ID");
  if (!id) return std::nullopt;
  const char* lo = std::getenv("SLURM_ARRAY_TASK_MIN");
  const char* count = std::getenv("SLURM_ARRAY_TASK_COUNT");
  const long i = integer(id, 0, 4000000).value_or(-1), m = lo ? integer(lo, 0, 4000000).value_or(-1) : -1,
             n = count ? integer(count, 1, kMaxShards).value_or(-1) : -1;
  if (i < 0 || m < 0 || n < 0 || i < m || i - m >= n) {
    error = fmt::format("a Slurm array task needs SLURM_ARRAY_TASK_ID, _MIN and _COUNT of a contiguous array "
                        "(ID − MIN < COUNT ≤ {}), got ID={} MIN={} COUNT={}; or give --shard I/N",
                        kMaxShards, id, lo ? lo : "(unset)", count ? count : "(unset)");
    return std::nullopt;
  }
  return ShardSpec{int(i - m), int(n)};
}

std::string build_id() { return ICL_SOURCE_ID; }

std::string shard_json(const std::vector<Result>& results, const RunInfo& info, const ShardSpec& shard,
                       const std::vector<const Claim*>& selection) {
  json j = json::parse(json_report(results, info));
  j["config"]["shard"] = fmt::format("{}/{}", shard.index + 1, shard.count);
  json s;
  s["index"] = shard.index + 1;
  s["count"] = shard.count;
  s["build"] = build_id();
  s["selection"] = json::array();
  for (const Claim* c : selection) s["selection"].push_back(c->id);
  s["work"] = json::array();
  for (const auto& r : results)
    for (size_t si = 0; si < r.outcomes.size(); ++si)
      if (r.outcomes[si].ran)
        s["work"].push_back({{"claim", r.claim->id}, {"seed_index", si},
                             {"evidence", json::parse(to_wire(r.outcomes[si].evidence, r.outcomes[si].error))}});
  j["shard"] = std::move(s);
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

Merged merge_shards(const std::vector<std::string>& texts, const std::vector<std::string>& names) {
  Merged m;
  struct Shard {
    json j;
    std::string name;
  };
  std::vector<Shard> shards;
  for (size_t k = 0; k < texts.size(); ++k) {
    json j;
    try {
      j = json::parse(texts[k]);
    } catch (const json::parse_error&) {
      m.error = names[k] + " is not valid JSON";
      return m;
    }
    const bool shaped = j.is_object() && j.contains("config") && j["config"].is_object() && j.contains("shard") &&
                        j["shard"].is_object() && j["shard"].contains("index") && j["shard"]["index"].is_number_integer() &&
                        j["shard"].contains("count") && j["shard"]["count"].is_number_integer() &&
                        j["shard"].contains("build") && j["shard"]["build"].is_string() &&
                        j["shard"].contains("selection") && j["shard"]["selection"].is_array() &&
                        j["shard"].contains("work") && j["shard"]["work"].is_array();
    if (!shaped) {
      m.error = names[k] + " is not a shard file (written by `iclcheck run --shard I/N --json FILE`)";
      return m;
    }
    shards.push_back({std::move(j), names[k]});
  }
  const Shard& first = shards.front();
  if (first.j["shard"]["build"] != build_id()) {
    m.error = fmt::format("{} comes from a build of other sources than this iclcheck (merge with the iclcheck that ran "
                          "the shards)",
                          first.name);
    return m;
  }
  const json settings = run_settings(first.j["config"]);
  const long count = first.j["shard"]["count"].get<long>();
  std::map<long, std::string> seen;
  for (const Shard& s : shards) {
    const json& sh = s.j["shard"];
    if (sh["build"] != first.j["shard"]["build"]) {
      m.error = fmt::format("{} and {} come from different builds of iclcheck (other sources, compiler or flags)", first.name, s.name);
      return m;
    }
    if (run_settings(s.j["config"]) != settings) {
      m.error = fmt::format("{} and {} were run with different budgets or seeds ({} against {})", first.name, s.name,
                            show_settings(settings), show_settings(run_settings(s.j["config"])));
      return m;
    }
    if (sh["selection"] != first.j["shard"]["selection"]) {
      m.error = fmt::format("{} and {} were run on different selections of claims", first.name, s.name);
      return m;
    }
    const long index = sh["index"].get<long>();
    if (sh["count"].get<long>() != count || index < 1 || index > count) {
      m.error = fmt::format("{} is shard {}/{}, {} belongs to a split into {}", s.name, index, sh["count"].get<long>(),
                            first.name, count);
      return m;
    }
    if (const auto it = seen.find(index); it != seen.end()) {
      m.error = fmt::format("shard {}/{} is given twice ({} and {})", index, count, it->second, s.name);
      return m;
    }
    seen[index] = s.name;
  }
  for (long i = 1; i <= count; ++i)
    if (!seen.count(i)) {
      m.error = fmt::format("shard {}/{} is missing", i, count);
      return m;
    }

  // The selection, as this build's claims; every (claim, seed) item exactly once.
  const json& config = first.j["config"];
  const int seeds = config["seeds"].get<int>();
  std::map<std::string, size_t> index_of;
  for (const auto& id : first.j["shard"]["selection"]) {
    std::vector<std::string> unmatched;
    const auto found = select_claims({id.get<std::string>()}, &unmatched);
    if (found.size() != 1 || found[0]->id != id.get<std::string>()) {
      m.error = fmt::format("{} names claim {}, which this build does not have", first.name, id.get<std::string>());
      return m;
    }
    index_of[found[0]->id] = m.results.size();
    Result r;
    r.claim = found[0];
    r.outcomes.resize(static_cast<size_t>(seeds));
    m.results.push_back(std::move(r));
  }
  double seconds = 0;
  for (const Shard& s : shards) {
    seconds = std::max(seconds, s.j["config"].value("seconds", 0.0));
    for (const auto& w : s.j["shard"]["work"]) {
      const auto it = w.contains("claim") && w["claim"].is_string() ? index_of.find(w["claim"].get<std::string>())
                                                                      : index_of.end();
      const long si = w.contains("seed_index") && w["seed_index"].is_number_integer() ? w["seed_index"].get<long>() : -1;
      if (it == index_of.end() || si < 0 || si >= seeds || !w.contains("evidence")) {
        m.error = s.name + " has a work item outside its selection";
        return m;
      }
      SeedOutcome& o = m.results[it->second].outcomes[size_t(si)];
      if (o.ran) {
        m.error = fmt::format("{} repeats {} (seed {}), which another shard ran", s.name, it->first, si);
        return m;
      }
      if (!in_shard(it->second, size_t(si), size_t(seeds), int(s.j["shard"]["index"].get<long>() - 1), int(count))) {
        m.error = fmt::format("{} holds {} (seed {}), which belongs to another shard", s.name, it->first, si);
        return m;
      }
      try {
        from_wire(w["evidence"].dump(), o.evidence, o.error);
      } catch (const std::exception&) {
        m.error = fmt::format("{} has unreadable evidence for {}", s.name, it->first);
        return m;
      }
      o.ran = true;
    }
  }
  const std::vector<uint64_t> seed_list = sweep_seeds(config["seed"].get<uint64_t>(), seeds);
  for (Result& r : m.results) {
    for (size_t si = 0; si < r.outcomes.size(); ++si)
      if (!r.outcomes[si].ran) {
        m.error = fmt::format("no shard ran {} (seed {})", r.claim->id, si);
        return m;
      }
    conclude(r, seed_list);
  }
  m.info.cfg.seed = config["seed"].get<uint64_t>();
  m.info.cfg.effort = config["effort"].get<double>();
  m.info.cfg.cases = config["cases"].is_number_integer() ? config["cases"].get<long>() : 0;
  m.info.cfg.bits = config["bits"].get<int>();
  m.info.seeds = seeds;
  m.info.seconds = seconds;
  return m;
}

}  // namespace icl
