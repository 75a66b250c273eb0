#include "descriptor_io.h"

#include <cerrno>
#include <cstring>
#include <string>
#include <unistd.h>

namespace scrutiny {

size_t read_fully(int fd, char* data, size_t size) {
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::read(fd, data + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  return done;
}

bool reads_as(int fd, std::string_view bytes) {
  thread_local std::string buffer;
  buffer.resize(bytes.size() + 1);  // one byte more, to see that the file does not go on
  const size_t done = read_fully(fd, buffer.data(), buffer.size());
  return done == bytes.size() && std::memcmp(buffer.data(), bytes.data(), done) == 0;
}

bool write_fully(int fd, std::string_view bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  return done == bytes.size();
}

}  // namespace scrutiny
