// `play --broker …`, `--journal`, `--desk`: the fleet (fleet/) set up from the command line.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/options.h"
#include "app/screenshot_render.h"
#include "core/result.h"
#include "fleet/fleet.h"
#include "fleet/proof_of_play.h"
#include "fleet/screenshot.h"
#include "show/content.h"
#include "show/showing.h"
#include "sync/revalidation.h"

namespace nb::app {

// The options the fleet runs on: `o`, unless its --desk cannot work (no --board-id, no or an
// unreadable --board-key, no group). Then a located warning goes into `warnings` and the board
// plays without the desk: it does not enrol, sends no screenshots and keeps its plays in its
// journal. Settings come from a config file on a board: they must never keep it dark (exit 2
// is final under the unit's RestartPreventExitStatus=2).
Options fleet_options(const Options& o, std::vector<std::string>& warnings);

// `sync_now` wakes the sync thread for a doorbell's edition (empty for a local file);
// `screenshots` (may be null) answers the desk's screenshot requests. Errors are usage errors:
// a bad --broker, no --board-id, an unreadable password, a trusted key the command line names
// that cannot be read (one a config file names leaves the fleet without keys: it ignores every
// doorbell).
Result<std::unique_ptr<fleet::Fleet>> start_fleet(const Options& o, show::ContentSource& content,
                                                  std::function<void(sync::Awaited)> sync_now,
                                                  fleet::Screenshots* screenshots);

// `--broker` with `--desk` and `--board-key`: screenshots on request, drawn by `camera`.
// Nothing otherwise. Errors are usage errors (an unreadable --board-key).
Result<std::unique_ptr<fleet::Screenshots>> start_screenshots(const Options& o, const PageCamera& camera);

// `play --journal DIR` or `--desk URL`: every page shown goes into the proof-of-play journal
// (default STATE/plays); with --desk it is uploaded. Nothing without either. Errors are usage
// errors (--desk without --board-key); a journal that cannot be opened is logged and the board
// plays without it.
Result<std::unique_ptr<fleet::ProofOfPlay>> start_proof_of_play(const Options& o);

// Hands what the frame loop shows to the fleet and the journal (either may be null).
class FleetObserver final : public show::ShowObserver {
  public:
    FleetObserver(fleet::Fleet* fleet, fleet::ProofOfPlay* plays, PageCamera* camera)
        : fleet_(fleet), plays_(plays), camera_(camera) {}
    void showing_changed(const show::Showing& now) override {
        if (fleet_) fleet_->observe(now);
        if (camera_) camera_->observe(now);
    }
    void page_shown(const show::PageShown& page) override {
        if (plays_) plays_->record(page);
    }

  private:
    fleet::Fleet* fleet_;
    fleet::ProofOfPlay* plays_;
    PageCamera* camera_;
};

}  // namespace nb::app
