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

Status write_atomic(const std::string& path, std::string_view bytes, unsigned mode = 0644);

// Makes a finished temp file durable and moves it over `path` (fsync, rename, fsync of
// the folder): for writers that produce the file themselves (PNG encoders, say).
Status publish(const std::string& tmp, const std::string& path);

bool exists(const std::string& path);
// The folder part of a path ("." for a bare file name).
std::string dirname(const std::string& path);
// Joins a base folder and a relative path.
std::string join(const std::string& dir, const std::string& rel);

}  // namespace nb::file
