#include "test_support.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "cache_file.h"
#include "command_line.h"

namespace scrutiny::test {
namespace fs = std::filesystem;

TempDir::TempDir() {
  std::random_device rd;
  path_ = fs::temp_directory_path() / ("scrutiny-test-" + std::to_string(rd()) + std::to_string(rd()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

void TempDir::write(const std::string& rel, const std::string& text) const {
  fs::path p = path_ / rel;
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

namespace {

const std::set<std::string> kVoid = {"area", "base", "br", "col", "embed", "hr", "img", "input",
                                     "link", "meta", "source", "track", "wbr"};

struct Tag {
  std::string name;
  bool closing = false;
  bool self_closing = false;
  std::map<std::string, std::string> attrs;
};

// Parses the tag starting at html[pos] == '<'; returns false with a message on a problem.
bool parse_tag(const std::string& html, size_t& pos, Tag& tag, std::string& problem) {
  size_t i = pos + 1;
  if (i < html.size() && html[i] == '/') {
    tag.closing = true;
    ++i;
  }
  size_t start = i;
  while (i < html.size() && (std::isalnum(static_cast<unsigned char>(html[i])) || html[i] == '-')) ++i;
  tag.name = html.substr(start, i - start);
  for (char& c : tag.name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (tag.name.empty()) {
    problem = "stray '<' at byte " + std::to_string(pos);
    return false;
  }
  while (i < html.size()) {
    while (i < html.size() && std::isspace(static_cast<unsigned char>(html[i]))) ++i;
    if (i >= html.size()) break;
    if (html[i] == '>') {
      pos = i + 1;
      return true;
    }
    if (html[i] == '/' && i + 1 < html.size() && html[i + 1] == '>') {
      tag.self_closing = true;
      pos = i + 2;
      return true;
    }
    size_t name_start = i;
    while (i < html.size() && !std::isspace(static_cast<unsigned char>(html[i])) && html[i] != '=' &&
           html[i] != '>' && html[i] != '/')
      ++i;
    std::string name = html.substr(name_start, i - name_start);
    std::string value;
    if (i < html.size() && html[i] == '=') {
      ++i;
      if (i >= html.size() || (html[i] != '"' && html[i] != '\'')) {
        problem = "unquoted value of attribute " + name + " in <" + tag.name + ">";
        return false;
      }
      char q = html[i++];
      size_t end = html.find(q, i);
      if (end == std::string::npos) {
        problem = "unterminated attribute " + name;
        return false;
      }
      value = html.substr(i, end - i);
      if (value.find('<') != std::string::npos) {
        problem = "'<' inside attribute " + name + " of <" + tag.name + ">";
        return false;
      }
      i = end + 1;
    }
    if (tag.attrs.count(name)) {
      problem = "duplicate attribute " + name + " in <" + tag.name + ">";
      return false;
    }
    tag.attrs[name] = value;
  }
  problem = "unterminated tag <" + tag.name;
  return false;
}

// Calls f(tag) for each tag; returns the problems found on the way.
template <typename F>
std::vector<std::string> walk_tags(const std::string& html, F&& f) {
  std::vector<std::string> problems;
  size_t pos = 0;
  while ((pos = html.find('<', pos)) != std::string::npos) {
    if (html.compare(pos, 4, "<!--") == 0) {
      size_t end = html.find("-->", pos);
      if (end == std::string::npos) {
        problems.push_back("unterminated comment");
        break;
      }
      pos = end + 3;
      continue;
    }
    if (html.compare(pos, 9, "<!DOCTYPE") == 0 || html.compare(pos, 9, "<!doctype") == 0) {
      pos = html.find('>', pos) + 1;
      continue;
    }
    Tag tag;
    std::string problem;
    size_t at = pos;
    if (!parse_tag(html, pos, tag, problem)) {
      problems.push_back(problem);
      pos = at + 1;
      continue;
    }
    f(tag, problems);
  }
  return problems;
}

}  // namespace

std::vector<std::string> html_wellformedness_problems(const std::string& html) {
  std::vector<std::string> stack;
  auto problems = walk_tags(html, [&](const Tag& tag, std::vector<std::string>& problems) {
    if (kVoid.count(tag.name)) {
      if (tag.closing) problems.push_back("closing tag for void element " + tag.name);
      return;
    }
    if (tag.self_closing) {
      // Inside <svg> (foreign content) elements may close themselves; in HTML they may not.
      if (std::find(stack.begin(), stack.end(), "svg") == stack.end())
        problems.push_back("self-closing non-void element <" + tag.name + "/>");
      return;
    }
    if (!tag.closing) {
      stack.push_back(tag.name);
      return;
    }
    if (stack.empty() || stack.back() != tag.name) {
      problems.push_back("</" + tag.name + "> does not close <" + (stack.empty() ? "nothing" : stack.back()) + ">");
      return;
    }
    stack.pop_back();
  });
  if (!stack.empty()) problems.push_back("unclosed <" + stack.back() + ">");
  if (html.find("<!DOCTYPE html>") != 0) problems.push_back("does not start with <!DOCTYPE html>");
  return problems;
}

std::vector<std::string> broken_internal_links(const fs::path& site) {
  std::map<fs::path, std::set<std::string>> ids;
  std::map<fs::path, std::vector<std::string>> targets;
  for (const auto& e : fs::recursive_directory_iterator(site)) {
    if (e.path().extension() != ".html") continue;
    std::string html = read_file(e.path());
    walk_tags(html, [&](const Tag& tag, std::vector<std::string>&) {
      if (auto it = tag.attrs.find("id"); it != tag.attrs.end()) ids[e.path()].insert(it->second);
      for (const char* attr : {"href", "src"})
        if (auto it = tag.attrs.find(attr); it != tag.attrs.end()) targets[e.path()].push_back(it->second);
    });
  }
  std::vector<std::string> broken;
  for (const auto& [page, list] : targets) {
    for (const std::string& raw : list) {
      if (raw.find("://") != std::string::npos || raw.rfind("mailto:", 0) == 0) continue;
      if (raw.empty()) {
        broken.push_back(page.generic_string() + ": empty link");
        continue;
      }
      if (raw[0] == '/') {
        broken.push_back(page.generic_string() + ": root-absolute link " + raw);
        continue;
      }
      std::string path = raw, fragment;
      if (auto hash = raw.find('#'); hash != std::string::npos) {
        path = raw.substr(0, hash);
        fragment = raw.substr(hash + 1);
      }
      fs::path target = path.empty() ? page : (page.parent_path() / path).lexically_normal();
      if (!fs::is_regular_file(target)) {
        broken.push_back(page.generic_string() + ": " + raw);
        continue;
      }
      if (!fragment.empty() && !ids[fs::path(target)].count(fragment))
        broken.push_back(page.generic_string() + ": missing fragment " + raw);
    }
  }
  return broken;
}

void write_minimal_portal(const TempDir& dir, const std::string& c) {
  dir.write(c + "/portal.toml", "title = \"Test portal\"\nauthority = \"Test Council\"\n");
  dir.write(c + "/inspections/2016.md",
            "+++\ntype = \"inspection\"\ntitle = \"Inspection 2016\"\nkind = \"ilacs\"\n"
            "start_date = 2016-04-26\nend_date = 2016-05-19\npublished = 2016-07-07\n"
            "overall_judgement = \"requires-improvement\"\n+++\nFindings in summary.\n");
  dir.write(c + "/recommendations/r1.md",
            "+++\ntype = \"recommendation\"\ntitle = \"Improve oversight\"\n"
            "inspection = \"inspections/2016\"\nnumber = 1\nthemes = [\"plan/themes/a\"]\n+++\n"
            "Managers should check decisions.\n");
  dir.write(c + "/plan/p.md", "+++\ntype = \"plan\"\ntitle = \"Plan 2016\"\napproved = 2016-09-20\n+++\n");
  dir.write(c + "/plan/themes/a.md", "+++\ntype = \"theme\"\ntitle = \"Practice\"\nplan = \"plan/p\"\n+++\n");
  dir.write(c + "/actions/a1.md",
            "+++\ntype = \"action\"\ntitle = \"Audit decisions\"\ntheme = \"plan/themes/a\"\n"
            "recommendations = [\"recommendations/r1\"]\nowner = \"Head of Service\"\n"
            "start_date = 2016-09-01\ntarget_date = 2017-03-31\nstatus = \"on-track\"\n"
            "[[milestones]]\ntitle = \"First audit\"\ntarget_date = 2016-12-31\nstatus = \"complete\"\n"
            "completed = 2016-12-20\n+++\nWe will audit decisions.\n");
  dir.write(c + "/updates/u1.md",
            "+++\ntype = \"update\"\ntitle = \"November 2016 update\"\ndate = 2016-11-15\n"
            "meeting = \"People Scrutiny Committee\"\nreports_on = [\"recommendations/r1\"]\n"
            "[[statuses]]\naction = \"actions/a1\"\nstatus = \"on-track\"\n+++\n"
            "Progress on [[actions/a1]] is good.\n");
  dir.write(c + "/about.md", "# About this portal\n\nWhat it is.\n");
}

std::string action_document(const std::string& title, const std::string& placing, const std::string& status) {
  return "+++\ntype = \"action\"\ntitle = \"" + title + "\"\n" + (placing.empty() ? "" : placing + "\n") +
         "recommendations = [\"recommendations/r1\"]\nowner = \"Head of Service\"\n"
         "start_date = 2023-07-03\ntarget_date = 2024-03-31\nstatus = \"" + status + "\"\n+++\n";
}

BuildOptions build_options(const TempDir& dir, const fs::path& content) {
  BuildOptions o;
  o.content_dir = content.empty() ? dir.path() / "content" : content;
  o.theme_dir = fs::path(SCRUTINY_SOURCE_DIR) / "themes/default";
  o.out_dir = dir.path() / "site";
  return o;
}

fs::path build_cleanly(const BuildOptions& options) {
  Diagnostics diags;
  build_site(options, diags);
  if (diags.has_errors())
    for (const Diagnostic& d : diags.all()) MESSAGE(format_diagnostic(d));
  REQUIRE_FALSE(diags.has_errors());
  return options.out_dir;
}

Run run(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  int status = run_command_line(args, out, err);
  return {status, out.str(), err.str()};
}

void git_dated(const fs::path& repo, const std::string& args, const std::string& date) {
  std::string cmd = "cd '" + repo.string() + "' && GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null "
                    "GIT_AUTHOR_NAME='Improvement Programme Office' GIT_AUTHOR_EMAIL=ipo@example.org "
                    "GIT_COMMITTER_NAME='Improvement Programme Office' GIT_COMMITTER_EMAIL=ipo@example.org "
                    "GIT_AUTHOR_DATE='" + date + "' GIT_COMMITTER_DATE='" + date +
                    "' git -c commit.gpgsign=false " + args + " >/dev/null 2>&1";
  REQUIRE(std::system(cmd.c_str()) == 0);
}

const std::string kNumberedAction =
    "+++\n"                                        // 1
    "type = \"action\"\n"                          // 2
    "title = \"Audit decisions\"\n"                // 3
    "theme = \"plan/themes/a\"\n"                  // 4
    "recommendations = [\"recommendations/r1\"]\n" // 5
    "owner = \"Head of Service\"\n"                // 6
    "start_date = 2016-09-01\n"                    // 7
    "target_date = 2017-03-31\n"                   // 8
    "status = \"on-track\"\n"                      // 9
    "+++\n"                                        // 10
    "Body text.\n";                                // 11

std::string replace_first(std::string s, const std::string& from, const std::string& to) {
  s.replace(s.find(from), from.size(), to);
  return s;
}

void commit_everything(const TempDir& dir) {
  std::string env = "cd '" + dir.path().string() +
                    "' && GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null GIT_AUTHOR_NAME=A "
                    "GIT_AUTHOR_EMAIL=a@example.org GIT_COMMITTER_NAME=A GIT_COMMITTER_EMAIL=a@example.org "
                    "GIT_AUTHOR_DATE='2024-05-01T12:00:00Z' GIT_COMMITTER_DATE='2024-05-01T12:00:00Z' ";
  REQUIRE(std::system((env + "git init -q -b main && " + env + "git add -A && " + env +
                       "git -c commit.gpgsign=false commit -q -m 'Add the portal'").c_str()) == 0);
}

void reseal_envelope(std::string& bytes) {
  REQUIRE(bytes.size() >= 8);
  bytes.resize(bytes.size() - 8);
  seal_envelope(bytes);
}

}  // namespace scrutiny::test
