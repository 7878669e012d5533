// The enforcement ledger's use cases (sổ theo dõi đôn đốc): record an act
// (a reminder, an urging dispatch, a criticism, a self-criticism review),
// fill in its number and date once the letter is signed, list the acts
// concerning a unit and its sub-units. The counts per unit and period are
// on the scorecard (RegisterService::scoreboard). Who may do what, and
// the audit log, are the fronts' business. Not thread-safe (uses the
// RegisterService).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "domain/enforcement.h"
#include "service/register_service.h"
#include "store/repository.h"

namespace dondoc::service {

struct NewEnforcement {
    domain::EnforcementKind kind = domain::EnforcementKind::urging;
    std::string number;  // may be blank until signed
    CivilDate on;
    std::optional<UnitId> by;
    std::vector<UnitId> units;
    std::vector<TaskId> tasks;
    // The carrying document: its id in the register, its notation (found in
    // the register when it is there), or any text naming it; may be empty.
    std::string document;
    std::string note;
};

struct EnforcementQuery {
    std::optional<UnitId> unit;  // concerning it or one of its sub-units
    std::optional<domain::EnforcementKind> kind;
    std::optional<CivilDate> from;
    std::optional<CivilDate> to;
};

// What an edit changes; absent fields stay.
struct EnforcementEdit {
    std::optional<std::string> number;
    std::optional<CivilDate> on;
    std::optional<std::string> note;
};

class EnforcementLedger {
  public:
    EnforcementLedger(RegisterService& service, store::Repository& repository);

    // Errors: invalid_input without a unit or a task; not_found for an
    // unknown unit, task or document id (the message names it).
    Result<domain::EnforcementAct> record(const NewEnforcement& act, const std::string& actor,
                                          std::int64_t now);
    Result<domain::EnforcementAct> act(std::int64_t id);
    Result<std::vector<domain::EnforcementAct>> list(const EnforcementQuery& query);
    Result<domain::EnforcementAct> edit(std::int64_t id, const EnforcementEdit& edit);

    // The units an act concerns with the unit's sub-units: what a unit
    // filter or a scope check matches against.
    Result<std::vector<UnitId>> with_sub_units(const UnitId& unit);

  private:
    RegisterService& m_service;
    store::Repository& m_repository;
};

// An act as JSON (for the audit log, `--json` and the API): id, kind,
// kind_label, number, date, by, document, document_text, units, tasks,
// concerned, note, recorded_by, recorded_at.
std::string enforcement_json(const domain::EnforcementAct& act);

}  // namespace dondoc::service
