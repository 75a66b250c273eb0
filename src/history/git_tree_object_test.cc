#include "git_tree_object.h"

#include <doctest/doctest.h>

#include <string>

namespace scrutiny {
namespace {

// One entry as git stores it; the id is 20 bytes of `id_byte`.
std::string raw_entry(const std::string& mode, const std::string& name, char id_byte) {
  return mode + " " + name + std::string(1, '\0') + std::string(GIT_OID_RAWSZ, id_byte);
}

bool indexes(const std::string& bytes) {
  TreeEntries t;
  t.data = bytes.data();
  t.size = bytes.size();
  return index_tree(t);
}

TEST_CASE("git tree objects: entries are read with their mode, name and id") {
  std::string bytes = raw_entry("100644", "a01.md", '\x01') + raw_entry("40000", "plan", '\xff');
  TreeEntries t;
  t.data = bytes.data();
  t.size = bytes.size();
  REQUIRE(index_tree(t));
  REQUIRE(t.count() == 2);
  RawEntry file = t.entry(0), folder = t.entry(1);
  CHECK(file.name == "a01.md");
  CHECK(file.mode == 0100644);
  CHECK(file.id.id[0] == 0x01);
  CHECK(file.id.id[GIT_OID_RAWSZ - 1] == 0x01);
  CHECK(folder.name == "plan");
  CHECK(folder.mode == 040000);
  CHECK(folder.id.id[0] == 0xff);
}

TEST_CASE("git tree objects: an empty tree has no entries") {
  TreeEntries t;
  REQUIRE(index_tree(t));
  CHECK(t.count() == 0);
}

TEST_CASE("git tree objects: malformed bytes are refused, never read past their end") {
  std::string good = raw_entry("100644", "a.md", 'x');
  CHECK(indexes(good));
  CHECK_FALSE(indexes(raw_entry("", "a.md", 'x')));        // no mode
  CHECK_FALSE(indexes(raw_entry("100648", "a.md", 'x')));  // not octal
  CHECK_FALSE(indexes("100644"));                          // mode, then nothing
  CHECK_FALSE(indexes("100644 a.md"));                     // no NUL after the name
  CHECK_FALSE(indexes(good.substr(0, good.size() - 1)));   // id cut short
  CHECK_FALSE(indexes(good + "1"));                        // trailing bytes
}

}  // namespace
}  // namespace scrutiny
