// The one gradient checker: analytic gradients against MPFR central differences (core/finite_difference.hpp).
// Acceptance is normwise and derived from the arithmetic the analytic gradient was computed in (unit roundoff u):
//   max_i |g_fd,i − g_an,i| / max_i |g_fd,i|  ≤  √u,
// half the working digits — rounding in the analytic gradient (error ≈ c·u with c far below u^{-1/2}) passes, and a
// wrong term anywhere above √u of the gradient's scale fails. The central differences themselves are accurate to
// ~2^-160 (h = 2^-80 at 256 bits), far below either arithmetic's √u.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/scalar.hpp"

namespace icl::training {

struct GradientCheck {
  double discrepancy = 0;  // normwise, as above
  double tolerance = 0;    // √u of the analytic arithmetic
  long entries = 0;
  bool passed() const { return discrepancy <= tolerance; }
  std::string describe() const;
};

// `entries[k]` is a parameter the loss reads by reference, `analytic[k]` its analytic derivative. Call inside a
// PrecisionScope(kCentralDifferenceBits) in which the model was built.
GradientCheck check_gradient(const std::vector<Mpfr*>& entries, const std::vector<Mpfr>& analytic,
                             double analytic_unit_roundoff, const std::function<Mpfr()>& loss);

// The same over a sample of a model's parameters: entries k mod `offsets`, k mod `offsets` + stride, … of parameter
// matrix k, against `grads[k]` times `factor` (≠ 1: a wrong gradient that the check must reject).
GradientCheck check_gradient_sampled(const std::vector<Mat<Mpfr>*>& params, const std::vector<const Mat<Mpfr>*>& grads,
                                     Index stride, Index offsets, double factor, const std::function<Mpfr()>& loss);

}  // namespace icl::training
