#include <doctest/doctest.h>

#include "owners.h"

using namespace scrutiny;

TEST_CASE("owners: one owner reads as itself, a lead with others as \"Lead: X; with Y\"") {
  CHECK(owners_text({}) == "");
  CHECK(owners_text({"Head of Service"}) == "Head of Service");
  CHECK(owners_text({"Head of Service", "Principal Social Worker"}) == "Lead: Head of Service; with Principal Social Worker");
  CHECK(owners_text({"A", "B", "C", "D"}) == "Lead: A; with B, C and D");
  CHECK(owner_role({"A", "B"}, "A") == "Lead");
  CHECK(owner_role({"A", "B"}, "B") == "Supporting");
  CHECK(owner_role({"A", "B"}, "C") == "");
}
