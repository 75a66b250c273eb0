#include "byte_reader.h"

namespace scrutiny {

uint8_t ByteReader::u8() {
  if (!take(1)) return 0;
  return static_cast<uint8_t>(in_[at_++]);
}

uint32_t ByteReader::u32() {
  if (!take(4)) return 0;
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= uint32_t{static_cast<uint8_t>(in_[at_++])} << (8 * i);
  return v;
}

uint64_t ByteReader::u64() {
  if (!take(8)) return 0;
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= uint64_t{static_cast<uint8_t>(in_[at_++])} << (8 * i);
  return v;
}

std::string ByteReader::str() { return std::string(raw(u32())); }

std::string_view ByteReader::raw(size_t n) {
  if (!take(n)) return {};
  std::string_view out = in_.substr(at_, n);
  at_ += n;
  return out;
}

uint32_t ByteReader::count(size_t each) {
  uint32_t n = u32();
  if (ok && n > left() / each) ok = false;
  return ok ? n : 0;
}

}  // namespace scrutiny
