#pragma once
// The content model: one Document per Markdown file, with the fields of its type.

#include <optional>
#include <string>
#include <vector>

#include "date.h"
#include "status.h"

namespace scrutiny {

enum class DocType { inspection, recommendation, plan, theme, action, update, page, measure };

std::optional<DocType> parse_doc_type(std::string_view value);
std::string_view doc_type_value(DocType t);   // "recommendation"
std::string_view doc_type_plural(DocType t);  // "Recommendations"

// A reference to another document by id, remembered with where it was written.
struct Ref {
  std::string id;
  int line = 0;
  std::string key;
};

// One judged area of an inspection.
struct AreaJudgement {
  std::string area;
  Judgement judgement;
};

// A dated step towards an action, with its own owner and status.
struct Milestone {
  std::string title;
  Date target_date;
  std::string owner;  // the lead: owners.front()
  Status status = Status::not_started;
  std::optional<Date> completed;
  std::vector<std::string> owners;  // the lead first, then who supports; the action's when not given
  int line = 0;            // the line of its [[milestones]]
  int completed_line = 0;  // the line of `completed = ...`, 0 when none
};

// An update's statement of one action's status at the update's date.
struct StatusReport {
  Ref action;
  Status status = Status::not_started;
  std::string note;
  // A position statement of one or more paragraphs (Markdown), and the line its text starts on.
  std::string statement;
  int statement_line = 0;
};

// What a meeting decided or asked for, and by when ("a further report in November 2022").
struct Decision {
  std::string text;
  std::optional<Date> due;
  std::vector<Ref> actions;  // the actions it is about, if any
};

// Whether a measure improves as it rises or as it falls.
enum class Better { higher, lower };

// One dated value of a measure, recorded in the measure itself.
struct MeasureValue {
  Date date;
  double value = 0;
  std::string note;
  int line = 0;
};

// A figure to compare a measure with, such as England's average.
struct Comparator {
  std::string name;
  double value = 0;
  std::optional<Date> date;
};

// An update's report of one measure's value; without a date, the update's own.
struct MeasureReport {
  Ref measure;
  double value = 0;
  std::optional<Date> date;
  std::string note;
  int line = 0;
};

// One version of the improvement plan.
struct PlanVersion {
  std::string version;
  Date date;
  std::string note;
};

// A parsed source document. Fields not used by its type stay empty.
struct Document {
  std::string id;
  int id_line = 0;  // the line of an explicit `id = ...`; 0 when the id comes from the path
  DocType type = DocType::page;
  std::string title;
  std::string summary;
  std::string source_path;   // relative to the content folder: "actions/a01.md"
  std::string display_path;  // as the user named it: "content/actions/a01.md"
  std::string body;          // Markdown
  int body_line = 1;
  bool uncommitted = false;  // --working-tree: the file differs from HEAD or is not in git yet

  // inspection
  std::string kind;  // also recommendation kind
  int kind_rank = 0;  // a recommendation kind's place in report order (inspection_vocabulary.h)
  std::optional<Date> start_date;  // also action
  std::optional<Date> end_date;
  std::optional<Date> published;
  std::string report_url;
  std::optional<Judgement> overall_judgement;
  std::vector<AreaJudgement> judgements;

  // recommendation
  Ref inspection;
  std::optional<long long> number;
  int number_line = 0;  // the line of `number = ...` (also an action's), 0 when none
  std::vector<Ref> themes;

  // plan
  std::optional<Date> approved;
  std::string owner;  // also action, where it is the lead: owners.front()
  std::string board;
  std::string scrutiny;
  std::string meeting_frequency;
  std::vector<Ref> inspections;
  std::vector<PlanVersion> versions;
  std::optional<Date> closed;  // the day the plan was closed; empty while it runs
  int closed_line = 0;
  // What the plan groups its actions into, as its papers say it: "theme", "priority area".
  std::string grouping = "theme";
  std::string grouping_plural = "themes";

  // theme
  Ref plan;  // also action: the plan of an action that names no theme
  std::string lead;

  // action
  Ref theme;
  std::vector<Ref> recommendations;
  std::string origin;               // where an action comes from when it answers no finding
  std::vector<std::string> owners;  // the lead first, then who supports
  std::optional<Date> target_date;  // also a measure's target
  std::optional<Status> status;
  int status_line = 0;
  std::optional<Date> completed;
  int completed_line = 0;  // also a milestone's; 0 when none
  std::string number_label;
  std::vector<Milestone> milestones;

  // update
  std::optional<Date> date;
  std::string meeting;
  std::string author;
  std::vector<Ref> reports_on;
  std::vector<StatusReport> statuses;
  std::vector<MeasureReport> measure_reports;

  // measure
  std::string unit;  // "%", "days", "per 10,000 children"
  Better better = Better::higher;
  std::optional<double> target;
  std::vector<Comparator> comparators;
  std::string source;
  std::vector<MeasureValue> values;
  std::vector<Ref> evidences;
  std::vector<Decision> decisions;
  std::string paper_url;  // the published paper the update comes from

  // page
  std::optional<long long> order;
};

}  // namespace scrutiny
