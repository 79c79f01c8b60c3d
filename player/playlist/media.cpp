#include "playlist/media.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <vector>

#include "core/file.h"
#include "core/ids.h"
#include "core/image_header.h"
#include "core/sha256.h"
#include "playlist/fields.h"
#include "playlist/limits.h"

namespace nb::playlist {
namespace {

// "file:", "ftp:" … — anything that looks like a URL scheme before the first '/'.
bool has_scheme(std::string_view s) {
    const std::size_t colon = s.find(':');
    if (colon == std::string_view::npos || colon == 0 || s.substr(0, colon).find('/') != std::string_view::npos)
        return false;
    if (!std::isalpha(static_cast<unsigned char>(s[0]))) return false;
    for (char ch : s.substr(0, colon))
        if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '+' && ch != '-' && ch != '.') return false;
    return true;
}

// Removes "." and resolves ".." lexically; nullopt when ".." climbs above the start.
std::optional<std::string> normalize_relative(std::string_view rel) {
    std::vector<std::string_view> parts;
    while (!rel.empty()) {
        const std::size_t slash = rel.find('/');
        const std::string_view part = rel.substr(0, slash);
        rel = slash == std::string_view::npos ? std::string_view() : rel.substr(slash + 1);
        if (part.empty() || part == ".") continue;
        if (part == "..") {
            if (parts.empty()) return std::nullopt;
            parts.pop_back();
            continue;
        }
        parts.push_back(part);
    }
    std::string out;
    for (std::string_view p : parts) out += (out.empty() ? "" : "/") + std::string(p);
    return out;
}

std::optional<std::string> real_path(const std::string& path) {
    std::unique_ptr<char, decltype(&std::free)> resolved(::realpath(path.c_str(), nullptr), &std::free);
    if (!resolved) return std::nullopt;
    return std::string(resolved.get());
}

std::string megapixels(std::uint64_t pixels) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(pixels) / 1e6);
    std::string s = buf;
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
    return s + " MP";
}

// The image's own problem, if any: not an image we can size, or too big to decode on a board.
std::string image_problem(std::string_view bytes) {
    const auto info = read_image_header(bytes);
    if (!info) return info.error();
    const std::uint64_t pixels = std::uint64_t{info->width} * info->height;
    const std::string size = std::to_string(info->width) + "×" + std::to_string(info->height);
    if (pixels > limits::kMaxImagePixels)
        return size + " = " + megapixels(pixels) + "; the limit is " + megapixels(limits::kMaxImagePixels);
    if (info->width > limits::kMaxImageSide || info->height > limits::kMaxImageSide)
        return size + " has a side over " + std::to_string(limits::kMaxImageSide) + " pixels";
    return {};
}

}  // namespace

std::string media_base(const std::string& playlist_path) {
    if (ids::is_http_url(playlist_path)) {
        // The folder of the path: a query ("?from=a/b") or fragment after it has no say.
        const std::size_t authority = playlist_path.find("//") + 2;
        const std::size_t path_end = ids::url_path_end(playlist_path);
        const std::size_t slash = playlist_path.rfind('/', path_end == 0 ? 0 : path_end - 1);
        if (slash == std::string::npos || slash < authority)
            return playlist_path.substr(0, path_end) + "/";  // "https://host" has no path yet
        return playlist_path.substr(0, slash + 1);
    }
    const std::string dir = file::dirname(playlist_path);
    std::string base = real_path(dir).value_or(
        std::filesystem::absolute(std::filesystem::path(dir)).lexically_normal().string());
    if (base.empty() || base.back() != '/') base += '/';
    return base;
}

std::optional<Media> MediaReader::read(Checker& c, const Node& n) {
    std::optional<Node> src = n;
    std::optional<Node> sha;
    if (n.json->is_object()) {
        check_keys(c, n, {{"src", "sha256"}});
        src = c.member(n, "src");
        sha = c.member(n, "sha256");
        if (!src) {
            c.error(n, "missing \"src\"");
            return std::nullopt;
        }
    } else if (!n.json->is_string()) {
        c.error(n, "expected \"media/file.jpg\" or {\"src\": \"media/file.jpg\", \"sha256\": \"…\"}, " + got(*n.json));
        return std::nullopt;
    }
    if (!src->json->is_string() || src->json->get<std::string>().empty()) {
        c.error(*src, "expected a path relative to the playlist or an http(s) URL, " + got(*src->json));
        return std::nullopt;
    }
    Media m;
    m.src = src->json->get<std::string>();
    m.where = c.at(n);
    bool ok = true;
    if (sha) {
        if (auto pin = sha->json->is_string() ? ids::sha256_pin(sha->json->get<std::string>()) : std::nullopt) {
            m.sha256 = std::move(*pin);
        } else {
            c.error(*sha, "expected 64 hexadecimal digits (a SHA-256), " + got(*sha->json));
            ok = false;
        }
    }

    if (ids::is_http_url(m.src)) {
        m.resolved = m.src;
    } else if (has_scheme(m.src)) {
        c.error(*src, "only http:// and https:// URLs are supported, " + got(*src->json));
        return std::nullopt;
    } else if (m.src.front() == '/') {
        c.error(*src, m.src + ": absolute paths are not allowed; give the path relative to the playlist");
        return std::nullopt;
    } else if (const auto rel = normalize_relative(m.src)) {
        // A path: beside a remote playlist, the URL of the same file (a space, '#' or '%' in
        // a name included), as `check` found it beside a local one.
        m.resolved = base_ + (ids::is_http_url(base_) ? ids::url_path_of(*rel) : *rel);
    } else {
        c.error(*src, m.src + ": the path leaves the playlist's folder");
        return std::nullopt;
    }

    if (check_ == MediaCheck::Full) {
        if (ids::is_http_url(m.resolved)) {
            if (m.sha256.empty() && ok)
                c.warning(*src, m.src + ": remote media without \"sha256\" cannot be verified; boards with trusted "
                                        "keys refuse it");
        } else {
            // A picture that is missing, wrong or unreadable leaves its item out.
            ok &= check_local(c, *src, sha ? &*sha : nullptr, m);
        }
    }
    if (!ok) return std::nullopt;
    return m;
}

const MediaReader::FileFacts& MediaReader::inspect(const std::string& resolved) {
    if (const auto it = files_.find(resolved); it != files_.end()) return it->second;
    FileFacts& facts = files_[resolved];
    const auto real = real_path(resolved);
    const int error = errno;
    const auto real_base = real_path(base_);
    struct stat st {};
    if (!real) {
        facts.problem = error == ENOENT ? "no such file" : std::strerror(error);
    } else if (!real_base || real->compare(0, real_base->size() + 1, *real_base + "/") != 0) {
        // A symlink may point anywhere; the board must not serve files outside the folder.
        facts.problem = "resolves to " + *real + ", outside the playlist's folder";
    } else if (::stat(real->c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
        facts.problem = "not a regular file";
    } else if (auto bytes = file::read(*real, limits::kMaxMediaBytes); !bytes) {
        facts.problem = static_cast<std::uint64_t>(st.st_size) > limits::kMaxMediaBytes
                            ? std::to_string(st.st_size) + " bytes; the limit is " +
                                  std::to_string(limits::kMaxMediaBytes)
                            : bytes.error();
    } else {
        facts.sha256 = sha256_hex(*bytes);
        facts.problem = image_problem(*bytes);
    }
    return facts;
}

bool MediaReader::check_local(Checker& c, const Node& src, const Node* sha, const Media& m) {
    const FileFacts& facts = inspect(m.resolved);
    if (!facts.problem.empty() && facts.sha256.empty()) {
        c.error(src, m.src + ": " + facts.problem);
        return false;
    }
    bool ok = true;
    if (!m.sha256.empty() && facts.sha256 != m.sha256 && sha) {
        c.error(*sha, m.src + " does not match: expected " + m.sha256.substr(0, 12) + "…, the file has " +
                          facts.sha256.substr(0, 12) + "…");
        ok = false;
    }
    if (!facts.problem.empty()) {
        c.error(src, m.src + ": " + facts.problem);
        ok = false;
    }
    return ok;
}

}  // namespace nb::playlist
