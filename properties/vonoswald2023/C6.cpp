// vonoswald2023/C6 — the GD++ curvature map: H++ has eigenvalues f(λ) = λ(1 − γλ)² on the eigenvectors of H.
#include <algorithm>

#include <Eigen/LU>
#include <fmt/format.h>

#include "core/ball.hpp"
#include "methods/identity.hpp"
#include "oracles/charpoly.hpp"
#include "properties/vonoswald2023/common.hpp"

namespace icl::vonoswald2023::c6 {

using namespace icl::check;

// f(λ) = λ(1 − γλ)², coefficients low → high.
std::vector<Rational> gdpp_spectrum_map(const Rational& gamma) { return {0, 1, -2 * gamma, gamma * gamma}; }

std::vector<Rational> poly_mul(const std::vector<Rational>& a, const std::vector<Rational>& b) {
  std::vector<Rational> c(a.size() + b.size() - 1, Rational(0));
  for (size_t i = 0; i < a.size(); ++i)
    for (size_t j = 0; j < b.size(); ++j) c[i + j] += a[i] * b[j];
  return c;
}

Rational poly_eval(const std::vector<Rational>& p, const Rational& x) {
  Rational r(0);
  for (size_t k = p.size(); k-- > 0;) r = r * x + p[k];
  return r;
}

// Π_i (t − f(λ_i)) from the characteristic polynomial of H alone (Newton's identities):
// Σ_i f(λ_i)^k = Σ_m [f^k]_m Σ_i λ_i^m.
std::vector<Rational> mapped_charpoly(const std::vector<Rational>& charH, const std::vector<Rational>& f) {
  const int n = static_cast<int>(charH.size()) - 1;
  const int deg_f = static_cast<int>(f.size()) - 1;
  const std::vector<Rational> s = oracle::power_sums(charH, deg_f * n);  // s[m−1] = Σ λ^m
  std::vector<Rational> p(n), fk{1};
  for (int k = 1; k <= n; ++k) {
    fk = poly_mul(fk, f);
    Rational sum = fk[0] * n;
    for (size_t m = 1; m < fk.size(); ++m) sum += fk[m] * s[m - 1];
    p[k - 1] = sum;
  }
  return oracle::monic_from_power_sums(p, n);
}

// H++ from the construction: the x-slots after one K3 layer, H++ = X'X'^T.
Mat<Rational> gdpp_hessian(const Mat<Rational>& X, const Rational& gamma, Defect defect) {
  const Index d = X.rows(), N = X.cols();
  LsaLayer<Rational> layer = vo::gdpp_layer<Rational>(d, Rational(1), gamma, N);
  damage(layer, defect, N);
  const Prompt<Rational> out =
      forward(layer, vo::regression_prompt<Rational>(X, Mat<Rational>::Zero(1, N), Mat<Rational>(d, 0),
                                                      Mat<Rational>(1, 0)));
  const Mat<Rational> Xp = out.Z.topRows(d);
  return Xp * Xp.transpose();
}

// Cayley transform of a skew-symmetric matrix: a rational orthogonal matrix.
Mat<Rational> cayley(const Mat<Rational>& R) {
  const Index n = R.rows();
  const Mat<Rational> A = R - R.transpose();
  const Mat<Rational> I = Mat<Rational>::Identity(n, n);
  return (I - A) * Eigen::FullPivLU<Mat<Rational>>(I + A).inverse();
}

Evidence check(Context& ctx) {
  Evidence ev;
  const std::string& id = ctx.id();
  const Defect defect = ctx.defect();
  ev.seed = ctx.seed("property");
  const int cases = ctx.budget_int("cases");

  // (a) charpoly(H++) = Π (t − f(λ_i)) for random X and γ: FLINT charpolys, Newton's identities.
  const auto charpoly_outcome = check_property(
      id,
      [&] {
        const int d = pick_dim(1, 4), N = pick_dim(1, 6);
        RcSource src;
        const Mat<Rational> X = src.matrix(d, N, "X");
        const Rational gamma = src.scalar("γ");
        const auto actual = oracle::charpoly(gdpp_hessian(X, gamma, defect));
        const auto predicted = mapped_charpoly(oracle::charpoly(X * X.transpose()), gdpp_spectrum_map(gamma));
        if (actual != predicted)
          RC_FAIL("d=" + std::to_string(d) + ", N=" + std::to_string(N) + "\n" + src.instance() +
                  "charpoly(H++) differs from Π(t − f(λ_i))");
      },
      PropertyParams{ev.seed, cases});

  // (b) eigenvectors: X = Q diag(σ) U^T with rational orthogonal Q, U, so H = Q diag(σ²) Q^T exactly;
  //     H++ q_i = f(σ_i²) q_i must hold exactly.
  const auto eigvec_outcome = check_property(
      id + ":eigenvectors",
      [&] {
        const int d = pick_dim(1, 4), N = pick_dim(d, 6);
        RcSource src;
        const Mat<Rational> Q = cayley(src.matrix(d, d, "R (Q = Cayley(R − R^T))"));
        const Mat<Rational> U = cayley(src.matrix(N, N, "R' (U = Cayley(R' − R'^T), first d columns)")).leftCols(d);
        const Mat<Rational> sigma = src.matrix(d, 1, "σ");
        const Rational gamma = src.scalar("γ");
        const Mat<Rational> X = Q * sigma.col(0).asDiagonal() * U.transpose();
        const Mat<Rational> Hpp = gdpp_hessian(X, gamma, defect);
        const auto f = gdpp_spectrum_map(gamma);
        for (int i = 0; i < d; ++i) {
          const Rational lambda = sigma(i, 0) * sigma(i, 0);
          if (Hpp * Q.col(i) != poly_eval(f, lambda) * Q.col(i))
            RC_FAIL(src.instance() + "eigenvector " + std::to_string(i) + " of H: H++ q ≠ f(λ) q");
        }
      },
      PropertyParams{ctx.seed("eigenvectors"), cases});

  // (c) certified enclosures for irrational spectra: roots of χ_H mapped through f (ball arithmetic) overlap
  //     the roots of χ_{H++}, one to one.
  const int bits = ctx.working_bits();
  Rng rng = ctx.rng("arb");
  UniformSource uniform(ctx.seed("arb-points"));
  const int spectra = ctx.budget_int("spectra"), gammas = ctx.budget_int("γ draws");
  int arb_instances = 0, arb_certified = 0;
  double max_radius = 0;
  for (int t = 0; t < spectra; ++t) {
    const int d = static_cast<int>(rng.integer(2, 5)), N = static_cast<int>(rng.integer(d, 8));
    Mat<Rational> X = uniform.matrix(d, N) / Rational(INT64_C(1) << 31);
    const Rational gamma = rational(static_cast<long>(rng.integer(1, 100)), 1000);
    const auto lam = oracle::real_roots(oracle::charpoly(X * X.transpose()), bits);
    const auto mu = oracle::real_roots(oracle::charpoly(gdpp_hessian(X, gamma, defect)), bits);
    ++arb_instances;
    if (!lam.certified || !mu.certified || lam.roots.size() != mu.roots.size()) continue;
    const Ball g = from_rational<Ball>(gamma);
    std::vector<Ball> mapped;
    for (const Ball& l : lam.roots) {
      const Ball one_minus = Ball(1) - g * l;
      mapped.push_back(l * one_minus * one_minus);
    }
    std::sort(mapped.begin(), mapped.end(), [](const Ball& a, const Ball& b) { return a.mid() < b.mid(); });
    bool all = true;
    for (size_t i = 0; i < mapped.size(); ++i) {
      all = all && arb_overlaps(mapped[i].get(), mu.roots[i].get());
      max_radius = std::max({max_radius, mapped[i].rad(), mu.roots[i].rad()});
    }
    arb_certified += all;
  }

  // (d) f has roots 0 and 1/γ, f' vanishes at 1/(3γ) with f'' < 0 there, and f(1/(3γ)) = 4/(27γ).
  int shape_failures = 0;
  for (int t = 0; t < gammas; ++t) {
    const Rational gamma = random_fraction(rng, 1, 1000, 1, 1000);
    const auto f = gdpp_spectrum_map(gamma);
    const std::vector<Rational> df{f[1], 2 * f[2], 3 * f[3]}, d2f{df[1], 2 * df[2]};
    const Rational peak = 1 / (3 * gamma);
    shape_failures += !(poly_eval(f, 0) == 0 && poly_eval(f, 1 / gamma) == 0 && poly_eval(df, peak) == 0 &&
                        poly_eval(d2f, peak) < 0 && poly_eval(f, peak) == 4 / (27 * gamma));
  }

  ev.cases = charpoly_outcome.successes + eigvec_outcome.successes + arb_instances + gammas;
  ev.max_error = 0;
  ev.precision_bits = 0;
  ev.note("charpoly(H++) = Π(t − f(λ_i)) (FLINT + Newton's identities)",
          std::to_string(charpoly_outcome.successes) + " random (X, γ), exact");
  ev.note("H++ q_i = f(λ_i) q_i on rational eigenbases (Cayley transforms)",
          std::to_string(eigvec_outcome.successes) + " cases, exact");
  ev.note("Arb enclosures at " + std::to_string(bits) + " bits",
          std::to_string(arb_certified) + "/" + std::to_string(arb_instances) +
              " spectra matched one-to-one; max radius " + fmt::format("{:.2g}", max_radius));
  ev.note("f(0) = f(1/γ) = 0, max 4/(27γ) at 1/(3γ)", std::to_string(gammas - shape_failures) + "/" + std::to_string(gammas) + " random γ exact");
  const PropertyOutcome* failed = charpoly_outcome.failed() ? &charpoly_outcome
                                  : eigvec_outcome.failed() ? &eigvec_outcome
                                                            : nullptr;
  if (failed) {
    record_failure(ev, *failed);
  } else if (shape_failures > 0) {
    ev.verdict = Verdict::Refuted;
    ev.counterexample = "the shape facts of f fail for " + std::to_string(shape_failures) + " values of γ";
  } else if (charpoly_outcome.passed() && eigvec_outcome.passed() && arb_certified == arb_instances) {
    ev.verdict = Verdict::ProvedExactly;
    ev.certificate = "exact characteristic-polynomial identity on every case; Arb enclosures for irrational spectra";
  } else {
    ev.verdict = Verdict::Inconclusive;
  }
  return ev;
}

const Registration row(family(),
    ClaimRow("C6", Kind::Identity)
        .statement("H++ has eigenvalues f(λ) = λ(1−γλ)² on the eigenvectors of H; f has roots 0 and 1/γ and a local maximum "
                   "4/(27γ) at λ = 1/(3γ)")
        .source("§4 (GD++ curvature correction)")
        .uses({"K3"}, {"O6"})
        .arithmetic("exact rational (FLINT charpoly); Arb enclosures", {"exact", "arb"})
        .expect(Verdict::ProvedExactly, "I − γH is a polynomial in H, so H++ = H(I − γH)²; f'(λ) = (1 − γλ)(1 − 3γλ)")
        .budget("cases", Axis::Cases, 60)
        .budget("spectra", Axis::Instances, 8)
        .budget("γ draws", Axis::Instances, 20)
        .rejects_by_property(defects::FlipGammaSign, 0.5)
        .check(check),
    __FILE__);

}  // namespace icl::vonoswald2023::c6
