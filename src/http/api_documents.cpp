// Routes: documents (upload, list, search, detail, cascade, confirm) and units.
#include <algorithm>

#include "http/api_internal.h"
#include "read/record_json.h"

namespace dondoc::http {

void Api::Impl::add_document_routes() {
    add(Route("POST", "/api/documents",
              "Vào sổ một văn bản (văn bản thô, DOCX, PDF hoặc ảnh quét); trả về các nhiệm vụ "
              "đề xuất")
            .only(k_registrars)
            .file()
            .query({{"name", Type::string, false, {}, "tên tệp"},
                    {"confirm", Type::boolean, false, {}, "xác nhận ngay các nhiệm vụ"},
                    {"received", Type::date, false, {}, "ngày đến"}})
            .returns(object_of({{"document", t("integer")},
                                {"notation", t("string")},
                                {"already_registered", t("boolean")},
                                {"filled_placeholder", t("boolean")},
                                {"tasks", array_of(task_schema())},
                                {"references", t("integer")},
                                {"placeholders_created", t("integer")},
                                {"unresolved", array_of(t("string"))},
                                {"warnings", array_of(t("string"))}}),
                     201),
        [this](Context& c) -> Result<Reply> {
            service::IngestOptions options;
            options.confirm = c.q("confirm") == "true";
            if (c.q("received")) {
                auto received = date_param(c, "received");
                if (!received) return received.error();
                options.received_on = *received;
            }
            const std::string name = c.q("name").value_or("upload.txt");
            auto result = service.ingest(c.request.body, name, options);
            if (!result) return result.error();
            Json tasks = Json::array();
            for (const auto& id : result->tasks) {
                auto view = service.task(id, today());
                if (!view) return view.error();
                tasks.push_back(task_json(*view));
            }
            Json out{{"document", result->document.value},
                     {"notation", result->notation},
                     {"already_registered", result->already_registered},
                     {"filled_placeholder", result->filled_placeholder},
                     {"tasks", tasks},
                     {"references", result->references},
                     {"placeholders_created", result->placeholders_created},
                     {"unresolved", result->unresolved},
                     {"warnings", result->warnings}};
            if (!result->already_registered) {
                Json logged = out;
                logged.erase("tasks");
                logged["task_ids"] = result->tasks.size();
                if (auto a = accounts.record(c.actor(), "document.ingest",
                                             "document/" + result->notation, "null", logged.dump());
                    !a)
                    return a.error();
            }
            return Reply{result->already_registered ? 200 : 201, out, {}};
        });
    add(Route("GET", "/api/documents", "Danh sách văn bản, hoặc tìm kiếm với q (không cần dấu)")
            .query({{"q", Type::string}, {"limit", Type::integer}, {"offset", Type::integer}})
            .returns(array_of(document_schema())),
        [this](Context& c) -> Result<Reply> {
            std::size_t limit = 100;
            std::size_t offset = 0;
            if (auto l = c.q("limit"))
                limit = static_cast<std::size_t>(*integer_param(*l, "limit"));
            if (auto o = c.q("offset"))
                offset = static_cast<std::size_t>(*integer_param(*o, "offset"));
            limit = std::clamp<std::size_t>(limit, 1, limits.max_page);
            Result<std::vector<domain::Document>> docs =
                c.q("q") ? service.search(*c.q("q"), limit + offset)
                         : repository.documents(limit, offset);
            if (!docs) return docs.error();
            Json out = Json::array();
            std::size_t skip = c.q("q") ? offset : 0;
            for (const auto& d : *docs) {
                if (skip > 0) {
                    --skip;
                    continue;
                }
                out.push_back(document_json(d));
            }
            return Reply{200, out, {}};
        });
    add(Route("GET", "/api/documents/{notation}",
              "Một văn bản: bản ghi đọc được và các nhiệm vụ (kể cả đề xuất) trong phạm vi")
            .query({{"as_of", Type::date}})
            .returns(object_of({{"document", document_schema()},
                                {"record", any_object()},
                                {"tasks", array_of(task_schema())}})),
        [this](Context& c) -> Result<Reply> {
            auto doc = service.document_by_notation(c.path.at("notation"));
            if (!doc) return doc.error();
            auto as_of = date_param(c, "as_of");
            if (!as_of) return as_of.error();
            service::TaskQuery query;
            query.as_of = *as_of;
            query.directive = doc->notation;
            query.include_proposed = true;
            auto views = service.tasks(query);
            if (!views) return views.error();
            Json tasks = Json::array();
            for (const auto& v : *views)
                if (in_scope(c, v.task)) tasks.push_back(task_json(v));
            Json record = Json::parse(doc->record_json, nullptr, false);
            if (record.is_discarded() || !record.is_object()) record = Json::object();
            return Reply{
                200,
                Json{{"document", document_json(*doc)}, {"record", record}, {"tasks", tasks}},
                {}};
        });
    add(Route("GET", "/api/documents/{notation}/cascade",
              "Văn bản cấp trên và các văn bản triển khai")
            .returns(
                object_of({{"upward", array_of(document_schema())}, {"downward", any_object()}})),
        [this](Context& c) -> Result<Reply> {
            auto cascade = service.cascade(c.path.at("notation"));
            if (!cascade) return cascade.error();
            Json upward = Json::array();
            for (const auto& d : cascade->upward) upward.push_back(document_json(d));
            return Reply{
                200, Json{{"upward", upward}, {"downward", cascade_json(cascade->downward)}}, {}};
        });
    add(Route("POST", "/api/documents/{notation}/confirm",
              "Xác nhận mọi nhiệm vụ đề xuất của một văn bản")
            .only(k_registrars)
            .returns(object_of({{"confirmed", t("integer")}})),
        [this](Context& c) -> Result<Reply> {
            auto doc = service.document_by_notation(c.path.at("notation"));
            if (!doc) return doc.error();
            auto n = service.confirm_tasks(doc->id);
            if (!n) return n.error();
            if (auto a = accounts.record(c.actor(), "document.confirm_tasks",
                                         "document/" + doc->notation, "null",
                                         Json{{"confirmed", *n}}.dump());
                !a)
                return a.error();
            return Reply{200, Json{{"confirmed", *n}}, {}};
        });
}

void Api::Impl::add_unit_routes() {
    add(Route("GET", "/api/units", "Danh mục đơn vị").returns(array_of(unit_schema())),
        [this](Context&) -> Result<Reply> {
            auto units = service.units();
            if (!units) return units.error();
            Json out = Json::array();
            for (const auto& u : *units) out.push_back(unit_json(u));
            return Reply{200, out, {}};
        });
    add(Route("GET", "/api/units/tree", "Cây đơn vị (mỗi nút có children)")
            .returns(array_of(any_object())),
        [this](Context&) -> Result<Reply> {
            auto units = service.units();
            if (!units) return units.error();
            std::multimap<std::string, const domain::Unit*> children;
            std::set<std::string> ids;
            for (const auto& u : *units) ids.insert(u.id.value);
            for (const auto& u : *units)
                children.emplace(u.parent && ids.contains(u.parent->value) ? u.parent->value : "",
                                 &u);
            std::function<Json(const std::string&, int)> build = [&](const std::string& parent,
                                                                     int depth) {
                Json out = Json::array();
                if (depth > 32) return out;
                auto [first, last] = children.equal_range(parent);
                for (auto it = first; it != last; ++it) {
                    Json node = unit_json(*it->second);
                    node["children"] = build(it->second->id.value, depth + 1);
                    out.push_back(node);
                }
                return out;
            };
            return Reply{200, build("", 0), {}};
        });
    add(Route("POST", "/api/units/aliases", "Ghi nhớ một tên trong văn bản ứng với đơn vị nào")
            .only(k_admin)
            .json({{"mention", Type::string, true},
                   {"units", Type::string_array, true},
                   {"issuer", Type::string, false}})
            .returns(ok_schema()),
        [this](Context& c) -> Result<Reply> {
            std::vector<domain::UnitId> units;
            for (const auto& u : c.body["units"])
                units.push_back(domain::UnitId{u.get<std::string>()});
            if (units.empty()) return invalid("cần ít nhất một đơn vị", "units");
            std::optional<domain::UnitId> issuer;
            if (c.body.contains("issuer"))
                issuer = domain::UnitId{c.body["issuer"].get<std::string>()};
            const std::string mention = c.body["mention"].get<std::string>();
            if (auto r = service.map_name(mention, issuer, units); !r) return r.error();
            Json after = c.body;
            if (auto a = accounts.record(c.actor(), "unit.alias", "mention/" + mention, "null",
                                         after.dump());
                !a)
                return a.error();
            return Reply{200, Json{{"ok", true}}, {}};
        });
    add(Route("POST", "/api/units/merge", "Sáp nhập: chuyển nhiệm vụ chưa xong sang đơn vị mới")
            .only(k_admin)
            .json({{"from", Type::string, true},
                   {"to", Type::string, true},
                   {"on", Type::date, true}})
            .returns(object_of({{"moved", t("integer")}})),
        [this](Context& c) -> Result<Reply> {
            const domain::UnitId from{c.body["from"].get<std::string>()};
            const domain::UnitId to{c.body["to"].get<std::string>()};
            const CivilDate on = body_date(c, "on");
            auto moved = service.merge_unit(from, to, on);
            if (!moved) return moved.error();
            if (auto a = accounts.record(
                    c.actor(), "unit.merge", "unit/" + from.value,
                    Json{{"unit", from.value}}.dump(),
                    Json{{"successor", to.value}, {"on", domain::iso(on)}, {"moved", *moved}}
                        .dump());
                !a)
                return a.error();
            return Reply{200, Json{{"moved", *moved}}, {}};
        });
}

}  // namespace dondoc::http
