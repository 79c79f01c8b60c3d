// The fleet's HTTP side (docs/fleet.md, docs/desk-api.md "Fleet"): enrolment, staff approval,
// the boards' signed requests (plays, screenshots), the fleet page's reads and reports.
#pragma once

#include <optional>

#include "api.h"

namespace nb::desk {

struct Desk;

// Before a board route's body is read: the X-Board-* headers are well formed, the time is
// near, the board is known and approved. 401 otherwise. (The signature, which covers the
// body, and the nonce are checked by the handler once the body is in.)
std::optional<Reply> board_gate(Desk& desk, const Call& call);

}  // namespace nb::desk
