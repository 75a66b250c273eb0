#pragma once
// View data for every kind of page: the C++ side decides what a page shows, templates how.

#include <initializer_list>
#include <string>
#include <vector>

#include "page_renderer.h"
#include "portal.h"
#include "slippage.h"

namespace scrutiny {

// One step of the breadcrumb trail.
struct Crumb {
  std::string label;
  std::string path;  // output path; empty for the current page
};

// A page ready to render: where it goes, with which template and data.
struct PageView {
  std::string path;           // output path, e.g. "actions/a01.html"
  std::string template_name;  // e.g. "action"
  std::string title;          // the page's h1 and the start of its <title>
  std::string section;        // nav entry to mark as current ("actions")
  std::vector<Crumb> breadcrumbs;
  ViewData view;
  // A page that repeats another's content (a past revision) asks search engines not to index
  // it and names the page that is current, so searches lead readers to what stands today.
  std::string canonical_path;  // empty: the page is its own canonical address
};

// Documents of `type` in document order (reading order: portal.links.in_reading_order).
std::vector<size_t> documents_of_type(const Portal& portal, DocType type);

// Building blocks.
ViewData date_view(const Date& d);
// The portal's as-at date with where it came from ({{> _as_at}}), or false when it has none.
ViewData as_at_view(const Portal& portal);
ViewData status_view(Status s);
// How a moved target date slipped ({{> _slippage}}): the original date and the moves in words,
// and how long after the original date `completed` was; false when the date never moved or
// nothing is known (no history), so pages show only the current date.
ViewData slippage_view(const Slippage* s, const std::optional<Date>& completed);
// "moved once, 274 days later", "moved 3 times, 12 days earlier in all".
std::string slippage_words(const Slippage& s);
ViewData link_view(const Portal& portal, size_t doc, const std::string& from);
// The label of an inspection's or a finding's kind ("Focused visit", "Area for improvement").
std::string kind_label(const Portal& portal, const Document& d);
// A finding as its report names it: "Area for improvement 2", or the kind alone when unnumbered.
std::string finding_label(const Portal& portal, const Document& finding);
ViewData list_of(std::vector<ViewData> items);
// Which plan a page's figures are about ({{> _plan_scope}}): the current plan, and the earlier
// ones one link away, with their approval and closing dates; false when the portal has no plan.
ViewData plan_scope_view(const Portal& portal, const std::string& from);
// Sets each of `keys` that `v` lacks to false. Mustache looks a missing key up in the
// enclosing data, so a list item without a "number" would otherwise show its page's number.
void default_false(ViewData& v, std::initializer_list<const char*> keys);

}  // namespace scrutiny
