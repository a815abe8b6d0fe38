#include "oracles/charpoly.hpp"

#include <algorithm>
#include <stdexcept>

#include <acb.h>
#include <arb_fmpz_poly.h>
#include <fmpq_mat.h>
#include <fmpz_mat.h>
#include <fmpq_poly.h>
#include <fmpz_poly.h>
#include <fmpz_poly_factor.h>

namespace icl::oracle {

std::vector<Rational> charpoly(const Mat<Rational>& A) {
  if (A.rows() != A.cols()) throw std::invalid_argument("charpoly: matrix is not square");
  const slong n = A.rows();
  fmpq_mat_t M;
  fmpq_mat_init(M, n, n);
  for (slong i = 0; i < n; ++i)
    for (slong j = 0; j < n; ++j) fmpq_set(fmpq_mat_entry(M, i, j), A(i, j).get());
  fmpq_poly_t p;
  fmpq_poly_init(p);
  fmpq_mat_charpoly(p, M);
  std::vector<Rational> c(n + 1);
  for (slong k = 0; k <= n; ++k) fmpq_poly_get_coeff_fmpq(c[k].get(), p, k);
  fmpq_poly_clear(p);
  fmpq_mat_clear(M);
  return c;
}

std::vector<Rational> leading_minors(const Mat<Rational>& A) {
  if (A.rows() != A.cols()) throw std::invalid_argument("leading_minors: matrix is not square");
  const slong n = A.rows();
  fmpz_t c, scale, prev, t;
  fmpz_init_set_ui(c, 1);
  fmpz_init(scale);
  fmpz_init_set_ui(prev, 1);
  fmpz_init(t);
  for (slong i = 0; i < n; ++i)
    for (slong j = 0; j < n; ++j) fmpz_lcm(c, c, fmpq_denref(A(i, j).get()));
  fmpz_mat_t M;  // c·A, integer
  fmpz_mat_init(M, n, n);
  for (slong i = 0; i < n; ++i)
    for (slong j = 0; j < n; ++j) {
      fmpz_divexact(t, c, fmpq_denref(A(i, j).get()));
      fmpz_mul(fmpz_mat_entry(M, i, j), fmpq_numref(A(i, j).get()), t);
    }
  std::vector<Rational> minors;
  fmpz_one(scale);
  for (slong k = 0; k < n; ++k) {
    fmpz_mul(scale, scale, c);  // c^(k+1)
    Rational m;
    fmpq_set_fmpz_frac(m.get(), fmpz_mat_entry(M, k, k), scale);
    minors.push_back(m);
    if (fmpz_is_zero(fmpz_mat_entry(M, k, k))) break;
    for (slong i = k + 1; i < n; ++i) {
      for (slong j = k + 1; j < n; ++j) {  // M_ij ← (M_kk M_ij − M_ik M_kj) / M_{k−1,k−1}, exact
        fmpz_mul(fmpz_mat_entry(M, i, j), fmpz_mat_entry(M, i, j), fmpz_mat_entry(M, k, k));
        fmpz_submul(fmpz_mat_entry(M, i, j), fmpz_mat_entry(M, i, k), fmpz_mat_entry(M, k, j));
        fmpz_divexact(fmpz_mat_entry(M, i, j), fmpz_mat_entry(M, i, j), prev);
      }
    }
    fmpz_set(prev, fmpz_mat_entry(M, k, k));
  }
  fmpz_mat_clear(M);
  fmpz_clear(c);
  fmpz_clear(scale);
  fmpz_clear(prev);
  fmpz_clear(t);
  return minors;
}

// Monic t^n + c_{n−1} t^{n−1} + ... + c_0 = Π (t − λ_i) has e_k = (−1)^k c_{n−k}.
std::vector<Rational> power_sums(const std::vector<Rational>& monic, int m) {
  const int n = static_cast<int>(monic.size()) - 1;
  if (n < 0 || monic.back() != 1) throw std::invalid_argument("power_sums: polynomial is not monic");
  std::vector<Rational> e(n + 1);
  for (int k = 0; k <= n; ++k) e[k] = (k % 2 == 0 ? 1 : -1) * monic[n - k];
  std::vector<Rational> p(m + 1, Rational(0));
  for (int k = 1; k <= m; ++k) {
    Rational s(0);
    for (int i = 1; i <= std::min(k - 1, n); ++i) s += (i % 2 == 1 ? 1 : -1) * e[i] * p[k - i];
    if (k <= n) s += (k % 2 == 1 ? 1 : -1) * Rational(k) * e[k];
    p[k] = s;
  }
  return std::vector<Rational>(p.begin() + 1, p.end());
}

std::vector<Rational> monic_from_power_sums(const std::vector<Rational>& p, int n) {
  if (static_cast<int>(p.size()) < n) throw std::invalid_argument("monic_from_power_sums: too few power sums");
  std::vector<Rational> e(n + 1, Rational(0));
  e[0] = 1;
  for (int k = 1; k <= n; ++k) {
    Rational s(0);
    for (int i = 1; i <= k; ++i) s += (i % 2 == 1 ? 1 : -1) * e[k - i] * p[i - 1];
    e[k] = s / k;
  }
  std::vector<Rational> c(n + 1);
  for (int k = 0; k <= n; ++k) c[n - k] = (k % 2 == 0 ? 1 : -1) * e[k];
  return c;
}

RootEnclosures real_roots(const std::vector<Rational>& coefficients, long bits) {
  RootEnclosures out;
  // Clear denominators: integer polynomial with the same roots.
  fmpz_t l, num;
  fmpz_init_set_ui(l, 1);
  fmpz_init(num);
  for (const auto& c : coefficients) fmpz_lcm(l, l, fmpq_denref(c.get()));
  fmpz_poly_t P;
  fmpz_poly_init(P);
  for (size_t k = 0; k < coefficients.size(); ++k) {
    fmpz_divexact(num, l, fmpq_denref(coefficients[k].get()));
    fmpz_mul(num, num, fmpq_numref(coefficients[k].get()));
    fmpz_poly_set_coeff_fmpz(P, static_cast<slong>(k), num);
  }
  fmpz_clear(num);
  fmpz_clear(l);
  fmpz_poly_factor_t fac;
  fmpz_poly_factor_init(fac);
  fmpz_poly_factor_squarefree(fac, P);  // Arb isolates roots of squarefree polynomials only
  out.certified = true;
  for (slong f = 0; f < fac->num; ++f) {
    const slong deg = fmpz_poly_degree(fac->p + f);
    if (deg <= 0) continue;
    acb_ptr roots = _acb_vec_init(deg);
    arb_fmpz_poly_complex_roots(roots, fac->p + f, 0, bits);
    for (slong r = 0; r < deg; ++r) {
      if (!arb_is_zero(acb_imagref(roots + r))) out.certified = false;  // real roots come with exact zero imag
      Ball b;
      arb_set(b.get(), acb_realref(roots + r));
      for (slong m = 0; m < fac->exp[f]; ++m) out.roots.push_back(b);
    }
    _acb_vec_clear(roots, deg);
  }
  fmpz_poly_factor_clear(fac);
  fmpz_poly_clear(P);
  std::sort(out.roots.begin(), out.roots.end(), [](const Ball& a, const Ball& b) { return a.mid() < b.mid(); });
  return out;
}

}  // namespace icl::oracle
