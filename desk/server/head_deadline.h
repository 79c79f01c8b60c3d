// Slow clients (slowloris). cpp-httplib gives each connection a worker and waits up to its
// read timeout for every byte of a request head, with no deadline for the head as a whole:
// 32 connections sending one header byte every few seconds held every worker, and the desk
// answered no one. HeadDeadline watches the desk's accepted sockets and shuts down any that
// has not delivered its request head `deadline` after it was first seen. A head waiting
// whole in the socket's buffer (a request queued behind busy workers) is spared, and so is
// every connection whose request has reached the handler (arrived()), however long its
// body, its work or its answer then takes.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace nb::desk {

class HeadDeadline {
  public:
    using Clock = std::chrono::steady_clock;

    HeadDeadline(int listen_port, std::chrono::seconds deadline);
    ~HeadDeadline();
    HeadDeadline(const HeadDeadline&) = delete;
    HeadDeadline& operator=(const HeadDeadline&) = delete;

    // The request from this peer (address, port) has its head read: never cut it.
    void arrived(const std::string& peer_address, int peer_port);

  private:
    void watch();
    void sweep(Clock::time_point now);

    int port_;
    std::chrono::seconds deadline_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::map<std::string, Clock::time_point> arrived_;  // "address port" → when, until matched
    struct Seen {
        Clock::time_point first;
        bool spared = false;
        int late_sweeps = 0;  // sweeps in a row that found it past the deadline with no head waiting
    };
    std::map<unsigned long, Seen> sockets_;  // by socket inode, which no other socket reuses while it lives
    std::thread thread_;
};

}  // namespace nb::desk
