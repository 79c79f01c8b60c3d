// When a board may ask for its playlist conditionally, and when a 304 could mean the wrong
// bytes (pure: the sync passes the headers and what it holds).
//
// A 304 tells the board "the bytes your validators describe are still current". That holds
// only if the validators change whenever the bytes do, and a static file server's do not:
// nginx's ETag is the file's mtime in whole seconds and its size, and Last-Modified is the
// mtime in whole seconds. Two editions of one size published within one second look the same,
// and a board that fetched the first would be told 304 for the second: the old edition on
// screen until the next publish. RFC 9110 §8.8.2.2 says when Last-Modified is good enough for
// If-Modified-Since: when the response's Date is at least one second after it (the same
// clock made both). Apache applies the same rule to its own ETags (weak within the second);
// nginx does not, and its ETag is made from the same mtime, so the rule covers both here.
// A weak ETag (W/"…") goes back like a strong one: If-None-Match compares weakly whatever the
// tag (RFC 9110 §13.1.2), and servers mark weak the tags made from something else than the
// bytes (Apache within the second, nginx when it compresses, which the board never asks for),
// with a Last-Modified this rule judges.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"
#include "sync/cache.h"

namespace nb::sync {

// An HTTP-date in its IMF-fixdate form, "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 9110 §5.6.7:
// what every sender must generate). The obsolete forms are not read: validators dated so
// are not trusted, which costs a whole download per poll, never the wrong edition.
std::optional<TimePoint> parse_http_date(std::string_view text);

// How long a refusal's Retry-After (429, 503) asks to wait: whole seconds, or an HTTP-date
// counted from the server's own Date (`server_now`; the board's clock may be off). Nothing when
// absent or unreadable; never negative.
std::optional<Seconds> parse_retry_after(std::string_view value, std::optional<TimePoint> server_now, TimePoint now);

enum class Validation {
    Conditional,    // validators may go out (If-None-Match / If-Modified-Since)
    Unconditional,  // a whole GET: a 304 could name other bytes than the ones on the server
};

// Whether a 200's ETag and Last-Modified may be sent back with the next poll. Not when
// Last-Modified is less than a second before Date (the file may change again within its
// second, with the same validators), or after it (the clocks disagree), or when either
// cannot be read. Without Last-Modified there is nothing to judge an ETag by: it is taken.
Validation validators_fit(std::string_view last_modified, std::string_view date);

// The edition a signed doorbell named (fleet/doorbell.h): the board knows the server has
// other bytes than it holds, so no 304 is trusted until it has been served them.
struct Awaited {
    std::string sha256;
    TimePoint updated{};  // the doorbell's "updated"
};

// The playlist request: conditional only with validators to send, and none awaited but the
// bytes they describe.
Validation playlist_request(const std::optional<Validators>& held, const std::optional<Awaited>& awaited);

enum class Wait { On, Over };

// After a sync: the wait ends once the awaited bytes were served (taken or refused, the
// validators now describe them), or the board holds an edition at least as new (a later
// publish superseded the awaited one; its doorbell may have been lost). `served_sha256`: the
// bytes a 200 brought, else empty; `held_updated`: the "updated" of the edition on screen.
Wait wait_after_sync(const Awaited& awaited, const std::string& served_sha256,
                     const std::optional<TimePoint>& held_updated);

}  // namespace nb::sync
