#include "contradictions.h"

#include <algorithm>

namespace scrutiny {
namespace {

std::string quoted(Status s) { return "\"" + std::string(status_value(s)) + "\""; }

}  // namespace

std::optional<StatusReportAt> latest_status_report(const std::vector<Document>& documents, const LinkGraph& links,
                                                   size_t action) {
  std::optional<StatusReportAt> latest;
  for (size_t u : links.referrers(action, Relation::reports_status)) {
    const Document& update = documents[u];
    if (!update.date) continue;
    for (size_t r = 0; r < update.statuses.size(); ++r) {
      if (update.statuses[r].action.id != documents[action].id) continue;
      const Document* best = latest ? &documents[latest->update] : nullptr;
      if (!best || *best->date < *update.date ||
          (*best->date == *update.date && best->source_path <= update.source_path))
        latest = StatusReportAt{u, r};
    }
  }
  return latest;
}

bool contradicts_action_file(const Document& action, const Document& update, const StatusReport& report) {
  if (!action.status || report.status == *action.status) return false;
  if (*action.status == Status::complete && action.completed && update.date && *action.completed > *update.date)
    return false;
  return true;
}

void check_contradictions(const std::vector<Document>& documents, const LinkGraph& links, Diagnostics& diags) {
  for (size_t i = 0; i < documents.size(); ++i) {
    const Document& d = documents[i];
    if (d.type == DocType::action) {
      if (auto latest = latest_status_report(documents, links, i)) {
        const Document& update = documents[latest->update];
        const StatusReport& report = update.statuses[latest->report];
        if (contradicts_action_file(d, update, report))
          diags.warning(d.display_path, d.status_line, "status",
                        "this file says status = " + quoted(*d.status) + ", but the latest update to report on "
                        "this action, " + update.display_path + " (line " + std::to_string(report.action.line) +
                        ", " + update.date->long_form() + "), says " + quoted(report.status) +
                        ". Pages show the status in this file, and leave that report out of the action's "
                        "status over time. If the update is right, change the status here" +
                        (report.status == Status::complete ? " and add `completed = YYYY-MM-DD`" : "") +
                        "; if this file is right, correct the update");
      }
      // A plain Date inside the test, not an optional built from a ternary: gcc -O2 took the
      // latter's payload for possibly uninitialised (-Wmaybe-uninitialized).
      if (d.start_date) {
        const Date start = d.start_date->first_day();
        if (d.completed && *d.completed < start)
          diags.warning(d.display_path, d.completed_line, "completed",
                        "the action is completed (" + d.completed->long_form() + ") before it started (" +
                            d.start_date->long_form() + "): check completed and start_date");
        for (size_t m = 0; m < d.milestones.size(); ++m) {
          const Milestone& ms = d.milestones[m];
          if (ms.completed && *ms.completed < start)
            diags.warning(d.display_path, ms.completed_line,
                          "milestones[" + std::to_string(m + 1) + "].completed",
                          "the milestone “" + ms.title + "” is completed (" + ms.completed->long_form() +
                              ") before its action started (" + d.start_date->long_form() +
                              "): check its completed date and the action's start_date");
        }
      }
    }
    if (d.type == DocType::plan && (d.approved || !d.versions.empty())) {
      // A plan answers an inspection in a version made after inspectors were on site.
      std::optional<Date> latest = d.approved;
      for (const PlanVersion& v : d.versions)
        if (!latest || *latest < v.date) latest = v.date;
      for (const Ref& r : d.inspections) {
        int target = links.find(r.id);
        if (target < 0 || !documents[static_cast<size_t>(target)].start_date) continue;
        const Date& on_site = *documents[static_cast<size_t>(target)].start_date;
        if (*latest < on_site)
          diags.warning(d.display_path, r.line, r.key,
                        "this plan answers " + r.id + ", but inspectors were there on " + on_site.long_form() +
                            ", after the plan was approved and after its latest version (" + latest->long_form() +
                            "): check the dates, or add a [[versions]] entry for the version that answers it");
      }
    }
  }
}

void check_completed_dates(const std::vector<Document>& documents, const Date& as_at, Diagnostics& diags) {
  const std::string why = ", after the date this site stands at (" + as_at.long_form() +
                          "), so pages would report it done before it is: give the date it was "
                          "completed, or set the status it has today and remove completed";
  for (const Document& d : documents) {
    if (d.type != DocType::action) continue;
    if (d.completed && as_at < *d.completed)
      diags.warning(d.display_path, d.completed_line, "completed",
                    "completed " + d.completed->long_form() + why);
    for (size_t m = 0; m < d.milestones.size(); ++m) {
      const Milestone& ms = d.milestones[m];
      if (ms.completed && as_at < *ms.completed)
        diags.warning(d.display_path, ms.completed_line, "milestones[" + std::to_string(m + 1) + "].completed",
                      "the milestone “" + ms.title + "” is completed " + ms.completed->long_form() + why);
    }
  }
}

}  // namespace scrutiny
