// A batch's gradient as the share-weighted sum over two fixed halves, the second half on another thread when `threads`
// > 1 (the result does not depend on the threads). `half(first, count, grads)` returns the mean loss over the tasks
// [first, first + count) and fills `grads` with its gradient; the batch's mean loss is returned and its gradient left
// in `grads`.
#pragma once

#include <functional>
#include <vector>

#include <Eigen/Core>

namespace icl::training {

using HalfGradient = std::function<double(Eigen::Index first, Eigen::Index count, std::vector<Eigen::MatrixXd>& grads)>;
double split_batch(Eigen::Index B, int threads, const HalfGradient& half, std::vector<Eigen::MatrixXd>& grads);

}  // namespace icl::training
