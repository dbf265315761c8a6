// Snapshot building: every buffer export is taken and released at once, so holding a snapshot
// never blocks bytearray.append or array.append, and no reference to a user object is kept, so
// refcounts, weakrefs, __del__ and numpy's resize check are exactly python3's.
#include "core/py/snapshot_builder.h"

#include <unordered_map>

#include "core/py/readable_memory.h"

namespace bufferlab::py {
namespace {

constexpr int kMaxExporterDepth = 16;

// Names are kept as UTF-8 with lone surrogates passed through, so every str key (even
// 'a\x00b' or '\udc80') round-trips exactly for addressing.
constexpr const char* kNameErrors = "surrogatepass";

bool exact_name_of(PyObject* key, std::string* name) {
  PyRef bytes = PyRef::steal(PyUnicode_AsEncodedString(key, "utf-8", kNameErrors));
  if (!bytes) {
    PyErr_Clear();
    return false;
  }
  name->assign(PyBytes_AS_STRING(bytes.get()), static_cast<std::size_t>(PyBytes_GET_SIZE(bytes.get())));
  return true;
}

// repr(key) without its quotes, through str's own repr so a str subclass runs no code of its own.
std::string display_name_of(PyObject* key, const std::string& fallback) {
  PyRef text = PyRef::steal(PyUnicode_Type.tp_repr(key));
  if (!text) {
    PyErr_Clear();
    return fallback;
  }
  std::string shown = to_utf8(text.get());
  if (shown.size() >= 2) shown = shown.substr(1, shown.size() - 2);
  return shown;
}

// A name the snapshot considers: a str not starting with '_' bound to a value that offers the
// buffer protocol (not a module, function, class or method).
bool is_candidate(PyObject* key, PyObject* value) {
  if (!PyUnicode_Check(key)) return false;
  if (PyUnicode_GET_LENGTH(key) > 0 && PyUnicode_READ_CHAR(key, 0) == '_') return false;
  if (PyModule_Check(value) || PyFunction_Check(value) || PyCFunction_Check(value) ||
      PyType_Check(value) || PyMethod_Check(value))
    return false;
  return PyObject_CheckBuffer(value) != 0;
}

// PIL.Image.Image when Pillow is imported (none otherwise: then no value can be one). Read from
// sys.modules and the module's dict, so it imports nothing and runs no code.
PyRef pil_image_type() {
  PyObject* module = PyDict_GetItemString(PyImport_GetModuleDict(), "PIL.Image");  // borrowed
  if (!module || !PyModule_Check(module)) return {};
  PyObject* type = PyDict_GetItemString(PyModule_GetDict(module), "Image");  // borrowed
  if (!type || !PyType_Check(type)) return {};
  return PyRef::borrow(type);
}

// A PIL Image exports no buffer, yet looks like it holds the pixels a class just gave it: it is
// listed as not shown, with what Pillow 9.4 really does (checked in tests/py/test_pil_image.cpp).
constexpr const char* kPilImageReason =
    "is a PIL Image: it exports no buffer (np.asarray of it is a read-only copy; "
    "Image.frombuffer('L', size, raw, 'raw', 'L', 0, 1) reads raw in place until putpixel copies it)";

bool is_pil_image(PyObject* key, PyObject* value, PyObject* image_type) {
  if (!image_type || !PyUnicode_Check(key)) return false;
  if (PyUnicode_GET_LENGTH(key) > 0 && PyUnicode_READ_CHAR(key, 0) == '_') return false;
  return PyType_IsSubtype(Py_TYPE(value), reinterpret_cast<PyTypeObject*>(image_type)) != 0;
}

// Why an object that offers the protocol gave no export, in words that follow its name.
std::string refusal_reason(const PythonError& refused) {
  if (refused.message.find("released") != std::string::npos) return "is released";
  if (refused.message.find("closed") != std::string::npos) return "is closed";
  return "refuses a buffer export (" + refused.text() + ")";
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

std::string short_type_name(PyObject* object) {
  std::string name = Py_TYPE(object)->tp_name;
  if (auto dot = name.rfind('.'); dot != std::string::npos) name.erase(0, dot + 1);
  return name;
}

BufferFacts facts_of(const Py_buffer& view) {
  BufferFacts facts;
  facts.address = reinterpret_cast<std::uintptr_t>(view.buf);
  facts.len = view.len;
  facts.readonly = view.readonly != 0;
  facts.format = view.format ? view.format : "B";
  facts.itemsize = view.itemsize;
  facts.ndim = view.ndim;
  // NULL shape: one dimension of len / itemsize. NULL strides: C-contiguous from shape and
  // itemsize (ctypes leaves them NULL for its N-d arrays). As memoryview reads them.
  if (!view.shape && view.ndim > 1) facts.ndim = 1;
  const bool given_strides = view.strides && (view.shape || view.ndim == 1);
  for (int k = 0; k < facts.ndim; ++k) {
    facts.shape.push_back(view.shape ? view.shape[k] : view.len / std::max<Py_ssize_t>(1, view.itemsize));
    if (view.suboffsets) facts.suboffsets.push_back(view.suboffsets[k]);
  }
  facts.strides.assign(static_cast<std::size_t>(std::max(facts.ndim, 0)), view.itemsize);
  for (int k = facts.ndim - 1; k >= 0; --k) {
    if (given_strides)
      facts.strides[k] = view.strides[k];
    else if (k + 1 < facts.ndim && __builtin_mul_overflow(facts.strides[k + 1], facts.shape[k + 1], &facts.strides[k]))
      facts.strides[k] = 0;  // no memory holds such an array; never reached for a real export
  }
  facts.c_contiguous = PyBuffer_IsContiguous(&view, 'C') != 0;
  facts.f_contiguous = PyBuffer_IsContiguous(&view, 'F') != 0;
  return facts;
}

Snapshot build_snapshot(PyObject* namespace_dict) {
  Snapshot snapshot;
  // Held only while this function runs, to walk the exporter chains.
  std::vector<PyRef> objects;
  std::unordered_map<PyObject*, std::size_t> listed;  // object -> index into snapshot.objects

  const PyRef image_type = pil_image_type();
  PyObject *key = nullptr, *value = nullptr;
  Py_ssize_t position = 0;
  while (PyDict_Next(namespace_dict, &position, &key, &value)) {
    if (is_pil_image(key, value, image_type.get())) {
      std::string name;
      if (exact_name_of(key, &name))
        snapshot.not_shown.push_back({name, display_name_of(key, name), short_type_name(value), kPilImageReason});
      continue;
    }
    if (!is_candidate(key, value)) continue;
    std::string name;
    if (!exact_name_of(key, &name)) continue;
    PyRef held = PyRef::borrow(value);  // an export may run code that rebinds the name
    BufferExport export_;
    PythonError refused;
    if (!export_.acquire(held.get(), kReadFlags, &refused)) {
      snapshot.not_shown.push_back({name, display_name_of(key, name), short_type_name(held.get()),
                                    refusal_reason(refused)});
      continue;
    }
    SnapshotObject object;
    object.name = name;
    object.display_name = display_name_of(key, name);
    object.type_name = short_type_name(held.get());
    object.facts = facts_of(export_.view());
    export_.release();
    listed.emplace(held.get(), snapshot.objects.size());
    snapshot.objects.push_back(std::move(object));
    objects.push_back(std::move(held));
  }

  for (std::size_t i = 0; i < objects.size(); ++i) {
    PyRef current = objects[i];
    for (int depth = 0; depth < kMaxExporterDepth; ++depth) {
      PyRef next = exporter_of(current.get());
      if (!next || next.get() == current.get()) break;
      ExporterLink link;
      link.type_name = short_type_name(next.get());
      if (auto found = listed.find(next.get()); found != listed.end()) {
        link.name = snapshot.objects[found->second].name;
        link.display_name = snapshot.objects[found->second].display_name;
      }
      snapshot.objects[i].exporters.push_back(std::move(link));
      current = std::move(next);
    }
  }

  group_into_regions(snapshot);
  const AddressSpace space = AddressSpace::current();
  for (SnapshotObject& object : snapshot.objects)
    object.readable = space.accessible(object.footprint.begin, object.footprint.end, false);
  return snapshot;
}

namespace {

// Every read of an object looks its name up again, and a dump reads every object: a scan of the
// namespace per lookup is quadratic in the number of names. CPython up to 3.11 gives every state
// of a dict a globally unique ma_version_tag (PEP 509), so the names are indexed once per state:
// a changed dict (even a rebound value) has a new tag, and the borrowed values of an unchanged
// one are still alive. Used with the GIL held, like the rest of this file.
struct NameIndex {
  PyObject* dict = nullptr;
  std::uint64_t version = 0;
  std::unordered_map<std::string, PyObject*> values;  // exact name -> borrowed value
};

#if PY_VERSION_HEX < 0x030C0000
const NameIndex* name_index_of(PyObject* namespace_dict) {
  static NameIndex index;
  if (!PyDict_Check(namespace_dict)) return nullptr;
  const std::uint64_t version = reinterpret_cast<PyDictObject*>(namespace_dict)->ma_version_tag;
  if (index.dict == namespace_dict && index.version == version) return &index;
  index.values.clear();
  PyObject *key = nullptr, *value = nullptr;
  Py_ssize_t position = 0;
  std::string name;
  while (PyDict_Next(namespace_dict, &position, &key, &value))
    if (PyUnicode_Check(key) && exact_name_of(key, &name)) index.values.emplace(name, value);  // first wins, as a scan
  index.dict = namespace_dict;
  index.version = version;
  return &index;
}
#else
const NameIndex* name_index_of(PyObject*) { return nullptr; }  // no version tag: scan
#endif

}  // namespace

PyRef lookup_name(PyObject* namespace_dict, const std::string& name) {
  if (const NameIndex* index = name_index_of(namespace_dict)) {
    auto found = index->values.find(name);
    return found == index->values.end() ? PyRef{} : PyRef::borrow(found->second);
  }
  PyRef wanted = PyRef::steal(
      PyUnicode_DecodeUTF8(name.data(), static_cast<Py_ssize_t>(name.size()), kNameErrors));
  if (!wanted) {
    PyErr_Clear();
    return {};
  }
  PyObject *key = nullptr, *value = nullptr;
  Py_ssize_t position = 0;
  while (PyDict_Next(namespace_dict, &position, &key, &value))
    if (PyUnicode_Check(key) && PyUnicode_Compare(key, wanted.get()) == 0) return PyRef::borrow(value);
  return {};
}

}  // namespace bufferlab::py
