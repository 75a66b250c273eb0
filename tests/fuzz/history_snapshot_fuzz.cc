// The kept history's decoder (HistorySnapshot::decode, src/history/history_snapshot.h). The
// input is the file's records: the target adds the header and the checksum, so fuzzing reaches
// the bounds checks rather than stopping at the checksum. Any records are either refused or
// decode into a snapshot that encodes back to exactly the same bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>

#include "history_snapshot.h"

namespace {

// What history_snapshot.cc writes around the records: magic, format version 1 (little-endian),
// and after them FNV-1a 64 of everything before it.
std::string sealed(const uint8_t* data, size_t size) {
  std::string bytes = "scrutiny history-index\n";
  bytes.append("\x01\x00\x00\x00", 4);
  bytes.append(reinterpret_cast<const char*>(data), size);
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  for (int i = 0; i < 8; ++i) bytes.push_back(static_cast<char>(h >> (8 * i)));
  return bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes = sealed(data, size);
  std::string problem;
  std::optional<scrutiny::HistorySnapshot> snapshot = scrutiny::HistorySnapshot::decode(bytes, problem);
  if (!snapshot) return 0;
  if (snapshot->encode() != bytes) std::abort();
  return 0;
}
