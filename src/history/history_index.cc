// The git history of a content folder, read once from HEAD.
//
// `revisions_of` must list the same commits, in the same order, as
//   git log --follow --format=%H -- <path>
// run in the content folder, so this file reproduces what git 2.39 does rather than what
// would seem tidiest. The places where git's behaviour is surprising are marked "git:".
//
// How `git log --follow -- P` works (revision.c, log-tree.c, tree-diff.c, diffcore-rename.c):
//  * --follow turns history simplification off: every commit reachable from HEAD is walked,
//    in git's default order (a list kept sorted by committer time, newest first; commits with
//    equal times come out in the order they were queued). That is `commits()` here.
//  * A commit is shown when its diff, limited to the one path being followed, is not empty.
//    git: merge commits are never diffed by `git log` without -m/-c/--cc, and --follow makes
//    git show only commits with a diff, so merges never appear, not even evil merges.
//    A root commit (or the cut-off commit of a shallow clone) is diffed against nothing.
//  * When the followed path is created in a commit, git looks for where it came from: a diff
//    of the whole tree (not only the content folder) with copy detection and
//    --find-copies-harder, 50% similarity, considering only the followed path as a
//    destination. git: copies are followed too, so a file created by copying another (the
//    original still present) inherits the original's history, exactly as `git log --follow`
//    shows it. A deleted source is preferred over one that still exists.
//  * Having found a source, git changes the single path it follows for the rest of the walk.
//    git: this is global walk state, not per branch, so after a rename on one branch the
//    other branch's older commits are matched against the old name.

#include "history_index.h"

#include <git2.h>

#include <algorithm>
#include <cstdint>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <fstream>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <queue>
#include <string_view>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "date.h"
#include "git_tree_object.h"
#include "history_snapshot_data.h"
#include "libgit2_runtime.h"

namespace scrutiny {
namespace fs = std::filesystem;

namespace {

struct GitFree {
  void operator()(git_repository* p) const { git_repository_free(p); }
  void operator()(git_commit* p) const { git_commit_free(p); }
  void operator()(git_odb* p) const { git_odb_free(p); }
  void operator()(git_odb_object* p) const { git_odb_object_free(p); }
  void operator()(git_blob* p) const { git_blob_free(p); }
};
template <class T>
using GitPtr = std::unique_ptr<T, GitFree>;

// git_oid_equal is an out-of-line call in libgit2 1.5; this is on hot paths.
inline bool same_id(const git_oid* a, const git_oid* b) {
  return std::memcmp(a->id, b->id, GIT_OID_RAWSZ) == 0;
}

struct OidHash {
  size_t operator()(const git_oid& id) const {
    size_t h;
    std::memcpy(&h, id.id, sizeof h);
    return h;
  }
};
struct OidEq {
  bool operator()(const git_oid& a, const git_oid& b) const { return same_id(&a, &b); }
};

std::string hex(const git_oid& id) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, &id);
  return buf;
}

constexpr uint32_t kTypeMask = 0170000;
bool is_tree_mode(uint32_t mode) { return (mode & kTypeMask) == 0040000; }
bool is_regular_mode(uint32_t mode) { return (mode & kTypeMask) == 0100000; }

// ---------------------------------------------------------------------------------------
// Raw trees. Parsing tree objects ourselves and skipping equal subtrees by id is several
// times faster than git_diff_tree_to_tree with a pathspec (see docs/performance.md).

// Owns the bytes of a tree object read from the object database.
struct RawTree : TreeEntries {
  GitPtr<git_odb_object> object;
  size_t bytes() const { return size + offsets.size() * sizeof(uint32_t) + sizeof(*this); }
};

// How many leading bytes two buffers share.
size_t common_prefix(const char* a, const char* b, size_t n) {
  size_t k = 0;
  while (k + 1024 <= n && std::memcmp(a + k, b + k, 1024) == 0) k += 1024;
  while (k + 64 <= n && std::memcmp(a + k, b + k, 64) == 0) k += 64;
  while (k < n && a[k] == b[k]) ++k;
  return k;
}

// git's tree order: names compare bytewise, a tree's name as if followed by '/'.
int entry_compare(std::string_view a, bool a_tree, std::string_view b, bool b_tree) {
  size_t n = std::min(a.size(), b.size());
  int c = std::memcmp(a.data(), b.data(), n);
  if (c != 0) return c;
  unsigned ca = a.size() > n ? static_cast<unsigned char>(a[n]) : (a_tree ? '/' : 0);
  unsigned cb = b.size() > n ? static_cast<unsigned char>(b[n]) : (b_tree ? '/' : 0);
  return ca < cb ? -1 : ca > cb ? 1 : 0;
}

// git's basename_same() from diffcore-rename.c.
bool basename_same(std::string_view src, std::string_view dst) {
  size_t s = src.size(), d = dst.size();
  while (s && d) {
    char c1 = src[--s];
    char c2 = dst[--d];
    if (c1 != c2) return false;
    if (c1 == '/') return true;
  }
  return (!s || src[s - 1] == '/') && (!d || dst[d - 1] == '/');
}

// ---------------------------------------------------------------------------------------
// Similarity, as git's diffcore-delta.c computes it: the file is cut into chunks that end
// at a newline or after 64 bytes, each chunk is hashed, and the score is how many bytes of
// the larger file are covered by chunks the two share.

constexpr int kMaxScore = 60000;      // MAX_SCORE
constexpr int kMinimumScore = 30000;  // DEFAULT_RENAME_SCORE: 50%
constexpr unsigned kHashBase = 107927;

using Span = std::pair<uint32_t, uint32_t>;  // (hash, bytes)

// Appends the file's chunk hashes to `out`, sorted by hash, one entry per hash.
void hash_chars(std::string_view data, std::vector<Span>& out) {
  // git: buffer_is_binary() looks for a NUL in the first 8000 bytes.
  bool is_text = std::memchr(data.data(), 0, std::min<size_t>(data.size(), 8000)) == nullptr;
  size_t first = out.size();
  const unsigned char* buf = reinterpret_cast<const unsigned char*>(data.data());
  size_t sz = data.size();
  unsigned n = 0;
  uint32_t accum1 = 0, accum2 = 0;
  while (sz) {
    uint32_t c = *buf++;
    uint32_t old_1 = accum1;
    sz--;
    if (is_text && c == '\r' && sz && *buf == '\n') continue;
    accum1 = (accum1 << 7) ^ (accum2 >> 25);
    accum2 = (accum2 << 7) ^ (old_1 >> 25);
    accum1 += c;
    if (++n < 64 && c != '\n') continue;
    out.emplace_back((accum1 + accum2 * 0x61) % kHashBase, n);
    n = 0;
    accum1 = accum2 = 0;
  }
  // git: in 2.39 an incomplete last line (no newline, under 64 bytes) is not hashed at all,
  // so it never counts as shared material. Checked against git: see the history tests.
  std::sort(out.begin() + static_cast<long>(first), out.end());
  size_t w = first;
  for (size_t r = first; r < out.size(); ++r) {
    if (w > first && out[w - 1].first == out[r].first) out[w - 1].second += out[r].second;
    else out[w++] = out[r];
  }
  out.resize(w);
}

// diffcore_count_changes(): bytes of dst that come from src.
unsigned long shared_bytes(const Span* src, size_t ns, const Span* dst, size_t nd) {
  unsigned long copied = 0;
  size_t i = 0, j = 0;
  while (i < ns && j < nd) {
    if (src[i].first < dst[j].first) {
      ++i;
    } else if (dst[j].first < src[i].first) {
      ++j;
    } else {
      copied += std::min(src[i].second, dst[j].second);
      ++i;
      ++j;
    }
  }
  return copied;
}

// Sizes and chunk hashes of blobs, by id: an open-addressing table over flat arrays,
// because rename detection looks up every file of a tree, thousands of times.
class BlobCache {
 public:
  uint32_t find(const git_oid& id, git_odb* odb) {
    if (records_.size() * 2 >= table_.size()) grow();
    size_t mask = table_.size() - 1;
    for (size_t h = hash(id) & mask;; h = (h + 1) & mask) {
      uint32_t r = table_[h];
      if (r == 0) {
        Record rec;
        rec.id = id;
        size_t len = 0;
        git_object_t type;
        if (git_odb_read_header(&len, &type, odb, &id) == 0) rec.size = len;
        records_.push_back(rec);
        table_[h] = static_cast<uint32_t>(records_.size());
        return static_cast<uint32_t>(records_.size() - 1);
      }
      if (same_id(&records_[r - 1].id, &id)) return r - 1;
    }
  }
  size_t size(uint32_t r) const { return records_[r].size; }
  // Computes the record's chunk hashes if need be. Pointers from spans() stay valid only
  // until the next ensure_spans().
  void ensure_spans(uint32_t r, git_odb* odb) {
    Record& rec = records_[r];
    if (rec.spans_ready) return;
    rec.begin = spans_.size();
    git_odb_object* raw = nullptr;
    if (git_odb_read(&raw, odb, &rec.id) == 0) {
      GitPtr<git_odb_object> obj(raw);
      hash_chars(std::string_view(static_cast<const char*>(git_odb_object_data(raw)),
                                  git_odb_object_size(raw)),
                 spans_);
    }
    rec.len = spans_.size() - rec.begin;
    rec.spans_ready = true;
  }
  const Span* spans(uint32_t r) const { return spans_.data() + records_[r].begin; }
  size_t span_count(uint32_t r) const { return records_[r].len; }
  // Forgets the chunk hashes if they take too much memory (call between uses).
  void trim() {
    constexpr size_t kMaxSpans = 8u << 20;  // 64 MiB (--follow keeps only sketches: a few MiB)
    if (spans_.size() < kMaxSpans) return;
    spans_.clear();
    for (Record& rec : records_) rec.spans_ready = false;
  }

 private:
  struct Record {
    git_oid id{};
    size_t size = 0;
    size_t begin = 0, len = 0;
    bool spans_ready = false;
  };
  static size_t hash(const git_oid& id) {
    size_t h;
    std::memcpy(&h, id.id, sizeof h);
    return h;
  }
  void grow() {
    std::vector<uint32_t> table(std::max<size_t>(1024, table_.size() * 2), 0);
    size_t mask = table.size() - 1;
    for (size_t r = 0; r < records_.size(); ++r) {
      size_t h = hash(records_[r].id) & mask;
      while (table[h]) h = (h + 1) & mask;
      table[h] = static_cast<uint32_t>(r + 1);
    }
    table_.swap(table);
  }
  std::vector<Record> records_;
  std::vector<uint32_t> table_;
  std::vector<Span> spans_;
};

// estimate_similarity()'s first test: edits that change the size this much are not looked at.
bool sizes_may_match(unsigned long src_size, unsigned long dst_size) {
  unsigned long max_size = std::max(src_size, dst_size);
  unsigned long delta_size = max_size - std::min(src_size, dst_size);
  return max_size * (kMaxScore - kMinimumScore) >= delta_size * kMaxScore && dst_size;
}

// A blob's size and chunk hashes, read from the object database (none when it cannot be read).
struct BlobSpans {
  size_t size = 0;
  std::vector<Span> spans;
};
BlobSpans read_spans(git_odb* odb, const git_oid& id) {
  BlobSpans out;
  git_odb_object* raw = nullptr;
  if (git_odb_read(&raw, odb, &id) != 0) return out;
  GitPtr<git_odb_object> obj(raw);
  out.size = git_odb_object_size(raw);
  hash_chars(std::string_view(static_cast<const char*>(git_odb_object_data(raw)), out.size), out.spans);
  return out;
}

// estimate_similarity() from diffcore-rename.c.
int estimate_similarity(const BlobSpans& src, const BlobSpans& dst) {
  if (!sizes_may_match(src.size, dst.size)) return 0;
  unsigned long copied = shared_bytes(src.spans.data(), src.spans.size(), dst.spans.data(), dst.spans.size());
  return static_cast<int>(copied * kMaxScore / std::max(src.size, dst.size));
}

// What --follow's similarity search keeps of every source it meets: its size and which chunk
// hashes (mod 256) occur in it. Out of thousands of sources per search, that rules out all but
// a handful, whose chunk hashes are then read again; keeping every source's chunk hashes
// instead took 64 MiB and a shared pointer per source per search.
struct BlobSketch {
  git_oid id{};
  size_t size = 0;
  uint64_t mask[4] = {0, 0, 0, 0};
};
BlobSketch sketch_of(const git_oid& id, const BlobSpans& blob) {
  BlobSketch out;
  out.id = id;
  out.size = blob.size;
  for (const Span& s : blob.spans) out.mask[s.first >> 6 & 3] |= uint64_t{1} << (s.first & 63);
  return out;
}

// The bytes of dst in chunks whose hash falls in each of 256 classes (hash mod 256): with a
// sketch's mask, an upper bound on the bytes dst shares with that source.
struct DstWeights {
  explicit DstWeights(const BlobSpans& dst) : size(dst.size) {
    for (const Span& d : dst.spans) {
      by_class[d.first & 255] += d.second;
      mask[d.first >> 6 & 3] |= uint64_t{1} << (d.first & 63);
    }
  }
  // Whether estimate_similarity(src, dst) could be at least kMinimumScore (2 * shared bytes
  // >= the larger size): a size test, then dst's bytes in the hash classes src also has.
  bool may_be_similar(const BlobSketch& src) const {
    if (!sizes_may_match(src.size, size)) return false;
    unsigned long bound = 0;
    for (int w = 0; w < 4; ++w)
      for (uint64_t common = src.mask[w] & mask[w]; common; common &= common - 1)
        bound += by_class[w * 64 + __builtin_ctzll(common)];
    return 2 * bound >= std::max(src.size, size);
  }
  size_t size;
  unsigned long by_class[256] = {};
  uint64_t mask[4] = {0, 0, 0, 0};
};

// Sketches by blob id, shared by every reader of an index: an open-addressing table over
// records that are never changed or freed while it lives, so a pointer taken under the lock
// stays good after it. A sketch is some 64 bytes: a 5,000-document history's blobs take a few MiB.
class SketchStore {
 public:
  // Each id's sketch, or null where none is kept yet; under one lock for all.
  void find(const std::vector<const git_oid*>& ids, std::vector<const BlobSketch*>& out) const {
    out.assign(ids.size(), nullptr);
    std::lock_guard<std::mutex> lock(mu_);
    if (table_.empty()) return;
    size_t mask = table_.size() - 1;
    for (size_t k = 0; k < ids.size(); ++k)
      for (size_t h = OidHash{}(*ids[k]) & mask;; h = (h + 1) & mask) {
        const BlobSketch* r = table_[h];
        if (!r) break;
        if (same_id(&r->id, ids[k])) {
          out[k] = r;
          break;
        }
      }
  }
  // Keeps `made` (those another thread kept meanwhile stay as they are); the kept sketch of
  // each, in order.
  std::vector<const BlobSketch*> keep(const std::vector<BlobSketch>& made) {
    std::vector<const BlobSketch*> out;
    out.reserve(made.size());
    std::lock_guard<std::mutex> lock(mu_);
    for (const BlobSketch& m : made) {
      if ((records_.size() + 1) * 2 >= table_.size()) grow();
      size_t mask = table_.size() - 1;
      size_t h = OidHash{}(m.id) & mask;
      while (table_[h] && !same_id(&table_[h]->id, &m.id)) h = (h + 1) & mask;
      if (!table_[h]) {
        records_.push_back(m);
        table_[h] = &records_.back();
      }
      out.push_back(table_[h]);
    }
    return out;
  }

 private:
  void grow() {
    std::vector<const BlobSketch*> table(std::max<size_t>(1024, table_.size() * 2), nullptr);
    size_t mask = table.size() - 1;
    for (const BlobSketch& r : records_) {
      size_t h = OidHash{}(r.id) & mask;
      while (table[h]) h = (h + 1) & mask;
      table[h] = &r;
    }
    table_.swap(table);
  }
  mutable std::mutex mu_;
  std::deque<BlobSketch> records_;  // a deque: growing it moves none
  std::vector<const BlobSketch*> table_;
};

// diffcore-rename.c's struct diff_score and score_compare(): higher score first, then a
// matching basename; unused slots (dst < 0) last.
struct Candidate {
  int src = -1;
  int dst = -1;
  int score = 0;
  int name_score = 0;
};
int score_compare(const Candidate& a, const Candidate& b) {
  if (a.dst < 0) return 0 <= b.dst;
  if (b.dst < 0) return -1;
  if (a.score == b.score) return b.name_score - a.name_score;
  return b.score - a.score;
}
constexpr int kCandidatesPerDst = 4;  // NUM_CANDIDATE_PER_DST
void record_if_better(Candidate* m, const Candidate& o) {
  int worst = 0;
  for (int i = 1; i < kCandidatesPerDst; i++)
    if (score_compare(m[i], m[worst]) > 0) worst = i;
  if (score_compare(m[worst], o) > 0) m[worst] = o;
}

// One file in a diff, for rename detection.
struct RenameFile {
  std::string path;
  git_oid id{};
  uint32_t mode = 0;
  bool deleted = false;  // sources only: gone from the new tree
  int rename_used = 0;
};

// One handle on the repository's objects, with caches of its own. libgit2 objects must not be
// used from two threads at once, so each thread reading history checks one out of the
// index's pool (HistoryIndex::Impl::ReaderLease) for the length of one call.
struct ObjectReader {
  ObjectReader(GitPtr<git_repository> repository, GitPtr<git_odb> objects)
      : repo(std::move(repository)), odb(std::move(objects)) {}

  GitPtr<git_repository> repo;
  GitPtr<git_odb> odb;
  std::unordered_map<git_oid, std::shared_ptr<RawTree>, OidHash, OidEq> tree_cache;
  std::list<git_oid> tree_cache_order;
  size_t tree_cache_bytes = 0;
  BlobCache blobs;  // for open()'s rename listing

  std::shared_ptr<RawTree> tree(const git_oid& id) {
    auto it = tree_cache.find(id);
    if (it != tree_cache.end()) return it->second;
    git_odb_object* raw = nullptr;
    if (git_odb_read(&raw, odb.get(), &id) != 0) return nullptr;
    auto t = std::make_shared<RawTree>();
    t->object.reset(raw);
    t->data = static_cast<const char*>(git_odb_object_data(raw));
    t->size = git_odb_object_size(raw);
    if (git_odb_object_type(raw) != GIT_OBJECT_TREE || !index_tree(*t)) return nullptr;
    // A small cache: consecutive commits in the walk share most of their trees.
    constexpr size_t kTreeCacheBytes = 8u << 20;
    while (tree_cache_bytes + t->bytes() > kTreeCacheBytes && !tree_cache_order.empty()) {
      auto old = tree_cache.find(tree_cache_order.front());
      tree_cache_bytes -= old->second->bytes();
      tree_cache.erase(old);
      tree_cache_order.pop_front();
    }
    tree_cache.emplace(id, t);
    tree_cache_order.push_back(id);
    tree_cache_bytes += t->bytes();
    return t;
  }

  // The entry at `path` (no leading or trailing '/') under tree `root`.
  std::optional<RawEntry> entry_at(const git_oid& root, std::string_view path) {
    git_oid current = root;
    while (true) {
      auto t = tree(current);
      if (!t) return std::nullopt;
      size_t slash = path.find('/');
      std::string_view name = path.substr(0, slash);
      std::optional<RawEntry> found;
      for (size_t i = 0; i < t->count(); ++i) {
        RawEntry e = t->entry(i);
        if (e.name == name) {
          found = e;
          break;
        }
      }
      if (!found) return std::nullopt;
      if (slash != std::string_view::npos && !is_tree_mode(found->mode)) return std::nullopt;
      if (slash == std::string_view::npos) {
        found->name = {};  // points into a tree that may leave the cache
        return found;
      }
      current = found->id;
      path.remove_prefix(slash + 1);
    }
  }

  // The tree for the content folder in the commit whose root tree is `root`.

  using Emit = std::function<void(const std::string& path, const RawEntry* old_entry,
                                  const RawEntry* new_entry)>;

  // Files that differ between two trees (either may be absent), in git's path order,
  // skipping subtrees whose ids are equal.
  void diff_trees(const git_oid* a, const git_oid* b, std::string& base, const Emit& emit) {
    if (a && b && same_id(a, b)) return;
    std::shared_ptr<RawTree> ta = a ? tree(*a) : nullptr;
    std::shared_ptr<RawTree> tb = b ? tree(*b) : nullptr;
    const size_t na = ta ? ta->count() : 0, nb = tb ? tb->count() : 0;
    size_t i = 0, j = 0;
    size_t base_len = base.size();
    while (i < na || j < nb) {
      if (i < na && j < nb) {
        // Skip the run of byte-identical entries in one go: most of a big folder's
        // entries are the same from one commit to the next.
        size_t oa = ta->offsets[i], ob = tb->offsets[j];
        size_t k = common_prefix(ta->data + oa, tb->data + ob,
                                 std::min(ta->size - oa, tb->size - ob));
        if (k) {
          auto it = std::upper_bound(ta->offsets.begin() + static_cast<long>(i) + 1,
                                     ta->offsets.end(), static_cast<uint32_t>(oa + k));
          size_t i2 = static_cast<size_t>(it - ta->offsets.begin()) - 1;
          j += i2 - i;
          i = i2;
          if (i >= na || j >= nb) continue;
        }
      }
      std::optional<RawEntry> x, y;
      int c;
      if (i == na) {
        c = 1;
      } else if (j == nb) {
        c = -1;
      } else {
        RawEntry ea = ta->entry(i), eb = tb->entry(j);
        c = entry_compare(ea.name, is_tree_mode(ea.mode), eb.name, is_tree_mode(eb.mode));
        if (c <= 0) x = ea;
        if (c >= 0) y = eb;
      }
      if (i == na) y = tb->entry(j);
      if (j == nb) x = ta->entry(i);
      const RawEntry& named = x ? *x : *y;
      base.append(named.name);
      if (is_tree_mode(named.mode)) {
        base.push_back('/');
        diff_trees(x ? &x->id : nullptr, y ? &y->id : nullptr, base, emit);
      } else if (!x || !y || !same_id(&x->id, &y->id) || x->mode != y->mode) {
        emit(base, x ? &*x : nullptr, y ? &*y : nullptr);
      }
      base.resize(base_len);
      if (x) ++i;
      if (y) ++j;
    }
  }

  // estimate_similarity() from diffcore-rename.c, for regular files.
  int estimate_similarity(uint32_t src, uint32_t dst) {
    unsigned long src_size = blobs.size(src), dst_size = blobs.size(dst);
    if (!sizes_may_match(src_size, dst_size)) return 0;
    blobs.ensure_spans(src, odb.get());
    blobs.ensure_spans(dst, odb.get());
    unsigned long copied = shared_bytes(blobs.spans(src), blobs.span_count(src), blobs.spans(dst),
                                        blobs.span_count(dst));
    return static_cast<int>(copied * kMaxScore / std::max(src_size, dst_size));
  }
  int estimate_similarity(const RenameFile& src, const RenameFile& dst) {
    if (!is_regular_mode(src.mode) || !is_regular_mode(dst.mode)) return 0;
    return estimate_similarity(blobs.find(src.id, odb.get()), blobs.find(dst.id, odb.get()));
  }

  // diffcore_rename(): pairs destinations with sources. In copy mode (`copies`), sources
  // that still exist arrive with rename_used = 1 and may be used any number of times.
  // Returns, per destination, the source index or -1.
  std::vector<int> find_renames(std::vector<RenameFile>& srcs, const std::vector<RenameFile>& dsts,
                                bool copies) {
    std::vector<int> pairs(dsts.size(), -1);
    // Exact renames: for each destination, the first source (in path order) with the same
    // blob, preferring unused sources and then a matching basename; at most 100 looked at.
    std::unordered_map<git_oid, std::vector<int>, OidHash, OidEq> by_id;
    for (size_t s = 0; s < srcs.size(); ++s) by_id[srcs[s].id].push_back(static_cast<int>(s));
    size_t renamed = 0;
    blobs.trim();
    for (size_t d = 0; d < dsts.size(); ++d) {
      auto it = by_id.find(dsts[d].id);
      if (it == by_id.end()) continue;
      int best = -1, best_score = -1, budget = 100;
      for (int s : it->second) {
        const RenameFile& src = srcs[s];
        if (!is_regular_mode(src.mode) || !is_regular_mode(dsts[d].mode))
          if (src.mode != dsts[d].mode) continue;
        int score = !src.rename_used;
        if (src.rename_used && !copies) continue;
        score += basename_same(src.path, dsts[d].path);
        if (score > best_score) {
          best = s;
          best_score = score;
          if (score == 2) break;
        }
        if (!--budget) break;
      }
      if (best >= 0) {
        pairs[d] = best;
        srcs[best].rename_used++;
        ++renamed;
      }
    }
    size_t remaining = dsts.size() - renamed;
    if (!remaining || srcs.empty()) return pairs;
    // git: diff.renameLimit (1000) caps the matrix; past it only exact renames count.
    constexpr uint64_t kRenameLimit = 1000;
    if (!((remaining <= kRenameLimit || srcs.size() <= kRenameLimit) &&
          remaining * srcs.size() <= kRenameLimit * kRenameLimit))
      return pairs;
    // Inexact: keep the best four sources per destination, then take pairs best first.
    std::vector<Candidate> mx;
    mx.reserve(remaining * kCandidatesPerDst);
    for (size_t d = 0; d < dsts.size(); ++d) {
      if (pairs[d] >= 0) continue;
      size_t at = mx.size();
      mx.resize(at + kCandidatesPerDst);
      for (size_t s = 0; s < srcs.size(); ++s) {
        Candidate c;
        c.score = estimate_similarity(srcs[s], dsts[d]);
        c.name_score = basename_same(srcs[s].path, dsts[d].path);
        c.dst = static_cast<int>(d);
        c.src = static_cast<int>(s);
        record_if_better(&mx[at], c);
      }
    }
    std::stable_sort(mx.begin(), mx.end(), [](const Candidate& a, const Candidate& b) {
      return score_compare(a, b) < 0;
    });
    for (int pass = 0; pass < (copies ? 2 : 1); ++pass) {
      for (const Candidate& c : mx) {
        if (c.dst < 0 || c.score < kMinimumScore) break;
        if (pairs[c.dst] >= 0) continue;
        if (pass == 0 && srcs[c.src].rename_used) continue;
        pairs[c.dst] = c.src;
        srcs[c.src].rename_used++;
      }
    }
    return pairs;
  }
};

// Another reader of the repository open() found from `content_dir`; null if it will not open.
std::unique_ptr<ObjectReader> open_reader(const fs::path& content_dir) {
  git_repository* raw_repo = nullptr;
  if (git_repository_open_ext(&raw_repo, content_dir.c_str(), 0, nullptr) != 0) return nullptr;
  GitPtr<git_repository> repo(raw_repo);
  git_odb* raw_odb = nullptr;
  if (git_repository_odb(&raw_odb, raw_repo) != 0) return nullptr;
  return std::make_unique<ObjectReader>(std::move(repo), GitPtr<git_odb>(raw_odb));
}

}  // namespace

// ---------------------------------------------------------------------------------------

struct HistoryIndex::Impl {
  using Change = HistoryChange;
  struct FollowSource {
    bool found = false;
    std::string path;  // relative to the repository root
    bool deleted = false;
  };

  // Set by open(), then read-only.
  bool available = false;
  bool shallow = false;
  bool complete = false;     // no parent missing, not shallow: worth keeping in a snapshot
  size_t commits_read = 0;   // read from git, not taken from a snapshot
  std::string repository;    // the git folder, canonical
  std::string prefix;  // content folder relative to the work tree, "" or ending in '/'
  std::vector<CommitInfo> commits;
  std::vector<git_oid> tree_ids;
  std::vector<std::optional<git_oid>> parent_tree_ids;  // non-merge commits with a parent
  std::vector<uint32_t> change_begin;                   // commits.size() + 1 offsets
  std::vector<Change> changes;
  std::vector<std::string> paths;
  std::unordered_map<std::string, uint32_t> path_ids;
  std::vector<std::vector<uint32_t>> path_changes;  // per path: change indices, walk order

  // Readers of the repository for const calls on several threads at once, each used by one
  // thread at a time (libgit2 handles are not to be shared between threads). open() makes the
  // first; more are opened, up to max_readers, only when calls overlap. What --follow derives
  // from blobs is costly and the same for every reader, so it is shared (sketches), not theirs.
  fs::path opened_at;                 // where open() found the repository from
  mutable std::mutex readers_mu;
  mutable std::condition_variable reader_returned;
  mutable std::vector<std::unique_ptr<ObjectReader>> idle_readers;  // the last given back at the end
  mutable size_t readers_made = 0;    // idle or checked out; 0: no repository
  mutable size_t max_readers = 1;
  // Where --follow went, by "<commit>\n<path>": fixed by the commit, so shared by all readers.
  mutable std::mutex follow_mu;
  mutable std::unordered_map<std::string, FollowSource> follow_cache;
  // What --follow's similarity search knows of the blobs it met, for all readers.
  mutable SketchStore sketches;

  // A reader checked out of the pool, taken on first use and given back when the lease ends.
  class ReaderLease {
   public:
    explicit ReaderLease(const Impl& im) : im_(im) {}
    ~ReaderLease() {
      if (reader_) im_.give_back(std::move(reader_));
    }
    ReaderLease(const ReaderLease&) = delete;
    ReaderLease& operator=(const ReaderLease&) = delete;
    // Null when the index has no repository.
    ObjectReader* get() {
      if (!reader_) reader_ = im_.check_out();
      return reader_.get();
    }

   private:
    const Impl& im_;
    std::unique_ptr<ObjectReader> reader_;
  };

  // An idle reader, the one given back last (its caches are the warmest); or a new one when
  // all are checked out and there may be more; or, failing that, the next one given back.
  std::unique_ptr<ObjectReader> check_out() const {
    std::unique_lock<std::mutex> lock(readers_mu);
    while (true) {
      if (!idle_readers.empty()) {
        std::unique_ptr<ObjectReader> reader = std::move(idle_readers.back());
        idle_readers.pop_back();
        return reader;
      }
      if (readers_made == 0) return nullptr;
      if (readers_made < max_readers) {
        ++readers_made;
        lock.unlock();
        std::unique_ptr<ObjectReader> reader = open_reader(opened_at);
        if (reader) return reader;
        lock.lock();
        max_readers = --readers_made;  // it would not open again: share those there are
        continue;
      }
      reader_returned.wait(lock);
    }
  }
  void give_back(std::unique_ptr<ObjectReader> reader) const {
    {
      std::lock_guard<std::mutex> lock(readers_mu);
      idle_readers.push_back(std::move(reader));
    }
    reader_returned.notify_one();
  }

  uint32_t intern(const std::string& path) {
    auto [it, inserted] = path_ids.emplace(path, static_cast<uint32_t>(paths.size()));
    if (inserted) {
      paths.push_back(path);
      path_changes.emplace_back();
    }
    return it->second;
  }

  std::optional<git_oid> prefix_tree(ObjectReader& reader, const git_oid& root) const {
    if (prefix.empty()) return root;
    auto e = reader.entry_at(root, std::string_view(prefix).substr(0, prefix.size() - 1));
    if (!e || !is_tree_mode(e->mode)) return std::nullopt;
    return e->id;
  }

  // The sketches of the regular files among `srcs`, those not kept yet read with `reader`
  // (without the lock) and kept; null for other entries.
  template <class Source>
  std::vector<const BlobSketch*> sketches_of(ObjectReader& reader, const std::vector<Source>& srcs) const {
    std::vector<const git_oid*> ids(srcs.size());
    for (size_t k = 0; k < srcs.size(); ++k) ids[k] = &srcs[k].id;
    std::vector<const BlobSketch*> found;
    sketches.find(ids, found);
    std::vector<BlobSketch> made;
    std::vector<size_t> made_for;
    std::unordered_map<git_oid, size_t, OidHash, OidEq> made_at;  // a blob in two places is read once
    for (size_t k = 0; k < srcs.size(); ++k) {
      if (found[k] || !is_regular_mode(srcs[k].mode)) continue;
      auto [it, first] = made_at.emplace(srcs[k].id, made.size());
      if (first) made.push_back(sketch_of(srcs[k].id, read_spans(reader.odb.get(), srcs[k].id)));
      made_for.push_back(k);
    }
    if (made.empty()) return found;
    std::vector<const BlobSketch*> kept = sketches.keep(made);
    for (size_t k : made_for) found[k] = kept[made_at.at(srcs[k].id)];
    for (size_t k = 0; k < srcs.size(); ++k)
      if (!is_regular_mode(srcs[k].mode)) found[k] = nullptr;
    return found;
  }

  // What `git log --follow` does when the followed path `path` (from the repository root)
  // is created by commit `c`: try_to_follow_renames() in tree-diff.c, which runs
  // diffcore_rename() in copy mode with --find-copies-harder and only `path` as a
  // destination. This is find_renames() specialised to one destination, without building a
  // string per source. Reads with `lease`'s reader only when not found before.
  FollowSource follow_source(size_t c, const std::string& path, ReaderLease& lease) const {
    std::string key = std::to_string(c) + '\n' + path;
    {
      std::lock_guard<std::mutex> lock(follow_mu);
      auto cached = follow_cache.find(key);
      if (cached != follow_cache.end()) return cached->second;
    }
    FollowSource result;
    ObjectReader* reader = lease.get();
    if (!reader) return result;
    ObjectReader& r = *reader;
    std::optional<RawEntry> dst;
    if (parent_tree_ids[c]) dst = r.entry_at(tree_ids[c], path);
    if (dst && !is_tree_mode(dst->mode)) {
      std::string_view dst_name = std::string_view(path).substr(path.rfind('/') + 1);
      // Sources: every file of the parent's tree (--find-copies-harder), in path order.
      // Those still in the commit's tree are "used" once already, so deleted ones win.
      struct Source {
        git_oid id;
        uint32_t mode;
        uint32_t dir;
        std::string_view name;
        bool deleted;
      };
      std::vector<Source> srcs;
      std::vector<std::string> dirs{""};
      std::vector<std::shared_ptr<RawTree>> keep;  // the names point into these
      std::function<void(const git_oid*, const git_oid*, uint32_t)> walk =
          [&](const git_oid* a, const git_oid* b, uint32_t dir) {
            auto ta = r.tree(*a);
            if (!ta) return;
            keep.push_back(ta);
            bool same = b && same_id(a, b);
            std::shared_ptr<RawTree> tb = b && !same ? r.tree(*b) : nullptr;
            if (tb) keep.push_back(tb);
            size_t j = 0;
            size_t identical_until = 0;  // entries of ta before this are also in tb
            for (size_t i = 0; i < ta->count(); ++i) {
              RawEntry e = ta->entry(i);
              bool e_tree = is_tree_mode(e.mode);
              std::optional<RawEntry> match;
              if (same || i < identical_until) {
                match = e;
              } else if (tb) {
                // Skip a run of byte-identical entries at once, as diff_trees does.
                if (j < tb->count()) {
                  size_t oa = ta->offsets[i], ob = tb->offsets[j];
                  size_t k = common_prefix(ta->data + oa, tb->data + ob,
                                           std::min(ta->size - oa, tb->size - ob));
                  auto it = std::upper_bound(ta->offsets.begin() + static_cast<long>(i) + 1,
                                             ta->offsets.end(), static_cast<uint32_t>(oa + k));
                  size_t run = static_cast<size_t>(it - ta->offsets.begin()) - 1 - i;
                  if (run > 0) {
                    identical_until = i + run;
                    j += run;
                    match = e;
                  }
                }
                if (!match) {
                  while (j < tb->count()) {
                    RawEntry f = tb->entry(j);
                    int cmp = entry_compare(f.name, is_tree_mode(f.mode), e.name, e_tree);
                    if (cmp == 0) match = f;
                    if (cmp >= 0) break;
                    ++j;
                  }
                }
              }
              if (e_tree) {
                uint32_t sub = static_cast<uint32_t>(dirs.size());
                dirs.push_back(dirs[dir] + std::string(e.name) + "/");
                walk(&e.id, match ? &match->id : nullptr, sub);
              } else {
                srcs.push_back({e.id, e.mode, dir, e.name, !match});
              }
            }
          };
      walk(&*parent_tree_ids[c], &tree_ids[c], 0);

      // Exact: find_identical_files().
      int best = -1, best_score = -1, budget = 100;
      for (size_t k = 0; k < srcs.size(); ++k) {
        const Source& src = srcs[k];
        if (!same_id(&src.id, &dst->id)) continue;
        if ((!is_regular_mode(src.mode) || !is_regular_mode(dst->mode)) && src.mode != dst->mode)
          continue;
        int score = (src.deleted ? 1 : 0) + (src.name == dst_name ? 1 : 0);
        if (score > best_score) {
          best = static_cast<int>(k);
          best_score = score;
          if (score == 2) break;
        }
        if (!--budget) break;
      }
      if (best < 0 && is_regular_mode(dst->mode)) {
        // Inexact: the best four by similarity, ties to the same basename, then a deleted
        // source over one that stays (find_renames() without, then with, copies).
        const BlobSpans dst_spans = read_spans(r.odb.get(), dst->id);
        const DstWeights weights(dst_spans);
        const std::vector<const BlobSketch*> sketch = sketches_of(r, srcs);
        // A source's exact score needs its chunk hashes, read again: for the few the sketch
        // does not rule out, or, when scores tie, for every source of a size that may match.
        auto score_of = [&](size_t k) {
          if (!sizes_may_match(sketch[k]->size, dst_spans.size)) return 0;
          return estimate_similarity(read_spans(r.odb.get(), srcs[k].id), dst_spans);
        };
        std::vector<Candidate> similar;
        for (size_t k = 0; k < srcs.size(); ++k) {
          if (!sketch[k] || !weights.may_be_similar(*sketch[k])) continue;
          Candidate cand;
          cand.score = score_of(k);
          if (cand.score < kMinimumScore) continue;
          cand.src = static_cast<int>(k);
          cand.dst = 0;
          cand.name_score = srcs[k].name == dst_name;
          similar.push_back(cand);
        }
        auto by_rank = [](const Candidate& x, const Candidate& y) {
          return score_compare(x, y) < 0;
        };
        std::stable_sort(similar.begin(), similar.end(), by_rank);
        bool tie = false;
        for (size_t k = 1; k < similar.size(); ++k)
          tie |= similar[k].score == similar[k - 1].score &&
                 similar[k].name_score == similar[k - 1].name_score;
        std::vector<Candidate> kept;
        if (!tie) {
          kept.assign(similar.begin(),
                      similar.begin() + static_cast<long>(std::min<size_t>(similar.size(), 4)));
        } else {
          Candidate m[kCandidatesPerDst];
          for (size_t k = 0; k < srcs.size(); ++k) {
            const Source& src = srcs[k];
            Candidate cand;
            cand.src = static_cast<int>(k);
            cand.dst = 0;
            cand.name_score = src.name == dst_name;
            if (sketch[k]) cand.score = score_of(k);
            record_if_better(m, cand);
          }
          kept.assign(std::begin(m), std::end(m));
          std::stable_sort(kept.begin(), kept.end(), by_rank);
        }
        for (int pass = 0; pass < 2 && best < 0; ++pass)
          for (const Candidate& cand : kept) {
            if (cand.dst < 0 || cand.score < kMinimumScore) break;
            if (pass == 0 && !srcs[cand.src].deleted) continue;
            best = cand.src;
            break;
          }
      }
      if (best >= 0) {
        result.found = true;
        result.path = dirs[srcs[best].dir] + std::string(srcs[best].name);
        result.deleted = srcs[best].deleted;
      }
    }
    // Another thread may have found the same meanwhile: the same result, kept once.
    std::lock_guard<std::mutex> lock(follow_mu);
    follow_cache.emplace(std::move(key), result);
    return result;
  }

  // Changes to `path` (from the repository root) made by non-merge commits from `from` on,
  // in walk order, for a path outside the content folder (not in the index). Slow: looks
  // the path up in every commit's tree.
  std::optional<Change> next_change_outside(ObjectReader& reader, const std::string& path, size_t& from) const {
    for (; from < commits.size(); ++from) {
      if (commits[from].parents.size() > 1) continue;
      std::optional<RawEntry> now = reader.entry_at(tree_ids[from], path);
      std::optional<RawEntry> before;
      if (parent_tree_ids[from]) before = reader.entry_at(*parent_tree_ids[from], path);
      if (now && is_tree_mode(now->mode)) now.reset();
      if (before && is_tree_mode(before->mode)) before.reset();
      if (!now && !before) continue;
      if (now && before && same_id(&now->id, &before->id) && now->mode == before->mode)
        continue;
      Change ch;
      ch.commit = static_cast<uint32_t>(from);
      ch.status = !before ? 'A' : !now ? 'D' : 'M';
      if (before) ch.old_id = before->id, ch.old_mode = before->mode;
      if (now) ch.new_id = now->id, ch.new_mode = now->mode;
      return ch;
    }
    return std::nullopt;
  }

  std::string relative_to_content(const std::string& repo_path) const {
    if (repo_path.compare(0, prefix.size(), prefix) == 0) return repo_path.substr(prefix.size());
    // Outside the content folder (history followed a file in from elsewhere).
    std::string up;
    for (char ch : prefix)
      if (ch == '/') up += "../";
    return up + repo_path;
  }

  void detect_renames_for_listing(ObjectReader& reader, size_t begin, size_t end);
};

HistoryIndex::HistoryIndex() : impl_(std::make_unique<Impl>()) {}
HistoryIndex::~HistoryIndex() = default;
HistoryIndex::HistoryIndex(HistoryIndex&&) noexcept = default;
HistoryIndex& HistoryIndex::operator=(HistoryIndex&&) noexcept = default;

bool HistoryIndex::available() const { return impl_ && impl_->available; }
bool HistoryIndex::shallow() const { return impl_ && impl_->shallow; }
const CommitInfo* HistoryIndex::head() const {
  return available() && !impl_->commits.empty() ? &impl_->commits.front() : nullptr;
}
const std::vector<CommitInfo>& HistoryIndex::commits() const {
  static const std::vector<CommitInfo> kNone;
  return impl_ ? impl_->commits : kNone;
}

void HistoryIndex::Impl::detect_renames_for_listing(ObjectReader& reader, size_t begin, size_t end) {
  // `git show --name-status` (diff.renames: rename detection, no copies) within the content
  // folder: deleted files are the sources, added files the destinations.
  std::vector<RenameFile> srcs, dsts;
  std::vector<size_t> src_change, dst_change;
  for (size_t i = begin; i < end; ++i) {
    const Change& ch = changes[i];
    if (ch.status != 'A' && ch.status != 'D') continue;
    RenameFile f;
    f.path = paths[ch.path];
    f.id = ch.status == 'A' ? ch.new_id : ch.old_id;
    f.mode = ch.status == 'A' ? ch.new_mode : ch.old_mode;
    f.deleted = ch.status == 'D';
    (ch.status == 'A' ? dsts : srcs).push_back(std::move(f));
    (ch.status == 'A' ? dst_change : src_change).push_back(i);
  }
  if (srcs.empty() || dsts.empty()) return;
  std::vector<int> pairs = reader.find_renames(srcs, dsts, /*copies=*/false);
  for (size_t d = 0; d < dsts.size(); ++d) {
    if (pairs[d] < 0) continue;
    changes[dst_change[d]].renamed_from = static_cast<int32_t>(src_change[pairs[d]]);
    changes[src_change[pairs[d]]].renamed_away = true;
  }
}

HistoryIndex HistoryIndex::open(const fs::path& content_dir, Diagnostics& diags) {
  return open(content_dir, diags, nullptr);
}

HistoryIndex HistoryIndex::open(const fs::path& content_dir, Diagnostics& diags, const HistorySnapshot* known) {
  start_libgit2();
  using Change = Impl::Change;
  HistoryIndex index;
  Impl& im = *index.impl_;
  const std::string shown = content_dir.string();

  std::error_code ec;
  fs::path abs = fs::weakly_canonical(fs::absolute(content_dir, ec), ec);
  git_repository* raw_repo = nullptr;
  if (ec || git_repository_open_ext(&raw_repo, abs.c_str(), 0, nullptr) != 0) {
    diags.warning("", 0, "", shown + " is not in a git repository: pages will have no history");
    return index;
  }
  GitPtr<git_repository> repo(raw_repo);
  const char* workdir = git_repository_workdir(raw_repo);
  if (!workdir) {
    diags.warning("", 0, "", shown + " is not in a git work tree: pages will have no history");
    return index;
  }
  fs::path work = fs::weakly_canonical(fs::path(workdir), ec);
  fs::path rel = abs.lexically_relative(work);
  std::string rel_s = rel.generic_string();
  if (rel.empty() || rel_s == "." ) {
    im.prefix.clear();
  } else if (rel_s.rfind("..", 0) == 0) {
    diags.warning("", 0, "", shown + " is not in a git repository: pages will have no history");
    return index;
  } else {
    im.prefix = rel_s;
    if (im.prefix.back() != '/') im.prefix.push_back('/');
  }

  git_odb* raw_odb = nullptr;
  if (git_repository_odb(&raw_odb, raw_repo) != 0) {
    diags.warning("", 0, "", shown + ": cannot read the git object database: pages will have no history");
    return index;
  }
  // The first reader, this thread's alone until open() returns.
  im.opened_at = abs;
  im.max_readers = std::max(1u, std::thread::hardware_concurrency());
  im.idle_readers.push_back(std::make_unique<ObjectReader>(std::move(repo), GitPtr<git_odb>(raw_odb)));
  im.readers_made = 1;
  ObjectReader& reader = *im.idle_readers.back();

  git_oid head_id;
  if (git_repository_head_unborn(raw_repo) == 1 ||
      git_reference_name_to_id(&head_id, raw_repo, "HEAD") != 0) {
    diags.warning("", 0, "",
                  shown + " is in a git repository with no commits yet: pages will have no history");
    return index;
  }

  // A shallow clone's cut-off commits name parents that are not there; git treats them as
  // having none (libgit2 1.5 does not, so read .git/shallow ourselves).
  std::unordered_set<git_oid, OidHash, OidEq> cut_off;
  if (git_repository_is_shallow(raw_repo) == 1) {
    im.shallow = true;
    std::ifstream in(fs::path(git_repository_commondir(raw_repo)) / "shallow");
    std::string line;
    while (std::getline(in, line)) {
      git_oid id;
      if (line.size() >= GIT_OID_HEXSZ && git_oid_fromstrn(&id, line.data(), GIT_OID_HEXSZ) == 0)
        cut_off.insert(id);
    }
  }

  // A snapshot of this repository's history for this content folder: its commits are taken
  // from it rather than read again. A commit's id fixes its parents, trees and message, so
  // what was derived from it still holds whatever HEAD is now (amended, rebased, another
  // branch); a shallow clone's cut-off commits are not, so it never uses one.
  std::error_code canonical_ec;
  im.repository = fs::weakly_canonical(fs::path(git_repository_commondir(raw_repo)), canonical_ec).string();
  const HistorySnapshot::Data* kept = known ? known->data() : nullptr;
  if (kept && (im.shallow || kept->repository != im.repository || kept->prefix != im.prefix)) kept = nullptr;
  std::unordered_map<git_oid, uint32_t, OidHash, OidEq> kept_at;
  for (size_t k = 0; kept && k < kept->commits.size(); ++k) {
    git_oid id;
    if (git_oid_fromstrn(&id, kept->commits[k].id.data(), kept->commits[k].id.size()) != 0 ||
        !kept_at.emplace(id, static_cast<uint32_t>(k)).second) {
      kept = nullptr;  // not a snapshot open() made: read everything again
      kept_at.clear();
    }
  }

  // git's default walk (revision.c, get_revision_1 with commit_list_insert_by_date): pop the
  // newest queued commit; among equal committer times, the one queued first. Parents are
  // queued in order when their child is popped, each only once.
  struct Queued {
    long long time;
    uint64_t seq;
    git_oid id;
  };
  auto later = [](const Queued& a, const Queued& b) {
    return a.time != b.time ? a.time < b.time : a.seq > b.seq;
  };
  std::priority_queue<Queued, std::vector<Queued>, decltype(later)> queue(later);
  std::unordered_set<git_oid, OidHash, OidEq> seen;
  uint64_t seq = 0;
  bool missing_warned = false;
  {
    git_commit* c = nullptr;
    if (git_commit_lookup(&c, raw_repo, &head_id) != 0) {
      diags.warning("", 0, "", shown + ": HEAD does not name a commit: pages will have no history");
      return index;
    }
    GitPtr<git_commit> head(c);
    queue.push({static_cast<long long>(git_commit_time(c)), seq++, head_id});
    seen.insert(head_id);
  }

  // The walk reads each commit and queues its parents, in git's order; what each commit
  // changed is worked out after it (below), where the tree diffs, most of open()'s time, run
  // on two readers at once.
  struct Walked {
    int64_t kept = -1;                  // the snapshot's commit, or -1: read from git
    std::vector<git_oid> parent_trees;  // a commit read from git: its parents' root trees
  };
  std::vector<Walked> walked;
  // Takes commit `k` of the snapshot as the walk's next commit, as the code below would have
  // read it. False, having changed nothing, when one of its parents cannot be found now.
  std::vector<int64_t> kept_now(kept ? kept->commits.size() : 0, -1);  // where each is now
  auto take_kept = [&](uint32_t k) {
    const CommitInfo& info = kept->commits[k];
    std::vector<Queued> parents;
    for (const std::string& hex_parent : info.parents) {
      Queued parent{0, 0, {}};
      if (git_oid_fromstrn(&parent.id, hex_parent.data(), hex_parent.size()) != 0) return false;
      if (auto p = kept_at.find(parent.id); p != kept_at.end()) {
        parent.time = kept->commits[p->second].commit_time;
      } else {
        git_commit* raw_parent = nullptr;
        if (git_commit_lookup(&raw_parent, raw_repo, &parent.id) != 0) return false;
        parent.time = git_commit_time(raw_parent);
        git_commit_free(raw_parent);
      }
      parents.push_back(parent);
    }
    for (Queued& parent : parents)
      if (seen.insert(parent.id).second) queue.push({parent.time, seq++, parent.id});
    kept_now[k] = static_cast<int64_t>(im.commits.size());
    im.commits.push_back(info);
    im.tree_ids.push_back(kept->tree_ids[k]);
    im.parent_tree_ids.push_back(kept->parent_tree_ids[k]);
    walked.push_back({k, {}});
    return true;
  };

  bool unreadable = false;
  while (!queue.empty()) {
    Queued q = queue.top();
    queue.pop();
    if (kept) {
      auto k = kept_at.find(q.id);
      if (k != kept_at.end() && take_kept(k->second)) continue;
    }
    ++im.commits_read;
    git_commit* raw_commit = nullptr;
    if (git_commit_lookup(&raw_commit, raw_repo, &q.id) != 0) {
      unreadable = true;
      continue;
    }
    GitPtr<git_commit> commit(raw_commit);

    CommitInfo info;
    info.id = hex(q.id);
    const git_signature* author = git_commit_author(raw_commit);
    info.author_name = author->name ? author->name : "";
    info.author_email = author->email ? author->email : "";
    info.author_time = author->when.time;
    info.author_offset = author->when.offset;
    info.commit_time = git_commit_time(raw_commit);
    info.commit_offset = git_commit_time_offset(raw_commit);
    const char* message = git_commit_message(raw_commit);
    info.message = message ? message : "";
    info.summary = commit_summary(info.message);

    std::vector<git_oid> parents;
    if (cut_off.count(q.id)) {
      info.history_cut_off = true;
    } else {
      unsigned n = git_commit_parentcount(raw_commit);
      for (unsigned i = 0; i < n; ++i) parents.push_back(*git_commit_parent_id(raw_commit, i));
    }
    std::vector<git_oid> parent_trees;
    for (const git_oid& pid : parents) {
      git_commit* raw_parent = nullptr;
      if (git_commit_lookup(&raw_parent, raw_repo, &pid) != 0) {
        info.history_cut_off = true;
        if (!missing_warned) {
          diags.warning("", 0, "",
                        "history is incomplete: commit " + hex(pid) + " is missing from the repository");
          missing_warned = true;
        }
        continue;
      }
      GitPtr<git_commit> parent(raw_parent);
      info.parents.push_back(hex(pid));
      parent_trees.push_back(*git_commit_tree_id(raw_parent));
      if (seen.insert(pid).second)
        queue.push({static_cast<long long>(git_commit_time(raw_parent)), seq++, pid});
    }
    im.tree_ids.push_back(*git_commit_tree_id(raw_commit));
    im.parent_tree_ids.push_back(parent_trees.size() == 1 ? std::optional(parent_trees[0])
                                                          : std::nullopt);
    im.commits.push_back(std::move(info));
    walked.push_back({-1, std::move(parent_trees)});
  }

  // What each commit read from git changed in the content folder, with paths not yet interned
  // (path ids are given in walk order below, so they do not depend on which reader ran first).
  struct Found {
    std::string path;
    Change change;
  };
  std::vector<std::vector<Found>> found(walked.size());
  auto find_changes = [&](ObjectReader& r, size_t c) {
    const std::vector<git_oid>& parent_trees = walked[c].parent_trees;
    std::vector<Found>& out = found[c];
    std::optional<git_oid> new_tree = im.prefix_tree(r, im.tree_ids[c]);
    std::string base = im.prefix;
    auto emit_into = [c](std::vector<Found>& into) {
      return [&into, c](const std::string& path, const RawEntry* a, const RawEntry* b) {
        Change ch;
        ch.commit = static_cast<uint32_t>(c);
        ch.status = !a ? 'A' : !b ? 'D' : 'M';
        if (a) ch.old_id = a->id, ch.old_mode = a->mode;
        if (b) ch.new_id = b->id, ch.new_mode = b->mode;
        into.push_back({path, ch});
      };
    };
    if (parent_trees.size() <= 1) {
      std::optional<git_oid> old_tree;
      if (!parent_trees.empty()) old_tree = im.prefix_tree(r, parent_trees[0]);
      r.diff_trees(old_tree ? &*old_tree : nullptr, new_tree ? &*new_tree : nullptr, base, emit_into(out));
      return;
    }
    // A merge lists the paths that differ from every parent (`git show` on a merge),
    // described relative to the first parent.
    std::optional<git_oid> first = im.prefix_tree(r, parent_trees[0]);
    r.diff_trees(first ? &*first : nullptr, new_tree ? &*new_tree : nullptr, base, emit_into(out));
    for (size_t p = 1; p < parent_trees.size() && !out.empty(); ++p) {
      std::vector<Found> other;
      std::optional<git_oid> pt = im.prefix_tree(r, parent_trees[p]);
      r.diff_trees(pt ? &*pt : nullptr, new_tree ? &*new_tree : nullptr, base, emit_into(other));
      std::unordered_set<std::string> differs;
      for (const Found& f : other) differs.insert(f.path);
      out.erase(std::remove_if(out.begin(), out.end(), [&](const Found& f) { return !differs.count(f.path); }),
                out.end());
    }
  };
  std::vector<size_t> to_diff;
  for (size_t c = 0; c < walked.size(); ++c)
    if (walked[c].kept < 0) to_diff.push_back(c);
  // Two halves of the history, each on a reader of its own (consecutive commits share most
  // trees, so each keeps its tree cache warm); a short history is not worth a second reader.
  std::unique_ptr<ObjectReader> second;
  if (to_diff.size() >= 512 && im.max_readers >= 2) second = open_reader(abs);
  const size_t half = second ? to_diff.size() / 2 : to_diff.size();
  std::thread older;
  if (second)
    older = std::thread([&] {
      for (size_t i = half; i < to_diff.size(); ++i) find_changes(*second, to_diff[i]);
    });
  for (size_t i = 0; i < half; ++i) find_changes(reader, to_diff[i]);
  if (older.joinable()) older.join();
  if (second) {
    im.idle_readers.push_back(std::move(second));  // for revisions_of, warm
    ++im.readers_made;
  }

  // Changes are listed per path only for commits with one parent or none, as git log does
  // without -m; a merge's changes are still the commit's (changes_in).
  im.change_begin.push_back(0);
  for (size_t c = 0; c < walked.size(); ++c) {
    const size_t begin = im.changes.size();
    const bool merge = im.commits[c].parents.size() > 1;
    if (walked[c].kept >= 0) {
      const uint32_t k = static_cast<uint32_t>(walked[c].kept);
      const uint32_t from = kept->change_begin[k], to = kept->change_begin[k + 1];
      const int64_t shift = static_cast<int64_t>(begin) - from;
      for (uint32_t i = from; i < to; ++i) {
        Change ch = kept->changes[i];
        ch.commit = static_cast<uint32_t>(c);
        ch.path = im.intern(kept->paths[ch.path]);
        if (ch.renamed_from >= 0) ch.renamed_from = static_cast<int32_t>(ch.renamed_from + shift);
        if (!merge) im.path_changes[ch.path].push_back(static_cast<uint32_t>(im.changes.size()));
        im.changes.push_back(ch);
      }
    } else {
      bool adds = false, deletes = false;
      for (Found& f : found[c]) {
        f.change.path = im.intern(f.path);
        if (!merge) im.path_changes[f.change.path].push_back(static_cast<uint32_t>(im.changes.size()));
        adds |= f.change.status == 'A';
        deletes |= f.change.status == 'D';
        im.changes.push_back(f.change);
      }
      std::vector<Found>().swap(found[c]);
      // Rename detection is only needed for listing renames (following is done lazily, per
      // path), and only where a commit both adds and deletes files.
      if (adds && deletes && !im.commits[c].parents.empty())
        im.detect_renames_for_listing(reader, begin, im.changes.size());
    }
    im.change_begin.push_back(static_cast<uint32_t>(im.changes.size()));
  }

  im.available = !im.commits.empty();
  im.complete = !im.shallow && !missing_warned && !unreadable;
  // Where --follow went from the commits kept, under their places in this walk.
  for (size_t i = 0; kept && i < kept->follows.size(); ++i) {
    const HistoryFollow& f = kept->follows[i];
    if (kept_now[f.commit] < 0) continue;
    Impl::FollowSource source{f.found, f.source, f.source_deleted};
    im.follow_cache.emplace(std::to_string(kept_now[f.commit]) + '\n' + f.path, std::move(source));
  }
  if (im.shallow && im.available) {
    const CommitInfo* oldest = &im.commits.front();
    for (const CommitInfo& ci : im.commits)
      if (ci.commit_time < oldest->commit_time) oldest = &ci;
    diags.warning("", 0, "",
                  "history is cut short: this is a shallow clone; the site shows history from " +
                      Date::from_unix(oldest->commit_time, oldest->commit_offset).long_form() +
                      "; fetch full history with `git fetch --unshallow`");
  }
  return index;
}

size_t HistoryIndex::commits_read() const { return impl_ ? impl_->commits_read : 0; }

HistorySnapshot HistoryIndex::snapshot() const {
  if (!available() || !impl_->complete) return {};
  const Impl& im = *impl_;
  auto data = std::make_shared<HistorySnapshot::Data>();
  data->repository = im.repository;
  data->prefix = im.prefix;
  data->commits = im.commits;
  data->tree_ids = im.tree_ids;
  data->parent_tree_ids = im.parent_tree_ids;
  data->change_begin = im.change_begin;
  data->changes = im.changes;
  data->paths = im.paths;
  std::lock_guard<std::mutex> lock(im.follow_mu);
  for (const auto& [key, source] : im.follow_cache) {
    size_t newline = key.find('\n');
    HistoryFollow f;
    f.commit = static_cast<uint32_t>(std::stoul(key.substr(0, newline)));
    f.path = key.substr(newline + 1);
    f.found = source.found;
    f.source = source.path;
    f.source_deleted = source.deleted;
    data->follows.push_back(std::move(f));
  }
  // The cache is a hash map: sorted, the same index always writes the same file.
  std::sort(data->follows.begin(), data->follows.end(), [](const HistoryFollow& a, const HistoryFollow& b) {
    return std::tie(a.commit, a.path) < std::tie(b.commit, b.path);
  });
  return HistorySnapshot(std::move(data));
}

std::vector<FileRevision> HistoryIndex::revisions_of(const std::string& path) const {
  std::vector<FileRevision> out;
  if (!available()) return out;
  const Impl& im = *impl_;
  std::string rel = fs::path(path).lexically_normal().generic_string();
  while (rel.rfind("./", 0) == 0) rel.erase(0, 2);
  while (!rel.empty() && rel.back() == '/') rel.pop_back();
  if (rel.empty() || rel == ".") return out;
  std::string current = (fs::path(im.prefix) / rel).lexically_normal().generic_string();
  if (current.empty() || current.rfind("../", 0) == 0 || current == "..") return out;

  size_t from = 0;
  Impl::ReaderLease lease(im);  // taken only if the walk reads git
  while (from < im.commits.size()) {
    // The next change to `current` at or after `from`.
    std::optional<Impl::Change> outside_change;
    const Impl::Change* ch = nullptr;
    bool inside = current.compare(0, im.prefix.size(), im.prefix) == 0;
    if (inside) {
      auto it = im.path_ids.find(current);
      if (it == im.path_ids.end()) break;
      const std::vector<uint32_t>& list = im.path_changes[it->second];
      auto pos = std::lower_bound(list.begin(), list.end(), from, [&](uint32_t change, size_t f) {
        return im.changes[change].commit < f;
      });
      if (pos == list.end()) break;
      ch = &im.changes[*pos];
    } else {
      ObjectReader* reader = lease.get();
      if (!reader) break;
      outside_change = im.next_change_outside(*reader, current, from);
      if (!outside_change) break;
      ch = &*outside_change;
    }
    size_t c = ch->commit;
    FileRevision rev;
    rev.commit = c;
    rev.path = im.relative_to_content(current);
    rev.blob = ch->status == 'D' ? std::string() : hex(ch->new_id);
    rev.change = ch->status;
    from = c + 1;
    if (ch->status == 'A' && im.parent_tree_ids[c]) {
      Impl::FollowSource src = im.follow_source(c, current, lease);
      if (src.found) {
        // 'R' when the source went away in this commit; 'C' when it was copied (git
        // --follow continues with the source's history in both cases).
        rev.change = src.deleted ? 'R' : 'C';
        current = src.path;
      }
    }
    out.push_back(std::move(rev));
  }
  return out;
}

std::vector<FileRevision> HistoryIndex::changes_in(size_t commit_index) const {
  std::vector<FileRevision> out;
  if (!available() || commit_index >= impl_->commits.size()) return out;
  const Impl& im = *impl_;
  for (uint32_t i = im.change_begin[commit_index]; i < im.change_begin[commit_index + 1]; ++i) {
    const Impl::Change& ch = im.changes[i];
    if (ch.renamed_away) continue;
    FileRevision rev;
    rev.commit = commit_index;
    rev.path = im.relative_to_content(im.paths[ch.path]);
    rev.blob = ch.status == 'D' ? std::string() : hex(ch.new_id);
    rev.change = ch.renamed_from >= 0 ? 'R' : ch.status;
    out.push_back(std::move(rev));
  }
  return out;
}

std::string HistoryIndex::read_blob(const std::string& blob_id) const {
  if (!impl_) return {};
  git_oid id;
  if (blob_id.size() != GIT_OID_HEXSZ || git_oid_fromstr(&id, blob_id.c_str()) != 0) return {};
  Impl::ReaderLease lease(*impl_);
  ObjectReader* reader = lease.get();
  if (!reader) return {};
  git_blob* raw = nullptr;
  if (git_blob_lookup(&raw, reader->repo.get(), &id) != 0) return {};
  GitPtr<git_blob> blob(raw);
  return std::string(static_cast<const char*>(git_blob_rawcontent(raw)),
                     static_cast<size_t>(git_blob_rawsize(raw)));
}

void HistoryIndex::release_caches() {
  if (!impl_) return;
  Impl& im = *impl_;
  std::lock_guard<std::mutex> lock(im.readers_mu);
  if (im.idle_readers.empty()) return;
  im.readers_made -= im.idle_readers.size();
  im.idle_readers.clear();
  // One fresh handle, caches empty, so the pool still reads the repository (readers_made 0
  // means there is none, as it will if the repository cannot be opened again).
  if (im.readers_made == 0)
    if (std::unique_ptr<ObjectReader> reader = open_reader(im.opened_at)) {
      im.idle_readers.push_back(std::move(reader));
      im.readers_made = 1;
    }
}

}  // namespace scrutiny
