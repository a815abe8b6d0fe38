// Constructions in double (speed studies and training).
#include "constructions/attention_impl.hpp"
#include "constructions/giannou_logistic_impl.hpp"
#include "constructions/vonoswald_impl.hpp"
#include "constructions/zhangcao_impl.hpp"

ICL_INSTANTIATE_LSA(double)
ICL_INSTANTIATE_LSA_BACKWARD(double)
ICL_INSTANTIATE_SOFTMAX(double)
ICL_INSTANTIATE_SOFTMAX_BACKWARD(double)
ICL_INSTANTIATE_MLP(double)
ICL_INSTANTIATE_VONOSWALD_POLY(double)
ICL_INSTANTIATE_VONOSWALD_FEATURES(double)
ICL_INSTANTIATE_GIANNOU_POLY(double)
ICL_INSTANTIATE_GIANNOU_LOGISTIC(double)
ICL_INSTANTIATE_ZHANGCAO(double)
