#pragma once
// A count with its noun in the right number, "1 action" or "3 actions", for readers who
// should never meet "action(s)".

#include <cstddef>
#include <string>
#include <string_view>

namespace scrutiny {

// "1 action", "0 actions", "3 actions": `one` when n is 1, `many` otherwise (English plurals;
// the caller gives both forms, so irregular ones such as "1 child", "2 children" work).
std::string counted_noun(size_t n, std::string_view one, std::string_view many);

}  // namespace scrutiny
