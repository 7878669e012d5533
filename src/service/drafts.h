// Drafts of the letters an office sends while following up directives, as
// DOCX in the national layout (write/official_letter.h), for a clerk to
// finish (number, day, signer) and sign:
//  - an implementing dispatch (công văn triển khai): a received directive
//    passed down to the issuer's units, with its tasks, bodies and deadlines;
//  - an urging dispatch (công văn đôn đốc): the overdue tasks of the units
//    concerned as of a date, with lead body, deadline and latest progress;
//  - the periodic report (báo cáo định kỳ) of results for a period: the
//    scorecard per unit, the totals and the completion rate.
// Returned bytes belong to the caller. Not thread-safe (uses the service).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "domain/report_period.h"
#include "service/register_service.h"
#include "store/repository.h"

namespace dondoc::service {

struct ImplementRequest {
    std::string document;  // the received directive: its notation, or its id in the register
    std::optional<UnitId> issuer;  // who passes it down; default: the unit its tasks go to
    std::vector<UnitId> to;        // recipients; default: the issuer's sub-units, as groups
    CivilDate on;  // the date the draft is made (units in force, the date line's year)
};

struct UrgeRequest {
    std::vector<UnitId> units;     // the units urged, each with its sub-units (at least one)
    std::optional<UnitId> issuer;  // default: the parent the units share
    CivilDate as_of;
};

// An urging dispatch and what it lists, for recording it in the
// enforcement ledger (service/enforcement.h).
struct UrgingDraft {
    std::string docx;
    UnitId issuer;
    std::vector<TaskId> tasks;  // the overdue tasks listed, in the table's order
};

struct ReportRequest {
    domain::ReportPeriod period;
    CivilDate as_of;
    std::optional<UnitId> issuer;  // default: `unit`, else the top of the directory
    std::optional<UnitId> unit;    // the units reported on (with sub-units); none: all
};

class Drafts {
  public:
    Drafts(RegisterService& service, store::Repository& repository);

    // Errors: not_found for an unknown document or unit.
    Result<std::string> implementing_dispatch(const ImplementRequest& request);
    // Errors: not_found when the units have no overdue task as of the date.
    Result<std::string> urging_dispatch(const UrgeRequest& request);
    Result<UrgingDraft> urging_draft(const UrgeRequest& request);
    Result<std::string> period_report(const ReportRequest& request);

    // The file name offices would give each draft ("cv-don-doc-2024-07-01.docx").
    static std::string implementing_file_name(const std::string& notation);
    static std::string urging_file_name(CivilDate as_of);
    static std::string report_file_name(const domain::ReportPeriod& period);

  private:
    Result<std::vector<domain::Unit>> units();
    Result<domain::Unit> unit(const UnitId& id);

    RegisterService& m_service;
    store::Repository& m_repository;
};

}  // namespace dondoc::service
