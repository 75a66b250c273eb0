#pragma once
// The words inspections and reviews are written in, as data: judgement scales, kinds of
// inspection or review, and kinds of finding in report order. Built in
// (builtin/inspection-vocabulary.toml) and extended by portal.toml.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "diagnostic.h"
#include "front_matter.h"
#include "status.h"

namespace scrutiny {

// A scale of judgements, best first ("outstanding" ... "inadequate").
struct JudgementScale {
  std::string id;
  std::vector<Judgement> words;  // each with its rank, 0 for the best
};

// A kind of inspection or review ("ilacs", "lga-peer-review").
struct InspectionKind {
  std::string value;
  std::string label;            // "Focused visit"
  std::string by;               // "Ofsted", "Local Government Association"
  std::string judgement_scale;  // empty: makes no judgements
  bool overall_required = false;
  bool review = false;          // not an inspection: pages call it a review
};

// A kind of finding ("priority-action"); its place in the list is its place in a report.
struct FindingKind {
  std::string value;
  std::string label;  // "Area for improvement"
};

// Every scale and kind a portal may use: the built-in ones, then portal.toml's.
struct InspectionVocabulary {
  std::vector<JudgementScale> scales;
  std::vector<InspectionKind> inspection_kinds;
  std::vector<FindingKind> finding_kinds;

  const JudgementScale* scale(std::string_view id) const;
  const InspectionKind* inspection_kind(std::string_view value) const;
  const FindingKind* finding_kind(std::string_view value) const;
  // A finding kind's place in report order (0 first); past the end for an unknown kind.
  int finding_rank(std::string_view value) const;
  std::vector<std::string_view> inspection_kind_values() const;
  std::vector<std::string_view> finding_kind_values() const;
};

// The vocabulary compiled into scrutiny.
const InspectionVocabulary& builtin_inspection_vocabulary();

// Adds portal.toml's [[judgement_scales]], [[inspection_kinds]] and [[finding_kinds]] to
// `vocabulary`, reporting mistakes at their lines in `file`.
void extend_inspection_vocabulary(InspectionVocabulary& vocabulary, const toml::table& table, const FrontMatter& fm,
                                  const std::string& file, Diagnostics& diags);

}  // namespace scrutiny
