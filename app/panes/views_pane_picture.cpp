// Pictures on Views cards: the controls, memory read in place through the memory provider, and
// hover, pin and paint turned into the same commands element cells send.
#include "app/panes/views_pane_picture.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "app/widgets/ui_record.h"
#include "app/window/theme.h"
#include "core/elements_in_range.h"
#include "core/layout.h"

namespace bufferlab {

namespace {

constexpr std::size_t kSharedScaleViews = 64;

bool same_flash(const FlashRange& a, const FlashRange& b) {
  return a.begin == b.begin && a.end == b.end && a.start_time == b.start_time && a.held == b.held;
}

// Everything that makes a view another picture: its memory, format and layout.
std::string picture_key(const DisplayView& view) {
  const BufferFacts& f = view.facts;
  return std::to_string(view.region) + "@" + std::to_string(f.address) + " " + f.format + " " +
         format_shape(f.shape) + " " + format_shape(f.strides);
}


// The integer nearest `value` that the field can hold, as a literal. The range's ends are
// doubles, and 2**63 or 2**64 as a double is one past what 'q' or 'Q' holds: clamped, not
// wrapped round to the other end.
std::string integer_literal(long double value, const Field& field) {
  const int bits = static_cast<int>(std::min<std::size_t>(field.size, 8) * 8);
  value = std::nearbyint(value);
  if (field.kind == FieldKind::UnsignedInt) {
    const long double top = std::ldexp(1.0L, bits) - 1.0L;
    return std::to_string(static_cast<unsigned long long>(std::clamp(value, 0.0L, top)));
  }
  const long double top = std::ldexp(1.0L, bits - 1) - 1.0L, bottom = -std::ldexp(1.0L, bits - 1);
  return std::to_string(static_cast<long long>(std::clamp(value, bottom, top)));
}

}  // namespace

// Flashes are only appended and expire in order: the ones not seen in the last frame are at the
// end, past those still matching what was seen.
PictureFrameChanges PictureChangeWatcher::update(const AppState& state) {
  PictureFrameChanges changes;
  const int frame = ImGui::GetFrameCount();
  changes.everything = state.snapshot.generation != seen_snapshot_ || frame != seen_frame_ + 1;
  std::size_t seen = 0;
  std::size_t first_new = 0;
  for (; first_new < state.flashes.size(); ++first_new) {
    while (seen < seen_.size() && !same_flash(seen_[seen], state.flashes[first_new])) ++seen;
    if (seen == seen_.size()) break;
    ++seen;
  }
  if (!changes.everything)
    for (std::size_t i = first_new; i < state.flashes.size(); ++i)
      changes.written.emplace_back(state.flashes[i].begin, state.flashes[i].end);
  seen_ = state.flashes;
  seen_snapshot_ = state.snapshot.generation;
  seen_frame_ = frame;
  return changes;
}

// The value a paint channel writes: t in 0..1 mapped back through the picture's range.
std::vector<std::string> PictureCard::paint_literals(const PictureShape& shape) const {
  std::vector<std::string> literals;
  const PictureRange& range = view_.range();
  const Field& field = shape.format.fields[0];
  for (int c = 0; c < shape.channels; ++c) {
    const double t = std::clamp(static_cast<double>(colour_[shape.channels == 1 ? 0 : c]), 0.0, 1.0);
    switch (shape.mapping) {
      case PictureMapping::Direct:
        literals.push_back(std::to_string(std::lround(t * 255.0)));
        break;
      case PictureMapping::Bool:
        literals.push_back(t >= 0.5 ? "True" : "False");
        break;
      case PictureMapping::Range: {
        // A constant picture's min..max is one value: paint through the type's range then, so
        // white is still white.
        const PictureRange through =
            range.high > range.low ? range : picture_range(shape, PictureReader{}, PictureRangeMode::Type);
        const long double value = static_cast<long double>(through.low) +
                                  static_cast<long double>(t) * (static_cast<long double>(through.high) - through.low);
        if (field.kind == FieldKind::Float)
          literals.push_back(float_repr(static_cast<double>(value)));
        else
          literals.push_back(integer_literal(value, field));
        break;
      }
    }
  }
  return literals;
}

std::string PictureCard::paint_text(const PictureShape& shape) const {
  const auto literals = paint_literals(shape);
  std::string text = literals.size() == 1 ? literals[0] : "(";
  if (literals.size() > 1) {
    for (std::size_t i = 0; i < literals.size(); ++i) text += (i ? ", " : "") + literals[i];
    text += ")";
  }
  return text;
}

void PictureCard::draw_controls(const PictureShape& shape) {
  if (shape.mapping == PictureMapping::Range) {
    same_line_or_wrap(ImGui::GetFrameHeight() * 2.0f + ImGui::CalcTextSize("min..max  type range").x);
    int mode = mode_ == PictureRangeMode::Data ? 0 : 1;
    if (ImGui::RadioButton("min..max", &mode, 0)) mode_ = PictureRangeMode::Data;
    record_item("min..max");
    ImGui::SameLine();
    if (ImGui::RadioButton("type range", &mode, 1)) mode_ = PictureRangeMode::Type;
    record_item("type range");
  }
  same_line_or_wrap(ImGui::GetFrameHeight() * 2.5f + ImGui::CalcTextSize("paint").x);
  ImGui::Checkbox("paint", &paint_);
  record_item("paint");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("click or drag on the picture to write pixels (Ctrl+Z undoes)");
  if (!paint_) return;
  ImGui::SameLine();
  const ImGuiColorEditFlags flags = ImGuiColorEditFlags_NoInputs | ImGuiColorEditFlags_NoLabel;
  if (shape.channels == 4) {
    ImGui::ColorEdit4("paint colour", colour_, flags | ImGuiColorEditFlags_AlphaBar | ImGuiColorEditFlags_AlphaPreviewHalf);
  } else if (shape.channels == 3) {
    ImGui::ColorEdit3("paint colour", colour_, flags);
  } else {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5.0f);
    ImGui::SliderFloat("##grey", &colour_[0], 0.0f, 1.0f, "grey %.2f");
  }
  record_item("paint colour");
  const std::string writes = "writes " + paint_text(shape);
  same_line_or_wrap(ImGui::CalcTextSize(writes.c_str()).x);
  ImGui::TextDisabled("%s", writes.c_str());
}

void PictureCard::draw(PaneContext& context, int view_index, PictureBackend& backend,
                       const PictureFrameChanges& changes, float width, float max_height) {
  const AppState& state = context.state;
  const DisplayView& view = state.views[static_cast<std::size_t>(view_index)];
  shown_ = false;
  if (!view.format || view.region < 0) return;
  const PictureShape shape = picture_shape(view.facts);
  if (!shape.can_show) return;
  const std::string key = picture_key(view);
  const bool new_view = key != key_;
  if (new_view) {
    key_ = key;
    on_.reset();
  }
  bool on = on_.value_or(shape.on_by_default);
  if (ImGui::Checkbox("picture", &on)) on_ = on;
  record_item("picture");
  if (!on) return;
  shown_ = true;
  ImGui::PushID("picture");
  draw_controls(shape);
  ImGui::PopID();

  // Memory is read in place, only while no cell runs, and only when something changed.
  const Region& region = state.snapshot.regions[static_cast<std::size_t>(view.region)];
  const std::int64_t buf_in_region = static_cast<std::int64_t>(view.facts.address - region.address);
  const PictureMemory memory = [&](const std::function<void(const PictureReader&)>& use) {
    if (!state.memory || state.cell_running) return false;
    const auto error = state.memory->read_region(view.region, [&](const std::uint8_t* base) {
      const PictureReader reader = [&](std::int64_t offset, std::size_t size, std::uint8_t* out) {
        const std::int64_t at = buf_in_region + offset;
        if (at < 0 || at + static_cast<std::int64_t>(size) > region.size) return false;
        std::memcpy(out, base + at, size);
        return true;
      };
      use(reader);
    });
    return !error.has_value();
  };
  PictureChanges own;
  own.everything = changes.everything || new_view;
  const auto buf = static_cast<std::int64_t>(view.facts.address);
  for (const auto& [begin, end] : changes.written)
    if (begin < region.address + static_cast<std::uintptr_t>(region.size) && end > region.address)
      own.ranges.emplace_back(static_cast<std::int64_t>(begin) - buf, static_cast<std::int64_t>(end) - buf);
  view_.sync(backend, shape, mode_, own, memory);

  // The pixels of highlighted elements (hovered here, in another card or in the grid).
  std::vector<PicturePixel> marks;
  if (state.highlight.active() && static_cast<std::size_t>(view_index) < state.highlight.elements.size())
    for (std::int64_t flat : state.highlight.elements[static_cast<std::size_t>(view_index)]) {
      const auto index = index_of_flat(view.facts, flat);
      const PicturePixel pixel{index[0], index[1]};
      if (marks.empty() || !(marks.back() == pixel)) marks.push_back(pixel);
    }
  const ThemeColours& theme = theme_colours();
  view_.mark_colour = theme.source_outline;
  view_.frame_colour = ImGui::GetColorU32(ImGuiCol_Border);
  view_.max_pixel_size = ImGui::GetFontSize() * 2.0f;
  // Pictures of one memory share a scale, so a crop or a flip is visibly the same pixels as its
  // base (a region's first views are enough to decide it).
  view_.max_scale = 0.0f;
  const auto& neighbours = state.views_of_region(view.region);
  for (std::size_t i = 0; i < neighbours.size() && i < kSharedScaleViews; ++i) {
    const PictureShape other = picture_shape(state.views[static_cast<std::size_t>(neighbours[i])].facts);
    if (!other.can_show) continue;
    const float scale = PictureView::fit_scale(other.height, other.width, width, max_height, view_.max_pixel_size);
    view_.max_scale = view_.max_scale > 0.0f ? std::min(view_.max_scale, scale) : scale;
  }
  const PictureEvents events = view_.draw(backend, width, max_height, marks);

  // Beside the picture when there is room, else under it: the range its values are drawn with.
  std::string range_text = view_.range().text;
  if (view_.step() > 1)
    range_text += "\nshown at 1/" + std::to_string(view_.step()) + " scale: " + std::to_string(shape.width) + "x" +
                  std::to_string(shape.height) + " is over the GPU's texture limit";
  if (!view_.readable()) range_text += "\nnot readable now: shown as last read";
  const float text_width = ImGui::CalcTextSize(range_text.c_str()).x;
  if (ImGui::GetContentRegionAvail().x - (view_.drawn_max().x - view_.drawn_min().x) > text_width + 16.0f) {
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.0f);
  } else {
    ImGui::PushTextWrapPos(0.0f);
  }
  ImGui::TextDisabled("%s", range_text.c_str());
  ImGui::PopTextWrapPos();
  context.note("Views", view.name, "picture: " + view_.range().text);

  if (events.hovered) {
    const auto bytes = pixel_bytes(shape, events.hovered->y, events.hovered->x);
    // The whole pixel: its channels are consecutive elements in C order.
    const std::int64_t flat = flatten_index(view.facts, bytes[0].index);
    context.commands.push(ReportHover{HighlightSource::of_element(view_index, flat, static_cast<std::int64_t>(bytes.size()))});
    // The pixel's values, decoded by the codec from live memory.
    std::string values;
    if (state.memory && !state.cell_running)
      state.memory->read_region(view.region, [&](const std::uint8_t* base) {
        for (const PixelChannelBytes& channel : bytes) {
          const std::uint8_t* element = base + (element_address(view, flatten_index(view.facts, channel.index)) - region.address);
          values += (values.empty() ? "" : ", ") + python_repr(decode_element(*view.format, element));
        }
      });
    if (values.empty()) values = "?";
    if (bytes.size() > 1) values = "(" + values + ")";
    const std::string tip = view.name + index_text({events.hovered->y, events.hovered->x}) + " = " + values +
                            "\nbuf + " + std::to_string(bytes[0].offset) + "\n" +
                            (paint_ ? (view.facts.readonly ? "read-only: painting is refused" : "click to paint " + paint_text(shape))
                                    : std::string("click to pin"));
    tooltip_beside(view_.drawn_min(), view_.drawn_max(), tip.c_str());
  }
  if (paint_) {
    const std::vector<std::string> literals = events.pressed.empty() ? std::vector<std::string>{} : paint_literals(shape);
    for (const PicturePixel& pressed : events.pressed) {
      painted_flat_ = flatten_index(view.facts, pixel_bytes(shape, pressed.y, pressed.x)[0].index);
      painted_ = pressed;
      context.commands.push(WritePixel{view_index, pressed.y, pressed.x, literals, events.stroke});
    }
  } else if (events.clicked) {
    const std::int64_t flat = flatten_index(view.facts, pixel_bytes(shape, events.pressed[0].y, events.pressed[0].x)[0].index);
    context.commands.push(SelectView{view_index, flat});
    context.commands.push(PinHighlight{HighlightSource::of_element(view_index, flat), true});
  }
  // A refused paint is explained under the picture, as a refused element edit is under its cell.
  if (paint_ && state.refusal && state.refusal->where == HighlightSource::of_element(view_index, painted_flat_))
    refusal_note(state.refusal->message, view_.drawn_min().x, view_.pixel_centre(painted_.y, painted_.x).x);
}

}  // namespace bufferlab
