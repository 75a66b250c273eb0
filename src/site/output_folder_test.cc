#include <doctest/doctest.h>

#include <chrono>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <pwd.h>
#include <set>
#include <sstream>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "command_line.h"
#include "output_folder.h"
#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;
namespace fs = std::filesystem;

namespace {

const fs::path kTheme = fs::path(SCRUTINY_SOURCE_DIR) / "themes/default";

std::vector<std::string> build_args(const TempDir& dir, const std::string& out) {
  return {"build", "--content", (dir.path() / "content").string(), "--theme", kTheme.string(), "--out", out};
}

int build(const TempDir& dir, const std::string& out, std::string* messages = nullptr) {
  std::ostringstream o, e;
  int code = run_command_line(build_args(dir, out), o, e);
  if (messages) *messages = o.str() + e.str();
  return code;
}

std::set<std::string> entries(const fs::path& folder) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(folder)) names.insert(e.path().filename().string());
  return names;
}

std::map<std::string, std::string> snapshot(const fs::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file()) files[e.path().lexically_relative(root).generic_string()] = read_file(e.path());
  return files;
}

// Runs `scrutiny build` in a child process (as `user` when not 0) and returns its process id;
// the child's messages reach `log` as they are written.
pid_t build_in_child(const std::vector<std::vector<std::string>>& builds, const fs::path& log, uid_t user = 0) {
  pid_t pid = ::fork();
  if (pid != 0) return pid;
  if (user != 0 && (::setgid(user) != 0 || ::setuid(user) != 0)) ::_exit(99);
  std::ofstream err(log);
  err << std::unitbuf;
  std::ostringstream out;
  int code = 0;
  // Whatever happens, the child ends here: an exception escaping into doctest would run the
  // rest of the tests a second time, in the child.
  try {
    for (const auto& args : builds) {
      if (args.size() == 1) {  // {"read-only PATH"}: make a published site read-only, as servers often do
        fs::path site = args[0].substr(10);
        for (const auto& e : fs::recursive_directory_iterator(site))
          fs::permissions(e.path(), e.is_directory() ? fs::perms(0555) : fs::perms(0444));
        fs::permissions(site, fs::perms(0555));
        continue;
      }
      code = std::max(code, run_command_line(args, out, err));
    }
  } catch (const std::exception& e) {
    err << "the child's build threw: " << e.what() << std::endl;
    ::_exit(98);
  } catch (...) {
    ::_exit(98);
  }
  err.flush();
  ::_exit(code);
}

int exit_code(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Holds flock on a staging folder, as a running build does.
struct HeldLock {
  int fd;
  explicit HeldLock(const fs::path& folder) : fd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
    REQUIRE(fd >= 0);
    REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
  }
  ~HeldLock() { release(); }
  void release() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

// Changes the working folder for one test.
struct InFolder {
  fs::path before = fs::current_path();
  explicit InFolder(const fs::path& p) { fs::current_path(p); }
  ~InFolder() { fs::current_path(before); }
};

}  // namespace

TEST_CASE("publish: --out with a trailing slash builds into that folder, first time and after") {
  TempDir dir;
  write_minimal_portal(dir);
  std::string out = (dir.path() / "site").string() + "/";
  std::string messages;
  CHECK(build(dir, out, &messages) == 0);
  INFO(messages);
  CHECK(messages.find("into " + (dir.path() / "site").generic_string() + "/ in") != std::string::npos);
  CHECK(build(dir, out) == 0);
  CHECK(fs::exists(dir.path() / "site/index.html"));
  CHECK(entries(dir.path() / "site").count(".") == 0);
  // The site the second build replaced is kept as the spare the next build rewrites.
  CHECK(entries(dir.path()) == std::set<std::string>{".site.cache", ".site.lock", ".site.spare", "content", "site"});
}

TEST_CASE("publish: --out that is the working folder, or holds the content or theme, is refused up front") {
  TempDir dir;
  write_minimal_portal(dir);
  fs::path content = dir.path() / "content";
  std::vector<fs::path> inputs = {content, kTheme};
  {
    InFolder here(dir.path());
    for (const std::string& out :
         std::vector<std::string>{".", "./", "content/..", dir.path().string(), dir.path().string() + "/", ".."}) {
      INFO(out);
      std::string messages;
      CHECK(build(dir, out, &messages) == 1);
      CHECK(messages.find("the folder scrutiny is run from") != std::string::npos);
    }
    CHECK(entries(dir.path()) == std::set<std::string>{"content"});  // nothing created, nothing locked
  }
  for (const fs::path& out : {content, content / "", content / "actions/..", dir.path(), kTheme, kTheme.parent_path()}) {
    INFO(out.string());
    Diagnostics diags;
    CHECK(OutputFolder::resolve_destination(out, inputs, diags).empty());
    REQUIRE(diags.error_count() == 1);
    CHECK(diags.all()[0].message.find("which the build reads") != std::string::npos);
  }
  Diagnostics fine;
  CHECK(OutputFolder::resolve_destination(dir.path() / "site/", inputs, fine) == dir.path() / "site");
  CHECK_FALSE(fine.has_errors());
  CHECK(entries(dir.path()) == std::set<std::string>{"content"});
}

TEST_CASE("publish: --out that is a link to a folder updates that folder and keeps the link") {
  TempDir dir;
  write_minimal_portal(dir);
  fs::create_directory(dir.path() / "real");
  fs::create_directory_symlink("real", dir.path() / "link");
  CHECK(build(dir, (dir.path() / "link").string()) == 0);
  CHECK(fs::is_symlink(dir.path() / "link"));
  CHECK(fs::exists(dir.path() / "real/updates/u1.html"));

  fs::remove(dir.path() / "content/updates/u1.md");
  CHECK(build(dir, (dir.path() / "link/").string()) == 0);
  CHECK(fs::is_symlink(dir.path() / "link"));
  CHECK(fs::read_symlink(dir.path() / "link") == "real");
  CHECK(fs::exists(dir.path() / "real/index.html"));
  CHECK_FALSE(fs::exists(dir.path() / "real/updates/u1.html"));
  CHECK(entries(dir.path()) == std::set<std::string>{".real.cache", ".real.lock", ".real.spare", "content", "link", "real"});

  // A link to nothing is refused, and left as it is.
  fs::create_directory_symlink("missing", dir.path() / "dangling");
  std::string messages;
  CHECK(build(dir, (dir.path() / "dangling").string(), &messages) == 1);
  CHECK(messages.find("is a link to missing, which is not an existing folder") != std::string::npos);
  CHECK(fs::is_symlink(dir.path() / "dangling"));
  CHECK_FALSE(fs::exists(dir.path() / "missing"));
}

TEST_CASE("publish: staging folders of killed builds are removed; a live build's and strangers' are not") {
  TempDir dir;
  write_minimal_portal(dir);
  REQUIRE(build(dir, (dir.path() / "site").string()) == 0);
  dir.write(".site.staging-999999/.scrutiny-site", "x");  // killed mid-build
  dir.write(".site.staging-999999/actions/a1.html", "half");
  fs::create_directory(dir.path() / ".site.staging-999998");  // killed before writing anything
  dir.write(".site.staging-999997.old/.scrutiny-site", "x");  // old site of a fallback swap
  fs::create_directories(dir.path() / ".site.staging-999997.old/actions");
  fs::permissions(dir.path() / ".site.staging-999997.old/actions", fs::perms(0555));
  dir.write(".site.staging-999996/.scrutiny-site", "x");  // a build still running
  dir.write(".site.staging-999995/notes.txt", "mine");    // not made by scrutiny
  dir.write(".site.staging-abc/.scrutiny-site", "x");     // not a staging name
  dir.write(".other.staging-999994/.scrutiny-site", "x"); // another output folder's
  HeldLock live(dir.path() / ".site.staging-999996");

  CHECK(build(dir, (dir.path() / "site").string()) == 0);
  CHECK(entries(dir.path()) == std::set<std::string>{".other.staging-999994", ".site.cache", ".site.lock", ".site.spare",
                                                     ".site.staging-999995", ".site.staging-999996", ".site.staging-abc",
                                                     "content", "site"});
  live.release();
  CHECK(build(dir, (dir.path() / "site").string()) == 0);
  CHECK_FALSE(fs::exists(dir.path() / ".site.staging-999996"));
}

TEST_CASE("publish: both ways of swapping replace the whole site and leave nothing behind") {
  for (SwapMethod method : {SwapMethod::exchange, SwapMethod::two_renames}) {
    TempDir dir;
    dir.write("site/.scrutiny-site", "x");
    dir.write("site/old.html", "old");
    Diagnostics diags;
    {
      OutputFolder out(dir.path() / "site", diags, {}, method);
      REQUIRE(out.ok());
      out.write("new.html", "new", diags);
      CHECK(out.commit(diags));
    }
    CHECK_FALSE(diags.has_errors());
    CHECK(entries(dir.path() / "site") == std::set<std::string>{".scrutiny-site", "new.html"});
    CHECK(entries(dir.path()) == std::set<std::string>{".site.lock", "site"});
  }
}

TEST_CASE("publish: a build killed between the fallback's two renames is repaired by the next, even a failing one") {
  TempDir dir;
  write_minimal_portal(dir);
  REQUIRE(build(dir, (dir.path() / "site").string()) == 0);
  auto before = snapshot(dir.path() / "site");
  // The state the fallback leaves between its renames: old site aside, new one still staged.
  fs::rename(dir.path() / "site", dir.path() / ".site.staging-4242.old");
  dir.write(".site.staging-4242/.scrutiny-site", "x");
  dir.write(".site.staging-4242/index.html", "new");

  dir.write("content/updates/u2.md", "+++\ntype = \"update\"\ntitle = \"x\"\ndate = 2017-13-01\n+++\n");
  CHECK(build(dir, (dir.path() / "site").string()) == 1);
  CHECK(snapshot(dir.path() / "site") == before);
  CHECK(entries(dir.path()) == std::set<std::string>{".site.cache", ".site.lock", "content", "site"});
}

TEST_CASE("publish: a second build into the same folder waits for the first, saying so") {
  TempDir dir;
  write_minimal_portal(dir);
  // The first build is a process that holds the lock until told to let go; a file, not an
  // inherited descriptor, tells it, so the second build's process cannot keep the lock alive.
  pid_t first = ::fork();
  if (first == 0) {
    int fd = ::open((dir.path() / ".site.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    std::string me = std::to_string(::getpid()) + "\n";
    if (fd < 0 || ::flock(fd, LOCK_EX) != 0 || ::write(fd, me.data(), me.size()) < 0) ::_exit(1);
    std::ofstream(dir.path() / "first.locked") << "locked";
    while (!fs::exists(dir.path() / "first.finish")) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ::_exit(0);
  }
  auto wait_for = [](auto done) {
    for (int i = 0; i < 400 && !done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  };
  wait_for([&] { return fs::exists(dir.path() / "first.locked"); });

  fs::path log = dir.path() / "second.log";
  pid_t second = build_in_child({build_args(dir, (dir.path() / "site").string())}, log);
  wait_for([&] { return read_file(log).find("to finish") != std::string::npos; });
  CHECK(read_file(log).find("waiting for another build into " + (dir.path() / "site").generic_string() +
                            "/ (pid " + std::to_string(first) + ") to finish") != std::string::npos);
  int status = 0;
  CHECK(::waitpid(second, &status, WNOHANG) == 0);  // still waiting
  CHECK_FALSE(fs::exists(dir.path() / "site"));
  std::ofstream(dir.path() / "first.finish") << "finish";
  CHECK(exit_code(first) == 0);
  CHECK(exit_code(second) == 0);
  CHECK(fs::exists(dir.path() / "site/index.html"));
}

TEST_CASE("publish: two builds into the same folder at once both succeed and leave one whole site") {
  TempDir dir;
  write_minimal_portal(dir);
  REQUIRE(build(dir, (dir.path() / "reference").string()) == 0);
  auto args = build_args(dir, (dir.path() / "site").string());
  pid_t a = build_in_child({args, args}, dir.path() / "a.log");
  pid_t b = build_in_child({args, args}, dir.path() / "b.log");
  CHECK(exit_code(a) == 0);
  CHECK(exit_code(b) == 0);
  CHECK(snapshot(dir.path() / "site") == snapshot(dir.path() / "reference"));
  CHECK(entries(dir.path()) == std::set<std::string>{".reference.cache", ".reference.lock", ".site.cache", ".site.lock",
                                                     ".site.spare", "a.log", "b.log", "content", "reference", "site"});
}

TEST_CASE("publish: a read-only old site becomes the spare and is rewritten; one that cannot be removed is reported") {
  // Root may delete anything, so the builds run as an ordinary user where the test can: where
  // that user may read the theme, which a checkout in a private folder (mktemp -d) does not allow.
  uid_t user = 0;
  bool others_may_read = true;
  for (fs::path p = kTheme; !p.empty() && p != p.root_path(); p = p.parent_path()) {
    struct stat st;
    others_may_read = others_may_read && ::stat(p.c_str(), &st) == 0 && (st.st_mode & S_IXOTH);
  }
  if (::geteuid() == 0 && others_may_read) {
    const passwd* nobody = ::getpwnam("nobody");
    user = nobody ? nobody->pw_uid : 65534;
  }
  TempDir dir;
  write_minimal_portal(dir);
  fs::permissions(dir.path(), fs::perms::all);
  std::string site = (dir.path() / "site").string();

  SUBCASE("read-only but the builder's own: kept as the spare, then rewritten, no litter, no warning") {
    pid_t child = build_in_child({build_args(dir, site), {"read-only " + site}, build_args(dir, site),
                                  build_args(dir, site)},
                                 dir.path() / "log", user);
    CHECK(exit_code(child) == 0);
    std::string said = read_file(dir.path() / "log");
    CHECK(said.find("could not be removed") == std::string::npos);
    INFO(said);
    CHECK(said.find("cannot") == std::string::npos);
    CHECK(entries(dir.path()) == std::set<std::string>{".site.cache", ".site.lock", ".site.spare", "content", "log", "site"});
    REQUIRE(build(dir, (dir.path() / "reference").string()) == 0);
    CHECK(snapshot(site) == snapshot(dir.path() / "reference"));
  }
  SUBCASE("another user's: the build succeeds and names the folder left behind") {
    if (user == 0) return;  // needs a folder this process cannot remove
    REQUIRE(build(dir, site) == 0);
    REQUIRE(build(dir, site) == 0);  // the spare is this user's, so the other's site has nowhere to go
    fs::permissions(dir.path() / "site/actions", fs::perms(0555));
    pid_t child = build_in_child({build_args(dir, site)}, dir.path() / "log", user);
    CHECK(exit_code(child) == 0);
    std::string said = read_file(dir.path() / "log");
    INFO(said);
    CHECK(said.find("warning: the new site is in place, but this copy of the previous one could not be removed") !=
          std::string::npos);
    CHECK(said.find((dir.path() / ".site.staging-").generic_string()) != std::string::npos);
    CHECK(fs::exists(dir.path() / "site/index.html"));
    // The next build by someone allowed to finishes the job.
    CHECK(build(dir, site) == 0);
    CHECK(entries(dir.path()) == std::set<std::string>{".site.cache", ".site.lock", ".site.spare", "content", "log", "site"});
  }
}

namespace {

struct stat stat_of(const fs::path& p) {
  struct stat st {};
  REQUIRE(::lstat(p.c_str(), &st) == 0);
  return st;
}

// One build of `files` into `destination` through OutputFolder, reusing unchanged files;
// committed unless told not to. Returns how many files were reused.
size_t write_site(const fs::path& destination, const std::vector<std::pair<std::string, std::string>>& files,
                  bool commit = true, const std::function<void(const OutputFolder&)>& before_commit = {}) {
  Diagnostics diags;
  OutputFolder out(destination, diags);
  REQUIRE(out.ok());
  out.reuse_unchanged_files();
  for (const auto& [path, text] : files) out.write(path, text, diags);
  if (before_commit) before_commit(out);
  if (commit) out.commit(diags);
  CHECK_FALSE(diags.has_errors());
  return out.files_reused();
}

}  // namespace

TEST_CASE("publish: a rebuild links unchanged files from the previous site and never writes through them") {
  TempDir dir;
  const fs::path site = dir.path() / "site";
  CHECK(write_site(site, {{"a.html", "same"}, {"b/c.html", "old"}, {"d.html", "gone next time"}}) == 0);
  const ino_t a_inode = stat_of(site / "a.html").st_ino;

  // A build that fails after linking and writing leaves the previous site as it was.
  size_t reused = write_site(site, {{"a.html", "same"}, {"b/c.html", "new"}, {"a.html", "written twice"}}, false,
                             [&](const OutputFolder& out) {
                               CHECK(stat_of(out.staging() / "b/c.html").st_ino != stat_of(site / "b/c.html").st_ino);
                             });
  CHECK(reused == 1);
  CHECK(snapshot(site) == std::map<std::string, std::string>{{".scrutiny-site", read_file(site / ".scrutiny-site")},
                                                             {"a.html", "same"},
                                                             {"b/c.html", "old"},
                                                             {"d.html", "gone next time"}});
  CHECK(stat_of(site / "a.html").st_nlink == 1);

  // A build that succeeds: the unchanged file is the previous one's inode, the others are new.
  reused = write_site(site, {{"a.html", "same"}, {"b/c.html", "new"}, {"e.html", "same"}}, true,
                      [&](const OutputFolder& out) {
                        CHECK(stat_of(out.staging() / "a.html").st_ino == a_inode);
                        CHECK(read_file(site / "b/c.html") == "old");  // until the swap
                      });
  CHECK(reused == 1);
  CHECK(stat_of(site / "a.html").st_ino == a_inode);
  CHECK(stat_of(site / "a.html").st_nlink == 1);  // the previous site, and its link, are gone
  CHECK(read_file(site / "b/c.html") == "new");
  CHECK(read_file(site / "e.html") == "same");
  CHECK_FALSE(fs::exists(site / "d.html"));
  CHECK(entries(dir.path()) == std::set<std::string>{".site.lock", "site"});
}

TEST_CASE("publish: links, other files and files of other permissions in the previous site are never reused") {
  TempDir dir;
  const fs::path site = dir.path() / "site";
  dir.write("outside/secret.html", "same");
  dir.write("outside/folder/page.html", "same");
  write_site(site, {{"private.html", "same"}, {"plain.html", "same"}});
  fs::remove(site / "plain.html");
  fs::create_symlink(dir.path() / "outside/secret.html", site / "plain.html");
  fs::create_symlink(dir.path() / "outside/folder", site / "folder");
  fs::permissions(site / "private.html", fs::perms(0600));
  REQUIRE(::mkfifo((site / "fifo.html").c_str(), 0644) == 0);

  size_t reused = write_site(site, {{"plain.html", "same"}, {"folder/page.html", "same"}, {"private.html", "same"},
                                    {"fifo.html", ""}});
  CHECK(reused == 0);
  for (const char* page : {"plain.html", "folder/page.html", "private.html", "fifo.html"}) {
    INFO(page);
    CHECK(S_ISREG(stat_of(site / page).st_mode));
    CHECK(stat_of(site / page).st_nlink == 1);
  }
  CHECK((stat_of(site / "private.html").st_mode & 0777) != 0600);
  CHECK(stat_of(dir.path() / "outside/secret.html").st_nlink == 1);
  CHECK(stat_of(dir.path() / "outside/folder/page.html").st_nlink == 1);
}

TEST_CASE("publish: a build rewrites the spare site in place, writes only what changed, and says so") {
  TempDir dir;
  write_minimal_portal(dir);
  const fs::path site = dir.path() / "site";
  const fs::path spare = dir.path() / ".site.spare";
  std::string messages;
  REQUIRE(build(dir, site.string(), &messages) == 0);
  CHECK(messages.find("Kept") == std::string::npos);
  const auto first = snapshot(site);
  const ino_t first_index = stat_of(site / "index.html").st_ino;

  // The second build has no spare yet: it writes a new folder, and keeps the first site as one.
  REQUIRE(build(dir, site.string(), &messages) == 0);
  CHECK(messages.find("Kept") == std::string::npos);
  REQUIRE(fs::exists(spare / "index.html"));
  CHECK(stat_of(spare / "index.html").st_ino == first_index);
  const ino_t second_index = stat_of(site / "index.html").st_ino;
  CHECK(second_index != first_index);

  // The third rewrites the first site's folder: every file was already right, so none is
  // written, and the site and the spare share nothing.
  dir.write(".site.spare/stale.html", "left from the site before last");
  fs::create_directories(spare / "gone/deeper");
  dir.write(".site.spare/gone/deeper/page.html", "gone");
  fs::create_directory_symlink(dir.path() / "content", spare / "actions/link");
  fs::permissions(spare / "timeline.html", fs::perms(0444));
  REQUIRE(build(dir, site.string(), &messages) == 0);
  INFO(messages);
  const size_t files = first.size() - 1;  // not the marker
  CHECK(messages.find("Kept " + std::to_string(files - 1) + " of " + std::to_string(files) +
                      " files unchanged; wrote 1.") != std::string::npos);  // timeline.html had the wrong mode
  CHECK(stat_of(site / "index.html").st_ino == first_index);
  CHECK(stat_of(spare / "index.html").st_ino == second_index);
  CHECK(snapshot(site) == first);
  for (const auto& entry : fs::recursive_directory_iterator(site)) {
    INFO(entry.path());
    CHECK(entry.is_directory() != entry.is_regular_file());
    if (entry.is_regular_file()) CHECK(stat_of(entry.path()).st_nlink == 1);
  }
  CHECK(fs::exists(dir.path() / "content/actions/a1.md"));  // the link was removed, not followed

  // --cold builds every page again, and still writes only files whose bytes changed.
  std::ostringstream o, e;
  auto args = build_args(dir, site.string());
  args.push_back("--cold");
  REQUIRE(run_command_line(args, o, e) == 0);
  CHECK(o.str().find("Kept " + std::to_string(files) + " of " + std::to_string(files) + " files unchanged; wrote 0.") !=
        std::string::npos);
  CHECK(stat_of(site / "index.html").st_ino == second_index);
  CHECK(snapshot(site) == first);
}
