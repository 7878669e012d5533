#include "cli/commands.h"

#include <iostream>

#include "cli/exit_codes.h"

namespace dondoc::cli {
namespace {

constexpr const char* k_usage =
    "dondoc — theo dõi việc thực hiện văn bản chỉ đạo\n"
    "\n"
    "Cách dùng: dondoc LỆNH [THAM SỐ...]\n"
    "\n"
    "Các lệnh:\n"
    "  parse TỆP... [--json] [--pretty]   đọc văn bản, in bản ghi (số, ngày, trích yếu,\n"
    "                                     nơi nhận, văn bản dẫn, nhiệm vụ, thời hạn, người ký)\n"
    "  help                               in hướng dẫn này\n"
    "\n"
    "Xem README.md để biết thêm.\n";

}  // namespace

int run(const std::vector<std::string>& args, Io io) {
    if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
        (args.empty() ? io.err : io.out) << k_usage;
        return args.empty() ? k_exit_usage : k_exit_ok;
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (args[0] == "parse") return run_parse(rest, io);
    io.err << "dondoc: lệnh không có: '" << args[0] << "'\n\n" << k_usage;
    return k_exit_usage;
}

}  // namespace dondoc::cli
