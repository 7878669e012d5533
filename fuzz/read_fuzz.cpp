// Fuzz target: the reader must never crash, hang or trip a sanitizer, whatever
// bytes it is given; invalid input must come back as an error value.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "read/reader.h"
#include "read/record_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    auto record = dondoc::read::read_document(input);
    if (record.ok()) {
        const std::string json = dondoc::read::to_json(*record);
        if (json.empty()) __builtin_trap();
    }
    return 0;
}
