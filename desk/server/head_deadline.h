// Slow clients (slowloris). cpp-httplib gives each connection a worker and waits up to its
// read timeout for every byte of a request head, with no deadline for the head as a whole:
// 32 connections sending one header byte every few seconds held every worker, and the desk
// answered no one. HeadDeadline watches the desk's accepted sockets and shuts down any that
// has not delivered its request head `deadline` after it was first seen — a shorter one
// while as many heads are still coming as there are workers, so a crowd of slow clients
// holds staff up for a second, not for the whole deadline. A head waiting whole in the
// socket's buffer (a request queued behind busy workers) is spared, and so is every
// connection whose request has reached the handler (arrived()), however long its body, its
// work or its answer then takes.
#pragma once

#include <chrono>
#include <cstddef>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace nb::desk {

class HeadDeadline {
  public:
    using Clock = std::chrono::steady_clock;

    struct Deadlines {
        std::chrono::seconds alone;    // for a head while few are coming
        std::chrono::seconds crowded;  // while at least `workers` heads are still coming
        std::size_t workers;           // the server's worker threads
    };
    HeadDeadline(int listen_port, Deadlines deadlines);
    ~HeadDeadline();
    HeadDeadline(const HeadDeadline&) = delete;
    HeadDeadline& operator=(const HeadDeadline&) = delete;

    // The request from this peer (address, port) has its head read: never cut it.
    void arrived(const std::string& peer_address, int peer_port);

  private:
    void watch();
    void sweep(Clock::time_point now);

    int port_;
    std::chrono::seconds deadline_, crowded_deadline_;
    std::size_t workers_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::map<std::string, Clock::time_point> arrived_;  // "address port" → when, until matched
    struct Seen {
        Clock::time_point first;
        bool spared = false;
        std::optional<Clock::time_point> late_since = std::nullopt;  // found past the deadline with no head waiting, in every sweep since
    };
    std::map<unsigned long, Seen> sockets_;  // by socket inode, which no other socket reuses while it lives
    std::thread thread_;
};

}  // namespace nb::desk
