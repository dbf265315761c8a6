// The window's model: views derived from the snapshot, highlight computation, flashes, transcript.
#include "app/controller/app_state.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <unordered_set>

#include "core/elements_in_range.h"

namespace bufferlab {

namespace {

void merge_ranges(std::vector<std::pair<std::uintptr_t, std::uintptr_t>>& ranges) {
  std::sort(ranges.begin(), ranges.end());
  std::vector<std::pair<std::uintptr_t, std::uintptr_t>> merged;
  for (const auto& r : ranges) {
    if (!merged.empty() && r.first <= merged.back().second)
      merged.back().second = std::max(merged.back().second, r.second);
    else
      merged.push_back(r);
  }
  ranges = std::move(merged);
}

bool is_identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Whether `name` occurs in Python source as a whole identifier.
bool mentions(const std::string& source, const std::string& name) {
  for (std::size_t at = source.find(name); at != std::string::npos; at = source.find(name, at + 1)) {
    const bool starts = at == 0 || !is_identifier_char(source[at - 1]);
    const std::size_t end = at + name.size();
    if (starts && (end == source.size() || !is_identifier_char(source[end]))) return true;
  }
  return false;
}

}  // namespace

std::vector<ExportHold> find_export_holds(const Snapshot& snapshot) {
  std::vector<ExportHold> holds;
  for (const SnapshotObject& object : snapshot.objects) {
    std::string previous_type = object.type_name, via;
    for (const ExporterLink& link : object.exporters) {
      const bool numpy_view = previous_type == "ndarray" && link.type_name == "ndarray";
      if (!link.name.empty() && link.name != object.name) {
        if (!numpy_view) holds.push_back({object.name, link.name, via});
        if (via.empty()) via = link.name;
      }
      previous_type = link.type_name;
    }
  }
  return holds;
}

void NamePalette::assign(const std::vector<std::string>& live) {
  const std::unordered_set<std::string> alive(live.begin(), live.end());
  std::erase_if(slots_, [&](const auto& entry) { return !alive.contains(entry.first); });
  std::vector<bool> taken;
  for (const auto& entry : slots_) {
    const auto slot = static_cast<std::size_t>(entry.second);
    if (slot >= taken.size()) taken.resize(slot + 1, false);
    taken[slot] = true;
  }
  // Slots are only taken below, so the lowest free one only moves up: one pass for all names.
  std::size_t free = 0;
  for (const std::string& name : live) {
    if (slots_.contains(name)) continue;
    while (free < taken.size() && taken[free]) ++free;
    slots_.emplace(name, static_cast<int>(free));
    if (free >= taken.size()) taken.resize(free + 1, false);
    taken[free] = true;
  }
}

int NamePalette::slot_of(const std::string& name) const {
  const auto it = slots_.find(name);
  return it == slots_.end() ? -1 : it->second;
}

bool Highlight::has_element(int view, std::int64_t flat) const {
  if (view < 0 || view >= static_cast<int>(elements.size())) return false;
  const auto& list = elements[view];
  return std::binary_search(list.begin(), list.end(), flat);
}

bool Highlight::is_element_byte(int region_index, std::uintptr_t address) const {
  if (region_index != region) return false;
  auto it = std::upper_bound(element_bytes.begin(), element_bytes.end(),
                             std::make_pair(address, UINTPTR_MAX));
  if (it == element_bytes.begin()) return false;
  --it;
  return address >= it->first && address < it->second;
}

std::uintptr_t element_address(const DisplayView& view, std::int64_t flat) {
  return static_cast<std::uintptr_t>(static_cast<std::int64_t>(view.facts.address) +
                                     offset_of_flat(view.facts, flat));
}

int AppState::view_index(const std::string& name) const {
  const auto it = view_by_name_.find(name);
  return it == view_by_name_.end() ? -1 : it->second;
}

const std::vector<int>& AppState::views_of_region(int region) const {
  static const std::vector<int> none;
  return region >= 0 && region < static_cast<int>(region_views_.size()) ? region_views_[static_cast<std::size_t>(region)]
                                                                         : none;
}

std::vector<const ExportHold*> AppState::holds_on(const std::string& exporter) const {
  std::vector<const ExportHold*> found;
  if (const auto it = holds_on_.find(exporter); it != holds_on_.end())
    for (std::size_t i : it->second) found.push_back(&export_holds[i]);
  return found;
}

std::vector<const ExportHold*> AppState::holds_by(const std::string& holder) const {
  std::vector<const ExportHold*> found;
  if (const auto it = holds_by_.find(holder); it != holds_by_.end())
    for (std::size_t i : it->second) found.push_back(&export_holds[i]);
  return found;
}

void AppState::index_views() {
  ++views_generation_;
  view_by_name_.clear();
  view_by_name_.reserve(views.size());
  region_views_.assign(snapshot.regions.size(), {});
  for (std::size_t v = 0; v < views.size(); ++v) {
    view_by_name_.emplace(views[v].name, static_cast<int>(v));  // the first of a name wins
    const int region = views[v].region;
    if (region >= 0 && region < static_cast<int>(region_views_.size()))
      region_views_[static_cast<std::size_t>(region)].push_back(static_cast<int>(v));
  }
  holds_on_.clear();
  holds_by_.clear();
  for (std::size_t i = 0; i < export_holds.size(); ++i) {
    holds_on_[export_holds[i].exporter].push_back(i);
    holds_by_[export_holds[i].holder].push_back(i);
  }
}

bool AppState::blocks_resizing(const std::string& holder) const {
  for (const ExportHold* hold : holds_by(holder))
    if (std::find(resize_refused_on.begin(), resize_refused_on.end(), hold->exporter) != resize_refused_on.end())
      return true;
  return false;
}

void AppState::note_refused_resize(const std::string& cell_source) {
  resize_refused_on.clear();
  std::vector<std::string> exporters;
  for (const ExportHold& hold : export_holds)
    if (std::find(exporters.begin(), exporters.end(), hold.exporter) == exporters.end())
      exporters.push_back(hold.exporter);
  for (const std::string& exporter : exporters)
    if (mentions(cell_source, exporter)) resize_refused_on.push_back(exporter);
  if (resize_refused_on.empty()) resize_refused_on = std::move(exporters);
}

void AppState::rebuild_views() {
  views.clear();
  export_holds = find_export_holds(snapshot);
  for (std::size_t i = 0; i < snapshot.objects.size(); ++i) {
    const SnapshotObject& object = snapshot.objects[i];
    DisplayView view;
    // Shown as repr shows it ("a\\x00b"); edits address the object by index, not by this text.
    view.name = object.display_name.empty() ? object.name : object.display_name;
    view.type_name = object.type_name;
    view.facts = object.facts;
    view.object_index = static_cast<int>(i);
    view.region = object.region;
    view.offset_in_region = object.offset;
    views.push_back(std::move(view));
  }
  // Reinterpretations follow their region by address; ones whose region is gone are dropped.
  std::vector<Reinterpretation> kept;
  for (const Reinterpretation& re : reinterpretations) {
    int region = -1;
    for (const Region& r : snapshot.regions)
      if (r.address == re.region_address) region = r.id;
    if (region < 0) continue;
    const Region& r = snapshot.regions[region];
    auto parsed = parse_format(re.format);
    if (!std::holds_alternative<ElementFormat>(parsed)) continue;
    const auto itemsize = static_cast<std::int64_t>(std::get<ElementFormat>(parsed).itemsize);
    if (itemsize <= 0 || re.offset < 0 || re.offset >= r.size) continue;
    DisplayView view;
    view.reinterpretation = static_cast<int>(kept.size());
    view.name = "as '" + re.format + "' @" + std::to_string(re.offset);
    view.type_name = "view as";
    view.facts.address = r.address + static_cast<std::uintptr_t>(re.offset);
    view.facts.format = re.format;
    view.facts.itemsize = itemsize;
    view.facts.ndim = 1;
    view.facts.shape = {(r.size - re.offset) / itemsize};
    view.facts.strides = {itemsize};
    view.facts.len = view.facts.shape[0] * itemsize;
    // Writable when some writable object in the region could carry the write.
    view.facts.readonly = true;
    for (int o : r.objects)
      if (!snapshot.objects[o].facts.readonly) view.facts.readonly = false;
    view.facts.c_contiguous = view.facts.f_contiguous = true;
    view.region = region;
    view.offset_in_region = re.offset;
    kept.push_back(re);
    views.push_back(std::move(view));
  }
  reinterpretations = std::move(kept);

  std::vector<std::string> live_names;
  for (const DisplayView& view : views) live_names.push_back(view.name);
  palette.assign(live_names);
  for (DisplayView& view : views) {
    view.colour_slot = palette.slot_of(view.name);
    view.colour = name_colour(name_colours, view.colour_slot);
    // Objects are read as their export lays them out (itemsize included); a "view as" format
    // is the user's own, read as it is written.
    auto parsed = view.is_reinterpretation() ? parse_format(view.facts.format)
                                             : parse_format_of_export(view.facts.format, view.facts.itemsize);
    if (auto* format = std::get_if<ElementFormat>(&parsed))
      view.format = std::move(*format);
    else
      view.format_error = std::get<FormatError>(parsed).message;
  }

  index_views();
  const int previous = selected_view;
  selected_view = view_index(selected_view_name);
  if (selected_view < 0 && !views.empty()) {
    selected_view = 0;
    selected_view_name = views[0].name;
  }
  if (selected_view != previous || selected_view < 0 ||
      selected_element >= views[selected_view].facts.element_count())
    selected_element = -1;
  // The walk follows its view by name; hover and pin refer to indices that may mean something
  // else now.
  stride_walk.follow_views(views);
  // The byte selection follows its region by address, while the region still holds it.
  if (byte_selection) {
    const ByteSelection kept = *byte_selection;
    byte_selection.reset();
    for (const Region& r : snapshot.regions)
      if (r.address == kept.region_address) select_bytes(r.id, kept.anchor, kept.focus);
  }
  hover = {};
  pinned = {};
  highlight = {};
}

void AppState::set_name_colours(const NameColours& colours) {
  if (colours == name_colours) return;
  name_colours = colours;
  for (DisplayView& view : views) view.colour = name_colour(name_colours, view.colour_slot);
}

void AppState::select_view(int view, std::int64_t element) {
  if (view < 0 || view >= static_cast<int>(views.size())) return;
  selected_view = view;
  selected_view_name = views[view].name;
  selected_element = element;
}

void AppState::select_bytes(int region, std::uintptr_t anchor, std::uintptr_t focus) {
  if (region < 0 || region >= static_cast<int>(snapshot.regions.size())) return;
  const Region& r = snapshot.regions[static_cast<std::size_t>(region)];
  const auto inside = [&](std::uintptr_t address) {
    return address >= r.address && address - r.address < static_cast<std::uintptr_t>(r.size);
  };
  if (!inside(anchor) || !inside(focus)) return;
  byte_selection = ByteSelection{region, r.address, anchor, focus};
}

void AppState::toggle_pin(const HighlightSource& source) {
  pinned = (pinned == source) ? HighlightSource{} : source;
}

void AppState::update_highlight() {
  HighlightSource walked;
  if (stride_walk.flat() >= 0) walked = HighlightSource::of_element(stride_walk.view(), stride_walk.flat());
  const bool walk_leads = walked.kind != HighlightSource::Kind::None &&
                          (stride_walk.playing() || hover.kind == HighlightSource::Kind::None);
  const HighlightSource source = walk_leads ? walked : hover.kind != HighlightSource::Kind::None ? hover : pinned;
  Highlight result;
  result.source = source;
  result.pinned = !walk_leads && hover.kind == HighlightSource::Kind::None && pinned.kind != HighlightSource::Kind::None;

  if (source.kind == HighlightSource::Kind::Element) {
    const int v = source.element.view;
    if (v < 0 || v >= static_cast<int>(views.size()) || source.element.flat < 0 || source.element.count < 1 ||
        source.element.count > views[v].facts.element_count() - source.element.flat) {
      highlight = {};
      return;
    }
    result.region = views[v].region;
    // Several elements (a pixel's channels): the bytes from the first to the last of them.
    const auto itemsize = static_cast<std::uintptr_t>(views[v].facts.itemsize);
    result.begin = element_address(views[v], source.element.flat);
    result.end = result.begin + itemsize;
    for (std::int64_t k = 1; k < source.element.count; ++k) {
      const std::uintptr_t start = element_address(views[v], source.element.flat + k);
      result.begin = std::min(result.begin, start);
      result.end = std::max(result.end, start + itemsize);
    }
  } else if (source.kind == HighlightSource::Kind::Byte) {
    if (source.byte.region < 0 || source.byte.region >= static_cast<int>(snapshot.regions.size())) {
      highlight = {};
      return;
    }
    result.region = source.byte.region;
    result.begin = source.byte.address;
    result.end = source.byte.address + 1;
  } else {
    highlight = std::move(result);
    return;
  }

  // Every element of every view in the region that shares a byte with the source.
  result.elements.assign(views.size(), {});
  for (const int w : views_of_region(result.region)) {
    const DisplayView& view = views[static_cast<std::size_t>(w)];
    auto& list = result.elements[static_cast<std::size_t>(w)];
    std::int64_t budget = kHighlightElementLimit;
    for_elements_in_range(view.facts, result.begin, result.end,
                           [&](std::int64_t flat, std::int64_t offset) {
                             list.push_back(flat);
                             const auto start = static_cast<std::uintptr_t>(
                                 static_cast<std::int64_t>(view.facts.address) + offset);
                             result.element_bytes.emplace_back(
                                 start, start + static_cast<std::uintptr_t>(view.facts.itemsize));
                             return --budget > 0;
                           });
    std::sort(list.begin(), list.end());
  }
  merge_ranges(result.element_bytes);
  highlight = std::move(result);
}

void AppState::append_transcript(TranscriptLine::Kind kind, const std::string& text) {
  std::size_t start = 0;
  // Output continues the last line when it did not end with a newline and has the same kind.
  bool continue_last = !transcript.empty() && transcript.back().kind == kind &&
                       (kind == TranscriptLine::Kind::Output || kind == TranscriptLine::Kind::Error) &&
                       !transcript.back().text.empty() && transcript.back().text.back() != '\n';
  while (start <= text.size()) {
    const std::size_t newline = text.find('\n', start);
    const std::size_t stop = newline == std::string::npos ? text.size() : newline + 1;
    std::string piece = text.substr(start, stop - start);
    if (piece.empty()) break;
    if (continue_last) {
      transcript.back().text += piece;
      continue_last = false;
    } else {
      transcript.push_back({kind, std::move(piece)});
    }
    start = stop;
  }
  if (transcript.size() > kTranscriptLineLimit)
    transcript.erase(transcript.begin(),
                     transcript.begin() + static_cast<std::ptrdiff_t>(transcript.size() -
                                                                      kTranscriptLineLimit));
}

void AppState::add_flash(std::uintptr_t begin, std::uintptr_t end, bool held) {
  if (begin < end) flashes.push_back({begin, end, time, held});
}

bool AppState::flashing(std::uintptr_t address, float* strength) const {
  bool found = false;
  float strongest = 0.0f;
  for (const FlashRange& f : flashes) {
    if (address < f.begin || address >= f.end) continue;
    const double age = time - f.start_time;
    float level = static_cast<float>(std::clamp(1.0 - age / kFlashSeconds, 0.0, 1.0));
    if (f.held) level = std::max(level, kHeldStrength);
    strongest = std::max(strongest, level);
    found = true;
  }
  if (strength) *strength = strongest;
  return found;
}

void AppState::clear_lesson_marks() {
  std::erase_if(flashes, [](const FlashRange& f) { return f.held; });
  lesson_range.reset();
}

void AppState::expire(double now) {
  time = now;
  std::erase_if(flashes, [&](const FlashRange& f) { return !f.held && now - f.start_time > kFlashSeconds; });
  if (refusal && now - refusal->time > kRefusalSeconds) refusal.reset();
}

std::string format_size(std::int64_t bytes) {
  char text[64];
  if (bytes < 1024)
    std::snprintf(text, sizeof text, "%" PRId64 " B", bytes);
  else if (bytes < 1024 * 1024)
    std::snprintf(text, sizeof text, "%.1f KiB", bytes / 1024.0);
  else
    std::snprintf(text, sizeof text, "%.1f MiB", bytes / (1024.0 * 1024.0));
  return text;
}

std::string format_address(std::uintptr_t address) {
  char text[32];
  std::snprintf(text, sizeof text, "0x%" PRIxPTR, address);
  return text;
}

std::string index_text(const std::vector<std::int64_t>& index) {
  if (index.empty()) return "[()]";
  std::string text = "[";
  for (std::size_t k = 0; k < index.size(); ++k) text += (k ? ", " : "") + std::to_string(index[k]);
  return text + "]";
}

std::string format_shape(const std::vector<std::int64_t>& values) {
  std::string text = "(";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) text += ", ";
    text += std::to_string(values[i]);
  }
  if (values.size() == 1) text += ",";
  return text + ")";
}

}  // namespace bufferlab
