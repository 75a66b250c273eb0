#pragma once
// git tree objects read from their raw bytes, without libgit2's slower tree API.

#include <git2/oid.h>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace scrutiny {

// One entry of a tree object; `name` points into the object's bytes.
struct RawEntry {
  std::string_view name;
  uint32_t mode = 0;
  git_oid id{};
};

// A tree object as stored: entries are "<octal mode> <name>\0<20-byte id>". Only the entry
// offsets are indexed; entries are decoded when looked at. The bytes are not owned.
struct TreeEntries {
  const char* data = nullptr;
  size_t size = 0;
  std::vector<uint32_t> offsets;  // start of each entry, then `size`

  size_t count() const { return offsets.size() - 1; }
  // Defined here because the history walk decodes entries in its innermost loops.
  RawEntry entry(size_t i) const {
    const char* p = data + offsets[i];
    RawEntry e;
    while (*p != ' ') e.mode = e.mode * 8 + static_cast<uint32_t>(*p++ - '0');
    ++p;
    const char* end = data + offsets[i + 1] - GIT_OID_RAWSZ - 1;
    e.name = std::string_view(p, static_cast<size_t>(end - p));
    git_oid_fromraw(&e.id, reinterpret_cast<const unsigned char*>(end + 1));
    return e;
  }
};

// Fills `t.offsets` from `t.data` and `t.size`. Returns false, leaving `t` unusable, when
// the bytes are not a well-formed tree object; entry() may only be called after true.
bool index_tree(TreeEntries& t);

}  // namespace scrutiny
