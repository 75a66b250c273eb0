#pragma once
// The search page (enhanced by assets/search.js) and the A to Z index that serves instead
// when JavaScript is off.

#include <string>
#include <vector>

#include "page_views.h"
#include "portal.h"

namespace scrutiny {

inline constexpr const char* kSearchPagePath = "search.html";
inline constexpr const char* kAToZPagePath = "a-z.html";

// The letter a title is filed under on the A to Z page: "A" to "Z" (accented Latin letters
// under their base letter, leading punctuation skipped), "0–9" for digits, "Other" otherwise.
std::string a_to_z_letter(const std::string& title);

}  // namespace scrutiny
