// Benchmark: SHA-256 as page keys use it, hand-written against OpenSSL's libcrypto.
//
//   sha256_perftest [--seconds S]
//
// Digests the same bytes four ways for about S seconds each (default 1) and prints the rate
// in MB/s and digests per second:
//   hand-written  the portable implementation scrutiny's Sha256 had before it used libcrypto
//                 (kept here, and only here, as the baseline)
//   SHA256_*      libcrypto's low-level functions (which pick the CPU's SHA instructions,
//                 SHA-NI on x86-64, when it has them)
//   EVP           libcrypto's EVP interface with a digest fetched once, a context per digest
//   Sha256        scrutiny's Sha256 (src/base/sha256.h) as built
// on three inputs: a whole 64 KiB buffer (raw speed), a 4 KiB buffer (a document's file,
// digested whole), and a page key's shape: 200 pieces of 8 bytes (a length) followed by 24
// bytes (a value), as PageKeyHasher feeds them. Each way's digest is checked against the
// others' first. A program run by hand (docs/performance.md), never by CTest.

#define OPENSSL_SUPPRESS_DEPRECATED  // SHA256_* are deprecated in OpenSSL 3, and measured here
#include <openssl/evp.h>
#include <openssl/sha.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sha256.h"

namespace {

// The hand-written SHA-256 (FIPS 180-4) that Sha256 was, for comparison.
class PortableSha256 {
 public:
  void update(std::string_view bytes) {
    const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
    size_t n = bytes.size();
    length_ += n;
    if (buffered_ > 0) {
      size_t take = std::min(n, 64 - buffered_);
      std::memcpy(buffer_.data() + buffered_, p, take);
      buffered_ += take;
      p += take;
      n -= take;
      if (buffered_ < 64) return;
      block(buffer_.data());
      buffered_ = 0;
    }
    for (; n >= 64; p += 64, n -= 64) block(p);
    std::memcpy(buffer_.data(), p, n);
    buffered_ = n;
  }
  std::array<uint8_t, 32> finish() {
    const uint64_t bits = length_ * 8;
    const uint8_t one = 0x80, zero = 0;
    update(std::string_view(reinterpret_cast<const char*>(&one), 1));
    while (buffered_ != 56) update(std::string_view(reinterpret_cast<const char*>(&zero), 1));
    uint8_t length[8];
    for (int i = 0; i < 8; ++i) length[i] = static_cast<uint8_t>(bits >> (56 - 8 * i));
    update(std::string_view(reinterpret_cast<const char*>(length), 8));
    std::array<uint8_t, 32> out;
    for (int i = 0; i < 8; ++i)
      for (int j = 0; j < 4; ++j) out[4 * i + j] = static_cast<uint8_t>(state_[i] >> (24 - 8 * j));
    return out;
  }

 private:
  static constexpr uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }
  void block(const uint8_t* p) {
    static constexpr uint32_t kRound[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
    uint32_t w[64];
    for (int i = 0; i < 16; ++i)
      w[i] = uint32_t(p[4 * i]) << 24 | uint32_t(p[4 * i + 1]) << 16 | uint32_t(p[4 * i + 2]) << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; ++i) {
      uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
      uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = state_[0], b = state_[1], c = state_[2], d = state_[3], e = state_[4], f = state_[5],
             g = state_[6], h = state_[7];
    for (int i = 0; i < 64; ++i) {
      uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + kRound[i] + w[i];
      uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      h = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    for (int i = 0; i < 8; ++i) state_[i] += std::array<uint32_t, 8>{a, b, c, d, e, f, g, h}[i];
  }
  std::array<uint32_t, 8> state_{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  std::array<uint8_t, 64> buffer_{};
  size_t buffered_ = 0;
  uint64_t length_ = 0;
};

using Digest = std::array<uint8_t, 32>;
using Pieces = std::vector<std::string_view>;
// One way of digesting: all the pieces in order, one digest.
using Way = std::function<Digest(const Pieces&)>;

Digest hand_written(const Pieces& pieces) {
  PortableSha256 sha;
  for (std::string_view p : pieces) sha.update(p);
  return sha.finish();
}

Digest low_level(const Pieces& pieces) {
  SHA256_CTX ctx;
  SHA256_Init(&ctx);
  for (std::string_view p : pieces) SHA256_Update(&ctx, p.data(), p.size());
  Digest out;
  SHA256_Final(out.data(), &ctx);
  return out;
}

Digest evp(const Pieces& pieces) {
  static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, md, nullptr);
  for (std::string_view p : pieces) EVP_DigestUpdate(ctx, p.data(), p.size());
  Digest out;
  unsigned int size = 0;
  EVP_DigestFinal_ex(ctx, out.data(), &size);
  EVP_MD_CTX_free(ctx);
  return out;
}

Digest ours(const Pieces& pieces) {
  scrutiny::Sha256 sha;
  for (std::string_view p : pieces) sha.update(p);
  return sha.finish();
}

// Runs `way` over `pieces` for about `seconds`; gives digests per second.
double rate(const Way& way, const Pieces& pieces, double seconds) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  uint64_t runs = 0;
  uint8_t sink = 0;
  double elapsed = 0;
  do {
    for (int i = 0; i < 64; ++i) sink ^= way(pieces)[0];
    runs += 64;
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  } while (elapsed < seconds);
  volatile uint8_t kept = sink;  // keeps the digests from being optimised away
  (void)kept;
  return static_cast<double>(runs) / elapsed;
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 1.0;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) {
      seconds = std::atof(argv[++i]);
    } else {
      std::fprintf(stderr, "usage: sha256_perftest [--seconds S]\n");
      return 2;
    }
  }
  std::string bytes(64 * 1024, '\0');
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>((i * 2654435761u) >> 13);
  Pieces key_shaped;
  for (size_t i = 0; i < 200; ++i) {
    key_shaped.push_back(std::string_view(bytes).substr(i * 32, 8));
    key_shaped.push_back(std::string_view(bytes).substr(i * 32 + 8, 24));
  }
  const struct {
    const char* name;
    Pieces pieces;
  } inputs[] = {{"64 KiB, whole", {std::string_view(bytes)}},
                {"4 KiB, whole", {std::string_view(bytes).substr(0, 4096)}},
                {"key: 200 x (8 + 24 bytes)", key_shaped}};
  const struct {
    const char* name;
    Way way;
  } ways[] = {{"hand-written", hand_written}, {"SHA256_*", low_level}, {"EVP", evp}, {"Sha256", ours}};

  for (const auto& input : inputs)
    for (const auto& way : ways)
      if (way.way(input.pieces) != hand_written(input.pieces)) {
        std::fprintf(stderr, "%s gives another digest of %s\n", way.name, input.name);
        return 1;
      }
  std::printf("%-28s %-14s %12s %14s\n", "input", "way", "MB/s", "digests/s");
  for (const auto& input : inputs) {
    size_t size = 0;
    for (std::string_view p : input.pieces) size += p.size();
    for (const auto& way : ways) {
      const double per_second = rate(way.way, input.pieces, seconds);
      std::printf("%-28s %-14s %12.1f %14.0f\n", input.name, way.name, per_second * size / 1e6, per_second);
    }
  }
  return 0;
}
