#include "csv_writer.h"

#include <array>

namespace scrutiny {
namespace {

// Whether a field holds a byte that makes it quoted, found by a table: find_first_of calls
// memchr over the four for every byte, and the open data writes hundreds of thousands of fields.
bool needs_quotes(std::string_view text) {
  static constexpr std::array<bool, 256> kQuoted = [] {
    std::array<bool, 256> table{};
    for (unsigned char c : std::string_view(",\"\r\n")) table[c] = true;
    return table;
  }();
  for (char c : text)
    if (kQuoted[static_cast<unsigned char>(c)]) return true;
  return false;
}

}  // namespace

std::string csv_field(std::string_view text) {
  if (!needs_quotes(text)) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string spreadsheet_safe(std::string_view text) {
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos)
    return "'" + std::string(text);
  return std::string(text);
}

CsvTable::CsvTable(std::initializer_list<std::string_view> header)
    : columns_(header.size()), text_(kByteOrderMark) {
  append(std::vector<std::string>(header.begin(), header.end()));
}

bool CsvTable::row(const std::vector<std::string>& fields) {
  if (fields.size() != columns_) return false;
  append(fields);
  return true;
}

void CsvTable::append(const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) text_ += ',';
    text_ += csv_field(spreadsheet_safe(fields[i]));
  }
  text_ += "\r\n";
}

}  // namespace scrutiny
