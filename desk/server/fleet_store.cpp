#include "fleet_store.h"

namespace nb::desk::fleet {

namespace {

constexpr std::int64_t kNonceWindowS = 600;  // docs/fleet.md: a nonce seen within 600 s is a replay

std::optional<BoardState> parse_state(const std::string& s) {
    if (s == "pending") return BoardState::Pending;
    if (s == "approved") return BoardState::Approved;
    if (s == "revoked") return BoardState::Revoked;
    return std::nullopt;
}

constexpr const char* kBoardColumns =
    "id, group_id, key, state, enrolled_at, decided_by, decided_at, conflict_key, conflict_at, screenshot_type, "
    "screenshot_at";

Board read_board(const Statement& s) {
    Board b;
    b.id = s.text(0);
    b.group = s.text(1);
    b.key = s.text(2);
    b.state = parse_state(s.text(3)).value_or(BoardState::Revoked);
    b.enrolled_at = s.integer(4);
    b.decided_by = s.text(5);
    b.decided_at = s.integer(6);
    b.conflict_key = s.text(7);
    b.conflict_at = s.integer(8);
    b.screenshot_type = s.text(9);
    b.screenshot_at = s.integer(10);
    return b;
}

std::int64_t count(Database& db, const char* sql) {
    auto s = db.prepare(sql);
    return s.step() ? s.integer(0) : 0;
}

}  // namespace

const char* to_string(BoardState s) {
    switch (s) {
        case BoardState::Pending: return "pending";
        case BoardState::Approved: return "approved";
        case BoardState::Revoked: return "revoked";
    }
    return "revoked";
}

EnrolOutcome enrol(Store& store, const std::string& id, const std::string& key, const std::string& group, std::int64_t now) {
    auto l = store.lock();
    Transaction t(l.db);
    auto s = l.db.prepare("SELECT key, state FROM boards WHERE id = ?");
    s.bind(1, id);
    if (s.step()) {
        if (s.text(0) == key) {
            t.commit();
            return EnrolOutcome::Known;
        }
        // Never replaces the key staff approved (or refused): staff see the conflict.
        l.db.prepare("UPDATE boards SET conflict_key = ?, conflict_at = ? WHERE id = ?").bind(1, key).bind(2, now).bind(3, id).run();
        t.commit();
        return EnrolOutcome::Conflict;
    }
    if (count(l.db, "SELECT COUNT(*) FROM boards") >= kMaxBoards) return EnrolOutcome::Full;
    l.db.prepare("INSERT INTO boards(id, group_id, key, state, enrolled_at) VALUES(?, ?, ?, 'pending', ?)")
        .bind(1, id)
        .bind(2, group)
        .bind(3, key)
        .bind(4, now)
        .run();
    t.commit();
    return EnrolOutcome::Added;
}

std::optional<Board> board(Store& store, const std::string& id) {
    auto l = store.lock();
    auto s = l.db.prepare((std::string("SELECT ") + kBoardColumns + " FROM boards WHERE id = ?").c_str());
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_board(s);
}

std::vector<Board> boards(Store& store) {
    auto l = store.lock();
    auto s = l.db.prepare((std::string("SELECT ") + kBoardColumns + " FROM boards ORDER BY group_id, id").c_str());
    std::vector<Board> out;
    while (s.step()) out.push_back(read_board(s));
    return out;
}

bool decide(Store& store, const std::string& id, BoardState state, const std::string& user, std::int64_t now) {
    auto l = store.lock();
    l.db.prepare("UPDATE boards SET state = ?, decided_by = ?, decided_at = ? WHERE id = ?")
        .bind(1, to_string(state))
        .bind(2, user)
        .bind(3, now)
        .bind(4, id)
        .run();
    return l.db.changes() > 0;
}

void forget(Store& store, const std::string& id) {
    auto l = store.lock();
    Transaction t(l.db);
    l.db.prepare("DELETE FROM boards WHERE id = ?").bind(1, id).run();
    l.db.prepare("DELETE FROM board_status WHERE board = ?").bind(1, id).run();
    t.commit();
}

void set_screenshot(Store& store, const std::string& id, const std::string& type, std::int64_t now) {
    auto l = store.lock();
    l.db.prepare("UPDATE boards SET screenshot_type = ?, screenshot_at = ? WHERE id = ?").bind(1, type).bind(2, now).bind(3, id).run();
}

bool remember_nonce(Store& store, const std::string& nonce, std::int64_t now) {
    auto l = store.lock();
    Transaction t(l.db);
    l.db.prepare("DELETE FROM board_nonces WHERE seen < ?").bind(1, now - kNonceWindowS).run();
    l.db.prepare("INSERT OR IGNORE INTO board_nonces(nonce, seen) VALUES(?, ?)").bind(1, nonce).bind(2, now).run();
    bool fresh = l.db.changes() > 0;
    t.commit();
    return fresh;
}

PlaysAdded add_plays(Store& store, const std::vector<Play>& plays, std::int64_t now) {
    auto l = store.lock();
    Transaction t(l.db);
    PlaysAdded r;
    for (const auto& p : plays) {
        // The hour a play counts in: its start, cut to the hour ("2026-12-04T10:00:00Z").
        std::string hour = p.start.substr(0, 13) + ":00:00Z";
        l.db.prepare(
                "INSERT OR IGNORE INTO plays(uuid, board, item, playlist, sha256, start, hour, duration_ms, received) "
                "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .bind(1, p.uuid)
            .bind(2, p.board)
            .bind(3, p.item)
            .bind(4, p.playlist)
            .bind(5, p.sha256)
            .bind(6, p.start)
            .bind(7, hour)
            .bind(8, p.duration_ms)
            .bind(9, now)
            .run();
        if (l.db.changes() > 0) {
            ++r.accepted;
        } else {
            ++r.duplicates;
        }
    }
    t.commit();
    return r;
}

void put_statuses(Store& store, const std::vector<StoredStatus>& batch) {
    if (batch.empty()) return;
    auto l = store.lock();
    Transaction t(l.db);
    std::int64_t rows = count(l.db, "SELECT COUNT(*) FROM board_status");
    for (const auto& st : batch) {
        auto known = l.db.prepare("SELECT 1 FROM board_status WHERE board = ?");
        known.bind(1, st.board);
        if (!known.step()) {
            if (rows >= kMaxBoards) continue;
            ++rows;
        }
        l.db.prepare(
                "INSERT INTO board_status(board, group_id, online, seen, status) VALUES(?, ?, ?, ?, ?) "
                "ON CONFLICT(board) DO UPDATE SET online = excluded.online, "
                "group_id = CASE WHEN excluded.online THEN excluded.group_id ELSE board_status.group_id END, "
                "seen = CASE WHEN excluded.online THEN excluded.seen ELSE board_status.seen END, "
                "status = CASE WHEN excluded.online THEN excluded.status ELSE board_status.status END")
            .bind(1, st.board)
            .bind(2, st.group)
            .bind(3, st.online ? 1 : 0)
            .bind(4, st.online ? st.seen : 0)
            .bind(5, st.online ? st.status : std::string())
            .run();
    }
    t.commit();
}

std::vector<StoredStatus> statuses(Store& store) {
    auto l = store.lock();
    auto s = l.db.prepare("SELECT board, group_id, online, seen, status FROM board_status ORDER BY board");
    std::vector<StoredStatus> out;
    while (s.step()) out.push_back(StoredStatus{s.text(0), s.text(1), s.integer(2) != 0, s.integer(3), s.text(4)});
    return out;
}

std::vector<PlayCount> play_report(Store& store, const std::string& from_hour, const std::string& to_hour,
                                   const std::string& board_filter, std::size_t limit) {
    auto l = store.lock();
    auto s = l.db.prepare(
        "SELECT item, board, hour, COUNT(*), SUM(duration_ms) FROM plays "
        "WHERE hour >= ? AND hour < ? AND (? = '' OR board = ?) "
        "GROUP BY item, board, hour ORDER BY hour, item, board LIMIT ?");
    s.bind(1, from_hour).bind(2, to_hour).bind(3, board_filter).bind(4, board_filter).bind(5, static_cast<std::int64_t>(limit));
    std::vector<PlayCount> out;
    while (s.step()) out.push_back(PlayCount{s.text(0), s.text(1), s.text(2), s.integer(3), s.integer(4)});
    return out;
}

AlertRule alert_rule(Store& store, const std::string& group) {
    auto l = store.lock();
    auto s = l.db.prepare("SELECT offline_after_s, quiet_from, quiet_to FROM fleet_alerts WHERE group_id = ?");
    s.bind(1, group);
    AlertRule r;
    if (s.step()) {
        r.offline_after_s = s.integer(0);
        r.quiet_from = static_cast<int>(s.integer(1));
        r.quiet_to = static_cast<int>(s.integer(2));
    }
    return r;
}

void set_alert_rule(Store& store, const std::string& group, const AlertRule& rule) {
    auto l = store.lock();
    l.db.prepare(
            "INSERT INTO fleet_alerts(group_id, offline_after_s, quiet_from, quiet_to) VALUES(?, ?, ?, ?) "
            "ON CONFLICT(group_id) DO UPDATE SET offline_after_s = excluded.offline_after_s, "
            "quiet_from = excluded.quiet_from, quiet_to = excluded.quiet_to")
        .bind(1, group)
        .bind(2, rule.offline_after_s)
        .bind(3, static_cast<std::int64_t>(rule.quiet_from))
        .bind(4, static_cast<std::int64_t>(rule.quiet_to))
        .run();
}

}  // namespace nb::desk::fleet
