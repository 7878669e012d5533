// The enforcement ledger (sổ theo dõi đôn đốc): the recorded acts by which
// a tracking office presses units that do not perform — a reminder (nhắc
// nhở), an urging dispatch (đôn đốc), a criticism (phê bình) or a
// self-criticism review (kiểm điểm) — each carried by a document with its
// number, date and the units and tasks it concerns, counted per unit and
// period on the scorecard. Plain value types and pure functions;
// thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/civil_date.h"
#include "domain/register.h"
#include "domain/unit.h"

namespace dondoc::domain {

enum class EnforcementKind {
    reminder,   // nhắc nhở
    urging,     // đôn đốc
    criticism,  // phê bình
    review,     // kiểm điểm (the unit reviews its own shortcomings)
};

inline constexpr std::array<EnforcementKind, 4> k_enforcement_kinds = {
    EnforcementKind::reminder, EnforcementKind::urging, EnforcementKind::criticism,
    EnforcementKind::review};

// "reminder", "urging", "criticism", "review": the stored and API names.
std::string_view enforcement_kind_name(EnforcementKind kind);
// "Nhắc nhở", "Đôn đốc", "Phê bình", "Kiểm điểm".
std::string_view enforcement_kind_label(EnforcementKind kind);
// The stored names, the slugs offices type (nhac-nho, don-doc, phe-binh,
// kiem-diem) and the English verbs (remind, urge, criticize, review); any
// case, '_' for '-'. nullopt otherwise.
std::optional<EnforcementKind> parse_enforcement_kind(std::string_view text);

struct EnforcementAct {
    std::int64_t id = 0;
    EnforcementKind kind = EnforcementKind::urging;
    // Số, ký hiệu of the document that carried it ("15/UBND-VP"); empty
    // while the draft is not signed yet (Điều 15: numbered after signature).
    std::string number;
    CivilDate on;                        // the act's date (the document's)
    std::optional<UnitId> by;            // the acting unit
    std::optional<DocumentId> document;  // the carrying document, when registered
    std::string document_text;           // else its notation or description, as typed
    std::vector<UnitId> units;           // the units named
    std::vector<TaskId> tasks;           // the tasks concerned
    // Read back: the units the act counts for, each once: those named and
    // those leading or performing its tasks when it was recorded.
    std::vector<UnitId> concerned;
    std::string note;
    std::string recorded_by;       // login, or "cli:NAME"
    std::int64_t recorded_at = 0;  // Unix seconds
};

// One unit's acts by kind (indexed by EnforcementKind).
struct EnforcementCounts {
    std::array<std::size_t, 4> by_kind{};
    [[nodiscard]] std::size_t of(EnforcementKind kind) const {
        return by_kind.at(static_cast<std::size_t>(kind));
    }
    [[nodiscard]] std::size_t total() const {
        return by_kind[0] + by_kind[1] + by_kind[2] + by_kind[3];
    }
    EnforcementCounts& operator+=(const EnforcementCounts& other) {
        for (std::size_t i = 0; i < by_kind.size(); ++i) by_kind.at(i) += other.by_kind.at(i);
        return *this;
    }
};

}  // namespace dondoc::domain
