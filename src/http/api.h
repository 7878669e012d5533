// The JSON API over the register: routes, authentication (session cookies
// with a CSRF double-submit token, or bearer tokens), roles and unit scope,
// strict input validation, the audit log, and the OpenAPI description of it
// all (GET /api/openapi.json), generated from the same route table that
// dispatches requests so that the two cannot drift apart.
//
// Not thread-safe: the server calls handle() from its one thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "domain/calendar.h"
#include "http/server.h"
#include "service/account_service.h"
#include "service/register_service.h"
#include "store/repository.h"

namespace dondoc::http {

// Limits on what a client may send.
struct ApiLimits {
    std::size_t max_json = std::size_t{256} << 10;   // a JSON body
    std::size_t max_upload = std::size_t{32} << 20;  // a file: text, DOCX, PDF, scan, sheet
    std::size_t max_page = 500;                      // items in one list page
};

class Api {
  public:
    Api(service::RegisterService& service, service::AccountService& accounts,
        store::Repository& repository, const domain::WorkingCalendar& calendar,
        ApiLimits limits = {});
    ~Api();
    Api(const Api&) = delete;
    Api& operator=(const Api&) = delete;

    Response handle(const Request& request);

    struct RouteInfo {
        std::string method;
        std::string path;  // "/api/tasks/{id}"
    };
    [[nodiscard]] std::vector<RouteInfo> routes() const;
    // The OpenAPI 3.1 document, as JSON text.
    [[nodiscard]] std::string openapi() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace dondoc::http
