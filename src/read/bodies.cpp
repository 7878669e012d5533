#include "read/bodies.h"

#include <optional>

#include "read/scan.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace dondoc::read {
namespace {

using std::string_view_literals::operator""sv;

// Nouns that begin the name of a body. Matched at a capitalized word (or
// after "các"); longest first where one starts another.
const Lexicon k_body_nouns{"ủy ban nhân dân"sv,
                           "uỷ ban nhân dân"sv,
                           "ủy ban mặt trận"sv,
                           "uỷ ban mặt trận"sv,
                           "hội đồng nhân dân"sv,
                           "ban chỉ huy"sv,
                           "bộ chỉ huy"sv,
                           "ban quản lý"sv,
                           "ban chỉ đạo"sv,
                           "ban thường vụ"sv,
                           "ban cán sự"sv,
                           "ban tuyên giáo"sv,
                           "ban tổ chức"sv,
                           "ban dân vận"sv,
                           "ban nội chính"sv,
                           "viện kiểm sát"sv,
                           "tòa án"sv,
                           "toà án"sv,
                           "kho bạc"sv,
                           "chi cục"sv,
                           "tổng cục"sv,
                           "cục"sv,
                           "công an"sv,
                           "văn phòng"sv,
                           "trung tâm"sv,
                           "bệnh viện"sv,
                           "ngân hàng"sv,
                           "chi nhánh"sv,
                           "tổng công ty"sv,
                           "công ty"sv,
                           "bảo hiểm xã hội"sv,
                           "hạt kiểm lâm"sv,
                           "huyện ủy"sv,
                           "huyện uỷ"sv,
                           "thành ủy"sv,
                           "thành uỷ"sv,
                           "tỉnh ủy"sv,
                           "tỉnh uỷ"sv,
                           "thị ủy"sv,
                           "thị uỷ"sv,
                           "đảng ủy"sv,
                           "đảng uỷ"sv,
                           "đảng đoàn"sv,
                           "huyện đoàn"sv,
                           "tỉnh đoàn"sv,
                           "thành đoàn"sv,
                           "mặt trận"sv,
                           "liên đoàn"sv,
                           "hội đồng"sv,
                           "ủy ban"sv,
                           "uỷ ban"sv,
                           "thường trực"sv,
                           "thanh tra"sv,
                           "cơ quan"sv,
                           "điện lực"sv,
                           "ubnd"sv,
                           "hđnd"sv,
                           "ubmttq"sv,
                           "mttq"sv,
                           "bch"sv,
                           "bql"sv,
                           "vp"sv,
                           "ubkt"sv,
                           "phòng"sv,
                           "sở"sv,
                           "ban"sv,
                           "bộ"sv,
                           "đồn"sv,
                           "đoàn"sv,
                           "hội"sv,
                           "đài"sv,
                           "trường"sv,
                           "viện"sv,
                           "quỹ"sv,
                           "đội"sv,
                           "báo"sv,
                           "trạm"sv,
                           "xã"sv,
                           "phường"sv,
                           "thị trấn"sv,
                           "đặc khu"sv,
                           "chính phủ"sv,
                           "tổ công tác"sv,
                           "tổ"sv,
                           "đơn vị"sv};

// Capitalized words that look like body nouns but start other phrases.
const Lexicon k_not_bodies{
    "ban hành"sv,     "báo cáo"sv,     "hội nghị"sv,   "trường hợp"sv, "xã hội"sv,
    "phòng, chống"sv, "phòng chống"sv, "phòng ngừa"sv, "đoàn kết"sv,   "tổ chức"sv,
    "bộ máy"sv,       "đội ngũ"sv,     "cục bộ"sv,     "hội nhập"sv,   "thanh tra, kiểm tra"sv,
    "đơn vị mình"sv,  "ban đầu"sv};

// Unit nouns that follow "các" in a group ("các phòng, ban, ngành").
const Lexicon k_unit_nouns{"tổ chức chính trị - xã hội"sv,
                           "cơ quan chuyên môn"sv,
                           "phòng ban"sv,
                           "ban ngành"sv,
                           "sở ngành"sv,
                           "sở, ngành"sv,
                           "đoàn thể"sv,
                           "đơn vị"sv,
                           "cơ quan"sv,
                           "địa phương"sv,
                           "doanh nghiệp"sv,
                           "tổ chức"sv,
                           "thị trấn"sv,
                           "thị xã"sv,
                           "thành phố"sv,
                           "phòng"sv,
                           "ban"sv,
                           "ngành"sv,
                           "sở"sv,
                           "hội"sv,
                           "xã"sv,
                           "phường"sv,
                           "huyện"sv,
                           "trường"sv,
                           "ủy ban"sv,
                           "uỷ ban"sv,
                           "cơ sở"sv,
                           "bộ"sv,
                           "cấp"sv,
                           "đặc khu"sv,
                           "quận"sv,
                           "đài"sv,
                           "trạm"sv,
                           "thôn"sv,
                           "tổ dân phố"sv,
                           "hợp tác xã"sv,
                           "chi bộ"sv,
                           "đảng bộ"sv,
                           "tỉnh"sv,
                           "huyện ủy"sv,
                           "huyện uỷ"sv,
                           "thị ủy"sv,
                           "thị uỷ"sv,
                           "thành ủy"sv,
                           "thành uỷ"sv,
                           "đảng ủy"sv,
                           "đảng uỷ"sv,
                           "tỉnh ủy"sv,
                           "tỉnh uỷ"sv,
                           "đảng ủy trực thuộc"sv};

// Heads of a body, dropped from its name ("Thủ trưởng các sở" → "các sở").
const Lexicon k_heads{"thủ trưởng"sv,     "phó chủ tịch"sv,  "chủ tịch"sv,       "phó giám đốc"sv,
                      "giám đốc"sv,       "tổng giám đốc"sv, "người đứng đầu"sv, "bí thư"sv,
                      "chỉ huy trưởng"sv, "cục trưởng"sv,    "chi cục trưởng"sv, "viện trưởng"sv,
                      "hiệu trưởng"sv,    "trưởng các"sv};

// Heads whose body is the noun after them ("Trưởng phòng Nội vụ" → "Phòng Nội vụ").
const Lexicon k_heads_keeping_noun{"chánh"sv, "trưởng"sv};

// Words that end a body name: the instruction starts there.
const Lexicon k_stop_words{"theo"sv,
                           "thực hiện"sv,
                           "triển khai"sv,
                           "tiếp tục"sv,
                           "chủ động"sv,
                           "khẩn trương"sv,
                           "nghiêm túc"sv,
                           "căn cứ"sv,
                           "nghiên cứu"sv,
                           "rà soát"sv,
                           "xây dựng"sv,
                           "tham mưu"sv,
                           "có trách nhiệm"sv,
                           "chịu trách nhiệm"sv,
                           "chủ trì"sv,
                           "phối hợp"sv,
                           "kiểm tra"sv,
                           "báo cáo"sv,
                           "tăng cường"sv,
                           "quán triệt"sv,
                           "thường xuyên"sv,
                           "tập trung"sv,
                           "hướng dẫn"sv,
                           "đôn đốc"sv,
                           "tổng hợp"sv,
                           "đề xuất"sv,
                           "ban hành"sv,
                           "lập"sv,
                           "trình"sv,
                           "cung cấp"sv,
                           "bảo đảm"sv,
                           "đảm bảo"sv,
                           "quản lý"sv,
                           "giám sát"sv,
                           "cập nhật"sv,
                           "hoàn thành"sv,
                           "hoàn thiện"sv,
                           "ưu tiên"sv,
                           "sớm"sv,
                           "kịp thời"sv,
                           "được"sv,
                           "nắm"sv,
                           "đẩy mạnh"sv,
                           "tuyên truyền"sv,
                           "phổ biến"sv,
                           "gửi"sv,
                           "chỉ đạo"sv,
                           "yêu cầu"sv,
                           "đề nghị"sv,
                           "cử"sv,
                           "bố trí"sv,
                           "thẩm định"sv,
                           "phê duyệt"sv,
                           "tiến hành"sv,
                           "vận động"sv,
                           "phát huy"sv,
                           "duy trì"sv,
                           "nâng cao"sv,
                           "giải quyết"sv,
                           "xử lý"sv,
                           "tiếp nhận"sv,
                           "làm"sv,
                           "trong"sv,
                           "chịu"sv,
                           "lồng ghép"sv,
                           "là"sv,
                           "cần"sv,
                           "phải"sv,
                           "có"sv,
                           "sẽ"sv,
                           "để"sv,
                           "nhằm"sv,
                           "với"sv,
                           "về"sv,
                           "tại"sv,
                           "đã"sv,
                           "đang"sv,
                           "không"sv,
                           "chưa"sv,
                           "cùng"sv,
                           "khi"sv,
                           "nếu"sv,
                           "thống nhất"sv,
                           "tích cực"sv,
                           "quyết liệt"sv,
                           "nêu cao"sv,
                           "hỗ trợ"sv,
                           "đăng ký"sv,
                           "chuẩn bị"sv,
                           "tổng kết"sv,
                           "sơ kết"sv,
                           "đánh giá"sv,
                           "thông báo"sv,
                           "công khai"sv,
                           "niêm yết"sv,
                           "giao"sv,
                           "ngoài"sv,
                           "bám sát"sv,
                           "quan tâm"sv,
                           "chăm lo"sv,
                           "nhanh chóng"sv,
                           "trực tiếp"sv,
                           "tổ chức"sv,
                           "theo dõi"sv,
                           "thi hành"sv,
                           "phân công"sv,
                           "mời"sv,
                           "tham gia"sv,
                           "tham dự"sv,
                           "dự"sv,
                           "kiểm soát"sv,
                           "ra soát"sv,
                           "tiếp thu"sv,
                           "khắc phục"sv,
                           "chấn chỉnh"sv,
                           "rút kinh nghiệm"sv,
                           "kiểm điểm"sv,
                           "nghiệm thu"sv,
                           "thực"sv,
                           "căn"sv,
                           "đến"sv,
                           "từ"sv,
                           "cho"sv,
                           "nhưng"sv,
                           "hoặc"sv,
                           "mà"sv,
                           "thì"sv,
                           "do"sv,
                           "ngày"sv,
                           "trước"sv,
                           "chậm nhất"sv,
                           "kể từ"sv,
                           "sau"sv,
                           "bằng"sv,
                           "vào"sv,
                           "như"sv,
                           "biết"sv,
                           "xem xét"sv,
                           "nêu"sv,
                           "này"sv,
                           "đó"sv,
                           "trên cơ sở"sv,
                           "kèm theo"sv,
                           "định kỳ"sv,
                           "hằng"sv,
                           "hàng"sv,
                           "đầy đủ"sv,
                           "đúng"sv,
                           "ngay"sv,
                           "kết quả"sv,
                           "tình hình"sv,
                           "lãnh đạo"sv,
                           "hoàn chỉnh"sv,
                           "mở"sv,
                           "đưa"sv,
                           "chú trọng"sv,
                           "thống kê"sv,
                           "soạn thảo"sv,
                           "dự thảo"sv,
                           "biên soạn"sv,
                           "in"sv,
                           "phát hành"sv,
                           "cấp phát"sv,
                           "bồi thường"sv,
                           "thu hồi"sv,
                           "điều chỉnh"sv,
                           "bổ sung"sv,
                           "sửa đổi"sv,
                           "góp ý"sv,
                           "tập huấn"sv,
                           "bồi dưỡng"sv,
                           "đào tạo"sv,
                           "ứng dụng"sv,
                           "vận hành"sv,
                           "sử dụng"sv,
                           "tăng"sv,
                           "giảm"sv,
                           "phấn đấu"sv,
                           "bảo vệ"sv,
                           "phòng ngừa"sv,
                           "ngăn chặn"sv,
                           "đấu tranh"sv,
                           "khảo sát"sv,
                           "điều tra"sv,
                           "thanh tra"sv,
                           "hướng"sv,
                           "tuân thủ"sv,
                           "chấp hành"sv,
                           "thông tin"sv,
                           "tiếp"sv,
                           "nộp"sv,
                           "tổ"sv,
                           "cải cách"sv,
                           "số hóa"sv,
                           "chuyển đổi"sv,
                           "tham"sv,
                           "ra"sv,
                           "xác định"sv,
                           "xác minh"sv,
                           "phân bổ"sv,
                           "giải ngân"sv,
                           "quyết toán"sv,
                           "lựa chọn"sv,
                           "trả lời"sv,
                           "phản ánh"sv,
                           "phản hồi"sv,
                           "cung"sv,
                           "liên hệ"sv};

// Lower-case phrases that continue a name even though they start like stop words.
const Lexicon k_name_continuations{
    "có tên tại"sv,   "có tên trong"sv, "có liên quan"sv, "trực thuộc"sv, "thuộc"sv,
    "trên địa bàn"sv, "cấp tỉnh"sv,     "cấp huyện"sv,    "cấp xã"sv,     "liên quan"sv};

std::size_t match_any(std::string_view lower, std::size_t pos, const Lexicon& words) {
    return words.longest_at(lower, pos);
}

bool capitalized(std::string_view text, std::size_t pos) {
    return pos < text.size() && text::starts_upper(text.substr(pos, 4));
}

// "và"/"," followed by this starts a new body.
std::size_t body_noun_at(std::string_view text, std::string_view lower, std::size_t pos,
                         bool need_capital) {
    if (match_any(lower, pos, k_not_bodies) != 0) return 0;
    const std::size_t len = match_any(lower, pos, k_body_nouns);
    if (len == 0) return 0;
    if (need_capital && !capitalized(text, pos)) return 0;
    return len;
}

std::size_t unit_noun_at(std::string_view lower, std::size_t pos) {
    return match_any(lower, pos, k_unit_nouns);
}

// "các" + a unit noun.
bool group_start_at(std::string_view lower, std::size_t pos) {
    if (!phrase_at(lower, pos, "các")) return false;
    return unit_noun_at(lower, skip_spaces(lower, pos + "các"sv.size())) != 0;
}

// "các sở, ban ngành có thủ tục hành chính": "có" + a noun qualifies a group,
// while "có trách nhiệm", "có văn bản" start the instruction.
bool group_qualifier_after(std::string_view lower, std::size_t pos) {
    pos = skip_spaces(lower, pos);
    for (auto verb : {"trách nhiệm"sv, "văn bản"sv, "ý kiến"sv, "kế hoạch"sv, "báo cáo"sv, "thể"sv,
                      "nhiệm vụ"sv, "biện pháp"sv, "giải pháp"sv, "khó khăn"sv}) {
        if (phrase_at(lower, pos, verb)) return false;
    }
    return pos < lower.size() && is_word_byte(lower, pos);
}

std::size_t head_at(std::string_view lower, std::size_t pos) {
    return match_any(lower, pos, k_heads);
}

std::string capitalize_first(std::string_view s) {
    if (s.empty()) return {};
    std::size_t i = 0;
    const char32_t first = text::next_code_point(s, i);
    std::string out = text::to_upper(s.substr(0, i));
    (void)first;
    out.append(s.substr(i));
    return out;
}

std::string trim_name(std::string_view s) {
    std::string out = text::collapse_whitespace(s);
    while (!out.empty() && (out.back() == ',' || out.back() == ';' || out.back() == '.' ||
                            out.back() == ':' || out.back() == ' ' || out.back() == '-')) {
        if (out.back() == '.' && out.size() >= 3 && out.compare(out.size() - 3, 3, "TP.") == 0)
            break;
        out.pop_back();
    }
    return out;
}

struct Start {
    std::size_t name_begin = 0;  // where the kept name starts (after a dropped head)
    bool capitalize = false;  // "phòng Nội vụ" after "Trưởng" becomes "Phòng Nội vụ"
    bool group = false;       // "các …": comma-separated unit nouns continue it
    bool ok = false;
};

// Recognizes the start of one body at `pos`, skipping a head.
Start read_start(std::string_view text, std::string_view lower, std::size_t pos) {
    Start start;
    std::size_t p = pos;
    if (const std::size_t head = head_at(lower, p); head != 0) {
        const std::size_t after = skip_spaces(lower, p + head);
        if (group_start_at(lower, after) || body_noun_at(text, lower, after, false) != 0) {
            p = after;
        }
        // "Trưởng các …" matched as a head already; "trưởng phòng" below.
    } else if (const std::size_t keep = match_any(lower, p, k_heads_keeping_noun); keep != 0) {
        const std::size_t after = skip_spaces(lower, p + keep);
        if (body_noun_at(text, lower, after, false) != 0) {
            start.capitalize = !capitalized(text, after);
            p = after;
        }
    }
    if (group_start_at(lower, p)) {
        start.group = true;
        start.ok = true;
    } else if (body_noun_at(text, lower, p, /*need_capital=*/p == pos) != 0) {
        // A body noun; after a head ("Trưởng phòng …") it may be lower case.
        start.ok = true;
    }
    start.name_begin = p;
    return start;
}

struct Token {
    std::size_t begin = 0;
    std::size_t end = 0;
    bool word = false;
};

Token next_token(std::string_view text, std::size_t pos) {
    Token t;
    t.begin = skip_spaces(text, pos);
    if (t.begin >= text.size()) {
        t.end = t.begin;
        return t;
    }
    if (is_word_byte(text, t.begin)) {
        t.word = true;
        t.end = word_end(text, t.begin);
    } else {
        std::size_t i = t.begin;
        text::next_code_point(text, i);
        t.end = i;
    }
    return t;
}

struct OneBody {
    std::string name;
    std::size_t end = 0;  // where the body ended (the separator or stop)
    bool ok = false;
};

// Reads one body from `pos` up to a separator that starts another body, or a stop.
OneBody read_one(std::string_view text, std::string_view lower, std::size_t pos) {
    OneBody body;
    const Start start = read_start(text, lower, pos);
    if (!start.ok) return body;
    bool group = start.group;
    std::size_t p = start.name_begin;
    std::size_t last_end = p;
    std::size_t words = 0;
    bool generic_only = start.group;
    while (words <= k_max_body_words) {
        const Token t = next_token(text, p);
        if (t.begin >= text.size()) break;
        if (t.word) {
            if (words > 0 && text[t.begin] >= '0' && text[t.begin] <= '9' &&
                !(last_end >= 3 && lower.substr(0, last_end).ends_with("số"))) {
                break;
            }
            if (words > 0) {
                if (match_any(lower, t.begin, k_name_continuations) != 0) {
                    const std::size_t len = match_any(lower, t.begin, k_name_continuations);
                    p = last_end = t.begin + len;
                    ++words;
                    generic_only = false;
                    continue;
                }
                if (group && phrase_at(lower, t.begin, "có") &&
                    group_qualifier_after(lower, t.end)) {
                    p = last_end = t.end;
                    ++words;
                    continue;
                }
                if (!capitalized(text, t.begin) && match_any(lower, t.begin, k_stop_words) != 0 &&
                    !(group && unit_noun_at(lower, t.begin) != 0 &&
                      lower.substr(last_end, t.begin - last_end).find(',') != std::string::npos)) {
                    break;
                }
                if (phrase_at(lower, t.begin, "và")) {
                    const std::size_t after = skip_spaces(lower, t.end);
                    const bool office_of_both =
                        phrase_at(lower, start.name_begin, "văn phòng") &&
                        (phrase_at(lower, after, "ubnd") || phrase_at(lower, after, "hđnd") ||
                         phrase_at(lower, after, "ủy ban nhân dân"));
                    if (!office_of_both &&
                        (group_start_at(lower, after) || read_start(text, lower, after).ok)) {
                        break;
                    }
                    if (!capitalized(text, after)) break;
                    p = last_end = t.end;
                    ++words;
                    continue;
                }
            }
            if (phrase_at(lower, t.begin, "các") && words > 0) group = true;
            if (generic_only && words > 0 && unit_noun_at(lower, t.begin) == 0 &&
                !phrase_at(lower, t.begin, "các")) {
                generic_only = false;
            }
            p = last_end = t.end;
            ++words;
            continue;
        }
        const std::string_view punct = text.substr(t.begin, t.end - t.begin);
        if (punct == ",") {
            const std::size_t after = skip_spaces(lower, t.end);
            if (head_at(lower, after) != 0) break;
            if (group && (unit_noun_at(lower, after) != 0 ||
                          (generic_only && group_start_at(lower, after)))) {
                p = t.end;
                continue;
            }
            break;
        }
        if (punct == "-" || punct == "–" || punct == "&" || punct == "/") {
            const std::size_t after = skip_spaces(lower, t.end);
            if (capitalized(text, after) || phrase_at(lower, after, "xã hội") ||
                (after < text.size() && text[after] >= '0' && text[after] <= '9')) {
                p = t.end;
                continue;
            }
            break;
        }
        if (punct == "." && last_end >= 2 &&
            (lower.substr(last_end - 2, 2) == "tp" || lower.substr(last_end - 2, 2) == "tx")) {
            p = last_end = t.end;
            continue;
        }
        break;
    }
    if (words == 0 || words > k_max_body_words) return body;
    std::string name = trim_name(text.substr(start.name_begin, last_end - start.name_begin));
    if (start.capitalize) name = capitalize_first(name);
    body.name = std::move(name);
    body.end = last_end;
    body.ok = !body.name.empty();
    return body;
}

// "Các phòng: Tài chính - Kế hoạch, Y tế, Nội vụ thành phố và các đơn vị …":
// the head noun given to each member. Returns false when `pos` is not that shape.
bool read_shared_head(std::string_view text, std::string_view lower, std::size_t pos,
                      BodyList& out) {
    if (!phrase_at(lower, pos, "các")) return false;
    const std::size_t noun_pos = skip_spaces(lower, pos + "các"sv.size());
    const std::size_t noun_len = unit_noun_at(lower, noun_pos);
    if (noun_len == 0) return false;
    std::size_t p = skip_spaces(lower, noun_pos + noun_len);
    if (p >= text.size() || text[p] != ':') return false;
    p = skip_spaces(lower, p + 1);
    if (!capitalized(text, p)) return false;
    const std::string head = capitalize_first(text.substr(noun_pos, noun_len));
    std::size_t member_begin = p;
    std::size_t last_end = p;
    std::size_t words = 0;
    auto emit = [&] {
        const std::string member = trim_name(text.substr(member_begin, last_end - member_begin));
        if (!member.empty()) out.names.push_back(head + " " + member);
    };
    while (words <= k_max_body_words * 4) {
        const Token t = next_token(text, p);
        if (t.begin >= text.size()) break;
        if (t.word) {
            if (phrase_at(lower, t.begin, "và")) {
                const std::size_t after = skip_spaces(lower, t.end);
                if (group_start_at(lower, after) || read_start(text, lower, after).ok) {
                    emit();
                    BodyList rest = read_bodies(text, lower, after);
                    for (auto& name : rest.names) out.names.push_back(std::move(name));
                    out.end = rest.end;
                    return true;
                }
            } else if (!capitalized(text, t.begin) &&
                       match_any(lower, t.begin, k_stop_words) != 0) {
                break;
            }
            p = last_end = t.end;
            ++words;
            continue;
        }
        const std::string_view punct = text.substr(t.begin, t.end - t.begin);
        if (punct == ",") {
            emit();
            p = t.end;
            member_begin = skip_spaces(lower, p);
            last_end = member_begin;
            continue;
        }
        if (punct == "-" || punct == "–" || punct == "&") {
            p = t.end;
            continue;
        }
        break;
    }
    emit();
    out.end = last_end;
    return true;
}

}  // namespace

bool body_starts_at(std::string_view text, std::string_view lower, std::size_t pos) {
    return read_start(text, lower, skip_spaces(lower, pos)).ok;
}

BodyList read_bodies(std::string_view text, std::string_view lower, std::size_t pos) {
    BodyList list;
    pos = skip_spaces(lower, pos);
    if (read_shared_head(text, lower, pos, list)) return list;
    std::size_t p = pos;
    while (true) {
        OneBody body = read_one(text, lower, p);
        if (!body.ok) break;
        list.names.push_back(std::move(body.name));
        list.end = body.end;
        // A separator that starts another body: ",", ";" or "và".
        const Token sep = next_token(text, body.end);
        if (sep.begin >= text.size()) break;
        const std::string_view s = text.substr(sep.begin, sep.end - sep.begin);
        if (s == "," || s == ";" || (sep.word && phrase_at(lower, sep.begin, "và"))) {
            const std::size_t after = skip_spaces(lower, sep.end);
            if (!body_starts_at(text, lower, after)) break;
            p = after;
            continue;
        }
        break;
    }
    return list;
}

}  // namespace dondoc::read
