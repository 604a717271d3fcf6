// corridor/report/pseudonym.hpp: keyed pseudonyms and file digests, so a report can be shared
// without names and its inputs proven.
//
// A pseudonym is HMAC-SHA-256(key, id) cut to 10 hex digits behind a one-letter kind prefix
// ("M-3fa9c01b2e" for a migrant): stable for one key (the same person has the same pseudonym in
// every report made with that key), unlinkable across keys, and not reversible without the key
// (a plain hash of an id could be reversed by hashing every id of a case).
//
//   std::string p = corridor::pseudonym("case-key", "P00172", corridor::NodeKind::person);  // "P-...."
//   std::string d = corridor::sha256_file("cases/x/nodes.csv");                            // 64 hex
#pragma once

#include <filesystem>
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

/// kind_letter(kind) + "-" + the first 10 hex digits of hmac_sha256_hex(key, id). Throws
/// ParamError when the key is empty (an empty key would make the pseudonyms a plain hash).
std::string pseudonym(std::string_view key, std::string_view id, NodeKind kind);

}  // namespace corridor
