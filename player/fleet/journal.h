// The proof-of-play journal on disk (docs/fleet.md): JOURNAL/current.jsonl takes one line per
// play, fsync'd every `sync_lines` lines or `sync_after`; at `rotate_bytes` it is sealed by an
// atomic rename into JOURNAL/<UTC time>-<n>.jsonl, which the uploader sends and removes only
// after the desk took it. At most `cap_bytes` in all: the oldest sealed file goes first (logged).
// A torn last line (a power cut mid-write) is skipped when read, never fatal, and the next line
// starts on a line of its own. One owner thread; not thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "fleet/play.h"

namespace nb::fleet {

struct JournalLimits {
    int sync_lines = 10;
    std::chrono::seconds sync_after{30};
    std::uint64_t rotate_bytes = 1024 * 1024;
    std::uint64_t cap_bytes = 64ull * 1024 * 1024;
};

struct SealedFile {
    std::vector<Play> plays;
    int skipped = 0;  // torn or foreign lines
};

class Journal {
  public:
    using Mono = std::chrono::steady_clock::time_point;
    static Result<Journal> open(std::string dir, JournalLimits limits = {});
    Journal(Journal&&) noexcept;
    Journal& operator=(Journal&&) noexcept;
    ~Journal();  // fsyncs what is pending

    Status append(const Play& p, Mono now);
    // fsync now if lines are pending and `sync_after` has passed (or `force`).
    Status sync(Mono now, bool force = false);
    // Seals current.jsonl (when it has a line) so that it can be uploaded.
    Status seal();
    bool current_empty() const { return size_ == 0; }
    // The sealed files, oldest first (full paths).
    std::vector<std::string> sealed() const;
    Status remove(const std::string& path);
    const std::string& dir() const { return dir_; }

  private:
    Journal(std::string dir, JournalLimits limits, int fd, std::uint64_t size);
    Status reopen();
    void enforce_cap();

    std::string dir_;
    JournalLimits limits_;
    int fd_ = -1;
    std::uint64_t size_ = 0;
    int pending_ = 0;
    Mono synced_{};
};

// A sealed (or any) journal file read back; lines that do not parse are counted, not fatal.
Result<SealedFile> read_journal_file(const std::string& path);

}  // namespace nb::fleet
