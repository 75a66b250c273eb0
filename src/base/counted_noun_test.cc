#include <doctest/doctest.h>

#include "counted_noun.h"

using namespace scrutiny;

TEST_CASE("counted_noun: singular for one, plural for every other count") {
  CHECK(counted_noun(1, "action", "actions") == "1 action");
  CHECK(counted_noun(0, "action", "actions") == "0 actions");
  CHECK(counted_noun(3, "action", "actions") == "3 actions");
  CHECK(counted_noun(1, "moved target date", "moved target dates") == "1 moved target date");
  CHECK(counted_noun(2, "child", "children") == "2 children");
}
