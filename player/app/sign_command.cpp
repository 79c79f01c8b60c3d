// `newsboard keygen NAME` and `newsboard sign PLAYLIST --key NAME.key` (formats: sign/sign.h).
#include <cstdio>

#include "app/commands.h"
#include "core/file.h"
#include "core/limits.h"
#include "playlist/parse.h"
#include "sign/sign.h"

namespace nb::app {

int keygen_command(const Options& o) {
    auto key = sign::write_key_pair(o.source);
    if (!key) {
        std::fprintf(stderr, "newsboard: error: %s\n", key.error().c_str());
        return kRuntime;
    }
    std::fprintf(stderr,
                 "wrote %s.key (secret: keep it off the web server and the boards) and %s.pub (key id %s: "
                 "give it to boards with --trusted-key)\n",
                 o.source.c_str(), o.source.c_str(), key->id().c_str());
    return kOk;
}

int sign_command(const Options& o) {
    auto key_text = file::read(o.key, size_limits::kMaxKeyFileBytes);
    if (!key_text) {
        std::fprintf(stderr, "newsboard: error: %s\n", key_text.error().c_str());
        return kRuntime;
    }
    auto key = sign::parse_secret(*key_text, o.key);
    if (!key) {
        std::fprintf(stderr, "newsboard: error: %s\n", key.error().c_str());
        return kUsage;
    }
    auto bytes = file::read(o.source, playlist::kMaxPlaylistBytes);
    if (!bytes) {
        std::fprintf(stderr, "newsboard: error: %s\n", bytes.error().c_str());
        return kRuntime;
    }
    const std::string sig_path = o.source + ".sig";
    if (Status s = file::write_atomic(sig_path, sign::sign(*bytes, *key)); !s) {
        std::fprintf(stderr, "newsboard: error: %s\n", s.error().c_str());
        return kRuntime;
    }
    std::fprintf(stderr, "wrote %s (key id %s); upload it together with the playlist\n", sig_path.c_str(),
                 key->public_key().id().c_str());
    return kOk;
}

}  // namespace nb::app
