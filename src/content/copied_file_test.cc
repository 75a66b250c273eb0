#include <doctest/doctest.h>

#include "copied_file.h"

using namespace scrutiny;

TEST_CASE("copies: file names a file manager gives copies") {
  CHECK(looks_like_copy("actions/a17 - Copy.md"));
  CHECK(looks_like_copy("actions/a17 (1).md"));
  CHECK(looks_like_copy("actions/a17 copy.md"));
  CHECK(looks_like_copy("actions/Copy of a17.md"));
  CHECK(looks_like_copy("actions/a17 - Copy (2).md"));
  CHECK_FALSE(looks_like_copy("actions/a17.md"));
  CHECK_FALSE(looks_like_copy("pages/copyright.md"));
  CHECK_FALSE(looks_like_copy("actions/a17 (draft).md"));
}

TEST_CASE("copies: the file a copy's name says it was copied from") {
  CHECK(copied_from("actions/a17 - Copy.md") == "actions/a17.md");
  CHECK(copied_from("actions/a17 (1).md") == "actions/a17.md");
  CHECK(copied_from("actions/a17 - Copy (2).md") == "actions/a17.md");
  CHECK(copied_from("actions/Copy of a17.md") == "actions/a17.md");
  CHECK(copied_from("a17 copy.md") == "a17.md");
  CHECK(copied_from("actions/a17.md").empty());
  CHECK(copied_from("actions/ (1).md").empty());
}
