// Builds a Snapshot from a namespace (acquires each buffer, copies its facts, releases it) and
// finds a listed name's object again later: the snapshot keeps names, never references.
#pragma once

#include <string>

#include "core/snapshot.h"
#include "core/py/py_ref.h"

namespace bufferlab::py {

// Flags used for every read-only export the app takes: format, shape, strides and suboffsets.
constexpr int kReadFlags = PyBUF_FULL_RO;
// The same, writable.
constexpr int kWriteFlags = PyBUF_FULL;

// Copies the facts of an export (the pointer as an address only).
BufferFacts facts_of(const Py_buffer& view);

// type(object).__name__ (the last part of tp_name).
std::string short_type_name(PyObject* object);

// Every top-level name of `namespace_dict` (not modules, functions, classes or names starting
// with '_') whose value exports a buffer; names whose value offers the protocol but refuses an
// export go to Snapshot::not_shown with the reason. No reference outlives the call. Call with
// the GIL held.
Snapshot build_snapshot(PyObject* namespace_dict);

// The object bound to `name` (exact, as SnapshotObject::name holds it) in `namespace_dict`, or
// none. Runs no Python code: keys are compared as strings, never through __eq__ or __hash__.
// Call with the GIL held.
PyRef lookup_name(PyObject* namespace_dict, const std::string& name);

}  // namespace bufferlab::py
