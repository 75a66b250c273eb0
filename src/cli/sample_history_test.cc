#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>

#include "test_support.h"

using namespace scrutiny::test;
namespace fs = std::filesystem;

// sample-history/README.md: every revision must be valid on its own, as the history pages
// show each one.
TEST_CASE("sample history: every revision of the sample portal passes check") {
  TempDir dir;
  const fs::path source = SCRUTINY_SOURCE_DIR;
  const fs::path repo = dir.path() / "repo";
  std::string replay = "'" + (source / "scripts/replay-sample-history").string() + "' '" + repo.string() +
                       "' >/dev/null 2>&1";
  REQUIRE(std::system(replay.c_str()) == 0);
  const fs::path list = dir.path() / "commits.txt";
  REQUIRE(std::system(("git -C '" + repo.string() + "' rev-list --reverse HEAD > '" + list.string() + "'").c_str()) == 0);
  std::istringstream commits(read_file(list));
  size_t n = 0;
  for (std::string commit; std::getline(commits, commit);) {
    const fs::path tree = dir.path() / ("rev" + std::to_string(++n));
    fs::create_directories(tree);
    REQUIRE(std::system(("git -C '" + repo.string() + "' archive " + commit + " | tar -x -C '" + tree.string() + "'").c_str()) == 0);
    Run r = run({"check", "--content", tree.string()});
    INFO("revision " << n << " (" << commit << "): " << r.err << r.out);
    CHECK(r.status == 0);
  }
  CHECK(n >= 25);
}
