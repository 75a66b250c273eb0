#include "page_renderer.h"

#include "markdown.h"
#include "utf8.h"

namespace scrutiny {
namespace {

// `source` with each {{> _name}} replaced by that partial's text, so a partial is parsed once
// per build rather than by kainjow at every use (a filter page's rows use two or three each).
// kainjow renders a partial into the same line buffer as its parent, so the output is the same.
// Left for kainjow to include at render time, as before: partials that change delimiters or do
// not parse on their own, and partials nested deeper than a theme plausibly nests them (a
// recursive partial ends there).
std::string with_partials_inlined(const std::string& source, const Theme& theme, int depth = 0) {
  if (depth > 8 || source.find("{{=") != std::string::npos) return source;
  std::string out;
  size_t from = 0;
  for (size_t open; (open = source.find("{{>", from)) != std::string::npos;) {
    size_t close = source.find("}}", open + 3);
    if (close == std::string::npos) break;
    std::string name = source.substr(open + 3, close - open - 3);
    name.erase(0, name.find_first_not_of(" \t"));
    name.erase(name.find_last_not_of(" \t") + 1);
    out.append(source, from, open - from);
    auto partial = theme.templates.find(name);
    if (!name.empty() && name[0] == '_' && partial != theme.templates.end() &&
        partial->second.find("{{=") == std::string::npos && kainjow::mustache::mustache(partial->second).is_valid())
      out += with_partials_inlined(partial->second, theme, depth + 1);
    else
      out.append(source, open, close + 2 - open);
    from = close + 2;
  }
  out.append(source, from, std::string::npos);
  return out;
}

}  // namespace

PageRenderer::PageRenderer(const Theme& theme) : theme_(theme) {
  for (const auto& [name, source] : theme.templates) {
    std::string inlined = with_partials_inlined(source, theme);
    // Where every partial could be inlined, rendering needs no partials in the view data.
    if (inlined.find("{{>") != std::string::npos) needs_partials_.insert(name);
    auto m = std::make_unique<kainjow::mustache::mustache>(inlined);
    // Also escape ' so values are safe in single-quoted attributes.
    m->set_custom_escape([](const std::string& s) { return escape_html(s); });
    compiled_.emplace(name, std::move(m));
  }
}

void PageRenderer::check_templates(const Theme& theme, Diagnostics& diags) {
  for (const auto& [name, source] : theme.templates) {
    kainjow::mustache::mustache m(source);
    if (m.is_valid()) continue;
    // kainjow ends its message with " at <byte offset>": give the line instead.
    std::string message = m.error_message();
    int line = 0;
    if (size_t at = message.rfind(" at "); at != std::string::npos &&
        message.find_first_not_of("0123456789", at + 4) == std::string::npos && at + 4 < message.size()) {
      line = line_at(source, std::stoul(message.substr(at + 4)));
      message.erase(at);
    }
    auto file = theme.template_files.find(name);
    diags.error(file != theme.template_files.end() ? file->second : "templates/" + name + ".mustache", line, "",
                "template error: " + message + ": check the {{ }} tags on this line");
  }
}

void PageRenderer::add_partials(ViewData& view) const {
  // Partials are the templates named _something, so they never clash with view data keys.
  for (const auto& [name, source] : theme_.templates) {
    if (name.empty() || name[0] != '_') continue;
    const std::string* text = &source;
    view.set(name, kainjow::mustache::partial([text] { return *text; }));
  }
}

std::string PageRenderer::render(const std::string& template_name, ViewData view) {
  auto it = compiled_.find(template_name);
  if (it == compiled_.end()) return {};
  if (needs_partials_.count(template_name)) add_partials(view);
  return it->second->render(view);
}

std::string PageRenderer::render_page(const std::string& page_template, ViewData view, ViewData layout_view) {
  layout_view.set("content", render(page_template, std::move(view)));
  return render("layout", std::move(layout_view));
}

}  // namespace scrutiny
