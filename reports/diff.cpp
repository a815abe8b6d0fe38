#include "reports/diff.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace icl {
namespace {

using nlohmann::json;

struct ClaimResult {
  std::string verdict;
  bool as_expected = false;
  std::optional<double> max_error, bound;
  double seconds = 0;
};

struct Results {
  json config;
  std::map<std::string, ClaimResult> claims;
};

std::optional<double> number(const json& c, const char* key) {
  if (!c.contains(key) || !c[key].is_number()) return std::nullopt;
  return c[key].get<double>();
}

// Parses an iclcheck results file; an empty string on success, else the one-line reason.
std::string parse(const std::string& text, const std::string& name, Results& out) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error&) {
    return name + " is not valid JSON";
  }
  if (!j.is_object() || !j.contains("claims") || !j["claims"].is_array() || !j.contains("config") ||
      !j["config"].is_object())
    return name + " is not an iclcheck results file (it has no \"config\" object and \"claims\" array)";
  out.config = j["config"];
  for (const auto& c : j["claims"]) {
    if (!c.is_object() || !c.contains("id") || !c["id"].is_string() || !c.contains("verdict") || !c["verdict"].is_string())
      return name + " is not an iclcheck results file (a claim without a string \"id\" and \"verdict\")";
    ClaimResult r;
    r.verdict = c["verdict"].get<std::string>();
    r.as_expected = c.contains("as_expected") && c["as_expected"].is_boolean() && c["as_expected"].get<bool>();
    r.max_error = number(c, "max_error");
    r.bound = number(c, "bound");
    r.seconds = number(c, "seconds").value_or(0);
    if (!out.claims.emplace(c["id"].get<std::string>(), r).second)
      return name + " lists claim " + c["id"].get<std::string>() + " twice";
  }
  return "";
}

std::string show(const std::optional<double>& v) { return v ? fmt::format("{:.4g}", *v) : "—"; }

bool moved(const std::optional<double>& a, const std::optional<double>& b, double factor) {
  if (!a && !b) return false;
  if (!a || !b) return true;
  if (*a == *b) return false;
  if (*a == 0 || *b == 0 || (*a < 0) != (*b < 0)) return true;
  const double r = std::abs(*a / *b);
  return std::max(r, 1 / r) > factor;
}

std::string describe(const json& config) {
  const auto field = [&](const char* k) { return config.contains(k) ? config[k].dump() : std::string("?"); };
  return fmt::format("`{}` — {}, seed {}, effort {}, cases {}", config.contains("command") && config["command"].is_string()
                                                                    ? config["command"].get<std::string>()
                                                                    : "?",
                     config.contains("timestamp") && config["timestamp"].is_string() ? config["timestamp"].get<std::string>()
                                                                                      : "?",
                     field("seed"), field("effort"), field("cases"));
}

}  // namespace

DiffOutcome diff_results(const std::string& old_text, const std::string& old_name, const std::string& new_text,
                         const std::string& new_name, const DiffOptions& options) {
  DiffOutcome out;
  Results a, b;
  if (std::string e = parse(old_text, old_name, a); !e.empty()) return {2, "", e};
  if (std::string e = parse(new_text, new_name, b); !e.empty()) return {2, "", e};

  std::vector<std::string> added, removed;
  std::vector<std::string> verdicts, evidence, times;
  for (const auto& [id, r] : a.claims)
    if (!b.claims.count(id)) removed.push_back(id);
  for (const auto& [id, r] : b.claims) {
    const auto it = a.claims.find(id);
    if (it == a.claims.end()) {
      added.push_back(fmt::format("| {} | {} | {} |", id, r.verdict, r.as_expected ? "yes" : "**no**"));
      continue;
    }
    const ClaimResult& o = it->second;
    if (o.verdict != r.verdict)
      verdicts.push_back(fmt::format("| {} | {} | {} | {} |", id, o.verdict, r.verdict, r.as_expected ? "yes" : "**no**"));
    for (const auto& [field, x, y] : {std::tuple{"max_error", o.max_error, r.max_error}, std::tuple{"bound", o.bound, r.bound}})
      if (moved(x, y, options.evidence_factor)) evidence.push_back(fmt::format("| {} | {} | {} | {} |", id, field, show(x), show(y)));
    if (std::max(o.seconds, r.seconds) >= 1 && o.seconds > 0 && r.seconds > 0 &&
        std::max(o.seconds / r.seconds, r.seconds / o.seconds) > options.time_factor)
      times.push_back(fmt::format("| {} | {:.2f} | {:.2f} | {:.2f}× |", id, o.seconds, r.seconds, r.seconds / o.seconds));
  }
  out.exit_code = verdicts.empty() && removed.empty() ? 0 : 1;

  std::string md = "# iclcheck diff\n\n";
  md += fmt::format("- old: {} ({})\n- new: {} ({})\n", old_name, describe(a.config), new_name, describe(b.config));
  for (const char* k : {"seed", "effort", "cases", "bits", "seeds"})
    if (a.config.value(k, json()) != b.config.value(k, json()))
      md += fmt::format("- the runs differ in `{}` ({} → {}): evidence and times are not like for like\n", k,
                        a.config.value(k, json()).dump(), b.config.value(k, json()).dump());
  md += fmt::format("\n**{}**: {} verdict{} changed, {} claim{} removed, {} added; evidence moved beyond {:g}× in {}, run "
                    "time beyond {:g}× in {}.\n",
                    out.exit_code == 0 ? "No gated change" : "Gated changes", verdicts.size(), verdicts.size() == 1 ? "" : "s",
                    removed.size(), removed.size() == 1 ? "" : "s", added.size(), options.evidence_factor, evidence.size(),
                    options.time_factor, times.size());
  const auto table = [&](const char* title, const char* header, const std::vector<std::string>& rows) {
    if (rows.empty()) return;
    md += fmt::format("\n## {}\n\n{}\n", title, header);
    for (const auto& r : rows) md += r + "\n";
  };
  table("Verdicts changed", "| claim | old | new | as expected now |\n|---|---|---|---|", verdicts);
  if (!removed.empty()) {
    md += "\n## Claims removed\n\n";
    for (const auto& id : removed) md += "- " + id + " (was " + a.claims[id].verdict + ")\n";
  }
  table("Claims added", "| claim | verdict | as expected |\n|---|---|---|", added);
  table(fmt::format("Evidence moved beyond {:g}×", options.evidence_factor).c_str(), "| claim | field | old | new |\n|---|---|---|---|",
        evidence);
  table(fmt::format("Run time beyond {:g}×", options.time_factor).c_str(), "| claim | old s | new s | ratio |\n|---|---|---|---|", times);
  out.markdown = md;
  return out;
}

}  // namespace icl
