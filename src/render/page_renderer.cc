#include "page_renderer.h"

#include "markdown.h"
#include "utf8.h"

namespace scrutiny {

PageRenderer::PageRenderer(const Theme& theme) : theme_(theme) {
  for (const auto& [name, source] : theme.templates) {
    auto m = std::make_unique<kainjow::mustache::mustache>(source);
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
  add_partials(view);
  return it->second->render(view);
}

std::string PageRenderer::render_page(const std::string& page_template, ViewData view, ViewData layout_view) {
  layout_view.set("content", render(page_template, std::move(view)));
  return render("layout", std::move(layout_view));
}

}  // namespace scrutiny
