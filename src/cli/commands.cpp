#include "cli/commands.h"

#include <iostream>

#include "cli/cli_support.h"
#include "cli/exit_codes.h"
#include "cli/remind.h"

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
    "\n"
    "Sổ theo dõi (mặc định tệp dondoc.db, hoặc --db TỆP|postgresql://…, hoặc biến DONDOC_DB):\n"
    "  init [--demo]                      tạo sổ; --demo nạp danh mục đơn vị Quảng Ngãi\n"
    "  units import TỆP.csv | export | list [--parent MÃ] | show MÃ\n"
    "  units merge MÃ_CŨ MÃ_MỚI --on NGÀY  sáp nhập: chuyển nhiệm vụ chưa xong sang đơn vị mới\n"
    "  units map \"TÊN\" MÃ... [--issuer MÃ]  ghi nhớ tên trong văn bản ứng với đơn vị nào\n"
    "  ingest TỆP... [--confirm] [--received NGÀY]   vào sổ văn bản và đề xuất nhiệm vụ\n"
    "  docs list | show SỐ_KÝ_HIỆU | search TỪ_KHÓA\n"
    "  tasks list [--unit MÃ] [--status …] [--as-of NGÀY] [--directive SỐ]\n"
    "  tasks accept --directive SỐ        xác nhận các nhiệm vụ đề xuất của một văn bản\n"
    "  tasks import TỆP.csv|TỆP.xlsx [--sheet TÊN] [--apply] [--map TIÊU_ĐỀ=trường]\n"
    "               [--status-map TỪ=trạng_thái]\n"
    "                                     nhập sổ nhiệm vụ từ Excel/CSV (mặc định: chạy thử)\n"
    "  tasks export [--as-of NGÀY] [--output TỆP.csv|TỆP.xlsx]   xuất sổ nhiệm vụ (đọc lại được "
    "bằng import)\n"
    "  tasks list --unit MÃ --output TỆP.xlsx   danh sách nhiệm vụ của một đơn vị ra Excel\n"
    "  task show|accept|progress|done|confirm|return|extend|approve|reject MÃ …\n"
    "  task link MÃ MÃ_CHA      nhiệm vụ con của một nhiệm vụ (tổng hợp tiến độ lên trên)\n"
    "  cascade SỐ_KÝ_HIỆU                 văn bản cấp trên và các văn bản triển khai\n"
    "  scoreboard [--as-of] [--from --to] [--unit MÃ]\n"
    "  scorecard --period 2024-Q2|2024-H1|2024 [--unit MÃ] [--output TỆP.xlsx|TỆP.docx]\n"
    "                                     kết quả theo quý, 6 tháng, năm (bảng, Excel, báo cáo)\n"
    "\n"
    "Dự thảo văn bản (DOCX theo thể thức Nghị định 30/2020):\n"
    "  draft implement SỐ_KÝ_HIỆU [--as MÃ] [--to MÃ]...   công văn triển khai văn bản cấp trên\n"
    "  draft urge --unit MÃ... [--as-of NGÀY]               công văn đôn đốc nhiệm vụ quá hạn\n"
    "  draft report --period KỲ | --from NGÀY --to NGÀY     báo cáo kết quả định kỳ\n"
    "  draft urge … --record [--number SỐ]   ghi luôn công văn đôn đốc vào sổ theo dõi đôn đốc\n"
    "\n"
    "Sổ theo dõi đôn đốc (nhắc nhở, đôn đốc, phê bình, kiểm điểm):\n"
    "  enforce add --kind nhac-nho|don-doc|phe-binh|kiem-diem --date NGÀY [--number SỐ]\n"
    "              [--by MÃ] [--unit MÃ]... [--task MÃ]... [--document SỐ_KÝ_HIỆU] [--note …]\n"
    "  enforce list [--unit MÃ] [--kind LOẠI] [--period KỲ] [--json]\n"
    "  enforce edit MÃ [--number SỐ] [--date NGÀY] [--note …]   điền số, ngày khi văn bản đã ký\n"
    "\n"
    "Máy chủ và tài khoản:\n"
    "  serve [--listen 127.0.0.1:8080] [--threads N] [--web THƯ_MỤC | --no-web]\n"
    "               chạy API HTTP/JSON và giao diện web (N vòng xử lý, mặc định: số lõi)\n"
    "        [--db-memory 96]      MiB bộ nhớ đệm trang sổ của máy chủ (chia cho các vòng)\n"
    "        [--remind-at 07:00] [--remind-days 3] [--no-remind] [--smtp URL --mail-from ĐỊA_CHỈ]\n"
    "               nhắc hạn mỗi ngày (trong ứng dụng và qua thư điện tử)\n"
    "  remind [--as-of NGÀY] [--days 3] [--smtp smtp://MÁY:CỔNG] [--mail-from ĐỊA_CHỈ]\n"
    "         [--dry-run] [--json]       nhắc hạn nhiệm vụ sắp đến hạn, đến hạn, quá hạn (cron)\n"
    "  user add TÊN --role VAI_TRÒ --unit MÃ [--email ĐỊA_CHỈ] | passwd | disable | enable | list\n"
    "       | email TÊN ĐỊA_CHỈ|--none | token TÊN --name …\n"
    "  audit [--limit N] [--json]         nhật ký thay đổi\n"
    "  db copy --from NGUỒN --to ĐÍCH     chuyển cả sổ giữa tệp SQLite và PostgreSQL (xem\n"
    "                                     docs/province.md)\n"
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
    if (args[0] == "remind") return run_remind(rest, io);
    if (const int code = run_register_command(args[0], rest, io); code != -1) return code;
    if (const int code = run_server_command(args[0], rest, io); code != -1) return code;
    if (const int code = run_db_command(args[0], rest, io); code != -1) return code;
    if (const int code = run_office_command(args[0], rest, io); code != -1) return code;
    if (const int code = run_enforce_command(args[0], rest, io); code != -1) return code;
    io.err << "dondoc: lệnh không có: '" << args[0] << "'\n\n" << k_usage;
    return k_exit_usage;
}

}  // namespace dondoc::cli
