#include "sync/http.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "core/ids.h"
#include "core/liveness.h"
#include "sync/curl_lib.h"
#include "sync/revalidation.h"

namespace nb::sync {
namespace {

struct CurlDeleter {
    const CurlLib* lib;
    void operator()(CURL* c) const { lib->easy_cleanup(c); }
};
struct SlistDeleter {
    const CurlLib* lib;
    void operator()(curl_slist* l) const { lib->slist_free_all(l); }
};
using CurlPtr = std::unique_ptr<CURL, CurlDeleter>;
using SlistPtr = std::unique_ptr<curl_slist, SlistDeleter>;

struct Sink {
    std::string* body;
    std::uint64_t max_bytes;
    bool too_large = false;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
    auto* sink = static_cast<Sink*>(user);
    const size_t n = size * count;
    if (sink->body->size() + n > sink->max_bytes) {
        sink->too_large = true;
        return 0;  // aborts the transfer with CURLE_WRITE_ERROR
    }
    sink->body->append(data, n);
    return n;
}

// Longer than any validator seen in the wild (a quoted hash is under 100 bytes), and far below
// the header buffers of servers (nginx's can be set to 1 KiB) that must take it back.
constexpr std::size_t kMaxHeaderValueBytes = 256;

// A header (a validator, Date) as the server sent it, or empty when it is not plain printable
// ASCII or longer than kMaxHeaderValueBytes. ETag and Last-Modified are only echoed back to the
// same server, but they also go into the cache's and the status file's JSON: a byte like 0xFF
// there is not worth a board, nor an ETag the server's own header buffers refuse in
// If-None-Match (a server that sends one gets unconditional GETs instead, which cost bandwidth,
// not correctness).
std::string header(const CurlLib& lib, CURL* c, const char* name) {
    curl_header* h = nullptr;
    if (lib.easy_header(c, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK || !h || !h->value) return {};
    const std::string value = h->value;
    if (value.size() > kMaxHeaderValueBytes) return {};
    for (char ch : value)
        if (ch < 0x20 || ch > 0x7e) return {};
    return value;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    beat_this_thread();  // a transfer is progress; curl's own limits end a stalled one
    return static_cast<const std::atomic<bool>*>(user)->load() ? 1 : 0;  // non-zero aborts
}

std::string mib(std::uint64_t bytes) {
    return std::to_string(bytes / (1024 * 1024)) + " MiB";
}

// What a person can do about a certificate curl refused, from curl's own words (OpenSSL's
// verify errors and curl's host name check).
std::string tls_hint(const std::string& detail) {
    const auto says = [&detail](const char* words) { return detail.find(words) != std::string::npos; };
    if (says("expired"))
        return "TLS: the server's certificate has expired; renew it on the server (or, if it is new, check this "
               "board's clock)";
    if (says("subject name") || says("host name") || says("hostname"))
        return "TLS: the server's certificate is for another host name than the URL's; use the name the "
               "certificate names, or fix the certificate";
    if (says("issuer") || says("self-signed") || says("self signed") || says("unknown ca") || says("CA"))
        return "TLS: the server's certificate is signed by a CA this board does not trust; install the CA "
               "(ca-certificates, or --ca-file) or fix the server's certificate chain";
    return "TLS: the server's certificate is not trusted for this name; check the URL and the server's "
           "certificate chain (ca-certificates on the board, or --ca-file)";
}

Failure classify_curl(const CurlLib& lib, CURLcode code, const std::string& url, const Sink& sink, const char* detail,
                      const HttpConfig& config, TimePoint now) {
    Failure f;
    f.message = url + ": " + (detail && *detail ? detail : lib.easy_strerror(code));
    switch (code) {
        case CURLE_COULDNT_RESOLVE_HOST:
            f.hint = "DNS: the host name does not resolve; check the network and the URL's spelling";
            break;
        case CURLE_COULDNT_RESOLVE_PROXY:
            f.hint = "the proxy's name does not resolve; check http_proxy / https_proxy";
            break;
        case CURLE_COULDNT_CONNECT:
            f.hint = "nothing answers at that address; is the server up and the network connected?";
            break;
        case CURLE_OPERATION_TIMEDOUT:
            f.hint = "too slow or no answer; the network may be down or overloaded";
            break;
        case CURLE_PARTIAL_FILE:
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_GOT_NOTHING:
            f.hint = "the connection broke off during the transfer; will try again";
            break;
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_SSL_CERTPROBLEM:
            if (now < config.earliest_plausible_time) {
                f.hint = "this board's clock reads " + format_timestamp_utc(now) +
                         ", before this program was built, so certificates are not yet valid: fix the clock "
                         "(NTP, or a real-time clock)";
                f.retry = Retry::Soon;  // NTP usually sets it within minutes
            } else {
                f.hint = tls_hint(detail ? detail : "");
                f.retry = Retry::NextPoll;
            }
            break;
        case CURLE_URL_MALFORMAT:
            f.hint = "not a well-formed URL (a space or control character in it?); check the address";
            f.retry = Retry::NextPoll;
            break;
        case CURLE_OUT_OF_MEMORY:
            // What curl 7.x says of a header line over its 100 KB as well as of a failed malloc.
            f.hint = "curl could not hold the answer: a response header line longer than curl takes (a "
                     "server or proxy fault), or this board short of memory; will try again";
            break;
        case CURLE_BAD_CONTENT_ENCODING:
            f.hint = "the server's compressed answer (Content-Encoding) does not decompress; check the "
                     "server's compression settings and the compressed copy of the file";
            f.retry = Retry::NextPoll;
            break;
        case CURLE_ABORTED_BY_CALLBACK:
            f.hint = "stopped: the player is shutting down";
            break;
        case CURLE_TOO_MANY_REDIRECTS:
            f.hint = "redirected too many times (a loop?); give the playlist's final address";
            f.retry = Retry::NextPoll;
            break;
        case CURLE_UNSUPPORTED_PROTOCOL:
            // curl says so too when the answer has no HTTP status line: another service at
            // that port (TLS only, SSH, the fleet's broker), not a refused scheme.
            if (detail && std::strstr(detail, "HTTP/0.9")) {
                f.hint = "the answer is not HTTP: something else listens at that port (https:// on an "
                         "http:// address, another service); check the URL's scheme and port";
                f.retry = Retry::NextPoll;
                break;
            }
            f.hint = ids::is_https_url(url) ? "only http:// and https:// are allowed, and an https:// address may "
                                              "redirect only to https://, never down to http://"
                                            : "only http:// and https:// are allowed, redirects included";
            f.retry = Retry::NextPoll;
            break;
        case CURLE_FILESIZE_EXCEEDED:
            f.message = url + ": the server announces more than the limit of " + mib(sink.max_bytes);
            f.too_large = true;
            f.hint = "make the file smaller, or check that the URL names the right file";
            f.retry = Retry::NextPoll;
            break;
        case CURLE_WRITE_ERROR:
            if (sink.too_large) {
                f.message = url + ": larger than the limit of " + mib(sink.max_bytes);
                f.too_large = true;
                f.hint = "make the file smaller, or check that the URL names the right file";
                f.retry = Retry::NextPoll;
            }
            break;
        default:
            break;
    }
    return f;
}

// Whether curl followed the answer's redirects: GETs do, POSTs never (a body sent again to
// wherever a Location says is not the board's to decide).
enum class Redirects { Followed, NotFollowed };

// `redirect_to`: where a redirect not followed pointed (curl's CURLINFO_REDIRECT_URL), or empty.
Failure classify_status(long status, const std::string& url, Redirects redirects, const std::string& redirect_to) {
    Failure f;
    f.status = status;
    f.message = url + ": HTTP " + std::to_string(status);
    if (status == 404 || status == 410) {
        f.hint = "not on the server: check the URL, or upload the file";
        f.retry = Retry::NextPoll;
    } else if (status == 401 || status == 403) {
        f.hint = "the server refuses this board: check the server's access rules";
        f.retry = Retry::NextPoll;
    } else if (status >= 300 && status <= 399 && redirects == Redirects::NotFollowed && !redirect_to.empty()) {
        f.hint = "the server sends this upload on to " + ids::hide_credentials(redirect_to) +
                 ", and uploads are not redirected: give that address instead";
        f.retry = Retry::NextPoll;
    } else if (status >= 300 && status <= 399) {
        // curl follows every redirect of a GET that names where to (CURLOPT_FOLLOWLOCATION).
        f.hint = "a redirect without a Location header to follow: a fault in the server's configuration";
        f.retry = Retry::NextPoll;
    } else if (status == 429) {
        f.hint = "the server asks this board to wait (too many requests); will try again";
    } else if (status >= 500 || status == 408) {
        f.hint = "a fault on the server's side; will try again";
    } else {
        f.hint = "an answer this player does not expect";
        f.retry = Retry::NextPoll;
    }
    return f;
}

// The request's URL and, after redirects, where they led: a failure there (a host that does not
// answer, a file that is not there) is the target's, which the address asked alone would blame
// on a server that answered.
std::string named_url(const CurlLib& lib, CURL* c, const std::string& url) {
    long redirects = 0;
    char* landed = nullptr;
    lib.get_long(c, CURLINFO_REDIRECT_COUNT, &redirects);
    lib.get_string(c, CURLINFO_EFFECTIVE_URL, &landed);
    if (redirects <= 0 || !landed || url == landed) return url;
    return url + " (redirected to " + landed + ")";
}

}  // namespace

struct Http::Impl {
    HttpConfig config;
    const CurlLib* lib = nullptr;  // both set at the first transfer (sync/curl_lib.h says why)
    CurlPtr curl{nullptr, CurlDeleter{nullptr}};
};

Http::Http(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Http::Http(Http&&) noexcept = default;
Http& Http::operator=(Http&&) noexcept = default;
Http::~Http() = default;

Seconds Http::deadline_for(const HttpConfig& config, std::uint64_t max_bytes) {
    const std::uint64_t rate = std::max<std::uint64_t>(1, config.min_average_bytes_per_s);
    const auto moving = static_cast<std::int64_t>(std::min<std::uint64_t>(max_bytes / rate, 7 * 24 * 3600));
    return std::max(config.min_total_time, Seconds(moving) + config.connect_timeout);
}

Result<Http> Http::create(HttpConfig config) {
    auto impl = std::make_unique<Impl>();
    impl->config = std::move(config);
    return Http(std::move(impl));
}

// libcurl is opened here, at the first transfer, not at start-up (sync/curl_lib.h). A library
// that does not open fails this transfer like a network fault, with what to install; the board
// keeps its cached content.
std::optional<Failure> Http::open_curl(const std::string& url) {
    if (impl_->curl) return std::nullopt;
    auto lib = CurlLib::shared();
    if (!lib) return Failure{url + ": " + lib.error(), "the player's package depends on libcurl4; reinstall it"};
    CurlPtr curl((*lib)->easy_init(), CurlDeleter{*lib});
    if (!curl) return Failure{url + ": libcurl could not create a handle (out of memory?)", ""};
    impl_->lib = *lib;
    impl_->curl = std::move(curl);
    return std::nullopt;
}

Fetched Http::get(const Request& request, TimePoint now) {
    return perform(request, now, nullptr);
}

Fetched Http::post(const PostRequest& request, TimePoint now) {
    Request r;
    r.url = request.url;
    r.max_bytes = request.max_bytes;
    return perform(r, now, &request);
}

Fetched Http::perform(const Request& request, TimePoint now, const PostRequest* post) {
    const HttpConfig& cfg = impl_->config;
    // A board without a real-time clock boots in 1970 (or at its last shutdown) until NTP sets
    // the time: every certificate is then "not yet valid". Waiting is the fix, not an error a
    // person must act on, so https is not tried until the clock is plausible; the cache plays.
    if (now < cfg.earliest_plausible_time && ids::is_https_url(request.url)) {
        Fetched f;
        f.failure = Failure{request.url + ": not fetched yet: waiting for the clock to be set",
                            "this board's clock reads " + format_timestamp_utc(now) +
                                ", before this program was built, so certificates are not yet valid; NTP usually "
                                "sets it within minutes (else check the network's NTP, or fit a real-time clock)",
                            Retry::Soon};
        return f;
    }
    if (auto failed = open_curl(request.url)) {
        Fetched f;
        f.failure = std::move(*failed);
        return f;
    }
    const CurlLib& lib = *impl_->lib;
    CURL* c = impl_->curl.get();
    // Reset keeps the connection cache, so a poll reuses the open connection.
    lib.easy_reset(c);
    std::string body;
    Sink sink{&body, request.max_bytes};
    char error[CURL_ERROR_SIZE] = {};
    SlistPtr headers(nullptr, SlistDeleter{&lib});
    auto add_header = [&headers, &lib](const std::string& line) {
        curl_slist* grown = lib.slist_append(headers.get(), line.c_str());
        if (grown) {
            (void)headers.release();
            headers.reset(grown);
        }
    };
    if (!request.if_none_match.empty()) add_header("If-None-Match: " + request.if_none_match);
    if (!request.if_modified_since.empty()) add_header("If-Modified-Since: " + request.if_modified_since);
    if (post) {
        for (const auto& line : post->headers) add_header(line);
        add_header("Content-Type: " + post->content_type);
        add_header("Expect:");  // no 100-continue round trip
        lib.set_off(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(post->body.size()));
        lib.set_pointer(c, CURLOPT_POSTFIELDS, post->body.data());
    }

    lib.set_pointer(c, CURLOPT_URL, request.url.c_str());
    lib.set_pointer(c, CURLOPT_PROTOCOLS_STR, "http,https");
    // A redirect may go from http to https, never from https down to http: that would hand a
    // signed board's traffic (and an unsigned board's content) to anyone on the path.
    const bool https = ids::is_https_url(request.url);
    lib.set_pointer(c, CURLOPT_REDIR_PROTOCOLS_STR, https ? "https" : "http,https");
    lib.set_long(c, CURLOPT_FOLLOWLOCATION, post ? 0L : 1L);
    lib.set_long(c, CURLOPT_MAXREDIRS, 5L);
    lib.set_long(c, CURLOPT_SSL_VERIFYPEER, 1L);
    lib.set_long(c, CURLOPT_SSL_VERIFYHOST, 2L);
    lib.set_long(c, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM for DNS timeouts in a threaded program
    lib.set_long(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(cfg.connect_timeout.count()));
    lib.set_long(c, CURLOPT_LOW_SPEED_LIMIT, cfg.low_speed_bytes_per_s);
    lib.set_long(c, CURLOPT_LOW_SPEED_TIME, static_cast<long>(cfg.low_speed_time.count()));
    lib.set_long(c, CURLOPT_TIMEOUT, static_cast<long>(deadline_for(cfg, request.max_bytes).count()));
    if (!cfg.ca_file.empty()) lib.set_pointer(c, CURLOPT_CAINFO, cfg.ca_file.c_str());
    lib.set_off(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(request.max_bytes));
    // Every coding curl can undo (""), asked for and undone: a site that keeps its files
    // compressed serves them so even to a client that did not ask (nginx's `gzip_static always`,
    // a bucket's Content-Encoding), and the signature and pins are over the bytes themselves.
    // max_bytes limits the bytes undone (the sink sees them), so a small bomb stays small.
    lib.set_pointer(c, CURLOPT_ACCEPT_ENCODING, "");
    lib.set_pointer(c, CURLOPT_USERAGENT, cfg.user_agent.c_str());
    lib.set_pointer(c, CURLOPT_HTTPHEADER, headers.get());
    lib.set_write_function(c, on_body);
    lib.set_pointer(c, CURLOPT_WRITEDATA, &sink);
    lib.set_pointer(c, CURLOPT_ERRORBUFFER, error);
    if (cfg.cancel) {
        lib.set_long(c, CURLOPT_NOPROGRESS, 0L);
        lib.set_xferinfo_function(c, on_progress);
        lib.set_pointer(c, CURLOPT_XFERINFODATA, cfg.cancel.get());
    }

    const CURLcode code = lib.easy_perform(c);
    lib.set_pointer(c, CURLOPT_ERRORBUFFER, nullptr);  // `error` goes out of scope
    lib.set_pointer(c, CURLOPT_HTTPHEADER, nullptr);
    Fetched out;
    if (code != CURLE_OK) {
        out.failure = classify_curl(lib, code, named_url(lib, c, request.url), sink, error, cfg, now);
        return out;
    }
    long status = 0;
    lib.get_long(c, CURLINFO_RESPONSE_CODE, &status);
    if (post ? status < 200 || status > 299 : status != 200 && status != 304) {
        char* redirect_to = nullptr;
        if (post) lib.get_string(c, CURLINFO_REDIRECT_URL, &redirect_to);
        out.failure =
            classify_status(status, named_url(lib, c, request.url), post ? Redirects::NotFollowed : Redirects::Followed,
                            redirect_to ? redirect_to : "");
        const std::string date = header(lib, c, "Date");
        if (auto wait = parse_retry_after(header(lib, c, "Retry-After"),
                                          date.empty() ? std::nullopt : parse_http_date(date), now))
            out.failure->retry_after = *wait;
        return out;
    }
    Response r;
    r.status = status;
    char* landed = nullptr;
    lib.get_string(c, CURLINFO_EFFECTIVE_URL, &landed);
    r.url = ids::landed_url(request.url, landed ? landed : "");
    r.etag = header(lib, c, "ETag");
    r.last_modified = header(lib, c, "Last-Modified");
    r.date = header(lib, c, "Date");
    curl_off_t downloaded = 0, elapsed_us = 0;
    long header_size = 0, request_size = 0;
    lib.get_off(c, CURLINFO_SIZE_DOWNLOAD_T, &downloaded);
    lib.get_off(c, CURLINFO_TOTAL_TIME_T, &elapsed_us);
    lib.get_long(c, CURLINFO_HEADER_SIZE, &header_size);
    lib.get_long(c, CURLINFO_REQUEST_SIZE, &request_size);
    r.body_bytes = static_cast<std::uint64_t>(downloaded);
    r.header_bytes = static_cast<std::uint64_t>(header_size);
    r.request_bytes = static_cast<std::uint64_t>(request_size);
    r.elapsed = std::chrono::microseconds(elapsed_us);
    r.body = std::move(body);
    out.response = std::move(r);
    return out;
}

}  // namespace nb::sync
