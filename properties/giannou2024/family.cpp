#include "properties/giannou2024/family.hpp"

namespace icl::giannou2024 {

const Family& family() {
  static const Family f{
      "giannou2024",
      "A. Giannou, L. Yang, T. Wang, D. Papailiopoulos, J. D. Lee, \"How Well Can Transformers Emulate In-context "
      "Newton's Method?\", AISTATS 2025 (PMLR 258:4843–4851)",
      "2403.03183",
      {"NS", "LSA", "REG", "LOG", "RELU", "ACC", "EXP"},
      {},
  };
  return f;
}

}  // namespace icl::giannou2024
