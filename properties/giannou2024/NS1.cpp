// giannou2024/NS1 — order-2 Newton–Schulz squares the residual.
#include "properties/giannou2024/exact_common.hpp"

namespace icl::giannou2024::ns1 {

// ---- NS1: I − A·X(2I − AX) = (I − AX)² ----
struct Ns1 {
  Defect defect;
  struct Shape {
    int d;
    std::string str() const { return dims({{"d", d}}); }
  };
  Shape random_shape() const { return {pick_dim(1, 5)}; }
  std::vector<Shape> certificate_shapes() const { return {{1}, {3}, {5}}; }
  template <class Src>
  Mat<typename Src::Scalar> residual(const Shape& s, Src& src) const {
    using S = typename Src::Scalar;
    const Mat<S> A = src.matrix(s.d, s.d, "A"), X = src.matrix(s.d, s.d, "X");
    const Mat<S> I = Mat<S>::Identity(s.d, s.d);
    const Mat<S> E = I - A * X;
    const int exponent = defect == defects::WrongFormula ? 3 : 2;
    return (I - A * oracle::newton_schulz_step(A, X, 2)) - power(E, exponent);
  }
};


Evidence check(Context& ctx) {
  const Defect defect = ctx.defect(); return check::check_identity(ctx, Ns1{defect}); }

const Registration row(family(),
    ClaimRow("NS1", Kind::Identity)
        .statement("I − A·X(2I − AX) = (I − AX)² for all square A, X")
        .source("§2.2 (Newton–Schulz residual squaring)")
        .uses({"—"}, {"O2"})
        .arithmetic("exact rational", {"exact"})
        .expect(Verdict::ProvedExactly,
                "expand both sides")
        .budget("cases", Axis::Cases, 100, 1)  // proof by the Schwartz–Zippel certificate
        .rejects_by_property(defects::WrongFormula, 0.2)
        .check(check),
    __FILE__);

}  // namespace icl::giannou2024::ns1
