#pragma once
// Which build of scrutiny is running, for what a build keeps for the next one (page keys, parsed
// revisions): another version, or the same one changed and compiled again, matches none of it.

#include <string>

namespace scrutiny {

// This program's file (device, inode, size and modification time); empty when it cannot be told.
std::string program_identity();

}  // namespace scrutiny
