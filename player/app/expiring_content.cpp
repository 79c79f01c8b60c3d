#include "app/expiring_content.h"

#include "sync/freshness.h"

namespace nb::app {
namespace {

class Expiring final : public show::ContentSource {
  public:
    explicit Expiring(std::unique_ptr<show::ContentSource> inner) : inner_(std::move(inner)) {}

    const std::string& name() const override { return inner_->name(); }

    bool changed() const override { return inner_->changed() || (loaded_expires_ && nb::now() >= *loaded_expires_); }

    std::shared_ptr<const playlist::Playlist> load(Diagnostics& diags) override {
        loaded_expires_.reset();
        auto p = inner_->load(diags);
        if (!p) return p;
        if (auto why = sync::expired(name(), p->expires, nb::now())) {
            diags.error({name(), 0, 0}, *why);
            auto standby = std::make_shared<playlist::Playlist>(*p);
            standby->items.clear();
            standby->ticker.emplace();
            return standby;
        }
        loaded_expires_ = p->expires;
        return p;
    }

    std::shared_ptr<const playlist::Playlist> peek() const override {
        auto p = inner_->peek();
        if (p && sync::expired(name(), p->expires, nb::now())) return nullptr;
        return p;
    }

    std::vector<std::string> folders(const playlist::Playlist& p) const override { return inner_->folders(p); }
    void set_wake(std::function<void()> wake) override { inner_->set_wake(std::move(wake)); }
    std::optional<show::SyncReport> sync_report() const override { return inner_->sync_report(); }
    std::optional<TimePoint> newest_updated() const override { return inner_->newest_updated(); }
    std::optional<std::string> quarantined() const override { return inner_->quarantined(); }

  private:
    std::unique_ptr<show::ContentSource> inner_;
    std::optional<TimePoint> loaded_expires_;  // the loop's thread only, as load() and changed()
};

}  // namespace

std::unique_ptr<show::ContentSource> expiring(std::unique_ptr<show::ContentSource> inner) {
    return std::make_unique<Expiring>(std::move(inner));
}

}  // namespace nb::app
