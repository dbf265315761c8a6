// RAII for the Python C API: an owning reference with explicit steal/borrow, a GIL hold, a
// Py_buffer export that always releases, and Python errors fetched into C++ values at once.
// Only core/py includes this header (it includes Python.h).
#pragma once

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <string>
#include <utility>

namespace bufferlab::py {

// Owns one strong reference (or none).
class PyRef {
 public:
  PyRef() = default;
  static PyRef steal(PyObject* object) { return PyRef(object); }  // takes a new reference
  static PyRef borrow(PyObject* object) {                         // adds one of its own
    Py_XINCREF(object);
    return PyRef(object);
  }
  PyRef(const PyRef& other) : object_(other.object_) { Py_XINCREF(object_); }
  PyRef(PyRef&& other) noexcept : object_(std::exchange(other.object_, nullptr)) {}
  PyRef& operator=(PyRef other) noexcept {
    std::swap(object_, other.object_);
    return *this;
  }
  ~PyRef() { Py_XDECREF(object_); }

  PyObject* get() const { return object_; }
  PyObject* release() { return std::exchange(object_, nullptr); }  // hands the reference over
  explicit operator bool() const { return object_ != nullptr; }

 private:
  explicit PyRef(PyObject* object) : object_(object) {}
  PyObject* object_ = nullptr;
};

// Holds the GIL for its lifetime, from any thread.
class GilHold {
 public:
  GilHold() : state_(PyGILState_Ensure()) {}
  ~GilHold() { PyGILState_Release(state_); }
  GilHold(const GilHold&) = delete;
  GilHold& operator=(const GilHold&) = delete;

 private:
  PyGILState_STATE state_;
};

// A Python exception fetched into C++: its type name and str(), e.g. BufferError / "...".
struct PythonError {
  std::string type_name;
  std::string message;
  std::string text() const { return message.empty() ? type_name : type_name + ": " + message; }
};

// Takes the pending Python exception (there must be one) and clears it.
PythonError fetch_error();

// One buffer export, released when this object dies. Acquire with the GIL held; destroy with
// the GIL held.
class BufferExport {
 public:
  BufferExport() = default;
  ~BufferExport() { release(); }
  BufferExport(const BufferExport&) = delete;
  BufferExport& operator=(const BufferExport&) = delete;
  BufferExport(BufferExport&& other) noexcept : view_(other.view_), held_(std::exchange(other.held_, false)) {}

  // False (and the Python error fetched into `error`) when the object refuses the request.
  bool acquire(PyObject* object, int flags, PythonError* error);
  void release() {
    if (held_) PyBuffer_Release(&view_);
    held_ = false;
  }
  const Py_buffer& view() const { return view_; }

 private:
  Py_buffer view_{};
  bool held_ = false;
};

// str(object) as UTF-8, or a placeholder when str() itself fails.
std::string to_utf8(PyObject* object);

}  // namespace bufferlab::py
