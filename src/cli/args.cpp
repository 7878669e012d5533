#include "cli/args.h"

namespace dondoc::cli {

Result<Args> Args::parse(const std::vector<std::string>& args, const std::set<std::string>& options,
                         const std::set<std::string>& flags) {
    Args out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.size() > 2 && a.starts_with("--")) {
            std::string name = a.substr(2);
            std::optional<std::string> inline_value;
            if (const auto eq = name.find('='); eq != std::string::npos) {
                inline_value = name.substr(eq + 1);
                name = name.substr(0, eq);
            }
            if (options.contains(name)) {
                if (inline_value) {
                    out.m_options[name].push_back(*inline_value);
                } else if (i + 1 < args.size()) {
                    out.m_options[name].push_back(args[++i]);
                } else {
                    return make_error(ErrorCode::invalid_input,
                                      "tùy chọn --" + name + " cần một giá trị");
                }
            } else if (flags.contains(name) && !inline_value) {
                out.m_flags.insert(name);
            } else {
                return make_error(ErrorCode::invalid_input, "tùy chọn không hợp lệ: " + a);
            }
        } else {
            out.m_positional.push_back(a);
        }
    }
    return out;
}

std::optional<std::string> Args::option(const std::string& name) const {
    auto it = m_options.find(name);
    if (it == m_options.end()) return std::nullopt;
    return it->second.back();
}

std::vector<std::string> Args::all(const std::string& name) const {
    auto it = m_options.find(name);
    if (it == m_options.end()) return {};
    return it->second;
}

}  // namespace dondoc::cli
