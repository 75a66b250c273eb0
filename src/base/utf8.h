#pragma once
// UTF-8: validation of content read from disk, and decoding it code point by code point.

#include <cstddef>
#include <optional>
#include <string_view>

namespace scrutiny {

// Byte offset of the first byte that does not start a valid UTF-8 sequence, if any.
std::optional<size_t> find_invalid_utf8(std::string_view text);

// Decodes the code point at text[i] and moves i past it. Content is valid UTF-8 by the time
// pages are built, but a stray byte is returned as itself rather than read past.
char32_t next_code_point(std::string_view text, size_t& i);

// 1-based line number of a byte offset.
int line_at(std::string_view text, size_t offset);

}  // namespace scrutiny
