// HistoryIndex against the git command line: every test repository is built with git, and
// for every file in it revisions_of() must list exactly what
//   git log --follow --format=%H -- <path>
// lists when run in the content folder.

#include "history_index.h"

#include <doctest/doctest.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <latch>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "portal_generator.h"
#include "site_builder.h"
#include "test_support.h"

namespace scrutiny {
namespace {
namespace fs = std::filesystem;

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

struct CommandResult {
  std::string out;
  int status = -1;
};

CommandResult run(const std::string& command) {
  CommandResult r;
  FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r");
  if (!pipe) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) r.out.append(buf, n);
  int status = pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// Environment for every git command: no user or system configuration, fixed identity.
const std::string kGitEnv =
    "env -u GIT_DIR -u GIT_WORK_TREE -u GIT_INDEX_FILE -u GIT_OBJECT_DIRECTORY "
    "GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null HOME=/nonexistent "
    "GIT_AUTHOR_NAME='A U Thor' GIT_AUTHOR_EMAIL=author@example.org "
    "GIT_COMMITTER_NAME='C O Mitter' GIT_COMMITTER_EMAIL=committer@example.org ";

std::string git_in(const fs::path& dir, const std::string& args, int* status = nullptr) {
  CommandResult r = run("cd " + shell_quote(dir.string()) + " && " + kGitEnv + "git " + args);
  if (status) *status = r.status;
  return r.out;
}

std::vector<std::string> split(const std::string& s, const std::string& seps = "\n") {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (seps.find(c) != std::string::npos) {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/scrutiny-history-XXXXXX";
    path_ = mkdtemp(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// A repository built one commit at a time with the git command line.
class Repo {
 public:
  explicit Repo(fs::path dir) : dir_(std::move(dir)) {
    fs::create_directories(dir_);
    git("init -q -b main");
  }
  const fs::path& dir() const { return dir_; }

  std::string git(const std::string& args, int* status = nullptr) {
    int s = 0;
    std::string out = git_in(dir_, args, &s);
    if (status) *status = s;
    else CHECK_MESSAGE(s == 0, "git " << args);
    return out;
  }
  void write(const std::string& path, const std::string& text) {
    fs::path p = dir_ / fs::u8path(path);
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }
  std::string read(const std::string& path) const {
    std::ifstream in(dir_ / fs::u8path(path), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  void remove(const std::string& path) { git("rm -q " + shell_quote(path)); }
  void move(const std::string& from, const std::string& to) {
    fs::create_directories((dir_ / fs::u8path(to)).parent_path());
    git("mv " + shell_quote(from) + " " + shell_quote(to));
  }
  // Commits everything in the work tree; `time` 0 means one minute after the last commit.
  std::string commit(const std::string& message, long long time = 0) {
    time_ = time ? time : time_ + 60;
    git("add -A");
    dated("commit -q --allow-empty -m " + shell_quote(message));
    return head();
  }
  // Merges `branch` into the current branch, resolving any conflict by taking the work tree
  // as it is (conflict markers and all).
  std::string merge(const std::string& branch, const std::string& message, long long time = 0) {
    time_ = time ? time : time_ + 60;
    int status = 0;
    dated("merge -q --no-ff --no-commit " + shell_quote(branch), &status);
    git("add -A");
    dated("commit -q --allow-empty -m " + shell_quote(message));
    return head();
  }
  std::string head() { return split(git("rev-parse HEAD")).at(0); }
  void checkout(const std::string& what) { git("checkout -q " + what); }
  long long time() const { return time_; }

 private:
  std::string dated(const std::string& args, int* status = nullptr) {
    std::string t = std::to_string(time_);
    int s = 0;
    CommandResult r = run("cd " + shell_quote(dir_.string()) + " && " + kGitEnv +
                          "GIT_AUTHOR_DATE='@" + t + " +0100' GIT_COMMITTER_DATE='@" + t +
                          " +0100' git -c commit.gpgsign=false " + args);
    s = r.status;
    if (status) *status = s;
    else CHECK_MESSAGE(s == 0, "git " << args);
    return r.out;
  }
  fs::path dir_;
  long long time_ = 1500000000;
};

std::vector<std::string> ids_of(const HistoryIndex& index, const std::vector<FileRevision>& revs) {
  std::vector<std::string> out;
  for (const FileRevision& r : revs) out.push_back(index.commits().at(r.commit).id);
  return out;
}

// Every path that ever existed under the content folder, relative to it.
std::vector<std::string> all_paths(const fs::path& content) {
  std::set<std::string> paths;
  for (const std::string& p :
       split(git_in(content, "-c core.quotePath=false log --format= --name-only --no-renames "
                             "-z --relative -- ."),
             std::string("\n\0", 2)))
    paths.insert(p);
  for (const std::string& p : split(git_in(content, "-c core.quotePath=false ls-files -z"),
                                    std::string("\0", 1)))
    paths.insert(p);
  return {paths.begin(), paths.end()};
}

// The heart of these tests: commits() is `git log`, and for every file revisions_of() is
// `git log --follow`.
size_t check_matches_git(const fs::path& content, const HistoryIndex& index) {
  std::vector<std::string> ours;
  for (const CommitInfo& c : index.commits()) ours.push_back(c.id);
  CHECK(ours == split(git_in(content, "log --format=%H")));
  size_t checked = 0;
  for (const std::string& path : all_paths(content)) {
    std::vector<std::string> expected =
        split(git_in(content, "log --follow --format=%H -- " + shell_quote(path)));
    std::vector<std::string> actual = ids_of(index, index.revisions_of(path));
    INFO("path: " << path);
    CHECK(actual == expected);
    ++checked;
  }
  return checked;
}

HistoryIndex open_index(const fs::path& content, Diagnostics& diags) {
  return HistoryIndex::open(content, diags);
}

// git show --name-status for one commit, relative to the content folder, as "X\tpath" lines
// (for a rename, "R\tnew path").
std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

std::string git_name_status(const fs::path& content, const std::string& id) {
  // Paths come from the repository root: --relative is not applied to a merge's combined diff.
  std::vector<std::string> prefix = split(git_in(content, "rev-parse --show-prefix"));
  std::string strip = prefix.empty() ? "" : prefix[0];
  std::vector<std::string> out;
  for (const std::string& line : split(git_in(
           content, "-c core.quotePath=false show --format= --name-status " + id + " -- ."))) {
    std::vector<std::string> fields = split(line, "\t");
    if (fields.size() < 2) continue;
    std::string kind = fields[0];
    char k = kind[0];
    if (kind.size() == 2 && kind[0] == kind[1]) k = 'M';  // combined diff of a merge: "MM"
    std::string path = fields.back();
    if (path.compare(0, strip.size(), strip) == 0) path.erase(0, strip.size());
    out.push_back(std::string(1, k) + "\t" + path);
  }
  std::sort(out.begin(), out.end());
  return joined(out);
}

std::string our_name_status(const HistoryIndex& index, size_t commit) {
  std::vector<std::string> out;
  for (const FileRevision& r : index.changes_in(commit))
    out.push_back(std::string(1, r.change) + "\t" + r.path);
  std::sort(out.begin(), out.end());
  return joined(out);
}

size_t commit_index(const HistoryIndex& index, const std::string& id) {
  for (size_t i = 0; i < index.commits().size(); ++i)
    if (index.commits()[i].id == id) return i;
  FAIL("no commit " << id);
  return 0;
}

std::string blob_of(Repo& repo, const std::string& commit, const std::string& path) {
  return split(repo.git("rev-parse " + shell_quote(commit + ":" + path))).at(0);
}

}  // namespace

TEST_CASE("history: plain edits, newest first, with commit details") {
  TempDir tmp;
  Repo repo(tmp.path() / "repo");
  repo.write("content/actions/a01.md", "one\n");
  std::string c1 = repo.commit("Add a01\n\nLonger explanation.");
  repo.write("content/actions/a01.md", "one\ntwo\n");
  std::string c2 = repo.commit("Edit a01");
  repo.write("content/actions/a02.md", "other\n");
  std::string c3 = repo.commit("Add a02");
  repo.write("content/actions/a01.md", "one\ntwo\nthree\n");
  std::string c4 = repo.commit("Edit a01 again");

  Diagnostics diags;
  HistoryIndex index = open_index(repo.dir() / "content", diags);
  CHECK(diags.all().empty());
  REQUIRE(index.available());
  CHECK_FALSE(index.shallow());
  REQUIRE(index.head() != nullptr);
  CHECK(index.head()->id == c4);
  CHECK(index.commits().size() == 4);
  const CommitInfo& first = index.commits().back();
  CHECK(first.id == c1);
  CHECK(first.summary == "Add a01");
  CHECK(first.message == "Add a01\n\nLonger explanation.\n");
  CHECK(first.author_name == "A U Thor");
  CHECK(first.author_email == "author@example.org");
  CHECK(first.author_time == 1500000060);
  CHECK(first.author_offset == 60);
  CHECK(first.commit_time == 1500000060);
  CHECK(first.parents.empty());
  CHECK(index.commits()[0].parents == std::vector<std::string>{c3});

  std::vector<FileRevision> revs = index.revisions_of("actions/a01.md");
  CHECK(ids_of(index, revs) == std::vector<std::string>{c4, c2, c1});
  REQUIRE(revs.size() == 3);
  CHECK(revs[0].change == 'M');
  CHECK(revs[2].change == 'A');
  CHECK(revs[0].path == "actions/a01.md");
  CHECK(revs[0].blob == blob_of(repo, c4, "content/actions/a01.md"));
  CHECK(index.read_blob(revs[1].blob) == "one\ntwo\n");
  CHECK(index.read_blob("not an id").empty());
  CHECK(index.revisions_of("./actions//a01.md").size() == 3);
  CHECK(index.revisions_of("actions/none.md").empty());
  CHECK(check_matches_git(repo.dir() / "content", index) == 2);
}

// A body long enough for git's similarity search to follow it through an edit.
std::string twenty_lines() {
  std::string body;
  for (int i = 0; i < 20; ++i) body += "Line " + std::to_string(i) + " of the action plan.\n";
  return body;
}

TEST_CASE("history: a rename, a move into another folder and a rename with an edit") {
  TempDir tmp;
  Repo repo(tmp.path() / "repo");
  const std::string body = twenty_lines();
  repo.write("content/actions/a01.md", body);
  repo.write("content/actions/a02.md", "Something else entirely\n");
  std::string c1 = repo.commit("Add");
  repo.write("content/actions/a01.md", body + "More.\n");
  std::string c2 = repo.commit("Edit");
  repo.move("content/actions/a01.md", "content/actions/first.md");
  std::string c3 = repo.commit("Rename");
  repo.move("content/actions/first.md", "content/updates/first.md");
  std::string c4 = repo.commit("Move to updates");
  repo.move("content/updates/first.md", "content/updates/renamed.md");
  repo.write("content/updates/renamed.md", body + "More.\nAnd an edit while renaming.\n");
  std::string c5 = repo.commit("Rename with edit");
  repo.write("content/updates/renamed.md", body + "Final.\n");
  std::string c6 = repo.commit("Edit after");

  Diagnostics diags;
  HistoryIndex index = open_index(repo.dir() / "content", diags);
  REQUIRE(index.available());
  std::vector<FileRevision> revs = index.revisions_of("updates/renamed.md");
  REQUIRE(ids_of(index, revs) == std::vector<std::string>{c6, c5, c4, c3, c2, c1});
  CHECK(revs[0].change == 'M');
  CHECK(revs[0].path == "updates/renamed.md");
  CHECK(revs[1].change == 'R');
  CHECK(revs[1].path == "updates/renamed.md");
  CHECK(revs[1].blob == blob_of(repo, c5, "content/updates/renamed.md"));
  CHECK(revs[2].change == 'R');
  CHECK(revs[2].path == "updates/first.md");
  CHECK(revs[2].blob == blob_of(repo, c4, "content/updates/first.md"));
  CHECK(revs[3].change == 'R');
  CHECK(revs[3].path == "actions/first.md");
  CHECK(revs[4].change == 'M');
  CHECK(revs[4].path == "actions/a01.md");
  CHECK(revs[4].blob == blob_of(repo, c2, "content/actions/a01.md"));
  CHECK(revs[5].change == 'A');
  CHECK(revs[5].path == "actions/a01.md");
  CHECK(index.read_blob(revs[5].blob) == body);

  // The site-wide listing shows a rename as one change, as `git show --name-status` does.
  for (const std::string& id : {c1, c2, c3, c4, c5, c6}) {
    INFO("commit " << id);
    CHECK(our_name_status(index, commit_index(index, id)) ==
          git_name_status(repo.dir() / "content", id));
  }
  std::vector<FileRevision> moved = index.changes_in(commit_index(index, c4));
  REQUIRE(moved.size() == 1);
  CHECK(moved[0].change == 'R');
  CHECK(moved[0].path == "updates/first.md");
  check_matches_git(repo.dir() / "content", index);
}

TEST_CASE("history: release_caches keeps every answer, and git is read again through a fresh handle") {
  TempDir tmp;
  Repo repo(tmp.path() / "repo");
  const std::string body = twenty_lines();
  repo.write("content/actions/a01.md", body);
  repo.commit("Add");
  repo.move("content/actions/a01.md", "content/actions/first.md");
  repo.write("content/actions/first.md", body + "Renamed, with an edit.\n");
  repo.commit("Rename with edit");

  Diagnostics diags;
  HistoryIndex index = open_index(repo.dir() / "content", diags);
  REQUIRE(index.available());
  const std::vector<FileRevision> before = index.revisions_of("actions/first.md");
  REQUIRE(before.size() == 2);
  const std::string before_blob = index.read_blob(before[1].blob);
  const std::string before_snapshot = index.snapshot().encode();
  index.release_caches();
  index.release_caches();  // twice is harmless
  CHECK(index.read_blob(before[1].blob) == body);
  CHECK(index.read_blob(before[1].blob) == before_blob);
  CHECK(index.snapshot().encode() == before_snapshot);
  std::vector<FileRevision> after = index.revisions_of("actions/first.md");
  REQUIRE(after.size() == before.size());
  for (size_t k = 0; k < after.size(); ++k) {
    CHECK(after[k].commit == before[k].commit);
    CHECK(after[k].path == before[k].path);
    CHECK(after[k].blob == before[k].blob);
    CHECK(after[k].change == before[k].change);
  }
  check_matches_git(repo.dir() / "content", index);

  HistoryIndex none;
  none.release_caches();  // no repository: nothing to close
  CHECK(none.read_blob(before[1].blob).empty());
}

TEST_CASE("history: merges of branches") {
  TempDir tmp;
  Repo repo(tmp.path() / "repo");
  repo.write("content/plan.md", "alpha\nbeta\ngamma\ndelta\n");
  repo.write("content/other.md", "other\n");
  repo.commit("Start");
  repo.git("branch side");
  repo.write("content/plan.md", "ALPHA\nbeta\ngamma\ndelta\n");
  std::string main_edit = repo.commit("Main edits the plan");
  repo.checkout("side");
  repo.write("content/plan.md", "alpha\nbeta\ngamma\nDELTA\n");
  std::string side_edit = repo.commit("Side edits the plan");
  repo.write("content/other.md", "other, from the side\n");
  repo.commit("Side edits other");
  repo.checkout("main");
  std::string merge1 = repo.merge("side", "Merge side: both edited the plan");
  CHECK(repo.read("content/plan.md") == "ALPHA\nbeta\ngamma\nDELTA\n");

  // Only one side touches the file.
  repo.git("branch side2");
  repo.checkout("side2");
  repo.write("content/plan.md", "ALPHA\nbeta\nGAMMA\nDELTA\n");
  repo.commit("Side2 edits the plan");
  repo.checkout("main");
  repo.write("content/new.md", "new\n");
  repo.commit("Main adds a file");
  std::string merge2 = repo.merge("side2", "Merge side2");

  Diagnostics diags;
  HistoryIndex index = open_index(repo.dir() / "content", diags);
  REQUIRE(index.available());
  CHECK(index.head()->parents.size() == 2);
  std::vector<std::string> plan = ids_of(index, index.revisions_of("plan.md"));
  // git: --follow never shows merge commits.
  CHECK(std::find(plan.begin(), plan.end(), merge1) == plan.end());
  CHECK(std::find(plan.begin(), plan.end(), main_edit) != plan.end());
  CHECK(std::find(plan.begin(), plan.end(), side_edit) != plan.end());
  CHECK(check_matches_git(repo.dir() / "content", index) == 3);
  for (const std::string& id : {merge1, merge2}) {
    INFO("merge " << id);
    CHECK(our_name_status(index, commit_index(index, id)) ==
          git_name_status(repo.dir() / "content", id));
  }
}

TEST_CASE("history: a file deleted and added again, and identical content in two files") {
  TempDir tmp;
  Repo repo(tmp.path() / "repo");
  repo.write("content/a.md", "same words\nin both files\n");
  repo.write("content/b.md", "same words\nin both files\n");
  std::string c1 = repo.commit("Two identical files");
  repo.write("content/a.md", "same words\nin both files\nbut a grows\n");
  std::string c2 = repo.commit("Edit a");
  repo.remove("content/b.md");
  std::string c3 = repo.commit("Delete b");
  repo.write("content/b.md", "b is back\nwith nothing like before\n");
  std::string c4 = repo.commit("Add b again");
  repo.write("content/c.md", "same words\nin both files\nbut a grows\n");
  std::string c5 = repo.commit("Copy a to c, a stays");

  Diagnostics diags;
  HistoryIndex index = open_index(repo.dir() / "content", diags);
  REQUIRE(index.available());
  CHECK(ids_of(index, index.revisions_of("b.md")) == std::vector<std::string>{c4, c3, c1});
  std::vector<FileRevision> b = index.revisions_of("b.md");
  CHECK(b[0].change == 'A');
  CHECK(b[1].change == 'D');
  CHECK(b[1].blob.empty());
  CHECK(b[2].change == 'A');
  CHECK(ids_of(index, index.revisions_of("a.md")) == std::vector<std::string>{c2, c1});
  // An exact copy with the original still present is not a rename: the listing says 'A'.
  std::vector<FileRevision> listed = index.changes_in(commit_index(index, c5));
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].change == 'A');
  // git: but `git log --follow` does follow copies (it looks for copies as well as
  // renames), so c.md inherits a.md's history. We match git and call that change 'C'.
  std::vector<FileRevision> c = index.revisions_of("c.md");
  CHECK(ids_of(index, c) == std::vector<std::string>{c5, c2, c1});
  CHECK(c[0].change == 'C');
  CHECK(c[1].path == "a.md");
  CHECK(check_matches_git(repo.dir() / "content", index) == 3);
}

TEST_CASE("history: identical content, renamed: the deleted source wins, then the same name") {
  TempDir tmp;
  Repo repo(tmp.path() / "repo");
  repo.write("content/x/one.md", "identical\n");
  repo.write("content/y/two.md", "identical\n");
  repo.write("content/z/three.md", "identical\n");
  repo.commit("Three identical files");
  repo.write("content/y/two.md", "identical\nedited\n");
  repo.commit("Edit two");
  repo.write("content/y/two.md", "identical\n");
  repo.commit("Undo");
  repo.move("content/z/three.md", "content/w/one.md");
  repo.commit("Move three, named like one");
  repo.move("content/x/one.md", "content/v/two.md");
  repo.commit("Move one, named like two");
  Diagnostics diags;
  HistoryIndex index = open_index(repo.dir() / "content", diags);
  REQUIRE(index.available());
  CHECK(check_matches_git(repo.dir() / "content", index) == 5);
}

TEST_CASE("history: equally similar sources: git's tie-breaks are replayed") {
  // Several sources exactly as similar to a new file (same content as each other, not as
  // the new file): which one git follows depends on deleted-or-not, the basename and the
  // order candidates passed through git's four best-so-far slots, including unrelated
  // files that filled slots first.
  TempDir tmp;
  Repo repo(tmp.path() / "repo");
  std::string shared;
  for (int i = 0; i < 12; ++i) shared += "Shared line number " + std::to_string(i) + ".\n";
  const char* dirs[] = {"a", "b", "c", "d", "e", "f", "g"};
  for (int i = 0; i < 7; ++i) {
    repo.write(std::string("content/") + dirs[i] + "/filler.md",
               "unrelated " + std::to_string(i) + "\n" + std::string(300, 'x') + "\n");
    repo.write(std::string("content/") + dirs[i] + "/same.md", shared);
  }
  repo.commit("Seven identical files among unrelated ones");
  repo.write("content/new/copy.md", shared + "One more line.\n");
  repo.commit("A new file like all seven");
  repo.write("content/new/same.md", shared + "Another line.\n");
  repo.commit("A new file like all seven, with their name");
  repo.remove("content/d/same.md");
  repo.remove("content/f/same.md");
  repo.write("content/new/moved.md", shared + "Moved.\n");
  repo.commit("Two go, one new file like them");
  Diagnostics diags;
  HistoryIndex index = open_index(repo.dir() / "content", diags);
  REQUIRE(index.available());
  CHECK(check_matches_git(repo.dir() / "content", index) == 17);
  CHECK(index.revisions_of("new/copy.md").size() == 2);
  CHECK(index.revisions_of("new/moved.md").at(0).change == 'R');
}

TEST_CASE("history: concurrent revisions_of and read_blob from several threads") {
  TempDir tmp;
  Repo repo(tmp.path() / "repo");
  std::string body;
  for (int i = 0; i < 10; ++i) body += "Paragraph " + std::to_string(i) + " of the plan.\n";
  for (int f = 0; f < 8; ++f) repo.write("content/f" + std::to_string(f) + ".md", body + std::to_string(f) + "\n");
  repo.commit("start");
  for (int f = 0; f < 8; ++f) {
    repo.move("content/f" + std::to_string(f) + ".md", "content/moved/g" + std::to_string(f) + ".md");
    repo.commit("move " + std::to_string(f));
    repo.write("content/moved/g" + std::to_string(f) + ".md", body + "edited\n");
    repo.commit("edit " + std::to_string(f));
  }
  Diagnostics diags;
  HistoryIndex index = open_index(repo.dir() / "content", diags);
  REQUIRE(index.available());
  std::vector<std::string> paths;
  for (int f = 0; f < 8; ++f) paths.push_back("moved/g" + std::to_string(f) + ".md");
  // Expected results, computed on a second index so that the first starts with cold caches.
  Diagnostics diags2;
  HistoryIndex reference = open_index(repo.dir() / "content", diags2);
  std::vector<std::vector<std::string>> expected;
  for (const std::string& p : paths) expected.push_back(ids_of(reference, reference.revisions_of(p)));
  std::vector<int> failures(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round)
        for (size_t i = 0; i < paths.size(); ++i) {
          size_t k = (i + static_cast<size_t>(t)) % paths.size();
          std::vector<FileRevision> revs = index.revisions_of(paths[k]);
          if (ids_of(index, revs) != expected[k]) ++failures[t];
          for (const FileRevision& r : revs)
            if (!r.blob.empty() && index.read_blob(r.blob).empty()) ++failures[t];
        }
    });
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < 4; ++t) CHECK(failures[t] == 0);
  CHECK(expected[3].size() == 3);
}

// Each thread reads git with a reader of its own; what they share (where --follow went) is
// shared under a lock. Every kind of read is here: renames and copies with edits (similarity,
// from blob chunk hashes), a file followed in from outside the content folder (trees looked up
// commit by commit), deleted paths, and the blobs themselves; more threads than cores, so some
// wait for a reader.
TEST_CASE("history: many paths read on several threads at once give the single-threaded results") {
  TempDir tmp;
  Repo repo(tmp.path() / "repo");
  auto body = [](int f) {
    std::string text;
    for (int line = 0; line < 12; ++line)
      text += "Document " + std::to_string(f) + ", paragraph " + std::to_string(line) + " of the plan.\n";
    return text;
  };
  for (int f = 0; f < 16; ++f) repo.write("content/d" + std::to_string(f) + ".md", body(f));
  repo.write("drafts/outside.md", body(99));
  repo.commit("start");
  for (int f = 0; f < 16; ++f) {
    std::string from = "content/d" + std::to_string(f) + ".md";
    switch (f % 4) {
      case 0:  // renamed and edited in one commit
        repo.move(from, "content/renamed/r" + std::to_string(f) + ".md");
        repo.write("content/renamed/r" + std::to_string(f) + ".md", body(f) + "Edited on the move.\n");
        break;
      case 1:  // copied, with an edit, the original kept
        repo.write("content/copies/c" + std::to_string(f) + ".md", body(f) + "A copy.\n");
        break;
      case 2:  // edited in place
        repo.write(from, body(f) + "Edited.\n");
        break;
      default:  // deleted
        repo.remove(from);
    }
    repo.commit("change " + std::to_string(f));
  }
  repo.move("drafts/outside.md", "content/published.md");
  repo.commit("publish the draft");
  repo.write("content/published.md", body(99) + "Published.\n");
  repo.commit("edit the published draft");

  const fs::path content = repo.dir() / "content";
  const std::vector<std::string> paths = all_paths(content);
  REQUIRE(paths.size() >= 24);
  // Expected: one thread, on an index of its own.
  Diagnostics reference_diags;
  HistoryIndex reference = open_index(content, reference_diags);
  REQUIRE(reference.available());
  auto describe = [](const HistoryIndex& index, const std::string& path) {
    std::string out;
    for (const FileRevision& r : index.revisions_of(path)) {
      out += std::to_string(r.commit) + ' ' + r.change + ' ' + r.path + ' ' + r.blob + '\n';
      if (!r.blob.empty()) out += index.read_blob(r.blob) + '\n';
    }
    return out;
  };
  std::vector<std::string> expected;
  for (const std::string& path : paths) expected.push_back(describe(reference, path));
  CHECK(describe(reference, "published.md").find("../drafts/outside.md") != std::string::npos);
  CHECK(describe(reference, "copies/c5.md").find(" C copies/c5.md ") != std::string::npos);
  CHECK(describe(reference, "renamed/r8.md").find(" R renamed/r8.md ") != std::string::npos);

  Diagnostics diags;
  HistoryIndex index = open_index(content, diags);
  REQUIRE(index.available());
  constexpr int kThreads = 6;
  std::vector<std::vector<std::string>> mismatches(kThreads);
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      for (int round = 0; round < 3; ++round)
        for (size_t i = 0; i < paths.size(); ++i) {
          // Each thread in its own order, so that different threads miss the caches at once.
          size_t k = (t % 2 ? paths.size() - 1 - i : i);
          k = (k + static_cast<size_t>(t) * 5) % paths.size();
          if (describe(index, paths[k]) != expected[k]) mismatches[t].push_back(paths[k]);
        }
    });
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) {
    INFO("thread " << t);
    CHECK(mismatches[t].empty());
  }
  // What --follow found, kept for the next build, is the same whoever found it.
  CHECK(index.snapshot().follows_known() > 0);
  CHECK(index.snapshot().encode() == reference.snapshot().encode());
}

TEST_CASE("history: non-ASCII file names") {
  TempDir tmp;
  Repo repo(tmp.path() / "repo");
  repo.write("content/actions/réponse-ü.md", "Réponse\n");
  repo.commit("Add");
  repo.write("content/actions/réponse-ü.md", "Réponse\nplus\n");
  std::string c2 = repo.commit("Edit");
  repo.move("content/actions/réponse-ü.md", "content/actions/ответ.md");
  std::string c3 = repo.commit("Rename");
  Diagnostics diags;
  HistoryIndex index = open_index(repo.dir() / "content", diags);
  REQUIRE(index.available());
  std::vector<FileRevision> revs = index.revisions_of("actions/ответ.md");
  REQUIRE(revs.size() == 3);
  CHECK(revs[0].change == 'R');
  CHECK(revs[1].path == "actions/réponse-ü.md");
  CHECK(check_matches_git(repo.dir() / "content", index) == 2);
  std::vector<FileRevision> listed = index.changes_in(commit_index(index, c3));
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].path == "actions/ответ.md");
  CHECK(index.changes_in(commit_index(index, c2)).at(0).path == "actions/réponse-ü.md");
}

TEST_CASE("history: commits with equal timestamps and clocks that go backwards") {
  TempDir tmp;
  Repo repo(tmp.path() / "repo");
  const long long t = 1600000000;
  repo.write("content/f.md", "1\n");
  repo.commit("one", t);
  repo.git("branch b1");
  repo.git("branch b2");
  repo.write("content/f.md", "2\n");
  repo.commit("two", t);
  repo.checkout("b1");
  repo.write("content/g.md", "g\n");
  repo.commit("b1 one", t);
  repo.write("content/f.md", "b1\n");
  repo.commit("b1 two", t);
  repo.checkout("b2");
  repo.write("content/h.md", "h\n");
  repo.commit("b2 older clock", t - 3600);
  repo.write("content/f.md", "b2\n");
  repo.commit("b2 newer", t + 5);
  repo.checkout("main");
  repo.merge("b1", "merge b1", t);
  repo.merge("b2", "merge b2", t);
  repo.write("content/f.md", "last\n");
  repo.commit("last, with an older clock", t - 100);
  Diagnostics diags;
  HistoryIndex index = open_index(repo.dir() / "content", diags);
  REQUIRE(index.available());
  CHECK(index.commits().size() == 9);
  CHECK(check_matches_git(repo.dir() / "content", index) == 3);
}

TEST_CASE("history: content folder in a subfolder, followed out of it") {
  TempDir tmp;
  Repo repo(tmp.path() / "repo");
  std::string body = "A draft written outside the content folder.\nSecond line.\nThird.\n";
  repo.write("drafts/x.md", body);
  repo.write("site/content/actions/a.md", "action\n");
  repo.write("README.md", "readme\n");
  std::string c1 = repo.commit("Start");
  repo.write("drafts/x.md", body + "Fourth.\n");
  std::string c2 = repo.commit("Edit draft");
  repo.write("README.md", "readme 2\n");
  repo.commit("Edit readme only");
  repo.move("drafts/x.md", "site/content/actions/x.md");
  std::string c4 = repo.commit("Publish draft");
  repo.write("site/content/actions/x.md", body + "Fourth.\nFifth.\n");
  std::string c5 = repo.commit("Edit published");

  Diagnostics diags;
  HistoryIndex index = open_index(repo.dir() / "site" / "content", diags);
  REQUIRE(index.available());
  CHECK(index.commits().size() == 5);
  std::vector<FileRevision> revs = index.revisions_of("actions/x.md");
  CHECK(ids_of(index, revs) == std::vector<std::string>{c5, c4, c2, c1});
  REQUIRE(revs.size() == 4);
  CHECK(revs[1].change == 'R');
  CHECK(revs[2].path == "../../drafts/x.md");
  CHECK(revs[2].change == 'M');
  CHECK(revs[3].change == 'A');
  // The listing only covers the content folder.
  CHECK(index.changes_in(commit_index(index, c2)).empty());
  std::vector<FileRevision> published = index.changes_in(commit_index(index, c4));
  REQUIRE(published.size() == 1);
  CHECK(published[0].change == 'A');
  CHECK(check_matches_git(repo.dir() / "site" / "content", index) == 2);
}

TEST_CASE("history: shallow clone") {
  TempDir tmp;
  Repo repo(tmp.path() / "origin");
  repo.write("content/a.md", "1\n");
  repo.commit("one");
  repo.write("content/a.md", "2\n");
  repo.commit("two");
  repo.write("content/b.md", "b\n");
  repo.commit("three");
  repo.write("content/a.md", "3\n");
  repo.commit("four");
  git_in(tmp.path(), "clone -q --depth 2 " + shell_quote("file://" + repo.dir().string()) +
                         " clone");
  fs::path content = tmp.path() / "clone" / "content";
  Diagnostics diags;
  HistoryIndex index = open_index(content, diags);
  REQUIRE(index.available());
  CHECK(index.shallow());
  CHECK(index.commits().size() == 2);
  REQUIRE(diags.warning_count() == 1);
  CHECK(diags.all()[0].message ==
        "history is cut short: this is a shallow clone; the site shows history from "
        "14 July 2017; fetch full history with `git fetch --unshallow`");
  // The oldest commit of a shallow clone adds every file, as git shows it, and is marked as
  // the point where this copy's history is cut off.
  std::vector<FileRevision> a = index.revisions_of("a.md");
  REQUIRE(a.size() == 2);
  CHECK(a[1].change == 'A');
  CHECK(index.commits()[a[1].commit].history_cut_off);
  CHECK_FALSE(index.commits()[a[0].commit].history_cut_off);
  CHECK(check_matches_git(content, index) == 2);
  // In the full repository no commit is cut off.
  Diagnostics full_diags;
  HistoryIndex full = open_index(repo.dir() / "content", full_diags);
  for (const CommitInfo& c : full.commits()) CHECK_FALSE(c.history_cut_off);
}

TEST_CASE("history: a shallow clone's site never claims a first publication date it cannot know") {
  TempDir tmp;
  Repo repo(tmp.path() / "origin");
  const long long day = 24 * 60 * 60;
  const long long start = 1456790400;  // 1 March 2016
  repo.write("content/portal.toml", "title = \"Test portal\"\nauthority = \"Test Council\"\n");
  repo.write("content/old.md", "# Old page\n\nFirst text.\n");
  repo.commit("Add old page", start);
  repo.write("content/old.md", "# Old page\n\nSecond text.\n");
  repo.commit("Edit old page", start + 400 * day);           // 5 April 2017
  repo.write("content/other.md", "# Other page\n\nText.\n");
  repo.commit("Add other page", start + 2913 * day);         // 21 February 2024
  repo.write("content/new.md", "# New page\n\nText.\n");
  repo.commit("Add new page", start + 2914 * day);           // 22 February 2024
  git_in(tmp.path(), "clone -q --depth 2 " + shell_quote("file://" + repo.dir().string()) + " clone");
  git_in(tmp.path(), "clone -q " + shell_quote("file://" + repo.dir().string()) + " full");

  auto build = [&](const std::string& name) {
    BuildOptions o;
    o.content_dir = tmp.path() / name / "content";
    o.theme_dir = fs::path(SCRUTINY_SOURCE_DIR) / "themes/default";
    o.out_dir = tmp.path() / (name + "-site");
    Diagnostics diags;
    build_site(o, diags);
    CHECK_FALSE(diags.has_errors());
    return o.out_dir;
  };
  auto read = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  auto contains = [](const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; };

  // Full clone: first published in 2016.
  fs::path full = build("full");
  std::string old_full = read(full / "old.html");
  CHECK(contains(old_full, "First published <time datetime=\"2016-03-01\">1 March 2016</time>"));
  CHECK_FALSE(contains(old_full, "is not in this copy"));
  CHECK(contains(read(full / "history/old/index.html"), "The published history begins on"));

  // Shallow clone (depth 2): history starts at "Add other page" on 21 February 2024, where
  // git shows both old.md and other.md as added. Neither page claims a first publication.
  fs::path shallow = build("clone");
  for (const char* page : {"old.html", "other.html"}) {
    std::string html = read(shallow / page);
    INFO(page);
    CHECK_FALSE(contains(html, "First published"));
    CHECK(contains(html, "History before <time datetime=\"2024-02-21\">21 February 2024</time> is not in this copy"));
  }
  // new.md was added after the cut-off: its first publication is known.
  CHECK(contains(read(shallow / "new.html"), "First published <time datetime=\"2024-02-22\">22 February 2024</time>"));
  // The history page and the cut-off revision and change say so too, and call nothing "added".
  std::string history = read(shallow / "history/old/index.html");
  CHECK(contains(history, "History before <time datetime=\"2024-02-21\">21 February 2024</time> is not in this copy"));
  CHECK(contains(history, "<td>earliest revision in this copy</td>"));
  CHECK_FALSE(contains(history, "<td>added</td>"));
  CHECK_FALSE(contains(history, "The published history begins on"));
  size_t revisions_cut_off = 0, changes_cut_off = 0;
  for (const auto& e : fs::recursive_directory_iterator(shallow)) {
    if (e.path().extension() != ".html") continue;
    std::string html = read(e.path());
    CHECK_FALSE(contains(html, "First published <time datetime=\"2024-02-21\""));
    revisions_cut_off += contains(html, "History before this revision is not in this copy");
    changes_cut_off += contains(html, "History before this change is not in this copy");
  }
  CHECK(revisions_cut_off == 2);  // old.md's and other.md's oldest revisions
  CHECK(changes_cut_off == 1);    // the cut-off commit's page
}

TEST_CASE("history: detached HEAD") {
  TempDir tmp;
  Repo repo(tmp.path() / "repo");
  repo.write("content/a.md", "1\n");
  std::string c1 = repo.commit("one");
  repo.write("content/a.md", "2\n");
  std::string c2 = repo.commit("two");
  repo.write("content/a.md", "3\n");
  repo.commit("three");
  repo.checkout("--detach " + c2);
  Diagnostics diags;
  HistoryIndex index = open_index(repo.dir() / "content", diags);
  CHECK(diags.all().empty());
  REQUIRE(index.available());
  CHECK(index.head()->id == c2);
  CHECK(ids_of(index, index.revisions_of("a.md")) == std::vector<std::string>{c2, c1});
  check_matches_git(repo.dir() / "content", index);
}

TEST_CASE("history: not a repository, and a repository with no commits") {
  TempDir tmp;
  fs::create_directories(tmp.path() / "plain" / "content");
  {
    Diagnostics diags;
    HistoryIndex index = open_index(tmp.path() / "plain" / "content", diags);
    CHECK_FALSE(index.available());
    CHECK(index.head() == nullptr);
    CHECK(index.commits().empty());
    CHECK(index.revisions_of("a.md").empty());
    CHECK(index.changes_in(0).empty());
    CHECK(index.read_blob("0123456789012345678901234567890123456789").empty());
    CHECK_FALSE(diags.has_errors());
    REQUIRE(diags.warning_count() == 1);
    CHECK(diags.all()[0].message.find("is not in a git repository: pages will have no history") !=
          std::string::npos);
  }
  {
    Repo repo(tmp.path() / "empty");
    fs::create_directories(repo.dir() / "content");
    Diagnostics diags;
    HistoryIndex index = open_index(repo.dir() / "content", diags);
    CHECK_FALSE(index.available());
    CHECK(index.commits().empty());
    CHECK_FALSE(diags.has_errors());
    REQUIRE(diags.warning_count() == 1);
    CHECK(diags.all()[0].message.find("no commits") != std::string::npos);
  }
  {
    HistoryIndex moved_from;
    HistoryIndex other = std::move(moved_from);
    CHECK_FALSE(other.available());
  }
}

// Random histories: edits, renames (with and without edits), copies, deletions,
// re-additions, branches and merges (conflicts committed as they are), equal and skewed
// clocks, files with and without a final newline. Every file must match git.
TEST_CASE("history: random histories match git log --follow") {
  const char* words[] = {"council", "plan", "action", "review", "children", "social", "care",
                         "ofsted", "visit", "update", "target", "complete", "risk", "audit"};
  const std::vector<std::string> folders = {"actions", "updates", "recommendations",
                                            "actions/sub", "réunions"};
  size_t total = 0;
  // SCRUTINY_HISTORY_SEEDS=N runs N random histories instead of 4 (for a longer soak).
  unsigned seeds = 4;
  if (const char* env = getenv("SCRUTINY_HISTORY_SEEDS")) seeds = static_cast<unsigned>(atoi(env));
  for (unsigned seed = 1; seed <= seeds; ++seed) {
    CAPTURE(seed);
    TempDir tmp;
    Repo repo(tmp.path() / "repo");
    std::mt19937 rng(seed);
    auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
    // Every other history draws its lines from a handful, so that many files are more than
    // 50% alike and the choice between several candidate sources (and its ties) is tested.
    const bool alike = seed % 2 == 0;
    auto random_text = [&](int lines) {
      std::string s;
      for (int i = 0; i < lines; ++i) {
        if (alike) {
          s += std::string(words[pick(4)]) + "\n";
          continue;
        }
        int n = 1 + static_cast<int>(pick(5));
        for (int w = 0; w < n; ++w) s += std::string(w ? " " : "") + words[pick(14)];
        s += "\n";
      }
      if (pick(4) == 0 && !s.empty()) s.pop_back();  // no final newline
      return s;
    };
    auto edit_text = [&](std::string s) {
      std::vector<std::string> lines = split(s);
      int edits = 1 + static_cast<int>(pick(4));
      for (int e = 0; e < edits; ++e) {
        size_t at = lines.empty() ? 0 : pick(lines.size());
        switch (pick(3)) {
          case 0: if (!lines.empty()) lines.erase(lines.begin() + at); break;
          case 1: lines.insert(lines.begin() + at, random_text(1).substr(0, 20)); break;
          default: if (!lines.empty()) lines[at] = words[pick(14)]; break;
        }
      }
      std::string out;
      for (auto& l : lines) out += l + "\n";
      return out;
    };
    std::vector<std::string> live;  // files under content/ on the current branch
    std::vector<std::string> gone;
    int next_name = 0;
    auto refresh = [&] {
      live.clear();
      for (const std::string& p :
           split(repo.git("-c core.quotePath=false ls-files -z content"), std::string("\0", 1)))
        live.push_back(p);
    };
    auto new_name = [&] {
      return "content/" + folders[pick(folders.size())] + "/doc-" + std::to_string(next_name++) +
             (pick(7) == 0 ? "-é" : "") + ".md";
    };
    for (int i = 0; i < 5; ++i) repo.write(new_name(), random_text(3 + static_cast<int>(pick(12))));
    repo.commit("start");
    long long clock = repo.time();
    std::vector<std::string> branches;
    for (int step = 0; step < 45; ++step) {
      refresh();
      int op = static_cast<int>(pick(100));
      if (live.empty()) op = 0;
      std::string msg = "step " + std::to_string(step);
      if (op < 10) {
        repo.write(new_name(), random_text(2 + static_cast<int>(pick(10))));
      } else if (op < 45) {
        for (size_t n = 1 + pick(3); n > 0; --n) {
          const std::string& f = live[pick(live.size())];
          repo.write(f, edit_text(repo.read(f)));
        }
      } else if (op < 58) {
        std::string f = live[pick(live.size())];
        std::string to = new_name();
        repo.move(f, to);
        if (pick(2)) repo.write(to, edit_text(repo.read(to)));
      } else if (op < 64) {
        std::string f = live[pick(live.size())];
        std::string text = repo.read(f);
        repo.write(new_name(), pick(2) ? text : edit_text(text));
      } else if (op < 70) {
        std::string f = live[pick(live.size())];
        repo.remove(f);
        gone.push_back(f);
      } else if (op < 75 && !gone.empty()) {
        std::string f = gone[pick(gone.size())];
        repo.write(f, pick(2) ? random_text(4) : edit_text(random_text(6)));
      } else if (op < 85) {
        std::string b = "b" + std::to_string(step);
        repo.git("branch " + b);
        branches.push_back(b);
      } else if (op < 93 && !branches.empty()) {
        std::string b = branches[pick(branches.size())];
        std::string here = split(repo.git("rev-parse --abbrev-ref HEAD")).at(0);
        if (b != here && here != "HEAD") {
          clock += pick(3) == 0 ? 0 : 60;
          repo.merge(b, "merge " + b, clock);
          continue;
        }
      } else if (!branches.empty()) {
        repo.checkout(branches[pick(branches.size())]);
        continue;
      }
      // Equal clocks now and then, and sometimes a clock that runs backwards.
      int tick = static_cast<int>(pick(10));
      clock += tick < 2 ? 0 : tick < 3 ? -300 : 60;
      repo.commit(msg, clock);
    }
    repo.checkout("main");
    Diagnostics diags;
    HistoryIndex index = open_index(repo.dir() / "content", diags);
    REQUIRE(index.available());
    total += check_matches_git(repo.dir() / "content", index);
    for (size_t c = 0; c < index.commits().size(); c += 3) {
      INFO("commit " << index.commits()[c].id);
      CHECK(our_name_status(index, c) ==
            git_name_status(repo.dir() / "content", index.commits()[c].id));
    }
  }
  MESSAGE("files checked against git: " << total);
}

}  // namespace scrutiny

// --- Snapshots: an index extended from an earlier one is the index open() gives ----------

namespace scrutiny {
namespace {

std::string describe(const FileRevision& r) {
  return std::to_string(r.commit) + " " + r.change + " " + r.path + " " + r.blob;
}
std::string describe(const std::vector<FileRevision>& revs) {
  std::string out;
  for (const FileRevision& r : revs) out += describe(r) + "\n";
  return out;
}
std::string describe(const CommitInfo& c) {
  std::string out = c.id + " [";
  for (const std::string& p : c.parents) out += p + " ";
  out += "] " + std::to_string(c.author_time) + " " + std::to_string(c.author_offset) + " " +
         std::to_string(c.commit_time) + " " + std::to_string(c.commit_offset) + " " + c.author_name +
         " <" + c.author_email + "> " + c.summary + "|" + c.message + "|" + (c.history_cut_off ? "cut" : "");
  return out;
}

// Everything a reader of the index can observe: commits, changes_in of each, and revisions_of
// every path that ever existed under the content folder.
void check_same_index(const HistoryIndex& fresh, const HistoryIndex& extended, const fs::path& content) {
  CHECK(fresh.available() == extended.available());
  CHECK(fresh.shallow() == extended.shallow());
  REQUIRE(fresh.commits().size() == extended.commits().size());
  for (size_t c = 0; c < fresh.commits().size(); ++c) {
    INFO("commit " << c);
    CHECK(describe(fresh.commits()[c]) == describe(extended.commits()[c]));
    CHECK(describe(fresh.changes_in(c)) == describe(extended.changes_in(c)));
  }
  for (const std::string& path : all_paths(content)) {
    INFO("path: " << path);
    CHECK(describe(fresh.revisions_of(path)) == describe(extended.revisions_of(path)));
  }
}

// A snapshot after a trip through its file format, as the next build sees it.
HistorySnapshot through_file(const HistoryIndex& index) {
  std::string problem;
  std::optional<HistorySnapshot> back = HistorySnapshot::decode(index.snapshot().encode(), problem);
  REQUIRE_MESSAGE(back, problem);
  return *back;
}

}  // namespace

TEST_CASE("history: a long history, its commits diffed on two readers, matches git") {
  // open() diffs a history of 512 commits or more on two readers, each taking half of it:
  // the changes, renames and followed paths must be git's on both sides of the split.
  TempDir tmp;
  PortalShape shape;
  shape.documents = 60;
  shape.commits = 700;
  std::string error;
  REQUIRE_MESSAGE(generate_portal_repository(tmp.path() / "repo", shape, error), error);
  const fs::path content = tmp.path() / "repo" / "content";
  Diagnostics diags;
  HistoryIndex index = open_index(content, diags);
  REQUIRE(index.commits().size() >= 700);
  size_t merges = 0, compared = 0;
  for (size_t c = 0; c < index.commits().size(); ++c) {
    const bool merge = index.commits()[c].parents.size() > 1;
    merges += merge;
    if (!merge && c % 7 != 0) continue;  // git show per commit is slow: every merge, a seventh of the rest
    INFO("commit " << c << " " << index.commits()[c].id);
    CHECK(our_name_status(index, c) == git_name_status(content, index.commits()[c].id));
    ++compared;
  }
  CHECK(merges > 0);
  CHECK(compared > 100);
  CHECK(check_matches_git(content, index) >= 60);
}

TEST_CASE("history: an index extended from a snapshot after each commit equals a fresh open") {
  TempDir tmp;
  Repo repo(tmp.path() / "repo");
  const fs::path content = repo.dir() / "content";
  std::optional<HistorySnapshot> previous;
  std::set<std::string> previous_ids;
  // After each step: open afresh, and open from the previous step's snapshot (through its
  // file format); the second reads from git only the commits the snapshot lacks, and both
  // give the same index, which is also git's.
  auto step = [&](const std::string& what) {
    INFO("after: " << what);
    Diagnostics fresh_diags, extended_diags;
    HistoryIndex fresh = HistoryIndex::open(content, fresh_diags);
    HistoryIndex extended = HistoryIndex::open(content, extended_diags, previous ? &*previous : nullptr);
    size_t new_commits = 0;
    for (const CommitInfo& c : fresh.commits()) new_commits += !previous_ids.count(c.id);
    CHECK(fresh.commits_read() == fresh.commits().size());
    CHECK(extended.commits_read() == new_commits);
    CHECK(extended_diags.all().size() == fresh_diags.all().size());
    check_same_index(fresh, extended, content);
    CHECK(check_matches_git(content, extended) > 0);
    previous = through_file(extended);
    previous_ids.clear();
    for (const CommitInfo& c : extended.commits()) previous_ids.insert(c.id);
  };

  repo.write("content/actions/a1.md", "title: one\n\nFirst action.\nWith lines.\nAnd more.\n");
  repo.write("content/actions/a2.md", "title: two\n\nSecond action.\nIts own words.\n");
  repo.write("content/about.md", "about\n");
  repo.write("elsewhere/notes.md", "not content\nbut long enough\nto be followed\n");
  repo.commit("Start");
  step("the first commit");
  repo.write("content/actions/a1.md", "title: one\n\nFirst action, edited.\nWith lines.\nAnd more.\n");
  repo.commit("Edit one action");
  step("an edit");
  repo.commit("Nothing changes");
  step("an empty commit");

  // A side branch whose commits are older than main's tip, merged: they fall between main's
  // commits in git log's order, not on top.
  const long long before_main = repo.time() - 3600;
  repo.git("branch side HEAD~2");
  repo.write("content/other.md", "other on main\n");
  repo.commit("Main adds other");
  repo.checkout("side");
  repo.write("content/actions/a2.md", "title: two\n\nSecond action, from the side.\nIts own words.\n");
  repo.commit("Side edits two", before_main);
  repo.write("content/side.md", "side\n");
  repo.commit("Side adds a page", before_main + 60);
  repo.checkout("main");
  repo.merge("side", "Merge side", repo.time() + 3700);
  step("a merge of an older side branch");

  repo.move("content/actions/a2.md", "content/actions/a3.md");
  repo.commit("Rename two");
  step("a rename");
  // Where --follow went is kept too: an index opened from the snapshot knows it already.
  const size_t follows = previous->follows_known();
  CHECK(follows > 0);
  {
    Diagnostics diags;
    HistoryIndex reopened = HistoryIndex::open(content, diags, &*previous);
    CHECK(reopened.snapshot().follows_known() == follows);
    CHECK(reopened.revisions_of("actions/a3.md").size() == 3);
  }
  repo.move("content/actions/a3.md", "content/plans/a3.md");
  repo.write("content/plans/a3.md", "title: two\n\nSecond action, from the side.\nIts own words.\nMoved.\n");
  repo.move("elsewhere/notes.md", "content/notes.md");
  repo.commit("Move with an edit, and bring notes in");
  step("a move with an edit, and a file from outside the content folder");
  repo.remove("content/side.md");
  repo.commit("Delete the side page");
  step("a deletion");

  repo.write("content/about.md", "about, amended\n");
  repo.git("add -A");
  repo.git("-c commit.gpgsign=false commit -q --amend -m 'Delete the side page, and amend about'");
  step("a rewrite with commit --amend");
  repo.write("content/actions/a1.md", "title: one\n\nFirst action, edited again.\nWith lines.\nAnd more.\n");
  repo.commit("After the amend");
  step("a commit after the amend");

  repo.checkout("-b older HEAD~4");
  step("a switch to an older branch");
  repo.write("content/about.md", "about, on the older branch\n");
  repo.commit("On the older branch");
  step("a commit on the older branch");
}

TEST_CASE("history: a snapshot of another content folder or repository is not used") {
  TempDir tmp;
  Repo repo(tmp.path() / "repo");
  repo.write("content/a.md", "a\n");
  repo.write("other/b.md", "b\n");
  repo.commit("Start");
  Diagnostics diags;
  HistoryIndex content = HistoryIndex::open(repo.dir() / "content", diags);
  HistorySnapshot snapshot = content.snapshot();
  CHECK(snapshot.commit_count() == 1);
  CHECK(HistoryIndex::open(repo.dir() / "content", diags, &snapshot).commits_read() == 0);
  CHECK(HistoryIndex::open(repo.dir() / "other", diags, &snapshot).commits_read() == 1);
  repo.git("clone -q " + shell_quote(repo.dir().string()) + " " + shell_quote((tmp.path() / "clone").string()));
  HistoryIndex clone = HistoryIndex::open(tmp.path() / "clone" / "content", diags, &snapshot);
  CHECK(clone.commits_read() == 1);
  CHECK(clone.revisions_of("a.md").size() == 1);
}

TEST_CASE("history: a shallow clone's index is never kept") {
  TempDir tmp;
  Repo repo(tmp.path() / "repo");
  repo.write("content/a.md", "a\n");
  repo.commit("one");
  repo.write("content/a.md", "a2\n");
  repo.commit("two");
  repo.git("clone -q --depth 1 file://" + repo.dir().string() + " " + shell_quote((tmp.path() / "shallow").string()));
  Diagnostics diags;
  HistoryIndex shallow = HistoryIndex::open(tmp.path() / "shallow" / "content", diags);
  REQUIRE(shallow.shallow());
  CHECK(shallow.snapshot().empty());
  HistorySnapshot full = HistoryIndex::open(repo.dir() / "content", diags).snapshot();
  CHECK(HistoryIndex::open(tmp.path() / "shallow" / "content", diags, &full).commits_read() == 1);
}

TEST_CASE("history: a damaged snapshot file is refused, never trusted, and the walk falls back") {
  TempDir tmp;
  Repo repo(tmp.path() / "repo");
  const fs::path content = repo.dir() / "content";
  repo.write("content/a.md", "alpha\nbeta\ngamma\n");
  repo.write("content/b.md", "one\ntwo\n");
  repo.commit("Start");
  repo.move("content/a.md", "content/c.md");
  repo.commit("Rename");
  repo.git("branch side HEAD~1");
  repo.write("content/b.md", "one\ntwo\nthree\n");
  repo.commit("Edit");
  repo.checkout("side");
  repo.write("content/d.md", "d\n");
  repo.commit("Side");
  repo.checkout("main");
  repo.merge("side", "Merge");
  Diagnostics diags;
  HistoryIndex fresh = HistoryIndex::open(content, diags);
  const std::string bytes = fresh.snapshot().encode();
  std::string problem;
  REQUIRE(HistorySnapshot::decode(bytes, problem));

  // Cut short anywhere, or one byte changed anywhere: refused.
  for (size_t n = 0; n < bytes.size(); ++n) {
    INFO("length " << n);
    CHECK_FALSE(HistorySnapshot::decode(std::string_view(bytes).substr(0, n), problem));
  }
  for (size_t at = 0; at < bytes.size(); ++at) {
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x5a);
    INFO("byte " << at);
    CHECK_FALSE(HistorySnapshot::decode(damaged, problem));
  }
  // Another format version.
  std::string other_version = bytes;
  other_version[HistorySnapshot::kFileFormat.magic.size()] = 9;
  test::reseal_envelope(other_version);
  CHECK_FALSE(HistorySnapshot::decode(other_version, problem));
  CHECK(problem.find("another version") != std::string::npos);

  // Damage the checksum would not catch (a file made to deceive): random bytes changed, cut
  // or repeated, then resealed. An index opened from whatever decodes still answers every
  // question. (tests/fuzz/history_snapshot_fuzz.cc checks the decoder under sanitizers.)
  std::mt19937 rng(10);
  size_t decoded = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string damaged = bytes;
    const size_t body = damaged.size() - 8;
    switch (rng() % 3) {
      case 0:
        for (int k = 0, n = 1 + static_cast<int>(rng() % 4); k < n; ++k)
          damaged[rng() % body] = static_cast<char>(rng());
        break;
      case 1:
        damaged.erase(rng() % body, 1 + rng() % 16);
        break;
      default: {
        size_t at = rng() % body;
        damaged.insert(at, damaged.substr(at, 1 + rng() % 16));
      }
    }
    if (damaged.size() < 8) continue;
    test::reseal_envelope(damaged);
    std::optional<HistorySnapshot> snapshot = HistorySnapshot::decode(damaged, problem);
    if (!snapshot) continue;
    ++decoded;
    HistoryIndex index = HistoryIndex::open(content, diags, &*snapshot);
    for (const char* path : {"b.md", "c.md", "d.md", "a.md"}) (void)index.revisions_of(path);
    for (size_t c = 0; c < index.commits().size(); ++c) (void)index.changes_in(c);
  }
  MESSAGE(decoded << " of 3000 resealed damaged files decoded");

  // On disk: missing, a folder, empty, cut short: nothing, and open() with nothing reads all.
  const fs::path file = tmp.path() / "cache" / "history-index";
  CHECK_FALSE(HistorySnapshot::load(file, problem));
  fs::create_directories(file);
  CHECK_FALSE(HistorySnapshot::load(file, problem));
  fs::remove(file);
  REQUIRE(fresh.snapshot().save(file, problem));
  CHECK(fs::is_regular_file(file));
  CHECK(std::distance(fs::directory_iterator(file.parent_path()), fs::directory_iterator()) == 1);
  std::optional<HistorySnapshot> loaded = HistorySnapshot::load(file, problem);
  REQUIRE(loaded);
  CHECK(HistoryIndex::open(content, diags, &*loaded).commits_read() == 0);
  fs::resize_file(file, bytes.size() / 2);
  CHECK_FALSE(HistorySnapshot::load(file, problem));
  HistoryIndex fallback = HistoryIndex::open(content, diags, nullptr);
  check_same_index(fresh, fallback, content);
}

}  // namespace scrutiny
