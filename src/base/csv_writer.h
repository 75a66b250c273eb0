#pragma once
// CSV files as RFC 4180 writes them, guarded against spreadsheet formula injection.

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace scrutiny {

// One field as RFC 4180 writes it: in double quotes (with inner quotes doubled) when it holds
// a comma, a double quote, CR or LF; as it is otherwise.
std::string csv_field(std::string_view text);

// `text` with an apostrophe in front when it starts with = + - @ TAB or CR, the characters
// that make Excel, LibreOffice and Google Sheets read a cell as a formula.
std::string spreadsheet_safe(std::string_view text);

// A CSV file built row by row: a UTF-8 byte order mark, a header row, CRLF after every row,
// and every field passed through spreadsheet_safe() and csv_field(). Excel reads a CSV file
// without the mark in the machine's legacy code page, turning the en dashes and curly quotes
// of owners' names and titles into mojibake.
class CsvTable {
 public:
  static constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

  explicit CsvTable(std::initializer_list<std::string_view> header);

  // Appends one row. A row with more or fewer fields than the header would shift every later
  // column for readers, so it is refused: nothing is written and the result is false.
  [[nodiscard]] bool row(const std::vector<std::string>& fields);

  size_t columns() const { return columns_; }
  const std::string& text() const { return text_; }

 private:
  void append(const std::vector<std::string>& fields);

  size_t columns_;
  std::string text_;
};

}  // namespace scrutiny
