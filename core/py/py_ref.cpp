// Python error fetching and buffer export helpers.
#include "core/py/py_ref.h"

namespace bufferlab::py {

std::string to_utf8(PyObject* object) {
  PyRef text = PyRef::steal(PyObject_Str(object));
  if (!text) {
    PyErr_Clear();
    return "<unprintable object>";
  }
  Py_ssize_t size = 0;
  const char* utf8 = PyUnicode_AsUTF8AndSize(text.get(), &size);
  if (!utf8) {
    PyErr_Clear();
    return "<unprintable object>";
  }
  return std::string(utf8, static_cast<std::size_t>(size));
}

PythonError fetch_error() {
  PyObject *type = nullptr, *value = nullptr, *traceback = nullptr;
  PyErr_Fetch(&type, &value, &traceback);
  PyErr_NormalizeException(&type, &value, &traceback);
  PyRef owned_type = PyRef::steal(type), owned_value = PyRef::steal(value),
        owned_traceback = PyRef::steal(traceback);
  PythonError error;
  if (type) error.type_name = reinterpret_cast<PyTypeObject*>(type)->tp_name;
  if (value) error.message = to_utf8(value);
  return error;
}

bool BufferExport::acquire(PyObject* object, int flags, PythonError* error) {
  release();
  if (PyObject_GetBuffer(object, &view_, flags) != 0) {
    PythonError fetched = fetch_error();
    if (error) *error = std::move(fetched);
    return false;
  }
  held_ = true;
  return true;
}

}  // namespace bufferlab::py
