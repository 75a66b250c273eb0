#pragma once
// A seeded random number generator for benchmarks: splitmix64 gives the same sequence on
// every platform and standard library, so generated test data is the same on every run.

#include <cstddef>
#include <cstdint>

namespace scrutiny {

// splitmix64, with a helper for picking below a bound.
struct DeterministicRng {
  uint64_t state;
  explicit DeterministicRng(uint64_t seed) : state(seed) {}
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  size_t below(size_t n) { return static_cast<size_t>(next() % n); }
};

}  // namespace scrutiny
