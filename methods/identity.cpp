#include "methods/identity.hpp"

#include <sstream>

namespace icl::check {

namespace {
long zigzag(int z) { return (z % 2 == 0) ? z / 2 : -(z + 1) / 2; }  // 0, −1, 1, −2, 2, ...
}  // namespace

rc::Gen<Rational> small_rational() {
  return rc::gen::apply([](int z, int den) { return Rational(zigzag(z)) / Rational(den); }, rc::gen::inRange(0, 19),
                        rc::gen::inRange(1, 9));
}

rc::Gen<Rational> small_nonzero_rational() {
  // zigzag(z + 1) skips the zero: −1, 1, −2, 2, ..., shrinking toward −1.
  return rc::gen::apply([](int z, int den) { return Rational(zigzag(z + 1)) / Rational(den); },
                        rc::gen::inRange(0, 18), rc::gen::inRange(1, 9));
}

int pick_dim(int lo, int hi) { return *rc::gen::inRange(lo, hi + 1); }
bool pick_bool() { return *rc::gen::arbitrary<bool>(); }

std::string show(const Mat<Rational>& m) {
  std::ostringstream os;
  os << "[";
  for (Index i = 0; i < m.rows(); ++i) {
    os << (i ? ", [" : "[");
    for (Index j = 0; j < m.cols(); ++j) os << (j ? ", " : "") << m(i, j).str();
    os << "]";
  }
  os << "]";
  return os.str();
}

void showValue(const ShownMatrix& x, std::ostream& os) { os << show(x.m); }

Rational RcSource::scalar(const std::string& name) {
  const Rational r = *small_rational();
  log.push_back(name + " = " + r.str());
  return r;
}
Rational RcSource::nonzero(const std::string& name) {
  const Rational r = *small_nonzero_rational();
  log.push_back(name + " = " + r.str());
  return r;
}
Rational RcSource::positive(const std::string& name) {
  const Rational r = Rational(*rc::gen::inRange(1, 10)) / Rational(*rc::gen::inRange(1, 9));
  log.push_back(name + " = " + r.str());
  return r;
}
Rational RcSource::sign(const std::string& name) {
  const Rational r = *rc::gen::element(Rational(1), Rational(-1));
  log.push_back(name + " = " + r.str());
  return r;
}
std::string RcSource::instance() const {
  std::string s;
  for (const auto& line : log) s += line + "\n";
  return s;
}
Mat<Rational> RcSource::matrix(Index rows, Index cols, const std::string& name) {
  const auto entries = rc::gen::container<std::vector<Rational>>(static_cast<size_t>(rows * cols), small_rational());
  const auto shown = *rc::gen::map(entries, [rows, cols](const std::vector<Rational>& v) {
    ShownMatrix s{Mat<Rational>(rows, cols)};
    for (Index i = 0; i < rows; ++i)
      for (Index j = 0; j < cols; ++j) s.m(i, j) = v[static_cast<size_t>(i * cols + j)];
    return s;
  });
  log.push_back(name + " = " + show(shown.m));
  return shown.m;
}

Rational UniformSource::scalar(const std::string&) { return Rational(rng.integer(-(INT64_C(1) << 31), (INT64_C(1) << 31) - 1)); }
Rational UniformSource::nonzero(const std::string&) {
  Rational r;
  do r = scalar(); while (r == 0);
  return r;
}
Rational UniformSource::sign(const std::string&) { return rng.integer(0, 1) ? Rational(1) : Rational(-1); }
Mat<Rational> UniformSource::matrix(Index rows, Index cols, const std::string&) {
  Mat<Rational> m(rows, cols);
  for (Index i = 0; i < rows; ++i)
    for (Index j = 0; j < cols; ++j) m(i, j) = scalar();
  return m;
}

PropertyParams params(const Context& ctx, const std::string& cases, const std::string& purpose) {
  return PropertyParams{ctx.seed(purpose), static_cast<int>(ctx.budget(cases))};
}

long max_degree(const Mat<Degree>& m) {
  long d = Degree::zero_poly;
  for (Index i = 0; i < m.rows(); ++i)
    for (Index j = 0; j < m.cols(); ++j) d = std::max(d, m(i, j).value());
  return d;
}

}  // namespace icl::check

namespace icl::check {

std::string product_paths(const exact::ProductCounts& before, const exact::ProductCounts& after) {
  const auto flint = after.flint - before.flint, per_entry = after.per_entry - before.per_entry;
  return fmt::format(
      "{} through FLINT fmpz_mat, {} entry by entry (every {}th case, odd Schwartz–Zippel points); products below "
      "Eigen's GEMM size are entry by entry, except the unmasked LSA layer's chain W_V·C·Kᵀ·Q, which the FLINT path "
      "takes whole (one product counted)",
      flint, per_entry, kPerEntryShare);
}

}  // namespace icl::check
