// The web UI's static files: content types, cache headers, the single-page
// app's fallback, and no way out of the root folder (.., encoded .., hidden
// names, symbolic links, backslashes, NUL).
#include "http/static_files.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "client.h"
#include "http/server.h"

namespace dondoc::http {
namespace {

namespace fs = std::filesystem;

void write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

std::string header_of(const Response& r, const std::string& name) {
    for (const auto& [n, v] : r.headers)
        if (n == name) return v;
    return "";
}

// The bytes a gzip stream stands for ("" if it is not one).
std::string gunzipped(const std::string& packed) {
    z_stream z{};
    if (inflateInit2(&z, 15 + 16) != Z_OK) return "";
    std::string out(packed.size() * 20 + 64, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
    z.avail_in = static_cast<uInt>(packed.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = inflate(&z, Z_FINISH);
    out.resize(z.total_out);
    inflateEnd(&z);
    return rc == Z_STREAM_END ? out : "";
}

class StaticFilesTest : public ::testing::Test {
  protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("dondoc-static-" + std::to_string(::getpid()) + "-" +
                                             std::to_string(std::random_device{}()));
        write(m_dir / "secret.txt", "BÍ MẬT");
        write(m_dir / "dist" / "index.html", "<!doctype html><title>dondoc</title>");
        write(m_dir / "dist" / "assets" / "index-Ab12.js", "console.log('xin chào')");
        write(m_dir / "dist" / "assets" / "index-Cd34.css", "body{}");
        write(m_dir / "dist" / "favicon.svg", "<svg/>");
        write(m_dir / "dist" / ".env", "TOKEN=x");
        fs::create_symlink(m_dir / "secret.txt", m_dir / "dist" / "link.txt");
        fs::create_directory_symlink(m_dir, m_dir / "dist" / "up");
        auto files = StaticFiles::open(m_dir / "dist");
        ASSERT_TRUE(files.ok()) << files.error().message;
        m_files.emplace(std::move(*files));
    }
    void TearDown() override { fs::remove_all(m_dir); }

    Response get(const std::string& target, const std::string& method = "GET",
                 const std::string& accept_encoding = "") {
        Request r;
        r.method = method;
        r.target = target;
        if (!accept_encoding.empty()) r.headers.emplace_back("accept-encoding", accept_encoding);
        return m_files->serve(r);
    }

    fs::path m_dir;
    std::optional<StaticFiles> m_files;
};

TEST_F(StaticFilesTest, ServesFilesWithTheirTypesAndCacheHeaders) {
    auto index = get("/");
    EXPECT_EQ(index.status, 200);
    EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
    EXPECT_EQ(index.body, "<!doctype html><title>dondoc</title>");
    EXPECT_EQ(header_of(index, "Cache-Control"), "no-cache");
    EXPECT_NE(header_of(index, "Content-Security-Policy").find("default-src 'self'"),
              std::string::npos);

    // No inline script: none may run.
    EXPECT_EQ(header_of(index, "Content-Security-Policy").find("script-src"), std::string::npos);

    auto js = get("/assets/index-Ab12.js");
    EXPECT_EQ(js.status, 200);
    EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
    EXPECT_EQ(js.body, "console.log('xin chào')");
    EXPECT_EQ(header_of(js, "Cache-Control"), "public, max-age=31536000, immutable");

    auto css = get("/assets/index-Cd34.css?v=1");
    EXPECT_EQ(css.status, 200);
    EXPECT_EQ(css.content_type, "text/css; charset=utf-8");
    auto svg = get("/favicon.svg");
    EXPECT_EQ(svg.content_type, "image/svg+xml");
    EXPECT_EQ(header_of(svg, "Cache-Control"), "no-cache");

    // The same answer as the GET: the server leaves the body out of a HEAD's
    // (Server.AHeadIsAnsweredWithTheGetsLengthAndNoBody).
    auto head = get("/assets/index-Ab12.js", "HEAD");
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.body, get("/assets/index-Ab12.js").body);
    EXPECT_EQ(get("/", "POST").status, 405);
}

TEST_F(StaticFilesTest, TextFilesGoGzippedToAClientThatAcceptsIt) {
    std::string script;
    for (int i = 0; i < 200; ++i)
        script += "console.log('Tổng quan tình hình thực hiện " + std::to_string(i) + "');\n";
    write(m_dir / "dist" / "assets" / "app-Ef56.js", script);
    write(m_dir / "dist" / "assets" / "logo-Aa11.png", std::string(4096, '\x7f'));

    auto packed = get("/assets/app-Ef56.js", "GET", "gzip, deflate, br, zstd");
    EXPECT_EQ(packed.status, 200);
    EXPECT_EQ(header_of(packed, "Content-Encoding"), "gzip");
    EXPECT_EQ(header_of(packed, "Vary"), "Accept-Encoding");
    EXPECT_LT(packed.body.size(), script.size() / 4);
    EXPECT_EQ(gunzipped(packed.body), script);
    EXPECT_EQ(gunzipped(get("/assets/app-Ef56.js", "GET", "br;q=1.0, GZIP;q=0.5").body), script);

    // Not asked for, refused, or not worth it: the file as it is.
    for (const std::string refused : {"", "br", "gzip;q=0", "gzip; q=0.000", "deflate, x-gzip"}) {
        auto plain_file = get("/assets/app-Ef56.js", "GET", refused);
        EXPECT_EQ(header_of(plain_file, "Content-Encoding"), "") << refused;
        EXPECT_EQ(plain_file.body, script) << refused;
        EXPECT_EQ(header_of(plain_file, "Vary"), "Accept-Encoding") << refused;
    }
    auto small = get("/assets/index-Ab12.js", "GET", "gzip");
    EXPECT_EQ(header_of(small, "Content-Encoding"), "");
    EXPECT_EQ(small.body, "console.log('xin chào')");
    auto image = get("/assets/logo-Aa11.png", "GET", "gzip");
    EXPECT_EQ(header_of(image, "Content-Encoding"), "");
    EXPECT_EQ(image.body.size(), 4096U);

    // A rebuilt file is compressed anew.
    script += "console.log('mới');\n";
    write(m_dir / "dist" / "assets" / "app-Ef56.js", script);
    EXPECT_EQ(gunzipped(get("/assets/app-Ef56.js", "GET", "gzip").body), script);
}

TEST_F(StaticFilesTest, ClientSideRoutesGetTheAppAndMissingAssetsAre404) {
    for (const std::string target : {"/tasks/12", "/van-ban/981%2FUBND", "/dashboard?as_of=1",
                                     "/don-vi/530-tckh", "/van-ban/%2FUBND-TH"}) {
        auto r = get(target);
        EXPECT_EQ(r.status, 200) << target;
        EXPECT_EQ(r.content_type, "text/html; charset=utf-8") << target;
        EXPECT_EQ(header_of(r, "Cache-Control"), "no-cache") << target;
    }
    EXPECT_EQ(get("/assets/index-Zz99.js").status, 404);
    EXPECT_EQ(get("/missing.css").status, 404);
}

TEST_F(StaticFilesTest, NoPathLeavesTheRoot) {
    for (const std::string target :
         {"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/assets/../../secret.txt",
          "/assets/%2e%2e/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt", "/..%5csecret.txt",
          "/assets\\..\\..\\secret.txt", "/link.txt", "/up/secret.txt", "/.env", "/%2eenv",
          "/assets/index-Ab12.js%00.html", "//secret.txt", "/assets//index-Ab12.js", "/%zz", "/%2",
          "relative.txt", ""}) {
        // Never the file outside: a 404, or at most the app itself.
        auto r = get(target);
        EXPECT_TRUE(r.status == 404 || r.status == 400 ||
                    (r.status == 200 && r.body == "<!doctype html><title>dondoc</title>"))
            << target << " → " << r.status;
        EXPECT_EQ(r.body.find("BÍ MẬT"), std::string::npos) << target;
        EXPECT_EQ(r.body.find("TOKEN"), std::string::npos) << target;
    }
}

TEST_F(StaticFilesTest, OnlyNonApiReadsAreForTheUi) {
    auto wants = [](const std::string& method, const std::string& target) {
        Request r;
        r.method = method;
        r.target = target;
        return StaticFiles::wants(r);
    };
    EXPECT_TRUE(wants("GET", "/"));
    EXPECT_TRUE(wants("GET", "/tasks/2"));
    EXPECT_TRUE(wants("HEAD", "/assets/x.js"));
    EXPECT_TRUE(wants("GET", "/apix"));
    EXPECT_FALSE(wants("GET", "/api/tasks"));
    EXPECT_FALSE(wants("GET", "/api"));
    EXPECT_FALSE(wants("POST", "/"));
    EXPECT_FALSE(wants("POST", "/api/login"));
}

TEST_F(StaticFilesTest, OpenNeedsAnIndexAndFindsTheBuiltUiNextToTheProgram) {
    EXPECT_FALSE(StaticFiles::open(m_dir / "nowhere").ok());
    EXPECT_FALSE(StaticFiles::open(m_dir / "dist" / "assets").ok());
    // build/release/src/cli/dondoc in a tree with web/dist.
    write(m_dir / "tree" / "web" / "dist" / "index.html", "x");
    write(m_dir / "tree" / "build" / "release" / "src" / "cli" / "dondoc", "");
    auto found =
        StaticFiles::find_next_to(m_dir / "tree" / "build" / "release" / "src" / "cli" / "dondoc");
    ASSERT_TRUE(found);
    EXPECT_EQ(fs::canonical(*found), fs::canonical(m_dir / "tree" / "web" / "dist"));
    write(m_dir / "lonely" / "bin" / "dondoc", "");
    EXPECT_FALSE(StaticFiles::find_next_to(m_dir / "lonely" / "bin" / "dondoc"));
}

TEST_F(StaticFilesTest, ARealServerAnswersTheUiAndTheApiSideBySide) {
    ServerOptions options;
    options.port = 0;
    auto server = Server::create(options, [this](const Request& r) {
        if (StaticFiles::wants(r)) return m_files->serve(r);
        Response api;
        api.body = R"({"api":true})";
        return api;
    });
    ASSERT_TRUE(server.ok());
    std::thread thread([&] { (*server)->run(); });
    const auto port = (*server)->port();
    auto page = testing::request(port, "GET", "/tasks/3");
    EXPECT_EQ(page.status, 200);
    EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
    EXPECT_EQ(page.body, "<!doctype html><title>dondoc</title>");
    auto asset = testing::request(port, "GET", "/assets/index-Ab12.js");
    EXPECT_EQ(asset.header("cache-control"), "public, max-age=31536000, immutable");
    auto escape = testing::request(port, "GET", "/..%2fsecret.txt");
    EXPECT_EQ(escape.status, 404);
    EXPECT_EQ(escape.body.find("BÍ MẬT"), std::string::npos);
    auto api = testing::request(port, "GET", "/api/health");
    EXPECT_EQ(api.body, R"({"api":true})");
    (*server)->stop();
    thread.join();
}

// The page's inline script (it asks for the dashboard's answers before the
// bundle loads) runs by its SHA-256 in the policy, and only it: the module
// script is the page's own file, a changed inline script is another hash.
TEST_F(StaticFilesTest, AnInlineScriptIsAllowedByItsHashOnly) {
    write(m_dir / "dist" / "index.html",
          "<!doctype html><head><script>window.early = 1;</script>"
          "<script type=\"module\" crossorigin src=\"/assets/index-Ab12.js\"></script></head>");
    for (const std::string target : {"/", "/nhiem-vu/12"}) {
        auto page = get(target);
        ASSERT_EQ(page.status, 200) << target;
        EXPECT_EQ(header_of(page, "Content-Security-Policy"),
                  "default-src 'self'; script-src 'self' "
                  "'sha256-py00WdQ/C3XAckY034AGJ6achcnvjjDNR2tu11bZabs='; style-src 'self' "
                  "'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                  "frame-ancestors 'none'")
            << target;
    }
    write(m_dir / "dist" / "index.html", "<script>window.early = 2;</script>");
    EXPECT_EQ(header_of(get("/"), "Content-Security-Policy")
                  .find("py00WdQ/C3XAckY034AGJ6achcnvjjDNR2tu11bZabs="),
              std::string::npos);
}

}  // namespace
}  // namespace dondoc::http
