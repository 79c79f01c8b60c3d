#include "fleet/doorbell.h"

#include <nlohmann/json.hpp>

#include "core/ids.h"
#include "sign/fleet_bytes.h"

namespace nb::fleet {

const char* to_string(Verdict v) {
    switch (v) {
        case Verdict::Ring: return "ring";
        case Verdict::Malformed: return "malformed";
        case Verdict::Unsigned: return "unsigned";
        case Verdict::NoKey: return "the board trusts no key to check it with";
        case Verdict::BadSignature: return "bad signature";
        case Verdict::OtherGroup: return "for another group";
        case Verdict::OtherPlaylist: return "for another playlist";
        case Verdict::AlreadyHave: return "names the edition the board has";
        case Verdict::Replay: return "not newer than the board's edition (replay)";
    }
    return "?";
}

std::string signed_bytes(const Doorbell& d) {
    return sign::doorbell_bytes(d.group, d.playlist_id, d.edition, d.sha256, d.updated);
}

namespace {

std::optional<std::string> text(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
}

}  // namespace

Judgement judge(std::string_view payload, const std::string& group, const std::string& playlist_id,
                const std::vector<sign::PublicKey>& trusted, const Held& held) noexcept {
    Judgement out;
    try {
        if (payload.size() > kMaxDoorbellBytes) return out;
        const auto j = nlohmann::json::parse(payload, nullptr, false);
        if (j.is_discarded() || !j.is_object()) return out;
        const auto v = j.find("v");
        const auto edition = j.find("edition");
        auto g = text(j, "group"), id = text(j, "playlist_id"), sha = text(j, "sha256"), updated = text(j, "updated");
        if (v == j.end() || *v != 1 || edition == j.end() || !edition->is_number_integer() || !g || !id || !sha ||
            !updated || !ids::is_sha256(*sha) || !parse_timestamp(*updated))
            return out;
        Doorbell d{*g, *id, *sha, *updated, edition->get<long long>()};
        out.doorbell = d;
        const auto sig = text(j, "sig");
        if (!sig) {
            out.verdict = Verdict::Unsigned;
            return out;
        }
        if (trusted.empty()) {
            out.verdict = Verdict::NoKey;
            return out;
        }
        const std::string sig_file = std::string(sign::kSignatureHeader) + "\n" + *sig + "\n";
        if (!sign::verify(signed_bytes(d), sig_file, trusted)) {
            out.verdict = Verdict::BadSignature;
            return out;
        }
        // Signed: now the content of the claim.
        const std::string& want = playlist_id.empty() ? held.playlist_id : playlist_id;
        if (d.group != group) out.verdict = Verdict::OtherGroup;
        else if (!want.empty() && d.playlist_id != want) out.verdict = Verdict::OtherPlaylist;
        else if (d.sha256 == held.sha256) out.verdict = Verdict::AlreadyHave;
        else if (held.updated && *parse_timestamp(d.updated) <= *held.updated) out.verdict = Verdict::Replay;
        else out.verdict = Verdict::Ring;
        return out;
    } catch (...) {
        out.verdict = Verdict::Malformed;
        return out;
    }
}

}  // namespace nb::fleet
