// giannou2024/REG1 — the 3 + T layer regression pipeline outputs a_test^T X_T A^T y.
#include "properties/giannou2024/exact_common.hpp"

namespace icl::giannou2024::reg1 {

// ---- REG1: the 3 + T layer pipeline outputs a_test^T X_T A^T y (with ridge rows for μ = s²) ----
struct Regression {
  Defect defect;
  struct Shape {
    int d, n, T;
    bool ridge;
    std::string str() const { return dims({{"d", d}, {"n", n}, {"T", T}, {"ridge", ridge}}); }
  };
  Shape random_shape() const { return {pick_dim(1, 3), pick_dim(1, 6), pick_dim(0, 3), pick_bool()}; }
  std::vector<Shape> certificate_shapes() const { return {{1, 1, 1, false}, {2, 4, 2, true}, {3, 5, 3, false}}; }
  template <class Src>
  Mat<typename Src::Scalar> residual(const Shape& s, Src& src) const {
    using S = typename Src::Scalar;
    Mat<S> A = src.matrix(s.n, s.d, "A");
    Vec<S> y = src.matrix(s.n, 1, "y");
    const Vec<S> a_test = src.matrix(s.d, 1, "a_test");
    const S alpha = src.scalar("α_R");
    if (s.ridge) {  // d extra data columns a = s·e_i, label 0: A^T A + s² I, A^T y unchanged
      const S root_mu = src.scalar("√μ");
      Mat<S> Aa(s.n + s.d, s.d);
      Aa << A, Mat<S>(root_mu * Mat<S>::Identity(s.d, s.d));
      Vec<S> ya(s.n + s.d);
      ya << y, Vec<S>::Zero(s.d);
      A = Aa;
      y = ya;
    }
    const gi::RegressionLayout L{s.d, A.rows()};
    const Prompt<S> out = forward(gi::regression_network<S>(L, alpha, s.T),
                                  gi::regression_prompt<S>(L, A, y, a_test, defect == defects::QueryInGram));
    const Mat<S> R = A.transpose() * A;
    const Mat<S> XT = oracle::newton_schulz<S>(R, Mat<S>(alpha * R), s.T, 2);
    return Mat<S>::Constant(1, 1, gi::regression_output(out, L) - (a_test.transpose() * XT * A.transpose() * y)(0, 0));
  }
};


Evidence check(Context& ctx) {
  const Defect defect = ctx.defect();
  return check::check_identity(ctx, Regression{defect}, check::IdentityOptions{"", "cases"});
}

const Registration row(family(),
    ClaimRow("REG1", Kind::Identity)
        .statement("K4 outputs ŷ = a_test^T X_T A^T y with X_0 = α_R A^TA (and the ridge variant with μ = s²)")
        .source("Theorem 4.2 (reconstructed K4), Remark 4.4 (ridge)")
        .uses({"K4"}, {"O2", "O3"})
        .arithmetic("exact rational", {"exact"})
        .expect(Verdict::ProvedExactly,
                "layer 1 builds R and X_0, T symmetric Newton layers, two read-out layers (query kept in slot "
                "4)")
        .budget("cases", Axis::Cases, 60, 1)  // proof by the Schwartz–Zippel certificate
        .rejects_by_property(defects::QueryInGram, 0.33)
        .check(check),
    __FILE__);

}  // namespace icl::giannou2024::reg1
