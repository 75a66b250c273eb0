#pragma once
// The old revisions a build read from git and parsed, kept for the next build (in a file beside
// its output, OutputFolder::cache_folder, or in serve's memory), so that a rebuild reads and
// parses only the revisions it has not seen. A revision is fixed by its blob id, the path it
// was read under and what parsing reads besides (`inputs`: this program and portal.toml).
// Not by the current document's path as the user names it (--content spelt another way, from
// another folder): parsing reads that only into Document::display_path, which history does
// not keep (RevisionFields).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cache_file.h"
#include "cache_file_writer.h"
#include "revision_fields.h"

namespace scrutiny {

// One revision as read_histories read it: its blob parsed by read_document.
struct ParsedRevision {
  std::string blob;                        // the blob id, in hex
  std::string path;                        // the file's path at that commit, relative to the content folder
  std::optional<RevisionFields> document;  // what history keeps of what read_document gave
  std::string body_markdown;               // and its body
};

// True when every member of `a` and `b` is the same, down to each milestone's and reference's
// (the structs of document.h have no operator==). What the round-trip test compares with.
bool same_revision(const ParsedRevision& a, const ParsedRevision& b);

// Parsed revisions read back from the file (or serve's copy of it), to be taken once each.
class ParsedRevisions {
 public:
  ParsedRevisions() = default;
  explicit ParsedRevisions(std::string inputs) : inputs_(std::move(inputs)) {}

  // What parsing read besides each revision's blob and paths (a digest); a file made for other
  // inputs is not used.
  const std::string& inputs() const { return inputs_; }
  size_t size() const { return entries_.size(); }
  const std::vector<ParsedRevision>& entries() const { return entries_; }
  void add(ParsedRevision revision);

  // Moves out a revision with this blob read under this path, or nothing. Calls for different
  // blobs or paths may run at once.
  std::optional<ParsedRevision> take(const std::string& blob, const std::string& path);
  // How many take() gave.
  size_t taken() const;

  // The file's envelope (cache_file.h). Its version is bumped whenever how a revision is
  // written changes; what parsing gives is not versioned here: `inputs` holds this program's
  // file, so another build of scrutiny never uses this one's file. 2: no display_path. 3: a
  // revision's RevisionFields, not its whole Document.
  static constexpr CacheFileFormat kFileFormat{"scrutiny parsed-revisions\n", 3, "parsed revisions file"};

  // The file's bytes: `inputs` and the revisions, sealed in kFileFormat's envelope.
  std::string encode() const;
  // Nothing, with `problem` saying why, unless `bytes` are exactly what encode() of this
  // version wrote. The bytes are untrusted: every count, length and value is checked.
  static std::optional<ParsedRevisions> decode(std::string_view bytes, std::string& problem);
  // decode() of `file`; nothing when it is missing, unreadable or not whole.
  static std::optional<ParsedRevisions> load(const std::filesystem::path& file, std::string& problem);

 private:
  std::string inputs_;
  std::vector<ParsedRevision> entries_;
  std::vector<char> taken_;  // parallel to entries_; set through std::atomic_ref by take()
  // Lookup key -> entries_ index; a key twice when a file was put back as it was before.
  std::unordered_multimap<std::string, size_t> index_;
};

// Writes the file's bytes one revision at a time, so a build's revisions need not be copied
// into a ParsedRevisions first; the bytes are those ParsedRevisions::encode() writes. Either
// all of them at once (finish), or a piece at a time into a file (write_to, then seal it).
class ParsedRevisionsEncoder {
 public:
  // `count`: how many revisions add() will be given. The file holds it before them, so it is
  // known before the first is written, and a file written as it is made needs no going back.
  ParsedRevisionsEncoder(const std::string& inputs, size_t count);
  // The bytes add() writes for this revision. Their sum, given to reserve() before the first
  // add(), allocates the bytes finish() gives once: serve holds them between builds, over a
  // hundred megabytes at national scale, which growing by doubling would hold one and a half
  // times over. (A build writes them to their file a buffer at a time instead: write_to.)
  static size_t bytes_for(const std::string& blob, const std::string& path, const RevisionFields* document,
                          const std::string& body_markdown);
  void reserve(size_t revision_bytes);
  // `document` null: none (the revision gave no document).
  void add(const std::string& blob, const std::string& path, const RevisionFields* document,
           const std::string& body_markdown);
  // How many bytes are written but not yet taken, by write_to() or finish().
  size_t pending() const { return out_.size(); }
  // Moves the bytes not yet taken to `file`; what holds them keeps its allocation for the next.
  // The caller seals `file` once the last revision is written there.
  void write_to(CacheFileWriter& file);
  // The whole file's bytes, sealed; call once, and never after write_to().
  std::string finish();

 private:
  std::string out_;
};

}  // namespace scrutiny
