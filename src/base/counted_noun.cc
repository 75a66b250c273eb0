#include "counted_noun.h"

namespace scrutiny {

std::string counted_noun(size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

}  // namespace scrutiny
