// Portable, seeded random numbers. The standard distributions are implementation-defined, so the suite
// draws from its own xoshiro256** stream: the same seed gives the same instances everywhere.
#pragma once

#include <cstdint>
#include <string_view>

namespace icl {

uint64_t splitmix64(uint64_t& state);
uint64_t mix_seed(uint64_t seed, std::string_view tag);

class Rng {
 public:
  explicit Rng(uint64_t seed);
  uint64_t next();
  double uniform01();                       // [0, 1), 53 random bits
  double uniform(double lo, double hi);     // [lo, hi)
  int64_t integer(int64_t lo, int64_t hi);  // uniform on {lo, ..., hi}, unbiased
  double normal();                          // N(0, 1), Box–Muller
 private:
  uint64_t s_[4];
  double spare_ = 0;
  bool has_spare_ = false;
};

}  // namespace icl
