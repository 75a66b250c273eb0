#include "sha256.h"

#include <openssl/evp.h>

#include <cstdlib>
#include <cstring>

namespace scrutiny {
namespace {

// Fetched once: EVP_sha256() would look the implementation up again at every digest's start.
// Never freed, like the library's own tables. SHA-256 is in every OpenSSL 3 provider that
// offers digests (the default and the FIPS one), so failing here means a broken libcrypto,
// which no caller could work around: stop, rather than give wrong keys.
const EVP_MD* sha256_method() {
  static const EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  if (!md) std::abort();
  return md;
}

}  // namespace

void Sha256::FreeContext::operator()(evp_md_ctx_st* ctx) const { EVP_MD_CTX_free(ctx); }

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
  if (!ctx_ || EVP_DigestInit_ex(ctx_.get(), sha256_method(), nullptr) != 1) std::abort();
}

void Sha256::flush() {
  if (pending_size_ > 0 && EVP_DigestUpdate(ctx_.get(), pending_.data(), pending_size_) != 1) std::abort();
  pending_size_ = 0;
}

void Sha256::update(std::string_view bytes) {
  // An empty view may hold no pointer at all, which memcpy must not be given even for 0 bytes.
  if (bytes.empty()) return;
  if (bytes.size() <= pending_.size() - pending_size_) {
    std::memcpy(pending_.data() + pending_size_, bytes.data(), bytes.size());
    pending_size_ += bytes.size();
    return;
  }
  flush();
  if (bytes.size() < pending_.size()) {
    std::memcpy(pending_.data(), bytes.data(), bytes.size());
    pending_size_ = bytes.size();
  } else if (EVP_DigestUpdate(ctx_.get(), bytes.data(), bytes.size()) != 1) {
    std::abort();
  }
}

std::array<uint8_t, 32> Sha256::finish() {
  flush();
  std::array<uint8_t, 32> out;
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(ctx_.get(), out.data(), &size) != 1 || size != out.size()) std::abort();
  return out;
}

std::string Sha256::hex(size_t bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::array<uint8_t, 32> digest = finish();
  std::string out;
  for (size_t i = 0; i < std::min<size_t>(bytes, 32); ++i) {
    out += kDigits[digest[i] >> 4];
    out += kDigits[digest[i] & 15];
  }
  return out;
}

}  // namespace scrutiny
