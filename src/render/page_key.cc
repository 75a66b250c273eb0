#include "page_key.h"

#include <algorithm>

#include "build_model.h"
#include "history_pages.h"
#include "page_kinds.h"
#include "program_identity.h"
#include "theme.h"

namespace scrutiny {
namespace {


std::string digest_of(std::string_view bytes) {
  Sha256 sha;
  sha.update(bytes);
  return sha.hex(16);
}

}  // namespace

void PageKeyHasher::add(std::string_view bytes) {
  add(static_cast<uint64_t>(bytes.size()));
  sha_.update(bytes);
}

void PageKeyHasher::add(uint64_t number) {
  // Seven bits a byte, the last byte's top bit clear (LEB128): a length, which comes before
  // every string and key of a view, is nearly always one byte rather than eight, whose zero
  // bytes were a third of what page keys digested. Each number still reads back one way, so
  // keys stay exact.
  char bytes[10];
  size_t n = 0;
  for (; number >= 0x80; number >>= 7) bytes[n++] = static_cast<char>(0x80 | (number & 0x7f));
  bytes[n++] = static_cast<char>(number);
  sha_.update(std::string_view(bytes, n));
}

void PageKeyHasher::add(const kainjow::mustache::data& data) {
  if (data.is_string()) {
    sha_.update("s");
    add(data.string_value());
  } else if (data.is_true()) {
    sha_.update("t");
  } else if (data.is_false()) {
    sha_.update("f");
  } else if (data.is_list()) {
    sha_.update("l");
    add(static_cast<uint64_t>(data.list_value().size()));
    for (const kainjow::mustache::data& item : data.list_value()) add(item);
  } else if (data.is_object()) {
    // kainjow's data offers get(key) but no way to list an object's keys.
    const auto& object = *ViewData::object_of(data);
    std::vector<const std::pair<const std::string, kainjow::mustache::data>*> entries;
    entries.reserve(object.size());
    for (const auto& entry : object) entries.push_back(&entry);
    std::sort(entries.begin(), entries.end(), [](auto* a, auto* b) { return a->first < b->first; });
    sha_.update("o");
    add(static_cast<uint64_t>(entries.size()));
    for (const auto* entry : entries) {
      add(entry->first);
      add(entry->second);
    }
  } else {
    keyable_ = false;  // a lambda or partial: code, which no digest of data describes
  }
}

std::string PageKeyHasher::key() { return keyable_ ? sha_.hex(16) : std::string(); }

void add_links_to_key(const Portal& portal, std::string_view markdown, const std::string& all_links,
                      PageKeyHasher& key) {
  auto is_id_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '/';
  };
  std::vector<std::string_view> ids;
  // Two scans, each one memchr, rather than find_first_of, which calls memchr over the set for
  // every byte: this runs over every revision's body in every build.
  bool sure = markdown.find('\\') == std::string_view::npos && markdown.find('&') == std::string_view::npos;
  for (size_t pos = 0; sure && (pos = markdown.find("[[", pos)) != std::string_view::npos; pos += 2) {
    size_t close = markdown.find("]]", pos + 2);
    if (close == std::string_view::npos) break;
    std::string_view inner = markdown.substr(pos + 2, close - pos - 2);
    std::string_view id = inner.substr(0, inner.find('|'));
    while (!id.empty() && id.front() == ' ') id.remove_prefix(1);
    while (!id.empty() && id.back() == ' ') id.remove_suffix(1);
    // "[[[[a1]]" or a reference split by emphasis: not a plain id, so not sure what it names.
    if (!std::all_of(id.begin(), id.end(), is_id_char) || inner.find('[') != std::string_view::npos) sure = false;
    ids.push_back(id);
  }
  if (!sure) {
    key.add("all links");
    key.add(all_links);
    return;
  }
  key.add(static_cast<uint64_t>(ids.size()));
  for (std::string_view id : ids) {
    key.add(id);
    int target = portal.links.find(id);
    key.add(static_cast<uint64_t>(target >= 0));
    if (target < 0) continue;
    key.add(portal.doc(target).id);
    key.add(portal.doc(target).title);
  }
}

ContentDigests digest_content(const ContentSource& source) {
  ContentDigests d;
  PageKeyHasher settings;
  for (const std::optional<SourceFile>* file : {&source.portal, &source.withdrawn}) {
    settings.add(static_cast<uint64_t>(file->has_value()));
    if (*file) settings.add((*file)->text);
  }
  d.settings = settings.key();
  for (const SourceFile& f : source.documents) d.documents[f.source_path] = digest_of(f.text);
  return d;
}

PageInputs page_inputs(const BuildModel& model, const Theme& theme, const LayoutParts& layout,
                       const ContentDigests& content) {
  PageInputs in;
  const std::string program = program_identity();
  if (program.empty()) return in;
  const Portal& portal = model.portal;

  PageKeyHasher renderer;
  renderer.add("scrutiny page keys 1");
  renderer.add(program);
  for (const auto& [name, text] : theme.templates) {
    renderer.add(name);
    renderer.add(text);
  }
  in.renderer = renderer.key();

  PageKeyHasher build;
  build.add(in.renderer);
  build.add(content.settings);
  build.add(static_cast<uint64_t>(model.has_history()));
  // The layout as a page in a folder of its own sees it, with a canonical address, so the
  // navigation, the footer's links (and whether they are overdue), the feeds, the settings
  // and the base URL are all in it.
  PageView probe;
  probe.path = "probe/probe.html";
  probe.canonical_path = "probe/canonical.html";
  build.add(layout_view(portal, layout, probe));
  build.add(model.glossary.page);
  for (const std::string& anchor : model.glossary.anchors) build.add(anchor);
  in.build = build.key();

  PageKeyHasher links;
  for (const Document& d : portal.documents) {
    links.add(d.id);
    links.add(d.title);
  }
  in.links = links.key();

  if (model.has_history()) {
    in.commits.resize(model.history.index->commits().size());
    parallel_for(in.commits.size(), [&](size_t c) {
      PageKeyHasher h;
      add_commit_to_key(portal, model.history, c, h);
      in.commits[c] = h.key();
    });
  }

  in.documents.resize(portal.documents.size());
  in.document_links.resize(portal.documents.size());
  if (model.has_history()) in.revisions.resize(portal.documents.size());
  parallel_for(portal.documents.size(), [&](size_t i) {
    const Document& d = portal.doc(i);
    PageKeyHasher link;
    link.add(d.id);
    link.add(std::string(doc_type_value(d.type)));
    link.add(d.title);
    // The file's path as given on the command line shows only on a page not yet committed.
    link.add(static_cast<uint64_t>(d.uncommitted));
    if (d.uncommitted) link.add(d.display_path);
    link.add(link_view(portal, i, ""));
    in.document_links[i] = link.key();

    PageKeyHasher h;
    auto file = content.documents.find(d.source_path);
    h.add(file == content.documents.end() ? std::string() : file->second);
    h.add(in.document_links[i]);
    if (model.has_history()) {
      in.revisions[i] = revision_keys(portal, model.history, i, in);
      h.add(in.revisions[i]);
    }
    in.documents[i] = h.key();
  });
  return in;
}

std::string key_from_view(const PageInputs& inputs, const std::string& template_name, const ViewData& view,
                          const ViewData& around) {
  if (inputs.renderer.empty()) return {};
  PageKeyHasher h;
  h.add("view");
  h.add(inputs.renderer);
  h.add(template_name);
  h.add(view);
  h.add(around);
  return h.key();
}

}  // namespace scrutiny
