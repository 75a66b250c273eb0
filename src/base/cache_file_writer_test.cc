#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "cache_file_writer.h"
#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;
namespace fs = std::filesystem;

namespace {

const CacheFileFormat kFormat{"scrutiny test-kind\n", 3, "test file"};

std::set<std::string> entries(const fs::path& folder) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(folder)) names.insert(e.path().filename().string());
  return names;
}

}  // namespace

TEST_CASE("cache file writer: a file written a piece at a time is the envelope seal_envelope makes") {
  TempDir dir;
  const fs::path file = dir.path() / "cache" / "kept";
  std::string whole;
  open_envelope(whole, kFormat);
  const std::string header = whole;
  const std::string records("records\0in pieces of odd lengths, so words straddle them", 56);
  whole.append(records);
  seal_envelope(whole);

  CacheFileWriter writer(file);  // makes the folder
  REQUIRE_MESSAGE(writer.ok(), writer.problem());
  writer.append(header);
  for (size_t at = 0; at < records.size(); at += 5) writer.append(std::string_view(records).substr(at, 5));
  CHECK_FALSE(fs::exists(file));  // nothing in place before it is committed
  writer.seal();
  CHECK_FALSE(fs::exists(file));
  REQUIRE(writer.commit());
  CHECK(read_file(file) == whole);
  CHECK(entries(file.parent_path()) == std::set<std::string>{"kept"});
  std::string problem;
  std::optional<std::string_view> unsealed = unseal_envelope(whole, kFormat, problem);
  REQUIRE_MESSAGE(unsealed, problem);
  CHECK(*unsealed == records);
}

TEST_CASE("cache file writer: a file not committed leaves the old one as it was, and nothing beside it") {
  TempDir dir;
  const fs::path file = dir.path() / "kept";
  std::string problem;
  REQUIRE(replace_cache_file(file, "the old file", problem));
  {
    CacheFileWriter sealed(file);
    sealed.append("a new file, sealed but never committed");
    sealed.seal();
    CHECK(fs::exists(temporary_cache_file(file)));
  }
  {
    CacheFileWriter unsealed(file);
    unsealed.append("a new file, cut off part way");
    CHECK(unsealed.ok());
    CHECK_FALSE(unsealed.commit());  // not whole: never put in place
    CHECK(unsealed.problem().find("not sealed") != std::string::npos);
  }
  CHECK(read_file(file) == "the old file");
  CHECK(entries(dir.path()) == std::set<std::string>{"kept"});

  // A folder made for the file is gone with it, but not one that holds something else.
  {
    CacheFileWriter first(dir.path() / "made" / "kept");
    first.append("never committed");
  }
  CHECK_FALSE(fs::exists(dir.path() / "made"));
  {
    CacheFileWriter first(dir.path() / "made" / "kept");
    dir.write("made/other", "put there meanwhile");
  }
  CHECK(entries(dir.path() / "made") == std::set<std::string>{"other"});
}

TEST_CASE("cache file writer: a folder that cannot be made is a problem, not a crash") {
  TempDir dir;
  std::ofstream(dir.path() / "plain") << "a file where a folder should be";
  CacheFileWriter writer(dir.path() / "plain" / "kept");
  CHECK_FALSE(writer.ok());
  writer.append("bytes");
  writer.seal();
  CHECK_FALSE(writer.commit());
  CHECK(writer.problem().find("cannot create") != std::string::npos);
}
