#include "new_command.h"

#include <chrono>

#include "archetype.h"
#include "command_line.h"
#include "new_files.h"

namespace scrutiny {
namespace fs = std::filesystem;

namespace {

const char* const kNewUsage =
    "Usage: scrutiny new TYPE [PATH] [--content DIR]\n"
    "\n"
    "Writes a new document of TYPE (inspection, recommendation, plan, theme, action, update\n"
    "or page) from its archetype, with every field it needs, a note on each, the next free\n"
    "number and the ids it obviously refers to, and prints its path. It passes scrutiny check\n"
    "as written: change the titles, dates and text, then commit it.\n"
    "\n"
    "  PATH           where it goes, under the content folder (default: a free name in the\n"
    "                 type's usual folder, such as actions/a42.md); .md is added if missing\n"
    "  --content DIR  the content folder (default: content, or the current folder when it\n"
    "                 holds portal.toml and no content folder, as scrutiny init makes it)\n"
    "\n"
    "The content folder's archetypes/TYPE.md, when there is one, replaces the built-in\n"
    "archetype. An existing file is never overwritten.\n";

}  // namespace

Date today_utc() {
  auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return Date::from_unix(std::chrono::duration_cast<std::chrono::seconds>(days.time_since_epoch()).count());
}

bool write_new_document(const fs::path& content_dir, DocType type, const std::string& rel_path, const Date& today,
                        std::ostream& out, std::ostream& err) {
  std::string problem;
  std::optional<NewDocument> doc = draw_from_archetype(content_dir, type, rel_path, today, problem);
  if (!doc) {
    err << "scrutiny new: " << problem << "\n";
    return false;
  }
  return write_new_files({{(content_dir / doc->rel_path).lexically_normal(), doc->text}}, "scrutiny new", out,
                         err);
}

int run_new_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  fs::path content_dir = "content";
  bool content_given = false;
  std::vector<std::string> words;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      out << kNewUsage;
      return kExitOk;
    }
    if (a == "--content" && i + 1 < args.size()) content_dir = args[++i], content_given = true;
    else if (a.rfind("--content=", 0) == 0) content_dir = a.substr(10), content_given = true;
    else if (!a.empty() && a[0] == '-') {
      err << "scrutiny new: unknown option '" << a << "'\n\n" << kNewUsage;
      return kExitUsage;
    } else words.push_back(a);
  }
  std::optional<DocType> type = words.empty() ? std::nullopt : parse_doc_type(words[0]);
  std::string usage_problem = words.empty()         ? "which type of document?"
                              : !type               ? "unknown document type '" + words[0] + "'"
                              : words.size() > 2    ? "expected TYPE and at most one PATH"
                              : content_dir.empty() ? "option --content needs a value"
                                                    : "";
  if (!usage_problem.empty()) {
    err << "scrutiny new: " << usage_problem << "\n\n" << kNewUsage;
    return kExitUsage;
  }
  std::error_code ec;
  // Run at the top of a portal repository that init started, the content is right there.
  if (!content_given && !fs::is_directory(content_dir, ec) && fs::exists("portal.toml", ec)) content_dir = ".";
  if (!fs::is_directory(content_dir, ec)) {
    err << "scrutiny new: " << content_dir.generic_string()
        << ": content folder not found: pass the folder holding your documents with --content DIR\n";
    return kExitContentErrors;
  }
  std::string rel_path = words.size() == 2 ? words[1] : "";
  bool leaves = false;
  for (const auto& part : fs::path(rel_path)) leaves |= part == "..";
  if (fs::path(rel_path).is_absolute() || leaves) {
    err << "scrutiny new: PATH is a path under the content folder, such as actions/a42.md\n";
    return kExitUsage;
  }
  return write_new_document(content_dir, *type, rel_path, today_utc(), out, err) ? kExitOk : kExitContentErrors;
}

}  // namespace scrutiny
