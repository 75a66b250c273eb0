// The kept history's decoder (HistorySnapshot::decode, src/history/history_snapshot.h). The
// input is the file's records: the target adds the header and the checksum, so fuzzing reaches
// the bounds checks rather than stopping at the checksum. Any records are either refused or
// decode into a snapshot that encodes back to exactly the same bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>

#include "cache_file.h"
#include "history_snapshot.h"

namespace {

// The records sealed in the file's envelope, as encode() seals them (cache_file.h).
std::string sealed(const uint8_t* data, size_t size) {
  std::string bytes;
  scrutiny::open_envelope(bytes, scrutiny::HistorySnapshot::kFileFormat);
  bytes.append(reinterpret_cast<const char*>(data), size);
  scrutiny::seal_envelope(bytes);
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
