// von Oswald family: helpers shared by the claim files (broken variants applied to layers, shape labels).
#pragma once

#include "methods/identity.hpp"

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "constructions/vonoswald2023/layers.hpp"
#include "core/claim.hpp"
#include "properties/vonoswald2023/family.hpp"

namespace icl::vonoswald2023 {

namespace vo = icl::vonoswald;

template <class S>
void damage(LsaLayer<S>& layer, Defect defect, Index N) {
  for (auto& h : layer.heads) {
    if (defect == defects::FlipValueSign) h.WV = -h.WV;
    if (defect == defects::DropOneOverN) h.P *= S(N);
    if (defect == defects::TransposeValue) h.WV.transposeInPlace();
    if (defect == defects::FlipGammaSign) {
      const Index d = h.P.rows() - 1;
      h.P.topLeftCorner(d, d) = -h.P.topLeftCorner(d, d);
    }
  }
  if (defect == defects::QueryAmongKeys) layer.keys = KeySet::All;
}

template <class S>
void damage(std::vector<LsaLayer<S>>& stack, Defect defect, Index N) {
  for (auto& layer : stack) damage(layer, defect, N);
}

using check::dims;

}  // namespace icl::vonoswald2023
