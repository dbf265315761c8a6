// Format layout: passes 2 and 3 size the item tree with overflow-checked arithmetic, align and pad
// it, and flatten it into named fields; and the second layout tried for ctypes exports.
#include "core/format/format_layout.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace bufferlab::format_detail {

namespace {

// ---------------------------------------------------------------------------------------------
// Pass 2: layout with overflow-checked sizes; pass 3 emits the fields.

std::size_t checked_add(std::size_t a, std::size_t b) {
  if (a > kMaxSize - b) throw FormatFailure{FormatError{"total struct size too long"}};
  return a + b;
}
std::size_t checked_mul(std::size_t a, std::size_t b) {
  if (a != 0 && b > kMaxSize / a) throw FormatFailure{FormatError{"total struct size too long"}};
  return a * b;
}
std::size_t align_up(std::size_t offset, std::size_t alignment) {
  if (alignment <= 1 || offset == 0) return offset;
  std::size_t extra = (alignment - 1) - (offset - 1) % alignment;
  return checked_add(offset, extra);
}

bool is_string_row(const CodeRow* row) {
  return row != nullptr && (row->code == 's' || row->code == 'p' || row->code == 'u' ||
                            row->code == 'w');
}

// Sizes of one item: how many copies, each how large, with which alignment.
struct ItemLayout {
  std::size_t copies = 0;     // elements of the sub-array times the repeat count (not strings)
  std::size_t unit_size = 0;  // one copy (a whole string for s/p/u/w)
  std::size_t alignment = 1;  // alignment in '@' mode
  std::size_t fields = 0;     // value-carrying fields, overall
};

ItemLayout layout_of(const Item& item);

struct RecordLayout {
  std::size_t size = 0;
  std::size_t alignment = 1;
  std::size_t fields = 0;
};

RecordLayout layout_record(const std::vector<Item>& items, bool pads_end) {
  RecordLayout r;
  for (const Item& item : items) {
    ItemLayout l = layout_of(item);
    if (item.aligned) {
      r.size = align_up(r.size, l.alignment);
      r.alignment = std::max(r.alignment, l.alignment);
    }
    r.size = checked_add(r.size, checked_mul(l.copies, l.unit_size));
    r.fields = checked_add(r.fields, l.fields);
    if (r.fields > kMaxFields) {
      FormatError e{"format has more than " + std::to_string(kMaxFields) + " fields"};
      e.python_type = "NotImplementedError";
      throw FormatFailure{std::move(e)};
    }
  }
  if (pads_end) r.size = align_up(r.size, r.alignment);
  return r;
}

ItemLayout layout_of(const Item& item) {
  ItemLayout l;
  std::size_t elements = 1;
  for (std::size_t d : item.shape) elements = checked_mul(elements, d);
  if (item.row == nullptr) {
    RecordLayout rec = layout_record(item.members, item.record_pads_end);
    l.copies = checked_mul(elements, item.repeat);
    l.unit_size = rec.size;
    l.alignment = rec.alignment;
    l.fields = checked_mul(l.copies, rec.fields);
  } else if (is_string_row(item.row)) {
    l.copies = elements;
    l.unit_size = checked_mul(item.repeat, item.row->size);
    l.alignment = item.alignment;
    l.fields = item.row->padding ? 0 : elements;
  } else {
    l.copies = checked_mul(elements, item.repeat);
    l.unit_size = item.row->size;
    l.alignment = item.alignment;
    l.fields = item.row->padding ? 0 : l.copies;
  }
  checked_mul(l.copies, l.unit_size);  // a size struct refuses is refused as struct does, first
  if (l.fields > kMaxFields) {
    FormatError e{"format has more than " + std::to_string(kMaxFields) + " fields"};
    e.python_type = "NotImplementedError";
    throw FormatFailure{std::move(e)};
  }
  return l;
}

// "[1,2]" for copy 5 of a (2,3) sub-array; "[5]" for a plain repeat.
std::string subscript(std::size_t index, const std::vector<std::size_t>& dims) {
  std::vector<std::size_t> parts(dims.size());
  for (std::size_t k = dims.size(); k-- > 0;) {
    parts[k] = dims[k] == 0 ? 0 : index % dims[k];
    if (dims[k] != 0) index /= dims[k];
  }
  std::string s = "[";
  for (std::size_t k = 0; k < parts.size(); ++k) {
    if (k) s += ",";
    s += std::to_string(parts[k]);
  }
  return s + "]";
}

std::size_t emit_items(const std::vector<Item>& items, bool pads_end, std::size_t base,
                       const std::string& prefix, std::vector<Field>& out);

std::size_t emit_item(const Item& item, std::size_t offset, const std::string& prefix,
                      std::vector<Field>& out) {
  ItemLayout l = layout_of(item);
  // Padding ("99999999999x") and records without fields take room but make no field: no loop
  // over their copies, which may be billions (found by fuzz/).
  if (l.fields == 0) return offset + l.copies * l.unit_size;
  std::vector<std::size_t> dims = item.shape;
  bool strings = is_string_row(item.row);
  if (!strings && item.repeat != 1) dims.push_back(item.repeat);
  std::string name = item.name.empty() ? std::string() : prefix + item.name;
  for (std::size_t copy = 0; copy < l.copies; ++copy) {
    std::size_t at = offset + copy * l.unit_size;
    std::string copy_name = name;
    if (!name.empty() && !dims.empty()) copy_name += subscript(copy, dims);
    if (item.row == nullptr) {
      emit_items(item.members, item.record_pads_end, at, copy_name.empty() ? prefix : copy_name + ".",
                 out);
    } else if (!item.row->padding) {
      Field f{item.row->kind, item.row->code, item.row->part_code, at, l.unit_size,
              mode_little(item.mode), copy_name, l.alignment, mode_is_native_size(item.mode)};
      out.push_back(std::move(f));
    }
  }
  return offset + l.copies * l.unit_size;
}

std::size_t emit_items(const std::vector<Item>& items, bool pads_end, std::size_t base,
                       const std::string& prefix, std::vector<Field>& out) {
  std::size_t offset = 0;
  std::size_t alignment = 1;
  for (const Item& item : items) {
    if (item.aligned) {
      std::size_t a = layout_of(item).alignment;
      offset = align_up(offset, a);
      alignment = std::max(alignment, a);
    }
    offset = emit_item(item, base + offset, prefix, out) - base;
  }
  if (pads_end) offset = align_up(offset, alignment);
  return base + offset;
}

bool contains_record(const std::vector<Item>& items) {
  return std::any_of(items.begin(), items.end(), [](const Item& i) { return i.row == nullptr; });
}

}  // namespace

// ctypes (3.11) exports a Structure's members with standard byte-order prefixes and no 'x'
// padding although the memory is laid out with natural C alignment ("T{<b:a:<i:b:}" for 8
// bytes). This lays record members out that way: aligned, with the native alignment of their
// code, and records padded to their alignment.
bool align_records_like_ctypes(std::vector<Item>& items, bool in_record) {
  bool changed = false;
  for (Item& item : items) {
    if (item.row == nullptr) {
      changed = align_records_like_ctypes(item.members, true) || changed;
      if (!item.record_pads_end) changed = true;
      item.record_pads_end = true;
      if (in_record && !item.aligned) {
        item.aligned = true;
        changed = true;
      }
    } else if (in_record && !item.aligned) {
      const CodeRow* native =
          find_row(/*native_size=*/true, kHostLittle, item.row->code, item.row->part_code);
      item.aligned = true;
      item.alignment = native != nullptr ? native->alignment : item.row->size;
      changed = true;
    }
  }
  return changed;
}

ElementFormat build_format(std::string_view format, const std::vector<Item>& items) {
  // Plain formats follow struct: no trailing padding. Records follow numpy (padded in '@').
  RecordLayout total = layout_record(items, /*pads_end=*/false);
  ElementFormat f;
  f.text = std::string(format);
  f.itemsize = total.size;
  f.fields.reserve(total.fields);
  emit_items(items, false, 0, "", f.fields);
  f.structured = f.fields.size() != 1 || contains_record(items);
  return f;
}

}  // namespace bufferlab::format_detail
