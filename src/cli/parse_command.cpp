// `dondoc parse FILE... [--json] [--pretty]`: one record per file.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/record_summary.h"
#include "read/reader.h"
#include "read/record_json.h"
#include "read/source.h"

namespace dondoc::cli {
namespace {

constexpr const char* k_parse_usage =
    "Cách dùng: dondoc parse TỆP... [--json] [--pretty]\n"
    "  Đọc từng văn bản và in bản ghi. Tệp nhận diện theo nội dung: DOCX, PDF\n"
    "  (lớp chữ, hoặc nhận dạng chữ nếu là bản quét), ảnh quét PNG/JPEG/TIFF,\n"
    "  văn bản thuần/Markdown UTF-8, TCVN3 (ABC) hoặc VNI-Windows.\n"
    "  --json    một dòng JSON cho mỗi tệp (JSON Lines)\n"
    "  --pretty  JSON có thụt lề (kèm --json)\n"
    "  --text    chỉ in văn bản trích từ tệp (để kiểm tra DOCX, PDF, ảnh quét)\n"
    "  -         đọc từ đầu vào chuẩn\n";

Result<std::string> read_input(const std::string& path, std::istream& in, std::size_t limit) {
    std::string data;
    if (path == "-") {
        data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        return data;
    }
    std::ifstream file(path, std::ios::binary);
    if (!file) return make_error(ErrorCode::io_error, "không mở được tệp", path);
    // Read at most one byte past the limit: to_text refuses larger input anyway.
    // The buffer is the file's size, not the limit's (64 MiB per file).
    file.seekg(0, std::ios::end);
    const std::streamoff size = file.tellg();
    file.seekg(0, std::ios::beg);
    const std::size_t want = size < 0 ? limit : std::min(static_cast<std::size_t>(size), limit);
    data.resize(want + 1);
    file.read(data.data(), static_cast<std::streamsize>(data.size()));
    if (file.bad()) return make_error(ErrorCode::io_error, "lỗi khi đọc tệp", path);
    data.resize(static_cast<std::size_t>(file.gcount()));
    return data;
}

}  // namespace

int run_parse(const std::vector<std::string>& args, Io io) {
    bool json = false;
    bool pretty = false;
    bool text_only = false;
    std::vector<std::string> files;
    for (const auto& arg : args) {
        if (arg == "--json")
            json = true;
        else if (arg == "--pretty")
            pretty = true;
        else if (arg == "--text")
            text_only = true;
        else if (arg == "-h" || arg == "--help") {
            io.out << k_parse_usage;
            return k_exit_ok;
        } else if (arg.size() > 1 && arg[0] == '-' && arg != "-") {
            io.err << "dondoc parse: tùy chọn không hợp lệ '" << arg << "'\n" << k_parse_usage;
            return k_exit_usage;
        } else {
            files.push_back(arg);
        }
    }
    if (files.empty()) {
        io.err << "dondoc parse: thiếu tệp cần đọc\n" << k_parse_usage;
        return k_exit_usage;
    }
    const read::ReadLimits limits;
    const read::SourceLimits source_limits;
    int status = k_exit_ok;
    for (const auto& path : files) {
        auto data = read_input(path, io.in, source_limits.max_input_bytes);
        auto source =
            data ? read::to_text(*data, source_limits) : Result<read::SourceText>(data.error());
        if (source && text_only) {
            io.out << source->text;
            for (const auto& w : source->warnings)
                io.err << "dondoc parse: " << path << ": " << w << "\n";
            continue;
        }
        Result<read::Record> record = source ? read::read_document(source->text, limits)
                                             : Result<read::Record>(source.error());
        if (record) {
            for (const auto& w : source->warnings) record->warnings.push_back(w);
        }
        if (!record) {
            const Error& e = record.error();
            io.err << "dondoc parse: " << (path == "-" ? "<stdin>" : path) << ": " << e.message
                   << (e.where.empty() || e.where == path ? "" : " (" + e.where + ")") << "\n";
            status = exit_code_for(e.code);
            continue;
        }
        if (json) {
            io.out << read::to_json(*record, pretty) << "\n";
        } else {
            if (files.size() > 1) io.out << "== " << path << " ==\n";
            io.out << record_summary(*record) << (files.size() > 1 ? "\n" : "");
        }
    }
    return status;
}

}  // namespace dondoc::cli
