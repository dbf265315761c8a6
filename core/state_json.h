// The JSON state dump of --dump-state: objects with their facts and decoded values, regions
// with their bytes in hex, and the pairs of names that share memory.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <ostream>
#include <string>

#include "core/format/format_codec.h"
#include "core/edit/memory_provider.h"
#include "core/snapshot.h"

namespace bufferlab {

// Above this many scalar values (elements times the fields of one element) an object's values
// are left out of the dump (and the reason given), so a 100 MB buffer does not turn into
// gigabytes of JSON.
constexpr std::int64_t kMaxDumpedValues = std::int64_t{1} << 22;
// Bytes of each region written as hex.
constexpr std::int64_t kMaxDumpedHexBytes = 65536;

// A decoded value as JSON: numbers, true/false, "nan"/"inf"/"-inf", [re, im] for complex,
// the Python repr for bytes (b'A'), the character for text, a list for a multi-field element.
nlohmann::ordered_json value_to_json(const Value& value);

// Streams the dump as JSON text (laid out as nlohmann's dump(1), then a newline): values are
// decoded and written one at a time, and sharing pairs made as they are written, so memory
// stays small whatever the dump's size.
void write_state_json(std::ostream& out, const Snapshot& snapshot, MemoryProvider& memory);

// Writes the dump to `path` through a temporary file in the same directory, renamed over the
// target only once complete: a failed dump leaves no truncated or empty file (and an earlier
// file of that name untouched). A device or pipe such as /dev/stdout is written directly.
// Returns why it failed.
std::optional<std::string> write_state_file(const std::string& path, const Snapshot& snapshot,
                                            MemoryProvider& memory);

// The same dump as one JSON value, for tests and small states.
nlohmann::ordered_json state_to_json(const Snapshot& snapshot, MemoryProvider& memory);

}  // namespace bufferlab
