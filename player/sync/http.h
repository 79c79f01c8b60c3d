// One HTTP(S) client for the sync thread: libcurl (opened at the first transfer, see
// sync/curl_lib.h) behind RAII, with the limits a board in a
// park needs. Only http and https (redirects too, at most 5, and never from https down to
// http), TLS verification always on, a connect timeout, a low-speed limit and a total deadline
// sized from the request's byte limit (a slow link may still finish a big picture; a server
// that trickles just above the low-speed limit cannot hold the sync for ever), a size limit
// per request (of the bytes undone, when compressed), conditional GET, compressed answers
// asked for and undone, and proxies from the environment (curl's own http_proxy /
// https_proxy / no_proxy handling). Not thread-safe: one per thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"

namespace nb::sync {

struct HttpConfig {
    std::string user_agent;  // "newsboard/0.1.0 (board-id)"
    Seconds connect_timeout{10};
    long low_speed_bytes_per_s = 64;  // slower than this for low_speed_time aborts the transfer
    Seconds low_speed_time{30};
    // The total deadline of one request: at least min_total_time, and long enough to move the
    // request's byte limit at min_average_bytes_per_s (64 MiB at 32 KiB/s: 34 min).
    Seconds min_total_time{60};
    std::uint64_t min_average_bytes_per_s = 32 * 1024;
    // CA certificates to trust instead of the system's (a PEM bundle); empty: the system's.
    std::string ca_file;
    // A clock before this cannot be right: https waits for the clock (a failure that retries
    // soon, without a connection), and TLS failures get the hint to fix the clock.
    TimePoint earliest_plausible_time{};
    // When set and true, a transfer in progress stops within about a second (shutdown).
    std::shared_ptr<std::atomic<bool>> cancel;
};

struct Request {
    std::string url;
    std::uint64_t max_bytes = 0;    // the body limit; larger bodies are refused, not truncated
    std::string if_none_match;      // the ETag we hold, or empty
    std::string if_modified_since;  // the Last-Modified we hold, or empty
};

// post(): the body, its type and extra header lines ("X-Board: b1"); no redirects are
// followed, and any 2xx is an answer.
struct PostRequest {
    std::string url;
    std::uint64_t max_bytes = 0;  // of the answer
    std::string body;
    std::string content_type;
    std::vector<std::string> headers;
};

struct Response {
    long status = 0;  // 200 or 304 (anything else is a Failure)
    // Where the answer came from after the redirects curl followed (ids::landed_url): the
    // request's URL when there were none.
    std::string url;
    std::string body;
    std::string etag;
    std::string last_modified;
    std::string date;  // the server's Date: judges Last-Modified (sync/revalidation.h)
    // What the exchange cost, for logs and measurements.
    std::uint64_t body_bytes = 0;
    std::uint64_t header_bytes = 0;   // received headers
    std::uint64_t request_bytes = 0;  // sent
    std::chrono::microseconds elapsed{0};
};

enum class Retry { Soon, NextPoll };  // a passing fault (backoff), or one a person must fix

struct Failure {
    std::string message;  // what happened, with the URL
    std::string hint;     // what a person can do
    Retry retry = Retry::Soon;
    long status = 0;         // the HTTP status when the server answered with one, else 0
    Seconds retry_after{0};  // how long the server asked to wait (Retry-After), else 0
    bool too_large = false;  // the body passed the request's max_bytes
    std::string text() const { return hint.empty() ? message : message + " (" + hint + ")"; }
};

struct Fetched {
    std::optional<Response> response;  // set on 200 and 304
    std::optional<Failure> failure;    // set otherwise
};

class Http {
  public:
    static Result<Http> create(HttpConfig config);
    Http(Http&&) noexcept;
    Http& operator=(Http&&) noexcept;
    ~Http();

    // `now` decides the hint for TLS failures (a clock that reads 1970); before
    // earliest_plausible_time an https:// URL is not even tried (see http.cpp).
    Fetched get(const Request& request, TimePoint now);
    // The same limits for a POST (the fleet's uploads to the desk, docs/fleet.md).
    Fetched post(const PostRequest& request, TimePoint now);

    // The total deadline for a request with this byte limit (see HttpConfig).
    static Seconds deadline_for(const HttpConfig& config, std::uint64_t max_bytes);

  private:
    Fetched perform(const Request& request, TimePoint now, const PostRequest* post);
    std::optional<Failure> open_curl(const std::string& url);  // libcurl at the first transfer
    struct Impl;
    explicit Http(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace nb::sync
