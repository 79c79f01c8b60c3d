// The "image" field: where a media file is, and (with MediaCheck::Full) whether the file
// is there, is the one the playlist pinned, and is an image a board can show.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "playlist/checker.h"
#include "playlist/model.h"
#include "playlist/parse.h"

namespace nb::playlist {

// The folder (absolute, symlinks resolved) or URL prefix that relative media is resolved
// against, ending in '/'.
std::string media_base(const std::string& playlist_path);

class MediaReader {
public:
    MediaReader(std::string base, MediaCheck check) : base_(std::move(base)), check_(check) {}

    // `n` is the value of "image": "media/x.jpg" or {"src": "media/x.jpg", "sha256": "…"}.
    std::optional<Media> read(Checker& c, const Node& n);

private:
    // What one local file turned out to be; kept so that a file used by many items is read
    // and hashed once.
    struct FileFacts {
        std::string problem;  // empty when the file is a usable image
        std::string sha256;   // empty when the file could not be read
    };
    const FileFacts& inspect(const std::string& resolved);
    bool check_local(Checker& c, const Node& src, const Node* sha, const Media& m);

    std::string base_;
    MediaCheck check_;
    std::map<std::string, FileFacts> files_;
};

}  // namespace nb::playlist
