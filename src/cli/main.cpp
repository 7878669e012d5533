// The `dondoc` program: a thin shell around cli::run.
#include <exception>
#include <iostream>

#include "cli/commands.h"
#include "store/repository.h"

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    // The server's loops would contend on SQLite's count of its memory.
    dondoc::store::stop_counting_sqlite_memory();
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        return dondoc::cli::run(args, dondoc::cli::Io{std::cin, std::cout, std::cerr});
    } catch (const std::exception& e) {
        // A bug, not bad input: say so plainly.
        std::cerr << "dondoc: lỗi nội bộ: " << e.what() << "\n";
        return 70;
    }
}
