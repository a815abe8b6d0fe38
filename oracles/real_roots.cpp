#include "oracles/real_roots.hpp"

#include <algorithm>

#include <flint/fmpq_poly.h>
#include <fmt/format.h>

namespace icl::realroots {

namespace {

class QPoly {
 public:
  QPoly() { fmpq_poly_init(p_); }
  explicit QPoly(const Coefficients& c) : QPoly() {
    for (size_t k = 0; k < c.size(); ++k) fmpq_poly_set_coeff_fmpq(p_, static_cast<slong>(k), c[k].get());
  }
  QPoly(const QPoly& o) : QPoly() { fmpq_poly_set(p_, o.p_); }
  QPoly& operator=(const QPoly& o) {
    fmpq_poly_set(p_, o.p_);
    return *this;
  }
  ~QPoly() { fmpq_poly_clear(p_); }
  fmpq_poly_struct* get() { return p_; }
  const fmpq_poly_struct* get() const { return p_; }
  bool is_zero() const { return fmpq_poly_is_zero(p_); }
  long degree() const { return fmpq_poly_degree(p_); }
  int sign_at(const Rational& x) const {
    Rational v;
    fmpq_poly_evaluate_fmpq(v.get(), p_, x.get());
    return v.sign();
  }

 private:
  fmpq_poly_t p_;
};

std::vector<QPoly> sturm_chain(const QPoly& p) {
  std::vector<QPoly> chain{p};
  QPoly d;
  fmpq_poly_derivative(d.get(), p.get());
  while (!d.is_zero()) {
    chain.push_back(d);
    QPoly r;
    fmpq_poly_rem(r.get(), chain[chain.size() - 2].get(), chain.back().get());
    fmpq_poly_neg(r.get(), r.get());
    d = r;
  }
  return chain;
}

int variations(const std::vector<QPoly>& chain, const Rational& x) {
  int v = 0, last = 0;
  for (const auto& q : chain) {
    const int s = q.sign_at(x);
    if (s == 0) continue;
    if (last != 0 && s != last) ++v;
    last = s;
  }
  return v;
}

}  // namespace

bool SignOnInterval::nonnegative() const {
  if (zero_polynomial) return true;
  for (int s : sample_signs)
    if (s < 0) return false;
  return true;
}

bool SignOnInterval::positive() const { return !zero_polynomial && roots.empty() && nonnegative(); }

std::string SignOnInterval::describe() const {
  if (zero_polynomial) return "the zero polynomial";
  std::string s = fmt::format("{} distinct root(s) inside", roots.size());
  for (const auto& [lo, hi] : roots) s += fmt::format(" [{:.9f}, {:.9f}]", to_double(lo), to_double(hi));
  std::string signs;
  for (int v : sample_signs) signs += v > 0 ? "+" : "−";
  return s + fmt::format("; signs between them, left to right: {}", signs);
}

SignOnInterval sign_on(const Coefficients& c, const Rational& lo, const Rational& hi, const Rational& width) {
  SignOnInterval out;
  QPoly p(c);
  if (p.is_zero()) {
    out.zero_polynomial = true;
    return out;
  }
  // Squarefree part: same distinct roots, and the sign of p between them is read off p itself.
  QPoly dp, g, sqf;
  fmpq_poly_derivative(dp.get(), p.get());
  fmpq_poly_gcd(g.get(), p.get(), dp.get());
  fmpq_poly_div(sqf.get(), p.get(), g.get());
  const auto chain = sturm_chain(sqf);
  // Distinct roots in (a, b] are V(a) − V(b); an endpoint that is a root is excluded by moving inward in the search.
  auto count = [&](const Rational& a, const Rational& b) { return variations(chain, a) - variations(chain, b); };
  const int at_hi = sqf.sign_at(hi) == 0 ? 1 : 0;
  std::vector<std::pair<Rational, Rational>> stack{{lo, hi}};
  while (!stack.empty()) {
    auto [a, b] = stack.back();
    stack.pop_back();
    int k = count(a, b) - (b == hi ? at_hi : 0);
    if (k <= 0) continue;
    if (k == 1 && b - a <= width) {
      out.roots.emplace_back(a, b);
      continue;
    }
    const Rational mid = (a + b) / Rational(2);
    stack.emplace_back(mid, b);
    stack.emplace_back(a, mid);
  }
  std::sort(out.roots.begin(), out.roots.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  // One sample per gap; a sample that is itself a root (a root at a bisection point) is nudged within the gap.
  Rational left = lo;
  auto sample_gap = [&](const Rational& a, const Rational& b) {
    Rational x = (a + b) / Rational(2);
    for (int tries = 0; p.sign_at(x) == 0 && tries < 64; ++tries) x = (x + b) / Rational(2);
    out.samples.push_back(x);
    out.sample_signs.push_back(p.sign_at(x));
  };
  for (const auto& [a, b] : out.roots) {
    // A root at the isolating interval's right end lies on the boundary; the gap starts after it.
    if (left < a) sample_gap(left, a);
    left = b;
  }
  if (left < hi) sample_gap(left, hi);
  return out;
}

}  // namespace icl::realroots
