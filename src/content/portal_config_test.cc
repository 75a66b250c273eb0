#include "portal_config.h"

#include <doctest/doctest.h>

using namespace scrutiny;

namespace {

PortalConfig read(const std::string& text, Diagnostics& diags) {
  return read_portal_config(SourceFile{"portal.toml", "content/portal.toml", text}, "content", diags);
}

const std::string kRequired = "title = \"T\"\nauthority = \"A\"\n";

}  // namespace

TEST_CASE("portal.toml: [author_roles], default_author_role and show_author_names") {
  Diagnostics diags;
  PortalConfig c = read(kRequired + "default_author_role = \"Children's Services\"\nshow_author_names = true\n"
                                    "[author_roles]\n\"ipo@example.org\" = \"Programme Office\"\n"
                                    "\"Democratic Services\" = \"Democratic Services\"\n",
                        diags);
  CHECK(diags.all().empty());
  CHECK(c.file == "content/portal.toml");
  CHECK(c.default_author_role == "Children's Services");
  CHECK(c.show_author_names);
  REQUIRE(c.author_roles.size() == 2);
  CHECK(c.author_roles[0].author == "ipo@example.org");
  CHECK(c.author_roles[0].role == "Programme Office");
  CHECK(c.author_roles[0].line == 6);
  CHECK(c.author_roles[1].author == "Democratic Services");

  Diagnostics defaults_diags;
  PortalConfig defaults = read(kRequired, defaults_diags);
  CHECK(defaults.default_author_role == "Council officer");
  CHECK_FALSE(defaults.show_author_names);
  CHECK(defaults.author_roles.empty());
}

TEST_CASE("portal.toml: a bad author role, and show_author_emails, are reported at their lines") {
  Diagnostics diags;
  PortalConfig c = read(kRequired + "show_author_emails = true\ndefault_author_role = \" \"\n"
                                    "[author_roles]\n\"a@example.org\" = 3\n\"b@example.org\" = \"\"\n",
                        diags);
  CHECK(c.author_roles.empty());
  CHECK(c.default_author_role == "Council officer");
  std::vector<Diagnostic> all = diags.sorted();
  REQUIRE(all.size() == 4);
  CHECK(all[0].line == 3);
  CHECK(all[0].severity == Severity::warning);
  CHECK(all[0].message.find("email addresses are never published") != std::string::npos);
  CHECK(all[1].line == 4);
  CHECK(all[1].key == "default_author_role");
  CHECK(all[2].line == 6);
  CHECK(all[2].key == "author_roles.a@example.org");
  CHECK(all[2].message.find("\"a@example.org\" = \"Programme Office\"") != std::string::npos);
  CHECK(all[3].line == 7);

  Diagnostics not_table;
  read(kRequired + "author_roles = \"Programme Office\"\n", not_table);
  REQUIRE(not_table.all().size() == 1);
  CHECK(not_table.all()[0].line == 3);
  CHECK(not_table.all()[0].message.find("[author_roles] on a line of its own") != std::string::npos);
}
