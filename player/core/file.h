// File I/O with limits and atomic replacement. A write never leaves a half-written file:
// temp file in the same folder, fsync, rename, fsync of the folder.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace nb::file {

// Reads a whole file, refusing files larger than max_bytes (checked before reading).
Result<std::string> read(const std::string& path, std::uint64_t max_bytes);

// How much a write must survive. Durable: the file and its rename reach the disk before the
// call returns (two fsyncs). Report: atomic (a reader sees the old file or the new, never a
// mix) but not flushed: for a report rewritten on every change (the status file, at each page),
// whose loss in a power cut costs nothing because the next start writes it again. It spares a
// board's SD card two flushes per page, and a fleet on one disk a storm of them.
enum class Durability { Durable, Report };

// The temp file (PATH.tmp.PID) is created exclusively and never through a symbolic link
// (O_CREAT|O_EXCL|O_NOFOLLOW): a link planted under that name cannot redirect the write.
Status write_atomic(const std::string& path, std::string_view bytes, unsigned mode = 0644,
                    Durability durability = Durability::Durable);

// Makes a finished temp file durable and moves it over `path` (fsync, rename, fsync of
// the folder): for writers that produce the file themselves (PNG encoders, say).
Status publish(const std::string& tmp, const std::string& path);

// An exclusive flock() on a file (created when missing), held until the object goes: one
// process at a time in a folder such as the cache. The file holds the holder's pid, for the
// message the next one prints. The descriptor held is read-only, so the folder's file system
// can still be remounted read-only under a running player (a failing SD card).
class Lock {
  public:
    // Fails at once (no waiting) when another process holds it: "locked by process 1234".
    // When the file cannot be opened at all (a read-only file system) it succeeds without a
    // lock, and problem() says why: a board must not go dark over its lock file.
    static Result<Lock> take(const std::string& path);
    bool held() const { return fd_ >= 0; }
    const std::string& problem() const { return problem_; }
    Lock(Lock&& o) noexcept : fd_(o.fd_), problem_(std::move(o.problem_)) { o.fd_ = -1; }
    Lock& operator=(Lock&& o) noexcept;
    ~Lock();
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;

  private:
    explicit Lock(int fd, std::string problem = {}) : fd_(fd), problem_(std::move(problem)) {}
    int fd_ = -1;
    std::string problem_;
};

bool exists(const std::string& path);
// The folder part of a path ("." for a bare file name).
std::string dirname(const std::string& path);
// Joins a base folder and a relative path.
std::string join(const std::string& dir, const std::string& rel);

// The folder a service keeps a kind of data in: systemd's `unit_var` (CACHE_DIRECTORY,
// STATE_DIRECTORY: the first of its colon-separated list), else `$xdg_var/newsboard`, else
// `$HOME/home_rel`, else `fallback`. Only absolute values are taken.
std::string service_dir(const char* unit_var, const char* xdg_var, const char* home_rel, const char* fallback);

}  // namespace nb::file
