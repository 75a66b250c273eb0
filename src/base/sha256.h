#pragma once
// SHA-256 (FIPS 180-4): a digest of bytes, for telling whether what a page reads has changed.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace scrutiny {

// Fed bytes in pieces, gives the digest of all of them together.
class Sha256 {
 public:
  Sha256();
  void update(std::string_view bytes);
  std::array<uint8_t, 32> finish();  // call once
  // finish() in lower-case hex, cut to its first `bytes` bytes.
  std::string hex(size_t bytes = 32);

 private:
  void block(const uint8_t* p);
  std::array<uint32_t, 8> state_;
  std::array<uint8_t, 64> buffer_{};
  size_t buffered_ = 0;
  uint64_t length_ = 0;
};

}  // namespace scrutiny
