#include "training/gradient_check.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "core/finite_difference.hpp"

namespace icl::training {

std::string GradientCheck::describe() const {
  return fmt::format("analytic vs MPFR central differences over {} entries: normwise discrepancy {:.2e} (tolerance √u = "
                     "{:.2e})",
                     entries, discrepancy, tolerance);
}

GradientCheck check_gradient(const std::vector<Mpfr*>& entries, const std::vector<Mpfr>& analytic,
                             double analytic_unit_roundoff, const std::function<Mpfr()>& loss) {
  if (entries.size() != analytic.size()) throw std::logic_error("check_gradient: entries and gradients differ in number");
  if (precision_bits(Mpfr(0)) < kCentralDifferenceBits)
    throw std::logic_error("check_gradient: call inside a PrecisionScope(kCentralDifferenceBits)");
  const Mpfr h = central_difference_step();
  Mpfr worst(0), scale(0);
  for (size_t k = 0; k < entries.size(); ++k) {
    const Mpfr fd = central_difference(*entries[k], h, loss);
    worst = std::max(worst, Mpfr(abs(Mpfr(fd - analytic[k]))));
    scale = std::max(scale, Mpfr(abs(fd)));
  }
  GradientCheck g;
  g.entries = static_cast<long>(entries.size());
  g.tolerance = std::sqrt(analytic_unit_roundoff);
  g.discrepancy = scale > 0 ? to_double(Mpfr(worst / scale)) : to_double(worst);
  return g;
}

GradientCheck check_gradient_sampled(const std::vector<Mat<Mpfr>*>& params, const std::vector<const Mat<Mpfr>*>& grads,
                                     Index stride, Index offsets, double factor, const std::function<Mpfr()>& loss) {
  if (params.size() != grads.size()) throw std::logic_error("check_gradient_sampled: parameters and gradients differ in number");
  std::vector<Mpfr*> entries;
  std::vector<Mpfr> analytic;
  for (size_t k = 0; k < params.size(); ++k)
    for (Index i = Index(k) % offsets; i < params[k]->size(); i += stride) {
      entries.push_back(&(*params[k])(i));
      analytic.push_back((*grads[k])(i) * Mpfr(factor));
    }
  return check_gradient(entries, analytic, std::ldexp(1.0, -kCentralDifferenceBits), loss);
}

}  // namespace icl::training
