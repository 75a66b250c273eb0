#include "theme_command.h"

#include <filesystem>

#include "command_line.h"
#include "new_files.h"
#include "theme.h"

namespace scrutiny {

namespace {

const char* const kThemeUsage =
    "Usage: scrutiny theme export DIR\n"
    "\n"
    "Writes the built-in theme (templates/ and assets/) into DIR, to start customising from.\n"
    "Keep only the files you change: put them in your content folder's theme/ folder, or pass\n"
    "DIR to build and check with --theme DIR; every file you leave out comes from the built-in\n"
    "theme. Existing files are never overwritten: if any is there, nothing is written.\n";

}  // namespace

int run_theme_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  for (const auto& a : args)
    if (a == "--help" || a == "-h") {
      out << kThemeUsage;
      return kExitOk;
    }
  if (args.size() != 2 || args[0] != "export" || args[1].empty() || args[1][0] == '-') {
    err << "scrutiny theme: expected `export DIR`\n\n" << kThemeUsage;
    return kExitUsage;
  }
  std::vector<NewFile> files;
  for (const EmbeddedFile& f : builtin_theme_files())
    files.push_back({std::filesystem::path(args[1]) / f.path, std::string(f.bytes)});
  if (!write_new_files(files, "scrutiny theme export", out, err)) return kExitContentErrors;
  out << "Wrote the built-in theme's " << files.size() << " files into " << args[1]
      << ". Keep the ones you change in your content folder's theme/ folder.\n";
  return kExitOk;
}

}  // namespace scrutiny
