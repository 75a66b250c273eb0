#include <doctest/doctest.h>

#include <string>

#include "byte_reader.h"

using namespace scrutiny;

TEST_CASE("byte reader: little-endian numbers and strings, in order") {
  const std::string bytes = std::string("\x07", 1) + std::string("\x01\x02\x00\x00", 4) +
                            std::string("\x03\x00\x00\x00", 4) + "abc" + std::string("\xff\xff\xff\xff", 4);
  ByteReader r(bytes);
  CHECK(r.u8() == 7);
  CHECK(r.u32() == 0x0201);
  CHECK(r.str() == "abc");
  CHECK(r.i32() == -1);
  CHECK(r.ok);
  CHECK(r.left() == 0);
}

TEST_CASE("byte reader: reading past the end fails once and for all, and gives nothing") {
  const std::string bytes("\x09\x00\x00\x00" "abc", 7);  // the reader views it: it must outlive it
  ByteReader r(bytes);
  CHECK(r.str().empty());  // says 9 bytes, holds 3
  CHECK_FALSE(r.ok);
  CHECK(r.u8() == 0);  // nothing more is read, though bytes are left
  CHECK(r.left() == 3);
}

TEST_CASE("byte reader: a count larger than the bytes left could hold is refused") {
  const std::string eight(8, '\0');
  const std::string two = std::string("\x02\x00\x00\x00", 4) + eight;
  const std::string three = std::string("\x03\x00\x00\x00", 4) + eight;
  ByteReader fits(two);
  CHECK(fits.count(4) == 2);
  CHECK(fits.ok);
  ByteReader too_many(three);
  CHECK(too_many.count(4) == 0);
  CHECK_FALSE(too_many.ok);
}
