#pragma once
// JSON written by hand: string escaping that is safe inside HTML, and a small streaming writer.

#include <string>
#include <string_view>
#include <vector>

namespace scrutiny {

// `text` as a JSON string literal, quotes included. Besides what JSON requires (", \ and
// control characters), every '<' becomes \u003c so neither "</script>" nor "<!--" can appear,
// and U+2028/U+2029 are escaped because older JavaScript parsers reject them in strings.
std::string json_string(std::string_view text);

// Writes one JSON value, compact or indented by two spaces with "\n" line ends. The caller
// nests begin/end calls correctly; keys are only written inside objects.
class JsonWriter {
 public:
  explicit JsonWriter(bool pretty) : pretty_(pretty) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
  JsonWriter& value(long long number);
  JsonWriter& value(int number) { return value(static_cast<long long>(number)); }
  JsonWriter& value(bool flag);
  // A finite number in its shortest exact form: 51.3, 386 (not 386.0).
  JsonWriter& value(double number);
  JsonWriter& null();

  // The text so far; a pretty document ends with a newline.
  std::string finish();

 private:
  void before_value();
  void open(char bracket);
  void close(char bracket);
  void newline_indent(size_t depth);

  struct Level {
    size_t items = 0;
  };
  bool pretty_;
  bool after_key_ = false;
  std::vector<Level> levels_;
  std::string out_;
};

}  // namespace scrutiny
