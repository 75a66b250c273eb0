#pragma once
// The data a page's templates receive: kainjow's Mustache data, filled by move.

#include <string>

#include <kainjow/mustache.hpp>

namespace scrutiny {

// kainjow's data, whose own set and push_back copy what they are given: a whole object or list,
// recursively, each time one is put inside another, and its vector copies every item again when
// it grows (its move is not noexcept). A page's view is built from the leaves up, so that was
// most of the CPU of building views. These take the value by move instead; everything else,
// rendering included, is kainjow's. Objects and lists held inside are kainjow's own type.
class ViewData : public kainjow::mustache::data {
 public:
  using Data = kainjow::mustache::data;
  using Data::Data;
  ViewData() = default;
  ViewData(const Data& other) : Data(other) {}
  ViewData(Data&& other) noexcept : Data(std::move(other)) {}
  ViewData(const ViewData& other) : Data(other) {}
  ViewData(ViewData&& other) noexcept : Data(std::move(other)) {}
  // A string given up by its owner (a page's body, an address just made) is moved, not copied.
  ViewData(std::string&& text);
  ViewData& operator=(ViewData&& other) noexcept {
    Data::operator=(std::move(other));
    return *this;
  }
  ViewData& operator=(const ViewData& other) { return *this = ViewData(other); }

  // Sets `name` in an object to `value` (a copy only when given one that is still needed).
  void set(const std::string& name, ViewData value);
  // Appends `value` to a list.
  void push_back(ViewData value);
  // Reserves room in a list for `n` items, so filling it moves nothing.
  void reserve(size_t n);

  // A link's defaults: the names a link sets only when true or present (summary, status, ...)
  // and those other lists add to it (owner, target date, ...), false in every link that does
  // not set them. They are held once, not in each of the thousands of
  // links a big page lists: a link carries only a mark, and the page renderer looks a name the
  // link lacks up in these before the data around it, as if the link held each of them.
  static const std::string& link_mark();
  static const Data& link_defaults();
  // The default of `name` when `data` is a marked link and lacks it; null otherwise.
  static const Data* link_default(const Data& data, const std::string& name);

  // An object's entries, in no particular order (kainjow offers get(name) alone); null for
  // anything but an object.
  static const kainjow::mustache::object* object_of(const Data& data);
};

}  // namespace scrutiny
