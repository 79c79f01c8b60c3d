#include "app/local_content.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <optional>

#include "app/crash_log.h"
#include "core/file.h"
#include "core/limits.h"
#include "core/sha256.h"
#include "playlist/parse.h"
#include "sync/state.h"

namespace nb::app {
namespace {

struct Edition {
    std::string bytes, sha256;
};

// STATE/local/: the file's last two editions shown, each written atomically.
class KeptEditions {
  public:
    KeptEditions(std::string dir, const std::string& source) : dir_(std::move(dir)) {
        const auto kept_source = file::read(file::join(dir_, "source"), 64 * 1024);
        if (!kept_source || *kept_source != source) {  // none yet, or another file's
            if (Status s = file::write_atomic(file::join(dir_, "source"), source); !s) warn(s.error());
            return;
        }
        current_ = read("current.json");
        previous_ = read("previous.json");
    }

    // The newest kept edition that is not quarantined: the stand-in.
    template <class Quarantined>
    std::optional<Edition> stand_in(Quarantined quarantined) const {
        if (current_ && !quarantined(current_->sha256)) return current_;
        if (previous_ && !quarantined(previous_->sha256)) return previous_;
        return std::nullopt;
    }
    const std::optional<Edition>& current() const { return current_; }

    // `e`, read from the file, goes on screen. The one it replaces becomes the previous one,
    // unless that one was quarantined (then the stand-in stays the previous one).
    void took(const Edition& e, bool current_was_good) {
        if (current_ && current_->sha256 == e.sha256) return;
        if (current_ && current_was_good) {
            previous_ = current_;
            write("previous.json", *previous_);
        }
        current_ = e;
        write("current.json", *current_);
    }

  private:
    std::optional<Edition> read(const char* name) const {
        auto bytes = file::read(file::join(dir_, name), size_limits::kMaxPlaylistBytes);
        if (!bytes) return std::nullopt;
        Edition e{std::move(*bytes), {}};
        e.sha256 = sha256_hex(e.bytes);
        return e;
    }
    void write(const char* name, const Edition& e) const {
        if (Status s = file::write_atomic(file::join(dir_, name), e.bytes); !s) warn(s.error());
    }
    static void warn(const std::string& why) {
        std::fprintf(stderr, "newsboard: warning: %s; a crash-looping playlist may have nothing to fall back on\n",
                     why.c_str());
    }

    std::string dir_;
    std::optional<Edition> current_, previous_;
};

class LocalContent final : public show::ContentSource {
  public:
    LocalContent(std::string path, file::Lock lock, std::unique_ptr<CrashLog> crashes, KeptEditions kept)
        : path_(std::move(path)),
          file_(show::file_source(path_)),
          lock_(std::move(lock)),
          crashes_(std::move(crashes)),
          kept_(std::move(kept)) {
        // The marker names what is about to be loaded: a crash while loading it counts.
        crashes_->started(to_load(), nb::now());
    }
    ~LocalContent() override { crashes_->clean_exit(); }

    const std::string& name() const override { return file_->name(); }
    bool changed() const override { return file_->changed(); }
    std::vector<std::string> folders(const playlist::Playlist& p) const override { return file_->folders(p); }
    void set_wake(std::function<void()> wake) override { file_->set_wake(std::move(wake)); }

    std::shared_ptr<const playlist::Playlist> load(Diagnostics& diags) override {
        auto p = file_->load(diags);
        if (!p || !p->source) return p;  // the loop keeps what it shows and says why
        const Edition read{*p->source, sha256_hex(*p->source)};
        if (!crashes_->is_quarantined(read.sha256)) {
            const bool current_was_good = !kept_.current() || !crashes_->is_quarantined(kept_.current()->sha256);
            kept_.took(read, current_was_good);
            crashes_->took(read.sha256);
            crashes_->lift();  // another edition of the file: the quarantine is over
            set_quarantined(std::nullopt, nullptr);
            return p;
        }
        const std::string why = "quarantined: this playlist (sha256 " + read.sha256 + ") crashed the player " +
                                std::to_string(sync::kCrashesToQuarantine) + " times within minutes; ";
        const auto stand_in = kept_.stand_in([this](const std::string& sha) { return crashes_->is_quarantined(sha); });
        if (!stand_in) {
            diags.error({path_, 0, 0}, why + "no earlier edition of it is kept: the standby screen until the file "
                                             "changes (please report the crash with this playlist)");
            set_quarantined(read.sha256, nullptr);
            return nullptr;
        }
        auto parsed = playlist::parse(stand_in->bytes, path_, playlist::MediaCheck::Full, diags);
        if (!parsed) {
            set_quarantined(read.sha256, nullptr);
            return nullptr;
        }
        diags.error({path_, 0, 0}, why + "the edition before it (sha256 " + stand_in->sha256 +
                                       ") plays until the file changes (please report the crash with this playlist)");
        crashes_->took(stand_in->sha256);
        auto shown = std::make_shared<const playlist::Playlist>(std::move(*parsed));
        set_quarantined(read.sha256, shown);
        return shown;
    }

    std::shared_ptr<const playlist::Playlist> peek() const override {
        auto p = file_->peek();
        if (!p || !p->source) return p;
        std::lock_guard<std::mutex> lock(mutex_);
        return quarantined_ && *quarantined_ == sha256_hex(*p->source) ? stand_in_ : p;
    }

    std::optional<std::string> quarantined() const override {
        std::lock_guard<std::mutex> lock(mutex_);
        return quarantined_;
    }

  private:
    // The sha256 of what load() will show: the file's edition, or the stand-in for it.
    std::string to_load() const {
        auto bytes = file::read(path_, size_limits::kMaxPlaylistBytes);
        if (!bytes) return {};
        const std::string sha = sha256_hex(*bytes);
        if (!crashes_->is_quarantined(sha)) return sha;
        const auto stand_in = kept_.stand_in([this](const std::string& s) { return crashes_->is_quarantined(s); });
        return stand_in ? stand_in->sha256 : std::string();
    }
    void set_quarantined(std::optional<std::string> sha, std::shared_ptr<const playlist::Playlist> stand_in) {
        std::lock_guard<std::mutex> lock(mutex_);
        quarantined_ = std::move(sha);
        stand_in_ = std::move(stand_in);
    }

    std::string path_;
    std::unique_ptr<show::ContentSource> file_;
    file::Lock lock_;  // one player counts crashes in this state directory
    std::unique_ptr<CrashLog> crashes_;
    KeptEditions kept_;  // the loop's thread only
    mutable std::mutex mutex_;  // the loop writes, the status writer and the fleet's screenshots read
    std::optional<std::string> quarantined_;
    std::shared_ptr<const playlist::Playlist> stand_in_;  // on screen for quarantined_; nullptr: standby
};

}  // namespace

std::string local_state_dir(const Options& o) {
    if (!o.state_dir.empty()) return o.state_dir;
    const char* systemd = std::getenv("STATE_DIRECTORY");
    return systemd && *systemd == '/' ? sync::default_state_dir() : std::string();
}

std::unique_ptr<show::ContentSource> local_content(std::string path, const std::string& state_dir) {
    if (state_dir.empty()) return show::file_source(std::move(path));
    const std::string dir = file::join(state_dir, "local");
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    auto lock = file::Lock::take(file::join(dir, "lock"));
    if (!lock || !lock->held()) {
        std::fprintf(stderr, "newsboard: warning: %s: %s; crashes are not counted\n", dir.c_str(),
                     lock ? lock->problem().c_str() : lock.error().c_str());
        return show::file_source(std::move(path));
    }
    // The kept editions are matched to the file by its absolute path.
    const std::string source = std::filesystem::absolute(path, ec).lexically_normal().string();
    auto crashes = std::make_unique<CrashLog>(state_dir, nb::now());
    KeptEditions kept(dir, ec ? path : source);
    return std::make_unique<LocalContent>(std::move(path), std::move(*lock), std::move(crashes), std::move(kept));
}

}  // namespace nb::app
