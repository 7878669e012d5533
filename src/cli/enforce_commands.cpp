// The enforcement ledger (sổ theo dõi đôn đốc) from the command line:
// `enforce add` records a reminder, urging, criticism or self-criticism
// review; `enforce list` shows the acts concerning a unit and its
// sub-units in a period; `enforce edit` fills in the number and date once
// the letter is signed. Each change goes to the audit log.
#include <nlohmann/json.hpp>

#include "cli/cli_support.h"
#include "cli/exit_codes.h"
#include "cli/table.h"
#include "domain/report_period.h"
#include "service/enforcement.h"

namespace dondoc::cli {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* k_enforce_usage =
    "Cách dùng: dondoc enforce add --kind nhac-nho|don-doc|phe-binh|kiem-diem --date NGÀY\n"
    "                   [--number SỐ/KÝ-HIỆU] [--by ĐƠN_VỊ] [--unit ĐƠN_VỊ]... [--task MÃ]...\n"
    "                   [--document SỐ_KÝ_HIỆU|MÃ_VĂN_BẢN] [--note GHI_CHÚ]\n"
    "           dondoc enforce list [--unit ĐƠN_VỊ] [--kind LOẠI] [--period 2024-Q2|2024-H1|2024 "
    "| --from NGÀY --to NGÀY] [--json]\n"
    "           dondoc enforce edit MÃ [--number SỐ/KÝ-HIỆU] [--date NGÀY] [--note GHI_CHÚ]\n"
    "Loại: nhac-nho (remind), don-doc (urge), phe-binh (criticize), kiem-diem (review).\n";

Result<domain::EnforcementKind> kind_option(const std::string& text) {
    auto kind = domain::parse_enforcement_kind(text);
    if (!kind)
        return make_error(ErrorCode::invalid_input,
                          "loại biện pháp không hợp lệ cho --kind: '" + text +
                              "' (nhac-nho, don-doc, phe-binh, kiem-diem)",
                          "--kind");
    return *kind;
}

Result<std::int64_t> act_id(const std::string& text) {
    auto id = task_id(text);  // the same shape: a positive integer
    if (!id)
        return make_error(ErrorCode::invalid_input,
                          "mã biện pháp không hợp lệ: '" + text + "' (một số nguyên dương)");
    return id->value;
}

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty()) out += ", ";
        out += p;
    }
    return out;
}

int run_add(const Args& args, Io io) {
    auto kind_text = args.option("kind");
    auto date_text = args.option("date");
    if (!kind_text || !date_text)
        return fail(io, "enforce add",
                    make_error(ErrorCode::invalid_input, "cần --kind LOẠI và --date NGÀY"));
    auto kind = kind_option(*kind_text);
    if (!kind) return fail(io, "enforce add", kind.error());
    auto on = date_option(args, "date", today());
    if (!on) return fail(io, "enforce add", on.error());
    service::NewEnforcement act;
    act.kind = *kind;
    act.on = *on;
    act.number = args.option("number").value_or("");
    if (auto by = args.option("by")) act.by = domain::UnitId{*by};
    for (const auto& u : args.all("unit")) act.units.push_back(domain::UnitId{u});
    for (const auto& t : args.all("task")) {
        auto id = task_id(t);
        if (!id)
            return fail(io, "enforce add", Error{id.error().code, id.error().message, "--task"});
        act.tasks.push_back(*id);
    }
    act.document = args.option("document").value_or("");
    act.note = args.option("note").value_or("");
    auto session = open_session(args);
    if (!session) return fail(io, "enforce add", session.error());
    service::EnforcementLedger ledger(*session->service, *session->repository);
    auto recorded = ledger.record(act, cli_actor(), session->audit_log->now());
    if (!recorded) return fail(io, "enforce add", recorded.error());
    session->audit(io, "enforcement.add", "enforcement/" + std::to_string(recorded->id), "null",
                   service::enforcement_json(*recorded));
    std::vector<std::string> units;
    for (const auto& u : recorded->concerned) units.push_back(u.value);
    io.out << "Đã ghi biện pháp số " << recorded->id << ": "
           << domain::enforcement_kind_label(recorded->kind) << " ngày "
           << domain::vietnamese(recorded->on) << ", tính cho " << recorded->concerned.size()
           << " đơn vị (" << joined(units) << ").\n";
    return k_exit_ok;
}

int run_list(const Args& args, Io io) {
    service::EnforcementQuery query;
    if (auto unit = args.option("unit")) query.unit = domain::UnitId{*unit};
    if (auto k = args.option("kind")) {
        auto kind = kind_option(*k);
        if (!kind) return fail(io, "enforce list", kind.error());
        query.kind = *kind;
    }
    if (auto p = args.option("period")) {
        auto period = domain::parse_report_period(*p);
        if (!period)
            return fail(
                io, "enforce list",
                make_error(ErrorCode::invalid_input,
                           "kỳ không hợp lệ cho --period: '" + *p + "' (2024-Q2, 2024-H1, 2024)",
                           "--period"));
        query.from = period->from;
        query.to = period->to;
    }
    if (args.option("from")) {
        auto from = date_option(args, "from", today());
        if (!from) return fail(io, "enforce list", from.error());
        query.from = *from;
    }
    if (args.option("to")) {
        auto to = date_option(args, "to", today());
        if (!to) return fail(io, "enforce list", to.error());
        query.to = *to;
    }
    auto session = open_session(args);
    if (!session) return fail(io, "enforce list", session.error());
    service::EnforcementLedger ledger(*session->service, *session->repository);
    auto acts = ledger.list(query);
    if (!acts) return fail(io, "enforce list", acts.error());
    if (args.flag("json")) {
        Json out = Json::array();
        for (const auto& a : *acts) out.push_back(Json::parse(service::enforcement_json(a)));
        io.out << out.dump() << "\n";
        return k_exit_ok;
    }
    if (acts->empty()) {
        io.out << "Sổ theo dõi đôn đốc chưa có biện pháp nào phù hợp.\n";
        return k_exit_ok;
    }
    Table table({"Mã", "Ngày", "Loại", "Số, ký hiệu", "Đơn vị thực hiện", "Đơn vị liên quan",
                 "Nhiệm vụ", "Văn bản", "Ghi chú"});
    for (const auto& a : *acts) {
        std::vector<std::string> units;
        for (const auto& u : a.concerned) units.push_back(u.value);
        std::vector<std::string> tasks;
        for (const auto& t : a.tasks) tasks.push_back(std::to_string(t.value));
        table.add({std::to_string(a.id), domain::vietnamese(a.on),
                   std::string(domain::enforcement_kind_label(a.kind)),
                   a.number.empty() ? std::string("(chưa có số)") : a.number,
                   a.by ? a.by->value : std::string(), joined(units), joined(tasks),
                   a.document_text, a.note});
    }
    io.out << table.str();
    return k_exit_ok;
}

int run_edit(const Args& args, Io io) {
    const auto& pos = args.positional();
    auto id = act_id(pos.at(1));
    if (!id) return fail(io, "enforce edit", id.error());
    service::EnforcementEdit edit;
    edit.number = args.option("number");
    edit.note = args.option("note");
    if (args.option("date")) {
        auto on = date_option(args, "date", today());
        if (!on) return fail(io, "enforce edit", on.error());
        edit.on = *on;
    }
    if (!edit.number && !edit.on && !edit.note)
        return fail(io, "enforce edit",
                    make_error(ErrorCode::invalid_input, "cần --number, --date hoặc --note"));
    auto session = open_session(args);
    if (!session) return fail(io, "enforce edit", session.error());
    service::EnforcementLedger ledger(*session->service, *session->repository);
    auto before = ledger.act(*id);
    if (!before) return fail(io, "enforce edit", before.error());
    auto after = ledger.edit(*id, edit);
    if (!after) return fail(io, "enforce edit", after.error());
    session->audit(io, "enforcement.edit", "enforcement/" + std::to_string(*id),
                   service::enforcement_json(*before), service::enforcement_json(*after));
    io.out << "Đã sửa biện pháp số " << *id << ": số "
           << (after->number.empty() ? std::string("(chưa có số)") : after->number) << ", ngày "
           << domain::vietnamese(after->on) << ".\n";
    return k_exit_ok;
}

}  // namespace

int run_enforce_command(const std::string& command, const std::vector<std::string>& raw, Io io) {
    if (command != "enforce") return -1;
    auto args = Args::parse(raw,
                            {"db", "kind", "date", "number", "by", "unit", "task", "document",
                             "note", "period", "from", "to"},
                            {"json"});
    if (!args) return fail(io, "enforce", args.error());
    const auto& pos = args->positional();
    if (pos.size() == 1 && pos[0] == "add") return run_add(*args, io);
    if (pos.size() == 1 && pos[0] == "list") return run_list(*args, io);
    if (pos.size() == 2 && pos[0] == "edit") return run_edit(*args, io);
    io.err << k_enforce_usage;
    return k_exit_usage;
}

}  // namespace dondoc::cli
