#include "command_line.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "as_at.h"
#include "check_report.h"
#include "counted_noun.h"
#include "diagnostic.h"
#include "init_command.h"
#include "log_command.h"
#include "new_command.h"
#include "option_value.h"
#include "progress_printer.h"
#include "serve_command.h"
#include "site_builder.h"
#include "theme_command.h"

namespace scrutiny {
namespace {

const char* const kUsage =
    "Usage: scrutiny <command> [options]\n"
    "\n"
    "Turns a folder of Markdown documents about an improvement plan into a static website.\n"
    "\n"
    "Commands:\n"
    "  build   check the content and write the site\n"
    "  check   run every check that build runs, writing nothing\n"
    "  serve   preview the content in a browser, rebuilt and reloaded on each save\n"
    "  log     list the commits that changed a document, as git log --follow does\n"
    "  theme   theme export DIR: write the built-in theme out, to customise it\n"
    "  new     new TYPE [PATH]: start a document from its type's archetype\n"
    "  init    init DIR: start a portal repository, with an example of each type\n"
    "\n"
    "Options:\n"
    "  --help      show help (also after a command: scrutiny build --help)\n"
    "  --version   show the version\n"
    "\n"
    "Exit codes: 0 success, 1 errors in the content, 2 wrong usage.\n";

const char* const kBuildUsage =
    "Usage: scrutiny build [--content DIR] [--theme DIR] [--out DIR] [--base-url URL]\n"
    "                      [--working-tree] [--as-at DATE] [--no-history] [--format FORMAT]\n"
    "                      [--cold] [--quiet]\n"
    "\n"
    "Checks the content and writes the site. In a git repository the site is built from\n"
    "what is committed at HEAD: changes not yet committed are left out, with a warning\n"
    "naming them. The site is built in a staging folder and replaces DIR in one step only\n"
    "when the whole build succeeds; the site it replaces is kept beside DIR (.DIR.spare)\n"
    "for the next build to write into. A second build into the same DIR waits for the\n"
    "first to finish. When DIR is a link to a folder, that folder is replaced and the link\n"
    "kept.\n"
    "\n"
    "  --content DIR    the content folder (default: content)\n"
    "  --theme DIR      a theme folder whose files replace the built-in theme's\n"
    "                   (default: none; see scrutiny theme export)\n"
    "  --out DIR        where the site goes (default: site)\n"
    "  --base-url URL   the address the site is published at, for sitemap.xml\n"
    "                   (default: base_url in portal.toml)\n"
    "  --working-tree   build the files as they are on disk, committed or not, and mark\n"
    "                   each page whose document is not yet committed\n"
    "  --as-at DATE     the date the site stands at, for what is overdue: today (the\n"
    "                   date when it is built) or YYYY-MM-DD (default: the date of the\n"
    "                   latest commit)\n"
    "  --no-history     do not read git: a quick preview of the files on disk without\n"
    "                   history, revision or change pages, as at the latest date in the\n"
    "                   content\n"
    "  --format FORMAT  how problems are reported: text (default), json, github or gitlab\n"
    "                   (see scrutiny check --help)\n"
    "  --cold           build every page and read the whole history again; by default\n"
    "                   a page whose inputs did not change since an earlier build into DIR\n"
    "                   is not built again, and only the commits made since the last\n"
    "                   build are read from git (both kept in .DIR.cache)\n"
    "  --quiet          print only errors: no progress, warnings or summary\n"
    "\n"
    "Progress goes to standard error: one line that updates on a terminal, else a line\n"
    "per step (documents read, history read, pages written) with its time.\n";

const char* const kCheckUsage =
    "Usage: scrutiny check [--content DIR] [--theme DIR] [--working-tree] [--as-at DATE]\n"
    "                      [--format FORMAT] [--quiet]\n"
    "\n"
    "Runs every check that build runs and reports every problem, writing nothing. In a git\n"
    "repository it checks what is committed at HEAD, as build publishes it.\n"
    "\n"
    "  --content DIR    the content folder (default: content)\n"
    "  --theme DIR      a theme folder whose files replace the built-in theme's\n"
    "                   (default: none; see scrutiny theme export)\n"
    "  --working-tree   check the files as they are on disk, committed or not\n"
    "  --as-at DATE     today or YYYY-MM-DD, as for build\n"
    "  --format FORMAT  text     problems for people, one a line (default)\n"
    "                   json     problems as JSON, for other tools\n"
    "                   github   GitHub Actions annotations on the changed lines\n"
    "                   gitlab   a GitLab Code Quality report\n"
    "                   Reports other than text go to standard output, with paths relative\n"
    "                   to the top of the repository; the summary goes to standard error.\n"
    "  --quiet          print only errors: no progress, warnings or summary\n";

bool wants_help(const std::vector<std::string>& args) {
  for (const auto& a : args)
    if (a == "--help" || a == "-h") return true;
  return false;
}

// Parses --name VALUE and --name=VALUE options; returns an error message or nothing.
std::optional<std::string> parse_options(const std::vector<std::string>& args, BuildOptions& options,
                                         bool allow_output) {
  for (size_t i = 0; i < args.size(); ++i) {
    if (allow_output && args[i] == "--no-history") {
      options.read_history = false;
      continue;
    }
    if (allow_output && args[i] == "--cold") {
      options.reuse_unchanged_files = false;
      options.reuse_history = false;
      continue;
    }
    if (args[i] == "--working-tree") {
      options.working_tree = true;
      continue;
    }
    auto read = read_option_value(args, i, [&](std::string_view name) {
      return name == "--content" || name == "--theme" || name == "--as-at" ||
             (allow_output && (name == "--out" || name == "--base-url"));
    });
    if (const std::string* error = std::get_if<std::string>(&read)) return *error;
    const auto& [name, value] = std::get<OptionValue>(read);
    if (name == "--as-at") {
      options.as_at = parse_as_at(value);
      if (!options.as_at)
        return "option --as-at takes today or a date as YYYY-MM-DD (such as 2026-03-31), not '" + value + "'";
    } else if (name == "--content") options.content_dir = value;
    else if (name == "--theme") options.theme_dir = value;
    else if (name == "--out") options.out_dir = value;
    else options.base_url = value;
  }
  return std::nullopt;
}

int run_build(std::vector<std::string> args, bool write, std::ostream& out, std::ostream& err) {
  if (wants_help(args)) {
    out << (write ? kBuildUsage : kCheckUsage);
    return kExitOk;
  }
  BuildOptions options;
  options.write = write;
  ReportFormat format = ReportFormat::text;
  bool quiet = false;
  for (auto it = args.begin(); it != args.end();) {
    if (*it == "--quiet" || *it == "-q") {
      quiet = true;
      it = args.erase(it);
    } else {
      ++it;
    }
  }
  std::optional<std::string> problem = take_format_option(args, format);
  if (!problem) problem = parse_options(args, options, write);
  if (problem) {
    err << "scrutiny " << (write ? "build" : "check") << ": " << *problem << "\n\n"
        << (write ? kBuildUsage : kCheckUsage);
    return kExitUsage;
  }
  const ProgressStyle style = progress_style_for(err, quiet);
  ProgressPrinter progress(err, style);
  if (!quiet) {
    options.notice = [&err, &progress](const std::string& message) {
      progress.clear();
      err << "scrutiny build: " << message << "\n" << std::flush;
    };
    // Progress is for build; check stays as terse as it was, its output the same each run.
    if (write) options.progress = [&progress](const BuildProgress& p) { progress(p); };
  }
  auto start = std::chrono::steady_clock::now();
  Diagnostics diags;
  BuildResult result = build_site(options, diags);
  progress.clear();
  if (quiet && format == ReportFormat::text) {
    // Warnings are left out; a report for tools stays whole, as tools expect.
    Diagnostics errors;
    for (const Diagnostic& d : diags.all())
      if (d.severity == Severity::error) errors.add(d);
    report_diagnostics(errors, format, options.content_dir, out, err);
  } else {
    report_diagnostics(diags, format, options.content_dir, out, err);
  }
  // A report for tools is alone on standard output; the summary goes beside the diagnostics.
  std::ostream& summary = format == ReportFormat::text ? out : err;
  if (diags.has_errors()) {
    err << counted_noun(diags.error_count(), "error", "errors") << ", "
        << counted_noun(diags.warning_count(), "warning", "warnings") << ": "
        << (write ? "nothing was written; the previous site is unchanged.\n" : "fix them and check again.\n");
    return kExitContentErrors;
  }
  if (quiet) return kExitOk;
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  char time[32];
  std::snprintf(time, sizeof time, "%.2f s", seconds);
  if (!write) {
    summary << "Checked: no errors, " << counted_noun(diags.warning_count(), "warning", "warnings") << " (" << time << ").\n";
    return kExitOk;
  }
  std::string kinds;
  for (const auto& [kind, count] : result.pages_by_kind)
    kinds += (kinds.empty() ? "" : ", ") + std::to_string(count) + " " + kind;
  std::string into = options.out_dir.generic_string();
  while (into.size() > 1 && into.back() == '/') into.pop_back();  // --out site/ is reported as site/
  summary << "Built " << result.pages << " pages (" << kinds << ") into " << into << "/ in " << time << ".\n";
  summary << "Time per step: " << step_timings(result.steps) << ".\n";
  if (result.pages_not_built + result.pages_not_rendered > 0)
    summary << "Skipped " << counted_noun(result.pages_not_built + result.pages_not_rendered, "unchanged page", "unchanged pages")
            << " of " << result.pages << ": what they show had not changed since the previous build ("
            << result.pages_not_built << " not built, " << result.pages_not_rendered << " built but not rendered).\n";
  if (result.files_reused > 0)
    summary << "Kept " << result.files_reused << " of " << counted_noun(result.files, "file", "files")
            << " unchanged; wrote " << result.files - result.files_reused << ".\n";
  if (options.working_tree && result.uncommitted_documents > 0)
    summary << "Built the files on disk (--working-tree): "
            << counted_noun(result.uncommitted_documents, "document is", "documents are")
            << " not yet committed, and marked so on " << (result.uncommitted_documents == 1 ? "its page" : "their pages")
            << ".\n";
  if (!options.read_history)
    summary << "Built without history (--no-history): no history, revision or change pages; as at "
            << (options.as_at                   ? options.as_at->date.long_form() + " (--as-at)"
                : result.content_as_at.empty() ? "no date (the content records none)"
                                               : result.content_as_at + ", the latest date in the content")
            << ".\n";
  return kExitOk;
}

}  // namespace

int run_command_line(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    err << kUsage;
    return kExitUsage;
  }
  const std::string& command = args[0];
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (command == "--help" || command == "-h" || command == "help") {
    out << kUsage;
    return kExitOk;
  }
  if (command == "--version") {
    out << "scrutiny " << SCRUTINY_VERSION << "\n";
    return kExitOk;
  }
  if (command == "build") return run_build(rest, true, out, err);
  if (command == "check") return run_build(rest, false, out, err);
  if (command == "serve") return run_serve_command(rest, out, err);
  if (command == "log") return run_log_command(rest, out, err);
  if (command == "theme") return run_theme_command(rest, out, err);
  if (command == "new") return run_new_command(rest, out, err);
  if (command == "init") return run_init_command(rest, out, err);
  err << "scrutiny: unknown command '" << command << "'\n\n" << kUsage;
  return kExitUsage;
}

}  // namespace scrutiny
