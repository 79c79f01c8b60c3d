#include "head_deadline.h"

#include <dirent.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <string_view>
#include <vector>

namespace nb::desk {

namespace {

// Often enough that a slow client is cut soon after its deadline, not up to a second later.
constexpr std::chrono::milliseconds kSweepEvery{250};
// How long a connection must be found late, in every sweep, before it is cut: a worker that
// has just taken a queued head out of the buffer reaches the handler (arrived()) well within it.
constexpr std::chrono::milliseconds kLateFor{500};
constexpr std::size_t kMaxHeadPeek = 16 * 1024;  // cpp-httplib refuses longer header lines anyway

struct Endpoint {
    std::string address;
    int port = -1;
};

std::optional<Endpoint> endpoint(int fd, bool peer) {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    auto* sa = reinterpret_cast<sockaddr*>(&addr);
    if ((peer ? ::getpeername(fd, sa, &len) : ::getsockname(fd, sa, &len)) != 0) return std::nullopt;
    if (addr.ss_family != AF_INET && addr.ss_family != AF_INET6) return std::nullopt;
    char host[NI_MAXHOST], serv[NI_MAXSERV];
    if (::getnameinfo(sa, len, host, sizeof host, serv, sizeof serv, NI_NUMERICHOST | NI_NUMERICSERV) != 0) return std::nullopt;
    return Endpoint{host, std::atoi(serv)};
}

std::string peer_key(const std::string& address, int port) { return address + " " + std::to_string(port); }

// Whether a whole request head waits unread in the socket's buffer.
bool head_waiting(int fd) {
    std::unique_ptr<char[]> buf(new char[kMaxHeadPeek]);
    ssize_t n = ::recv(fd, buf.get(), kMaxHeadPeek, MSG_PEEK | MSG_DONTWAIT);
    return n > 0 && std::string_view(buf.get(), static_cast<std::size_t>(n)).find("\r\n\r\n") != std::string_view::npos;
}

struct DirCloser {
    void operator()(DIR* d) const { ::closedir(d); }
};

}  // namespace

HeadDeadline::HeadDeadline(int listen_port, Deadlines deadlines)
    : port_(listen_port),
      deadline_(deadlines.alone),
      crowded_deadline_(deadlines.crowded),
      workers_(deadlines.workers),
      thread_([this] { watch(); }) {}

HeadDeadline::~HeadDeadline() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

void HeadDeadline::arrived(const std::string& peer_address, int peer_port) {
    std::lock_guard<std::mutex> lock(mutex_);
    arrived_[peer_key(peer_address, peer_port)] = Clock::now();
}

void HeadDeadline::watch() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!wake_.wait_for(lock, kSweepEvery, [this] { return stopping_; })) sweep(Clock::now());
}

// Called with mutex_ held. The process's open sockets are read from /proc/self/fd: the
// accepted ones are those whose local port is the desk's and that have a peer.
void HeadDeadline::sweep(Clock::time_point now) {
    std::unique_ptr<DIR, DirCloser> dir(::opendir("/proc/self/fd"));
    if (!dir) return;
    std::set<unsigned long> open;
    struct Waiting {
        int fd;
        unsigned long inode;
        std::string peer;
        Seen* seen;
    };
    std::vector<Waiting> waiting;  // connections whose head is still coming
    while (dirent* e = ::readdir(dir.get())) {
        char* end = nullptr;
        long fd = std::strtol(e->d_name, &end, 10);
        if (*end != '\0' || fd < 0 || fd == ::dirfd(dir.get())) continue;
        struct stat st{};
        if (::fstat(static_cast<int>(fd), &st) != 0 || !S_ISSOCK(st.st_mode)) continue;
        auto local = endpoint(static_cast<int>(fd), false);
        if (!local || local->port != port_) continue;
        auto peer = endpoint(static_cast<int>(fd), true);
        if (!peer) continue;  // the listening socket
        open.insert(st.st_ino);
        Seen& seen = sockets_.try_emplace(st.st_ino, Seen{now}).first->second;
        if (seen.spared) continue;
        if (auto a = arrived_.find(peer_key(peer->address, peer->port)); a != arrived_.end()) {
            seen.spared = true;
            arrived_.erase(a);
            continue;
        }
        if (head_waiting(static_cast<int>(fd))) {
            seen.late_since.reset();
            continue;
        }
        waiting.push_back(Waiting{static_cast<int>(fd), st.st_ino, peer->address, &seen});
    }
    // As many heads still coming as there are workers: slow clients may hold every one, and
    // whoever comes next waits for the deadline. Then a head gets the short one.
    const auto deadline = waiting.size() >= workers_ ? crowded_deadline_ : deadline_;
    for (const Waiting& w : waiting) {
        if (now - w.seen->first < deadline) {
            w.seen->late_since.reset();
            continue;
        }
        // Late in every sweep for kLateFor: a worker that had just read the head of a request
        // queued until now (so nothing waits in the buffer) reaches the handler well within it.
        if (!w.seen->late_since) w.seen->late_since = now;
        if (now - *w.seen->late_since < kLateFor) continue;
        // Its worker wakes to an end of stream and closes the connection. The same inode
        // again: the descriptor was not closed and reused by another socket meanwhile.
        struct stat again{};
        if (::fstat(w.fd, &again) != 0 || again.st_ino != w.inode) continue;
        ::shutdown(w.fd, SHUT_RDWR);
        w.seen->spared = true;  // once is enough
        std::cerr << w.peer << " - cut: no request head within " << deadline.count() << " s"
                  << (deadline == crowded_deadline_ ? " (" + std::to_string(waiting.size()) + " heads still coming)" : "")
                  << "\n";
    }
    for (auto it = sockets_.begin(); it != sockets_.end();) it = open.count(it->first) ? std::next(it) : sockets_.erase(it);
    for (auto it = arrived_.begin(); it != arrived_.end();) it = now - it->second > deadline_ ? arrived_.erase(it) : std::next(it);
}

}  // namespace nb::desk
