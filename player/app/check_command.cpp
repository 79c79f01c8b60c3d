// `newsboard check SOURCE`: every problem in the located compiler format, including one
// warning per character no available font can draw; exit 0 when valid, 1 when not.
#include <cstdio>

#include "app/commands.h"
#include "app/source.h"
#include "core/file.h"
#include "core/ids.h"
#include "core/limits.h"
#include "core/utf8.h"
#include "playlist/parse.h"
#include "playlist/texts.h"
#include "render/image.h"
#include "sign/sign.h"
#include "sync/clock_sync.h"
#include "sync/freshness.h"
#include "sync/syncer.h"
#include "text/layout.h"

namespace nb::app {
namespace {

void check_glyphs(const playlist::Playlist& p, const playlist::Text& t, const text::FontCascade& fonts,
                  Diagnostics& diags) {
    if (t.empty()) return;
    for (const text::Missing& m : text::missing_glyphs(fonts, t.value)) {
        diags.warning(playlist::locate_in_string(p, t, m.index),
                      "no font has a glyph for " + utf8::code_point_name(m.cp) + " '" + utf8::encode(m.cp) + "'");
    }
}

void check_all_glyphs(const playlist::Playlist& p, const text::FontCascade& fonts, Diagnostics& diags) {
    for (const playlist::TextAt& t : playlist::texts_of(p)) check_glyphs(p, *t.text, fonts, diags);
}

// The header was checked by the parser; this decodes, to catch files that lie about it.
void check_pictures(const playlist::Playlist& p, Diagnostics& diags) {
    for (const auto& item : p.items)
        for (const playlist::Media* m : playlist::media_of(item)) {
            if (ids::is_http_url(m->resolved)) continue;
            auto picture = render::load_image(m->resolved, {64, 64, render::Fit::Contain, 4096});
            if (!picture)
                diags.error(m->where, "item \"" + item.id + "\": image: " + naming_media_as_written(item, picture.error()));
        }
}

// With --trusted-key, the playlist must carry PLAYLIST.sig by one of those keys.
void check_signature(const std::string& path, const std::vector<sign::PublicKey>& trusted, Diagnostics& diags) {
    auto bytes = file::read(path, playlist::kMaxPlaylistBytes);
    if (!bytes) return;  // the parser has reported it
    auto sig = file::read(path + ".sig", size_limits::kMaxSignatureBytes);
    if (!sig) {
        diags.error({path, 0, 0}, "not signed: " + sig.error());
        return;
    }
    if (Status s = sign::verify(*bytes, *sig, trusted); !s) diags.error({path, 0, 0}, "signature: " + s.error());
}

// With --trusted-key, what every board trusting the key refuses of this file, whatever it took
// before, as `check URL` refuses it: no "updated", one more than a day ahead of a synchronised
// clock, an edition past its "expires", a picture its signed bytes do not pin.
void check_signed_rules(const Options& o, const playlist::Playlist& p, Diagnostics& diags) {
    const sync::Config config = sync_config(o, {});
    const bool synchronised = config.clock_synchronised ? config.clock_synchronised() : sync::system_clock_synchronised();
    const sync::Edition edition{p.updated_text, p.updated, p.sha256, p.expires};
    if (auto why = sync::refuse_edition(o.source, edition, std::nullopt, now(),
                                        synchronised ? sync::ClockState::Synchronised : sync::ClockState::Unknown))
        diags.error({o.source, 0, 0}, without_source(o.source, *why));
    for (const auto& item : p.items)
        for (const playlist::Media* m : playlist::media_of(item))
            if (auto why = sync::unpinned(item, *m)) diags.error(m->where, *why);
}

}  // namespace

int check_command(const Options& o) {
    auto trusted = sign::load_trusted(o.trusted_keys);
    if (!trusted) {
        std::fprintf(stderr, "newsboard: error: %s\n", trusted.error().c_str());
        return kUsage;
    }
    Diagnostics diags;
    LoadedSource source = load_source(o, diags, now());  // a URL's signature is checked by the sync
    if (source.exit_code != kOk && source.exit_code != kInvalidContent) return source.exit_code;
    auto& playlist = source.playlist;
    if (!trusted->empty() && !ids::is_http_url(o.source)) {
        check_signature(o.source, *trusted, diags);
        if (playlist) check_signed_rules(o, *playlist, diags);
    }
    if (playlist) {
        auto fonts = text::FontCascade::create(text::SystemFallback::Use);
        if (!fonts) {
            diags.print();
            std::fprintf(stderr, "newsboard: error: %s\n", fonts.error().c_str());
            return kRuntime;
        }
        check_all_glyphs(*playlist, *fonts, diags);
        check_pictures(*playlist, diags);
    }
    diags.print();
    const bool valid = playlist && !diags.has_errors();
    const auto plural = [](std::size_t n) { return n == 1 ? "" : "s"; };
    std::fprintf(stderr, "%s: %s (%zu error%s, %zu warning%s)\n", ids::hide_credentials(o.source).c_str(),
                 valid ? "valid" : "invalid", diags.error_count(), plural(diags.error_count()), diags.warning_count(),
                 plural(diags.warning_count()));
    return valid ? kOk : kInvalidContent;
}

}  // namespace nb::app
