// vonoswald2023/C7 — the population loss of one GD step: L(η), η*, L* of spec §5 against exact moments and Monte Carlo.
#include "properties/vonoswald2023/population.hpp"

namespace icl::vonoswald2023::c7 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  ev.seed = ctx.seed("mc");
  bool exact_ok = true;
  for (const NamedLaw& law : {s_paper(), s_code(), gaussian()}) {
    for (const Shape& s : kExactShapes) {
      ctx.progress(fmt::format("C7: exact moments {} d={} N={}", law.law.name, s.d, s.N));
      const auto& L = exact_loss(s.d, s.N, law);
      const auto in_eta = restrict_to(L, L.eta, {{L.ax, 1}, {L.aw, 1}});
      const ClosedForm f(s.d, s.N, law, defect);
      ++ev.cases;
      // The exact population loss is the quadratic of the formula; its minimiser and minimum are η*, L*.
      const bool ok = in_eta == trimmed(f.loss_in_eta()) && in_eta.size() == 3 &&
                      -in_eta[1] / (2 * in_eta[2]) == f.eta_star() &&
                      in_eta[0] - in_eta[1] * in_eta[1] / (4 * in_eta[2]) == f.loss_star();
      if (!ok && exact_ok) {
        exact_ok = false;
        ev.counterexample = fmt::format("{}, d={}, N={}: exact population loss {} but the formula gives {}",
                                        law.law.name, s.d, s.N, show_poly(in_eta, "η"),
                                        show_poly(trimmed(f.loss_in_eta()), "η"));
      }
      if (s.d == 10 && s.N == 10)
        ev.note(fmt::format("exact L(η), {}, d=N=10", law.law.name),
                fmt::format("{}; η* = {}, L* = {} ≈ {:.6f}", show_poly(in_eta, "η"), f.eta_star().str(),
                            f.loss_star().str(), to_double(f.loss_star())));
    }
  }
  ev.note("exact shapes (d, N)", "(1,1), (2,3), (3,5), (10,10) under each law: coefficients of L(η), η* and L* equal");

  double worst_z = 0;
  int compared = 0;
  const long tasks = mc_tasks(ctx);
  // Below kMcMinTasks the normal approximation is not trusted: the Monte Carlo part is not run (and is inconclusive).
  for (const NamedLaw& law : tasks >= kMcMinTasks ? std::vector<NamedLaw>{s_paper(), s_code(), gaussian()} : std::vector<NamedLaw>{}) {
    const ClosedForm f(10, 10, law, defect);
    const double es = to_double(f.eta_star());
    const std::vector<double> etas{es / 2, es, 1.5 * es};
    std::vector<pop::LossPoint> points;
    for (double e : etas) points.push_back({e, 1, 1});
    ctx.progress(fmt::format("C7: Monte Carlo {} ({} tasks)", law.law.name, tasks));
    const auto est = pop::one_step_loss_mc(10, 10, law.law, points, tasks, ctx.seed(law.law.name));
    Series series{"C7 MC loss vs eta, " + law.law.name, "eta", "population 1/2-loss", {}, {}};
    for (size_t i = 0; i < etas.size(); ++i) {
      const auto c = f.loss_in_eta();
      const double formula = to_double(c[0]) + to_double(c[1]) * etas[i] + to_double(c[2]) * etas[i] * etas[i];
      record_mc(ev, fmt::format("MC {} d=N=10, η = {:.4f}", law.law.name, etas[i]), formula, est[i], worst_z, compared,
                series, etas[i]);
    }
    ev.series.push_back(series);
  }
  ev.cases += 3 * tasks;
  conclude_population(ev, exact_ok, worst_z, compared, tasks, "exact O3 polynomials in η equal the formula");
  return ev;
}


const Registration row(family(),
    ClaimRow("C7", Kind::Identity)
        .statement("The §5 formulas for L(η), η*, L* are the population loss of one GD step, for S-paper, S-code and Gaussian "
                   "inputs")
        .source("§5 (population loss of one GD step)")
        .uses({"K1"}, {"O3", "O4"})
        .arithmetic("exact rational (O3 moments); double (O4 Monte Carlo)", {"exact", "double"})
        .expect(Verdict::ProvedExactly, "E tr H = Ndσ² and E tr H² = Nσ⁴d(d + N + κ − 2) give the quadratic (spec §5)")
        .budget("tasks", Axis::Tasks, kMcDefaultTasks, kMcMinTasks)
        .rejects(defects::WrongKurtosis, 0.08)
        .rejects(defects::DropHalf, 0.08)
        .check(check),
    __FILE__);

}  // namespace icl::vonoswald2023::c7
