#include <map>
#include <sstream>

#include <fmt/format.h>

#include "reports/registry.hpp"
#include "reports/figures.hpp"
#include "reports/report.hpp"

namespace icl {

namespace {

std::string cell(std::string s) {
  std::string out;
  for (char ch : s) {
    if (ch == '|') out += "\\|";
    else if (ch == '\n') out += "<br>";
    else out += ch;
  }
  return out;
}

}  // namespace

std::string reproduce_command(const Result& r, const RunInfo& info) {
  std::string cmd = fmt::format("./build/iclcheck run --claim {} --seed {} --bits {}", r.claim->id, info.cfg.seed,
                                info.cfg.bits);
  if (info.cfg.effort != 1) cmd += fmt::format(" --effort {:g}", info.cfg.effort);
  if (info.cfg.cases > 0) cmd += fmt::format(" --cases {}", info.cfg.cases);
  if (!r.evidence.reproduce.empty()) cmd = r.evidence.reproduce + " " + cmd;
  return cmd;
}

std::string markdown_report(const std::vector<Result>& results, const RunInfo& info) {
  std::ostringstream md;
  size_t matching = 0;
  for (const auto& r : results) matching += r.as_expected();
  md << "# icl-theorems report\n\n";
  md << fmt::format("{} claims checked in {:.1f} s: {} with the expected verdict, {} differing. Generated {} by `{}`.\n\n",
                    results.size(), info.seconds, matching, results.size() - matching, info.timestamp, info.command);

  md << "## How to read this report\n\n"
        "Each claim is computed two ways that share no code: the *construction* (the transformer, built from its "
        "weights and run as a forward pass) and an *oracle* (the algorithm it is said to equal, or an independent "
        "solver). The verdict says what the comparison established:\n\n"
        "- **proved exactly** — equal in exact rational arithmetic on every case. For a polynomial identity the "
        "certificate gives the Schwartz–Zippel bound: with degree D, entries uniform on a set of size S and k points, "
        "a false identity passes with probability at most (D/S)^k.\n"
        "- **certified** — an inequality proved with Arb ball arithmetic (upper bound of one side below the lower "
        "bound of the other).\n"
        "- **holds numerically** — a discrepancy that falls like rounding as the precision rises, or agreement within "
        "a tolerance derived from the working precision, or a measured behaviour within named, derived thresholds.\n"
        "- **refuted** — a counterexample, shrunk by RapidCheck where the check is a property; the findings section "
        "gives the command that reproduces it.\n"
        "- **inconclusive** — the check could not decide; the reason is given (a budget below what a verdict needs, "
        "instances that miss the claim's hypotheses, comparisons Arb could not decide, seeds that disagree).\n"
        "- **error** — the check itself failed (an exception, a crash, a time cap): not a finding, and a failed gate.\n\n"
        "A claim's *parts* have their own expected outcomes (a refuted claim cannot hide a part that should hold). "
        "Refutations use only instances that satisfy the claim's hypotheses; behaviour outside them is reported as an "
        "observation.\n\n"
        "*Expected* is the verdict recorded in the registry with its justification; `iclcheck run` exits 1 when any "
        "verdict differs from it. *Cases* counts random instances, certificate points and Monte Carlo tasks.\n\n";

  md << "## Summary\n\n| claim | paper | kind | arithmetic | verdict | expected | evidence | time |\n"
        "|---|---|---|---|---|---|---|---|\n";
  for (const auto& r : results)
    md << fmt::format("| [{}](#{}) | {} | {} | {} | **{}**{} | {} | {} | {:.2f} s |\n", r.claim->id,
                      fmt::format("{}", r.claim->id.substr(r.claim->id.find('/') + 1) + "-" + r.claim->paper),
                      r.claim->paper, to_string(r.claim->kind), cell(r.claim->arithmetic),
                      to_string(r.evidence.verdict), r.as_expected() ? "" : " ⚠", to_string(r.claim->expected),
                      cell(evidence_summary(r.evidence, false)), r.evidence.seconds);

  md << "\n## Findings\n\n";
  bool any_finding = false;
  for (const auto& r : results) {
    if (r.evidence.verdict != Verdict::Refuted && r.as_expected()) continue;
    any_finding = true;
    md << fmt::format("### {} — {}\n\n", r.claim->id, to_string(r.evidence.verdict));
    md << fmt::format("*Claim:* {}\n\n", r.claim->statement);
    if (!r.as_expected())
      md << fmt::format("**The verdict differs from the expected one ({}).** {}\n\n", to_string(r.claim->expected),
                        r.error.empty() ? "" : "Error: " + r.error);
    if (!r.evidence.reason.empty()) md << fmt::format("Why no verdict: {}\n\n", r.evidence.reason);
    if (!r.evidence.counterexample.empty())
      md << (r.evidence.reproduce.empty() ? "Counterexample:" : "Smallest counterexample (shrunk by RapidCheck):")
         << "\n\n```\n" << r.evidence.counterexample << "\n```\n\n";
    md << fmt::format("Why: {}\n\nReproduce:\n\n```\n{}\n```\n\n", r.claim->justification, reproduce_command(r, info));
  }
  if (!any_finding) md << "No claim was refuted and every verdict is as expected.\n\n";

  std::map<std::string, std::vector<const Result*>> by_paper;
  for (const auto& r : results) by_paper[r.claim->paper].push_back(&r);
  for (const auto& [key, rs] : by_paper) {
    const Family* p = find_family(key);
    md << fmt::format("## {}\n\n", p ? p->citation : key);
    if (p) md << fmt::format("arXiv:{} · spec `../shared/claims/{}.md`\n\n", p->arxiv, key);
    md << "**Paper vs suite.** Every number the paper prints (as the spec quotes it) that a check of this run computed.\n\n";
    size_t rows = 0;
    for (const Result* r : rs)
      for (const auto& pr : r->evidence.printed) {
        if (rows++ == 0)
          md << "| claim | quantity | paper | suite | arithmetic | agrees? |\n|---|---|---|---|---|---|\n";
        md << fmt::format("| {} | {} | {} | {} | {} | {}{} |\n", r->claim->id, cell(pr.quantity), cell(pr.paper),
                          cell(pr.suite), cell(pr.arithmetic), !pr.agrees ? "not decided" : *pr.agrees ? "**yes**" : "**no**",
                          pr.note.empty() ? "" : " — " + cell(pr.note));
      }
    if (rows == 0) md << "No printed number of this paper is computed by the claims of this run.\n";
    md << "\n";
    for (const Result* r : rs) {
      const Evidence& ev = r->evidence;
      md << fmt::format("<a id=\"{}\"></a>\n### {} — {}\n\n", r->claim->id.substr(r->claim->id.find('/') + 1) + "-" + key,
                        r->claim->id, to_string(ev.verdict));
      md << fmt::format("{}\n\n", r->claim->statement);
      md << fmt::format("- kind: {}; arithmetic: {}\n", to_string(r->claim->kind), r->claim->arithmetic);
      md << fmt::format("- expected: {} — {}\n", to_string(r->claim->expected), r->claim->justification);
      if (!r->claim->source.empty()) md << fmt::format("- in the paper: {}; file `{}`\n", r->claim->source, r->claim->file);
      for (const auto& h : r->claim->hypotheses) md << fmt::format("- hypothesis: {}\n", h);
      if (ev.drawn > 0)
        md << fmt::format("- instances: {} drawn, {} satisfy the hypotheses (only these decide the verdict)\n", ev.drawn,
                          ev.qualified);
      if (!ev.reason.empty()) md << fmt::format("- why inconclusive: {}\n", ev.reason);
      for (const auto& p : ev.parts) {
        std::string expected;
        for (const auto& [name, v] : r->claim->parts)
          if (name == p.name) expected = fmt::format(" (expected {})", to_string(v));
        md << fmt::format("- part {}: **{}**{}{}\n", p.name, to_string(p.verdict), expected,
                          p.detail.empty() ? "" : " — " + p.detail);
      }
      md << fmt::format("- evidence: {}; seed {}\n", evidence_summary(ev), ev.seed);
      if (!ev.certificate.empty()) md << fmt::format("- certificate: {}\n", ev.certificate);
      if (!r->error.empty()) md << fmt::format("- error: {}\n", r->error);
      for (const auto& [k, v] : ev.details) md << fmt::format("- {}: {}\n", k, v);
      if (!ev.series.empty() && info.figures)
        md << fmt::format("- figure: [{0}]({0})\n\n  ![{1}]({0})\n", figure_path(*r->claim), r->claim->id);
      if (!ev.series.empty()) {
        md << "- data series (values in results.json):";
        for (const auto& s : ev.series) md << fmt::format(" `{}` ({} points);", s.name, s.x.size());
        md << "\n";
      }
      md << "\n";
    }
  }

  md << "## Configuration\n\n";
  md << fmt::format("- command: `{}`\n- seed: {}{}\n- effort: {:g} (every budget of every claim × this)\n- cases: {}\n"
                    "- MPFR/Arb working precision: {} bits\n- generated: {}\n",
                    info.command, info.cfg.seed,
                    info.seeds > 1 ? fmt::format(" and {} derived seeds (a verdict counts only when all agree)", info.seeds - 1) : "",
                    info.cfg.effort,
                    info.cfg.cases > 0 ? std::to_string(info.cfg.cases) : "per-claim default", info.cfg.bits, info.timestamp);
  return md.str();
}

}  // namespace icl
