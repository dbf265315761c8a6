// The JSON state dump of --dump-state: objects with their facts and decoded values, regions
// with their bytes in hex, and the pairs of names that share memory.
#pragma once

#include <nlohmann/json.hpp>

#include "core/format/format_codec.h"
#include "core/edit/memory_provider.h"
#include "core/snapshot.h"

namespace bufferlab {

// Above this many elements an object's values are left out of the dump (and the reason given),
// so a 100 MB buffer does not turn into gigabytes of JSON.
constexpr std::int64_t kMaxDumpedValues = std::int64_t{1} << 22;
// Bytes of each region written as hex.
constexpr std::int64_t kMaxDumpedHexBytes = 65536;

// A decoded value as JSON: numbers, true/false, "nan"/"inf"/"-inf", [re, im] for complex,
// the Python repr for bytes (b'A'), the character for text, a list for a multi-field element.
nlohmann::ordered_json value_to_json(const Value& value);

nlohmann::ordered_json state_to_json(const Snapshot& snapshot, MemoryProvider& memory);

}  // namespace bufferlab
