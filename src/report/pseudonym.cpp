#include "corridor/report/pseudonym.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <vector>

#include "corridor/error.hpp"

namespace corridor {

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
  Sha256::Digest md{};
  unsigned len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), md.data(), &len);
  return to_hex(md);
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

std::string text_pseudonym(std::string_view key, std::string_view domain, std::string_view prefix,
                           std::string_view text) {
  if (key.empty()) throw ParamError("the pseudonym key must not be empty: give a secret of at least a few characters");
  std::string message(domain);
  message += '\0';
  message += text;
  std::string out(prefix);
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
