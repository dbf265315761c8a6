// Builds a Snapshot from a namespace: acquires each buffer, copies its facts, releases it.
#pragma once

#include <vector>

#include "core/snapshot.h"
#include "core/py/py_ref.h"

namespace bufferlab::py {

// Flags used for every read-only export the app takes: format, shape, strides and suboffsets.
constexpr int kReadFlags = PyBUF_FULL_RO;
// The same, writable.
constexpr int kWriteFlags = PyBUF_FULL;

// Copies the facts of an export (the pointer as an address only).
BufferFacts facts_of(const Py_buffer& view);

// Every top-level name of `namespace_dict` (not modules, functions, classes or names starting
// with '_') whose value exports a buffer. `objects` receives a strong reference per snapshot
// object, in the same order. Call with the GIL held.
Snapshot build_snapshot(PyObject* namespace_dict, std::vector<PyRef>& objects);

}  // namespace bufferlab::py
