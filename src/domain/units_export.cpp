// Units to CSV: the round trip of import_units_csv.
#include <string>

#include "domain/civil_date.h"
#include "domain/directory.h"
#include "text/csv.h"

namespace dondoc::domain {
namespace {

void field(std::string& out, std::string_view value) {
    text::append_csv_field(out, value);
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += "; ";
        out += item;
    }
    return out;
}

}  // namespace

std::string export_units_csv(const std::vector<Unit>& units) {
    std::string out = "id,name,kind,parent,aliases,valid_from,valid_to,successors,note\n";
    for (const auto& u : units) {
        std::vector<std::string> successors;
        for (const auto& s : u.successors) successors.push_back(s.value);
        const std::string cells[] = {u.id.value,
                                     u.name,
                                     std::string(unit_kind_name(u.kind)),
                                     u.parent ? u.parent->value : "",
                                     joined(u.aliases),
                                     u.valid_from ? iso(*u.valid_from) : "",
                                     u.valid_to ? iso(*u.valid_to) : "",
                                     joined(successors),
                                     u.note};
        bool first = true;
        for (const auto& cell : cells) {
            if (!first) out += ',';
            first = false;
            field(out, cell);
        }
        out += '\n';
    }
    return out;
}

}  // namespace dondoc::domain
