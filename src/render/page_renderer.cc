#include "page_renderer.h"

#include <algorithm>

#include "markdown.h"
#include "utf8.h"

namespace scrutiny {
namespace {

// The partials that can be inlined: those that do not change delimiters and parse on their own.
// Each is parsed once here, not at each of the ninety-odd {{> }} of a theme, by every worker.
std::map<std::string, const std::string*> inlinable_partials(const Theme& theme) {
  std::map<std::string, const std::string*> out;
  for (const auto& [name, source] : theme.templates)
    if (!name.empty() && name[0] == '_' && source.find("{{=") == std::string::npos &&
        kainjow::mustache::mustache(source).is_valid())
      out.emplace(name, &source);
  return out;
}

// `source` with each {{> _name}} replaced by that partial's text, so a partial is parsed once
// per build rather than by kainjow at every use (a filter page's rows use two or three each).
// kainjow renders a partial into the same line buffer as its parent, so the output is the same.
// Left for kainjow to include at render time, as before: partials that are not `inlinable`, and
// partials nested deeper than a theme plausibly nests them (a recursive partial ends there).
std::string with_partials_inlined(const std::string& source, const std::map<std::string, const std::string*>& inlinable,
                                  int depth = 0) {
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
    if (auto partial = inlinable.find(name); partial != inlinable.end())
      out += with_partials_inlined(*partial->second, inlinable, depth + 1);
    else
      out.append(source, open, close + 2 - open);
    from = close + 2;
  }
  out.append(source, from, std::string::npos);
  return out;
}

// kainjow's own context, with the innermost data last rather than first: kainjow's inserts and
// erases at the front of its vector at every section and every item of a list. Lookups are
// kainjow's, innermost first, so a template finds what it would with kainjow's context, except
// that a link finds ViewData::link_defaults as if it held them.
class ViewContext : public kainjow::mustache::basic_context<std::string> {
 public:
  using Data = kainjow::mustache::data;
  explicit ViewContext(const Data* root) { push(root); }

  void push(const Data* data) override { stack_.push_back({data, ViewData::object_of(*data)}); }
  void pop() override { stack_.pop_back(); }

  const Data* get(const std::string& name) const override {
    if (name.size() == 1 && name[0] == '.') return stack_.back().data;
    if (name.find('.') == std::string::npos) return get_partial(name);
    const std::vector<std::string> names = kainjow::mustache::split(name, '.');
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      const Data* var = in_frame(*it, names.front());
      for (size_t n = 1; var && n < names.size(); ++n) {
        const Data* member = var->get(names[n]);
        var = member ? member : ViewData::link_default(*var, names[n]);
      }
      if (var) return var;
    }
    return nullptr;
  }

  const Data* get_partial(const std::string& name) const override {
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it)
      if (const Data* var = in_frame(*it, name)) return var;
    return nullptr;
  }

 private:
  using Object = kainjow::mustache::object;
  struct Frame {
    const Data* data;
    const Object* object;  // null when the data is not an object, which holds no names
    // Whether it is a link, asked at the first name it lacks (most frames lack none: a status,
    // a date), then remembered for the names after.
    mutable signed char link = -1;
  };
  // What kainjow's get finds in an object. A name is looked for in every frame out to the one
  // holding it, and most frames are small objects (a link, a row), whose keys libstdc++'s find
  // compares one by one, each through memcmp: most keys differ from the name in length or
  // first byte, told apart here first.
  static const Data* find(const Object& object, const std::string& name) {
    if (object.size() > 16) {
      auto it = object.find(name);
      return it == object.end() ? nullptr : &it->second;
    }
    for (const auto& [key, value] : object)
      if (key.size() == name.size() && (name.empty() || (key[0] == name[0] && key == name))) return &value;
    return nullptr;
  }
  const Data* in_frame(const Frame& frame, const std::string& name) const {
    if (!frame.object) return nullptr;
    if (const Data* var = find(*frame.object, name)) return var;
    if (frame.link < 0) frame.link = find(*frame.object, ViewData::link_mark()) != nullptr;
    return frame.link ? find(link_defaults_, name) : nullptr;
  }
  const Object& link_defaults_ = *ViewData::object_of(ViewData::link_defaults());
  std::vector<Frame> stack_;
};

// What kainjow writes each line to: a string, rather than the ostringstream its render(data)
// fills and then copies out (stream insertion was most of the cost of a page's last copy).
struct StringSink {
  std::string& out;
  StringSink& operator<<(const std::string& text) {
    out += text;
    return *this;
  }
};

}  // namespace

PageRenderer::PageRenderer(const Theme& theme) : theme_(theme) {
  const auto inlinable = inlinable_partials(theme);
  for (const auto& [name, source] : theme.templates) {
    std::string inlined = with_partials_inlined(source, inlinable);
    // Where every partial could be inlined, rendering needs no partials in the view data.
    if (inlined.find("{{>") != std::string::npos) needs_partials_.insert(name);
    kainjow::mustache::mustache m(inlined);
    // Also escape ' so values are safe in single-quoted attributes.
    m.set_custom_escape([](const std::string& s) { return escape_html(s); });
    compiled_.emplace(name, Compiled{std::move(m)});
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
  return render_over(template_name, view, nullptr);
}

std::string PageRenderer::render_over(const std::string& template_name, ViewData& view, const ViewData* below,
                                      size_t inner_size) {
  auto it = compiled_.find(template_name);
  if (it == compiled_.end()) return {};
  if (needs_partials_.count(template_name)) add_partials(view);
  kainjow::mustache::mustache& m = it->second.mustache;
  if (!m.is_valid()) return {};  // as kainjow's render(data); check_templates reported it
  std::string out;
  // Room for as much as this template gave last time: pages of a kind come in runs of similar
  // size, and the string then grows once at most rather than doubling its way up. Around a
  // page, the layout's size is the page's and as much again as it added last time: the
  // layout's pages are of every kind and size, and sized by the last alone it grew for most.
  Compiled& compiled = it->second;
  const size_t around = compiled.last_size - compiled.last_inner_size;
  out.reserve(inner_size + around + around / 8);
  ViewContext context(below ? below : &view);
  if (below) context.push(&view);
  StringSink sink{out};
  m.render(context, sink);
  compiled.last_size = out.size();
  compiled.last_inner_size = std::min(inner_size, out.size());
  return out;
}

std::string PageRenderer::render_page(const std::string& page_template, ViewData view, ViewData layout_view,
                                      const ViewData* shared_layout) {
  std::string content = render(page_template, std::move(view));
  const size_t content_size = content.size();
  layout_view.set("content", std::move(content));
  return render_over("layout", layout_view, shared_layout, content_size);
}

}  // namespace scrutiny
