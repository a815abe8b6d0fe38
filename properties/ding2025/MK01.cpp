// ding2025/MK01 — one LSA layer's output is bᵀGAx_{n+1} = ⟨φ(b, A), x_{n+1} ⊗ g⟩; the rest of (P, Q) has no effect.
#include "constructions/ding2025/markov_lsa.hpp"
#include "methods/identity.hpp"
#include "properties/ding2025/family.hpp"

namespace icl::ding2025::mk01 {

using check::pick_dim;

struct OneLayer {
  Defect defect;
  struct Shape {
    int d, n;
    std::string str() const { return check::dims({{"d", d}, {"n", n}}); }
  };
  Shape random_shape() const { return {pick_dim(1, 4), pick_dim(1, 6)}; }
  std::vector<Shape> certificate_shapes() const { return {{1, 1}, {2, 3}, {4, 6}}; }
  template <class Src>
  Mat<typename Src::Scalar> residual(const Shape& s, Src& src) const {
    using S = typename Src::Scalar;
    // Every entry of P and Q is drawn: entries outside bᵀ and A must drop out.
    const Mat<S> X = src.matrix(s.d, s.n + 1, "x_1 … x_{n+1}"), y = src.matrix(1, s.n, "y_1 … y_n");
    const Mat<S> P = src.matrix(s.d + 1, s.d + 1, "P"), Q = src.matrix(s.d + 1, s.d + 1, "Q");
    const Prompt<S> Z = ding::markov_prompt<S>(X, y);
    LsaLayer<S> layer = ding::lsa_layer<S>(P, Q, s.n);
    if (defect == defects::DropOneOverN) layer.lambda = S(1);
    if (defect == defects::QueryAmongKeys) layer.keys = KeySet::All;
    const S tf = ding::readout(forward(layer, Z));
    const Vec<S> b = P.row(s.d).transpose();
    const Mat<S> A = Q.leftCols(s.d);
    // bᵀ G A x_{n+1} written out: G = (1/n) Σ_{i ≤ n} z_i z_iᵀ.
    Mat<S> G = Mat<S>::Zero(s.d + 1, s.d + 1);
    for (int i = 0; i < s.n; ++i) {
      Vec<S> z(s.d + 1);
      z << X.col(i), y(0, i);
      G += z * z.transpose();
    }
    G *= S(1) / S(s.n);
    const S direct = (b.transpose() * G * A * X.col(s.n))(0, 0);
    Mat<S> r(2, 1);
    r(0, 0) = tf - direct;
    Vec<S> X_phi = ding::phi<S>(b, A);
    if (defect == defects::WrongRho)  // ρ(1,1) and ρ(1,2) exchanged in φ (not in the query features)
      for (Index j = 0; j < s.d; ++j) std::swap(X_phi(j * ding::pair_count(s.d)), X_phi(j * ding::pair_count(s.d) + 1));
    r(1, 0) = tf - X_phi.dot(ding::query_features(Z));
    return r;
  }
};

Evidence check(Context& ctx) { return check::check_identity(ctx, OneLayer{ctx.defect()}); }

const Registration row(family(),
    ClaimRow("MK01", Kind::Identity)
        .statement("One-layer output = bᵀ G A x_{n+1} = ⟨φ(b, A), x_{n+1} ⊗ g⟩; entries of P outside its last row and "
                   "of Q outside its first d columns have no effect")
        .source("§2.2–2.3 (reparameterisation)")
        .uses({"K1", "K2"}, {"bᵀGAx written out"})
        .arithmetic("exact rational", {"exact"})
        .expect(Verdict::ProvedExactly,
                "only row d+1 of P reaches the read-out, and the query's zero label kills Q's last column")
        .budget("cases", Axis::Cases, 100, 1)  // proof by the Schwartz–Zippel certificate
        .rejects_by_property(defects::DropOneOverN, 0.3)
        .rejects_by_property(defects::QueryAmongKeys, 0.3)
        .rejects_by_property(defects::WrongRho, 0.3)
        .check(check),
    __FILE__);

}  // namespace icl::ding2025::mk01
