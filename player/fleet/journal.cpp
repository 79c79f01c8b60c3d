#include "fleet/journal.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <sstream>

#include "core/file.h"

namespace nb::fleet {
namespace {

constexpr const char* kCurrent = "current.jsonl";

std::string errno_text(const std::string& what) {
    return what + ": " + std::strerror(errno);
}

Status fsync_dir(const std::string& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return fail(errno_text(dir));
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) return fail(errno_text("fsync " + dir));
    return success();
}

Status write_all(int fd, const std::string& bytes, const std::string& path) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return fail(errno_text("write " + path));
        done += static_cast<std::size_t>(n);
    }
    return success();
}

// Sealed files are named <UTC second>-<n>.jsonl and uploaded, and dropped over the cap, in name order.
// The next name sorts after the newest one on disk even when the clock has gone back (a Pi has no
// RTC: it may boot with an older time than the one it sealed at) or a restarted player seals again
// within the same second: the stamp never goes below the newest file's, and <n> counts on from it.
std::string next_sealed_name(const std::vector<std::string>& sealed_paths, std::time_t now) {
    std::time_t t = now;
    unsigned n = 0;
    if (!sealed_paths.empty()) {
        const std::string last = std::filesystem::path(sealed_paths.back()).filename().string();
        struct tm tm {};
        unsigned last_n = 0;
        const char* rest = ::strptime(last.c_str(), "%Y%m%dT%H%M%SZ", &tm);
        if (rest != nullptr && std::sscanf(rest, "-%6u.jsonl", &last_n) == 1) {
            const std::time_t last_t = ::timegm(&tm);
            if (last_t >= t) {
                t = last_t;
                n = last_n + 1;
                if (n > 999999) {  // six digits sort; a seventh would not
                    ++t;
                    n = 0;
                }
            }
        }
    }
    struct tm tm {};
    gmtime_r(&t, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    char seq[16];
    std::snprintf(seq, sizeof seq, "-%06u", n);
    return std::string(stamp) + seq + ".jsonl";
}

}  // namespace

Result<Journal> Journal::open(std::string dir, JournalLimits limits) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return fail("the journal " + dir + ": " + ec.message());
    const std::string path = file::join(dir, kCurrent);
    const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return fail(errno_text("the journal " + path));
    struct stat st {};
    ::fstat(fd, &st);
    std::uint64_t size = static_cast<std::uint64_t>(st.st_size);
    // A power cut may have left half a line: the next one starts on its own line.
    if (size > 0) {
        const int rfd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        char last = '\n';
        if (rfd >= 0) {
            if (::pread(rfd, &last, 1, st.st_size - 1) != 1) last = '\n';
            ::close(rfd);
        }
        if (last != '\n') {
            if (auto s = write_all(fd, "\n", path); !s) {
                ::close(fd);
                return fail(s.error());
            }
            ++size;
        }
    }
    return Journal(std::move(dir), limits, fd, size);
}

Journal::Journal(std::string dir, JournalLimits limits, int fd, std::uint64_t size)
    : dir_(std::move(dir)), limits_(limits), fd_(fd), size_(size) {}

Journal::Journal(Journal&& o) noexcept
    : dir_(std::move(o.dir_)), limits_(o.limits_), fd_(o.fd_), size_(o.size_), pending_(o.pending_),
      synced_(o.synced_) {
    o.fd_ = -1;
}

Journal& Journal::operator=(Journal&& o) noexcept {
    if (this != &o) {
        if (fd_ >= 0) ::close(fd_);
        dir_ = std::move(o.dir_);
        limits_ = o.limits_;
        fd_ = o.fd_;
        size_ = o.size_;
        pending_ = o.pending_;
        synced_ = o.synced_;
        o.fd_ = -1;
    }
    return *this;
}

Journal::~Journal() {
    if (fd_ < 0) return;
    if (pending_ > 0) ::fdatasync(fd_);
    ::close(fd_);
}

Status Journal::append(const Play& p, Mono now) {
    if (fd_ < 0) return fail("the journal " + dir_ + " is not open");
    const std::string line = play_line(p) + "\n";
    if (auto s = write_all(fd_, line, file::join(dir_, kCurrent)); !s) return s;
    size_ += line.size();
    ++pending_;
    if (pending_ == 1 && synced_ == Mono{}) synced_ = now;
    if (pending_ >= limits_.sync_lines) {
        if (auto s = sync(now, true); !s) return s;
    }
    if (size_ >= limits_.rotate_bytes) return seal();
    return success();
}

Status Journal::sync(Mono now, bool force) {
    if (pending_ == 0 || fd_ < 0) return success();
    if (!force && now - synced_ < limits_.sync_after) return success();
    if (::fdatasync(fd_) != 0) return fail(errno_text("fsync the journal"));
    pending_ = 0;
    synced_ = now;
    return success();
}

Status Journal::seal() {
    if (size_ == 0 || fd_ < 0) return success();
    if (::fdatasync(fd_) != 0) return fail(errno_text("fsync the journal"));
    pending_ = 0;
    auto files = sealed();
    std::string name = file::join(dir_, next_sealed_name(files, std::time(nullptr)));
    while (file::exists(name)) {  // a foreign name sorted last: step past ours rather than overwrite
        files.push_back(name);
        name = file::join(dir_, next_sealed_name(files, std::time(nullptr)));
    }
    if (::rename(file::join(dir_, kCurrent).c_str(), name.c_str()) != 0) return fail(errno_text("seal " + name));
    ::close(fd_);
    fd_ = -1;
    size_ = 0;
    if (auto s = reopen(); !s) return s;
    if (auto s = fsync_dir(dir_); !s) return s;
    enforce_cap();
    return success();
}

Status Journal::reopen() {
    const std::string path = file::join(dir_, kCurrent);
    fd_ = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) return fail(errno_text("the journal " + path));
    return success();
}

std::vector<std::string> Journal::sealed() const {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir_, ec)) {
        const std::string name = e.path().filename().string();
        if (name == kCurrent || name.size() < 7 || name.compare(name.size() - 6, 6, ".jsonl") != 0) continue;
        out.push_back(e.path().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

Status Journal::remove(const std::string& path) {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) return fail(errno_text("remove " + path));
    return fsync_dir(dir_);
}

void Journal::enforce_cap() {
    auto files = sealed();
    std::uint64_t total = size_;
    std::vector<std::uint64_t> sizes;
    for (const auto& f : files) {
        std::error_code ec;
        sizes.push_back(std::filesystem::file_size(f, ec));
        total += sizes.back();
    }
    for (std::size_t i = 0; i < files.size() && total > limits_.cap_bytes; ++i) {
        std::fprintf(stderr,
                     "newsboard: warning: proof of play: the journal is over %llu KiB (the desk unreachable for "
                     "long?): %s dropped, its plays are lost\n",
                     static_cast<unsigned long long>(limits_.cap_bytes >> 10), files[i].c_str());
        if (remove(files[i])) total -= sizes[i];
    }
}

Result<SealedFile> read_journal_file(const std::string& path) {
    auto text = file::read(path, 16 * 1024 * 1024);
    if (!text) return fail(text.error());
    SealedFile out;
    std::istringstream in(*text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        if (auto p = parse_play_line(line)) out.plays.push_back(std::move(*p));
        else ++out.skipped;
    }
    return out;
}

}  // namespace nb::fleet
