#include "new_files.h"

#include <fstream>

namespace scrutiny {
namespace fs = std::filesystem;

bool write_new_files(const std::vector<NewFile>& files, const std::string& command, std::ostream& out,
                     std::ostream& err) {
  bool clash = false;
  for (const NewFile& f : files) {
    std::error_code ec;
    if (fs::exists(fs::symlink_status(f.path, ec))) {
      err << command << ": " << f.path.generic_string()
          << " already exists and scrutiny never overwrites a file: move it away or choose another path\n";
      clash = true;
    }
  }
  if (clash) {
    err << command << ": nothing was written.\n";
    return false;
  }
  for (const NewFile& f : files) {
    std::error_code ec;
    if (f.path.has_parent_path()) fs::create_directories(f.path.parent_path(), ec);
    std::ofstream file(f.path, std::ios::binary | std::ios::trunc);
    file.write(f.text.data(), static_cast<std::streamsize>(f.text.size()));
    file.close();
    if (!file) {
      err << command << ": cannot write " << f.path.generic_string() << ": check the folder exists and "
          << "you may write to it\n";
      return false;
    }
    out << f.path.generic_string() << "\n";
  }
  return true;
}

}  // namespace scrutiny
