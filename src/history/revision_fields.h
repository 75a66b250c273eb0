#pragma once
// What history keeps of an old revision's document: the fields it compares and draws facts
// from, not the whole Document.

#include <optional>
#include <string>
#include <vector>

#include "document.h"

namespace scrutiny {

// An old revision's document as history holds it: what compare_documents, moved_deadlines,
// status_history, since_last_meetings and the revision pages and their keys read, each member
// as Document's of the same name. A whole Document is 1.6 KB before its strings and vectors,
// and a full history holds one per revision whose front matter changed (25,000 at 5,000
// documents x 20,000 commits), so the fields nothing reads are left out.
struct RevisionFields {
  std::string id;
  DocType type = DocType::page;
  int body_line = 1;
  std::optional<Status> status;
  std::string title;
  std::string summary;
  std::string source_path;  // relative to the content folder: "actions/a01.md"
  std::optional<Date> start_date;
  std::optional<Date> published;
  std::optional<Judgement> overall_judgement;
  Ref inspection;
  std::vector<Ref> themes;
  std::optional<Date> approved;
  std::string owner;
  std::string lead;
  Ref theme;
  std::vector<Ref> recommendations;
  std::string origin;
  std::vector<std::string> owners;
  std::optional<Date> target_date;
  std::optional<Date> completed;
  std::vector<Milestone> milestones;
  std::optional<Date> date;
  std::string meeting;
  std::vector<Ref> reports_on;
  std::vector<StatusReport> statuses;
  std::vector<MeasureValue> values;

  RevisionFields() = default;
  // Takes those fields of `d`; the rest of it is dropped.
  explicit RevisionFields(Document&& d);
};

// owners_of(const Document&) for a revision: the lead first, then who supports.
std::vector<std::string> owners_of(const RevisionFields& action);

}  // namespace scrutiny
