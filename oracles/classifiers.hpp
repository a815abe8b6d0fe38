// Baseline classifiers for in-context binary prediction (ding2025 MK27's logistic regression, least squares, 3-NN,
// SVM), each fitted on one prompt's context (rows of X, labels in {0, 1}) and asked for the query's label. Double.
// Every fit has an intercept. Written from the textbook definitions:
//   logistic   ℓ2-regularised, μ = 1/n (scikit-learn's C = 1), minimised by O4's damped Newton (oracles/logistic);
//   least      minimum-norm least squares on the 0/1 labels, predicting 1 when the fit is ≥ 1/2;
//   knn        the k nearest context rows in Euclidean (for 0/1 rows: Hamming) distance, ties by context order,
//              majority label;
//   svm        linear soft-margin SVM, C = 1, hinge loss, by dual coordinate descent (Hsieh et al. 2008) on the
//              rows augmented with a constant 1, until the projected gradient is below 1e-10 or 10⁴ sweeps.
#pragma once

#include "core/scalar.hpp"

namespace icl::oracle {

int logistic_predict(const Mat<double>& X, const Vec<double>& y, const Vec<double>& query);
int least_squares_predict(const Mat<double>& X, const Vec<double>& y, const Vec<double>& query);
int knn_predict(const Mat<double>& X, const Vec<double>& y, const Vec<double>& query, int k);
int svm_predict(const Mat<double>& X, const Vec<double>& y, const Vec<double>& query, double C = 1);

}  // namespace icl::oracle
