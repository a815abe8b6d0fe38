// Giannou family: helpers of the exact identity checks (matrix powers, block stacking, broken Newton blocks).
#pragma once

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "constructions/giannou2024/newton_blocks.hpp"
#include "methods/identity.hpp"
#include "oracles/newton.hpp"
#include "properties/giannou2024/family.hpp"

namespace icl::giannou2024 {

namespace gi = icl::giannou;
using check::pick_bool;
using check::pick_dim;

using check::dims;

template <class S>
Mat<S> power(const Mat<S>& M, int e) {
  Mat<S> r = Mat<S>::Identity(M.rows(), M.cols());
  for (int i = 0; i < e; ++i) r = r * M;
  return r;
}

template <class S>
Mat<S> stack_rows(std::initializer_list<Mat<S>> blocks) {
  Index rows = 0, cols = blocks.begin()->cols();
  for (const auto& b : blocks) rows += b.rows();
  Mat<S> m(rows, cols);
  Index r = 0;
  for (const auto& b : blocks) {
    m.middleRows(r, b.rows()) = b;
    r += b.rows();
  }
  return m;
}

// Broken variants of the Newton blocks.
template <class S>
void damage(std::vector<LsaLayer<S>>& layers, Defect defect) {
  if (layers.empty()) return;
  LsaLayer<S>& last = layers.back();
  if (defect == defects::FlipValueSign) last.heads[0].WV = -last.heads[0].WV;
  if (defect == defects::MissingHead && last.heads.size() > 1) last.heads.pop_back();
  if (defect == defects::SwapKeyQuery) std::swap(last.heads[0].WK, last.heads[0].WQ);
}

}  // namespace icl::giannou2024
