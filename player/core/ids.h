// The identifiers more than one module checks, one rule each: content hashes, playlist and
// item ids, and the URLs the player will fetch. The playlist parser, the cache, the sync, the
// command line and the desk all ask here.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace nb::ids {

inline constexpr std::size_t kMaxIdLength = 64;

// Exactly 64 lowercase hex digits: a SHA-256 as the player stores, names and compares it.
bool is_sha256(std::string_view s);
// A pin as staff may write it (64 hex digits, either case), lowercased; nullopt otherwise.
std::optional<std::string> sha256_pin(std::string_view s);

// A playlist or item id: 1 to kMaxIdLength of A-Z a-z 0-9 '.' '_' '-'.
bool is_id(std::string_view s);

// "http://…" or "https://…", the scheme in any case (as URLs allow). Nothing else is fetched.
bool is_http_url(std::string_view s);
bool is_https_url(std::string_view s);

// Where an http(s) URL's path ends: at its query ('?') or fragment ('#'), else at its end.
// A query may hold slashes ("?from=a/b") and belongs to the file named before it.
std::size_t url_path_end(std::string_view url);
// The detached signature beside a playlist: ".sig" after the path, the query kept (a token or
// a board's name the server may need for both), the fragment dropped (never sent anyway).
// "https://h/p.json?board=b1#top" -> "https://h/p.json.sig?board=b1".
std::string signature_url(std::string_view playlist_url);
// Where a request for the http(s) URL `asked` ended after its redirects, curl's name for it
// (`landed`), with the user and password curl sent there: `asked`'s when `landed` is on the
// same origin (scheme, host and port: whom curl gives them to) and names none of its own, and
// never on another origin. Relative media resolve against it, as a browser resolves them against
// the page's final address, so they are asked where the playlist really is and with the
// credentials it was. `landed` that is not http(s) (curl fetches nothing else) gives `asked`.
std::string landed_url(std::string_view asked, std::string_view landed);
// `text` with the user and password of every URL in it ("http://board:pw@host/…") shown as
// "***": what a board writes where others read (journal, status file, the fleet) names the
// source without its credentials, which only the requests carry.
std::string hide_credentials(std::string_view text);
// A relative media path as it goes into a URL. A relative `src` names a file, as `check` finds
// it beside a local playlist (playlists/README.md), so every byte that would mean something
// else in a URL is percent-encoded: '%' (an escape), '?' (a query), '#' (a fragment), and the
// bytes no URL holds as they are (space, the control characters), which curl refuses. So
// "media/花园 1#2.jpg" is fetched as "media/花园%201%232.jpg", and "%2e%2e/x.jpg" stays a name
// inside the folder instead of a server's "../x.jpg". Every other byte stays as written, as it
// always went out (the cache knows pictures by these URLs): UTF-8 as curl sends it.
std::string url_path_of(std::string_view relative_path);

// The URL path an earlier version made of the same name: url_path_of()'s result with '%', '?'
// and '#' as written again (they were sent so until they were encoded). A cache that version
// wrote knows an unpinned picture by it, and a board started offline must still find it.
std::string url_path_before_names_were_encoded(std::string_view url_path);

}  // namespace nb::ids
