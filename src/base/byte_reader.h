#pragma once
// Reading the little-endian records of scrutiny's own cache files, which are untrusted input:
// a file cut short or damaged must never be read past its end.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace scrutiny {

// Reads numbers and strings from bytes; once anything is out of bounds, `ok` stays false and
// every read gives zero or nothing, so callers check once per record rather than per field.
class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : in_(bytes) {}
  bool ok = true;
  size_t left() const { return in_.size() - at_; }
  // True when `n` more bytes are there to read; else `ok` goes false.
  bool take(size_t n) {
    if (!ok || n > left()) return ok = false;
    return true;
  }
  uint8_t u8();
  uint32_t u32();
  uint64_t u64();
  int32_t i32() { return static_cast<int32_t>(u32()); }
  int64_t i64() { return static_cast<int64_t>(u64()); }
  std::string str();  // a u32 length, then that many bytes
  // The next `n` bytes, or nothing (and `ok` false) when there are fewer.
  std::string_view raw(size_t n);
  // A count of items each at least `each` bytes long: never more than the bytes left could
  // hold, so a damaged count cannot make a reader reserve gigabytes.
  uint32_t count(size_t each = 1);

 private:
  std::string_view in_;
  size_t at_ = 0;
};

}  // namespace scrutiny
