// giannou2024/NS3 — from X_0 = αA^T the residual is (I − αAA^T)^(2^k).
#include "properties/giannou2024/exact_common.hpp"

namespace icl::giannou2024::ns3 {

// ---- NS3: X_0 = αA^T ⇒ I − AX_k = (I − αAA^T)^{2^k} ----
struct Ns3 {
  Defect defect;
  struct Shape {
    int d, k;
    std::string str() const { return dims({{"d", d}, {"k", k}}); }
  };
  Shape random_shape() const { return {pick_dim(1, 3), pick_dim(0, 6)}; }
  std::vector<Shape> certificate_shapes() const { return {{1, 6}, {2, 6}, {3, 4}}; }
  template <class Src>
  Mat<typename Src::Scalar> residual(const Shape& s, Src& src) const {
    using S = typename Src::Scalar;
    const Mat<S> A = src.matrix(s.d, s.d, "A");
    const S alpha = src.scalar("α");
    const Mat<S> I = Mat<S>::Identity(s.d, s.d);
    const Mat<S> Xk = oracle::newton_schulz<S>(A, Mat<S>(alpha * A.transpose()), s.k, 2);
    Mat<S> E = I - alpha * A * A.transpose();
    for (int j = 0; j < s.k + (defect == defects::WrongFormula ? 1 : 0); ++j) E = E * E;  // E^{2^k}
    return (I - A * Xk) - E;
  }
};


Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  return check::check_identity(ctx, Ns3{defect}, check::IdentityOptions{"", "cases"});
}

const Registration row(family(),
    ClaimRow("NS3", Kind::Identity)
        .statement("X_0 = αA^T ⇒ I − AX_k = (I − αAA^T)^{2^k}")
        .source("§2.2 (X_0 = αA^T)")
        .uses({"—"}, {"O2"})
        .arithmetic("exact rational (k ≤ 6)", {"exact"})
        .expect(Verdict::ProvedExactly,
                "NS1 squares the residual at every step")
        .budget("cases", Axis::Cases, 40, 1)  // proof by the Schwartz–Zippel certificate
        .rejects_by_property(defects::WrongFormula, 0.5)
        .check(check),
    __FILE__);

}  // namespace icl::giannou2024::ns3
