// vonoswald2023/C24 — the out-of-distribution formulas of spec §5 under input and teacher scaling.
#include "properties/vonoswald2023/population.hpp"

namespace icl::vonoswald2023::c24 {

Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  Evidence ev;
  ev.seed = ctx.seed("mc");
  bool exact_ok = true;
  for (const NamedLaw& law : {s_paper(), s_code()}) {
    for (const Shape& s : kExactShapes) {
      ctx.progress(fmt::format("C24: exact moments {} d={} N={}", law.law.name, s.d, s.N));
      const auto& L = exact_loss(s.d, s.N, law);
      const ClosedForm f(s.d, s.N, law, defect);
      const auto in_ax = restrict_to(L, L.ax, {{L.eta, f.eta_star()}, {L.aw, 1}});
      const auto in_aw = restrict_to(L, L.aw, {{L.eta, f.eta_star()}, {L.ax, 1}});
      ev.cases += 2;
      const bool ok_input = in_ax == trimmed(f.ood_input_in_alpha());
      const bool ok_teacher = in_aw == trimmed(f.ood_teacher_in_alpha());
      if ((!ok_input || !ok_teacher) && exact_ok) {
        exact_ok = false;
        ev.counterexample =
            !ok_input ? fmt::format("{}, d={}, N={}, inputs scaled by α: exact {} vs formula {}", law.law.name, s.d, s.N,
                                    show_poly(in_ax, "α"), show_poly(trimmed(f.ood_input_in_alpha()), "α"))
                      : fmt::format("{}, d={}, N={}, teacher scaled by α: exact {} vs formula {}", law.law.name, s.d,
                                    s.N, show_poly(in_aw, "α"), show_poly(trimmed(f.ood_teacher_in_alpha()), "α"));
      }
    }
  }
  ev.note("exact", "L(α) at η = η* equals the formula as a polynomial in α (inputs) and α²L* (teacher), "
                   "for (d, N) = (1,1), (2,3), (3,5), (10,10) under S-paper and S-code");
  ev.note("α convention", "α multiplies every input coordinate: U(−a,a) → U(−αa, αa) with a = 1 (S-paper, the paper's "
                          "U(−α,α) axis) or a = 1/2 (S-code, the code's U(−α/2, α/2) axis)");

  double worst_z = 0;
  int compared = 0;
  const long tasks = mc_tasks(ctx);
  const std::vector<double> input_alphas{0.5, 1.4, 2.0}, teacher_alphas{0.5, 2.0, 5.0};
  // Below kMcMinTasks the normal approximation is not trusted: the Monte Carlo part is not run (and is inconclusive).
  for (const NamedLaw& law : tasks >= kMcMinTasks ? std::vector<NamedLaw>{s_paper(), s_code()} : std::vector<NamedLaw>{}) {
    const ClosedForm f(10, 10, law, defect);
    const double es = to_double(f.eta_star());
    std::vector<pop::LossPoint> points;
    for (double a : input_alphas) points.push_back({es, a, 1});
    for (double a : teacher_alphas) points.push_back({es, 1, a});
    ctx.progress(fmt::format("C24: Monte Carlo {} ({} tasks)", law.law.name, tasks));
    const auto est = pop::one_step_loss_mc(10, 10, law.law, points, tasks, ctx.seed(law.law.name));
    Series in_series{"C24 MC loss vs input scale, " + law.law.name, "alpha", "population 1/2-loss at eta*", {}, {}};
    Series t_series{"C24 MC loss vs teacher scale, " + law.law.name, "alpha", "population 1/2-loss at eta*", {}, {}};
    auto eval = [](const std::vector<Rational>& c, double a) {
      double v = 0;
      for (size_t k = 0; k < c.size(); ++k) v += to_double(c[k]) * std::pow(a, double(k));
      return v;
    };
    for (size_t i = 0; i < input_alphas.size(); ++i)
      record_mc(ev, fmt::format("MC {} inputs ×{}", law.law.name, input_alphas[i]),
                eval(f.ood_input_in_alpha(), input_alphas[i]), est[i], worst_z, compared, in_series, input_alphas[i]);
    for (size_t i = 0; i < teacher_alphas.size(); ++i)
      record_mc(ev, fmt::format("MC {} teacher ×{}", law.law.name, teacher_alphas[i]),
                eval(f.ood_teacher_in_alpha(), teacher_alphas[i]), est[input_alphas.size() + i], worst_z, compared,
                t_series, teacher_alphas[i]);
    ev.series.push_back(in_series);
    ev.series.push_back(t_series);
  }
  ev.cases += 2 * tasks;
  conclude_population(ev, exact_ok, worst_z, compared, tasks, "exact O3 polynomials in α equal the formulas");
  return ev;
}


const Registration row(family(),
    ClaimRow("C24", Kind::Identity)
        .statement("The §5 OOD formulas are the population loss of GD* (η fixed at η*) under input and teacher scaling")
        .source("§5 (OOD scaling)")
        .uses({"K1"}, {"O3", "O4"})
        .arithmetic("exact rational (O3); double (O4)", {"exact", "double"})
        .expect(Verdict::ProvedExactly,
                "scaling inputs by α is σ² → α²σ² in L(η); scaling the teacher multiplies every error by α")
        .budget("tasks", Axis::Tasks, kMcDefaultTasks, kMcMinTasks)
        .rejects(defects::WrongKurtosis, 0.08)
        .check(check),
    __FILE__);

}  // namespace icl::vonoswald2023::c24
