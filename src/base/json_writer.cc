#include "json_writer.h"

#include <array>
#include <charconv>
#include <cmath>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace scrutiny {

namespace {

// The first byte from `i` that append_json_string must look at: one it escapes, or 0xe2, which
// may begin U+2028 or U+2029. Plain text, nearly all of the search index's and open data's
// megabytes, is passed over sixteen bytes at a time where the compiler targets SSE2.
size_t next_to_look_at(std::string_view text, size_t i) {
  static constexpr std::array<bool, 256> kLook = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 0x20; ++c) table[c] = true;
    for (unsigned char c : {'"', '\\', '<', '\x7f', '\xe2'}) table[c] = true;
    return table;
  }();
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), lt = _mm_set1_epi8('<'),
                del = _mm_set1_epi8(0x7f), e2 = _mm_set1_epi8(static_cast<char>(0xe2)), last_control = _mm_set1_epi8(0x1f);
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(b, last_control), b);  // b <= 0x1f
    const __m128i hit = _mm_or_si128(_mm_or_si128(control, _mm_cmpeq_epi8(b, quote)),
                                     _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(b, backslash), _mm_cmpeq_epi8(b, lt)),
                                                  _mm_or_si128(_mm_cmpeq_epi8(b, del), _mm_cmpeq_epi8(b, e2))));
    if (_mm_movemask_epi8(hit) != 0) break;
  }
#endif
  while (i < text.size() && !kLook[static_cast<unsigned char>(text[i])]) ++i;
  return i;
}

// json_string's text appended to `out`, copied a run at a time between the characters it
// escapes (most text has few), without a string of its own: the writer appends every key and
// value here, and a large portal's open data and search index are megabytes of them.
void append_json_string(std::string& out, std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  out += '"';
  size_t run = 0;  // the first character not yet copied
  auto escape = [&](size_t i, size_t length, std::string_view with) {
    out.append(text, run, i - run);
    out += with;
    run = i + length;
  };
  for (size_t i = next_to_look_at(text, 0); i < text.size(); i = next_to_look_at(text, i + 1)) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '"': escape(i, 1, "\\\""); break;
      case '\\': escape(i, 1, "\\\\"); break;
      case '\n': escape(i, 1, "\\n"); break;
      case '\r': escape(i, 1, "\\r"); break;
      case '\t': escape(i, 1, "\\t"); break;
      case '\b': escape(i, 1, "\\b"); break;
      case '\f': escape(i, 1, "\\f"); break;
      case '<': escape(i, 1, "\\u003c"); break;
      default:
        if (c < 0x20 || c == 0x7f) {
          const char code[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xf]};
          escape(i, 1, std::string_view(code, sizeof code));
        } else if (c == 0xe2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
                   (static_cast<unsigned char>(text[i + 2]) == 0xa8 ||
                    static_cast<unsigned char>(text[i + 2]) == 0xa9)) {
          escape(i, 3, static_cast<unsigned char>(text[i + 2]) == 0xa8 ? "\\u2028" : "\\u2029");
          i += 2;
        }
    }
  }
  out.append(text, run);
  out += '"';
}

}  // namespace

std::string json_string(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  append_json_string(out, text);
  return out;
}

void JsonWriter::newline_indent(size_t depth) {
  if (!pretty_) return;
  out_ += '\n';
  out_.append(depth * 2, ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (levels_.empty()) return;
  if (levels_.back().items++ > 0) out_ += ',';
  newline_indent(levels_.size());
}

void JsonWriter::open(char bracket) {
  before_value();
  out_ += bracket;
  levels_.push_back({});
}

void JsonWriter::close(char bracket) {
  bool had_items = levels_.back().items > 0;
  levels_.pop_back();
  if (had_items) newline_indent(levels_.size());
  out_ += bracket;
}

JsonWriter& JsonWriter::begin_object() { open('{'); return *this; }
JsonWriter& JsonWriter::end_object() { close('}'); return *this; }
JsonWriter& JsonWriter::begin_array() { open('['); return *this; }
JsonWriter& JsonWriter::end_array() { close(']'); return *this; }

JsonWriter& JsonWriter::key(std::string_view name) {
  before_value();
  append_json_string(out_, name);
  out_ += pretty_ ? ": " : ":";
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  before_value();
  append_json_string(out_, text);
  return *this;
}

JsonWriter& JsonWriter::value(long long number) {
  before_value();
  out_ += std::to_string(number);
  return *this;
}

JsonWriter& JsonWriter::value(double number) {
  before_value();
  if (!std::isfinite(number)) {
    out_ += "null";  // JSON has no infinity or NaN
    return *this;
  }
  if (number == 0) number = 0;  // no "-0"
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, number);
  out_.append(buf, ec == std::errc() ? end : buf);
  return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
  before_value();
  out_ += flag ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ += "null";
  return *this;
}

std::string JsonWriter::finish() {
  std::string out = std::move(out_);
  out_.clear();
  if (pretty_) out += '\n';
  return out;
}

}  // namespace scrutiny
