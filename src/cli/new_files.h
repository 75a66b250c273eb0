#pragma once
// Files a command creates for the user (theme export, new, init), never over existing ones.

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace scrutiny {

// One file to create, and its exact bytes.
struct NewFile {
  std::filesystem::path path;
  std::string text;
};

// Writes every file, creating folders, or none of them: when any path already exists (as a
// file, folder or link), each such path is named on `err` after `command` ("scrutiny new")
// and nothing is written. Prints each path written on `out`. Returns false on any problem.
bool write_new_files(const std::vector<NewFile>& files, const std::string& command, std::ostream& out,
                     std::ostream& err);

}  // namespace scrutiny
