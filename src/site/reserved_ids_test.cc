#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "document_reader.h"
#include "site_builder.h"
#include "site_path.h"
#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;
namespace fs = std::filesystem;

// The content stage keeps the list of names ids may not start with, since it comes before the
// page registry; this holds that list to what a whole build (every page kind, history,
// open data, sitemap) writes at the top of the site.
TEST_CASE("reserved ids: exactly the top-level names the generator writes that documents do not") {
  TempDir dir;
  write_minimal_portal(dir);
  const fs::path content = dir.path() / "content";
  const std::string git = "cd '" + content.string() + "' && GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null "
                          "git -c user.name=T -c user.email=t@example.org ";
  REQUIRE(std::system((git + "init -q && " + git + "add -A && " + git + "commit -qm one").c_str()) == 0);
  BuildOptions options;
  options.content_dir = content;
  options.out_dir = dir.path() / "site";
  options.base_url = "https://example.org/";  // so the sitemap is written too
  Diagnostics diags;
  build_site(options, diags);
  REQUIRE_FALSE(diags.has_errors());

  // Folders documents give pages in (actions/, plan/...) are shared with some generated pages
  // (actions/index.html); the generator's own page paths there are checked by check_routes.
  std::set<std::string> from_documents;
  Diagnostics ignored;
  for (const Document& d : load_portal(content, ignored).documents) {
    std::string path = document_page_path(d.id);
    from_documents.insert(path.find('/') == std::string::npos ? fs::path(path).stem().string()
                                                              : path.substr(0, path.find('/')));
  }
  std::set<std::string> generated;
  for (const fs::directory_entry& e : fs::directory_iterator(options.out_dir)) {
    std::string name = e.is_directory() ? e.path().filename().string() : e.path().stem().string();
    // The output folder's own marker (.scrutiny-site): no id may start with a dot anyway.
    if (name[0] != '.' && !from_documents.count(name)) generated.insert(name);
  }
  std::set<std::string> reserved(reserved_id_folders().begin(), reserved_id_folders().end());
  auto joined = [](const std::set<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += n + " ";
    return out;
  };
  CHECK(joined(generated) == joined(reserved));
  for (const std::string& name : generated) {
    INFO(name);
    CHECK_FALSE(id_problem(name).empty());
    CHECK_FALSE(id_problem(name + "/x").empty());
  }
}
