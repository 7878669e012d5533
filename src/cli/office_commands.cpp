// The files offices send: `draft implement|urge|report` (DOCX drafts in the
// national layout) and `scorecard --period` (on screen, or as XLSX/DOCX).
// Each parses its arguments, calls one service function and writes the file.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/cli_support.h"
#include "cli/exit_codes.h"
#include "cli/table.h"
#include "domain/report_period.h"
#include "service/drafts.h"
#include "service/enforcement.h"
#include "service/sheets.h"
#include "store/repository.h"

namespace dondoc::cli {
namespace {

using domain::CivilDate;
using Json = nlohmann::ordered_json;

std::vector<domain::UnitId> unit_ids(const std::vector<std::string>& values) {
    std::vector<domain::UnitId> out;
    out.reserve(values.size());
    for (const auto& v : values) out.push_back(domain::UnitId{v});
    return out;
}

// --period 2024-Q2 | 2024-H1 | 2024, or --from and --to.
Result<domain::ReportPeriod> period_option(const Args& args) {
    if (auto text = args.option("period")) {
        auto period = domain::parse_report_period(*text);
        if (!period)
            return make_error(ErrorCode::invalid_input,
                              "kỳ không hợp lệ: '" + *text + "' (2024-Q2, 2024-H1, 2024)");
        return *period;
    }
    if (!args.option("from") || !args.option("to"))
        return make_error(ErrorCode::invalid_input, "cần --period KỲ hoặc --from NGÀY --to NGÀY");
    auto from = date_option(args, "from", today());
    if (!from) return from.error();
    auto to = date_option(args, "to", today());
    if (!to) return to.error();
    if (*to < *from) return make_error(ErrorCode::invalid_input, "--to trước --from");
    return domain::custom_period(*from, *to);
}

// Results are counted as of the period's end, or today while it runs.
Result<CivilDate> as_of_for(const Args& args, const domain::ReportPeriod& period) {
    const CivilDate now = today();
    return date_option(args, "as-of", period.to < now ? period.to : now);
}

int written(Io io, const std::string& command, const Result<std::string>& bytes,
            const std::string& path) {
    if (!bytes) return fail(io, command, bytes.error());
    if (auto ok = write_file(path, *bytes); !ok) return fail(io, command, ok.error());
    io.out << "Đã ghi " << path << ".\n";
    return k_exit_ok;
}

constexpr const char* k_draft_usage =
    "Cách dùng: dondoc draft implement SỐ_KÝ_HIỆU|MÃ_VĂN_BẢN [--as ĐƠN_VỊ] [--to ĐƠN_VỊ]... "
    "[--output TỆP.docx]\n"
    "           dondoc draft urge --unit ĐƠN_VỊ... [--as ĐƠN_VỊ] [--as-of NGÀY] [--output "
    "TỆP.docx] [--record [--number SỐ]]\n"
    "           dondoc draft report --period 2024-Q2|2024-H1|2024 | --from NGÀY --to NGÀY "
    "[--unit ĐƠN_VỊ] [--as ĐƠN_VỊ] [--as-of NGÀY] [--output TỆP.docx]\n";

int run_draft(const std::vector<std::string>& raw, Io io) {
    auto args = Args::parse(
        raw, {"db", "as", "to", "unit", "as-of", "on", "period", "from", "output", "number"},
        {"record"});
    if (!args) return fail(io, "draft", args.error());
    const auto& pos = args->positional();
    if (pos.empty()) {
        io.err << k_draft_usage;
        return k_exit_usage;
    }
    auto reg = open_session(*args);
    if (!reg) return fail(io, "draft", reg.error());
    service::Drafts drafts(*reg->service, *reg->repository);
    std::optional<domain::UnitId> issuer;
    if (auto as = args->option("as")) issuer = domain::UnitId{*as};
    if (pos[0] == "implement" && pos.size() == 2) {
        service::ImplementRequest request;
        request.document = pos[1];
        request.issuer = issuer;
        request.to = unit_ids(args->all("to"));
        auto on = date_option(*args, "on", today());
        if (!on) return fail(io, "draft implement", on.error());
        request.on = *on;
        const std::string path =
            args->option("output").value_or(service::Drafts::implementing_file_name(pos[1]));
        return written(io, "draft implement", drafts.implementing_dispatch(request), path);
    }
    if (pos[0] == "urge" && pos.size() == 1) {
        service::UrgeRequest request;
        request.units = unit_ids(args->all("unit"));
        request.issuer = issuer;
        auto as_of = date_option(*args, "as-of", today());
        if (!as_of) return fail(io, "draft urge", as_of.error());
        request.as_of = *as_of;
        const std::string path =
            args->option("output").value_or(service::Drafts::urging_file_name(*as_of));
        if (!args->flag("record")) {
            if (args->option("number"))
                return fail(io, "draft urge",
                            make_error(ErrorCode::invalid_input, "--number chỉ dùng với --record"));
            return written(io, "draft urge", drafts.urging_dispatch(request), path);
        }
        auto draft = drafts.urging_draft(request);
        if (!draft) return fail(io, "draft urge", draft.error());
        if (const int code = written(io, "draft urge", draft->docx, path); code != k_exit_ok)
            return code;
        // The letter is the act: an urging dated on the draft's date, by its
        // issuer, for the units urged and the overdue tasks it lists.
        service::NewEnforcement act;
        act.kind = domain::EnforcementKind::urging;
        act.number = args->option("number").value_or("");
        act.on = *as_of;
        act.by = draft->issuer;
        act.units = request.units;
        act.tasks = draft->tasks;
        act.document = "Công văn đôn đốc thực hiện các nhiệm vụ quá hạn";
        act.note = "Dự thảo " + path;
        service::EnforcementLedger ledger(*reg->service, *reg->repository);
        auto recorded = ledger.record(act, cli_actor(), reg->audit_log->now());
        if (!recorded) return fail(io, "draft urge", recorded.error());
        reg->audit(io, "enforcement.add", "enforcement/" + std::to_string(recorded->id), "null",
                   service::enforcement_json(*recorded));
        io.out << "Đã ghi vào sổ theo dõi đôn đốc: biện pháp số " << recorded->id << " ("
               << recorded->tasks.size() << " nhiệm vụ, " << recorded->concerned.size()
               << " đơn vị).\n";
        return k_exit_ok;
    }
    if (pos[0] == "report" && pos.size() == 1) {
        auto period = period_option(*args);
        if (!period) return fail(io, "draft report", period.error());
        service::ReportRequest request;
        request.period = *period;
        auto as_of = as_of_for(*args, *period);
        if (!as_of) return fail(io, "draft report", as_of.error());
        request.as_of = *as_of;
        request.issuer = issuer;
        if (auto unit = args->option("unit")) request.unit = domain::UnitId{*unit};
        const std::string path =
            args->option("output").value_or(service::Drafts::report_file_name(*period));
        return written(io, "draft report", drafts.period_report(request), path);
    }
    io.err << k_draft_usage;
    return k_exit_usage;
}

// {"reminder": n, "urging": n, "criticism": n, "review": n}
Json enforcement_counts_json(const domain::EnforcementCounts& counts) {
    Json out = Json::object();
    for (const auto kind : domain::k_enforcement_kinds)
        out[std::string(domain::enforcement_kind_name(kind))] = counts.of(kind);
    return out;
}

std::string percent(double fraction) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.1f%%", 100.0 * fraction);
    return buffer;
}

int run_scorecard(const std::vector<std::string>& raw, Io io) {
    auto args =
        Args::parse(raw, {"db", "period", "from", "to", "as-of", "unit", "as", "output"}, {"json"});
    if (!args) return fail(io, "scorecard", args.error());
    auto period = period_option(*args);
    if (!period) return fail(io, "scorecard", period.error());
    auto as_of = as_of_for(*args, *period);
    if (!as_of) return fail(io, "scorecard", as_of.error());
    std::optional<domain::UnitId> unit;
    if (auto u = args->option("unit")) unit = domain::UnitId{*u};
    auto reg = open_session(*args);
    if (!reg) return fail(io, "scorecard", reg.error());
    if (auto output = args->option("output")) {
        if (has_extension(*output, ".docx")) {
            service::Drafts drafts(*reg->service, *reg->repository);
            service::ReportRequest request{*period, *as_of, std::nullopt, unit};
            if (auto as = args->option("as")) request.issuer = domain::UnitId{*as};
            return written(io, "scorecard", drafts.period_report(request), *output);
        }
        if (!has_extension(*output, ".xlsx"))
            return fail(
                io, "scorecard",
                make_error(ErrorCode::invalid_input, "--output cần tệp .xlsx hoặc .docx", *output));
        auto card = service::scorecard(*reg->service, *period, *as_of, unit);
        if (!card) return fail(io, "scorecard", card.error());
        return written(io, "scorecard", service::scorecard_xlsx(*card), *output);
    }
    auto card = service::scorecard(*reg->service, *period, *as_of, unit);
    if (!card) return fail(io, "scorecard", card.error());
    const auto row_json = [](const service::ScoreRow& r) {
        return Json{{"unit", r.unit.value},
                    {"name", r.unit_name},
                    {"assigned", r.assigned},
                    {"done_on_time", r.done_on_time},
                    {"done_late", r.done_late},
                    {"in_progress", r.in_progress},
                    {"overdue", r.overdue},
                    {"no_deadline", r.no_deadline},
                    {"completion_rate", r.completion_rate()},
                    {"enforcement", enforcement_counts_json(r.enforcement)}};
    };
    if (args->flag("json")) {
        Json rows = Json::array();
        for (const auto& r : card->rows) rows.push_back(row_json(r));
        Json totals = row_json(card->totals);
        totals.erase("unit");
        totals.erase("name");
        io.out << Json{{"period", period->name},
                       {"from", domain::iso(period->from)},
                       {"to", domain::iso(period->to)},
                       {"as_of", domain::iso(*as_of)},
                       {"rows", rows},
                       {"totals", totals}}
                      .dump()
               << "\n";
        return k_exit_ok;
    }
    Table table({"Đơn vị", "Tổng số", "Đúng hạn", "Quá hạn (đã xong)", "Đang thực hiện", "Quá hạn",
                 "Không thời hạn", "Tỷ lệ hoàn thành", "Nhắc nhở", "Đôn đốc", "Phê bình",
                 "Kiểm điểm"});
    for (const auto* r : [&] {
             std::vector<const service::ScoreRow*> all;
             for (const auto& row : card->rows) all.push_back(&row);
             all.push_back(&card->totals);
             return all;
         }()) {
        table.add({r->unit_name.empty() ? r->unit.value : r->unit_name, std::to_string(r->assigned),
                   std::to_string(r->done_on_time), std::to_string(r->done_late),
                   std::to_string(r->in_progress), std::to_string(r->overdue),
                   std::to_string(r->no_deadline), percent(r->completion_rate()),
                   std::to_string(r->enforcement.of(domain::EnforcementKind::reminder)),
                   std::to_string(r->enforcement.of(domain::EnforcementKind::urging)),
                   std::to_string(r->enforcement.of(domain::EnforcementKind::criticism)),
                   std::to_string(r->enforcement.of(domain::EnforcementKind::review))});
    }
    io.out << "Kết quả thực hiện nhiệm vụ " << period->label << " (từ "
           << domain::vietnamese(period->from) << " đến " << domain::vietnamese(period->to)
           << "), số liệu đến ngày " << domain::vietnamese(*as_of) << "\n"
           << table.str();
    return k_exit_ok;
}

}  // namespace

int run_office_command(const std::string& command, const std::vector<std::string>& args, Io io) {
    if (command == "draft") return run_draft(args, io);
    if (command == "scorecard") return run_scorecard(args, io);
    return -1;
}

}  // namespace dondoc::cli
