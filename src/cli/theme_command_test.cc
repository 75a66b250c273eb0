#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>

#include "command_line.h"
#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;
namespace fs = std::filesystem;

namespace {

const fs::path kSource = SCRUTINY_SOURCE_DIR;
const fs::path kDefaultTheme = kSource / "themes/default";

// Every regular file under `dir`, by path relative to it.
std::map<std::string, std::string> files_under(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files[fs::relative(e.path(), dir).generic_string()] = read_file(e.path());
  return files;
}

}  // namespace

TEST_CASE("the binary builds a portal from anywhere, with nothing installed beside it") {
  TempDir dir;
  fs::create_directories(dir.path() / "portal");
  fs::create_directories(dir.path() / "elsewhere");
  fs::copy(kSource / "content", dir.path() / "portal/content", fs::copy_options::recursive);
  // The real program, run from a folder holding no theme, the content outside the checkout.
  std::string command = "cd '" + (dir.path() / "elsewhere").string() + "' && '" + SCRUTINY_BINARY +
                        "' build --content ../portal/content --out ../site > ../log 2>&1";
  int status = std::system(command.c_str());
  INFO(read_file(dir.path() / "log"));
  REQUIRE(status == 0);
  CHECK(fs::exists(dir.path() / "site/index.html"));
  for (const char* asset : {"assets/style.css", "assets/print.css", "assets/search.js"})
    CHECK(read_file(dir.path() / "site" / asset) == read_file(kDefaultTheme / asset));
}

TEST_CASE("theme export writes the built-in theme byte for byte, and never overwrites") {
  TempDir dir;
  Run first = run({"theme", "export", (dir.path() / "mine").string()});
  REQUIRE(first.status == 0);
  CHECK(first.out.find((dir.path() / "mine/templates/layout.mustache").generic_string() + "\n") !=
        std::string::npos);
  CHECK(files_under(dir.path() / "mine") == files_under(kDefaultTheme));

  // One file already there: refused, named, and nothing else written.
  dir.write("again/assets/style.css", "mine");
  Run second = run({"theme", "export", (dir.path() / "again").string()});
  CHECK(second.status == 1);
  CHECK(second.err.find((dir.path() / "again/assets/style.css").generic_string() + " already exists") !=
        std::string::npos);
  CHECK(files_under(dir.path() / "again").size() == 1);
  CHECK(read_file(dir.path() / "again/assets/style.css") == "mine");

  CHECK(run({"theme"}).status == 2);
  CHECK(run({"theme", "import", "x"}).status == 2);
  CHECK(run({"theme", "--help"}).out.find("scrutiny theme export DIR") != std::string::npos);
}

TEST_CASE("--theme and the content's theme/ still override the built-in theme file by file") {
  TempDir dir;
  write_minimal_portal(dir);
  dir.write("mine/assets/style.css", "body { color: navy }\n");
  dir.write("mine/templates/page.mustache", "<h1>from --theme</h1>\n");
  dir.write("content/theme/templates/page.mustache", "<h1>from content/theme</h1>\n");
  Run built = run({"build", "--no-history", "--content", (dir.path() / "content").string(), "--theme",
                   (dir.path() / "mine").string(), "--out", (dir.path() / "site").string()});
  INFO(built.err);
  REQUIRE(built.status == 0);
  CHECK(read_file(dir.path() / "site/assets/style.css") == "body { color: navy }\n");
  CHECK(read_file(dir.path() / "site/assets/print.css") == read_file(kDefaultTheme / "assets/print.css"));
  CHECK(read_file(dir.path() / "site/about.html").find("from content/theme") != std::string::npos);

  Run missing = run({"check", "--content", (dir.path() / "content").string(), "--theme",
                     (dir.path() / "nowhere").string()});
  CHECK(missing.status == 1);
  CHECK(missing.err.find("theme not found") != std::string::npos);
}
