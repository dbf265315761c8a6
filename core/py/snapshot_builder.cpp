// Snapshot building: every buffer export is taken and released at once, so holding a snapshot
// never blocks bytearray.append or array.append.
#include "core/py/snapshot_builder.h"

#include <unordered_map>

namespace bufferlab::py {
namespace {

constexpr int kMaxExporterDepth = 16;

bool is_listed_name(PyObject* key, PyObject* value, std::string* name) {
  if (!PyUnicode_Check(key)) return false;
  const char* utf8 = PyUnicode_AsUTF8(key);
  if (!utf8) {
    PyErr_Clear();
    return false;
  }
  if (utf8[0] == '_') return false;
  if (PyModule_Check(value) || PyFunction_Check(value) || PyCFunction_Check(value) ||
      PyType_Check(value) || PyMethod_Check(value))
    return false;
  if (!PyObject_CheckBuffer(value)) return false;
  *name = utf8;
  return true;
}

// The object this one exports on behalf of: memoryview.obj, ndarray.base (None: no link).
PyRef exporter_of(PyObject* object) {
  const char* attribute = nullptr;
  if (PyMemoryView_Check(object)) {
    attribute = "obj";
  } else if (std::string_view(Py_TYPE(object)->tp_name) == "numpy.ndarray") {
    attribute = "base";
  } else {
    return {};
  }
  PyRef next = PyRef::steal(PyObject_GetAttrString(object, attribute));
  if (!next) {
    PyErr_Clear();  // a released memoryview refuses .obj
    return {};
  }
  if (next.get() == Py_None) return {};
  return next;
}

}  // namespace

BufferFacts facts_of(const Py_buffer& view) {
  BufferFacts facts;
  facts.address = reinterpret_cast<std::uintptr_t>(view.buf);
  facts.len = view.len;
  facts.readonly = view.readonly != 0;
  facts.format = view.format ? view.format : "B";
  facts.itemsize = view.itemsize;
  facts.ndim = view.ndim;
  for (int k = 0; k < view.ndim; ++k) {
    facts.shape.push_back(view.shape ? view.shape[k] : view.len / std::max<Py_ssize_t>(1, view.itemsize));
    facts.strides.push_back(view.strides ? view.strides[k] : view.itemsize);
    if (view.suboffsets) facts.suboffsets.push_back(view.suboffsets[k]);
  }
  facts.c_contiguous = PyBuffer_IsContiguous(&view, 'C') != 0;
  facts.f_contiguous = PyBuffer_IsContiguous(&view, 'F') != 0;
  return facts;
}

Snapshot build_snapshot(PyObject* namespace_dict, std::vector<PyRef>& objects) {
  Snapshot snapshot;
  objects.clear();
  std::unordered_map<PyObject*, std::string> names;

  PyObject *key = nullptr, *value = nullptr;
  Py_ssize_t position = 0;
  while (PyDict_Next(namespace_dict, &position, &key, &value)) {
    std::string name;
    if (!is_listed_name(key, value, &name)) continue;
    BufferExport export_;
    PythonError refused;
    if (!export_.acquire(value, kReadFlags, &refused)) continue;  // e.g. a released memoryview
    SnapshotObject object;
    object.name = name;
    object.type_name = Py_TYPE(value)->tp_name;
    if (auto dot = object.type_name.rfind('.'); dot != std::string::npos)
      object.type_name.erase(0, dot + 1);
    object.facts = facts_of(export_.view());
    export_.release();
    names.emplace(value, name);
    snapshot.objects.push_back(std::move(object));
    objects.push_back(PyRef::borrow(value));
  }

  for (std::size_t i = 0; i < objects.size(); ++i) {
    PyRef current = objects[i];
    for (int depth = 0; depth < kMaxExporterDepth; ++depth) {
      PyRef next = exporter_of(current.get());
      if (!next || next.get() == current.get()) break;
      ExporterLink link;
      link.type_name = Py_TYPE(next.get())->tp_name;
      if (auto dot = link.type_name.rfind('.'); dot != std::string::npos)
        link.type_name.erase(0, dot + 1);
      if (auto found = names.find(next.get()); found != names.end()) link.name = found->second;
      snapshot.objects[i].exporters.push_back(std::move(link));
      current = std::move(next);
    }
  }

  group_into_regions(snapshot);
  return snapshot;
}

}  // namespace bufferlab::py
