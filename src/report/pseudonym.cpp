#include "corridor/report/pseudonym.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <vector>

#include "corridor/error.hpp"

namespace corridor {

namespace {

std::string hex(const unsigned char* bytes, unsigned n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(2 * n, '0');
  for (unsigned i = 0; i < n; ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 15];
  }
  return out;
}

struct DigestContext {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx{EVP_MD_CTX_new(), &EVP_MD_CTX_free};
  DigestContext() {
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1)
      throw InternalError("internal error: OpenSSL cannot start a SHA-256 digest");
  }
  void update(const void* data, std::size_t n) {
    if (EVP_DigestUpdate(ctx.get(), data, n) != 1) throw InternalError("internal error: SHA-256 update failed");
  }
  std::string finish() {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned len = 0;
    if (EVP_DigestFinal_ex(ctx.get(), md, &len) != 1) throw InternalError("internal error: SHA-256 final failed");
    return hex(md, len);
  }
};

}  // namespace

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), md, &len);
  return hex(md, len);
}

std::string sha256_hex(std::string_view bytes) {
  DigestContext d;
  d.update(bytes.data(), bytes.size());
  return d.finish();
}

std::string sha256_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw IoError("cannot read " + file.string() + " to compute its SHA-256");
  DigestContext d;
  std::vector<char> buffer(1 << 16);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = in.gcount();
    if (got > 0) d.update(buffer.data(), static_cast<std::size_t>(got));
  }
  if (in.bad()) throw IoError("reading " + file.string() + " failed while computing its SHA-256");
  return d.finish();
}

char kind_letter(NodeKind k) noexcept {
  switch (k) {
    case NodeKind::smuggler: return 'S';
    case NodeKind::facilitator: return 'F';
    case NodeKind::migrant: return 'M';
    case NodeKind::person: return 'P';
    case NodeKind::organization: return 'O';
    case NodeKind::country: return 'C';
    case NodeKind::location: return 'L';
    case NodeKind::asset: return 'A';
  }
  return 'X';
}

std::string pseudonym(std::string_view key, std::string_view id, NodeKind kind) {
  if (key.empty()) throw ParamError("the pseudonym key must not be empty: give a secret of at least a few characters");
  std::string out(1, kind_letter(kind));
  out += '-';
  out += hmac_sha256_hex(key, id).substr(0, kPseudonymBits / 4);
  return out;
}

std::string text_pseudonym(std::string_view key, std::string_view domain, char prefix, std::string_view text) {
  if (key.empty()) throw ParamError("the pseudonym key must not be empty: give a secret of at least a few characters");
  std::string message(domain);
  message += '\0';
  message += text;
  std::string out(1, prefix);
  out += '-';
  out += hmac_sha256_hex(key, message).substr(0, kPseudonymBits / 4);
  return out;
}

std::optional<PseudonymCollision> pseudonym_collisions(std::span<const std::string_view> originals,
                                                       std::span<const std::string_view> pseudonyms) {
  if (originals.size() != pseudonyms.size())
    throw InternalError("internal error: pseudonym_collisions needs one pseudonym per original");
  std::vector<std::size_t> order(originals.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return pseudonyms[a] != pseudonyms[b] ? pseudonyms[a] < pseudonyms[b] : originals[a] < originals[b];
  });
  for (std::size_t i = 1; i < order.size(); ++i) {
    const std::size_t a = order[i - 1], b = order[i];
    if (pseudonyms[a] == pseudonyms[b] && originals[a] != originals[b])
      return PseudonymCollision{std::string(originals[a]), std::string(originals[b]), std::string(pseudonyms[a])};
  }
  return std::nullopt;
}

}  // namespace corridor
