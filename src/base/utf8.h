#pragma once
// UTF-8 validation for content read from disk.

#include <cstddef>
#include <optional>
#include <string_view>

namespace scrutiny {

// Byte offset of the first byte that does not start a valid UTF-8 sequence, if any.
std::optional<size_t> find_invalid_utf8(std::string_view text);

// 1-based line number of a byte offset.
int line_at(std::string_view text, size_t offset);

}  // namespace scrutiny
