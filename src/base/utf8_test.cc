#include <doctest/doctest.h>

#include <string>

#include "utf8.h"

using namespace scrutiny;

TEST_CASE("find_invalid_utf8: the first byte that is not UTF-8, wherever it falls") {
  CHECK(!find_invalid_utf8("").has_value());
  CHECK(!find_invalid_utf8("plain ASCII text, long enough to be read in blocks").has_value());
  CHECK(!find_invalid_utf8("café – “quoted” – ŁÓDŹ – 𝄞, long enough to be read in blocks").has_value());
  // ASCII is passed over in blocks: a stray byte, a sequence cut short and one that is too long
  // for its value are each found at every offset, across the blocks' boundaries.
  const std::string bad[] = {"\x80", "\xff", "\xc3", "\xe2\x80", "\xc0\xaf", "\xed\xa0\x80"};
  for (const std::string& b : bad) {
    for (size_t at = 0; at < 40; ++at) {
      const std::string text = std::string(at, 'x') + b + std::string(40 - at, 'y');
      CHECK(find_invalid_utf8(text) == at);
    }
  }
  // Valid sequences anywhere are passed, and what follows them still checked.
  for (size_t at = 0; at < 20; ++at) {
    CHECK(!find_invalid_utf8(std::string(at, 'x') + "é" + std::string(20, 'y')).has_value());
    CHECK(find_invalid_utf8(std::string(at, 'x') + "é" + std::string(20, 'y') + "\x80") == at + 22);
  }
}
