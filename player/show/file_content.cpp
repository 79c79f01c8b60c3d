// The local-file ContentSource: a stat() per question, a full parse with media checks per load.
#include <sys/stat.h>

#include <set>

#include "core/file.h"
#include "core/ids.h"
#include "playlist/parse.h"
#include "show/content.h"

namespace nb::show {
namespace {

struct FileStamp {
    long long mtime_ns = 0, size = -1, inode = 0;
    bool operator==(const FileStamp& o) const { return mtime_ns == o.mtime_ns && size == o.size && inode == o.inode; }
};

FileStamp stamp_of(const std::string& path) {
    struct stat st {};
    if (stat(path.c_str(), &st) != 0) return {};
    return {static_cast<long long>(st.st_mtim.tv_sec) * 1'000'000'000LL + st.st_mtim.tv_nsec,
            static_cast<long long>(st.st_size), static_cast<long long>(st.st_ino)};
}

class FileSource final : public ContentSource {
  public:
    explicit FileSource(std::string path) : path_(std::move(path)) {}

    const std::string& name() const override { return path_; }

    bool changed() const override { return !loaded_once_ || !(stamp_of(path_) == stamp_); }

    std::shared_ptr<const playlist::Playlist> peek() const override {
        Diagnostics quiet;  // load() reports the file's problems; a screenshot only needs the pages
        auto loaded = playlist::load(path_, playlist::MediaCheck::Full, quiet);
        if (!loaded) return nullptr;
        return std::make_shared<const playlist::Playlist>(std::move(*loaded));
    }

    std::shared_ptr<const playlist::Playlist> load(Diagnostics& diags) override {
        // The stamp before the read: a write that lands during the read changes it again.
        stamp_ = stamp_of(path_);
        loaded_once_ = true;
        auto loaded = playlist::load(path_, playlist::MediaCheck::Full, diags);
        if (!loaded) return nullptr;
        return std::make_shared<const playlist::Playlist>(std::move(*loaded));
    }

    std::vector<std::string> folders(const playlist::Playlist& p) const override {
        std::set<std::string> folders{file::dirname(path_)};
        for (const auto& item : p.items)
            for (const playlist::Media* m : playlist::media_of(item))
                if (!ids::is_http_url(m->resolved)) folders.insert(file::dirname(m->resolved));
        return {folders.begin(), folders.end()};
    }

  private:
    std::string path_;
    FileStamp stamp_;
    bool loaded_once_ = false;
};

}  // namespace

std::unique_ptr<ContentSource> file_source(std::string path) {
    return std::make_unique<FileSource>(std::move(path));
}

}  // namespace nb::show
