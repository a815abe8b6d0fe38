#include "oracles/classifiers.hpp"

#include <algorithm>
#include <numeric>

#include <Eigen/QR>

#include "oracles/logistic.hpp"

namespace icl::oracle {

namespace {

Mat<double> with_intercept(const Mat<double>& X) {
  Mat<double> A(X.rows(), X.cols() + 1);
  A << X, Mat<double>::Ones(X.rows(), 1);
  return A;
}

Vec<double> with_intercept(const Vec<double>& x) {
  Vec<double> a(x.size() + 1);
  a << x, 1.0;
  return a;
}

Vec<double> signs(const Vec<double>& y) { return (2 * y.array() - 1).matrix(); }

}  // namespace

int logistic_predict(const Mat<double>& X, const Vec<double>& y, const Vec<double>& query) {
  const Logistic<double> L{with_intercept(X), signs(y), 1.0 / double(X.rows())};
  const Vec<double> w = minimize<double>(L, Vec<double>::Zero(L.d()), 1e-10);
  return with_intercept(query).dot(w) >= 0;
}

int least_squares_predict(const Mat<double>& X, const Vec<double>& y, const Vec<double>& query) {
  const Vec<double> w = with_intercept(X).completeOrthogonalDecomposition().solve(y);
  return with_intercept(query).dot(w) >= 0.5;
}

int knn_predict(const Mat<double>& X, const Vec<double>& y, const Vec<double>& query, int k) {
  std::vector<Index> order(X.rows());
  std::iota(order.begin(), order.end(), 0);
  std::vector<double> dist(X.rows());
  for (Index i = 0; i < X.rows(); ++i) dist[i] = (X.row(i).transpose() - query).squaredNorm();
  std::stable_sort(order.begin(), order.end(), [&](Index a, Index b) { return dist[a] < dist[b]; });
  double ones = 0;
  const Index m = std::min<Index>(k, X.rows());
  for (Index i = 0; i < m; ++i) ones += y(order[i]);
  return 2 * ones > double(m);
}

int svm_predict(const Mat<double>& X, const Vec<double>& y, const Vec<double>& query, double C) {
  // Dual of min ½‖w‖² + C Σ max(0, 1 − s_i wᵀa_i): max Σα_i − ½‖Σ α_i s_i a_i‖², 0 ≤ α_i ≤ C, w = Σ α_i s_i a_i.
  const Mat<double> A = with_intercept(X);
  const Vec<double> s = signs(y);
  Vec<double> alpha = Vec<double>::Zero(A.rows()), w = Vec<double>::Zero(A.cols());
  for (int sweep = 0; sweep < 10000; ++sweep) {
    double worst = 0;
    for (Index i = 0; i < A.rows(); ++i) {
      const double q = A.row(i).squaredNorm();
      if (q == 0) continue;
      const double g = s(i) * A.row(i).dot(w) - 1;
      const double pg = alpha(i) == 0 ? std::min(g, 0.0) : alpha(i) == C ? std::max(g, 0.0) : g;
      worst = std::max(worst, std::abs(pg));
      if (pg == 0) continue;
      const double next = std::clamp(alpha(i) - g / q, 0.0, C);
      w += (next - alpha(i)) * s(i) * A.row(i).transpose();
      alpha(i) = next;
    }
    if (worst < 1e-10) break;
  }
  return with_intercept(query).dot(w) >= 0;
}

}  // namespace icl::oracle
