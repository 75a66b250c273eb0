#pragma once
// SHA-256 (FIPS 180-4): a digest of bytes, for telling whether what a page reads has changed.

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX

namespace scrutiny {

// Fed bytes in pieces, gives the digest of all of them together. Computed by OpenSSL's
// libcrypto, which uses the CPU's SHA instructions where it has them: five times the speed of
// a portable implementation on page-sized input (src/base/sha256_perftest.cc).
class Sha256 {
 public:
  Sha256();
  void update(std::string_view bytes);
  std::array<uint8_t, 32> finish();  // call once
  // finish() in lower-case hex, cut to its first `bytes` bytes.
  std::string hex(size_t bytes = 32);

 private:
  void flush();
  struct FreeContext {
    void operator()(evp_md_ctx_st* ctx) const;
  };
  std::unique_ptr<evp_md_ctx_st, FreeContext> ctx_;
  // Page keys are fed in pieces of a few bytes (a length, a field's value), and each call into
  // libcrypto costs about as much as digesting 64 bytes: small pieces are gathered here first.
  std::array<char, 256> pending_;
  size_t pending_size_ = 0;
};

}  // namespace scrutiny
