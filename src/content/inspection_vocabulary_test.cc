#include <doctest/doctest.h>

#include "document_reader.h"
#include "inspection_vocabulary.h"
#include "portal_config.h"

using namespace scrutiny;

namespace {

PortalConfig read_config(const std::string& text, Diagnostics& diags) {
  return read_portal_config(SourceFile{"portal.toml", "content/portal.toml", text}, "content", diags);
}

std::string inspection(const std::string& kind, const std::string& extra = "") {
  return "+++\ntype = \"inspection\"\ntitle = \"A visit\"\nkind = \"" + kind +
         "\"\nstart_date = 2016-04-25\nend_date = 2016-05-19\npublished = 2016-07-07\n" + extra + "+++\n";
}

}  // namespace

TEST_CASE("vocabulary: today's Ofsted scale and kinds are built in, as data") {
  const InspectionVocabulary& v = builtin_inspection_vocabulary();
  const JudgementScale* ofsted = v.scale("ofsted");
  REQUIRE(ofsted);
  REQUIRE(ofsted->words.size() == 4);
  CHECK(ofsted->words[0].value == "outstanding");
  CHECK(ofsted->words[2].label == "Requires improvement to be good");
  CHECK(ofsted->words[3].rank == 3);
  for (const char* kind : {"ilacs", "sif", "focused-visit", "monitoring-visit", "jtai", "lga-peer-review",
                           "dfe-adviser-review", "partners-in-practice-review"})
    CHECK_MESSAGE(v.inspection_kind(kind), kind);
  CHECK(v.inspection_kind("sif")->label == "Single inspection framework inspection (2013 to 2017)");
  CHECK(v.inspection_kind("sif")->overall_required);
  CHECK_FALSE(v.inspection_kind("ilacs")->review);
  CHECK(v.inspection_kind("lga-peer-review")->review);
  CHECK(v.inspection_kind("lga-peer-review")->judgement_scale.empty());
  // Report order: areas for priority action, areas for improvement, recommendations.
  CHECK(v.finding_rank("priority-action") < v.finding_rank("area-for-improvement"));
  CHECK(v.finding_rank("area-for-improvement") < v.finding_rank("recommendation"));
}

TEST_CASE("vocabulary: the 2016 inspection can be labelled a single inspection framework inspection (issue 12.5)") {
  Diagnostics diags;
  auto d = read_document("content/inspections/2016.md", "inspections/2016.md",
                         inspection("sif", "overall_judgement = \"requires-improvement\"\n"), diags);
  REQUIRE(d);
  CHECK_FALSE(diags.has_errors());
  CHECK(d->kind == "sif");
  REQUIRE(d->overall_judgement);
  CHECK(d->overall_judgement->label == "Requires improvement to be good");
  // Like ILACS, it needs its overall judgement.
  Diagnostics missing;
  read_document("content/inspections/2016.md", "inspections/2016.md", inspection("sif"), missing);
  CHECK(missing.has_errors());
}

TEST_CASE("vocabulary: a peer review can be entered, and makes no judgements (issue 12.5)") {
  Diagnostics diags;
  auto d = read_document("content/inspections/peer.md", "inspections/peer.md", inspection("lga-peer-review"), diags);
  REQUIRE(d);
  CHECK_FALSE(diags.has_errors());
  Diagnostics judged;
  read_document("content/inspections/peer.md", "inspections/peer.md",
                inspection("lga-peer-review", "overall_judgement = \"good\"\n"), judged);
  REQUIRE(judged.has_errors());
  CHECK(judged.sorted()[0].line == 8);
  CHECK(judged.sorted()[0].message.find("LGA peer review makes no judgements") != std::string::npos);
}

TEST_CASE("vocabulary: an unknown judgement names the scale's words, at its line (issue 12.6)") {
  Diagnostics diags;
  read_document("content/inspections/2016.md", "inspections/2016.md",
                inspection("ilacs", "overall_judgement = \"requires improvement\"\n"), diags);
  std::vector<Diagnostic> all = diags.sorted();
  REQUIRE(all.size() == 1);
  const Diagnostic& d = all[0];
  CHECK(d.line == 8);
  CHECK(d.key == "overall_judgement");
  CHECK(d.message == "unknown judgement \"requires improvement\" on the \"ofsted\" scale: use one of \"outstanding\", "
                     "\"good\", \"requires-improvement\" or \"inadequate\"");
}

TEST_CASE("vocabulary: portal.toml adds a scale, a kind of inspection and a kind of finding (issue 12.6)") {
  Diagnostics diags;
  PortalConfig c = read_config(
      "title = \"T\"\nauthority = \"A\"\n"
      "[[judgement_scales]]\nid = \"three-point\"\n"
      "words = [{ value = \"strong\", label = \"Strong\" }, { value = \"adequate\", label = \"Adequate\" }, "
      "{ value = \"weak\", label = \"Weak\" }]\n"
      "[[inspection_kinds]]\nvalue = \"regional-review\"\nlabel = \"Regional improvement alliance review\"\n"
      "by = \"Eastern Region\"\njudgement_scale = \"three-point\"\noverall_judgement = \"required\"\nreview = true\n"
      "[[finding_kinds]]\nvalue = \"area-for-consideration\"\nlabel = \"Area for consideration\"\n",
      diags);
  for (const Diagnostic& d : diags.all()) MESSAGE(d.line << ": " << d.message);
  CHECK(diags.all().empty());
  REQUIRE(c.vocabulary.inspection_kind("regional-review"));
  CHECK(c.vocabulary.inspection_kind("ilacs"));  // the built-in ones stay
  CHECK(c.vocabulary.finding_rank("area-for-consideration") > c.vocabulary.finding_rank("recommendation"));

  Diagnostics read;
  auto d = read_document("content/inspections/r.md", "inspections/r.md",
                         inspection("regional-review", "overall_judgement = \"weak\"\n"), read, c.vocabulary);
  REQUIRE(d);
  CHECK_FALSE(read.has_errors());
  CHECK(d->overall_judgement->label == "Weak");
  CHECK(d->overall_judgement->rank == 2);
  Diagnostics wrong;
  read_document("content/inspections/r.md", "inspections/r.md",
                inspection("regional-review", "overall_judgement = \"good\"\n"), wrong, c.vocabulary);
  REQUIRE(wrong.has_errors());
  CHECK(wrong.sorted()[0].message.find("use one of \"strong\", \"adequate\" or \"weak\"") != std::string::npos);
  // Without portal.toml's kind, the file says where to add it.
  Diagnostics unknown;
  read_document("content/inspections/r.md", "inspections/r.md", inspection("regional-review"), unknown);
  REQUIRE(unknown.has_errors());
  CHECK(unknown.sorted()[0].line == 4);
  CHECK(unknown.sorted()[0].message.find("[[inspection_kinds]]") != std::string::npos);
}

TEST_CASE("vocabulary: mistakes in portal.toml's tables are reported at their lines") {
  Diagnostics diags;
  read_config("title = \"T\"\nauthority = \"A\"\n"
              "[[inspection_kinds]]\nvalue = \"ilacs\"\nlabel = \"Again\"\n"                      // 3-5
              "[[inspection_kinds]]\nvalue = \"x\"\nlabel = \"X\"\njudgement_scale = \"nine\"\n"   // 6-9
              "[[finding_kinds]]\nvalue = \"y\"\nlabel = \"Y\"\ncolour = \"red\"\n",                // 10-13
              diags);
  std::vector<Diagnostic> all = diags.sorted();
  REQUIRE(all.size() == 3);
  CHECK(all[0].line == 4);
  CHECK(all[0].message.find("already an inspection kind \"ilacs\"") != std::string::npos);
  CHECK(all[1].line == 9);
  CHECK(all[1].message.find("unknown judgement scale \"nine\": use one of \"ofsted\"") != std::string::npos);
  CHECK(all[2].line == 13);
  CHECK(all[2].key == "finding_kinds[1].colour");
}
