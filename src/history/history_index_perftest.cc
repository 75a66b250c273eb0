// Benchmark: HistoryIndex on a large generated repository, against git itself.
//
//   history_index_perftest [--docs N] [--commits M] [--repo DIR] [--scrutiny PATH]
//                          [--verify K]
//
// Generates (once; reused if DIR already holds it) a repository with N Markdown documents
// under content/ and M commits, each editing 1-5 documents picked by a fixed-seed PRNG, with
// documents added over time, renames, deletions and merged side branches, written as a
// `git fast-import` stream. Then times HistoryIndex::open, revisions_of for every document
// and `git log --name-status -M --format=%H`, and, given --scrutiny, a whole site build
// (`PATH build --content DIR/content --out TMP`, run in the current directory so that the
// default theme is found: run it from the source tree).
// --verify K compares revisions_of for K documents with `git log --follow`.

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <git2.h>

#include "deterministic_rng.h"
#include "diagnostic.h"
#include "history_index.h"

namespace fs = std::filesystem;
using scrutiny::Diagnostics;
using scrutiny::HistoryIndex;

namespace {

using Rng = scrutiny::DeterministicRng;

const char* const kWords[] = {
    "council",  "children", "services", "social",   "workers",  "managers", "plan",
    "action",   "review",   "audit",    "cases",    "quality",  "practice", "ofsted",
    "improve",  "families", "support",  "early",    "help",     "risk",     "assessment",
    "training", "staff",    "caseload", "board",    "partners", "health",   "police",
    "schools",  "data",     "report",   "monthly",  "progress", "target",   "complete",
    "delayed",  "evidence", "outcome",  "voice",    "child",    "court",    "care",
    "leavers",  "placement", "fostering", "adoption", "threshold", "referral", "contact"};
constexpr size_t kWordCount = sizeof(kWords) / sizeof(kWords[0]);

const char* const kFolders[] = {"actions", "updates", "recommendations", "inspections", "themes"};

struct Doc {
  std::string path;  // under content/
  std::vector<std::string> lines;
  bool live = true;
};

class Generator {
 public:
  Generator(size_t docs, size_t commits) : target_docs_(docs), target_commits_(commits), rng_(42) {}

  void write(FILE* out) {
    out_ = out;
    size_t initial = target_docs_ * 6 / 10;
    for (size_t i = 0; i < initial; ++i) new_doc();
    // The first commit adds the initial documents.
    begin_commit("refs/heads/main", "Import the improvement plan", 0, 0);
    std::fprintf(out_, "M 100644 inline content/portal.toml\n");
    data("title = \"Generated benchmark portal\"\nauthority = \"Example Council\"\n");
    for (size_t i = 0; i < docs_.size(); ++i) put(i);
    main_mark_ = mark_;
    while (commits_ < target_commits_) {
      if (rng_.below(60) == 0 && target_commits_ - commits_ > 20) side_branch();
      else main_commit();
    }
    out_ = nullptr;
  }

 private:
  std::string line_text() {
    std::string s;
    size_t n = 4 + rng_.below(12);
    for (size_t i = 0; i < n; ++i) {
      if (i) s += ' ';
      s += kWords[rng_.below(kWordCount)];
    }
    if (rng_.below(5) == 0) s += " " + std::to_string(rng_.below(100000));
    return s + ".";
  }

  size_t new_doc() {
    Doc d;
    size_t id = docs_.size();
    const char* folder = kFolders[rng_.below(5)];
    d.path = std::string(folder) + "/" + folder[0] + std::to_string(id) + ".md";
    d.lines.push_back("+++");
    d.lines.push_back("type = \"page\"");
    d.lines.push_back("title = \"Document " + std::to_string(id) + ": " + line_text() + "\"");
    d.lines.push_back("+++");
    d.lines.push_back("");
    size_t n = 10 + rng_.below(40);
    for (size_t i = 0; i < n; ++i) d.lines.push_back(line_text());
    docs_.push_back(std::move(d));
    return id;
  }

  void edit(Doc& d) {
    size_t edits = 1 + rng_.below(3);
    for (size_t e = 0; e < edits; ++e) {
      size_t at = 5 + rng_.below(d.lines.size() - 4);
      switch (rng_.below(3)) {
        case 0:
          if (d.lines.size() > 8 && at < d.lines.size()) {
            d.lines.erase(d.lines.begin() + static_cast<long>(at));
            break;
          }
          [[fallthrough]];
        case 1: d.lines.insert(d.lines.begin() + static_cast<long>(at), line_text()); break;
        default:
          if (at < d.lines.size()) d.lines[at] = line_text();
          else d.lines.push_back(line_text());
      }
    }
  }

  std::string text(const Doc& d) {
    std::string s;
    for (const std::string& l : d.lines) s += l + "\n";
    return s;
  }

  void data(const std::string& bytes) {
    std::fprintf(out_, "data %zu\n", bytes.size());
    std::fwrite(bytes.data(), 1, bytes.size(), out_);
    std::fputc('\n', out_);
  }

  void begin_commit(const std::string& ref, const std::string& message, size_t from, size_t merge) {
    ++commits_;
    ++mark_;
    // Mostly an hour or so apart; now and then several in the same second.
    if (rng_.below(20) != 0) time_ += 60 + static_cast<long long>(rng_.below(7200));
    const char* names[] = {"Alex Example", "Sam Sample", "Jo Bloggs", "Chris Editor"};
    std::string who = names[rng_.below(4)];
    std::string email = who.substr(0, who.find(' ')) + "@council.example";
    for (char& c : email) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::fprintf(out_, "commit %s\nmark :%zu\n", ref.c_str(), mark_);
    std::fprintf(out_, "author %s <%s> %lld +0000\n", who.c_str(), email.c_str(), time_);
    std::fprintf(out_, "committer %s <%s> %lld +0000\n", who.c_str(), email.c_str(), time_);
    data(message);
    if (from) std::fprintf(out_, "from :%zu\n", from);
    if (merge) std::fprintf(out_, "merge :%zu\n", merge);
  }

  void put(size_t i) {
    std::string t = text(docs_[i]);
    std::fprintf(out_, "M 100644 inline content/%s\n", docs_[i].path.c_str());
    data(t);
  }

  size_t random_live() {
    while (true) {
      size_t i = rng_.below(docs_.size());
      if (docs_[i].live) return i;
    }
  }

  void main_commit() {
    size_t roll = rng_.below(1000);
    if (roll < 10) {  // rename (sometimes into another folder), sometimes with an edit
      size_t i = random_live();
      Doc& d = docs_[i];
      std::string old_path = d.path;
      const char* folder = kFolders[rng_.below(5)];
      d.path = std::string(folder) + "/renamed-" + std::to_string(i) + "-" +
               std::to_string(commits_) + ".md";
      begin_commit("refs/heads/main", "Rename " + old_path, main_mark_, 0);
      std::fprintf(out_, "R content/%s content/%s\n", old_path.c_str(), d.path.c_str());
      if (rng_.below(2)) {
        edit(d);
        put(i);
      }
    } else if (roll < 13) {  // delete
      size_t i = random_live();
      docs_[i].live = false;
      begin_commit("refs/heads/main", "Remove " + docs_[i].path, main_mark_, 0);
      std::fprintf(out_, "D content/%s\n", docs_[i].path.c_str());
    } else if (docs_.size() < target_docs_ &&
               rng_.below(target_commits_ - commits_) < target_docs_ - docs_.size()) {
      size_t i = new_doc();
      begin_commit("refs/heads/main", "Add " + docs_[i].path, main_mark_, 0);
      put(i);
    } else {
      size_t n = 1 + rng_.below(5);
      std::vector<size_t> picked;
      for (size_t k = 0; k < n; ++k) picked.push_back(random_live());
      begin_commit("refs/heads/main", "Update " + std::to_string(n) + " documents", main_mark_, 0);
      for (size_t i : picked) {
        edit(docs_[i]);
        put(i);
      }
    }
    main_mark_ = mark_;
  }

  // A branch of a few commits editing documents, interleaved in time with main, merged back.
  void side_branch() {
    std::string ref = "refs/heads/topic-" + std::to_string(commits_);
    size_t side_mark = main_mark_;
    std::map<size_t, Doc> side;  // doc -> its path and lines on the branch
    size_t steps = 3 + rng_.below(8);
    for (size_t s = 0; s < steps && commits_ + 2 < target_commits_; ++s) {
      if (rng_.below(2)) {
        main_commit();
        continue;
      }
      size_t n = 1 + rng_.below(3);
      std::vector<size_t> picked;
      for (size_t k = 0; k < n; ++k) picked.push_back(random_live());
      begin_commit(ref, "Topic work", side_mark, 0);
      for (size_t i : picked) {
        auto it = side.find(i);
        Doc copy = it != side.end() ? it->second : docs_[i];
        edit(copy);
        side[i] = copy;
        std::fprintf(out_, "M 100644 inline content/%s\n", copy.path.c_str());
        data(text(copy));
      }
      side_mark = mark_;
    }
    if (side_mark == main_mark_) return;
    begin_commit("refs/heads/main", "Merge " + ref.substr(11), main_mark_, side_mark);
    for (auto& [i, doc] : side) {
      if (!docs_[i].live) continue;
      docs_[i].lines = doc.lines;  // the branch's version wins, under main's name
      put(i);
    }
    main_mark_ = mark_;
  }

  size_t target_docs_, target_commits_;
  Rng rng_;
  FILE* out_ = nullptr;
  std::vector<Doc> docs_;
  size_t commits_ = 0;
  size_t mark_ = 0;
  size_t main_mark_ = 0;
  long long time_ = 1451606400;  // 1 January 2016
};

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

int shell(const std::string& cmd) { return std::system(cmd.c_str()); }

struct ChildRun {
  double seconds = 0;
  double cpu_seconds = 0;
  long max_rss_kb = 0;
  size_t output_bytes = 0;
  int status = -1;
  std::string output;
};

// Runs argv in `cwd`, reading its standard output to the end; wall time and peak RSS (wait4).
ChildRun run_child(const std::vector<std::string>& argv, const std::string& cwd,
                   bool keep_output = false) {
  ChildRun r;
  int fds[2];
  if (pipe(fds) != 0) return r;
  auto t0 = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    if (chdir(cwd.c_str()) != 0) _exit(127);
    dup2(fds[1], 1);
    int devnull = open("/dev/null", O_WRONLY);
    if (devnull >= 0) dup2(devnull, 2);
    close(fds[0]);
    close(fds[1]);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  close(fds[1]);
  char buf[65536];
  ssize_t n;
  while ((n = read(fds[0], buf, sizeof buf)) > 0) {
    r.output_bytes += static_cast<size_t>(n);
    if (keep_output) r.output.append(buf, static_cast<size_t>(n));
  }
  close(fds[0]);
  int status = 0;
  struct rusage usage {};
  wait4(pid, &status, 0, &usage);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.max_rss_kb = usage.ru_maxrss;
  r.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                  static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

long vm_hwm_kb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
  return 0;
}

// CPU time (user + system) this process has used so far.
double cpu_now() {
  struct rusage u {};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Wall time and CPU time: on a busy machine the CPU time is the steadier figure.
void row(const std::string& what, double seconds, double cpu, long rss_kb,
         const std::string& note = "") {
  std::printf("| %-50s | %8.2f | %8.2f | %9.1f | %s\n", what.c_str(), seconds, cpu,
              static_cast<double>(rss_kb) / 1024.0, note.c_str());
  std::fflush(stdout);
}

int usage() {
  std::fprintf(stderr,
               "usage: history_index_perftest [--docs N] [--commits M] [--repo DIR] "
               "[--scrutiny PATH] [--verify K]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  size_t docs = 5000, commits = 20000, verify = 10;
  std::string repo, scrutiny;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--docs") docs = std::strtoul(value().c_str(), nullptr, 10);
    else if (a == "--commits") commits = std::strtoul(value().c_str(), nullptr, 10);
    else if (a == "--repo") repo = value();
    else if (a == "--scrutiny") scrutiny = value();
    else if (a == "--verify") verify = std::strtoul(value().c_str(), nullptr, 10);
    else return usage();
  }
  if (docs == 0 || commits == 0) return usage();
  if (repo.empty())
    repo = (fs::temp_directory_path() /
            ("scrutiny-history-perf-" + std::to_string(docs) + "-" + std::to_string(commits)))
               .string();
  repo = fs::absolute(repo).string();
  const std::string git_env = "GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null ";

  // Generate the repository unless it is already there.
  std::string marker = repo + "/.git/scrutiny-perftest";
  std::string expected_marker = std::to_string(docs) + " " + std::to_string(commits) + " v2";
  std::string found_marker;
  {
    std::ifstream in(marker);
    std::getline(in, found_marker);
  }
  if (found_marker != expected_marker) {
    std::printf("generating %zu documents and %zu commits in %s ...\n", docs, commits,
                repo.c_str());
    std::fflush(stdout);
    std::error_code ec;
    fs::remove_all(repo, ec);
    fs::create_directories(repo);
    auto t0 = std::chrono::steady_clock::now();
    if (shell("cd " + quote(repo) + " && " + git_env + "git init -q -b main") != 0) return 1;
    FILE* fi = popen(("cd " + quote(repo) + " && " + git_env + "git fast-import --quiet").c_str(), "w");
    if (!fi) return 1;
    Generator(docs, commits).write(fi);
    if (pclose(fi) != 0) {
      std::fprintf(stderr, "git fast-import failed\n");
      return 1;
    }
    if (shell("cd " + quote(repo) + " && " + git_env + "git reset -q --hard main && " + git_env +
              "git gc -q") != 0)
      return 1;
    std::ofstream(marker) << expected_marker << "\n";
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("generated in %.1f s\n", secs);
  }
  const std::string content = repo + "/content";

  std::printf("\nrepository: %s\n", repo.c_str());
  long baseline = vm_hwm_kb();
  std::printf("| %-50s | %8s | %8s | %9s | %s\n", "step", "wall (s)", "CPU (s)", "peak RSS (MiB)",
              "notes");
  std::printf("|%s|%s|%s|%s|---|\n", std::string(52, '-').c_str(), std::string(10, '-').c_str(),
              std::string(10, '-').c_str(), std::string(11, '-').c_str());

  Diagnostics diags;
  double c0 = cpu_now();
  auto t0 = std::chrono::steady_clock::now();
  HistoryIndex index = HistoryIndex::open(content, diags);
  double open_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double open_cpu = cpu_now() - c0;
  long open_rss = vm_hwm_kb();
  for (const auto& d : diags.all()) std::fprintf(stderr, "%s\n", format_diagnostic(d).c_str());
  if (!index.available()) return 1;
  row("HistoryIndex::open (" + std::to_string(index.commits().size()) + " commits)", open_s,
      open_cpu, open_rss, "process peak before: " + std::to_string(baseline / 1024) + " MiB");

  // revisions_of for every document now in the content folder (what a site build asks).
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(content))
    if (e.is_regular_file() && e.path().extension() == ".md")
      files.push_back(e.path().lexically_relative(content).generic_string());
  std::sort(files.begin(), files.end());
  c0 = cpu_now();
  t0 = std::chrono::steady_clock::now();
  size_t revisions = 0, followed = 0;
  for (const std::string& f : files) {
    std::vector<scrutiny::FileRevision> revs = index.revisions_of(f);
    revisions += revs.size();
    for (const auto& r : revs) followed += r.change == 'R' || r.change == 'C';
  }
  double revs_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  row("revisions_of, all " + std::to_string(files.size()) + " documents", revs_s, cpu_now() - c0,
      vm_hwm_kb(),
      std::to_string(revisions) + " revisions, " + std::to_string(followed) + " renames/copies followed");
  c0 = cpu_now();
  t0 = std::chrono::steady_clock::now();
  size_t changes = 0;
  for (size_t c = 0; c < index.commits().size(); ++c) changes += index.changes_in(c).size();
  double changes_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  row("changes_in, every commit", changes_s, cpu_now() - c0, vm_hwm_kb(),
      std::to_string(changes) + " changes");

  // The alternative to our own tree walk: libgit2's diff with a pathspec, per commit.
  {
    git_repository* repo_handle = nullptr;
    if (git_repository_open(&repo_handle, repo.c_str()) == 0) {
      c0 = cpu_now();
      t0 = std::chrono::steady_clock::now();
      size_t deltas = 0;
      char prefix[] = "content/";
      char* paths[] = {prefix};
      git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
      opts.pathspec.strings = paths;
      opts.pathspec.count = 1;
      opts.flags |= GIT_DIFF_SKIP_BINARY_CHECK;
      for (const scrutiny::CommitInfo& ci : index.commits()) {
        if (ci.parents.size() > 1) continue;
        git_oid id, parent_id;
        git_oid_fromstr(&id, ci.id.c_str());
        git_commit *commit = nullptr, *parent = nullptr;
        git_tree *tree = nullptr, *parent_tree = nullptr;
        git_commit_lookup(&commit, repo_handle, &id);
        git_commit_tree(&tree, commit);
        if (!ci.parents.empty()) {
          git_oid_fromstr(&parent_id, ci.parents[0].c_str());
          git_commit_lookup(&parent, repo_handle, &parent_id);
          git_commit_tree(&parent_tree, parent);
        }
        git_diff* diff = nullptr;
        if (git_diff_tree_to_tree(&diff, repo_handle, parent_tree, tree, &opts) == 0)
          deltas += git_diff_num_deltas(diff);
        git_diff_free(diff);
        git_tree_free(tree);
        git_tree_free(parent_tree);
        git_commit_free(commit);
        git_commit_free(parent);
      }
      row("(for comparison) git_diff_tree_to_tree + pathspec", 
          std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
          cpu_now() - c0, vm_hwm_kb(),
          std::to_string(deltas) + " deltas (hash checks off, as for open)");
      git_repository_free(repo_handle);
    }
  }

  ChildRun gitlog = run_child({"git", "log", "--name-status", "-M", "--format=%H"}, repo);
  row("git log --name-status -M --format=%H", gitlog.seconds, gitlog.cpu_seconds,
      gitlog.max_rss_kb,
      std::to_string(gitlog.output_bytes) + " bytes of output");
  ChildRun gitlog_content =
      run_child({"git", "log", "--name-status", "-M", "--format=%H", "--", "content"}, repo);
  row("git log --name-status -M --format=%H -- content", gitlog_content.seconds,
      gitlog_content.cpu_seconds, gitlog_content.max_rss_kb);

  // git log --follow on a sample of documents, against revisions_of.
  if (verify > 0 && !files.empty()) {
    size_t mismatches = 0;
    double git_s = 0, git_cpu = 0, ours_s = 0;
    long git_rss = 0;
    size_t step = std::max<size_t>(1, files.size() / verify);
    size_t n = 0;
    for (size_t i = 0; i < files.size() && n < verify; i += step, ++n) {
      ChildRun r = run_child({"git", "log", "--follow", "--format=%H", "--", files[i]}, content,
                             /*keep_output=*/true);
      git_s += r.seconds;
      git_cpu += r.cpu_seconds;
      git_rss = std::max(git_rss, r.max_rss_kb);
      auto s0 = std::chrono::steady_clock::now();
      std::vector<scrutiny::FileRevision> revs = index.revisions_of(files[i]);
      ours_s += std::chrono::duration<double>(std::chrono::steady_clock::now() - s0).count();
      std::string mine;
      for (const auto& rev : revs) mine += index.commits()[rev.commit].id + "\n";
      if (mine != r.output) {
        ++mismatches;
        std::fprintf(stderr, "MISMATCH for %s\n", files[i].c_str());
      }
    }
    row("git log --follow, " + std::to_string(n) + " documents (total)", git_s, git_cpu, git_rss,
        "revisions_of (cached index) for the same: " + std::to_string(ours_s * 1000) + " ms; " +
            std::to_string(mismatches) + " mismatches");
    if (mismatches) return 1;
  }

  if (!scrutiny.empty()) {
    std::string out = fs::absolute(fs::temp_directory_path() / "scrutiny-history-perf-site").string();
    std::error_code ec;
    fs::remove_all(out, ec);
    if (!fs::exists(scrutiny)) {
      std::printf("(no scrutiny binary at %s: site build not timed)\n", scrutiny.c_str());
    } else {
      // Run from the current directory, so that scrutiny finds its default theme there.
      ChildRun build = run_child({fs::absolute(scrutiny).string(), "build", "--content", content,
                                  "--out", out},
                                 fs::current_path().string());
      row("scrutiny build (exit " + std::to_string(build.status) + ")", build.seconds,
          build.cpu_seconds, build.max_rss_kb);
    }
  }
  return 0;
}
