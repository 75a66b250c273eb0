#include <doctest/doctest.h>

#include "option_value.h"

using namespace scrutiny;

namespace {

std::variant<OptionValue, std::string> read_content_option(std::vector<std::string> args, size_t& i) {
  return read_option_value(args, i, [](std::string_view name) { return name == "--content"; });
}

}  // namespace

TEST_CASE("read_option_value: --name VALUE and --name=VALUE; unknown, missing and empty values refused") {
  size_t i = 0;
  auto spaced = read_content_option({"--content", "dir", "--out"}, i);
  REQUIRE(std::holds_alternative<OptionValue>(spaced));
  CHECK(std::get<OptionValue>(spaced).value == "dir");
  CHECK(i == 1);  // at the value: the caller's loop moves on from there
  i = 0;
  auto joined = read_content_option({"--content=a=b"}, i);
  REQUIRE(std::holds_alternative<OptionValue>(joined));
  CHECK(std::get<OptionValue>(joined).name == "--content");
  CHECK(std::get<OptionValue>(joined).value == "a=b");
  CHECK(i == 0);
  i = 0;
  CHECK(std::get<std::string>(read_content_option({"--out=x"}, i)) == "unknown option '--out=x'");
  i = 0;
  CHECK(std::get<std::string>(read_content_option({"--content"}, i)) == "option --content needs a value");
  i = 0;
  CHECK(std::get<std::string>(read_content_option({"--content="}, i)) == "option --content needs a value");
}
