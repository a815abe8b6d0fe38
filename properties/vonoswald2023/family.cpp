#include "properties/vonoswald2023/family.hpp"

namespace icl::vonoswald2023 {

const Family& family() {
  static const Family f{
    "vonoswald2023",
    "J. von Oswald, E. Niklasson, E. Randazzo, J. Sacramento, A. Mordvintsev, A. Zhmoginov, M. Vladymyrov, "
    "\"Transformers Learn In-Context by Gradient Descent\", ICML 2023 (PMLR 202:35151–35174)",
    "2212.07677",
    {"C"},
    {},
  };
  return f;
}

}  // namespace icl::vonoswald2023
