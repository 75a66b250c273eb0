// Atom feeds of changes and of progress updates. Ids are tag: URIs (RFC 4151), which stay the
// same when the site moves: "tag:AUTHORITY,YEAR:commit/HASH". The authority is the host of the
// base URL, or else the portal's contact email (the RFC allows either); the year is that of the
// earliest date in the content, a year in which the council already held the name, and one
// that does not change when the feed is rebuilt.

#include <algorithm>
#include <cctype>
#include <optional>

#include "author_roles.h"
#include "history_pages.h"
#include "markdown.h"
#include "since_last_meeting_view.h"
#include "site_path.h"

namespace scrutiny {
namespace {

std::string timestamp(long long unix_time) {
  Date d = Date::from_unix(unix_time);
  long long secs = ((unix_time % 86400) + 86400) % 86400;
  char buf[32];
  std::snprintf(buf, sizeof buf, "T%02lld:%02lld:%02lldZ", secs / 3600, secs / 60 % 60, secs % 60);
  return d.iso() + buf;
}

}  // namespace

std::string tag_uri_prefix(const Portal& portal) {
  std::string authority;
  const std::string& base = portal.config.base_url;
  if (size_t scheme = base.find("://"); scheme != std::string::npos) {
    size_t start = scheme + 3, end = base.find_first_of(":/", start);
    authority = base.substr(start, end == std::string::npos ? std::string::npos : end - start);
  }
  if (authority.empty()) authority = portal.config.contact_email;
  // Neither given: a name under .invalid, reserved so that it can never be someone else's.
  if (authority.empty()) authority = "scrutiny.invalid";
  for (char& ch : authority) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  std::optional<Date> earliest;
  for (const Document& d : portal.documents)
    if (d.date && (!earliest || *d.date < *earliest)) earliest = d.date;
  int year = earliest ? earliest->year : 2000;
  return "tag:" + authority + "," + std::to_string(year) + ":";
}

namespace {

// Links in a feed are relative to the feed's own address, which readers resolve. Each entry is
// freed as soon as it is copied in, and the feed's bytes are allocated once: a national
// portal's updates feed is tens of megabytes, made while the pages are written.
std::string feed(const Portal& portal, const std::string& tag, const std::string& feed_path,
                 const std::string& title, const std::string& updated, std::vector<std::string> entries) {
  const std::string& base = portal.config.base_url;
  std::string self = base.empty() ? relative_href(feed_path, feed_path) : base + feed_path;
  const std::string head =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
      "  <title>" + escape_html(title + " – " + portal.config.title) + "</title>\n"
      "  <id>" + escape_html(tag + feed_path) + "</id>\n"
      "  <link rel=\"self\" href=\"" + escape_html(self) + "\"/>\n"
      "  <updated>" + updated + "</updated>\n"
      "  <author><name>" + escape_html(portal.config.authority) + "</name></author>\n";
  const std::string_view tail = "</feed>\n";
  size_t bytes = head.size() + tail.size();
  for (const std::string& e : entries) bytes += e.size();
  std::string out;
  out.reserve(bytes);
  out += head;
  for (std::string& e : entries) {
    out += e;
    std::string().swap(e);
  }
  out += tail;
  return out;
}

// `html`, when given, is the entry's content: HTML, escaped once more for the XML around it.
std::string entry(const std::string& id, const std::string& title, const std::string& href,
                  const std::string& updated, const std::string& summary, const std::string& author,
                  const std::string& html = "") {
  return "  <entry>\n    <title>" + escape_html(title) + "</title>\n    <id>" + escape_html(id) +
         "</id>\n    <link href=\"" + escape_html(href) + "\"/>\n    <updated>" + updated +
         "</updated>\n" + (author.empty() ? "" : "    <author><name>" + escape_html(author) + "</name></author>\n") +
         "    <summary>" + escape_html(summary) + "</summary>\n" +
         (html.empty() ? "" : "    <content type=\"html\">" + escape_html(html) + "</content>\n") + "  </entry>\n";
}

}  // namespace

std::string changes_feed(const Portal& portal, const SiteHistory& history) {
  const std::string path = kChangesFeedPath;
  const std::string tag = tag_uri_prefix(portal);
  std::vector<std::string> entries;
  std::string updated = "1970-01-01T00:00:00Z";
  const auto& commits = history.index->commits();
  size_t count = 0;
  for (size_t ci = 0; ci < commits.size(); ++ci) {
    const CommitInfo& c = commits[ci];
    if (count++ == 50) break;
    std::string when = timestamp(c.commit_time);
    updated = std::max(updated, when);
    std::string href = portal.config.base_url.empty() ? relative_href(path, commit_page_path(c))
                                                      : portal.config.base_url + commit_page_path(c);
    const WithdrawnNote* withdrawn = history.withdrawn.whole_commit(ci);
    entries.push_back(entry(tag + "commit/" + c.id, withdrawn ? "Withdrawn change" : c.summary, href, when,
                            withdrawn ? withdrawn_sentence("change", *withdrawn) : c.message,
                            author_shown_as(portal.config, c)));
  }
  return feed(portal, tag, path, "Changes", updated, std::move(entries));
}

std::string updates_feed(const Portal& portal, const std::vector<SinceLastMeeting>& since) {
  const std::string path = kUpdatesFeedPath;
  const std::string tag = tag_uri_prefix(portal);
  const std::vector<size_t>& updates = portal.links.in_reading_order(DocType::update);  // newest first
  auto when_of = [&](const Document& d) { return (d.date ? d.date->iso() : std::string("1970-01-01")) + "T00:00:00Z"; };
  auto href_of = [&](size_t doc) {
    const std::string page = document_page_path(portal.doc(doc).id);
    return portal.config.base_url.empty() ? relative_href(path, page) : portal.config.base_url + page;
  };
  // Each entry on its own, in parallel (each carries its "since the last meeting", for readers
  // who follow the feed: a large portal's feed is megabytes), then joined in the feed's order.
  std::vector<std::string> entries(updates.size());
  parallel_for(updates.size(), [&](size_t k) {
    const Document& d = portal.doc(updates[k]);
    const SinceLastMeeting* s = since_last_meeting_of(since, updates[k]);
    entries[k] = entry(tag + "update/" + d.id, d.title, href_of(updates[k]), when_of(d),
                       d.summary.empty() ? d.meeting : d.summary, d.author,
                       s ? since_last_meeting_html(portal, *s, href_of) : "");
  });
  std::string updated = "1970-01-01T00:00:00Z";
  for (size_t u : updates) updated = std::max(updated, when_of(portal.doc(u)));
  return feed(portal, tag, path, "Progress updates", updated, std::move(entries));
}

}  // namespace scrutiny
