#include "core/file.h"

#include <cstdlib>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace nb::file {
namespace {

std::string os_error(const std::string& what, const std::string& path) {
    return what + " " + path + ": " + std::strerror(errno);
}

// Owns a POSIX file descriptor.
class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }
    int release() {
        int fd = fd_;
        fd_ = -1;
        return fd;
    }

private:
    int fd_;
};

}  // namespace

Result<std::string> read(const std::string& path, std::uint64_t max_bytes) {
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) return fail(os_error("cannot open", path));
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) return fail(os_error("cannot stat", path));
    if (S_ISDIR(st.st_mode)) return fail(path + " is a directory");
    if (static_cast<std::uint64_t>(st.st_size) > max_bytes)
        return fail(path + " is " + std::to_string(st.st_size) + " bytes; the limit is " +
                    std::to_string(max_bytes));
    std::string out;
    out.reserve(static_cast<std::size_t>(st.st_size));
    char buf[65536];
    for (;;) {
        const ssize_t n = ::read(fd.get(), buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail(os_error("cannot read", path));
        }
        if (n == 0) break;
        out.append(buf, static_cast<std::size_t>(n));
        if (out.size() > max_bytes)  // the file grew while we read it
            return fail(path + " is larger than the limit of " + std::to_string(max_bytes) + " bytes");
    }
    return out;
}

namespace {

// A flushed (or, for a report, finished) temp file over `path`; durable once the folder is
// synced, since the rename itself lives in the folder.
Status rename_into(const std::string& tmp, const std::string& path, Durability durability) {
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        std::string err = os_error("cannot rename into", path);
        ::unlink(tmp.c_str());
        return fail(err);
    }
    if (durability == Durability::Report) return success();
    Fd dir(::open(dirname(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() >= 0) ::fsync(dir.get());
    return success();
}

}  // namespace

Status write_atomic(const std::string& path, std::string_view bytes, unsigned mode, Durability durability) {
    const std::string tmp = path + ".tmp." + std::to_string(::getpid());
    ::unlink(tmp.c_str());  // litter of an earlier process with this pid (or a planted link)
    Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode));
    if (fd.get() < 0) return fail(os_error("cannot create", tmp));
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            std::string err = os_error("cannot write", tmp);
            ::unlink(tmp.c_str());
            return fail(err);
        }
        done += static_cast<std::size_t>(n);
    }
    // Flushed through the descriptor that wrote it: opening the file again only to flush it
    // cost every durable write two more system calls (a fleet's edition switch is six such
    // writes on each board, and on a small board's CPU the file system is half of the switch).
    if (durability == Durability::Durable && ::fsync(fd.get()) != 0) {
        std::string err = os_error("cannot flush", tmp);
        ::unlink(tmp.c_str());
        return fail(err);
    }
    if (::close(fd.release()) != 0) {
        std::string err = os_error("cannot write", tmp);
        ::unlink(tmp.c_str());
        return fail(err);
    }
    return rename_into(tmp, path, durability);
}

Status publish(const std::string& tmp, const std::string& path) {
    {
        Fd fd(::open(tmp.c_str(), O_RDONLY | O_CLOEXEC));
        if (fd.get() < 0 || ::fsync(fd.get()) != 0) {
            std::string err = os_error("cannot flush", tmp);
            ::unlink(tmp.c_str());
            return fail(err);
        }
    }
    return rename_into(tmp, path, Durability::Durable);
}

Result<Lock> Lock::take(const std::string& path) {
    Fd fd(::open(path.c_str(), O_RDONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644));
    if (fd.get() < 0) return Lock(-1, os_error("cannot open", path));
    if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK) return Lock(-1, os_error("cannot lock", path));
        char pid[32] = {};
        const ssize_t n = ::pread(fd.get(), pid, sizeof pid - 1, 0);
        std::string pid_text(pid, n > 0 ? static_cast<std::size_t>(n) : 0);
        while (!pid_text.empty() && (pid_text.back() == '\n' || pid_text.back() == ' ')) pid_text.pop_back();
        return fail(path + " is locked by " + (pid_text.empty() ? "another process" : "process " + pid_text));
    }
    // The pid through a second, short-lived descriptor: closing it keeps the flock, which
    // belongs to the first.
    const std::string mine = std::to_string(::getpid()) + "\n";
    Fd writer(::open(path.c_str(), O_WRONLY | O_TRUNC | O_NOFOLLOW | O_CLOEXEC));
    if (writer.get() >= 0) {
        [[maybe_unused]] const ssize_t written = ::write(writer.get(), mine.data(), mine.size());
    }
    return Lock(fd.release());
}

Lock& Lock::operator=(Lock&& o) noexcept {
    if (this != &o) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = o.fd_;
        problem_ = std::move(o.problem_);
        o.fd_ = -1;
    }
    return *this;
}

Lock::~Lock() {
    if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the flock
}

bool exists(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

std::string dirname(const std::string& path) {
    const auto slash = path.find_last_of('/');
    if (slash == std::string::npos) return ".";
    if (slash == 0) return "/";
    return path.substr(0, slash);
}

std::string join(const std::string& dir, const std::string& rel) {
    if (rel.empty()) return dir;
    if (rel.front() == '/' || dir.empty()) return rel;
    if (dir.back() == '/') return dir + rel;
    return dir + '/' + rel;
}

}  // namespace nb::file

namespace nb::file {

std::string service_dir(const char* unit_var, const char* xdg_var, const char* home_rel, const char* fallback) {
    if (const char* unit = std::getenv(unit_var); unit && *unit == '/') {
        const std::string dirs(unit);
        return dirs.substr(0, dirs.find(':'));
    }
    if (const char* xdg = std::getenv(xdg_var); xdg && *xdg == '/') return join(xdg, "newsboard");
    if (const char* home = std::getenv("HOME"); home && *home == '/') return join(home, home_rel);
    return fallback;
}

}  // namespace nb::file
