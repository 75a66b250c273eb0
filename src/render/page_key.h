#pragma once
// A page's key: one digest of everything its rendering reads, so that a rebuild can keep the
// previous build's file for a page whose key is unchanged instead of building it again.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "content_source.h"
#include "page_renderer.h"
#include "sha256.h"

namespace scrutiny {

struct BuildModel;
struct Portal;
struct LayoutParts;
struct Theme;

// Takes what a page reads, piece by piece, and gives its key.
class PageKeyHasher {
 public:
  // Each piece is taken with its length, so ("ab", "c") and ("a", "bc") give different keys.
  void add(std::string_view bytes);
  void add(const std::string& bytes) { add(std::string_view(bytes)); }
  void add(const char* bytes) { add(std::string_view(bytes)); }
  void add(uint64_t number);
  // Every value, and every object's keys in sorted order (their order in memory is not fixed).
  // Data holding a lambda or partial cannot be digested: the key is then empty.
  void add(const kainjow::mustache::data& data);
  // 32 hex digits (128 bits), or empty when something added could not be digested. Call once.
  std::string key();

 private:
  Sha256 sha_;
  bool keyable_ = true;
};

// The content's files, digested as read, before parsing: what no field-by-field list can miss.
struct ContentDigests {
  std::string settings;                          // portal.toml and withdrawn.toml
  std::map<std::string, std::string> documents;  // by source path
};
ContentDigests digest_content(const ContentSource& source);

// What many pages of one build read, digested once per build for their keys.
struct PageInputs {
  // scrutiny itself (this program's file), the theme's templates: all a rendering reads
  // besides the page's own data. Empty when this program's file cannot be identified, and
  // then no page has a key.
  std::string renderer;
  // With `renderer`: the settings, the layout around every page (navigation, footer, feeds),
  // the glossary's terms.
  std::string build;
  std::string links;  // every document's id and title: what each [[id]] in a body becomes
  // Parallel to the history index's commits (empty without history): each commit as pages
  // show it (add_commit_to_key), digested once here rather than for every revision and
  // commit page that shows it.
  std::vector<std::string> commits;
  // Parallel to portal.documents: its file, its link as pages show it (title, status, overdue
  // or not...) and its whole history (each revision's commit as shown, blob, withdrawal).
  std::vector<std::string> documents;
  // Parallel to portal.documents: only its id, title and link as pages show it, for a page that
  // names the document without showing its file or its history (one revision's page).
  std::vector<std::string> document_links;
  // Parallel to portal.documents (empty without history): the key of each of its revisions, 32
  // hex digits each, newest first, end to end (revision_keys in history_pages.h).
  std::vector<std::string> revisions;
};
PageInputs page_inputs(const BuildModel& model, const Theme& theme, const LayoutParts& layout,
                       const ContentDigests& content);

// What the [[id]] references in `markdown` become (each id's document's title and address, or
// nothing), for the key of a page that renders it. The ids are found by a plain scan that finds
// every reference Markdown could make and more; a body it cannot be sure of (one holding a
// backslash or an entity, which could spell "[[" unseen, or a reference that is not a plain id)
// adds `all_links` instead, the digest of every document's id and title.
void add_links_to_key(const Portal& portal, std::string_view markdown, const std::string& all_links,
                      PageKeyHasher& key);

// The key of a page from what its templates receive (the page's data, the layout's data and
// the template's name): exact, since rendering reads nothing else. Empty when there is none.
std::string key_from_view(const PageInputs& inputs, const std::string& template_name, const ViewData& view,
                          const ViewData& around);

}  // namespace scrutiny
