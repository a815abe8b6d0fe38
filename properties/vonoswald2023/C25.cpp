// vonoswald2023/C25 — the paper's P = (η/N)I and the code's P = diag(0, (η/N)I) give identical outputs.
#include "properties/vonoswald2023/common.hpp"
#include "methods/identity.hpp"

namespace icl::vonoswald2023::c25 {

using check::pick_dim;

struct PForms {
  Defect defect;
  struct Shape {
    int d, dy, N, K;
    std::string str() const { return dims({{"d", d}, {"d_y", dy}, {"N", N}, {"K", K}}); }
  };
  Shape random_shape() const { return {pick_dim(1, 5), pick_dim(1, 3), pick_dim(1, 8), pick_dim(1, 4)}; }
  std::vector<Shape> certificate_shapes() const { return {{1, 1, 1, 1}, {3, 2, 6, 3}}; }
  template <class Src>
  Mat<typename Src::Scalar> residual(const Shape& s, Src& src) const {
    using S = typename Src::Scalar;
    const Mat<S> X = src.matrix(s.d, s.N, "X"), Y = src.matrix(s.dy, s.N, "Y"), W0 = src.matrix(s.dy, s.d, "W_0");
    const Mat<S> xt = src.matrix(s.d, 1, "x_test");
    std::vector<S> etas;
    for (int k = 0; k < s.K; ++k) etas.push_back(src.scalar("η_" + std::to_string(k + 1)));
    const Prompt<S> in = vo::regression_prompt<S>(X, Y, xt, -(W0 * xt));
    auto code = vo::gd_stack<S>(W0, etas, s.N, vo::PForm::Code);
    if (defect == defects::CodePOnInputs)
      for (size_t k = 0; k < code.size(); ++k) {
        Mat<S>& P = code[k].heads[0].P;
        P.setZero();
        P.topLeftCorner(s.d, s.d).diagonal().setConstant(etas[k] / S(s.N));
      }
    return forward(vo::gd_stack<S>(W0, etas, s.N, vo::PForm::Paper), in).Z - forward(code, in).Z;
  }
};

Evidence check(Context& ctx) { return check::check_identity(ctx, PForms{ctx.defect()}); }

const Registration row(family(),
    ClaimRow("C25", Kind::Identity)
        .statement("The paper's and the code's P in K1 give identical outputs")
        .source("Prop. 1 vs the code's projection")
        .uses({"K1"}, {"forward passes"})
        .arithmetic("exact rational", {"exact"})
        .expect(Verdict::ProvedExactly, "W_V's x rows are zero, so P's x block multiplies zeros")
        .budget("cases", Axis::Cases, 100, 1)  // proof by the Schwartz–Zippel certificate
        .rejects_by_property(defects::CodePOnInputs, 0.3)
        .check(check),
    __FILE__);

}  // namespace icl::vonoswald2023::c25
