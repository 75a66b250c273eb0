#include "init_command.h"

#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "command_line.h"
#include "new_command.h"
#include "new_files.h"

namespace scrutiny {
namespace fs = std::filesystem;

namespace {

const char* const kInitUsage =
    "Usage: scrutiny init DIR\n"
    "\n"
    "Starts a portal repository in DIR (a new or empty folder): portal.toml, one example\n"
    "document of each type, .gitignore and a GitHub Actions workflow that runs scrutiny check\n"
    "on every push. When git is installed, it makes the first commit. Then edit portal.toml\n"
    "and the examples, and run scrutiny build --content DIR.\n";

const char* const kPortalToml =
    "# The portal's settings (docs/content-model.md, \"Site settings\").\n"
    "# The portal's name, shown at the top of every page.\n"
    "title = \"Children's Services Improvement\"\n"
    "# The council's name.\n"
    "authority = \"Example Council\"\n"
    "# The pages' language.\n"
    "language = \"en-GB\"\n"
    "# One sentence for the home page (optional).\n"
    "description = \"How the council is responding to what Ofsted found in its children's services.\"\n"
    "# The address the site is published at, for sitemap.xml and the 404 page (optional).\n"
    "# base_url = \"https://example.org/improvement/\"\n"
    "# Where readers report problems (optional).\n"
    "# contact_email = \"improvement@example.org\"\n"
    "\n"
    "# Who made each change, as the history pages show it: a role, never a person's name or\n"
    "# email. Add a line for everyone who commits: their git email (or name) = the role.\n"
    "[author_roles]\n";

const char* const kGitignore =
    "# The built site: build it from the content, never commit it.\nsite/\n"
    "# What builds keep beside it: the lock, and the history read for the next build\n"
    "# (.site.cache, always safe to delete).\n.site.*\n";

// docs/publishing/github-check.yml, the check workflow of the GitHub recipe of docs/publishing.md
// (tests/publishing/run-recipes checks the two are the same).
const char* const kWorkflow =
    "# Checks the portal on every push and pull request: scrutiny check reports each problem as\n"
    "# an annotation on the changed line, and the run fails on any error.\n"
    "#\n"
    "# The runner installs scrutiny's Debian 12 package: set the repository variable\n"
    "# SCRUTINY_DEB_URL (Settings, Secrets and variables, Actions, Variables) to the address of\n"
    "# scrutiny_VERSION_amd64.deb. See docs/publishing.md in scrutiny's source.\n"
    "name: check\n"
    "on: [push, pull_request]\n"
    "jobs:\n"
    "  check:\n"
    "    runs-on: ubuntu-latest\n"
    "    container: debian:12\n"
    "    steps:\n"
    "      - name: Install scrutiny\n"
    "        env:\n"
    "          SCRUTINY_DEB_URL: ${{ vars.SCRUTINY_DEB_URL }}\n"
    "        run: |\n"
    "          # Same commands as scrutiny's docs/publishing/install-scrutiny.sh\n"
    "          apt-get update\n"
    "          apt-get install -y --no-install-recommends ca-certificates curl git\n"
    "          curl -fsSL -o /tmp/scrutiny.deb \"$SCRUTINY_DEB_URL\"\n"
    "          apt-get install -y --no-install-recommends /tmp/scrutiny.deb\n"
    "      - uses: actions/checkout@v4\n"
    "        with:\n"
    "          fetch-depth: 0\n"
    "      - name: Check the content\n"
    "        run: |\n"
    "          # Same commands as scrutiny's docs/publishing/check-github.sh\n"
    "          git config --global --add safe.directory \"$PWD\"\n"
    "          scrutiny check --content . --format github\n";

// The example documents, in an order where each finds the documents it refers to.
const DocType kExampleOrder[] = {DocType::inspection, DocType::recommendation, DocType::plan, DocType::theme,
                                 DocType::action,     DocType::update,         DocType::page};

std::string shell_quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

bool shell(const std::string& command) { return std::system((command + " >/dev/null 2>&1").c_str()) == 0; }

// The email address git will record as the author of a commit run by `git`, or "" when it
// has none or one a TOML key in quotes could not hold as it is.
std::string author_email(const std::string& git) {
  FILE* pipe = popen((git + " var GIT_AUTHOR_IDENT 2>/dev/null").c_str(), "r");
  if (!pipe) return "";
  std::string ident;
  char buf[512];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) ident.append(buf, n);
  pclose(pipe);
  size_t open = ident.find('<'), close = ident.find('>', open == std::string::npos ? 0 : open);
  if (open == std::string::npos || close == std::string::npos) return "";
  std::string email = ident.substr(open + 1, close - open - 1);
  for (char c : email)
    if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) return "";
  return email;
}

// The first commit, by whoever git is set up for; a machine with no identity gets a neutral one.
bool first_commit(const fs::path& dir) {
  const std::string git = "git -C " + shell_quoted(dir.string());
  if (!shell(git + " init -q") || !shell(git + " add -A")) return false;
  bool has_identity = (std::getenv("GIT_AUTHOR_NAME") && std::getenv("GIT_AUTHOR_EMAIL")) ||
                      (shell(git + " config user.name") && shell(git + " config user.email"));
  std::string identity = has_identity ? "" : " -c user.name='scrutiny init' -c user.email=scrutiny-init@localhost";
  // The first commit's author is mapped to a role, so the new portal checks clean.
  if (std::string email = author_email(git + identity); !email.empty()) {
    std::ofstream toml(dir / "portal.toml", std::ios::app | std::ios::binary);
    toml << "\"" << email << "\" = \"Council officer\"\n";
    toml.close();
    if (!toml || !shell(git + " add -A")) return false;
  }
  return shell("git -C " + shell_quoted(dir.string()) + identity +
               " commit -q -m 'Start the portal (scrutiny init)'");
}

}  // namespace

int run_init_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  for (const auto& a : args)
    if (a == "--help" || a == "-h") {
      out << kInitUsage;
      return kExitOk;
    }
  if (args.size() != 1 || args[0].empty() || args[0][0] == '-') {
    err << "scrutiny init: expected one folder\n\n" << kInitUsage;
    return kExitUsage;
  }
  const fs::path dir = args[0];
  std::error_code ec;
  if (fs::exists(dir, ec) && !(fs::is_directory(dir, ec) && fs::is_empty(dir, ec))) {
    err << "scrutiny init: " << dir.generic_string()
        << " already exists and is not an empty folder: scrutiny init never overwrites, so choose a new folder\n";
    return kExitContentErrors;
  }
  if (!write_new_files({{dir / "portal.toml", kPortalToml},
                        {dir / ".gitignore", kGitignore},
                        {dir / ".github/workflows/check.yml", kWorkflow}},
                       "scrutiny init", out, err))
    return kExitContentErrors;
  const Date today = today_utc();
  for (DocType type : kExampleOrder)
    if (!write_new_document(dir, type, "", today, out, err)) return kExitContentErrors;
  const bool committed = shell("command -v git") && first_commit(dir);
  out << "Started a portal in " << dir.generic_string() << ": one example document of each type"
      << (committed ? ", committed with git" : " (not committed: git is not installed, or failed)") << ".\n"
      << "Next: edit portal.toml and the examples, then run scrutiny check --content "
      << dir.generic_string() << "\n";
  return kExitOk;
}

}  // namespace scrutiny
