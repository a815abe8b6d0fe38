// Compiled by the ctest `build/oracle-independence` as if it were an oracle: it must not compile.
#include "constructions/attention.hpp"
