#include "slippage.h"

#include <algorithm>

namespace scrutiny {

std::optional<int> Slippage::completed_after_original(const std::optional<Date>& completed) const {
  if (!completed || !(original < *completed)) return std::nullopt;
  return days_between(original, *completed);
}

DeadlineSlippage::DeadlineSlippage(const Portal& portal, const std::vector<MovedDeadline>& moved) : known_(true) {
  for (const MovedDeadline& m : moved) {
    const Document& d = portal.doc(m.document);
    std::optional<Date> now;
    if (m.milestone.empty()) now = d.target_date;
    else
      for (const Milestone& x : d.milestones)
        if (x.title == m.milestone) now = x.target_date;
    if (!now) continue;  // removed or renamed since: there is nothing on the pages to annotate
    auto key = std::make_pair(m.document, m.milestone);
    auto [it, added] = by_key_.try_emplace(key);
    if (added) {
      it->second.original = m.from;
      order_.push_back(key);
    }
    it->second.current = *now;
    ++it->second.moves;
  }
}

const Slippage* DeadlineSlippage::of_action(size_t document) const { return of_milestone(document, ""); }

const Slippage* DeadlineSlippage::of_milestone(size_t document, const std::string& title) const {
  auto it = by_key_.find({document, title});
  return it == by_key_.end() ? nullptr : &it->second;
}

std::vector<DeadlineSlippage::Entry> DeadlineSlippage::most_slipped_first() const {
  std::vector<Entry> out;
  for (const auto& key : order_) out.push_back({key.first, key.second, &by_key_.at(key)});
  std::stable_sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) {
    return std::make_pair(a.slippage->days(), a.slippage->moves) > std::make_pair(b.slippage->days(), b.slippage->moves);
  });
  return out;
}

}  // namespace scrutiny
