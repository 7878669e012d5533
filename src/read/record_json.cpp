#include "read/record_json.h"

#include <array>
#include <nlohmann/json.hpp>
#include <utility>

#include "read/dates.h"

namespace dondoc::read {
namespace {

using Json = nlohmann::ordered_json;

template <typename T>
Json opt(const std::optional<T>& value) {
    return value ? Json(*value) : Json(nullptr);
}

Json deadline_json(const Deadline& d) {
    Json j;
    j["kind"] = deadline_kind_name(d.kind);
    j["text"] = d.text;
    switch (d.kind) {
        case DeadlineKind::date:
            j["date"] = d.date ? Json(iso_date(*d.date)) : Json(nullptr);
            j["inclusive"] = d.inclusive;
            break;
        case DeadlineKind::yearly:
            j["month"] = opt(d.month);
            j["day"] = opt(d.day);
            j["period"] = opt(d.period_label);
            break;
        case DeadlineKind::quarterly:
            j["day"] = opt(d.day);
            j["month_of_quarter"] = opt(d.month_of_quarter);
            break;
        case DeadlineKind::monthly:
            j["day"] = opt(d.day);
            j["weekday"] = opt(d.weekday);
            if (d.week && *d.week < 0)
                j["week"] = "last";
            else
                j["week"] = opt(d.week);
            break;
        case DeadlineKind::weekly:
            j["weekday"] = opt(d.weekday);
            break;
        case DeadlineKind::within:
            j["amount"] = opt(d.amount);
            j["unit"] = duration_unit_name(d.unit);
            j["from"] = opt(d.from);
            break;
        case DeadlineKind::period:
            j["year"] = opt(d.year);
            j["month"] = opt(d.month);
            j["quarter"] = opt(d.quarter);
            j["half"] = opt(d.half);
            break;
        case DeadlineKind::ongoing:
            break;
    }
    return j;
}

template <typename T>
std::optional<T> get_opt(const Json& j, const char* key) {
    if (!j.contains(key) || j[key].is_null()) return std::nullopt;
    return j[key].get<T>();
}

}  // namespace

std::string deadlines_to_json(const std::vector<Deadline>& deadlines) {
    Json array = Json::array();
    for (const auto& d : deadlines) array.push_back(deadline_json(d));
    return array.dump(-1, ' ', false, Json::error_handler_t::replace);
}

namespace {

// Deadlines read straight from the parser's events, without a JSON tree:
// a page of 50 tasks parsed 50 trees, a tenth of its time. Only the shape
// deadlines_to_json writes is taken (an array of flat objects, each key
// once, each value of its key's type); anything else stops the reader and
// the tree reader below gives the answer or the error, so that both agree.
class FastDeadlines final : public nlohmann::json_sax<Json> {
  public:
    std::vector<Deadline> out;

    bool null() override {
        return scalar([](Field f) {
            return f == Field::date || f == Field::period || f == Field::from || f == Field::unit ||
                   is_integer_field(f) || f == Field::week || f == Field::other;
        });
    }
    bool boolean(bool value) override {
        if (!scalar([](Field f) { return f == Field::inclusive || f == Field::other; }))
            return false;
        if (m_last == Field::inclusive) m_current.inclusive = value;
        return true;
    }
    bool number_integer(number_integer_t value) override { return integer(value); }
    bool number_unsigned(number_unsigned_t value) override {
        return integer(static_cast<std::int64_t>(value));
    }
    bool number_float(number_float_t /*value*/, const string_t& /*text*/) override {
        return scalar([](Field f) { return f == Field::other; });
    }
    bool string(string_t& value) override {
        if (!scalar([](Field f) {
                return f == Field::kind || f == Field::text || f == Field::date ||
                       f == Field::period || f == Field::from || f == Field::unit ||
                       f == Field::week || f == Field::other;
            }))
            return false;
        switch (m_last) {
            case Field::kind:
                m_kind = std::move(value);
                break;
            case Field::text:
                m_current.text = std::move(value);
                break;
            case Field::date:
                m_date = std::move(value);
                break;
            case Field::period:
                m_current.period_label = std::move(value);
                break;
            case Field::from:
                m_current.from = std::move(value);
                break;
            case Field::unit:
                m_current.unit = value == "working_day" ? DurationUnit::working_day
                                 : value == "month"     ? DurationUnit::month
                                                        : DurationUnit::day;
                break;
            case Field::week:
                m_current.week = -1;
                break;
            default:
                break;
        }
        return true;
    }
    bool binary(binary_t& /*value*/) override { return false; }
    bool start_object(std::size_t /*elements*/) override {
        if (m_depth != 1) return false;
        m_depth = 2;
        m_current = Deadline{};
        m_kind.reset();
        m_date.reset();
        m_year.reset();
        m_quarter.reset();
        m_half.reset();
        m_seen = 0;
        m_field = Field::none;
        return true;
    }
    bool key(string_t& name) override {
        if (m_depth != 2 || m_field != Field::none) return false;
        m_field = field_of(name);
        if (m_field == Field::other) return true;  // ignored, as the tree reader does
        const auto bit = 1U << static_cast<unsigned>(m_field);
        if ((m_seen & bit) != 0) return false;  // the same key twice: the tree reader's rule
        m_seen |= bit;
        return true;
    }
    bool end_object() override {
        if (m_depth != 2 || m_field != Field::none || !m_kind) return false;
        m_depth = 1;
        bool known = false;
        for (auto k : {DeadlineKind::date, DeadlineKind::yearly, DeadlineKind::quarterly,
                       DeadlineKind::monthly, DeadlineKind::weekly, DeadlineKind::within,
                       DeadlineKind::period, DeadlineKind::ongoing}) {
            if (deadline_kind_name(k) == *m_kind) {
                m_current.kind = k;
                known = true;
            }
        }
        if (!known) return false;
        if (m_date && m_date->size() == 10) {
            try {
                m_current.date =
                    Date{std::stoi(m_date->substr(0, 4)), std::stoi(m_date->substr(5, 2)),
                         std::stoi(m_date->substr(8, 2))};
            } catch (const std::exception&) {
                return false;
            }
        }
        if (m_current.kind == DeadlineKind::period) {
            m_current.year = m_year;
            m_current.quarter = m_quarter;
            m_current.half = m_half;
        }
        out.push_back(std::move(m_current));
        return true;
    }
    bool start_array(std::size_t /*elements*/) override {
        if (m_depth != 0 || m_started) return false;
        m_started = true;
        m_depth = 1;
        return true;
    }
    bool end_array() override {
        if (m_depth != 1) return false;
        m_depth = 0;
        return true;
    }
    bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/,
                     const nlohmann::detail::exception& /*ex*/) override {
        return false;
    }

  private:
    enum class Field {
        none,
        kind,
        text,
        date,
        inclusive,
        month,
        day,
        period,
        month_of_quarter,
        weekday,
        week,
        amount,
        unit,
        from,
        year,
        quarter,
        half,
        other
    };
    static Field field_of(const std::string& name) {
        static constexpr std::array<std::pair<std::string_view, Field>, 16> k_fields = {{
            {"kind", Field::kind},
            {"text", Field::text},
            {"date", Field::date},
            {"inclusive", Field::inclusive},
            {"month", Field::month},
            {"day", Field::day},
            {"period", Field::period},
            {"month_of_quarter", Field::month_of_quarter},
            {"weekday", Field::weekday},
            {"week", Field::week},
            {"amount", Field::amount},
            {"unit", Field::unit},
            {"from", Field::from},
            {"year", Field::year},
            {"quarter", Field::quarter},
            {"half", Field::half},
        }};
        for (const auto& [text, field] : k_fields) {
            if (text == name) return field;
        }
        return Field::other;
    }
    static bool is_integer_field(Field f) {
        return f == Field::month || f == Field::day || f == Field::month_of_quarter ||
               f == Field::weekday || f == Field::amount || f == Field::year ||
               f == Field::quarter || f == Field::half;
    }
    // A value of an object's key, of a type that key takes; the key is
    // then done with.
    template <typename Accepts>
    bool scalar(Accepts accepts) {
        if (m_depth != 2 || m_field == Field::none || !accepts(m_field)) return false;
        m_last = m_field;
        m_field = Field::none;
        return true;
    }
    bool integer(std::int64_t value) {
        if (!scalar([](Field f) {
                return is_integer_field(f) || f == Field::week || f == Field::other;
            }))
            return false;
        const int v = static_cast<int>(value);
        switch (m_last) {
            case Field::month:
                m_current.month = v;
                break;
            case Field::day:
                m_current.day = v;
                break;
            case Field::month_of_quarter:
                m_current.month_of_quarter = v;
                break;
            case Field::weekday:
                m_current.weekday = v;
                break;
            case Field::week:
                m_current.week = v;
                break;
            case Field::amount:
                m_current.amount = v;
                break;
            case Field::year:
                m_year = v;
                break;
            case Field::quarter:
                m_quarter = v;
                break;
            case Field::half:
                m_half = v;
                break;
            default:
                break;
        }
        return true;
    }

    int m_depth = 0;
    bool m_started = false;
    Field m_field = Field::none;  // the key whose value comes next
    Field m_last = Field::none;   // the key whose value came last
    Deadline m_current;
    std::optional<std::string> m_kind;
    std::optional<std::string> m_date;
    std::optional<int> m_year;
    std::optional<int> m_quarter;
    std::optional<int> m_half;
    unsigned m_seen = 0;  // the known keys of the object so far, a bit each
};

}  // namespace

Result<std::vector<Deadline>> deadlines_from_json(std::string_view text) {
    {
        FastDeadlines fast;
        if (Json::sax_parse(text.begin(), text.end(), &fast)) return std::move(fast.out);
    }
    const Json array = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (array.is_discarded() || !array.is_array()) {
        return make_error(ErrorCode::corruption, "deadlines are not a JSON array");
    }
    std::vector<Deadline> out;
    try {
        for (const auto& j : array) {
            Deadline d;
            const std::string kind = j.at("kind").get<std::string>();
            bool known = false;
            for (auto k : {DeadlineKind::date, DeadlineKind::yearly, DeadlineKind::quarterly,
                           DeadlineKind::monthly, DeadlineKind::weekly, DeadlineKind::within,
                           DeadlineKind::period, DeadlineKind::ongoing}) {
                if (deadline_kind_name(k) == kind) {
                    d.kind = k;
                    known = true;
                }
            }
            if (!known)
                return make_error(ErrorCode::corruption, "unknown deadline kind '" + kind + "'");
            d.text = j.value("text", "");
            if (auto date = get_opt<std::string>(j, "date"); date && date->size() == 10) {
                d.date = Date{std::stoi(date->substr(0, 4)), std::stoi(date->substr(5, 2)),
                              std::stoi(date->substr(8, 2))};
            }
            d.inclusive = j.value("inclusive", true);
            d.month = get_opt<int>(j, "month");
            d.day = get_opt<int>(j, "day");
            d.period_label = get_opt<std::string>(j, "period");
            d.month_of_quarter = get_opt<int>(j, "month_of_quarter");
            d.weekday = get_opt<int>(j, "weekday");
            if (j.contains("week") && j["week"].is_string())
                d.week = -1;
            else
                d.week = get_opt<int>(j, "week");
            d.amount = get_opt<int>(j, "amount");
            if (auto unit = get_opt<std::string>(j, "unit")) {
                d.unit = *unit == "working_day" ? DurationUnit::working_day
                         : *unit == "month"     ? DurationUnit::month
                                                : DurationUnit::day;
            }
            d.from = get_opt<std::string>(j, "from");
            if (d.kind == DeadlineKind::period) {
                d.year = get_opt<int>(j, "year");
                d.quarter = get_opt<int>(j, "quarter");
                d.half = get_opt<int>(j, "half");
            }
            out.push_back(std::move(d));
        }
    } catch (const std::exception& e) {
        return make_error(ErrorCode::corruption, std::string("deadline JSON: ") + e.what());
    }
    return out;
}

std::string_view role_name(Role role) {
    switch (role) {
        case Role::lead:
            return "lead";
        case Role::coordinate:
            return "coordinate";
        case Role::perform:
            return "perform";
    }
    return "perform";
}

std::string_view authority_name(Authority authority) {
    switch (authority) {
        case Authority::tm:
            return "TM";
        case Authority::kt:
            return "KT";
        case Authority::tl:
            return "TL";
        case Authority::tuq:
            return "TUQ";
        case Authority::q:
            return "Q";
    }
    return "";
}

std::string_view deadline_kind_name(DeadlineKind kind) {
    switch (kind) {
        case DeadlineKind::date:
            return "date";
        case DeadlineKind::yearly:
            return "yearly";
        case DeadlineKind::quarterly:
            return "quarterly";
        case DeadlineKind::monthly:
            return "monthly";
        case DeadlineKind::weekly:
            return "weekly";
        case DeadlineKind::within:
            return "within";
        case DeadlineKind::period:
            return "period";
        case DeadlineKind::ongoing:
            return "ongoing";
    }
    return "ongoing";
}

std::string_view duration_unit_name(DurationUnit unit) {
    switch (unit) {
        case DurationUnit::day:
            return "day";
        case DurationUnit::working_day:
            return "working_day";
        case DurationUnit::month:
            return "month";
    }
    return "day";
}

std::string to_json(const Record& r, bool pretty) {
    Json j;
    j["format"] = k_record_format;
    j["family"] = r.family == Family::party ? "party" : "state";
    j["issuer"] = {{"name", opt(r.issuer.name)},
                   {"parent", opt(r.issuer.parent)},
                   {"inferred", r.issuer.inferred}};
    j["number"] = opt(r.number);
    j["symbol"] = opt(r.symbol);
    j["notation"] = opt(r.notation);
    j["type"] = {{"code", r.type.code}, {"name", r.type.name}};
    j["place"] = opt(r.place);
    j["date"] = {
        {"year", opt(r.date.year)}, {"month", opt(r.date.month)}, {"day", opt(r.date.day)}};
    j["subject"] = opt(r.subject);
    j["recipients"] = r.recipients;
    Json refs = Json::array();
    for (const auto& ref : r.references) {
        refs.push_back({{"type", opt(ref.type)},
                        {"number", opt(ref.number)},
                        {"symbol", opt(ref.symbol)},
                        {"notation", opt(ref.notation)},
                        {"date", ref.date ? Json(iso_date(*ref.date)) : Json(nullptr)},
                        {"issuer", opt(ref.issuer)},
                        {"relation", ref.relation == Relation::implements ? "implements" : "cites"},
                        {"text", ref.text}});
    }
    j["references"] = refs;
    Json tasks = Json::array();
    for (const auto& task : r.tasks) {
        Json assignees = Json::array();
        for (const auto& a : task.assignees)
            assignees.push_back({{"name", a.name}, {"role", role_name(a.role)}});
        Json deadlines = Json::array();
        for (const auto& d : task.deadlines) deadlines.push_back(deadline_json(d));
        tasks.push_back({{"clause", opt(task.clause)},
                         {"assignees", assignees},
                         {"action", task.action},
                         {"deadlines", deadlines},
                         {"report_to", opt(task.report_to)},
                         {"report_via", opt(task.report_via)},
                         {"product", opt(task.product)}});
    }
    j["tasks"] = tasks;
    j["signer"] = {{"authority",
                    r.signer.authority ? Json(authority_name(*r.signer.authority)) : Json(nullptr)},
                   {"on_behalf_of", opt(r.signer.on_behalf_of)},
                   {"title", opt(r.signer.title)},
                   {"name", opt(r.signer.name)}};
    j["distribution"] = r.distribution;
    Json abbreviations = Json::object();
    for (const auto& [short_form, long_form] : r.abbreviations)
        abbreviations[short_form] = long_form;
    j["abbreviations"] = abbreviations;
    j["warnings"] = r.warnings;
    return j.dump(pretty ? 2 : -1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace dondoc::read
