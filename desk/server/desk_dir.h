// The desk's folder:
//   DIR/desk.db            users, sessions, groups, drafts, editions, audit (SQLite)
//   DIR/keys/desk.key      the signing key (0600; never leaves this folder)
//   DIR/keys/desk.pub      what boards get as --trusted-key
//   DIR/public/            what nginx serves to boards: <group>.json, <group>.json.sig, media/
//   DIR/public/media/      pictures by sha256: <sha256>.<ext>
//   DIR/editions/G/N.json  every published edition and its .sig, never changed (0444)
//   DIR/tmp/               uploads and publishes in progress (same file system as public/)
//   DIR/fleet/screenshots/ the latest screenshot of each board (issue 13)
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "store.h"

namespace nb::desk {

struct DeskDir {
    std::string root;
    std::string database() const { return root + "/desk.db"; }
    std::string keys() const { return root + "/keys"; }
    std::string secret_key() const { return keys() + "/desk.key"; }
    std::string public_key() const { return keys() + "/desk.pub"; }
    std::string public_dir() const { return root + "/public"; }
    std::string media_dir() const { return public_dir() + "/media"; }
    std::string tmp_dir() const { return root + "/tmp"; }
    std::string editions_dir() const { return root + "/editions"; }
    std::string screenshots_dir() const { return root + "/fleet/screenshots"; }
};

// `newsboard-desk init DIR --group ID[=NAME]…`: the folders, the key pair, the database and
// one group with a starter draft for each --group (its name already checked by the command
// line: new_group.h). Refuses a folder that already has a desk.
Status init_desk(const DeskDir& dir, const std::vector<Group>& groups);

}  // namespace nb::desk
