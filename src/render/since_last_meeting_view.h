#pragma once
// "Since the last meeting" for readers: the update page's section, the home page's summary and
// the updates feed's, all from the build model's SinceLastMeeting (history/since_last_meeting.h).

#include <functional>
#include <string>
#include <vector>

#include "page_key.h"
#include "page_renderer.h"
#include "portal.h"
#include "since_last_meeting.h"

namespace scrutiny {

// The counts in words: "1 status change, 2 deadlines moved and 1 finding added"; empty when
// nothing changed.
std::string since_last_meeting_counts(const SinceLastMeeting& s);

// One change as a line: the document it is about and what happened to it, in words
// ("now Off track (was On track)"), for the home page and the feed.
struct MeetingChangeLine {
  size_t document = 0;
  std::string prefix;  // "Milestone “First audit” of ", before the document's title
  std::string text;    // after it
};
// The changes to the plan readers look for first (into trouble, deadlines moved, completed), at
// most `limit`; measures are not among them (measures_moved).
std::vector<MeetingChangeLine> most_important_changes(const Portal& portal, const SinceLastMeeting& s, size_t limit);
// The measures that moved, in reading order, at most `limit`: "22.6% (March 2016) to 19%
// (September 2016), better (lower is better)".
std::vector<MeetingChangeLine> measures_moved(const Portal& portal, const SinceLastMeeting& s, size_t limit);

// The update page's section ({{> _since_last_meeting}}), links relative to `from`.
ViewData since_last_meeting_view(const Portal& portal, const SinceLastMeeting& s, const std::string& from);

// Adds to `key` all that since_last_meeting_view(portal, s, from) reads, without building it:
// the summary, the update's and each linked document's part of the keys (PageInputs::documents:
// its link, and its file, whence a measure's unit and which way is better) and every title (a
// finding's inspection's). `from`, the page's address, is in every page's key already.
void add_since_last_meeting_to_key(const SinceLastMeeting& s, const PageInputs& in, PageKeyHasher& key);

// The section as an HTML fragment for a feed entry, links made by `href_of(document)`.
std::string since_last_meeting_html(const Portal& portal, const SinceLastMeeting& s,
                                    const std::function<std::string(size_t)>& href_of);

}  // namespace scrutiny
