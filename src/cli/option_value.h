#pragma once
// Reading an option that takes a value, written "--name VALUE" or "--name=VALUE", the same way
// for every command.

#include <functional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace scrutiny {

// An option and the value given for it.
struct OptionValue {
  std::string name;  // "--content"
  std::string value;
};

// Reads args[i] as an option taking a value and moves i past the value when it is the next
// word. An option `known` refuses, or a missing or empty value, gives the message for the user.
std::variant<OptionValue, std::string> read_option_value(const std::vector<std::string>& args, size_t& i,
                                                         const std::function<bool(std::string_view)>& known);

}  // namespace scrutiny
