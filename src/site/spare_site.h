#pragma once
// The spare site: the site before the one in place, kept beside it (`.NAME.spare`) so that the
// next build rewrites its files in place instead of creating every file anew. Creating inodes
// is most of a big build's system time, worst just after as many were freed (ext4 without a
// journal searches past every recently freed inode), and a build that swapped in a new folder
// and removed the old one freed a whole site's inodes every time. With a spare the two folders
// take turns: the build writes into the spare, swaps it in, and the site it replaced becomes
// the next spare. Neither is ever written while it is the one in place.

#include <filesystem>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <vector>

namespace scrutiny {

// `.site.spare` for the destination `site`.
std::filesystem::path spare_folder(const std::filesystem::path& destination);

// What a spare site held when a build took it over as its staging folder.
struct SpareInventory {
  std::vector<std::string> files;    // regular files, relative to the site root, marker excluded
  std::vector<std::string> folders;  // relative to the site root, each after the one holding it
};

// Lists the folder open as `root` (a spare being taken over) and tidies it for rewriting:
// anything a build never writes (a symbolic link, a pipe, a device) is removed, so nothing
// written later can be led outside the folder, and folders are made writable by their owner
// (sites are often published read-only).
SpareInventory take_inventory(int root);

// How write_in_place left a file.
enum class InPlaceWrite { unchanged, rewritten, created, failed };

// Makes `path` beneath the folder open as `root` hold `content`: a file there that this build
// could have written itself (a regular file of this user, with `mode`, linked nowhere else) is
// left alone when its bytes are already `content`, else rewritten in place; anything else is
// removed first and the file created. `st` is the file as left.
InPlaceWrite write_in_place(int root, const std::string& path, std::string_view content, unsigned mode,
                            struct stat& st);

}  // namespace scrutiny
