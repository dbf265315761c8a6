// The window's model: the snapshot on show, the views drawn from it (objects and "view as"
// reinterpretations), one colour per name, and what the user selected, hovered and pinned.
// Panes read it while drawing (a const reference) and ask for changes with commands; only the
// workbench changes it, between frames. No Python, no ImGui, no GL.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/controller/colour.h"
#include "app/controller/edit_history.h"
#include "app/controller/stride_walk_player.h"
#include "core/minimap_data.h"
#include "core/console_input.h"
#include "core/format/format_codec.h"
#include "core/lesson/lesson.h"
#include "core/edit/memory_provider.h"
#include "core/snapshot.h"

namespace bufferlab {

// One buffer view as the panes show it: a snapshot object, or a region reinterpreted with
// another format ("view as").
struct DisplayView {
  std::string name;
  std::string type_name;
  BufferFacts facts;
  std::optional<ElementFormat> format;  // empty when the codec cannot parse facts.format
  std::string format_error;
  int object_index = -1;  // into Snapshot::objects; -1 for a reinterpretation
  int reinterpretation = -1;  // into AppState::reinterpretations, or -1
  int region = -1;
  int colour_slot = -1;  // the name's slot in AppState::palette
  Rgba colour = 0;       // the slot's colour in the theme on show
  bool is_reinterpretation() const { return reinterpretation >= 0; }
  std::int64_t offset_in_region = 0;
};

// "View as": a region (found again after each cell by its address) read with another format.
struct Reinterpretation {
  std::uintptr_t region_address = 0;
  std::int64_t offset = 0;
  std::string format;  // with its byte-order prefix, e.g. "<H"
};

struct ElementRef {
  int view = -1;
  std::int64_t flat = -1;  // C-order flat index
  std::int64_t count = 1;  // elements flat .. flat + count - 1: a pixel's channels are several
  bool operator==(const ElementRef&) const = default;
  bool contains(int v, std::int64_t f) const { return v == view && f >= flat && f - flat < count; }
};

struct ByteRef {
  int region = -1;
  std::uintptr_t address = 0;
  bool operator==(const ByteRef&) const = default;
};

// What the pointer is on (or what a click pinned): an element of a view, or a byte of a region.
struct HighlightSource {
  enum class Kind { None, Element, Byte };
  Kind kind = Kind::None;
  ElementRef element;
  ByteRef byte;
  bool operator==(const HighlightSource&) const = default;
  static HighlightSource of_element(int view, std::int64_t flat, std::int64_t count = 1) {
    return {Kind::Element, {view, flat, count}, {}};
  }
  static HighlightSource of_byte(int region, std::uintptr_t address) {
    return {Kind::Byte, {}, {region, address}};
  }
};

// The highlight the panes draw, computed once per frame from the hover (or the pin).
struct Highlight {
  HighlightSource source;
  bool pinned = false;
  int region = -1;
  std::uintptr_t begin = 0, end = 0;  // the source's own bytes (the element or the byte)
  // Per view: flat indices of the highlighted elements, sorted.
  std::vector<std::vector<std::int64_t>> elements;
  // Bytes of every highlighted element, as sorted, merged address ranges.
  std::vector<std::pair<std::uintptr_t, std::uintptr_t>> element_bytes;

  bool active() const { return source.kind != HighlightSource::Kind::None; }
  bool is_source_element(int view, std::int64_t flat) const {
    return source.kind == HighlightSource::Kind::Element && source.element.contains(view, flat);
  }
  bool has_element(int view, std::int64_t flat) const;
  bool is_source_byte(int region_index, std::uintptr_t address) const {
    return region_index == region && address >= begin && address < end;
  }
  bool is_element_byte(int region_index, std::uintptr_t address) const;
};

// Bytes selected in a grid (a click, a drag, Shift+click): what the data inspector reads. The
// region is found again by its address after each snapshot; the selection goes with it.
struct ByteSelection {
  int region = -1;
  std::uintptr_t region_address = 0;
  std::uintptr_t anchor = 0, focus = 0;  // where it started and the byte it reaches (both in it)
  std::uintptr_t begin() const { return anchor < focus ? anchor : focus; }
  std::uintptr_t end() const { return (anchor < focus ? focus : anchor) + 1; }
  std::int64_t size() const { return static_cast<std::int64_t>(end() - begin()); }
  bool contains(int region_index, std::uintptr_t address) const {
    return region_index == region && address >= begin() && address < end();
  }
};

// An edit that was refused, shown where it was typed until the next edit or a few seconds.
struct ShownRefusal {
  std::string message;
  HighlightSource where;  // the element or byte that was being edited
  double time = 0.0;
};

// Bytes that changed in the last edit or cell, flashing briefly; a lesson step's changes are
// held (still marked after the flash) until the next step.
struct FlashRange {
  std::uintptr_t begin = 0, end = 0;
  double start_time = 0.0;
  bool held = false;
};

// What running a lesson step did, for the lesson pane.
struct LessonStepRun {
  bool raised = false;
  std::string error_type;
  std::optional<std::string> problem;  // step_outcome_problem(): empty when it went as intended
  std::string output;                  // stdout, then stderr: the answer when none is written
  std::string highlight_note;          // why the step's highlight could not be shown, if so
  std::vector<BarReading> bars;        // the bars directive's values read from stdout
};

// A name whose object holds a buffer export on another name's object, so that object cannot be
// resized while it lives: a memoryview on its .obj, or anything reaching it through an unnamed
// link (numpy keeps a memoryview of a bytearray as its base). A numpy view of a numpy array
// holds a reference, not an export.
struct ExportHold {
  std::string holder;    // "mv"
  std::string exporter;  // "buf"
  std::string via;       // a named link in between ("a" for a view of a view), or empty
  bool operator==(const ExportHold&) const = default;
};

// Every export hold between top-level names, from the snapshot's exporter chains.
std::vector<ExportHold> find_export_holds(const Snapshot& snapshot);

// A built-in lesson for the picker.
struct LessonEntry {
  std::string path;
  std::string title;
};

// The lesson on show. Changed only by the workbench; the lesson pane reads it.
struct LessonState {
  std::optional<Lesson> lesson;
  int step = 0;  // index into lesson->steps
  // Changes whenever a lesson is opened or restarted: the pane drops its code edits then.
  std::uint64_t generation = 0;
  std::vector<std::optional<LessonStepRun>> runs;  // per step; empty until it has run
  int running_step = -1;                           // the step whose cell is running, or -1
  std::string load_error;                          // the last lesson that could not be opened
  std::vector<LessonEntry> catalog;                // built-in lessons, in order

  int step_count() const { return lesson ? static_cast<int>(lesson->steps.size()) : 0; }
  const LessonStep* current() const {
    return lesson && step >= 0 && step < step_count() ? &lesson->steps[static_cast<std::size_t>(step)] : nullptr;
  }
  const LessonStepRun* current_run() const {
    return step >= 0 && step < static_cast<int>(runs.size()) && runs[static_cast<std::size_t>(step)]
               ? &*runs[static_cast<std::size_t>(step)]
               : nullptr;
  }
};

// The byte window a lesson step's highlight directive marks, until the next step.
struct LessonByteRange {
  int region = -1;
  std::uintptr_t begin = 0, end = 0;
  std::string label;  // "buffer_bytes[8:12]"
  bool contains(int region_index, std::uintptr_t address) const {
    return region_index == region && address >= begin && address < end;
  }
};

struct TranscriptLine {
  enum class Kind { Input, Output, Error, Info };
  Kind kind = Kind::Output;
  std::string text;
};

// A colour slot per live name, so names on screen together never share a colour: a new name
// takes the lowest slot no live name holds, a name keeps its slot while it lives, and a slot is
// free again once its name has gone. A fresh namespace starts again from slot 0.
class NamePalette {
 public:
  // The names now alive: the others' slots are freed, then each new name gets the lowest free one.
  void assign(const std::vector<std::string>& live);
  int slot_of(const std::string& name) const;  // -1 for a name without a slot
  void start_again() { slots_.clear(); }

 private:
  std::map<std::string, int> slots_;
};

class AppState {
 public:
  // The snapshot and the views derived from it.
  Snapshot snapshot;
  std::vector<DisplayView> views;
  std::vector<Reinterpretation> reinterpretations;
  NamePalette palette;
  NameColours name_colours;  // the theme's, set by whoever applies the theme
  std::map<std::uintptr_t, MinimapData> minimaps;  // by region address
  std::vector<ExportHold> export_holds;             // from the snapshot, with the views
  // After a cell that raised BufferError, until the next cell: the names whose resize was
  // refused (as far as the cell's source tells), so the panes can point at the holders.
  std::vector<std::string> resize_refused_on;

  // Live memory: set only while no cell runs (panes must check for null).
  MemoryProvider* memory = nullptr;
  // Also true while Python is starting (python_starting): nothing can read or write memory yet.
  bool cell_running = false;
  // The window opened before Python: console input is kept and runs once it is ready.
  bool python_starting = false;
  double cell_started = 0.0;

  // Selection, hover (reported by panes during a frame, adopted at the start of the next) and pin.
  std::string selected_view_name;
  int selected_view = -1;
  std::int64_t selected_element = -1;  // flat index in the selected view, or -1
  HighlightSource hover;               // what a pane reported hovered in the last frame
  HighlightSource pinned;
  Highlight highlight;                 // what panes draw this frame
  // The stride walk on a card: while it plays its element is the highlight source; paused, the
  // hover goes first and the walk's element comes back when the pointer leaves.
  StrideWalkPlayer stride_walk;

  std::optional<ByteSelection> byte_selection;

  std::optional<ShownRefusal> refusal;
  std::vector<FlashRange> flashes;
  // Edits made in the panes, to undo and redo, and who last wrote each byte (cells included).
  UndoHistory undo;
  WriteLog write_log;

  // Lessons.
  LessonState lesson;
  std::optional<LessonByteRange> lesson_range;
  // With a lesson open, PageUp/PageDown step the lesson (a presentation clicker sends them),
  // so the grids leave them alone.
  bool lesson_takes_paging_keys() const { return lesson.lesson.has_value(); }

  // Console.
  std::vector<TranscriptLine> transcript;
  ConsoleInput console_input;  // the open block and the history
  bool continuation() const { return console_input.continuation(); }

  double time = 0.0;

  // Rebuilds views from the snapshot and the reinterpretations, keeping the selection by name.
  void rebuild_views();
  // The theme changed: views keep their slots and take the new theme's colours.
  void set_name_colours(const NameColours& colours);
  // Recomputes `highlight` from the playing walk, the hover, the paused walk or the pin (the
  // first there is).
  void update_highlight();
  void select_view(int view, std::int64_t element = -1);
  void toggle_pin(const HighlightSource& source);
  // Selects the bytes from `anchor` to `focus` (both included, either order) of a region; out of
  // the region, nothing changes.
  void select_bytes(int region, std::uintptr_t anchor, std::uintptr_t focus);
  int view_index(const std::string& name) const;  // the first view of that name, or -1
  // Indexes built with the views, so that panes look things up without scanning every name.
  // The views of a region, in view order (empty for an unknown region).
  const std::vector<int>& views_of_region(int region) const;
  // Changes whenever the views are rebuilt: panes key what they cache per view on it.
  std::uint64_t views_generation() const { return views_generation_; }
  // The holds on `exporter`'s object, and whether `holder` holds an export that blocked the last
  // cell's resize.
  std::vector<const ExportHold*> holds_on(const std::string& exporter) const;
  std::vector<const ExportHold*> holds_by(const std::string& holder) const;
  bool blocks_resizing(const std::string& holder) const;
  // The last cell raised BufferError: the exporters it names (all that have holders, when it
  // names none) are the ones whose resize was refused.
  void note_refused_resize(const std::string& cell_source);

  // Transcript helpers: text may hold several lines; output continues an unfinished line.
  void append_transcript(TranscriptLine::Kind kind, const std::string& text);
  void add_flash(std::uintptr_t begin, std::uintptr_t end, bool held = false);
  // Whether the byte is marked as changed; `strength` fades from 1 to kHeldStrength (held
  // marks) or 0 (flashes, which then expire).
  bool flashing(std::uintptr_t address, float* strength) const;
  // The next lesson step starts: held marks and the lesson window go.
  void clear_lesson_marks();
  void expire(double now);

  static constexpr double kFlashSeconds = 1.2;
  static constexpr float kHeldStrength = 0.45f;
  static constexpr double kRefusalSeconds = 6.0;
  static constexpr std::size_t kTranscriptLineLimit = 20000;
  static constexpr std::int64_t kHighlightElementLimit = 4096;  // per view

 private:
  void index_views();

  std::uint64_t views_generation_ = 0;
  std::unordered_map<std::string, int> view_by_name_;
  std::vector<std::vector<int>> region_views_;
  // Indices into export_holds, by exporter and by holder.
  std::unordered_map<std::string, std::vector<std::size_t>> holds_on_, holds_by_;
};

// Absolute address of a view's element.
std::uintptr_t element_address(const DisplayView& view, std::int64_t flat);

// Human-readable byte counts: "20 B", "95.4 MiB".
std::string format_size(std::int64_t bytes);
std::string format_address(std::uintptr_t address);
std::string format_shape(const std::vector<std::int64_t>& values);
// An element's index as Python subscripts it: "[1, 2]", and "[()]" for a 0-d view.
std::string index_text(const std::vector<std::int64_t>& index);

}  // namespace bufferlab
