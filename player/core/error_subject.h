// An error about a file or a URL names it first: "media/x.jpg: not a picture" (what
// render::load_image() and the sync's refusals say). A caller that names the subject another
// way — a diagnostic's location, the name the playlist or the staff gave the file, or not at
// all because it is a temporary file nobody knows — takes the leading name off here.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace nb {

// What `message` says after a leading "SUBJECT: ", or nullopt when it does not start with
// `subject` and ": ".
std::optional<std::string> after_subject(std::string_view message, std::string_view subject);

}  // namespace nb
