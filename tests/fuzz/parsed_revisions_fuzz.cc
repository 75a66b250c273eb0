// The kept parsed revisions' decoder (ParsedRevisions::decode, src/history/parsed_revisions.h).
// The input is the file's records: the target adds the header and the checksum, so fuzzing
// reaches the bounds and value checks rather than stopping at the checksum. Any records are
// either refused or decode into revisions that encode back to exactly the same bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>

#include "parsed_revisions.h"

namespace {

// What parsed_revisions.cc writes around the records: magic, format version 2 (little-endian),
// and after them its checksum of everything before it (FNV-1a over 8-byte words).
std::string sealed(const uint8_t* data, size_t size) {
  std::string bytes = "scrutiny parsed-revisions\n";
  bytes.append("\x02\x00\x00\x00", 4);
  bytes.append(reinterpret_cast<const char*>(data), size);
  uint64_t h = 14695981039346656037ull;
  size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    uint64_t w = 0;
    for (int k = 0; k < 8; ++k) w |= uint64_t{static_cast<unsigned char>(bytes[i + k])} << (8 * k);
    h = (h ^ w) * 1099511628211ull;
    h ^= h >> 29;
  }
  for (; i < bytes.size(); ++i) h = (h ^ static_cast<unsigned char>(bytes[i])) * 1099511628211ull;
  h ^= bytes.size();
  for (int k = 0; k < 8; ++k) bytes.push_back(static_cast<char>(h >> (8 * k)));
  return bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes = sealed(data, size);
  std::string problem;
  std::optional<scrutiny::ParsedRevisions> revisions = scrutiny::ParsedRevisions::decode(bytes, problem);
  if (!revisions) return 0;
  if (revisions->encode() != bytes) std::abort();
  return 0;
}
