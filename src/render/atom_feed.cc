// Atom feeds of changes and of progress updates. Entry ids are tag: URIs built from the
// commit or document id, so they stay the same wherever the site is hosted.

#include <algorithm>

#include "history_pages.h"
#include "markdown.h"
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

// Links in a feed are relative to the feed's own address, which readers resolve.
std::string feed(const Portal& portal, const std::string& feed_path, const std::string& title,
                 const std::string& updated, const std::string& entries) {
  const std::string& base = portal.config.base_url;
  std::string self = base.empty() ? relative_href(feed_path, feed_path) : base + feed_path;
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
         "  <title>" + escape_html(title + " – " + portal.config.title) + "</title>\n"
         "  <id>tag:scrutiny," + escape_html(portal.config.authority) + ":" + feed_path + "</id>\n"
         "  <link rel=\"self\" href=\"" + escape_html(self) + "\"/>\n"
         "  <updated>" + updated + "</updated>\n"
         "  <author><name>" + escape_html(portal.config.authority) + "</name></author>\n" +
         entries + "</feed>\n";
}

std::string entry(const std::string& id, const std::string& title, const std::string& href,
                  const std::string& updated, const std::string& summary, const std::string& author) {
  return "  <entry>\n    <title>" + escape_html(title) + "</title>\n    <id>" + escape_html(id) +
         "</id>\n    <link href=\"" + escape_html(href) + "\"/>\n    <updated>" + updated +
         "</updated>\n" + (author.empty() ? "" : "    <author><name>" + escape_html(author) + "</name></author>\n") +
         "    <summary>" + escape_html(summary) + "</summary>\n  </entry>\n";
}

}  // namespace

std::string changes_feed(const Portal& portal, const SiteHistory& history) {
  const std::string path = "changes/feed.xml";
  std::string entries, updated = "1970-01-01T00:00:00Z";
  const auto& commits = history.index->commits();
  size_t count = 0;
  for (const CommitInfo& c : commits) {
    if (count++ == 50) break;
    std::string when = timestamp(c.commit_time);
    updated = std::max(updated, when);
    std::string href = portal.config.base_url.empty() ? relative_href(path, commit_page_path(c))
                                                      : portal.config.base_url + commit_page_path(c);
    entries += entry("tag:scrutiny,commit:" + c.id, c.summary, href, when, c.message, c.author_name);
  }
  return feed(portal, path, "Changes", updated, entries);
}

std::string updates_feed(const Portal& portal, const SiteHistory& history) {
  (void)history;
  const std::string path = "updates/feed.xml";
  const std::vector<size_t>& updates = portal.links.in_reading_order(DocType::update);  // newest first
  std::string entries, updated = "1970-01-01T00:00:00Z";
  for (size_t u : updates) {
    const Document& d = portal.doc(u);
    std::string when = (d.date ? d.date->iso() : std::string("1970-01-01")) + "T00:00:00Z";
    updated = std::max(updated, when);
    std::string href = portal.config.base_url.empty() ? relative_href(path, document_page_path(d.id))
                                                      : portal.config.base_url + document_page_path(d.id);
    entries += entry("tag:scrutiny,update:" + d.id, d.title, href, when,
                     d.summary.empty() ? d.meeting : d.summary, d.author);
  }
  return feed(portal, path, "Progress updates", updated, entries);
}

}  // namespace scrutiny
