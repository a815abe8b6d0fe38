#include "training/split_batch.hpp"

#include <thread>

namespace icl::training {

double split_batch(Eigen::Index B, int threads, const HalfGradient& half, std::vector<Eigen::MatrixXd>& grads) {
  const Eigen::Index h1 = B / 2;
  std::vector<Eigen::MatrixXd> g[2];
  double loss[2];
  const auto run = [&](int k) {
    const Eigen::Index first = k == 0 ? 0 : h1, count = k == 0 ? h1 : B - h1;
    loss[k] = half(first, count, g[k]);
    const double share = double(count) / double(B);
    loss[k] *= share;
    for (auto& w : g[k]) w *= share;
  };
  if (threads > 1) {
    std::thread other(run, 1);
    run(0);
    other.join();
  } else {
    run(0);
    run(1);
  }
  grads = std::move(g[0]);
  for (size_t i = 0; i < grads.size(); ++i) grads[i] += g[1][i];
  return loss[0] + loss[1];
}

}  // namespace icl::training
