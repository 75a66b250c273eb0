#include <doctest/doctest.h>

#include "history_pages.h"

using namespace scrutiny;

TEST_CASE("tag_uri_prefix: the base URL's host, else the contact email, and the content's earliest year") {
  Portal portal;
  Document later, earlier;
  later.date = Date{2023, 5, 12};
  earlier.date = Date{2016, 4, 26};
  portal.documents = {later, earlier, Document{}};
  portal.config.contact_email = "improvement@example.org";
  CHECK(tag_uri_prefix(portal) == "tag:improvement@example.org,2016:");
  portal.config.base_url = "https://Scrutiny.Example.gov.uk:8443/children/";
  CHECK(tag_uri_prefix(portal) == "tag:scrutiny.example.gov.uk,2016:");
  portal.config = {};
  CHECK(tag_uri_prefix(portal) == "tag:scrutiny.invalid,2016:");
}
