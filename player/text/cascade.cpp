#include "text/cascade.h"

#include <cstdlib>
#include <map>
#include <mutex>
#include <stdexcept>
#include <unordered_set>
#include <utility>

#include "core/file.h"
#include "text/chars.h"
#include "text/face.h"
#include "text/system_fonts.h"

namespace nb::text {
namespace {

constexpr const char* kRegularFile = "NotoSansCJKsc-Regular.subset.otf";
constexpr const char* kBoldFile = "NotoSansCJKsc-Bold.subset.otf";
constexpr std::size_t kSystemCandidates = 4;  // fontconfig answers tried per code point

// "path#2" → ("path", 2); "path" → ("path", 0).
std::pair<std::string, int> split_face_spec(const std::string& spec) {
    const auto hash = spec.rfind('#');
    if (hash == std::string::npos || hash + 1 == spec.size() || spec.size() - hash > 6) return {spec, 0};
    int index = 0;
    for (std::size_t i = hash + 1; i < spec.size(); ++i) {
        if (spec[i] < '0' || spec[i] > '9') return {spec, 0};
        index = index * 10 + (spec[i] - '0');
    }
    return {spec.substr(0, hash), index};
}

std::size_t slot(Weight w) { return w == Weight::Bold ? 1 : 0; }

}  // namespace

struct FontCascade::Impl {
    std::shared_ptr<FtLibrary> library;
    SystemFallback system = SystemFallback::Ignore;

    // Everything below may grow while the cascade is in use (lazy system faces), so it
    // is guarded by `mutex`. Faces live behind unique_ptr: a Face& handed out stays valid
    // when the vector grows, and faces are never removed.
    mutable std::mutex mutex;
    std::vector<std::unique_ptr<Face>> faces;
    std::vector<int> chain[2];  // face indices per weight, in fallback order
    std::unordered_set<char32_t> nobody_has[2];  // code points no installed font has
    std::map<std::pair<std::string, int>, int> loaded;  // (file, face index) → faces[]

    Result<int> add_face(const std::string& file, int index) {
        const auto key = std::make_pair(file, index);
        if (auto it = loaded.find(key); it != loaded.end()) return it->second;
        auto face = Face::open(library, file, index);
        if (!face) return fail(face.error());
        faces.push_back(std::move(face.value()));
        const int at = static_cast<int>(faces.size() - 1);
        loaded.emplace(key, at);
        return at;
    }

    // The first face in the weight's chain that has cp. Caller holds `mutex`.
    int find_loaded(char32_t cp, std::size_t w) const {
        for (const int index : chain[w])
            if (faces[static_cast<std::size_t>(index)]->has_glyph(cp)) return index;
        return -1;
    }

    // Asks fontconfig; appends the first installed face that really has cp. Caller holds
    // `mutex`. The query and face loading take milliseconds, so the answer — yes or no —
    // is kept: a code point costs one query per cascade, not one per frame.
    int find_system(char32_t cp, Weight weight) {
        const std::size_t w = slot(weight);
        for (const SystemFont& candidate : system_fonts_for(cp, weight, kSystemCandidates)) {
            const bool known = loaded.count({candidate.file, candidate.index}) > 0;
            auto index = add_face(candidate.file, candidate.index);
            if (!index) continue;
            Face& face = *faces[static_cast<std::size_t>(*index)];
            if (!face.has_glyph(cp)) {
                if (!known) {  // a newcomer that does not help: not worth keeping open
                    loaded.erase({candidate.file, candidate.index});
                    faces.pop_back();
                }
                continue;
            }
            bool in_chain = false;
            for (const int i : chain[w]) in_chain = in_chain || i == *index;
            if (!in_chain) chain[w].push_back(*index);
            return *index;
        }
        nobody_has[w].insert(cp);
        return -1;
    }
};

FontCascade::FontCascade() : impl_(std::make_unique<Impl>()) {}
FontCascade::FontCascade(FontCascade&&) noexcept = default;
FontCascade& FontCascade::operator=(FontCascade&&) noexcept = default;
FontCascade::~FontCascade() = default;

Result<FontCascade> FontCascade::from_files(const std::vector<std::string>& regular,
                                            const std::vector<std::string>& bold, SystemFallback system) {
    if (regular.empty()) return fail("no font files given");
    auto library = FtLibrary::create();
    if (!library) return fail(library.error());
    FontCascade cascade;
    Impl& impl = *cascade.impl_;
    impl.library = std::move(library.value());
    impl.system = system;
    for (std::size_t w = 0; w < 2; ++w) {
        // Without bold files, bold text uses the regular faces (not synthesised).
        const auto& files = (w == 1 && !bold.empty()) ? bold : regular;
        for (const std::string& spec : files) {
            const auto [file, index] = split_face_spec(spec);
            auto at = impl.add_face(file, index);
            if (!at) return fail(at.error());
            impl.chain[w].push_back(*at);
        }
    }
    return cascade;
}

Result<FontCascade> FontCascade::create(SystemFallback system) {
    std::vector<std::string> dirs;
    if (const char* env = std::getenv("NEWSBOARD_FONT_DIR"); env && *env) dirs.emplace_back(env);
#ifdef NEWSBOARD_FONT_DIR_BUILD
    dirs.emplace_back(NEWSBOARD_FONT_DIR_BUILD);
#endif
#ifdef NEWSBOARD_FONT_DIR_INSTALL
    dirs.emplace_back(NEWSBOARD_FONT_DIR_INSTALL);
#endif
    std::string searched;
    for (const std::string& dir : dirs) {
        const std::string regular = file::join(dir, kRegularFile);
        const std::string bold = file::join(dir, kBoldFile);
        if (!file::exists(regular)) {
            searched += (searched.empty() ? "" : ", ") + dir;
            continue;
        }
        std::vector<std::string> bold_files;
        if (file::exists(bold)) bold_files.push_back(bold);
        return from_files({regular}, bold_files, system);
    }
    return fail(std::string("bundled font ") + kRegularFile + " not found in " +
                (searched.empty() ? std::string("any font folder (set NEWSBOARD_FONT_DIR)") : searched));
}

int FontCascade::face_for(char32_t cp, Weight w) const {
    Impl& impl = *impl_;
    std::lock_guard<std::mutex> lock(impl.mutex);
    const int found = impl.find_loaded(cp, slot(w));
    if (found >= 0 || impl.system == SystemFallback::Ignore || needs_no_glyph(cp) || cp > 0x10FFFF ||
        impl.nobody_has[slot(w)].count(cp) > 0)
        return found;
    return impl.find_system(cp, w);
}

Face& FontCascade::face(int index) const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    if (index < 0 || static_cast<std::size_t>(index) >= impl_->faces.size())
        throw std::out_of_range("FontCascade::face: no face " + std::to_string(index));
    return *impl_->faces[static_cast<std::size_t>(index)];
}

const std::string& FontCascade::file_of(int index) const { return face(index).file(); }

std::size_t FontCascade::face_count() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->faces.size();
}

int FontCascade::primary_face(Weight w) const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->chain[slot(w)].front();
}

}  // namespace nb::text
