#pragma once
// The vocabularies of the content model: progress statuses and judgements (kinds and scales: inspection_vocabulary.h).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scrutiny {

// Progress of an action or milestone.
enum class Status { not_started, on_track, at_risk, off_track, complete };

// One word of a judgement scale (inspection_vocabulary.h), as an inspection gave it.
struct Judgement {
  std::string value;  // "requires-improvement"
  std::string label;  // "Requires improvement to be good"
  int rank = 0;       // its place on its scale, 0 for the best
};

std::optional<Status> parse_status(std::string_view value);
// A status written as a label or with other case, spaces or underscores ("On track",
// "ON_TRACK"), which parse_status refuses.
std::optional<Status> parse_status_loosely(std::string_view value);
// How to map a red/amber/green (or blue) rating such as "Amber" onto the statuses; empty
// when `value` is no such rating.
std::string rag_rating_advice(std::string_view value);
std::string_view status_value(Status s);    // "on-track"
std::string_view status_label(Status s);    // "On track"
const std::vector<Status>& all_statuses();  // in reading order, not started first

inline std::string_view judgement_value(const Judgement& j) { return j.value; }
inline std::string_view judgement_label(const Judgement& j) { return j.label; }  // "Requires improvement to be good"

// Comma-separated list of accepted values, for error messages.
std::string quoted_list(const std::vector<std::string_view>& values);

}  // namespace scrutiny
