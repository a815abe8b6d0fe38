// Exact identity checks shared by every claim family.
//
// An identity is described by a struct with
//   Shape                      dimensions, with str()
//   Shape random_shape() const            picks dimensions inside a RapidCheck property
//   std::vector<Shape> certificate_shapes() const
//   template <class Src> Mat<typename Src::Scalar> residual(const Shape&, Src&) const
//                              construction − oracle, entrywise; zero iff the identity holds there.
// The residual draws every entry from a source, so one generic body serves three purposes:
//   RcSource       small rationals picked by RapidCheck (random shapes, shrinking counterexamples);
//   UniformSource  integers uniform on a set of 2^32 values (Schwartz–Zippel points);
//   DegreeSource   one fresh variable per entry (degree bound D read off the construction and oracle).
#pragma once

#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/certificate.hpp"
#include "core/claim.hpp"
#include "core/context.hpp"
#include "core/degree.hpp"
#include "core/property.hpp"
#include "core/random.hpp"
#include "core/scalar.hpp"

namespace icl::check {

// ---- RapidCheck generators and readable counterexamples ----

// Numerators in [−9, 9] (zig-zag, shrinking toward 0) over denominators in [1, 8] (shrinking toward 1).
rc::Gen<Rational> small_rational();
rc::Gen<Rational> small_nonzero_rational();
// Dimension in [lo, hi], shrinking toward lo.
int pick_dim(int lo, int hi);
bool pick_bool();

struct ShownMatrix {
  Mat<Rational> m;
};
void showValue(const ShownMatrix& x, std::ostream& os);
std::string show(const Mat<Rational>& m);

// ---- sources ----

// Every draw is named; RcSource keeps "name = value" lines so a counterexample reads as an instance.
// `polynomial_points`: the residual must stay a polynomial in the drawn entries (Schwartz–Zippel and degree
// sources), so piecewise maps such as ReLU are replaced by their outputs drawn as free variables.
struct RcSource {
  using Scalar = Rational;
  static constexpr bool polynomial_points = false;
  Rational scalar(const std::string& name);
  Rational nonzero(const std::string& name);
  Rational positive(const std::string& name);  // in [1/8, 9], shrinking toward 1
  Rational sign(const std::string& name);  // ±1: a constant of the identity, not a variable
  Mat<Rational> matrix(Index rows, Index cols, const std::string& name);
  std::string instance() const;
  std::vector<std::string> log;
};

struct UniformSource {
  using Scalar = Rational;
  static constexpr bool polynomial_points = true;
  static constexpr int log2_set = 32;  // entries uniform on {−2^31, ..., 2^31 − 1}
  explicit UniformSource(uint64_t seed) : rng(seed) {}
  Rational scalar(const std::string& = "");
  Rational nonzero(const std::string& = "");
  Rational sign(const std::string& = "");
  Mat<Rational> matrix(Index rows, Index cols, const std::string& = "");
  Rng rng;
};

struct DegreeSource {
  using Scalar = Degree;
  static constexpr bool polynomial_points = true;
  Degree scalar(const std::string& = "") { return Degree::variable(); }
  // Held fixed per point: the certificate conditions on it.
  Degree nonzero(const std::string& = "") { return Degree::constant(); }
  Degree sign(const std::string& = "") { return Degree::constant(); }
  Mat<Degree> matrix(Index rows, Index cols, const std::string& = "") {
    return Mat<Degree>::Constant(rows, cols, Degree::variable());
  }
};

long max_degree(const Mat<Degree>& m);

// ---- helpers on generic matrices ----

// Inverse of a unit lower-triangular matrix by forward substitution: only +, −, ×, so its entries stay
// polynomials (usable on Degree).
template <class S>
Mat<S> unit_lower_inverse(const Mat<S>& L) {
  const Index n = L.rows();
  Mat<S> X = Mat<S>::Identity(n, n);
  for (Index j = 0; j < n; ++j)
    for (Index i = j + 1; i < n; ++i) {
      S acc(0);
      for (Index k = j; k < i; ++k) acc += L(i, k) * X(k, j);
      X(i, j) = -acc;
    }
  return X;
}
template <class Src>
Mat<typename Src::Scalar> unit_lower(Src& src, Index n, const std::string& name) {
  using S = typename Src::Scalar;
  Mat<S> L = Mat<S>::Identity(n, n);
  if (n > 1) {
    const Mat<S> R = src.matrix(n, n, name + " (below the unit diagonal)");
    for (Index i = 1; i < n; ++i)
      for (Index j = 0; j < i; ++j) L(i, j) = R(i, j);
  }
  return L;
}

// "d=3, N=5" for a shape's str().
inline std::string dims(std::initializer_list<std::pair<const char*, long>> kv) {
  std::string s;
  for (const auto& [k, v] : kv) s += (s.empty() ? "" : ", ") + std::string(k) + "=" + std::to_string(v);
  return s;
}

// ---- the check ----

// RapidCheck parameters for a property of the claim: its seed stream and the case count of budget `cases`.
PropertyParams params(const Context& ctx, const std::string& cases, const std::string& purpose = "");

// Every kPerEntryShare-th RapidCheck case and every odd Schwartz–Zippel point evaluate all rational matrix
// products on the per-entry path, the rest on FLINT (core/exact_product.hpp): a construction and its oracle that
// both multiply through FLINT are thus also compared with products that share no code with it.
inline constexpr int kPerEntryShare = 4;
std::string product_paths(const exact::ProductCounts& before, const exact::ProductCounts& after);

struct IdentityOptions {
  std::string part;               // "" for the claim itself; "tied": a sub-property "<id>:tied" with its own stream
  std::string cases = "cases";    // the budget holding this property's case count
  int sz_points = 2;              // k per certificate shape
};

template <class Id>
Evidence check_identity(const Context& ctx, const Id& id, const IdentityOptions& opt = {}) {
  const std::string claim_id = opt.part.empty() ? ctx.id() : ctx.id() + ":" + opt.part;
  Evidence ev;
  ev.seed = ctx.seed_for(claim_id, "property");
  Rational worst(0);  // over the RapidCheck cases (small rationals), where magnitudes are comparable
  const exact::ProductCounts products_before = exact::product_counts();
  long case_index = 0;
  const auto outcome = check_property(
      claim_id,
      [&] {
        const auto shape = id.random_shape();
        const exact::ProductPathScope path(++case_index % kPerEntryShare == 0 ? exact::ProductPath::PerEntry
                                                                              : exact::ProductPath::Flint);
        RcSource src;
        const Rational err = max_abs<Rational>(id.residual(shape, src));
        if (worst < err) worst = err;
        if (err != 0)
          RC_FAIL(shape.str() + "\n" + src.instance() + "max |construction − oracle| = " + to_string(err));
      },
      PropertyParams{ev.seed, static_cast<int>(ctx.budget(opt.cases))});
  ev.cases = outcome.successes;

  SchwartzZippel cert;
  std::string sz_failure;
  for (const auto& shape : id.certificate_shapes()) {
    DegreeSource degrees;
    const long D = max_degree(id.residual(shape, degrees));
    UniformSource points(ctx.seed_for(claim_id, "schwartz-zippel " + shape.str()));
    for (int k = 0; k < opt.sz_points; ++k) {
      const exact::ProductPathScope path(k % 2 ? exact::ProductPath::PerEntry : exact::ProductPath::Flint);
      const Rational err = max_abs<Rational>(id.residual(shape, points));
      if (err != 0 && sz_failure.empty())
        sz_failure = shape.str() + ": uniform point " + std::to_string(k) + " differs by " + to_string(err);
    }
    cert = SchwartzZippel::worst(cert, SchwartzZippel{D, UniformSource::log2_set, opt.sz_points});
    ev.cases += opt.sz_points;
  }

  ev.max_error = to_double(worst);
  ev.note("rational matrix products", product_paths(products_before, exact::product_counts()));
  if (outcome.failed()) {
    record_failure(ev, outcome);
  } else if (!sz_failure.empty()) {
    ev.verdict = Verdict::Refuted;
    ev.counterexample = sz_failure;
  } else if (outcome.passed()) {
    ev.verdict = Verdict::ProvedExactly;
    ev.bound = cert.bound();
    ev.bound_label = "P(false pass) ≤";
    ev.certificate = cert.describe();
  } else {
    ev.verdict = Verdict::Inconclusive;
    ev.note("property", outcome.description);
  }
  return ev;
}

}  // namespace icl::check
