// vonoswald2023/C27 — the closed one-layer output formula with any number of heads.
#include "properties/vonoswald2023/common.hpp"
#include "methods/identity.hpp"

namespace icl::vonoswald2023::c27 {

using check::pick_dim;

struct OneLayerFormula {
  Defect defect;
  struct Shape {
    int d, N, H, k, v;
    std::string str() const { return dims({{"d", d}, {"N", N}, {"heads", H}, {"key", k}, {"value", v}}); }
  };
  Shape random_shape() const { return {pick_dim(1, 4), pick_dim(1, 6), pick_dim(1, 3), pick_dim(1, 4), pick_dim(1, 4)}; }
  std::vector<Shape> certificate_shapes() const { return {{1, 1, 1, 1, 1}, {3, 5, 2, 4, 3}}; }
  template <class Src>
  Mat<typename Src::Scalar> residual(const Shape& s, Src& src) const {
    using S = typename Src::Scalar;
    const Index D = s.d + 1;
    const Mat<S> X = src.matrix(s.d, s.N, "X"), y = src.matrix(1, s.N, "y"), xt = src.matrix(s.d, 1, "x_test");
    LsaLayer<S> layer;
    for (int h = 0; h < s.H; ++h) {
      const std::string n = std::to_string(h + 1);
      layer.heads.push_back({src.matrix(s.k, D, "W_K^" + n), src.matrix(s.k, D, "W_Q^" + n),
                             src.matrix(s.v, D, "W_V^" + n), src.matrix(D, s.v, "P^" + n)});
    }
    damage(layer, defect, s.N);
    const Mat<S> yhat = vo::predictions(forward(layer, vo::regression_prompt<S>(X, y, xt, Mat<S>::Zero(1, 1))), s.d);
    // ŷ = −Σ_h Σ_i (u_h^T x_i + b_h y_i)(x_i^T M_h x_test + y_i m_h^T x_test)
    S formula(0);
    for (const auto& h : layer.heads) {
      const Mat<S> PV = h.P * h.WV, KQ = h.WK.transpose() * h.WQ;
      const Mat<S> u = PV.block(s.d, 0, 1, s.d), M = KQ.topLeftCorner(s.d, s.d), m = KQ.block(s.d, 0, 1, s.d);
      const S b = PV(s.d, s.d);
      for (int i = 0; i < s.N; ++i) {
        const S value = (u * X.col(i))(0, 0) + b * y(0, i);
        const S score = (X.col(i).transpose() * M * xt)(0, 0) + y(0, i) * (m * xt)(0, 0);
        formula += value * score;
      }
    }
    return yhat - Mat<S>::Constant(1, 1, -formula);
  }
};

Evidence check(Context& ctx) { return check::check_identity(ctx, OneLayerFormula{ctx.defect()}); }

const Registration row(family(),
    ClaimRow("C27", Kind::Identity)
        .statement("With W_0 = 0 and a zero query label, a 1-layer LSA gives ŷ = −Σ_h Σ_i (u_h^T x_i + b_h y_i)(x_i^T M_h "
                   "x_test + y_i m_h^T x_test)")
        .source("§4 (the one-layer output in the C27 notation)")
        .uses({"any LSA layer"}, {"forward pass"})
        .arithmetic("exact rational", {"exact"})
        .expect(Verdict::ProvedExactly, "expand the query's label update with e_test = (x_test, 0)")
        .budget("cases", Axis::Cases, 100, 1)  // proof by the Schwartz–Zippel certificate
        .rejects_by_property(defects::QueryAmongKeys, 0.3)
        .check(check),
    __FILE__);

}  // namespace icl::vonoswald2023::c27
