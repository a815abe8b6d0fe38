// Generic layers in double (speed studies and training).
#include "constructions/attention_impl.hpp"

ICL_INSTANTIATE_LSA(double)
ICL_INSTANTIATE_LSA_BACKWARD(double)
ICL_INSTANTIATE_SOFTMAX(double)
ICL_INSTANTIATE_SOFTMAX_BACKWARD(double)
ICL_INSTANTIATE_MLP(double)
