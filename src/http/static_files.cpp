// Static files: a request path becomes a file under the root only through
// checked segments, and the resolved file must still lie under the root
// (symbolic links included) before a byte of it is read.
#include "http/static_files.h"

#include <sodium.h>
#include <zlib.h>

#include <array>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <utility>

#include "text/normalize.h"

namespace dondoc::http {
namespace {

namespace fs = std::filesystem;

// Files larger than this are not served (the built UI's largest is far below).
constexpr std::uintmax_t k_max_file = std::uintmax_t{16} << 20;

// Smaller files gain too little from compression to be worth it.
constexpr std::size_t k_min_gzip = 1024;

bool compressible(std::string_view content_type) {
    return content_type.rfind("text/", 0) == 0 ||
           content_type.find("javascript") != std::string_view::npos ||
           content_type.find("json") != std::string_view::npos ||
           content_type.rfind("image/svg+xml", 0) == 0;
}

bool same_letters(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

// Whether Accept-Encoding lists gzip without refusing it ("gzip;q=0").
bool accepts_gzip(const Request& request) {
    const std::string value = request.header("accept-encoding");
    std::string_view rest = value;
    while (!rest.empty()) {
        const std::size_t comma = rest.find(',');
        const std::string_view item = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        const std::size_t semicolon = item.find(';');
        if (!same_letters(text::trim(item.substr(0, semicolon)), "gzip")) continue;
        if (semicolon == std::string_view::npos) return true;
        std::string_view q = text::trim(item.substr(semicolon + 1));
        if (q.rfind("q=", 0) != 0 && q.rfind("Q=", 0) != 0) return true;
        q.remove_prefix(2);
        return q.find_first_not_of("0.") != std::string_view::npos;  // q=0, 0.0, 0.000: no
    }
    return false;
}

// The gzip stream of `data` (zlib, level 6); nullopt if zlib fails.
std::optional<std::string> gzipped(std::string_view data) {
    z_stream z{};
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return std::nullopt;
    const auto end = [](z_stream* stream) { deflateEnd(stream); };
    const std::unique_ptr<z_stream, decltype(end)> ended(&z, end);
    std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
    // zlib's interface takes non-const pointers; it does not write the input.
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    if (deflate(&z, Z_FINISH) != Z_STREAM_END) return std::nullopt;
    out.resize(z.total_out);
    return out;
}

Response plain(int status, std::string_view text) {
    Response r;
    r.status = status;
    r.content_type = "text/plain; charset=utf-8";
    r.body = std::string(text);
    return r;
}

// The page's Content-Security-Policy: its own files only, and the inline
// scripts it holds by their SHA-256 (index.html asks for the dashboard's
// answers before its bundle loads), so that no other inline script runs.
// Mantine sets inline styles.
std::string content_security_policy(std::string_view html) {
    static const bool hashing = sodium_init() >= 0;  // idempotent; else no inline script runs
    std::string scripts;
    for (std::size_t at = hashing ? html.find("<script") : std::string_view::npos;
         at != std::string_view::npos; at = html.find("<script", at + 1)) {
        const std::size_t tag_end = html.find('>', at);
        if (tag_end == std::string_view::npos) break;
        const std::string_view tag = html.substr(at, tag_end - at);
        const std::size_t end = html.find("</script>", tag_end);
        if (end == std::string_view::npos) break;
        if (tag.find(" src=") != std::string_view::npos) continue;
        const std::string_view code = html.substr(tag_end + 1, end - tag_end - 1);
        std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
        crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(code.data()),
                           code.size());
        std::array<char, sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES,
                                                   sodium_base64_VARIANT_ORIGINAL)>
            base64{};
        sodium_bin2base64(base64.data(), base64.size(), digest.data(), digest.size(),
                          sodium_base64_VARIANT_ORIGINAL);
        scripts += " 'sha256-";
        scripts += base64.data();
        scripts += '\'';
    }
    std::string policy = "default-src 'self'; ";
    if (!scripts.empty()) {
        policy += "script-src 'self'";
        policy += scripts;
        policy += "; ";
    }
    policy +=
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; "
        "base-uri 'none'; frame-ancestors 'none'";
    return policy;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Percent-decodes one path segment; nullopt on a broken escape.
std::optional<std::string> decode_segment(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out.push_back(s[i]);
            continue;
        }
        if (i + 2 >= s.size()) return std::nullopt;
        const int hi = hex_value(s[i + 1]);
        const int lo = hex_value(s[i + 2]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
    }
    return out;
}

// A segment that may name a file or folder: not empty, not hidden (which
// also excludes "." and ".."), no separator or control character.
bool safe_segment(const std::string& s) {
    if (s.empty() || s.front() == '.') return false;
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '/' || c == '\\' || c == ':' || u < 0x20 || u == 0x7f) return false;
    }
    return true;
}

// Whether `path` (canonical) is `root` or lies under it.
bool inside(const fs::path& root, const fs::path& path) {
    auto r = root.begin();
    auto p = path.begin();
    for (; r != root.end(); ++r, ++p)
        if (p == path.end() || *r != *p) return false;
    return true;
}

std::optional<std::string> read_file(const fs::path& path) {
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec || size > k_max_file) return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream out;
    out << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return std::move(out).str();
}

}  // namespace

std::string content_type_for(const std::string& file_name) {
    static const std::array<std::pair<std::string_view, std::string_view>, 14> types{{
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},
        {".woff", "font/woff"},
        {".txt", "text/plain; charset=utf-8"},
        {".map", "application/json; charset=utf-8"},
        {".webmanifest", "application/manifest+json"},
    }};
    const std::string ext = fs::path(file_name).extension().string();
    for (const auto& [suffix, type] : types)
        if (ext == suffix) return std::string(type);
    return "application/octet-stream";
}

// Compressed copies by file, each for one version of the file.
struct StaticFiles::GzipCache {
    struct Entry {
        std::uintmax_t size = 0;
        fs::file_time_type modified;
        std::string gzip;
    };
    std::mutex mutex;
    std::map<std::string, Entry> entries;

    // The gzip of `file`, whose bytes are `body`; made once per version.
    std::optional<std::string> get(const fs::path& file, std::string_view body) {
        std::error_code ec;
        const auto modified = fs::last_write_time(file, ec);
        if (ec) return std::nullopt;
        const std::lock_guard lock(mutex);
        auto& entry = entries[file.string()];
        if (entry.gzip.empty() || entry.size != body.size() || entry.modified != modified) {
            auto packed = gzipped(body);
            if (!packed) return std::nullopt;
            entry = Entry{body.size(), modified, std::move(*packed)};
        }
        return entry.gzip;
    }
};

StaticFiles::StaticFiles(fs::path root)
    : m_root(std::move(root)), m_gzip(std::make_shared<GzipCache>()) {
    // The hashed assets' compressed copies now, not on the first visit.
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(m_root / "assets", ec)) {
        if (!entry.is_regular_file(ec) || entry.file_size(ec) < k_min_gzip ||
            !compressible(content_type_for(entry.path().filename().string())))
            continue;
        if (auto body = read_file(entry.path())) m_gzip->get(entry.path(), *body);
    }
}

Result<StaticFiles> StaticFiles::open(const fs::path& root) {
    std::error_code ec;
    const fs::path canonical = fs::canonical(root, ec);
    if (ec || !fs::is_regular_file(canonical / "index.html", ec))
        return make_error(ErrorCode::not_found,
                          "không thấy giao diện web (index.html) trong thư mục này", root.string());
    return StaticFiles(canonical);
}

std::optional<fs::path> StaticFiles::find_next_to(const fs::path& program) {
    std::error_code ec;
    fs::path dir = fs::canonical(program, ec).parent_path();
    if (ec) return std::nullopt;
    for (int up = 0; up < 6 && !dir.empty(); ++up) {
        for (const fs::path& candidate : {dir / "web" / "dist", dir / "share" / "dondoc" / "web"})
            if (fs::is_regular_file(candidate / "index.html", ec)) return candidate;
        if (dir == dir.parent_path()) break;
        dir = dir.parent_path();
    }
    return std::nullopt;
}

bool StaticFiles::wants(const Request& request) {
    if (request.method != "GET" && request.method != "HEAD") return false;
    const std::string_view target = request.target;
    return target != "/api" && target.rfind("/api/", 0) != 0 && target.rfind("/api?", 0) != 0;
}

Response StaticFiles::serve(const Request& request) const {
    if (request.method != "GET" && request.method != "HEAD") {
        Response r = plain(405, "Phương thức không được phép.");
        r.headers.emplace_back("Allow", "GET, HEAD");
        return r;
    }
    std::string_view path = request.target;
    path = path.substr(0, path.find_first_of("?#"));
    if (path.empty() || path.front() != '/') return plain(400, "Đường dẫn không hợp lệ.");

    // Segment by segment; an empty path (or a trailing slash) is index.html.
    // A segment that cannot name a file (an encoded '/', "..", a hidden
    // name) makes the path a client-side route at most: the app's own
    // addresses carry notations such as 981%2FUBND.
    fs::path relative;
    bool last_has_extension = false;
    bool file_name = true;
    std::size_t start = 1;
    while (start <= path.size()) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        const std::string_view raw = path.substr(start, end - start);
        start = end + 1;
        if (raw.empty()) {
            if (end == path.size()) break;  // trailing slash
            file_name = false;
            continue;
        }
        auto segment = decode_segment(raw);
        const std::string_view shown = segment ? std::string_view(*segment) : raw;
        last_has_extension = shown.find('.') != std::string_view::npos;
        if (!segment || !safe_segment(*segment)) {
            file_name = false;
            continue;
        }
        relative /= *segment;
    }

    std::error_code ec;
    fs::path file = m_root / relative;
    // A path that names no file is a client-side route (/nhiem-vu/12) and
    // gets the app; a missing asset (a name with an extension) is 404.
    const bool folder = file_name && (relative.empty() || fs::is_directory(file, ec));
    const bool fallback = !folder && (!file_name || !fs::is_regular_file(file, ec));
    if (fallback && last_has_extension) return plain(404, "Không có tệp này.");
    if (folder) file /= "index.html";
    if (fallback) file = m_root / "index.html";
    const fs::path canonical = fs::canonical(file, ec);
    if (ec || !inside(m_root, canonical) || !fs::is_regular_file(canonical, ec))
        return plain(404, "Không có tệp này.");
    auto body = read_file(canonical);
    if (!body) return plain(500, "Không đọc được tệp.");

    Response r;
    r.content_type = content_type_for(canonical.filename().string());
    const bool hashed =
        !fallback && relative.begin() != relative.end() && *relative.begin() == "assets";
    r.headers.emplace_back("Cache-Control",
                           hashed ? "public, max-age=31536000, immutable" : "no-cache");
    if (r.content_type.rfind("text/html", 0) == 0) {
        r.headers.emplace_back("Content-Security-Policy", content_security_policy(*body));
        r.headers.emplace_back("Referrer-Policy", "same-origin");
    }
    if (compressible(r.content_type)) {
        r.headers.emplace_back("Vary", "Accept-Encoding");
        if (body->size() >= k_min_gzip && accepts_gzip(request)) {
            if (auto packed = m_gzip->get(canonical, *body)) {
                r.headers.emplace_back("Content-Encoding", "gzip");
                body = std::move(packed);
            }
        }
    }
    r.body = std::move(*body);  // the server leaves it out of a HEAD's answer
    return r;
}

}  // namespace dondoc::http
