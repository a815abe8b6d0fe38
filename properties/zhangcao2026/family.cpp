#include "properties/zhangcao2026/family.hpp"

namespace icl::zhangcao2026 {

const Family& family() {
  static const Family f{
      "zhangcao2026",
      "Zhang and Cao, \"Transformers Efficiently Perform In-Context Logistic Regression via Normalized Gradient "
      "Descent\", arXiv preprint 2026 (cited as ICML 2026)",
      "2605.06609",
      {"C"},
      {},
  };
  return f;
}

}  // namespace icl::zhangcao2026
