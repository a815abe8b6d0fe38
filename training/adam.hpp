// Adam (Kingma & Ba 2015) over a list of matrices, with global-norm gradient clipping. Training runs in double.
#pragma once

#include <vector>

#include <Eigen/Core>

namespace icl {

class Adam {
 public:
  struct Options {
    double lr = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
    double clip = 0;  // global gradient norm cap; 0: none
  };
  explicit Adam(Options options) : o_(options) {}
  // params[i] -= step for grads[i]; `lr` overrides the options' rate (schedules).
  void step(const std::vector<Eigen::MatrixXd*>& params, std::vector<Eigen::MatrixXd> grads, double lr);
  long steps() const { return t_; }

 private:
  Options o_;
  std::vector<Eigen::MatrixXd> m_, v_;
  long t_ = 0;
};

// Cosine decay from lr to lr·floor over `total` steps.
double cosine_lr(double lr, double floor, long step, long total);

}  // namespace icl
