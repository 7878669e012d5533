// Command-line arguments: positionals, `--name value` options and `--flag`
// switches, checked against what a command accepts so a typo is an error.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/error.h"

namespace dondoc::cli {

class Args {
  public:
    // `options` take a value; `flags` do not. Unknown ones are an error.
    static Result<Args> parse(const std::vector<std::string>& args,
                              const std::set<std::string>& options,
                              const std::set<std::string>& flags);

    [[nodiscard]] const std::vector<std::string>& positional() const { return m_positional; }
    [[nodiscard]] std::optional<std::string> option(
        const std::string& name) const;  // the last given
    // Every value of an option given several times (--map A=x --map B=y).
    [[nodiscard]] std::vector<std::string> all(const std::string& name) const;
    [[nodiscard]] bool flag(const std::string& name) const { return m_flags.contains(name); }

  private:
    std::vector<std::string> m_positional;
    std::map<std::string, std::vector<std::string>> m_options;
    std::set<std::string> m_flags;
};

}  // namespace dondoc::cli
