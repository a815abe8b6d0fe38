#include "core/random.hpp"

#include <cmath>

namespace icl {

uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

uint64_t mix_seed(uint64_t seed, std::string_view tag) {
  uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a of the tag, then one splitmix round with the seed
  for (unsigned char c : tag) h = (h ^ c) * 0x100000001b3ULL;
  uint64_t state = seed ^ h;
  return splitmix64(state);
}

Rng::Rng(uint64_t seed) {
  uint64_t st = seed;
  for (auto& w : s_) w = splitmix64(st);
}

int64_t Rng::integer(int64_t lo, int64_t hi) {
  const uint64_t span = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo) + 1;
  if (span == 0) return static_cast<int64_t>(next());  // the full 64-bit range
  const uint64_t limit = UINT64_MAX - UINT64_MAX % span;
  uint64_t r;
  do r = next(); while (r >= limit);
  return static_cast<int64_t>(static_cast<uint64_t>(lo) + r % span);
}

// One Box–Muller pair: returns r cos θ and keeps r sin θ. glibc's sincos gives the bits of sin and cos apart (checked on
// 2·10⁸ angles), so the stream is the one the separate calls drew, at one argument reduction instead of two.
double Rng::normal_pair() {
  double u1;
  do u1 = uniform01(); while (u1 == 0.0);
  const double u2 = uniform01();
  const double r = std::sqrt(-2.0 * std::log(u1));
  const double theta = 2.0 * M_PI * u2;
  double s, c;
  ::sincos(theta, &s, &c);
  spare_ = r * s;
  has_spare_ = true;
  return r * c;
}

}  // namespace icl
