#include "parsed_revisions.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <random>

#include "document_history.h"
#include "portal.h"
#include "test_support.h"
#include "withdrawn_revisions.h"

using namespace scrutiny;
using namespace scrutiny::test;
namespace fs = std::filesystem;

namespace {

// The sample portal's history replayed into a repository, read as a build reads it.
struct ReplayedSample {
  TempDir dir;
  fs::path repo = dir.path() / "repo";
  Diagnostics diags;
  Portal portal;
  HistoryIndex index;
  WithdrawnRevisions withdrawn;

  ReplayedSample() {
    std::string replay = "'" + (fs::path(SCRUTINY_SOURCE_DIR) / "scripts/replay-sample-history").string() + "' '" +
                         repo.string() + "' >/dev/null 2>&1";
    REQUIRE(std::system(replay.c_str()) == 0);
    portal = load_portal(repo, diags);
    index = HistoryIndex::open(repo, diags);
    REQUIRE(index.available());
    withdrawn = WithdrawnRevisions(portal, index, diags);
  }
};

ParsedRevision as_kept(const DocumentRevision& r) {
  return {r.blob, r.path, r.document ? std::optional<RevisionFields>(*r.document) : std::nullopt,
          r.body_markdown ? *r.body_markdown : ""};
}

}  // namespace

TEST_CASE("parsed revisions: every revision of the sample's history is kept whole, and read back as parsed") {
  ReplayedSample sample;
  std::vector<DocumentHistory> fresh = read_histories(sample.portal, sample.index, sample.withdrawn);
  const std::string bytes = encode_parsed_revisions(sample.portal, fresh, "inputs");
  // Allocated once, to the byte (bytes_for counts exactly what add writes), not grown by doubling.
  CHECK(bytes.capacity() == bytes.size());

  std::string problem;
  std::optional<ParsedRevisions> kept = ParsedRevisions::decode(bytes, problem);
  REQUIRE_MESSAGE(kept, problem);
  CHECK(kept->inputs() == "inputs");
  CHECK(kept->encode() == bytes);
  {
    // Written to a file as they are made, a thousand bytes or so at a time: the same bytes.
    TempDir out;
    CacheFileWriter file(out.path() / "parsed-revisions");
    write_parsed_revisions(sample.portal, fresh, "inputs", file, 1000);
    REQUIRE_MESSAGE(file.commit(), file.problem());
    CHECK(read_file(out.path() / "parsed-revisions") == bytes);
  }
  size_t parsed = 0, milestones = 0, statuses = 0, measures = 0;
  for (size_t i = 0; i < fresh.size(); ++i)
    for (const DocumentRevision& r : fresh[i].revisions) {
      if (!r.document) continue;
      ++parsed;
      milestones += !r.document->milestones.empty();
      statuses += !r.document->statuses.empty();
      measures += !r.document->values.empty();
    }
  // Held once where the text is the same: a body left as it was by an edit of the front matter,
  // and a document whose front matter an edit of the body left as it was.
  size_t shared_bodies = 0, shared_documents = 0;
  for (const DocumentHistory& h : fresh)
    for (size_t k = 1; k < h.revisions.size(); ++k) {
      const DocumentRevision &newer = h.revisions[k - 1], &older = h.revisions[k];
      if (!newer.document || !older.document) continue;
      if (*newer.body_markdown == *older.body_markdown) {
        CHECK(newer.body_markdown == older.body_markdown);
        ++shared_bodies;
      }
      shared_documents += newer.document == older.document;
    }
  CHECK(shared_bodies > 0);
  CHECK(shared_documents > 0);
  // Revisions with the nested parts too, so that their every member is compared below.
  CHECK(parsed > 200);
  CHECK(milestones > 0);
  CHECK(statuses > 0);
  CHECK(measures > 0);
  REQUIRE(kept->size() == parsed);

  // Every member of every revision, down to each milestone's, as read from git and parsed.
  size_t k = 0;
  for (size_t i = 0; i < fresh.size(); ++i)
    for (const DocumentRevision& r : fresh[i].revisions)
      if (r.document) {
        INFO(sample.portal.doc(i).source_path << " at " << r.blob);
        CHECK(same_revision(kept->entries()[k++], as_kept(r)));
      }

  // Read from the kept revisions, the histories are those read from git, and nothing is read twice.
  std::vector<DocumentHistory> again = read_histories(sample.portal, sample.index, sample.withdrawn, &*kept);
  CHECK(kept->taken() == parsed);
  REQUIRE(again.size() == fresh.size());
  for (size_t i = 0; i < fresh.size(); ++i) {
    REQUIRE(again[i].revisions.size() == fresh[i].revisions.size());
    for (size_t j = 0; j < fresh[i].revisions.size(); ++j) {
      const DocumentRevision &a = again[i].revisions[j], &f = fresh[i].revisions[j];
      CHECK(same_revision(as_kept(a), as_kept(f)));
      CHECK(a.commit == f.commit);
      CHECK(a.change == f.change);
      CHECK(a.withdrawn.has_value() == f.withdrawn.has_value());
    }
  }
}

TEST_CASE("parsed revisions: the comparison the tests rely on sees a change to any nested member") {
  ParsedRevision a{"b10b", "actions/a1.md", RevisionFields{}, "Body.\n"};
  Milestone m;
  m.title = "First audit";
  m.target_date = Date{2024, 5, 31};
  a.document->milestones.push_back(m);
  MeasureValue v;
  v.date = Date{2024, 5, 31};
  v.value = 12.5;
  a.document->values.push_back(v);
  CHECK(same_revision(a, a));
  ParsedRevision b = a;
  b.document->milestones[0].completed_line = 4;
  CHECK_FALSE(same_revision(a, b));
  b = a;
  b.document->values[0].value = 12.25;
  CHECK_FALSE(same_revision(a, b));
  b = a;
  b.document->lead = "Director of Children's Services";
  CHECK_FALSE(same_revision(a, b));
  b = a;
  b.document->target_date = Date{2024, 5, 31, DatePrecision::month};
  CHECK_FALSE(same_revision(a, b));
  b = a;
  b.body_markdown += " ";
  CHECK_FALSE(same_revision(a, b));
}

TEST_CASE("parsed revisions: a damaged or foreign file is refused, and what decodes is what was written") {
  ReplayedSample sample;
  std::vector<DocumentHistory> histories = read_histories(sample.portal, sample.index, sample.withdrawn);
  // A small file (two revisions of an action with milestones), so every byte can be tried.
  ParsedRevisions two("inputs");
  for (size_t i = 0; i < histories.size() && two.size() < 2; ++i)
    for (const DocumentRevision& r : histories[i].revisions)
      if (r.document && !r.document->milestones.empty() && two.size() < 2) two.add(as_kept(r));
  REQUIRE(two.size() == 2);
  const std::string bytes = two.encode();
  std::string problem;
  REQUIRE(ParsedRevisions::decode(bytes, problem));

  for (size_t n = 0; n < bytes.size(); ++n) {
    INFO("length " << n);
    CHECK_FALSE(ParsedRevisions::decode(std::string_view(bytes).substr(0, n), problem));
  }
  for (size_t at = 0; at < bytes.size(); ++at) {
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x5a);
    INFO("byte " << at);
    CHECK_FALSE(ParsedRevisions::decode(damaged, problem));
  }
  std::string other_version = bytes;
  other_version[ParsedRevisions::kFileFormat.magic.size()] = 9;
  reseal_envelope(other_version);
  CHECK_FALSE(ParsedRevisions::decode(other_version, problem));
  CHECK(problem.find("another version") != std::string::npos);

  // Values no parse gives, made to deceive (the checksum is right): refused, since pages index
  // tables by them.
  for (auto spoil : std::vector<void (*)(RevisionFields&)>{
           [](RevisionFields& d) { d.type = static_cast<DocType>(99); },
           [](RevisionFields& d) { d.status = static_cast<Status>(-1); },
           [](RevisionFields& d) { d.start_date = Date{2024, 13, 1}; },
           [](RevisionFields& d) { d.milestones.at(0).target_date = Date{2024, 2, 30}; },
           [](RevisionFields& d) { d.target_date->precision = static_cast<DatePrecision>(2); }}) {
    ParsedRevisions spoilt("inputs");
    ParsedRevision r = two.entries()[0];
    REQUIRE(r.document->target_date);
    spoil(*r.document);
    spoilt.add(r);
    CHECK_FALSE(ParsedRevisions::decode(spoilt.encode(), problem));
  }

  // Random bytes changed, cut or repeated, then resealed: refused, or decoded into revisions
  // that encode back to exactly those bytes (tests/fuzz/parsed_revisions_fuzz.cc does this
  // under sanitizers).
  std::mt19937 rng(19);
  size_t decoded = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string damaged = bytes;
    const size_t body = damaged.size() - 8;
    switch (rng() % 3) {
      case 0:
        for (int k = 0, n = 1 + static_cast<int>(rng() % 4); k < n; ++k)
          damaged[rng() % body] = static_cast<char>(rng());
        break;
      case 1:
        damaged.erase(rng() % body, 1 + rng() % 16);
        break;
      default: {
        size_t at = rng() % body;
        damaged.insert(at, damaged.substr(at, 1 + rng() % 16));
      }
    }
    if (damaged.size() < 8) continue;
    reseal_envelope(damaged);
    std::optional<ParsedRevisions> back = ParsedRevisions::decode(damaged, problem);
    if (!back) continue;
    ++decoded;
    CHECK(back->encode() == damaged);
  }
  MESSAGE(decoded << " of 3000 resealed damaged files decoded");

  // On disk: missing, a folder, cut short: nothing.
  const fs::path file = sample.dir.path() / "cache" / "parsed-revisions";
  CHECK_FALSE(ParsedRevisions::load(file, problem));
  fs::create_directories(file);
  CHECK_FALSE(ParsedRevisions::load(file, problem));
  fs::remove(file);
  sample.dir.write("cache/parsed-revisions", bytes);
  REQUIRE(ParsedRevisions::load(file, problem));
  fs::resize_file(file, bytes.size() - 1);
  CHECK_FALSE(ParsedRevisions::load(file, problem));
}

TEST_CASE("parsed revisions: each is taken once, and only under the path it was read under") {
  ParsedRevisions kept("inputs");
  kept.add({"b1", "actions/a1.md", RevisionFields{}, "One.\n"});
  kept.add({"b1", "actions/old.md", RevisionFields{}, "Old.\n"});
  CHECK_FALSE(kept.take("b1", "actions/a2.md"));
  CHECK_FALSE(kept.take("b2", "actions/a1.md"));
  std::optional<ParsedRevision> one = kept.take("b1", "actions/a1.md");
  REQUIRE(one);
  CHECK(one->body_markdown == "One.\n");
  CHECK_FALSE(kept.take("b1", "actions/a1.md"));
  std::optional<ParsedRevision> old = kept.take("b1", "actions/old.md");
  REQUIRE(old);
  CHECK(old->body_markdown == "Old.\n");
  // The same revision twice (a file put back as it was, or two documents' histories that
  // share it): taken twice.
  kept.add({"b1", "actions/a1.md", RevisionFields{}, "One.\n"});
  CHECK(kept.take("b1", "actions/a1.md"));
  CHECK_FALSE(kept.take("b1", "actions/a1.md"));
  CHECK(kept.taken() == 3);
}

TEST_CASE("parsed revisions: the file does not hold the path the user names the document by") {
  Document d;
  d.display_path = "/home/officer/portal/content/actions/a1.md";
  d.source_path = "actions/a1.md";
  ParsedRevisions kept("inputs");
  kept.add({"b1", "actions/a1.md", RevisionFields(std::move(d)), "One.\n"});
  const std::string bytes = kept.encode();
  CHECK(bytes.find("/home/officer") == std::string::npos);
  std::string problem;
  std::optional<ParsedRevisions> back = ParsedRevisions::decode(bytes, problem);
  REQUIRE_MESSAGE(back, problem);
  std::optional<ParsedRevision> taken = back->take("b1", "actions/a1.md");
  REQUIRE(taken);
  CHECK(taken->document->source_path == "actions/a1.md");
}
