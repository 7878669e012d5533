// The directory of units and the resolution of names in documents to units.
//
// Documents name bodies loosely: "Phòng TC-KH", "Phòng Tài chính - Kế hoạch
// huyện", "UBND các xã" (all the communes of the issuer's district), with
// old or new tone placement ("Uỷ ban"/"Ủy ban"). The directory resolves such
// a mention, relative to the issuing unit, to the units it means; what it
// cannot settle stays unresolved for a person to map, and a mapping once
// made is remembered (add_mapping). Not thread-safe for writes; concurrent
// const lookups are safe. How names are matched: docs/units.md.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/error.h"
#include "domain/calendar.h"  // CivilDate
#include "domain/unit.h"
#include "text/csv.h"

namespace dondoc::domain {

struct Resolution {
    std::vector<UnitId> units;  // empty when unresolved
    bool group = false;         // the mention named several units ("UBND các xã")
    // "exact" (official name), "alias" (short name, abbreviation, former
    // name), "relative" (settled by the issuer's place: "Phòng Nội vụ",
    // "UBND huyện"), "group", "mapping", "folded" (typed without diacritics,
    // matched on letters alone), "unresolved".
    std::string how;
};

class Directory {
  public:
    // Adds or replaces a unit. invalid_input when its id or name is empty, its
    // parent is unknown or would make a cycle, or valid_from > valid_to.
    Result<void> add(Unit unit);

    [[nodiscard]] const Unit* find(const UnitId& id) const;
    [[nodiscard]] std::vector<const Unit*> children(const UnitId& id) const;  // in id order
    [[nodiscard]] std::vector<const Unit*> all() const;                       // in id order
    [[nodiscard]] std::size_t size() const { return m_units.size(); }         // units, all dates

    // Resolves a mention as printed in a document issued by `issuer` (which
    // may be unknown). `on` selects the units valid on that date (mergers);
    // without it every period counts. Never guesses: a name that fits several
    // units equally well is unresolved.
    [[nodiscard]] Resolution resolve(std::string_view mention, const std::optional<UnitId>& issuer,
                                     std::optional<CivilDate> on = std::nullopt) const;

    // The unit that issued a document, from its header name ("ỦY BAN NHÂN DÂN
    // HUYỆN SƠN TÂY") and parent line ("UBND TỈNH QUẢNG NGÃI" above "SỞ NỘI
    // VỤ"). `on`, the document's date, tells apart a commune and the 2025
    // commune of the same name.
    [[nodiscard]] std::optional<UnitId> resolve_issuer(
        std::string_view name, std::optional<std::string_view> parent,
        std::optional<CivilDate> on = std::nullopt) const;

    // Remembers that `mention`, in documents of `issuer`, means `units`;
    // without an issuer, in any document. `mention` may be printed text or
    // its mention_key().
    void add_mapping(std::string_view mention, std::optional<UnitId> issuer,
                     std::vector<UnitId> units);

    // The unit that holds `id`'s work on `on`, following successors while the
    // unit is no longer valid. Stops at a split (several successors) or an
    // end without successors, and returns the last unit reached.
    [[nodiscard]] UnitId current_holder(const UnitId& id, CivilDate on) const;

  private:
    // One index entry: the unit a key names, and how strongly.
    struct KeyRef {
        UnitId id;
        bool scoped =
            false;  // a short name ("Phòng Nội vụ") that means a unit only near its parent
        bool is_name = false;  // the official name, not an alias
    };
    struct Entry {
        Unit unit;
        std::string level;                // key of the leading type word ("huyện", "xã"), or ""
        std::vector<std::string> keys;    // indexed in m_by_key
        std::vector<std::string> folded;  // indexed in m_by_folded
        std::vector<UnitId> children;
    };
    using Index = std::unordered_map<std::string, std::vector<KeyRef>>;

    void index(Entry& entry);
    void unindex(const Entry& entry);
    [[nodiscard]] std::vector<const Entry*> chain(const std::optional<UnitId>& issuer) const;
    [[nodiscard]] std::optional<Resolution> lookup(const Index& index, const std::string& key,
                                                   const std::vector<const Entry*>& chain,
                                                   std::optional<CivilDate> on) const;
    [[nodiscard]] std::optional<Resolution> resolve_group(const std::vector<std::string>& words,
                                                          const std::vector<const Entry*>& chain,
                                                          const std::optional<UnitId>& issuer,
                                                          std::optional<CivilDate> on) const;
    [[nodiscard]] std::optional<Resolution> resolve_level_suffix(
        const std::vector<std::string>& words, const std::vector<const Entry*>& chain,
        std::optional<CivilDate> on) const;

    std::map<UnitId, Entry> m_units;
    Index m_by_key;     // mention key of a name or alias → units
    Index m_by_folded;  // the same keys without diacritics, for text typed without them
    std::map<std::pair<std::string, std::string>, std::vector<UnitId>> m_mappings;  // (key, issuer)
};

// The key resolve() matches on: NFC, case and tone placement folded,
// punctuation dropped, "và" dropped, UBND/HĐND/TP/TX/TT… written out.
// Idempotent: mention_key(mention_key(s)) == mention_key(s). "" for text
// that is not valid UTF-8.
std::string mention_key(std::string_view mention);

using text::CsvRecord;
using text::CsvTable;
using text::read_csv;

// The kind named by a units-CSV `kind` cell: the shared data's Vietnamese
// words ("huyện", "cơ quan chuyên môn thuộc UBND tỉnh") or a machine name
// ("district_office"). A template row's kind ("… (mẫu)") reads as the kind
// of the offices it describes.
std::optional<UnitKind> unit_kind_from_csv(std::string_view cell);

// Reads a units CSV (the layout of ../shared/data/quang-ngai/units_*.csv, or
// dondoc's own export) into `directory`. Errors name the file, line and column.
// Columns by header name: name and kind required; code (or id), parent_code
// (or parent), abbreviation (or aliases, ';'-separated), notes (or note),
// valid_from, valid_to (ISO dates), successors (';'-separated ids),
// formed_from (kept in the note). A row without a code gets the id
// "<parent>-<name slug>". Template rows ("… (mẫu)") are skipped; the row of
// a province's people's committee adds its names to the province. Returns
// the number of units added.
Result<std::size_t> import_units_csv(std::string_view csv, std::string_view source,
                                     Directory& directory);

// The units as CSV in dondoc's own layout (id, name, kind, parent, aliases,
// valid_from, valid_to, successors, note; lists joined by "; "), which
// import_units_csv reads back.
std::string export_units_csv(const std::vector<Unit>& units);

}  // namespace dondoc::domain
