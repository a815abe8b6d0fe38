#include "properties/yang2024/family.hpp"

namespace icl::yang2024 {

const Family& family() {
  static const Family f{
      "yang2024",
      "T. Yang, Y. Huang, Y. Liang, Y. Chi, \"In-Context Learning with Representations: Contextual Generalization of "
      "Trained Transformers\", NeurIPS 2024",
      "2408.10147",
      {"C"},
      {},
  };
  return f;
}

}  // namespace icl::yang2024
