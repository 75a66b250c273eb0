#include "program_identity.h"

#include <sys/stat.h>

namespace scrutiny {

std::string program_identity() {
  struct stat st;
  if (::stat("/proc/self/exe", &st) != 0) return {};
  return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino) + ":" + std::to_string(st.st_size) + ":" +
         std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
}

}  // namespace scrutiny
