#include "git_tree_object.h"

#include <cstring>

namespace scrutiny {

bool index_tree(TreeEntries& t) {
  size_t p = 0;
  t.offsets.reserve(t.size / 32 + 2);
  while (p < t.size) {
    t.offsets.push_back(static_cast<uint32_t>(p));
    size_t q = p;
    while (q < t.size && t.data[q] != ' ') {
      if (t.data[q] < '0' || t.data[q] > '7') return false;
      ++q;
    }
    if (q == p || q >= t.size) return false;
    const void* nul = std::memchr(t.data + q, 0, t.size - q);
    if (!nul) return false;
    size_t next = static_cast<size_t>(static_cast<const char*>(nul) - t.data) + 1 + GIT_OID_RAWSZ;
    if (next > t.size) return false;
    p = next;
  }
  t.offsets.push_back(static_cast<uint32_t>(t.size));
  return true;
}

}  // namespace scrutiny
