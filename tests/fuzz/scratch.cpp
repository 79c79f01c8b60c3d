#include "scratch.h"

#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace nb::fuzz {
namespace {

// tmpfs when there is one: the cache entry writes a folder of files per input.
std::string make_folder() {
    const char* tmp = std::getenv("TMPDIR");
    const std::string base = std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : (tmp && *tmp ? tmp : "/tmp");
    std::string pattern = base + "/newsboard-fuzz.XXXXXX";
    if (!mkdtemp(pattern.data())) {
        std::perror("newsboard fuzz: mkdtemp");
        std::abort();
    }
    return pattern;
}

// Removed with its contents when the process exits normally; a crash leaves it for a look.
struct Folder {
    std::string path;
    ~Folder() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
};

}  // namespace

const std::string& scratch_dir() {
    static const Folder dir{make_folder()};
    return dir.path;
}

std::string put_scratch_file(const std::string& name, std::string_view bytes) {
    const std::string path = scratch_dir() + "/" + name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
        std::perror(("newsboard fuzz: cannot write " + path).c_str());
        std::abort();
    }
    return path;
}

}  // namespace nb::fuzz
