#include "revision_fields.h"

namespace scrutiny {

RevisionFields::RevisionFields(Document&& d)
    : id(std::move(d.id)),
      type(d.type),
      body_line(d.body_line),
      status(d.status),
      title(std::move(d.title)),
      summary(std::move(d.summary)),
      source_path(std::move(d.source_path)),
      start_date(d.start_date),
      published(d.published),
      overall_judgement(std::move(d.overall_judgement)),
      inspection(std::move(d.inspection)),
      themes(std::move(d.themes)),
      approved(d.approved),
      owner(std::move(d.owner)),
      lead(std::move(d.lead)),
      theme(std::move(d.theme)),
      recommendations(std::move(d.recommendations)),
      origin(std::move(d.origin)),
      owners(std::move(d.owners)),
      target_date(d.target_date),
      completed(d.completed),
      milestones(std::move(d.milestones)),
      date(d.date),
      meeting(std::move(d.meeting)),
      reports_on(std::move(d.reports_on)),
      statuses(std::move(d.statuses)),
      values(std::move(d.values)) {
  // Without the room reading left by growing them: a full history holds these for every
  // revision whose front matter changed (a milestone is 136 bytes, a status report 152).
  themes.shrink_to_fit();
  recommendations.shrink_to_fit();
  owners.shrink_to_fit();
  milestones.shrink_to_fit();
  reports_on.shrink_to_fit();
  statuses.shrink_to_fit();
  values.shrink_to_fit();
}

std::vector<std::string> owners_of(const RevisionFields& action) {
  if (!action.owners.empty() || action.owner.empty()) return action.owners;
  return {action.owner};
}

}  // namespace scrutiny
