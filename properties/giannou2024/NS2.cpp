// giannou2024/NS2 — order-n Newton–Schulz raises the residual to the n-th power.
#include "properties/giannou2024/exact_common.hpp"

namespace icl::giannou2024::ns2 {

// ---- NS2: order n: I − AX' = (I − AX)^n and I − X'A = (I − XA)^n ----
struct Ns2 {
  Defect defect;
  struct Shape {
    int d, order;
    std::string str() const { return dims({{"d", d}, {"n", order}}); }
  };
  Shape random_shape() const { return {pick_dim(1, 4), pick_dim(2, 6)}; }
  std::vector<Shape> certificate_shapes() const { return {{2, 2}, {3, 3}, {2, 4}, {3, 5}, {2, 6}}; }
  template <class Src>
  Mat<typename Src::Scalar> residual(const Shape& s, Src& src) const {
    using S = typename Src::Scalar;
    const Mat<S> A = src.matrix(s.d, s.d, "A"), X = src.matrix(s.d, s.d, "X");
    const Mat<S> I = Mat<S>::Identity(s.d, s.d);
    const Mat<S> Xn = oracle::newton_schulz_step(A, X, s.order);
    const int e = defect == defects::WrongFormula ? s.order + 1 : s.order;
    return stack_rows<S>({Mat<S>(I - A * Xn - power<S>(I - A * X, e)), Mat<S>(I - Xn * A - power<S>(I - X * A, e))});
  }
};


Evidence check(Context& ctx) {
  const Defect defect = ctx.defect(); return check::check_identity(ctx, Ns2{defect}); }

const Registration row(family(),
    ClaimRow("NS2", Kind::Identity)
        .statement("Order n: I − AX′ = (I − AX)^n and I − X′A = (I − XA)^n, n = 2..6")
        .source("§2.2 (order-n Newton–Schulz, Li & Li 2010)")
        .uses({"—"}, {"O2"})
        .arithmetic("exact rational", {"exact"})
        .expect(Verdict::ProvedExactly,
                "AX′ = Σ_m (−1)^m C(n, m+1)(AX)^{m+1} = I − (I − AX)^n by the binomial theorem")
        .budget("cases", Axis::Cases, 100, 1)  // proof by the Schwartz–Zippel certificate
        .rejects_by_property(defects::WrongFormula, 0.2)
        .check(check),
    __FILE__);

}  // namespace icl::giannou2024::ns2
