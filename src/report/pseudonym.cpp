#include "corridor/report/pseudonym.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

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
  out += hmac_sha256_hex(key, id).substr(0, 10);
  return out;
}

}  // namespace corridor
