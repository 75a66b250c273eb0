#include "option_value.h"

namespace scrutiny {

std::variant<OptionValue, std::string> read_option_value(const std::vector<std::string>& args, size_t& i,
                                                         const std::function<bool(std::string_view)>& known) {
  std::string name = args[i], value;
  bool has_value = false;
  if (auto eq = name.find('='); name.rfind("--", 0) == 0 && eq != std::string::npos) {
    value = name.substr(eq + 1);
    name = name.substr(0, eq);
    has_value = true;
  }
  if (!known(name)) return "unknown option '" + args[i] + "'";
  if (!has_value) {
    if (i + 1 >= args.size()) return "option " + name + " needs a value";
    value = args[++i];
  }
  if (value.empty()) return "option " + name + " needs a value";
  return OptionValue{name, value};
}

}  // namespace scrutiny
