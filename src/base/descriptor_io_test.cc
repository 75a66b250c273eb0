#include <doctest/doctest.h>

#include <string>
#include <tuple>
#include <unistd.h>

#include "descriptor_io.h"

using namespace scrutiny;

TEST_CASE("descriptor io: a whole buffer goes through a pipe, and reading stops at its end") {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const std::string bytes(10000, 'x');
  CHECK(write_fully(fds[1], bytes));
  ::close(fds[1]);
  std::string read(bytes.size() + 5, '\0');
  CHECK(read_fully(fds[0], read.data(), read.size()) == bytes.size());  // the file ended first
  CHECK(read.substr(0, bytes.size()) == bytes);
  ::close(fds[0]);
}

TEST_CASE("descriptor io: a closed descriptor reads nothing and takes nothing") {
  char c = 0;
  CHECK(read_fully(-1, &c, 1) == 0);
  CHECK_FALSE(write_fully(-1, "x"));
  CHECK(write_fully(-1, ""));  // nothing to write is written
}

TEST_CASE("descriptor io: reads_as holds only for exactly the same bytes, no more and no fewer") {
  auto pipe_with = [](const std::string& text) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    REQUIRE(write_fully(fds[1], text));
    ::close(fds[1]);
    return fds[0];
  };
  for (const auto& [file, bytes, same] : {std::tuple<std::string, std::string, bool>{"page", "page", true},
                                          {"pages", "page", false},
                                          {"pag", "page", false},
                                          {"pagf", "page", false},
                                          {"", "", true}}) {
    int fd = pipe_with(file);
    CHECK(reads_as(fd, bytes) == same);
    ::close(fd);
  }
}
