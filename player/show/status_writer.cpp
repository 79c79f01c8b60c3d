#include "show/status_writer.h"

#include <cstdio>

#include "core/file.h"

namespace nb::show {

StatusInfo status_info(const Showing& s, StatusContext context) {
    StatusInfo info;
    info.mode = std::move(context.mode);
    info.source = std::move(context.source);
    info.board_id = std::move(context.board_id);
    info.playlist_id = s.playlist_id;
    info.playlist_updated = s.playlist_updated;
    info.playlist_sha256 = s.playlist_sha256;
    info.item_id = s.item_id;
    info.page = s.page;
    info.pages = s.pages;
    info.standby = s.state == Showing::State::Standby && !s.item_id;
    info.paused = s.paused;
    info.display_off_until = s.display_off_until;
    info.last_error = std::move(context.last_error);
    info.sync = std::move(context.sync);
    info.panel = std::move(context.panel);
    info.quarantined = s.quarantined;
    info.warnings = std::move(context.warnings);
    return info;
}

StatusWriter::StatusWriter(const platform::ServiceNotifier& service, std::string file)
    : service_(service), file_(std::move(file)) {}

void StatusWriter::write(const Showing& s, StatusContext context) {
    if (std::string line = s.line(); line != line_written_) {
        service_.status(line);
        line_written_ = std::move(line);
    }
    if (file_.empty()) return;
    std::string json = status_json(status_info(s, std::move(context)));
    if (json == json_written_) return;
    if (auto st = file::write_atomic(file_, json, 0644, file::Durability::Report); !st)
        std::fprintf(stderr, "newsboard: warning: %s: %s\n", file_.c_str(), st.error().c_str());
    json_written_ = std::move(json);
}

}  // namespace nb::show
