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
