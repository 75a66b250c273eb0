#include "history_snapshot.h"

#include <git2/oid.h>

#include <cstring>

#include "byte_reader.h"
#include "cache_file.h"
#include "history_snapshot_data.h"

namespace scrutiny {
namespace fs = std::filesystem;

namespace {

constexpr size_t kIdBytes = GIT_OID_RAWSZ;

class Writer {
 public:
  void u8(uint8_t v) { out.push_back(static_cast<char>(v)); }
  void u32(uint32_t v) {
    for (int i = 0; i < 4; ++i) u8(static_cast<uint8_t>(v >> (8 * i)));
  }
  void u64(uint64_t v) {
    for (int i = 0; i < 8; ++i) u8(static_cast<uint8_t>(v >> (8 * i)));
  }
  void i32(int32_t v) { u32(static_cast<uint32_t>(v)); }
  void i64(int64_t v) { u64(static_cast<uint64_t>(v)); }
  void str(std::string_view s) {
    u32(static_cast<uint32_t>(s.size()));
    out.append(s);
  }
  void id(const git_oid& oid) { out.append(reinterpret_cast<const char*>(oid.id), kIdBytes); }
  void hex_id(const std::string& hex) {
    git_oid oid{};
    git_oid_fromstrn(&oid, hex.data(), std::min<size_t>(hex.size(), GIT_OID_HEXSZ));
    id(oid);
  }
  std::string out;
};

// The snapshot's records, read as ByteReader reads, with git ids.
class Reader : public ByteReader {
 public:
  using ByteReader::ByteReader;
  git_oid id() {
    git_oid oid{};
    std::string_view bytes = raw(kIdBytes);
    if (!bytes.empty()) std::memcpy(oid.id, bytes.data(), kIdBytes);
    return oid;
  }
  std::string hex_id() {
    git_oid oid = id();
    char buf[GIT_OID_HEXSZ + 1];
    git_oid_tostr(buf, sizeof buf, &oid);
    return buf;
  }
};

constexpr size_t kChangeBytes = 4 + 1 + 1 + 4 + 4 + 4 + 2 * kIdBytes;
constexpr size_t kCommitBytes = kIdBytes + 4 + 8 + 4 + 8 + 4 + 3 * 4 + kIdBytes + 1 + 4;

}  // namespace

std::string commit_summary(const std::string& message) {
  std::string summary = message.substr(0, message.find('\n'));
  if (!summary.empty() && summary.back() == '\r') summary.pop_back();
  return summary;
}

HistorySnapshot::HistorySnapshot() = default;
HistorySnapshot::HistorySnapshot(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
HistorySnapshot::~HistorySnapshot() = default;
HistorySnapshot::HistorySnapshot(const HistorySnapshot&) = default;
HistorySnapshot& HistorySnapshot::operator=(const HistorySnapshot&) = default;
HistorySnapshot::HistorySnapshot(HistorySnapshot&&) noexcept = default;
HistorySnapshot& HistorySnapshot::operator=(HistorySnapshot&&) noexcept = default;

bool HistorySnapshot::empty() const { return !data_ || data_->commits.empty(); }
size_t HistorySnapshot::commit_count() const { return data_ ? data_->commits.size() : 0; }
size_t HistorySnapshot::follows_known() const { return data_ ? data_->follows.size() : 0; }

std::string HistorySnapshot::encode() const {
  Writer w;
  open_envelope(w.out, kFileFormat);
  static const Data kNone;
  const Data& d = data_ ? *data_ : kNone;
  w.str(d.repository);
  w.str(d.prefix);
  w.u32(static_cast<uint32_t>(d.paths.size()));
  for (const std::string& p : d.paths) w.str(p);
  w.u32(static_cast<uint32_t>(d.commits.size()));
  for (size_t c = 0; c < d.commits.size(); ++c) {
    const CommitInfo& info = d.commits[c];
    w.hex_id(info.id);
    w.u32(static_cast<uint32_t>(info.parents.size()));
    for (const std::string& p : info.parents) w.hex_id(p);
    w.i64(info.author_time);
    w.i32(info.author_offset);
    w.i64(info.commit_time);
    w.i32(info.commit_offset);
    w.str(info.author_name);
    w.str(info.author_email);
    w.str(info.message);
    w.id(d.tree_ids[c]);
    w.u8(d.parent_tree_ids[c] ? 1 : 0);
    if (d.parent_tree_ids[c]) w.id(*d.parent_tree_ids[c]);
    w.u32(d.change_begin[c + 1] - d.change_begin[c]);
    for (uint32_t i = d.change_begin[c]; i < d.change_begin[c + 1]; ++i) {
      const HistoryChange& ch = d.changes[i];
      w.u32(ch.path);
      w.u8(static_cast<uint8_t>(ch.status));
      w.u8(ch.renamed_away ? 1 : 0);
      w.i32(ch.renamed_from);
      w.u32(ch.old_mode);
      w.u32(ch.new_mode);
      w.id(ch.old_id);
      w.id(ch.new_id);
    }
  }
  w.u32(static_cast<uint32_t>(d.follows.size()));
  for (const HistoryFollow& f : d.follows) {
    w.u32(f.commit);
    w.str(f.path);
    w.u8(f.found ? 1 : 0);
    w.str(f.source);
    w.u8(f.source_deleted ? 1 : 0);
  }
  seal_envelope(w.out);
  return std::move(w.out);
}

std::optional<HistorySnapshot> HistorySnapshot::decode(std::string_view bytes, std::string& problem) {
  std::optional<std::string_view> records = unseal_envelope(bytes, kFileFormat, problem);
  if (!records) return std::nullopt;
  auto d = std::make_shared<Data>();
  Reader r(*records);
  auto fail = [&problem](const std::string& what) {
    problem = what;
    return std::nullopt;
  };
  d->repository = r.str();
  d->prefix = r.str();
  uint32_t paths = r.count(4);
  d->paths.reserve(paths);
  for (uint32_t i = 0; i < paths && r.ok; ++i) d->paths.push_back(r.str());
  uint32_t commits = r.count(kCommitBytes);
  d->commits.reserve(commits);
  d->change_begin.push_back(0);
  for (uint32_t c = 0; c < commits && r.ok; ++c) {
    CommitInfo info;
    info.id = r.hex_id();
    uint32_t parents = r.count(kIdBytes);
    for (uint32_t p = 0; p < parents; ++p) info.parents.push_back(r.hex_id());
    info.author_time = r.i64();
    info.author_offset = r.i32();
    info.commit_time = r.i64();
    info.commit_offset = r.i32();
    info.author_name = r.str();
    info.author_email = r.str();
    info.message = r.str();
    info.summary = commit_summary(info.message);
    d->tree_ids.push_back(r.id());
    uint8_t has_parent_tree = r.u8();
    if (has_parent_tree > 1) return fail("commit " + std::to_string(c) + " is malformed");
    d->parent_tree_ids.push_back(has_parent_tree ? std::optional(r.id()) : std::nullopt);
    uint32_t changes = r.count(kChangeBytes);
    const uint32_t begin = d->change_begin.back();
    for (uint32_t i = 0; i < changes && r.ok; ++i) {
      HistoryChange ch;
      ch.commit = c;
      ch.path = r.u32();
      ch.status = static_cast<char>(r.u8());
      uint8_t away = r.u8();
      ch.renamed_from = r.i32();
      ch.old_mode = r.u32();
      ch.new_mode = r.u32();
      ch.old_id = r.id();
      ch.new_id = r.id();
      ch.renamed_away = away == 1;
      // A rename pairs two changes of the same commit; anything else is not ours.
      bool from_ok = ch.renamed_from == -1 ||
                     (ch.renamed_from >= static_cast<int32_t>(begin) &&
                      ch.renamed_from < static_cast<int32_t>(begin + changes));
      if (!r.ok || ch.path >= d->paths.size() || away > 1 || !from_ok ||
          (ch.status != 'A' && ch.status != 'M' && ch.status != 'D'))
        return fail("commit " + std::to_string(c) + " has a malformed change");
      d->changes.push_back(ch);
    }
    d->change_begin.push_back(begin + changes);
    d->commits.push_back(std::move(info));
  }
  uint32_t follows = r.count(4 + 4 + 1 + 4 + 1);
  d->follows.reserve(follows);
  for (uint32_t i = 0; i < follows && r.ok; ++i) {
    HistoryFollow f;
    f.commit = r.u32();
    f.path = r.str();
    uint8_t found = r.u8();
    f.source = r.str();
    uint8_t deleted = r.u8();
    if (!r.ok || f.commit >= d->commits.size() || found > 1 || deleted > 1)
      return fail("a followed rename is malformed");
    f.found = found == 1;
    f.source_deleted = deleted == 1;
    d->follows.push_back(std::move(f));
  }
  if (!r.ok || r.left() != 0) return fail("its records do not fit its length");
  return HistorySnapshot(std::move(d));
}

bool HistorySnapshot::save(const fs::path& file, std::string& problem) const {
  return replace_cache_file(file, encode(), problem);
}

std::optional<HistorySnapshot> HistorySnapshot::load(const fs::path& file, std::string& problem) {
  // A file cut short while being read is not read; one cut short while written fails its checksum.
  std::optional<std::string> bytes = read_cache_file(file, uint64_t{1} << 32, problem);
  if (!bytes) return std::nullopt;
  return decode(*bytes, problem);
}

}  // namespace scrutiny
