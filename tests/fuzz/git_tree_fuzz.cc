// The git tree parser: any bytes are either refused or indexed so that every entry decodes
// within the object's bytes (AddressSanitizer checks the reads).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "git_tree_object.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // A copy of exactly `size` bytes, so a read past the end is caught even where libFuzzer's
  // own buffer would have room.
  std::vector<char> bytes(data, data + size);
  scrutiny::TreeEntries tree;
  tree.data = bytes.data();
  tree.size = bytes.size();
  if (!scrutiny::index_tree(tree)) return 0;
  size_t decoded = 0;
  for (size_t i = 0; i < tree.count(); ++i) {
    scrutiny::RawEntry e = tree.entry(i);
    if (e.name.data() < tree.data || e.name.data() + e.name.size() > tree.data + tree.size)
      std::abort();
    decoded += e.name.size() + GIT_OID_RAWSZ + 2;
  }
  if (decoded > size) std::abort();
  return 0;
}
