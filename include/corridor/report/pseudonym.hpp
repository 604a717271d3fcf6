// corridor/report/pseudonym.hpp: keyed pseudonyms and file digests, so a report can be shared
// without names and its inputs proven.
//
// A pseudonym is HMAC-SHA-256(key, id) cut to 128 bits (32 hex digits) behind a one-letter kind
// prefix ("M-3fa9c01b2e..." for a migrant): stable for one key (the same person has the same
// pseudonym in every report made with that key), unlinkable across keys, and not reversible
// without the key (a plain hash of an id could be reversed by hashing every id of a case).
// 128 bits because two people merged into one pseudonym is the worst error a shared report can
// make: at 40 bits the birthday bound expects a collision near 10^6 ids, a size real cases reach;
// at 128 bits the chance for 10^9 ids is about 10^-21, and pseudonym_collisions() still checks.
// Free text that identifies (roles, file paths) gets a pseudonym of its own domain, so a role
// spelled like an id does not share the id's pseudonym.
//
//   std::string p = corridor::pseudonym("case-key", "P00172", corridor::NodeKind::person);  // "P-...."
//   std::string d = corridor::sha256_file("cases/x/nodes.csv");                            // 64 hex
#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "corridor/io/file.hpp"  // sha256_hex, sha256_file (the file digests of a report)
#include "corridor/model/kinds.hpp"

namespace corridor {

/// HMAC-SHA-256 of `message` under `key` (RFC 2104), as 64 lower-case hex digits. Never throws.
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

/// One upper-case letter per kind: S smuggler, F facilitator, M migrant, P person, O organization,
/// C country, L location, A asset.
char kind_letter(NodeKind k) noexcept;

/// Bits of the HMAC a pseudonym keeps (128: 32 hex digits).
inline constexpr int kPseudonymBits = 128;

/// kind_letter(kind) + "-" + the first kPseudonymBits / 4 hex digits of hmac_sha256_hex(key, id).
/// Throws ParamError when the key is empty (an empty key would make the pseudonyms a plain hash).
std::string pseudonym(std::string_view key, std::string_view id, NodeKind kind);

/// A pseudonym for identifying text that is not a node id: `prefix` + "-" + the first
/// kPseudonymBits / 4 hex digits of HMAC-SHA-256(key, domain + '\0' + text). `domain` names the
/// kind of text ("role", "source_ref", "path"), so equal spellings in different domains stay
/// unlinked. Throws ParamError when the key is empty.
std::string text_pseudonym(std::string_view key, std::string_view domain, std::string_view prefix,
                           std::string_view text);

/// One pair of different originals that share a pseudonym.
struct PseudonymCollision {
  std::string first, second;  ///< the two originals
  std::string pseudonym;      ///< what both became
};

/// The first collision among `originals` mapped by `pseudonyms` (the same length, pseudonyms[i]
/// standing for originals[i]; an original listed twice is no collision), or nothing.
/// O(n log n).
std::optional<PseudonymCollision> pseudonym_collisions(std::span<const std::string_view> originals,
                                                       std::span<const std::string_view> pseudonyms);

}  // namespace corridor
