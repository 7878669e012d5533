// The web UI's built files (web/dist: index.html and hashed assets/) served
// next to the API. GET and HEAD only; a path is mapped onto the root folder
// segment by segment, refusing "..", ".", hidden names, backslashes, NUL and
// anything that resolves (through symbolic links) outside the root, so a
// request can never read another file of the machine. A path without a file
// extension that names no file is a client-side route of the single-page
// app: it gets index.html. Hashed assets (assets/…) are cached for a year,
// index.html is revalidated every time.
//
// Files are read from disk at each request (the folder is small and may be
// rebuilt while the server runs). Text files of 1 KiB or more go gzipped to a
// client that accepts it (a province's offices reach one server over their
// network: the first screen's script is a third of its size gzipped); each
// file's compressed copy is made once per version of the file (its size and
// time), the assets' when the folder is opened, and kept in memory.
// Thread-safe: copies share the compressed copies, behind a lock.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "base/error.h"
#include "http/server.h"

namespace dondoc::http {

class StaticFiles {
  public:
    // The folder must exist and hold index.html; errors: not_found.
    static Result<StaticFiles> open(const std::filesystem::path& root);

    // The built UI next to this program: `web/dist` in the source tree the
    // binary was built in (build/<flavour>/src/cli/dondoc → web/dist), or
    // `share/dondoc/web` beside an installed bin/. nullopt when none exists.
    static std::optional<std::filesystem::path> find_next_to(const std::filesystem::path& program);

    // Whether this request is for the UI rather than the API: a GET or HEAD
    // whose path does not start with /api/.
    [[nodiscard]] static bool wants(const Request& request);

    // The file, index.html for a client-side route, or 404/405.
    [[nodiscard]] Response serve(const Request& request) const;

    [[nodiscard]] const std::filesystem::path& root() const { return m_root; }

  private:
    struct GzipCache;
    explicit StaticFiles(std::filesystem::path root);
    std::filesystem::path m_root;  // canonical
    std::shared_ptr<GzipCache> m_gzip;
};

// The Content-Type of a file name by its extension ("application/octet-stream"
// when unknown).
std::string content_type_for(const std::string& file_name);

}  // namespace dondoc::http
