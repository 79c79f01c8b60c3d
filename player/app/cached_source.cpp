#include "app/cached_source.h"

#include "app/source.h"
#include "core/ids.h"
#include "sync/cache.h"

namespace nb::app {

Result<Options> source_from_cache(Options o) {
    const std::string dir = cache_dir_of(o);
    auto stored = sync::read_current(dir);
    if (!stored) return fail(missing_source_error(o) + "\nthe cache's edition cannot be played either: " + stored.error());
    if (!*stored || !ids::is_http_url((*stored)->source))
        return fail(missing_source_error(o) + "\nthe cache " + dir + " holds no edition to play meanwhile");
    const sync::Current& c = **stored;
    // The line that most likely meant `source` (a misspelt name, an empty value), else the file.
    const auto near = o.near_miss.find("source");
    const std::string where = near != o.near_miss.end() ? near->second
                              : o.config_files.empty()   ? std::string()
                                                         : o.config_files.back() + ": ";
    const std::string line = near != o.near_miss.end() ? " (this line looks meant for it)" : "";
    o.source = c.source;
    o.source_lost = where + "no `source =` line was read" + line;
    o.warnings.push_back(where + "warning: no `source =` line was read" + line + "; the board plays its cached edition from " +
                         ids::hide_credentials(c.source) + " (updated " + c.updated +
                         ") and syncs from that URL, taking only editions its trusted keys signed (none without a "
                         "trusted key it can read), until the line is fixed");
    return o;
}

void trust_cached_source_only(const Options& o, sync::Config& c) {
    if (!o.source_lost || c.authenticated()) return;
    c.keys_unreadable = *o.source_lost +
                        ", and the board has no trusted key to check an edition from the cache's URL with: it "
                        "takes none, and plays its cached edition only if that was signed";
}

}  // namespace nb::app
