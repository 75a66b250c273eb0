#include <doctest/doctest.h>

#include "csv_writer.h"

using namespace scrutiny;

TEST_CASE("csv_field: quoted only when RFC 4180 needs it, inner quotes doubled") {
  CHECK(csv_field("plain text") == "plain text");
  CHECK(csv_field("") == "");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("line\nbreak") == "\"line\nbreak\"");
  CHECK(csv_field("cr\rhere") == "\"cr\rhere\"");
  CHECK(csv_field("\"") == "\"\"\"\"");
  CHECK(csv_field("Group Manager – ICT") == "Group Manager – ICT");
}

TEST_CASE("spreadsheet_safe: text a spreadsheet would run as a formula gets an apostrophe") {
  CHECK(spreadsheet_safe("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")");
  CHECK(spreadsheet_safe("+1") == "'+1");
  CHECK(spreadsheet_safe("-2+3") == "'-2+3");
  CHECK(spreadsheet_safe("@SUM(A1)") == "'@SUM(A1)");
  CHECK(spreadsheet_safe("\t=1") == "'\t=1");
  CHECK(spreadsheet_safe("\r=1") == "'\r=1");
  // Only the first character matters; generated values never start with these.
  CHECK(spreadsheet_safe("a=b") == "a=b");
  CHECK(spreadsheet_safe("2018-03-31") == "2018-03-31");
  CHECK(spreadsheet_safe("on-track") == "on-track");
  CHECK(spreadsheet_safe("actions/a01") == "actions/a01");
  CHECK(spreadsheet_safe("") == "");
}

TEST_CASE("CsvTable: byte order mark, header, CRLF after every row, guarded and quoted fields") {
  CsvTable t({"id", "title", "note"});
  CHECK(t.row({"a1", "Audit, then review", "=1+1"}));
  CHECK(t.row({"a2", "Say \"yes\"", "two\nlines"}));
  CHECK(t.text() ==
        "\xEF\xBB\xBFid,title,note\r\n"
        "a1,\"Audit, then review\",'=1+1\r\n"
        "a2,\"Say \"\"yes\"\"\",\"two\nlines\"\r\n");
  CHECK(t.columns() == 3);
}

TEST_CASE("CsvTable: a row that does not fit the header is refused") {
  CsvTable t({"a", "b"});
  CHECK_FALSE(t.row({"1"}));
  CHECK_FALSE(t.row({"1", "2", "3"}));
  CHECK(t.text() == "\xEF\xBB\xBF" "a,b\r\n");
}
