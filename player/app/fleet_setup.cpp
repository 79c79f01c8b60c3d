#include "app/fleet_setup.h"

#include <cstdio>
#include <optional>

#include "app/source.h"
#include "core/file.h"
#include "core/ids.h"
#include "sync/cache.h"
#include "sync/state.h"
#include "sync/syncer.h"

namespace nb::app {

namespace {

// --board-key's secret key (docs/fleet.md "Identity").
Result<sign::SecretKey> board_key(const Options& o) {
    auto text = file::read(o.board_key, 4096);
    if (!text) return fail("--board-key: " + text.error());
    return sign::parse_secret(*text, o.board_key);
}

std::string journal_dir(const Options& o) {
    return !o.journal_dir.empty() ? o.journal_dir
                                  : file::join(o.state_dir.empty() ? sync::default_state_dir() : o.state_dir, "plays");
}

// --group, else --playlist-id if it is one (not no_playlist_id()'s stand-in), else "".
std::string group_of(const Options& o) {
    if (!o.group.empty()) return o.group;
    return ids::is_id(o.playlist_id) ? o.playlist_id : std::string();
}

// Why the desk cannot take this board as configured, or nothing.
std::optional<std::string> desk_problem(const Options& o) {
    if (o.board_id.empty() || o.board_key.empty())
        return std::string("--desk needs --board-id and --board-key (the board's key from newsboard keygen)");
    // The desk files every board under a group (its fleet page, its doorbell, its alerts) and
    // refuses an enrolment without one: say so here, not as an HTTP 400 in the log.
    if (group_of(o).empty())
        return std::string("--desk needs --group G (or --playlist-id, which it defaults to): the desk files each "
                           "board under a group, where staff approve it and whose doorbell it hears");
    if (auto key = board_key(o); !key) return key.error();
    return std::nullopt;
}

}  // namespace

Options fleet_options(const Options& o, std::vector<std::string>& warnings) {
    if (o.desk.empty()) return o;
    const auto problem = desk_problem(o);
    if (!problem) return o;
    warnings.push_back(origin_of(o, "desk") + "warning: " + *problem +
                       "; the board plays without the desk: it does not enrol and keeps its plays in its journal");
    Options out = o;
    out.desk.clear();
    out.journal_dir = journal_dir(o);
    return out;
}

Result<std::unique_ptr<fleet::Screenshots>> start_screenshots(const Options& o, const PageCamera& camera) {
    if (o.broker.empty() || o.desk.empty() || o.board_key.empty() || o.board_id.empty())
        return std::unique_ptr<fleet::Screenshots>();
    auto key = board_key(o);
    if (!key) return fail(key.error());
    fleet::ScreenshotConfig c;
    c.desk = o.desk;
    c.board_id = o.board_id;
    c.board_key = std::move(*key);
    c.ca_file = o.ca_file;
    c.user_agent = sync::user_agent(NEWSBOARD_VERSION, o.board_id);
    c.render = [&camera] { return camera.shoot(); };
    return fleet::Screenshots::start(std::move(c));
}

Result<std::unique_ptr<fleet::Fleet>> start_fleet(const Options& o, show::ContentSource& content,
                                                  std::function<void(sync::Awaited)> sync_now,
                                                  fleet::Screenshots* screenshots) {
    if (o.broker.empty()) return std::unique_ptr<fleet::Fleet>();
    fleet::FleetConfig c;
    c.broker_url = o.broker;
    c.broker_user = o.broker_user;
    if (!o.broker_password_file.empty()) {
        auto text = file::read(o.broker_password_file, 4096);
        if (!text) return fail("--broker-password-file: " + text.error());
        c.broker_password = text->substr(0, text->find_first_of("\r\n"));
    }
    c.ca_file = o.ca_file;
    c.board_id = o.board_id;
    c.group = group_of(o);
    c.playlist_id = o.playlist_id;
    c.version = NEWSBOARD_VERSION;
    c.cache_dir = o.cache_dir.empty() ? sync::default_cache_dir() : o.cache_dir;
    // A config file's key that cannot be read leaves the fleet without keys, as the sync: a
    // doorbell is signed, so each is then ignored rather than trusted (the sync's own warning
    // locates the line).
    auto trusted = trusted_keys(o, UnreadableKey::TrustNothing);
    if (!trusted) return fail(trusted.error());
    c.trusted = std::move(trusted->keys);
    c.sync_now = std::move(sync_now);
    c.sync_report = [&content] { return content.sync_report(); };
    if (screenshots) c.screenshot_requested = [screenshots](std::string id) { screenshots->request(std::move(id)); };
    if (c.group.empty())
        std::fprintf(stderr, "newsboard: note: no --group or --playlist-id: the board publishes its status but "
                             "hears no doorbell (new editions come at the next poll)\n");
    if (trusted->unreadable && !c.group.empty())
        std::fprintf(stderr, "newsboard: note: a trusted key cannot be read: doorbells cannot be checked and are "
                             "ignored\n");
    else if (c.trusted.empty() && !c.group.empty())
        std::fprintf(stderr, "newsboard: note: no --trusted-key: doorbells cannot be checked and are ignored\n");
    return fleet::Fleet::start(std::move(c));
}

Result<std::unique_ptr<fleet::ProofOfPlay>> start_proof_of_play(const Options& o) {
    if (o.journal_dir.empty() && o.desk.empty()) return std::unique_ptr<fleet::ProofOfPlay>();
    fleet::ProofOfPlayConfig c;
    c.journal_dir = journal_dir(o);
    c.board_id = o.board_id;
    if (!o.desk.empty()) {
        if (auto problem = desk_problem(o)) return fail(*problem);  // fleet_options() took it out
        auto key = board_key(o);
        if (!key) return fail(key.error());
        c.board_key = std::move(*key);
        c.desk = o.desk;
        c.group = group_of(o);
        c.ca_file = o.ca_file;
        c.user_agent = sync::user_agent(NEWSBOARD_VERSION, o.board_id);
        c.upload_every = std::chrono::seconds(o.poll_s);  // the board's own pace on the network
    }
    auto started = fleet::ProofOfPlay::start(std::move(c));
    if (!started) {  // a full or read-only disk: the board still plays, without proof of play
        std::fprintf(stderr, "newsboard: error: %s; playing without proof of play\n", started.error().c_str());
        return std::unique_ptr<fleet::ProofOfPlay>();
    }
    return started;
}

}  // namespace nb::app
