#pragma once
// How far each action's and milestone's target date has slipped since it was first published,
// worked out once from the moved deadlines so every page, list and export reads the same figures.

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "document_history.h"
#include "portal.h"

namespace scrutiny {

// One target date that moved at least once: where it started, where it stands, how often it moved.
struct Slippage {
  Date original;  // the target date when first published
  Date current;   // the target date now
  size_t moves = 0;
  // Net days from the original date to the current one: later is positive. A date moved out
  // and back again counts its moves but 0 days, as a reader comparing the dates would.
  int days() const { return days_between(original, current); }
  // Days from the original target to `completed`, when that is after it.
  std::optional<int> completed_after_original(const std::optional<Date>& completed) const;
};

// The slippage of every action and milestone whose target date moved. Milestones are known by
// title, as the moved deadlines match them; a milestone no longer in the action has none.
class DeadlineSlippage {
 public:
  DeadlineSlippage() = default;
  // Nothing moved means nothing is known: without history (--no-history) pass nothing and
  // every lookup answers "not moved", so pages show only the current date.
  DeadlineSlippage(const Portal& portal, const std::vector<MovedDeadline>& moved);

  const Slippage* of_action(size_t document) const;
  const Slippage* of_milestone(size_t document, const std::string& title) const;

  // Whether history was read, so "moved 0 times" can be told from "not known".
  bool known() const { return known_; }

  // Every slipped action (milestone empty) and milestone, most days first, then most moves,
  // then reading order of the moved deadlines.
  struct Entry {
    size_t document = 0;
    std::string milestone;
    const Slippage* slippage = nullptr;
  };
  std::vector<Entry> most_slipped_first() const;

 private:
  std::map<std::pair<size_t, std::string>, Slippage> by_key_;
  std::vector<std::pair<size_t, std::string>> order_;  // first move first
  bool known_ = false;
};

}  // namespace scrutiny
