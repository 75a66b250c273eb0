#include <doctest/doctest.h>

#include <string>

#include "sha256.h"

using scrutiny::Sha256;

TEST_CASE("sha256: the standard's test vectors, fed whole and in pieces") {
  CHECK(Sha256().hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  Sha256 abc;
  abc.update("abc");
  CHECK(abc.hex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const std::string two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  Sha256 whole;
  whole.update(two_blocks);
  CHECK(whole.hex() == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  Sha256 pieces;
  for (char c : two_blocks) pieces.update(std::string_view(&c, 1));
  CHECK(pieces.hex(16) == "248d6a61d20638b8e5c026930c3e6039");
  Sha256 million;
  const std::string thousand(1000, 'a');
  for (int i = 0; i < 1000; ++i) million.update(thousand);
  CHECK(million.hex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256: pieces of every size, gathered or passed straight on, give the digest of the whole") {
  std::string bytes(70000, '\0');
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 7 + i / 251);
  Sha256 whole;
  whole.update(bytes);
  Sha256 pieces;
  size_t at = 0;
  for (size_t size = 0; at < bytes.size(); size = (size + 37) % 600) {  // 0 to 599 bytes
    std::string_view piece = std::string_view(bytes).substr(at, size);
    pieces.update(piece);
    at += piece.size();
  }
  CHECK(pieces.hex() == whole.hex());
}
