// The Inspector pane: Py_buffer fields laid out as the C struct, values from the snapshot.
#include "app/panes/inspector_pane.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>

#include "core/elements_in_range.h"
#include "app/widgets/ui_record.h"
#include "app/window/theme.h"

namespace bufferlab {

namespace {

// The view's region, or null when it has none.
const Region* region_of(const AppState& state, const DisplayView& view) {
  return view.region >= 0 && view.region < static_cast<int>(state.snapshot.regions.size())
             ? &state.snapshot.regions[static_cast<std::size_t>(view.region)]
             : nullptr;
}

// What a format code means, in words a class can read.
std::string describe_format(const DisplayView& view) {
  if (!view.format) return view.format_error;
  const ElementFormat& f = *view.format;
  if (!f.is_scalar()) return std::to_string(f.fields.size()) + " fields, " + std::to_string(f.itemsize) + " bytes";
  const Field& field = f.fields[0];
  std::string kind;
  switch (field.kind) {
    case FieldKind::SignedInt: kind = "signed int"; break;
    case FieldKind::UnsignedInt: kind = "unsigned int"; break;
    case FieldKind::Bool: kind = "bool"; break;
    case FieldKind::Float: kind = "float"; break;
    case FieldKind::Complex: kind = "complex"; break;
    case FieldKind::Char: kind = "char"; break;
    case FieldKind::Bytes: kind = "bytes"; break;
    case FieldKind::PascalBytes: kind = "pascal string"; break;
    case FieldKind::UnicodeChar: kind = "unicode char"; break;
  }
  const bool multibyte = field.size > 1 && field.kind != FieldKind::Bytes && field.kind != FieldKind::Char;
  return kind + ", " + std::to_string(field.size) + " byte" + (field.size == 1 ? "" : "s") +
         (multibyte ? (field.little_endian ? ", little-endian" : ", big-endian") : "");
}

// One field of the struct: a table row of name, value and the comment wrapped in its column;
// or in a narrow pane (`stacked`, no table) the value beside the name where it fits, else
// under it, and the comment wrapped under both.
void field_row(bool stacked, const char* name, const std::string& value, const std::string& note = {}) {
  if (stacked) {
    ImGui::TextDisabled(".%s", name);
    same_line_or_wrap(ImGui::CalcTextSize(value.c_str()).x);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(value.c_str());
    if (!note.empty()) {
      ImGui::Indent();
      ImGui::TextDisabled("// %s", note.c_str());
      ImGui::Unindent();
    }
    ImGui::PopTextWrapPos();
    return;
  }
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextDisabled(".%s", name);
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(value.c_str());  // a fixed column, as wide as its values
  ImGui::TableNextColumn();
  ImGui::PushTextWrapPos(0.0f);
  if (!note.empty()) ImGui::TextDisabled("// %s", note.c_str());
  ImGui::PopTextWrapPos();
}

std::string c_array(const std::vector<std::int64_t>& values) {
  std::string text = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) text += ", ";
    text += std::to_string(values[i]);
  }
  return text + "}";
}

}  // namespace

std::string address_arithmetic(const DisplayView& view, std::int64_t flat) {
  const BufferFacts& f = view.facts;
  const auto index = index_of_flat(f, flat);
  std::string terms = "buf";
  std::int64_t sum = 0;
  for (int k = 0; k < f.ndim; ++k) {
    char term[64];
    std::snprintf(term, sizeof term, " + %" PRId64 "*%" PRId64, index[k], f.strides[k]);
    terms += term;
    sum += index[k] * f.strides[k];
  }
  char tail[128];
  std::snprintf(tail, sizeof tail, " = %s %s %" PRId64 " = %s", format_address(f.address).c_str(),
                sum < 0 ? "-" : "+", sum < 0 ? -sum : sum, format_address(element_address(view, flat)).c_str());
  return terms + tail;
}

std::vector<std::string> stride_walk_lines(const DisplayView& view, const StrideWalkPlayer& walk) {
  std::vector<std::string> lines;
  const StrideWalk* model = walk.walk();
  if (!model) return lines;
  const WalkStep& step = walk.step();
  const BufferFacts& f = model->facts();
  const auto element = [&](const std::vector<std::int64_t>& index) { return view.name + index_text(index); };
  const auto signed_bytes = [](std::int64_t value) {
    return value < 0 ? "- " + std::to_string(0 - static_cast<std::uint64_t>(value)) : "+ " + std::to_string(value);
  };
  // The sum first (a short pane shows it without scrolling), then the address, the jump, each
  // index*stride term and where the walk is.
  lines.push_back(element(step.index) + " is at " + model->arithmetic(step));
  lines.push_back("= " + format_address(f.address) + " " + signed_bytes(step.offset) + " = " +
                  format_address(step.address));
  if (step.position == 0) {
    lines.push_back("the first element: no jump yet");
  } else {
    const WalkStep previous = model->step_at(step.position - 1);
    lines.push_back("jump from " + element(previous.index) + ": " + walk.jump_text());
  }
  for (std::size_t k = 0; k < step.index.size(); ++k)
    lines.push_back("dim " + std::to_string(k) + ": index " + std::to_string(step.index[k]) + " * stride " +
                    std::to_string(f.strides[k]) + " = " + std::to_string(step.index[k] * f.strides[k]));
  lines.push_back("Stride walk, step " + std::to_string(step.position + 1) + " of " + std::to_string(walk.size()) +
                  (walk.dimension() < 0 ? ", C order (last index fastest)"
                                        : ", along dim " + std::to_string(walk.dimension()) + " (other indices fixed)"));
  return lines;
}

void InspectorPane::draw_toolbar(PaneContext& context) {
  const AppState& state = context.state;
  if (state.views.empty()) return;
  ImGui::TextDisabled("|");
  ImGui::SameLine();
  // The view picker: as wide as the line allows (a line of its own when little is left), its
  // name elided and shown whole on hover.
  const float least = ImGui::CalcTextSize("0").x * 8.0f + ImGui::GetFrameHeight();
  if (ImGui::GetContentRegionAvail().x < least) ImGui::NewLine();
  const float width = std::min(200.0f * context.ui_scale, ImGui::GetContentRegionAvail().x);
  const std::string preview = state.selected_view >= 0 ? state.views[state.selected_view].name : "";
  const std::string shown =
      elide_to_width(preview, width - ImGui::GetFrameHeight() - ImGui::GetStyle().FramePadding.x * 2.0f);
  ImGui::SetNextItemWidth(width);
  const bool open = ImGui::BeginCombo("##view", shown.c_str());
  record_item(shown.empty() ? "view" : shown, shown != preview);
  if (!open && shown != preview) tooltip_beside_item(preview.c_str());
  if (open) {
    // Only the names in sight of the list are built; it opens at the selected one.
    const float row = ImGui::GetTextLineHeightWithSpacing();
    if (ImGui::IsWindowAppearing() && state.selected_view > 0)
      ImGui::SetScrollY(static_cast<float>(state.selected_view) * row - ImGui::GetWindowHeight() * 0.5f);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(state.views.size()), row);
    while (clipper.Step()) {
      for (int v = clipper.DisplayStart; v < clipper.DisplayEnd; ++v) {
        const std::string& name = state.views[static_cast<std::size_t>(v)].name;
        ImGui::PushID(v);
        if (ImGui::Selectable(name.c_str(), state.selected_view == v)) context.commands.push(SelectView{v});
        record_item(name);
        context.built_item("Py_buffer", v, name);
        ImGui::PopID();
      }
    }
    ImGui::EndCombo();
  }
}

void InspectorPane::draw_content(PaneContext& context) {
  const AppState& state = context.state;
  if (state.selected_view < 0 || state.selected_view >= static_cast<int>(state.views.size())) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("Select a view to see its Py_buffer.");
    ImGui::PopTextWrapPos();
    return;
  }
  const int v = state.selected_view;
  // Wide enough: the struct on the left, the element's address arithmetic beside it.
  // Widths in characters, so zoomed text changes the layout as a narrower pane would.
  const float width = ImGui::GetContentRegionAvail().x;
  const float char_width = ImGui::CalcTextSize("0").x;
  const bool side_by_side = width > char_width * 110.0f;
  const float struct_width = side_by_side ? width * 0.56f : width;
  const bool stacked = struct_width < char_width * 56.0f;
  // No horizontal scrolling: every line wraps to the pane.
  ImGui::BeginChild("##struct", ImVec2(side_by_side ? struct_width : 0.0f, 0), false);
  if (side_by_side) {
    draw_struct(context, v, stacked);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##element", ImVec2(0, 0), false);
    draw_element(context, v);
  } else if (state.stride_walk.view() == v) {
    // A walk is what the class watches: its arithmetic first, the struct under it.
    draw_element(context, v);
    ImGui::Separator();
    draw_struct(context, v, stacked);
  } else {
    draw_struct(context, v, stacked);
    ImGui::Separator();
    draw_element(context, v);
  }
  ImGui::EndChild();
}

void InspectorPane::draw_struct(PaneContext& context, int v, bool stacked) {
  const AppState& state = context.state;
  const DisplayView& view = state.views[v];
  const BufferFacts& f = view.facts;
  const Region* region = region_of(state, view);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(view.colour));
  ImGui::Text("Py_buffer view;  /* %s: %s */", view.name.c_str(), view.type_name.c_str());
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();

  if (stacked || ImGui::BeginTable("##fields", 3, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) {
    if (!stacked) {
      ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthFixed);
      ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthFixed);
      ImGui::TableSetupColumn("comment", ImGuiTableColumnFlags_WidthStretch);
    }
    char text[96];
    std::string buf_note = region ? "region " + std::to_string(view.region) + " + " + std::to_string(view.offset_in_region) : "";
    field_row(stacked, "buf", format_address(f.address), buf_note);

    std::string obj;
    if (view.object_index >= 0) {
      const SnapshotObject& object = state.snapshot.objects[view.object_index];
      obj = "<" + object.type_name + " '" + object.name + "'>";
      std::string chain;
      for (const ExporterLink& link : object.exporters)
        chain += " -> " + link.type_name + (link.name.empty() ? "" : " '" + link.name + "'");
      field_row(stacked, "obj", obj, chain.empty() ? "exports its own memory" : "exported via" + chain);
    } else {
      field_row(stacked, "obj", "(none)", "a reinterpretation drawn by Buffer Lab, not a Python object");
    }
    std::snprintf(text, sizeof text, "%" PRId64, f.len);
    field_row(stacked, "len", text, "product(shape) * itemsize");
    std::snprintf(text, sizeof text, "%" PRId64, f.itemsize);
    field_row(stacked, "itemsize", text);
    field_row(stacked, "readonly", f.readonly ? "1" : "0", f.readonly ? "writes are refused" : "writable");
    field_row(stacked, "format", "\"" + f.format + "\"", describe_format(view));
    std::snprintf(text, sizeof text, "%d", f.ndim);
    field_row(stacked, "ndim", text);
    field_row(stacked, "shape", c_array(f.shape));
    field_row(stacked, "strides", c_array(f.strides), "bytes to step in each dimension");
    field_row(stacked, "suboffsets", f.suboffsets.empty() ? "NULL" : c_array(f.suboffsets));
    if (!stacked) ImGui::EndTable();
  }
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("C-contiguous: %s   Fortran-contiguous: %s", f.c_contiguous ? "yes" : "no",
                      f.f_contiguous ? "yes" : "no");
  ImGui::PopTextWrapPos();
}

void InspectorPane::draw_element(PaneContext& context, int v) {
  const AppState& state = context.state;
  const DisplayView& view = state.views[v];
  const BufferFacts& f = view.facts;
  const Region* region = region_of(state, view);
  // The element: the stride walk's step on this view, else clicked, else hovered in this view.
  // Its lines wrap to the pane.
  ImGui::PushTextWrapPos(0.0f);
  std::int64_t flat = state.selected_element;
  if (state.highlight.source.kind == HighlightSource::Kind::Element && state.highlight.source.element.view == v)
    flat = state.highlight.source.element.flat;
  const bool walking = state.stride_walk.view() == v;
  if (walking) {
    flat = state.stride_walk.flat();
    const std::vector<std::string> lines = stride_walk_lines(view, state.stride_walk);
    const std::size_t terms = state.stride_walk.step().index.size();
    const WalkStep& step = state.stride_walk.step();
    const ImVec4 jump_colour = step.position == 0                                 ? ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled)
                               : step.jump == 0 || step.revisits_via_zero_stride ? theme_colours().question
                               : step.jump < 0                                   ? theme_colours().failure
                                                                                 : theme_colours().good;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      context.note("Py_buffer", view.name, lines[i]);
      if (i == 0)  // the sum
        ImGui::TextColored(theme_colours().arithmetic, "%s", lines[i].c_str());
      else if (i == 2)  // the jump
        ImGui::TextColored(jump_colour, "%s", lines[i].c_str());
      else if (i >= 3 && i < 3 + terms)  // one index*stride term each
        ImGui::TextDisabled("  %s", lines[i].c_str());
      else if (i + 1 == lines.size())  // where the walk is
        ImGui::TextDisabled("%s", lines[i].c_str());
      else
        ImGui::TextUnformatted(lines[i].c_str());
    }
  }
  if (walking && (flat < 0 || flat >= f.element_count())) {
    // A walk over more elements than a flat index can name: no bytes to show.
  } else if (flat < 0 || flat >= f.element_count()) {
    ImGui::TextDisabled("Click an element of %s to see where its bytes are: buf + sum(index_k * stride_k).",
                        view.name.c_str());
  } else {
    if (!walking) {
      const auto index = index_of_flat(f, flat);
      const std::string name = view.name + index_text(index);
      ImGui::Text("%s is at", name.c_str());
      ImGui::TextColored(theme_colours().arithmetic, "%s", address_arithmetic(view, flat).c_str());
    }
    if (region) {
      const std::uintptr_t address = element_address(view, flat);
      ImGui::TextDisabled("= region %d offset %" PRId64 ", %" PRId64 " byte%s", view.region,
                          static_cast<std::int64_t>(address - region->address), f.itemsize,
                          f.itemsize == 1 ? "" : "s");
      // Its bytes and value, read now (not while a cell runs).
      if (state.memory && !state.cell_running && view.format) {
        std::string bytes, value;
        const auto error = state.memory->read_region(view.region, [&](const std::uint8_t* base) {
          const std::uint8_t* element = base + (address - region->address);
          char hex[4];
          for (std::int64_t i = 0; i < f.itemsize && i < 64; ++i) {
            std::snprintf(hex, sizeof hex, "%02x ", element[i]);
            bytes += hex;
          }
          value = python_repr(decode_element(*view.format, element));
        });
        if (error)
          ImGui::TextDisabled("%s", error->c_str());  // e.g. "memory not readable"
        else
          ImGui::Text("bytes %s -> %s", bytes.c_str(), value.c_str());
      }
    }
  }
  ImGui::PopTextWrapPos();
}

}  // namespace bufferlab
