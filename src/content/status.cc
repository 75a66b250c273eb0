#include "status.h"

#include <array>
#include <utility>

namespace scrutiny {
namespace {

struct StatusName { Status status; std::string_view value; std::string_view label; };
constexpr std::array<StatusName, 5> kStatuses = {{
    {Status::not_started, "not-started", "Not started"},
    {Status::on_track, "on-track", "On track"},
    {Status::at_risk, "at-risk", "At risk"},
    {Status::off_track, "off-track", "Off track"},
    {Status::complete, "complete", "Complete"},
}};

}  // namespace

std::optional<Status> parse_status(std::string_view value) {
  for (const auto& s : kStatuses)
    if (s.value == value) return s.status;
  return std::nullopt;
}

std::optional<Status> parse_status_loosely(std::string_view value) {
  std::string v;
  for (char c : value) {
    if (c >= 'A' && c <= 'Z') v += static_cast<char>(c - 'A' + 'a');
    else if (c == ' ' || c == '_') v += '-';
    else v += c;
  }
  while (!v.empty() && v.front() == '-') v.erase(0, 1);
  while (!v.empty() && v.back() == '-') v.pop_back();
  return parse_status(v);
}

std::string rag_rating_advice(std::string_view value) {
  std::string v;
  for (char c : value)
    if (c != ' ') v += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  static const std::string_view how_to =
      "; see \"Map a RAG rating onto statuses\" in docs/content-model.md";
  static const std::string_view mapping =
      "a plan's green usually means \"on-track\", amber \"at-risk\", red \"off-track\" (and blue, "
      "where used, \"complete\")";
  // Colours and their initials, as RAG columns hold them.
  static const std::array<std::pair<std::string_view, std::string_view>, 8> ratings = {{
      {"green", "on-track"}, {"amber", "at-risk"}, {"red", "off-track"}, {"blue", "complete"},
      {"g", "on-track"}, {"a", "at-risk"}, {"r", "off-track"}, {"b", "complete"}}};
  for (const auto& [rating, status] : ratings)
    if (v == rating)
      return "\"" + std::string(value) + "\" is a red/amber/green rating (RAG), not a status: " +
             std::string(mapping) + ", so write status = \"" + std::string(status) + "\" if that is what " +
             std::string(value) + " means in your plan" + std::string(how_to);
  // "RAG" itself, or two colours at once ("Amber/Red", "red-amber").
  bool colours = v == "rag" || v == "bluerag" || v == "brag";
  for (std::string_view a : {"red", "amber", "green"})
    for (std::string_view b : {"red", "amber", "green"})
      for (std::string_view sep : {"/", "-", "_", "", "to"})
        if (a != b && v == std::string(a) + std::string(sep) + std::string(b)) colours = true;
  if (colours)
    return "\"" + std::string(value) + "\" is not a status: write the one status your red/amber/green "
           "(RAG) rating stands for: " + std::string(mapping) + "; where a rating sits between two "
           "colours, choose the status readers should see" + std::string(how_to);
  return "";
}

std::string_view status_value(Status s) { return kStatuses[static_cast<size_t>(s)].value; }
std::string_view status_label(Status s) { return kStatuses[static_cast<size_t>(s)].label; }

const std::vector<Status>& all_statuses() {
  static const std::vector<Status> all = {Status::not_started, Status::on_track, Status::at_risk,
                                          Status::off_track, Status::complete};
  return all;
}

std::string quoted_list(const std::vector<std::string_view>& values) {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += i + 1 == values.size() ? " or " : ", ";
    out += "\"" + std::string(values[i]) + "\"";
  }
  return out;
}

}  // namespace scrutiny
