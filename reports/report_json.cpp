#include <cmath>

#include <nlohmann/json.hpp>

#include "reports/report.hpp"

namespace icl {

namespace {

nlohmann::json optional_number(const std::optional<double>& v) {
  if (!v || !std::isfinite(*v)) return nullptr;
  return *v;
}

nlohmann::json claim_fields(const Claim& c) {
  nlohmann::json budgets = nlohmann::json::array();
  for (const auto& b : c.budgets) budgets.push_back({{"name", b.name}, {"axis", to_string(b.axis)}, {"base", b.base}});
  nlohmann::json broken = nlohmann::json::array();
  for (const auto& v : c.broken)
    broken.push_back({{"name", v.defect.name}, {"what", v.defect.what}, {"expected", to_string(v.expected)}});
  return {{"id", c.id},
          {"paper", c.paper},
          {"kind", to_string(c.kind)},
          {"arithmetic", c.arithmetic},
          {"expected", to_string(c.expected)},
          {"statement", c.statement},
          {"justification", c.justification},
          {"source", c.source},
          {"constructions", c.constructions},
          {"oracles", c.oracles},
          {"budgets", budgets},
          {"broken_variants", broken},
          {"fixtures", c.fixtures},
          {"hypotheses", c.hypotheses},
          {"file", c.file}};
}

}  // namespace

std::string json_list(const std::vector<Claim>& claims) {
  nlohmann::json j;
  j["claims"] = nlohmann::json::array();
  for (const auto& c : claims) j["claims"].push_back(claim_fields(c));
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string json_report(const std::vector<Result>& results, const RunInfo& info) {
  nlohmann::json j;
  j["config"] = {{"seed", info.cfg.seed},
                 {"seeds", info.seeds},
                 {"effort", info.cfg.effort},
                 {"cases", info.cfg.cases > 0 ? nlohmann::json(info.cfg.cases) : nlohmann::json("per-claim default")},
                 {"bits", info.cfg.bits},
                 {"command", info.command},
                 {"timestamp", info.timestamp},
                 {"seconds", info.seconds}};
  j["claims"] = nlohmann::json::array();
  for (const auto& r : results) {
    const Evidence& ev = r.evidence;
    nlohmann::json c = claim_fields(*r.claim);
    c["verdict"] = to_string(ev.verdict);
    c["as_expected"] = r.as_expected();
    c["cases"] = ev.cases;
    c["max_error"] = optional_number(ev.max_error);
    c["bound"] = optional_number(ev.bound);
    c["bound_label"] = ev.bound_label;
    c["certificate"] = ev.certificate;
    c["seconds"] = ev.seconds;
    c["precision_bits"] = ev.precision_bits;
    c["seed"] = ev.seed;
    if (!ev.counterexample.empty()) c["counterexample"] = ev.counterexample;
    if (!ev.reproduce.empty()) c["reproduce"] = ev.reproduce;
    if (!r.error.empty()) c["error"] = r.error;
    if (!ev.reason.empty()) c["reason"] = ev.reason;
    if (ev.drawn > 0) c["instances"] = {{"drawn", ev.drawn}, {"satisfying_hypotheses", ev.qualified}};
    if (!ev.parts.empty()) {
      c["parts"] = nlohmann::json::array();
      for (const auto& p : ev.parts) {
        nlohmann::json pj{{"name", p.name}, {"verdict", to_string(p.verdict)}, {"detail", p.detail}};
        for (const auto& [name, expected] : r.claim->parts)
          if (name == p.name) pj["expected"] = to_string(expected);
        c["parts"].push_back(pj);
      }
    }
    if (!r.sweep.empty()) {
      c["seed_sweep"] = nlohmann::json::array();
      for (const auto& s : r.sweep)
        c["seed_sweep"].push_back({{"seed", s.seed}, {"verdict", to_string(s.verdict)}, {"as_expected", s.as_expected}});
    }
    if (!ev.printed.empty()) {
      c["paper_vs_suite"] = nlohmann::json::array();
      for (const auto& p : ev.printed)
        c["paper_vs_suite"].push_back({{"quantity", p.quantity}, {"paper", p.paper}, {"suite", p.suite},
                                       {"arithmetic", p.arithmetic},
                                       {"agrees", p.agrees ? nlohmann::json(*p.agrees) : nlohmann::json()},
                                       {"note", p.note}});
    }
    c["details"] = nlohmann::json::array();
    for (const auto& [k, v] : ev.details) c["details"].push_back({{"what", k}, {"value", v}});
    c["series"] = nlohmann::json::array();
    for (const auto& s : ev.series) {
      nlohmann::json sj{{"name", s.name}, {"x_label", s.x_label}, {"y_label", s.y_label}, {"x", s.x}, {"y", s.y}};
      for (const auto& g : s.guides)
        sj["guides"].push_back(
            {{"label", g.label}, {"exponent", g.exponent}, {"x0", g.x0}, {"y0", g.y0}, {"geometric", g.geometric}});
      for (const auto& [x, y] : s.printed) sj["printed"].push_back({{"x", x}, {"y", y}});
      c["series"].push_back(std::move(sj));
    }
    j["claims"].push_back(std::move(c));
  }
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace icl
