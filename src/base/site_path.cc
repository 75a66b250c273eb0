#include "site_path.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <vector>

namespace scrutiny {
namespace {

// a-z spellings of U+00C0..U+00FF and U+0100..U+017F, one letter per code point; the digits
// stand for longer spellings (kLonger) and 0 for a sign that is not a letter (× and ÷).
constexpr std::string_view kLatin1Letters =
    "aaaaaa4ceeeeiiii" "dnooooo0ouuuuy56" "aaaaaa4ceeeeiiii" "dnooooo0ouuuuy5y";
constexpr std::string_view kLatinExtendedA =
    "aaaaaaccccccccdd" "ddeeeeeeeeeegggg" "gggghhhhiiiiiiii" "ii11jjkkklllllll"
    "lllnnnnnnn22oooo" "oo33rrrrrrssssss" "ssttttttuuuuuuuu" "uuuuwwyyyzzzzzzs";
constexpr std::string_view kLonger[] = {"", "ij", "ng", "oe", "ae", "th", "ss"};

// What a code point becomes in a slug.
struct Spelling {
  enum Kind { letters, separator, unspellable } kind;
  std::string_view text;  // for letters
};

Spelling spell(char32_t c) {
  static constexpr char kAscii[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  if (c < 0x80) {
    if (c >= '0' && c <= '9') return {Spelling::letters, std::string_view(kAscii + (c - '0'), 1)};
    if (c >= 'a' && c <= 'z') return {Spelling::letters, std::string_view(kAscii + 10 + (c - 'a'), 1)};
    if (c >= 'A' && c <= 'Z') return {Spelling::letters, std::string_view(kAscii + 10 + (c - 'A'), 1)};
    return {Spelling::separator, {}};
  }
  std::string_view table;
  if (c >= 0xC0 && c <= 0xFF) table = kLatin1Letters.substr(c - 0xC0, 1);
  else if (c >= 0x100 && c <= 0x17F) table = kLatinExtendedA.substr(c - 0x100, 1);
  if (!table.empty()) {
    if (table[0] >= 'a') return {Spelling::letters, table};
    if (table[0] == '0') return {Spelling::separator, {}};
    return {Spelling::letters, kLonger[table[0] - '0']};
  }
  if (c == 0x218 || c == 0x219) return {Spelling::letters, "s"};  // Romanian ș
  if (c == 0x21A || c == 0x21B) return {Spelling::letters, "t"};  // Romanian ț
  if (c == 0x1E9E) return {Spelling::letters, "ss"};              // capital ß
  // Signs, spaces, dashes, quotes and currency: separators, like ASCII punctuation.
  if (c <= 0xBF || (c >= 0x2000 && c <= 0x206F) || (c >= 0x20A0 && c <= 0x20CF) ||
      (c >= 0x3000 && c <= 0x303F))
    return {Spelling::separator, {}};
  return {Spelling::unspellable, {}};
}

// The next code point of UTF-8 text; an invalid byte reads as U+FFFD (unspellable).
char32_t next_code_point(std::string_view text, size_t& i) {
  unsigned char b = static_cast<unsigned char>(text[i++]);
  if (b < 0x80) return b;
  int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : -1;
  if (extra < 0 || i + extra > text.size()) return 0xFFFD;
  char32_t c = b & (0x3F >> extra);
  for (int k = 0; k < extra; ++k) {
    unsigned char next = static_cast<unsigned char>(text[i]);
    if ((next & 0xC0) != 0x80) return 0xFFFD;
    c = (c << 6) | (next & 0x3F);
    ++i;
  }
  return c;
}

// The slug, and whether it left out letters it could not spell.
std::string slug_of(std::string_view text, bool& dropped_letters) {
  std::string out;
  dropped_letters = false;
  for (size_t i = 0; i < text.size();) {
    Spelling s = spell(next_code_point(text, i));
    if (s.kind == Spelling::letters) {
      out += s.text;
      continue;
    }
    if (s.kind == Spelling::unspellable) dropped_letters = true;
    if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

// 64-bit FNV-1a of the exact text, in hex: the same on every machine and in every build.
std::string text_hash(std::string_view text) {
  uint64_t h = 14695981039346656037ull;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

}  // namespace

std::string slug(std::string_view text) {
  bool dropped;
  return slug_of(text, dropped);
}

std::map<std::string, std::string> page_names(const std::set<std::string>& texts) {
  // hash_digits: 0 for the readable slug alone, 8 or 16 for a hash suffix.
  struct Name {
    std::string readable;
    size_t hash_digits = 0;
  };
  std::map<std::string, Name> names;
  for (const std::string& t : texts) {
    Name n;
    bool dropped;
    n.readable = slug_of(t, dropped);
    if (n.readable.size() > kMaxReadablePageName) {
      // Cut at a word boundary where there is one.
      size_t cut = n.readable.rfind('-', kMaxReadablePageName);
      n.readable.resize(cut != std::string::npos && cut > 0 ? cut : kMaxReadablePageName);
      dropped = true;
    }
    n.hash_digits = dropped || n.readable.empty() ? 8 : 0;
    names.emplace(t, std::move(n));
  }
  auto spelt = [](const std::string& text, const Name& n) {
    if (n.hash_digits == 0) return n.readable;
    std::string hash = text_hash(text).substr(0, n.hash_digits);
    return n.readable.empty() ? hash : n.readable + "-" + hash;
  };
  // Texts that share a name all take a (longer) hash.
  for (int round = 0; round < 2; ++round) {
    std::map<std::string, std::vector<Name*>> by_name;
    for (auto& [text, n] : names) by_name[spelt(text, n)].push_back(&n);
    bool shared = false;
    for (auto& [name, group] : by_name) {
      if (group.size() < 2) continue;
      shared = true;
      for (Name* n : group) n->hash_digits = n->hash_digits == 0 ? 8 : 16;
    }
    if (!shared) break;
  }
  std::map<std::string, std::string> out;
  std::map<std::string, size_t> uses;
  // Two texts with the same 64-bit hash too: number all but the first, in sorted order.
  for (const auto& [text, n] : names) {
    std::string name = spelt(text, n);
    size_t k = ++uses[name];
    out.emplace(text, k == 1 ? name : name + "-" + std::to_string(k));
  }
  return out;
}

std::string document_page_path(std::string_view id) {
  // Made at its full size at once: copied and then appended to, an id longer than ten bytes
  // outgrew the string's own room and was copied again (every link of every page asks).
  std::string path;
  path.reserve(id.size() + 5);
  path.append(id).append(".html");
  return path;
}

std::string root_prefix(std::string_view from) {
  std::string out;
  for (size_t i = 0, n = std::count(from.begin(), from.end(), '/'); i < n; ++i) out += "../";
  return out;
}

std::string relative_href(std::string_view from, std::string_view to) {
  // Past the folders the two paths share, one "../" for each folder of `from` left, then the
  // rest of `to` as it is: found in place, without lists of folders, as every link of every
  // page is made here.
  size_t a = 0, b = 0;  // where the first folder not yet compared starts in each
  for (;;) {
    const size_t end_a = from.find('/', a), end_b = to.find('/', b);
    if (end_a == std::string_view::npos || end_b == std::string_view::npos ||
        from.substr(a, end_a - a) != to.substr(b, end_b - b))
      break;
    a = end_a + 1;
    b = end_b + 1;
  }
  const size_t ups = static_cast<size_t>(std::count(from.begin() + static_cast<std::ptrdiff_t>(a), from.end(), '/'));
  std::string out;
  out.reserve(3 * ups + to.size() - b);
  for (size_t i = 0; i < ups; ++i) out += "../";
  out += to.substr(b);
  return out;
}

bool is_safe_output_path(std::string_view path) {
  if (path.empty() || path.front() == '/' || path.find('\\') != std::string_view::npos ||
      path.find('\0') != std::string_view::npos)
    return false;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view seg = path.substr(start, end - start);
    if (seg.empty() || seg == "." || seg == "..") return false;
    start = end + 1;
  }
  return true;
}

}  // namespace scrutiny
