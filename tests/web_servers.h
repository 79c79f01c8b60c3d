// Real web servers for the sync tests, on 127.0.0.1 only: nginx with a temporary prefix
// (config, logs, pid and temp folders all inside it) and tests/fault_server.py. Both are
// killed and reaped when the object goes away. No sleeps: readiness is a
// connect() that succeeds before a deadline.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace nbtest {

namespace fs = std::filesystem;

// A fresh folder under $TMPDIR, removed with everything in it on destruction (declare it
// before the servers that use it, so they stop first).
class TempDir {
  public:
    explicit TempDir(const char* prefix) {
        std::string templ = (fs::temp_directory_path() / (std::string(prefix) + "XXXXXX")).string();
        if (!::mkdtemp(templ.data())) throw std::runtime_error("mkdtemp failed");
        path_ = templ;
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; }

  private:
    std::string path_;
};

inline void write_file(const fs::path& path, const std::string& bytes) {
    fs::create_directories(path.parent_path());
    const fs::path tmp = path.string() + ".part";
    {
        std::ofstream out(tmp, std::ios::binary);
        out << bytes;
    }
    fs::rename(tmp, path);  // what staff should do too: a server never serves half a file
    // nginx's ETag is the mtime in seconds and the size: give every write a second of its own
    // so two edits within one second still look different, as they would to a real board. In
    // the past: a Last-Modified within a second of the response's Date (or after it) is not
    // trusted for a conditional request (sync/revalidation.h), so each poll would be a whole GET.
    static const auto base = fs::file_time_type::clock::now() - std::chrono::hours(24);
    static int writes = 0;
    fs::last_write_time(path, base + std::chrono::seconds(++writes));
}

// A child process, killed and reaped on destruction. The child dies with the test process
// (PR_SET_PDEATHSIG) and never holds its stdout: a server left behind by a test that crashed
// would keep ctest's output pipe open, and ctest would wait for it for ever.
class Child {
  public:
    Child() = default;
    explicit Child(const std::vector<std::string>& argv, int* stdout_fd = nullptr) {
        std::vector<char*> args;  // built before fork(): the child only calls async-signal-safe functions
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        int pipefd[2] = {-1, -1};
        if (stdout_fd && ::pipe(pipefd) != 0) throw std::runtime_error("pipe failed");
        const int devnull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
        const pid_t parent = ::getpid();
        pid_ = ::fork();
        if (pid_ < 0) throw std::runtime_error("fork failed");
        if (pid_ == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (::getppid() != parent) ::_exit(127);  // the test died before prctl()
            ::dup2(devnull, 0);
            if (stdout_fd) {
                ::dup2(pipefd[1], 1);
                ::close(pipefd[0]);
                ::close(pipefd[1]);
            } else {
                ::dup2(devnull, 1);
            }
            ::execv(args[0], args.data());
            ::_exit(127);
        }
        ::close(devnull);
        if (stdout_fd) {
            ::close(pipefd[1]);
            *stdout_fd = pipefd[0];
        }
    }
    Child(Child&& o) noexcept : pid_(o.pid_) { o.pid_ = -1; }
    Child& operator=(Child&& o) noexcept {
        stop();
        pid_ = o.pid_;
        o.pid_ = -1;
        return *this;
    }
    ~Child() { stop(); }
    bool running() {
        if (pid_ <= 0) return false;
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return false;
        }
        return true;
    }
    // SIGKILL, not SIGTERM: nginx with master_process off checks for SIGTERM only between
    // event-loop rounds, so a SIGTERM that lands just before it goes back to an epoll_wait with
    // no timer pending is never acted on, and waitpid() would block for ever. (A CI run hung
    // so, after test 66.) The servers here keep no state worth a clean shutdown.
    void stop() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGKILL);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
    }

  private:
    pid_t pid_ = -1;
};

inline bool can_connect(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

// A port the kernel just handed out, free again: nginx cannot be told to pick its own.
inline int ephemeral_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

// nginx serving PREFIX/www at http://127.0.0.1:PORT/; `server_lines` go into its server block
// (a redirect, say).
class Nginx {
  public:
    explicit Nginx(std::string prefix, std::string server_lines = {})
        : prefix_(std::move(prefix)), server_lines_(std::move(server_lines)) {
        fs::create_directories(www());
        fs::create_directories(prefix_ + "/tmp");
        for (int attempt = 0; attempt < 5; ++attempt) {
            port_ = ephemeral_port();
            write_conf();
            child_ = Child(
                {"/usr/sbin/nginx", "-p", prefix_ + "/", "-c", prefix_ + "/nginx.conf", "-e", prefix_ + "/error.log"});
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
            while (std::chrono::steady_clock::now() < deadline && child_.running()) {
                if (can_connect(port_)) return;
                ::sched_yield();
            }
            child_.stop();  // the port was taken in between, or nginx failed: try another
        }
        throw std::runtime_error("nginx did not start; see " + prefix_ + "/error.log");
    }
    std::string www() const { return prefix_ + "/www"; }
    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + "/" + path; }
    void stop() { child_.stop(); }

  private:
    void write_conf() {
        std::ofstream conf(prefix_ + "/nginx.conf");
        const std::string p = prefix_;
        conf << "daemon off;\nmaster_process off;\nworker_processes 1;\npid " << p << "/nginx.pid;\n"
             << "error_log " << p << "/error.log;\nevents { worker_connections 64; }\nhttp {\n"
             << "  access_log " << p << "/access.log;\n"
             << "  client_body_temp_path " << p << "/tmp/body;\n  proxy_temp_path " << p << "/tmp/proxy;\n"
             << "  fastcgi_temp_path " << p << "/tmp/fastcgi;\n  uwsgi_temp_path " << p << "/tmp/uwsgi;\n"
             << "  scgi_temp_path " << p << "/tmp/scgi;\n"
             << "  types { application/json json; image/jpeg jpg; text/plain sig; }\n"
             << "  server {\n    listen 127.0.0.1:" << port_ << ";\n    root " << www() << ";\n"
             << "    etag on;\n"
             << server_lines_ << "  }\n}\n";
    }

    std::string prefix_;
    std::string server_lines_;
    int port_ = 0;
    Child child_;
};

// tests/fault_server.py serving `root`; the fault is the first word of root/.fault.
class FaultServer {
  public:
    FaultServer(const std::string& script, std::string root) : root_(std::move(root)) {
        fs::create_directories(root_);
        int out = -1;
        child_ = Child({"/usr/bin/python3", script, root_}, &out);
        std::string line;
        char ch = 0;
        while (::read(out, &ch, 1) == 1 && ch != '\n') line += ch;  // blocks until the port is printed
        ::close(out);
        port_ = std::atoi(line.c_str());
        if (port_ <= 0) throw std::runtime_error("fault server did not start");
    }
    void set_fault(const std::string& fault) { write_file(root_ + "/.fault", fault + "\n"); }
    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + "/" + path; }

  private:
    std::string root_;
    int port_ = 0;
    Child child_;
};

}  // namespace nbtest
