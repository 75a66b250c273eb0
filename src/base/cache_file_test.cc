#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sys/stat.h>

#include "cache_file.h"
#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;
namespace fs = std::filesystem;

TEST_CASE("cache file: written atomically over the old one and read back whole") {
  TempDir dir;
  const fs::path file = dir.path() / "cache" / "kept";
  std::string problem;
  REQUIRE(replace_cache_file(file, std::string("first\0bytes", 11), problem));
  REQUIRE(replace_cache_file(file, "second", problem));
  auto read = read_cache_file(file, 100, problem);
  REQUIRE(read);
  CHECK(*read == "second");
  // Nothing but the file itself is left in its folder (no temporary files).
  CHECK(std::distance(fs::directory_iterator(file.parent_path()), fs::directory_iterator()) == 1);
}

TEST_CASE("cache file: a missing, oversized, linked or non-regular file is not read") {
  TempDir dir;
  std::string problem;
  CHECK_FALSE(read_cache_file(dir.path() / "missing", 100, problem));
  CHECK(problem.find("cannot open") != std::string::npos);

  REQUIRE(replace_cache_file(dir.path() / "big", std::string(101, 'x'), problem));
  CHECK(read_cache_file(dir.path() / "big", 101, problem));
  CHECK_FALSE(read_cache_file(dir.path() / "big", 100, problem));

  fs::create_symlink(dir.path() / "big", dir.path() / "link");
  CHECK_FALSE(read_cache_file(dir.path() / "link", 1000, problem));

  REQUIRE(::mkfifo((dir.path() / "fifo").c_str(), 0600) == 0);
  CHECK_FALSE(read_cache_file(dir.path() / "fifo", 1000, problem));  // and does not hang
}

TEST_CASE("cache file: a folder that cannot be made is a problem, not a crash") {
  TempDir dir;
  std::ofstream(dir.path() / "plain") << "a file where a folder should be";
  std::string problem;
  CHECK_FALSE(replace_cache_file(dir.path() / "plain" / "kept", "bytes", problem));
  CHECK_FALSE(problem.empty());
}

TEST_CASE("cache file: records sealed in an envelope are unsealed whole, and only for their own format") {
  const CacheFileFormat format{"scrutiny test-kind\n", 3, "test file"};
  std::string bytes;
  open_envelope(bytes, format);
  const std::string records("records\0with a NUL and more than eight bytes", 44);
  bytes.append(records);
  seal_envelope(bytes);
  CHECK(bytes.substr(0, format.magic.size()) == format.magic);
  CHECK(bytes.size() == format.magic.size() + 4 + records.size() + 8);
  std::string problem;
  std::optional<std::string_view> unsealed = unseal_envelope(bytes, format, problem);
  REQUIRE_MESSAGE(unsealed, problem);
  CHECK(*unsealed == records);

  // No records at all is an envelope too.
  std::string empty;
  open_envelope(empty, format);
  seal_envelope(empty);
  unsealed = unseal_envelope(empty, format, problem);
  REQUIRE(unsealed);
  CHECK(unsealed->empty());

  // Another kind of file, or too short to be one: named as the format expected names itself.
  std::string other;
  open_envelope(other, {"scrutiny other-kind\n", 3, "other file"});
  seal_envelope(other);
  CHECK_FALSE(unseal_envelope(other, format, problem));
  CHECK(problem == "not a test file");
  CHECK_FALSE(unseal_envelope(bytes.substr(0, format.magic.size() + 4 + 7), format, problem));
  CHECK(problem == "not a test file");

  // Written in another format version: said before the checksum is looked at.
  CHECK_FALSE(unseal_envelope(bytes, {format.magic, 4, format.name}, problem));
  CHECK(problem == "written by another version of scrutiny (format 3)");

  // Cut short, or any one byte of records or trailer changed.
  CHECK_FALSE(unseal_envelope(std::string_view(bytes).substr(0, bytes.size() - 1), format, problem));
  CHECK(problem == "damaged or cut short (its checksum does not match)");
  for (size_t at = format.magic.size() + 4; at < bytes.size(); ++at) {
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x01);
    INFO("byte " << at);
    CHECK_FALSE(unseal_envelope(damaged, format, problem));
    CHECK(problem == "damaged or cut short (its checksum does not match)");
  }
}

TEST_CASE("cache file: the checksum sees every byte, where it is, and the length") {
  const std::string bytes = "twenty-three bytes long";
  const uint64_t sum = cache_file_checksum(bytes);
  CHECK(cache_file_checksum(bytes) == sum);  // no clock, no randomness
  for (size_t at = 0; at < bytes.size(); ++at)
    for (int bit = 0; bit < 8; ++bit) {
      std::string changed = bytes;
      changed[at] = static_cast<char>(changed[at] ^ (1 << bit));
      CHECK(cache_file_checksum(changed) != sum);
    }
  CHECK(cache_file_checksum("ab") != cache_file_checksum("ba"));
  CHECK(cache_file_checksum(std::string(8, '\0')) != cache_file_checksum(std::string(16, '\0')));
  CHECK(cache_file_checksum("") != cache_file_checksum(std::string(1, '\0')));
}

TEST_CASE("cache file: the checksum taken a piece at a time is the whole one's, wherever the pieces are split") {
  // The values main's whole form gave before the piecewise one was added: both stay the format's.
  CHECK(cache_file_checksum("") == 0xcbf29ce484222325ull);
  CHECK(cache_file_checksum("a") == 0xaf63dc4c8601ec8dull);
  CHECK(cache_file_checksum("scrutiny") == 0xd0f59b4c8cf1887aull);
  CHECK(cache_file_checksum(std::string("scrutiny parsed-revisions\n\x02\0\0\0", 30)) == 0xb6eb14910cc04022ull);
  std::string bytes;
  for (int i = 0; i < 40; ++i) bytes.push_back(static_cast<char>(i * 37 + 200));
  CHECK(cache_file_checksum(bytes) == 0xd9bcdfe12dd2e862ull);

  // Every length from nothing to five words, split in two and in three at every place.
  for (size_t length = 0; length <= bytes.size(); ++length) {
    const std::string_view whole = std::string_view(bytes).substr(0, length);
    const uint64_t expected = cache_file_checksum(whole);
    CacheFileChecksum none;
    if (length == 0) CHECK(none.value() == expected);
    for (size_t first = 0; first <= length; ++first)
      for (size_t second = first; second <= length; ++second) {
        INFO("length " << length << ", split at " << first << " and " << second);
        CacheFileChecksum sum;
        sum.add(whole.substr(0, first));
        CHECK(sum.value() == cache_file_checksum(whole.substr(0, first)));  // read as it goes, too
        sum.add(whole.substr(first, second - first));
        sum.add(whole.substr(second));
        CHECK(sum.value() == expected);
      }
    CacheFileChecksum byte_by_byte;
    for (char c : whole) byte_by_byte.add(std::string_view(&c, 1));
    CHECK(byte_by_byte.value() == expected);
  }
}
