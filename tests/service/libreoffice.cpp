#include "libreoffice.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace dondoc::testing {

Result<std::string> libreoffice_pdf(const std::string& bytes, const std::string& extension) {
    if (std::system("command -v soffice >/dev/null 2>&1") != 0)
        return make_error(ErrorCode::io_error, "soffice is not installed (run scripts/setup)");
    std::string pattern = (std::filesystem::temp_directory_path() / "dondoc-lo-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr)
        return make_error(ErrorCode::io_error, "no temporary folder");
    const std::filesystem::path dir = pattern;
    const std::filesystem::path input = dir / ("draft." + extension);
    {
        std::ofstream out(input, std::ios::binary);
        out << bytes;
    }
    const std::string command =
        "soffice --headless --norestore --nolockcheck "
        "-env:UserInstallation=file://" +
        (dir / "profile").string() + " --convert-to pdf --outdir " + dir.string() + " " +
        input.string() + " >" + (dir / "log").string() + " 2>&1";
    const int status = std::system(command.c_str());
    std::ifstream pdf(dir / "draft.pdf", std::ios::binary);
    std::ostringstream out;
    out << pdf.rdbuf();
    std::ifstream log(dir / "log");
    std::ostringstream log_text;
    log_text << log.rdbuf();
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
    if (status != 0 || out.str().rfind("%PDF-", 0) != 0)
        return make_error(ErrorCode::io_error, "LibreOffice did not convert the file",
                          log_text.str());
    return out.str();
}

}  // namespace dondoc::testing
