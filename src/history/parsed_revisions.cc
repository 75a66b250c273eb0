#include "parsed_revisions.h"

#include <atomic>
#include <bit>
#include <climits>
#include <cstring>
#include <tuple>
#include <type_traits>

#include "byte_reader.h"
#include "cache_file.h"

namespace scrutiny {
namespace fs = std::filesystem;

namespace {

// Every member of each struct a revision holds. The structured bindings must name every
// member, so a member added to one of these structs stops this file compiling until it is
// written and read here too: a kept revision can never silently lack a field a fresh parse
// gives. (Name the new member in the binding and in the tie, in the same place.)
template <class T>
struct Fields;

template <>
struct Fields<Date> {
  template <class D>
  static auto of(D& d) {
    auto& [year, month, day, precision] = d;
    return std::tie(year, month, day, precision);
  }
};
template <>
struct Fields<Ref> {
  template <class D>
  static auto of(D& d) {
    auto& [id, line, key] = d;
    return std::tie(id, line, key);
  }
};
template <>
struct Fields<Judgement> {
  template <class D>
  static auto of(D& d) {
    auto& [value, label, rank] = d;
    return std::tie(value, label, rank);
  }
};
template <>
struct Fields<Milestone> {
  template <class D>
  static auto of(D& d) {
    auto& [title, target_date, owner, status, completed, owners, line, completed_line] = d;
    return std::tie(title, target_date, owner, status, completed, owners, line, completed_line);
  }
};
template <>
struct Fields<StatusReport> {
  template <class D>
  static auto of(D& d) {
    auto& [action, status, note, statement, statement_line] = d;
    return std::tie(action, status, note, statement, statement_line);
  }
};
template <>
struct Fields<MeasureValue> {
  template <class D>
  static auto of(D& d) {
    auto& [date, value, note, line] = d;
    return std::tie(date, value, note, line);
  }
};
template <>
struct Fields<RevisionFields> {
  template <class D>
  static auto of(D& d) {
    auto& [id, type, body_line, status, title, summary, source_path, start_date, published, overall_judgement,
           inspection, themes, approved, owner, lead, theme, recommendations, origin, owners, target_date, completed,
           milestones, date, meeting, reports_on, statuses, values] = d;
    return std::tie(id, type, body_line, status, title, summary, source_path, start_date, published,
                    overall_judgement, inspection, themes, approved, owner, lead, theme, recommendations, origin,
                    owners, target_date, completed, milestones, date, meeting, reports_on, statuses, values);
  }
};
template <>
struct Fields<ParsedRevision> {
  template <class D>
  static auto of(D& d) {
    auto& [blob, path, document, body_markdown] = d;
    return std::tie(blob, path, document, body_markdown);
  }
};

template <class T>
concept Carried = requires(T& t) { Fields<T>::of(t); };

// The last value of each enum a revision holds: a decoded value past it is refused, since
// code indexes tables by these. An enum without one here does not compile.
constexpr int64_t last_value(DocType) { return static_cast<int64_t>(DocType::measure); }
constexpr int64_t last_value(Status) { return static_cast<int64_t>(Status::complete); }
constexpr int64_t last_value(DatePrecision) { return static_cast<int64_t>(DatePrecision::month); }

// Counts what a Writer would write, so the file's bytes can be allocated once.
struct ByteCount {
  size_t bytes = 0;
  void push_back(char) { ++bytes; }
  void append(const std::string& s) { bytes += s.size(); }
};

template <class Out = std::string>
class Writer {
 public:
  explicit Writer(Out& out) : out_(out) {}
  void u8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void u32(uint32_t v) {
    for (int i = 0; i < 4; ++i) u8(static_cast<uint8_t>(v >> (8 * i)));
  }
  void u64(uint64_t v) {
    for (int i = 0; i < 8; ++i) u8(static_cast<uint8_t>(v >> (8 * i)));
  }

  void put(const std::string& s) {
    u32(static_cast<uint32_t>(s.size()));
    out_.append(s);
  }
  void put(bool b) { u8(b ? 1 : 0); }
  void put(int v) { u64(static_cast<uint64_t>(static_cast<int64_t>(v))); }
  void put(long long v) { u64(static_cast<uint64_t>(v)); }
  void put(double v) { u64(std::bit_cast<uint64_t>(v)); }
  template <class E>
    requires std::is_enum_v<E>
  void put(E e) {
    u64(static_cast<uint64_t>(static_cast<int64_t>(e)));
  }
  template <class T>
  void put(const std::optional<T>& o) {
    put_optional(o ? &*o : nullptr);
  }
  // As an optional holding *p, or an empty one when p is null.
  template <class T>
  void put_optional(const T* p) {
    put(p != nullptr);
    if (p) put(*p);
  }
  template <class T>
  void put(const std::vector<T>& v) {
    u32(static_cast<uint32_t>(v.size()));
    for (const T& x : v) put(x);
  }
  template <Carried T>
  void put(const T& x) {
    std::apply([this](const auto&... f) { (put(f), ...); }, Fields<T>::of(x));
  }

 private:
  Out& out_;
};

// Reads the untrusted bytes (as ByteReader does); a value the writer could not have written
// (an enum out of range, an impossible date) also sets `ok` false.
class Reader : public ByteReader {
 public:
  using ByteReader::ByteReader;

  void get(std::string& s) { s = str(); }
  void get(bool& b) {
    uint8_t v = u8();
    if (v > 1) ok = false;
    b = v == 1;
  }
  void get(int& v) {
    int64_t wide = static_cast<int64_t>(u64());
    if (wide < INT_MIN || wide > INT_MAX) ok = false;
    v = ok ? static_cast<int>(wide) : 0;
  }
  void get(long long& v) { v = static_cast<long long>(u64()); }
  void get(double& v) { v = std::bit_cast<double>(u64()); }
  template <class E>
    requires std::is_enum_v<E>
  void get(E& e) {
    int64_t v = static_cast<int64_t>(u64());
    if (v < 0 || v > last_value(E{})) ok = false;
    e = ok ? static_cast<E>(v) : E{};
  }
  template <class T>
  void get(std::optional<T>& o) {
    bool has = false;
    get(has);
    if (!ok || !has) return o.reset();
    get(o.emplace());
  }
  template <class T>
  void get(std::vector<T>& v) {
    // Not reserved: a damaged count fails at its first missing item, never by allocating.
    uint32_t n = count();
    v.clear();
    for (uint32_t i = 0; i < n && ok; ++i) get(v.emplace_back());
  }
  template <Carried T>
  void get(T& x) {
    std::apply([this](auto&... f) { (get(f), ...); }, Fields<T>::of(x));
    if constexpr (std::is_same_v<T, Date>)
      if (ok && !Date::valid(x.year, x.month, x.day)) ok = false;  // pages index month names by it
  }

};

// Which revisions are the same: a blob read under the same path.
std::string lookup_key(std::string_view blob, std::string_view path) {
  std::string key;
  key.reserve(blob.size() + path.size() + 1);
  key.append(blob).push_back('\0');
  key.append(path);
  return key;
}

template <class T>
bool same(const T& a, const T& b);

template <class T>
bool same_value(const T& a, const T& b) {
  if constexpr (Carried<T>) {
    return same(a, b);
  } else if constexpr (std::is_same_v<T, double>) {
    return std::bit_cast<uint64_t>(a) == std::bit_cast<uint64_t>(b);
  } else {
    return a == b;
  }
}
template <class T>
bool same_value(const std::optional<T>& a, const std::optional<T>& b) {
  return a.has_value() == b.has_value() && (!a || same_value(*a, *b));
}
template <class T>
bool same_value(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!same_value(a[i], b[i])) return false;
  return true;
}
template <class T>
bool same(const T& a, const T& b) {
  auto fa = Fields<T>::of(a), fb = Fields<T>::of(b);
  return [&]<size_t... I>(std::index_sequence<I...>) {
    return (same_value(std::get<I>(fa), std::get<I>(fb)) && ...);
  }(std::make_index_sequence<std::tuple_size_v<decltype(fa)>>());
}

}  // namespace

bool same_revision(const ParsedRevision& a, const ParsedRevision& b) { return same(a, b); }

void ParsedRevisions::add(ParsedRevision revision) {
  index_.emplace(lookup_key(revision.blob, revision.path), entries_.size());
  entries_.push_back(std::move(revision));
  taken_.push_back(0);
}

std::optional<ParsedRevision> ParsedRevisions::take(const std::string& blob, const std::string& path) {
  auto [begin, end] = index_.equal_range(lookup_key(blob, path));
  // Atomically: two documents may share a revision (one renamed, another made at its old
  // path), and read_histories reads documents on several threads at once.
  for (auto it = begin; it != end; ++it)
    if (!std::atomic_ref<char>(taken_[it->second]).exchange(1, std::memory_order_relaxed))
      return std::move(entries_[it->second]);
  return std::nullopt;
}

size_t ParsedRevisions::taken() const {
  size_t n = 0;
  for (char t : taken_) n += t;
  return n;
}

ParsedRevisionsEncoder::ParsedRevisionsEncoder(const std::string& inputs, size_t count) {
  Writer w(out_);
  open_envelope(out_, ParsedRevisions::kFileFormat);
  w.put(inputs);
  w.u32(static_cast<uint32_t>(count));
}

size_t ParsedRevisionsEncoder::bytes_for(const std::string& blob, const std::string& path,
                                         const RevisionFields* document,
                                         const std::string& body_markdown) {
  ByteCount count;
  Writer<ByteCount> w(count);
  w.put(blob);
  w.put(path);
  w.put_optional(document);
  w.put(body_markdown);
  return count.bytes;
}

void ParsedRevisionsEncoder::reserve(size_t revision_bytes) {
  out_.reserve(out_.size() + revision_bytes + sizeof(uint64_t));  // and the envelope's checksum
}

void ParsedRevisionsEncoder::add(const std::string& blob, const std::string& path, const RevisionFields* document,
                                 const std::string& body_markdown) {
  Writer w(out_);
  w.put(blob);
  w.put(path);
  w.put_optional(document);
  w.put(body_markdown);
}

void ParsedRevisionsEncoder::write_to(CacheFileWriter& file) {
  file.append(out_);
  out_.clear();
}

std::string ParsedRevisionsEncoder::finish() {
  seal_envelope(out_);
  return std::move(out_);
}

std::string ParsedRevisions::encode() const {
  ParsedRevisionsEncoder e(inputs_, entries_.size());
  for (const ParsedRevision& r : entries_) e.add(r.blob, r.path, r.document ? &*r.document : nullptr, r.body_markdown);
  return e.finish();
}

std::optional<ParsedRevisions> ParsedRevisions::decode(std::string_view bytes, std::string& problem) {
  std::optional<std::string_view> records = unseal_envelope(bytes, kFileFormat, problem);
  if (!records) return std::nullopt;
  Reader r(*records);
  ParsedRevisions out;
  r.get(out.inputs_);
  // A record is at least its blob's, path's and body's lengths and whether it has a document.
  uint32_t n = r.count(4 + 4 + 1 + 4);
  // Grown as read, the records were moved again at every doubling and faulted in page by page.
  out.entries_.reserve(n);
  out.taken_.reserve(n);
  out.index_.reserve(n);
  for (uint32_t i = 0; i < n && r.ok; ++i) {
    ParsedRevision revision;
    r.get(revision);
    if (r.ok) out.add(std::move(revision));
  }
  if (!r.ok || r.left() != 0) {
    problem = "its records do not fit its length";
    return std::nullopt;
  }
  return out;
}

std::optional<ParsedRevisions> ParsedRevisions::load(const fs::path& file, std::string& problem) {
  std::optional<std::string> bytes = read_cache_file(file, uint64_t{1} << 34, problem);
  if (!bytes) return std::nullopt;
  return decode(*bytes, problem);
}

}  // namespace scrutiny
