#include "desk_dir.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "core/file.h"
#include "new_group.h"
#include "sign/sign.h"

namespace nb::desk {

namespace {

Status make_dir(const std::string& path, mode_t mode) {
    if (::mkdir(path.c_str(), mode) == 0 || errno == EEXIST) {
        struct stat st{};
        if (::stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return fail(path + " is not a folder");
        return success();
    }
    return fail("cannot make " + path + ": " + std::strerror(errno));
}

}  // namespace

Status init_desk(const DeskDir& dir, const std::vector<Group>& groups) {
    // The folder is traversable (nginx reads public/); keys/, tmp/ and the database are not.
    if (auto s = make_dir(dir.root, 0755); !s) return s;
    if (file::exists(dir.database())) return fail(dir.root + " already holds a desk (" + dir.database() + ")");
    for (auto [path, mode] : {std::pair{dir.keys(), 0700}, {dir.public_dir(), 0755}, {dir.media_dir(), 0755},
                              {dir.tmp_dir(), 0700}, {dir.editions_dir(), 0750}}) {
        if (auto s = make_dir(path, static_cast<mode_t>(mode)); !s) return s;
    }
    if (!file::exists(dir.secret_key())) {
        auto key = sign::write_key_pair(dir.keys() + "/desk");
        if (!key) return fail(key.error());
    }
    auto store = Store::create(dir.database());
    if (!store) return fail(store.error());
    // Password hashes and sessions: the desk's user only (SQLite gives -wal/-shm the same mode).
    if (::chmod(dir.database().c_str(), 0600) != 0) return fail("cannot chmod " + dir.database() + ": " + std::strerror(errno));
    for (const auto& g : groups) {
        if (auto s = store->add_group(g, starter_draft(g)); !s) return s;
        store->audit(AuditEntry{0, "", "", "cli", "group.add", g.id, g.name});
    }
    return success();
}

}  // namespace nb::desk
