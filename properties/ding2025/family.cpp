#include "properties/ding2025/family.hpp"

namespace icl::ding2025 {

const Family& family() {
  static const Family f{
      "ding2025",
      "Y. Ding, J. Lu, Z. Lu, R. Nowicki, J. Gao, \"Optimality and NP-Hardness of Transformers in Learning Markovian "
      "Dynamical Functions\", NeurIPS 2025",
      "2510.18638",
      {"MK"},
      {},
  };
  return f;
}

}  // namespace icl::ding2025
