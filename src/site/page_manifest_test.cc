#include <doctest/doctest.h>

#include <filesystem>

#include "page_manifest.h"
#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;
namespace fs = std::filesystem;

namespace {

PageManifest example() {
  PageManifest m;
  m.site = {2049, 77, 65, 1700000000123456789};
  m.pages["index.html"] = {"0123456789abcdef0123456789abcdef", {2049, 100, 5120, 1700000000000000001}};
  m.pages["history/actions/a 1/abc.html"] = {"fedcba9876543210fedcba9876543210", {2049, 101, 9, 42}};
  return m;
}

bool same(const PageManifest& a, const PageManifest& b) {
  if (!(a.site == b.site) || a.pages.size() != b.pages.size()) return false;
  for (const auto& [path, page] : a.pages) {
    auto it = b.pages.find(path);
    if (it == b.pages.end() || it->second.key != page.key || !(it->second.file == page.file)) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("page manifest: written and read back whole, in path order, through a file in the cache folder") {
  const std::string text = page_manifest_text(example());
  CHECK(text ==
        "scrutiny page keys 1\n"
        "site 2049 77 65 1700000000123456789\n"
        "fedcba9876543210fedcba9876543210 2049 101 9 42 history/actions/a 1/abc.html\n"
        "0123456789abcdef0123456789abcdef 2049 100 5120 1700000000000000001 index.html\n");
  std::optional<PageManifest> parsed = parse_page_manifest(text);
  REQUIRE(parsed);
  CHECK(same(*parsed, example()));

  TempDir dir;
  const fs::path cache = dir.path() / ".site.cache";
  CHECK_FALSE(read_page_manifest(cache));
  REQUIRE(write_page_manifest(cache, example()));
  std::optional<PageManifest> read = read_page_manifest(cache);
  REQUIRE(read);
  CHECK(same(*read, example()));
  CHECK(std::distance(fs::directory_iterator(cache), fs::directory_iterator()) == 1);  // no temporary left
}

TEST_CASE("page manifest: anything but a whole, valid manifest is refused, never half read") {
  const std::string text = page_manifest_text(example());
  // Every manifest cut short, and every one with one byte changed, is refused or reads as a
  // manifest whose every line is valid (a digit changed in a number).
  for (size_t n = 0; n < text.size(); ++n) {
    INFO("cut at " << n);
    std::optional<PageManifest> cut = parse_page_manifest(text.substr(0, n));
    if (cut) CHECK(cut->pages.size() < 2);  // cut just after a line's end
    for (char c : {'\0', '\n', ' ', '/', 'x', '9', '.'}) {
      std::string changed = text;
      changed[n] = c;
      std::optional<PageManifest> m = parse_page_manifest(changed);
      if (m) for (const auto& [path, page] : m->pages) CHECK(page.key.size() == 32);
    }
  }
  for (const char* bad : {
           "",
           "scrutiny page keys 2\nsite 1 2 3 4\n",
           "scrutiny page keys 1\nsite 1 2 3\n",
           "scrutiny page keys 1\nsite 1 2 3 4 5\n",
           "scrutiny page keys 1\nsite -1 2 3 4\n",
           "scrutiny page keys 1\nsite 1 2 3 99999999999999999999999\n",
           "scrutiny page keys 1\nsite 1 2 3 4\n0123456789ABCDEF0123456789abcdef 1 2 3 4 a.html\n",
           "scrutiny page keys 1\nsite 1 2 3 4\n0123456789abcdef 1 2 3 4 a.html\n",
           "scrutiny page keys 1\nsite 1 2 3 4\n0123456789abcdef0123456789abcdef 1 2 3 4 ../a.html\n",
           "scrutiny page keys 1\nsite 1 2 3 4\n0123456789abcdef0123456789abcdef 1 2 3 4 /etc/passwd\n",
           "scrutiny page keys 1\nsite 1 2 3 4\n0123456789abcdef0123456789abcdef 1 2 3 4 \n",
           "scrutiny page keys 1\nsite 1 2 3 4\n0123456789abcdef0123456789abcdef 1 2 3 4 a.html\n"
           "0123456789abcdef0123456789abcdef 1 2 3 4 a.html\n",  // one path twice
       }) {
    INFO(bad);
    CHECK_FALSE(parse_page_manifest(bad));
  }
  CHECK(parse_page_manifest("scrutiny page keys 1\nsite 1 2 3 4\n"));
}
