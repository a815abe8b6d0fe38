// vonoswald2023/C4 — a layer depends on its weights only through W_K^T W_Q and P W_V, up to (s·W_PV, W_KQ/s).
#include "properties/vonoswald2023/common.hpp"
#include "methods/identity.hpp"

namespace icl::vonoswald2023::c4 {

using check::pick_dim;
using check::unit_lower;
using check::unit_lower_inverse;

struct Refactor {
  Defect defect;
  struct Shape {
    int D, H, k, v, T, n_ctx;
    std::string str() const {
      return dims({{"width", D}, {"heads", H}, {"key", k}, {"value", v}, {"tokens", T}, {"context", n_ctx}});
    }
  };
  Shape random_shape() const {
    const int T = pick_dim(1, 6);
    return {pick_dim(1, 4), pick_dim(1, 2), pick_dim(1, 4), pick_dim(1, 4), T, pick_dim(1, T)};
  }
  std::vector<Shape> certificate_shapes() const { return {{1, 1, 1, 1, 1, 1}, {4, 2, 3, 5, 6, 5}}; }
  template <class Src>
  Mat<typename Src::Scalar> residual(const Shape& s, Src& src) const {
    using S = typename Src::Scalar;
    Prompt<S> in{src.matrix(s.D, s.T, "Z"), s.n_ctx};
    LsaLayer<S> original, refactored;
    for (int h = 0; h < s.H; ++h) {
      const std::string n = std::to_string(h + 1);
      Head<S> a{src.matrix(s.k, s.D, "W_K^" + n), src.matrix(s.k, s.D, "W_Q^" + n), src.matrix(s.v, s.D, "W_V^" + n),
                src.matrix(s.D, s.v, "P^" + n)};
      const S scale = src.nonzero("s^" + n);
      const Mat<S> G = unit_lower(src, s.k, "G^" + n), F = unit_lower(src, s.v, "F^" + n);
      Head<S> b;
      b.WK = unit_lower_inverse(G).transpose() * a.WK;  // W_K'^T W_Q' = W_K^T G^{-1} G W_Q
      b.WQ = G * a.WQ;
      b.WV = F * a.WV;  // P' W_V' = s P F^{-1} F W_V
      b.P = scale * (a.P * unit_lower_inverse(F));
      if (defect != defects::UncompensatedRescale) b.WK = b.WK / scale;
      original.heads.push_back(a);
      refactored.heads.push_back(b);
    }
    return forward(original, in).Z - forward(refactored, in).Z;
  }
};

Evidence check(Context& ctx) { return check::check_identity(ctx, Refactor{ctx.defect()}); }

const Registration row(family(),
    ClaimRow("C4", Kind::Identity)
        .statement("(W_PV·s, W_KQ/s), s ≠ 0, and any factorisation with equal products give identical outputs")
        .source("§2.2 (the W_KQ, W_PV parameterisation)")
        .uses({"K1"}, {"second forward pass"})
        .arithmetic("exact rational", {"exact"})
        .expect(Verdict::ProvedExactly, "a layer depends on its weights only through W_K^T W_Q and P W_V")
        .budget("cases", Axis::Cases, 100, 1)  // proof by the Schwartz–Zippel certificate
        .rejects_by_property(defects::UncompensatedRescale, 0.3)
        .check(check),
    __FILE__);

}  // namespace icl::vonoswald2023::c4
