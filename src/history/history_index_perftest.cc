// Benchmark: HistoryIndex on a large generated repository, against git itself.
//
//   history_index_perftest [--docs N] [--commits M] [--repo DIR] [--scrutiny PATH]
//                          [--verify K]
//
// Generates (once; reused if DIR already holds it) a repository with N Markdown documents
// under content/ and M commits, each editing 1-5 documents picked by a fixed-seed PRNG, with
// documents added over time, renames, deletions and merged side branches, written as a
// `git fast-import` stream (tests/bench/portal_generator.h, plain documents). Then times HistoryIndex::open, revisions_of for every document
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
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <git2.h>

#include "diagnostic.h"
#include "history_index.h"
#include "portal_generator.h"

namespace fs = std::filesystem;
using scrutiny::Diagnostics;
using scrutiny::HistoryIndex;

namespace {

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
  // Generate the repository unless it is already there.
  std::printf("repository of %zu documents and %zu commits in %s ...\n", docs, commits, repo.c_str());
  std::fflush(stdout);
  {
    auto t0 = std::chrono::steady_clock::now();
    std::string error;
    if (!scrutiny::generate_portal_repository(repo, {docs, commits, false}, error)) {
      std::fprintf(stderr, "%s\n", error.c_str());
      return 1;
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("ready in %.1f s\n", secs);
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
  // What a rebuild does instead of open(): load the snapshot the last build saved, and open
  // from it (here with no new commit; each new commit adds one commit's tree diff), then
  // revisions_of for every document again, with where --follow went kept in the snapshot.
  {
    const std::string file = repo + ".history-index";
    std::string problem;
    c0 = cpu_now();
    t0 = std::chrono::steady_clock::now();
    bool saved = index.snapshot().save(file, problem);
    row("snapshot().save", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
        cpu_now() - c0, vm_hwm_kb(),
        saved ? std::to_string(fs::file_size(file) / 1024) + " KiB" : "not saved: " + problem);
    c0 = cpu_now();
    t0 = std::chrono::steady_clock::now();
    std::optional<scrutiny::HistorySnapshot> loaded = scrutiny::HistorySnapshot::load(file, problem);
    Diagnostics ignored;
    HistoryIndex reopened = HistoryIndex::open(content, ignored, loaded ? &*loaded : nullptr);
    row("HistorySnapshot::load, then open from it", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
        cpu_now() - c0, vm_hwm_kb(), std::to_string(reopened.commits_read()) + " commits read from git");
    c0 = cpu_now();
    t0 = std::chrono::steady_clock::now();
    size_t again = 0;
    for (const std::string& f : files) again += reopened.revisions_of(f).size();
    row("revisions_of, all documents, reopened index", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
        cpu_now() - c0, vm_hwm_kb(), std::to_string(again) + " revisions");
    fs::remove(file);
  }

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
