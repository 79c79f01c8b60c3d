// The web page's own files (desk/web: HTML, CSS, JavaScript modules), read-only, by an
// allow-list of names and types: no folder listings, no dot files, no way out of the folder.
#include <sys/stat.h>

#include <map>

#include "core/file.h"
#include "desk.h"

namespace nb::desk {

namespace {

constexpr std::uint64_t kMaxStaticFile = 8 * 1024 * 1024;

const std::map<std::string, std::string> kTypes = {
    {"html", "text/html; charset=utf-8"},  {"css", "text/css; charset=utf-8"},
    {"js", "text/javascript; charset=utf-8"}, {"mjs", "text/javascript; charset=utf-8"},
    {"json", "application/json; charset=utf-8"}, {"svg", "image/svg+xml"},
    {"png", "image/png"},   {"ico", "image/x-icon"},  {"woff2", "font/woff2"},
    {"txt", "text/plain; charset=utf-8"},
};

bool is_file(const std::string& path) {
    struct stat st{};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

Reply serve_file(const Desk& desk, const Call& call) {
    if (call.path.rfind("/api/", 0) == 0) return error_reply(404, "no_route", "no such API: " + call.path);
    std::string rel = call.params.empty() || call.params[0].empty() ? "index.html" : call.params[0];
    auto dot = rel.rfind('.');
    auto type = dot == std::string::npos ? kTypes.end() : kTypes.find(rel.substr(dot + 1));
    if (type == kTypes.end()) return error_reply(404, "no_such_page", "no such page");
    std::string path = desk.web_dir + "/" + rel;
    if (!is_file(path)) {
        // A name the page does not have is a plain not-found; only a folder without the page
        // itself means the files are missing, which an administrator must hear about.
        if (!is_file(desk.web_dir + "/index.html"))
            return error_reply(404, "web_not_installed", "the desk's web page is not installed (" + desk.web_dir + ")");
        return error_reply(404, "no_such_page", "no such page");
    }
    auto bytes = file::read(path, kMaxStaticFile);
    if (!bytes) return error_reply(500, "file_unreadable", "cannot read " + rel);
    Reply r;
    r.content_type = type->second;
    r.body = std::move(bytes.value());
    r.headers.emplace_back("Cache-Control", "no-cache");
    return r;
}

}  // namespace

void add_static_routes(Router& router, Desk& desk) {
    // Segments of letters, digits, '_', '-' and '.', none starting with '.' (so no "..").
    router.add("GET", "/((?:[A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*)?",
               {Access::Anyone, Body::None, 0}, [&desk](Call& c) { return serve_file(desk, c); });
}

}  // namespace nb::desk
