#include "training/adam.hpp"

#include <cmath>

namespace icl {

void Adam::step(const std::vector<Eigen::MatrixXd*>& params, std::vector<Eigen::MatrixXd> grads, double lr) {
  if (m_.empty()) {
    for (const auto* p : params) {
      m_.push_back(Eigen::MatrixXd::Zero(p->rows(), p->cols()));
      v_.push_back(Eigen::MatrixXd::Zero(p->rows(), p->cols()));
    }
  }
  if (o_.clip > 0) {
    double norm2 = 0;
    for (const auto& g : grads) norm2 += g.squaredNorm();
    const double norm = std::sqrt(norm2);
    if (norm > o_.clip)
      for (auto& g : grads) g *= o_.clip / norm;
  }
  ++t_;
  const double c1 = 1 - std::pow(o_.beta1, static_cast<double>(t_)), c2 = 1 - std::pow(o_.beta2, static_cast<double>(t_));
  for (size_t i = 0; i < params.size(); ++i) {
    m_[i] = o_.beta1 * m_[i] + (1 - o_.beta1) * grads[i];
    v_[i] = o_.beta2 * v_[i] + (1 - o_.beta2) * grads[i].cwiseProduct(grads[i]);
    params[i]->array() -= lr * (m_[i].array() / c1) / ((v_[i].array() / c2).sqrt() + o_.eps);
  }
}

double cosine_lr(double lr, double floor, long step, long total) {
  const double progress = total > 0 ? std::min(1.0, static_cast<double>(step) / static_cast<double>(total)) : 1.0;
  return lr * (floor + (1 - floor) * 0.5 * (1 + std::cos(M_PI * progress)));
}

}  // namespace icl
