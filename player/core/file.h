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

// The temp file (PATH.tmp.PID) is created exclusively and never through a symbolic link
// (O_CREAT|O_EXCL|O_NOFOLLOW): a link planted under that name cannot redirect the write.
Status write_atomic(const std::string& path, std::string_view bytes, unsigned mode = 0644);

// Makes a finished temp file durable and moves it over `path` (fsync, rename, fsync of
// the folder): for writers that produce the file themselves (PNG encoders, say).
Status publish(const std::string& tmp, const std::string& path);

// An exclusive flock() on a file (created when missing), held until the object goes: one
// process at a time in a folder such as the cache. The file holds the holder's pid, for the
// message the next one prints.
class Lock {
  public:
    // Fails at once (no waiting) when another process holds it: "held by process 1234".
    static Result<Lock> take(const std::string& path);
    Lock(Lock&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
    Lock& operator=(Lock&& o) noexcept;
    ~Lock();
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;

  private:
    explicit Lock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

bool exists(const std::string& path);
// The folder part of a path ("." for a bare file name).
std::string dirname(const std::string& path);
// Joins a base folder and a relative path.
std::string join(const std::string& dir, const std::string& rel);

}  // namespace nb::file
