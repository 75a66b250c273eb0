#include "revision_parser.h"

#include <doctest/doctest.h>

#include "document_reader.h"
#include "parsed_revisions.h"

using namespace scrutiny;

namespace {

// What read_document gives, as RevisionParser::parse must give it: the fields history keeps of
// the document, and its body apart. The last parse's document, to tell when one is shared.
const RevisionFields* last_document = nullptr;
bool parses_as_read_document(RevisionParser& parser, const std::string& path, const std::string& text) {
  Diagnostics ignored;
  std::optional<Document> expected = read_document("content/" + path, path, text, ignored);
  RevisionParser::Parsed got = parser.parse(path, text);
  last_document = got.document.get();
  if (expected.has_value() != (got.document != nullptr)) return false;
  if (!expected) return true;
  std::string expected_body = std::move(expected->body);
  return same_revision({"b", path, *got.document, got.body},
                       {"b", path, RevisionFields(std::move(*expected)), expected_body});
}

const std::string kFrontMatter =
    "+++\ntype = \"action\"\ntitle = \"Audit case files\"\nnumber = 3\nowners = [\"Head of Service\"]\n"
    "status = \"on-track\"\ntarget_date = 2024-05-31\n\n[[milestones]]\ntitle = \"First audit\"\n"
    "target_date = 2024-03-31\nstatus = \"complete\"\ncompleted = 2024-03-20\n+++\n";

}  // namespace

TEST_CASE("revision parser: a revision that changed only its body reuses the front matter's parse, and gives what read_document gives") {
  RevisionParser parser("content/actions/a3.md", builtin_inspection_vocabulary());
  CHECK(parses_as_read_document(parser, "actions/a3.md", kFrontMatter + "\nFirst body.\n"));
  CHECK(parser.reused() == 0);
  const RevisionFields* first = last_document;
  CHECK(parses_as_read_document(parser, "actions/a3.md", kFrontMatter + "\nSecond body, longer.\n\n- a list\n"));
  CHECK(parses_as_read_document(parser, "actions/a3.md", kFrontMatter));  // no body at all
  CHECK(parser.reused() == 2);
  RevisionParser::Parsed d = parser.parse("actions/a3.md", kFrontMatter + "Third.\n");
  REQUIRE(d.document);
  CHECK(d.body == "Third.\n");
  CHECK(d.document->title == "Audit case files");
  CHECK(d.document->milestones.size() == 1);
  CHECK(parser.reused() == 3);
  // One document for all four: held once, however many revisions share it.
  CHECK(d.document.get() == first);
}

TEST_CASE("revision parser: a changed front matter, path, carriage return or bad byte is parsed as read_document parses it") {
  RevisionParser parser("content/actions/a3.md", builtin_inspection_vocabulary());
  REQUIRE(parses_as_read_document(parser, "actions/a3.md", kFrontMatter + "Body.\n"));
  std::string moved = kFrontMatter;
  moved.replace(moved.find("2024-05-31"), 10, "2024-06-30");
  CHECK(parses_as_read_document(parser, "actions/a3.md", moved + "Body.\n"));
  CHECK(parser.reused() == 0);
  // The same text under the path it had before a rename: its id is its path's.
  CHECK(parses_as_read_document(parser, "actions/old-a3.md", moved + "Body.\n"));
  CHECK(parser.reused() == 0);
  CHECK(parses_as_read_document(parser, "actions/old-a3.md", moved + "Line one.\r\nLine two.\r\n"));
  CHECK(parses_as_read_document(parser, "actions/old-a3.md", moved + "Bad \xC3 byte.\n"));
  CHECK(parses_as_read_document(parser, "actions/old-a3.md", "\xEF\xBB\xBF" + moved + "Marked.\n"));
  CHECK(parser.reused() == 0);
  // A front matter that no longer parses, then one that does again.
  CHECK(parses_as_read_document(parser, "actions/old-a3.md", "+++\ntitle = \n+++\nBody.\n"));
  CHECK(parses_as_read_document(parser, "actions/old-a3.md", moved + "Body.\n"));
  CHECK(parses_as_read_document(parser, "actions/old-a3.md", moved + "Body again.\n"));
  CHECK(parser.reused() == 1);
}

TEST_CASE("revision parser: a page without front matter takes its title from its body, so is always parsed") {
  RevisionParser parser("content/about.md", builtin_inspection_vocabulary());
  CHECK(parses_as_read_document(parser, "about.md", "# About\n\nFirst.\n"));
  CHECK(parses_as_read_document(parser, "about.md", "# About\n\nSecond.\n"));
  CHECK(parses_as_read_document(parser, "about.md", "# About us\n\nSecond.\n"));
  CHECK(parser.reused() == 0);
}
