// The stride walk in the real workbench: its controls on a card step a numpy view through the
// addresses numpy gives its elements (transposed, reversed, broadcast, along one dimension),
// the byte grid and the cards mark the element on show, the Py_buffer pane writes its
// arithmetic, playing advances with the frames' clock and asks for no frame once paused, and
// the walk ends when its view goes. The player itself is driven with an explicit clock.
#include <doctest/doctest.h>

#include <cstdint>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "app/controller/stride_walk_player.h"
#include "tests/gui/test_gui_harness.h"
#include "tests/support/facts_builder.h"

using namespace bufferlab;
using bufferlab::testing::GuiHarness;

namespace {

// What one console line printed.
std::string output_of(GuiHarness& h, const std::string& line) {
  const std::size_t before = h.state().transcript.size();
  h.submit(line);
  std::string text;
  const auto& transcript = h.state().transcript;
  for (std::size_t i = before; i < transcript.size(); ++i)
    if (transcript[i].kind == TranscriptLine::Kind::Output) text += transcript[i].text;
  return text;
}

std::vector<std::uintptr_t> numbers(const std::string& text) {
  std::vector<std::uintptr_t> values;
  std::istringstream in(text);
  for (unsigned long long value = 0; in >> value;) values.push_back(static_cast<std::uintptr_t>(value));
  return values;
}

// The addresses numpy gives the elements of `name`, in C order.
std::vector<std::uintptr_t> numpy_addresses(GuiHarness& h, const std::string& name) {
  return numbers(output_of(h, "print(*(" + name + "[i + (Ellipsis,)].__array_interface__['data'][0] for i in np.ndindex(" +
                                  name + ".shape)))"));
}

const RecordedItem* item(GuiHarness& h, const std::string& label) {
  for (const RecordedItem& recorded : h.probe().ui.items)
    if (recorded.label == label) return &recorded;
  return nullptr;
}

void click_item(GuiHarness& h, const std::string& label) {
  const RecordedItem* found = item(h, label);
  INFO(label);
  REQUIRE(found != nullptr);
  h.click(GuiHarness::centre(found->min, found->max));
  h.frame();  // the command the click queued is carried out
}

template <typename C>
void push(GuiHarness& h, C command) {
  h.workbench().commands().push(std::move(command));
}

bool noted(GuiHarness& h, const std::string& pane, const std::string& text) {
  for (const DrawnNote& note : h.probe().notes)
    if (note.pane == pane && note.text.find(text) != std::string::npos) return true;
  return false;
}

// Starts the walk on `name`'s card with its button, then pauses it so the test steps it.
void start_paused(GuiHarness& h, const std::string& name) {
  push(h, SelectView{h.view(name)});
  for (int i = 0; i < 8; ++i) h.frame();  // the card scrolls into sight over a few frames
  // The card's button: the first one on or under the card's name line in the Views pane.
  DrawnPane views;
  for (const DrawnPane& pane : h.probe().panes)
    if (pane.title == "Views") views = pane;
  const auto in_views = [&](const RecordedItem& recorded) {
    return recorded.min.x >= views.min.x && recorded.max.x <= views.max.x && recorded.min.y >= views.min.y &&
           recorded.max.y <= views.max.y;
  };
  const RecordedItem* card_name = nullptr;
  for (const RecordedItem& recorded : h.probe().ui.items)
    if (recorded.label == name && in_views(recorded)) card_name = &recorded;
  REQUIRE(card_name != nullptr);
  const RecordedItem* button = nullptr;
  for (const RecordedItem& recorded : h.probe().ui.items)
    if (recorded.label == "walk strides" && in_views(recorded) && recorded.min.y >= card_name->min.y - 2.0f &&
        (!button || recorded.min.y < button->min.y))
      button = &recorded;
  REQUIRE(button != nullptr);
  h.click(GuiHarness::centre(button->min, button->max));
  h.frame();  // the command the click queued is carried out
  REQUIRE(h.state().stride_walk.view() == h.view(name));
  push(h, PlayStrideWalk{false});
  h.frame();
  push(h, SeekStrideWalk{0});
  h.frame();
  REQUIRE_FALSE(h.state().stride_walk.playing());
}

}  // namespace

TEST_CASE("stride walk: stepping a transposed view marks the bytes at the addresses numpy gives") {
  GuiHarness h;
  h.submit("import numpy as np; a = np.arange(12, dtype=np.int32).reshape(3, 4); t = a.T");
  const std::vector<std::uintptr_t> expected = numpy_addresses(h, "t");
  REQUIRE(expected.size() == 12);
  start_paused(h, "t");
  const DisplayView& t = h.view_of("t");
  CHECK(t.facts.strides == std::vector<std::int64_t>{4, 16});
  for (std::size_t k = 0; k < expected.size(); ++k) {
    INFO("step " << k);
    const WalkStep& step = h.state().stride_walk.step();
    CHECK(step.position == static_cast<std::int64_t>(k));
    CHECK(step.address == expected[k]);
    // The element's bytes are the highlight's own: marked in the byte grid ...
    CHECK(h.state().highlight.begin == expected[k]);
    CHECK(h.state().highlight.end == expected[k] + 4);
    CHECK(h.byte_highlighted(expected[k]));
    CHECK(h.byte_highlighted(expected[k] + 3));
    // ... and on the cards: t's element and a's element that shares its bytes (a[j, i]).
    const std::int64_t i = static_cast<std::int64_t>(k) / 3, j = static_cast<std::int64_t>(k) % 3;
    CHECK(h.highlighted("t", static_cast<std::int64_t>(k)));
    CHECK(h.highlighted("a", j * 4 + i));
    if (k + 1 < expected.size()) click_item(h, "step forward");
  }
  CHECK(h.state().stride_walk.at_end());
  // Back one step: the previous element again; a jump across a row of t is backwards.
  click_item(h, "step back");
  CHECK(h.state().stride_walk.step().address == expected[10]);
  push(h, SeekStrideWalk{3});
  h.frame();
  CHECK(h.state().stride_walk.step().jump == -28);
  CHECK(noted(h, "Views", "-28 bytes (backwards)"));
  click_item(h, "restart walk");
  CHECK(h.state().stride_walk.position() == 0);
}

TEST_CASE("stride walk: a reversed view walks backwards through memory, a stepped one skips") {
  GuiHarness h;
  h.submit("import numpy as np; base = np.arange(6, dtype=np.int16); r = base[::-1]; s = base[::2]");
  const std::vector<std::uintptr_t> skipping = numpy_addresses(h, "s");
  REQUIRE(skipping.size() == 3);
  push(h, StartStrideWalk{h.view("s")});
  push(h, StepStrideWalk{1});
  h.frame();
  CHECK(h.state().stride_walk.step().address == skipping[1]);
  CHECK(skipping[1] == skipping[0] + 4);
  CHECK(noted(h, "Views", "+4 bytes"));

  const std::vector<std::uintptr_t> expected = numpy_addresses(h, "r");
  REQUIRE(expected.size() == 6);
  start_paused(h, "r");
  for (std::size_t k = 0; k < expected.size(); ++k) {
    INFO("step " << k);
    CHECK(h.state().stride_walk.step().address == expected[k]);
    CHECK(h.byte_highlighted(expected[k]));
    if (k > 0) {
      CHECK(expected[k] + 2 == expected[k - 1]);
      CHECK(h.state().stride_walk.step().jump == -2);
      CHECK(noted(h, "Views", "-2 bytes (backwards)"));
    }
    push(h, StepStrideWalk{1});
    h.frame();
  }
}

TEST_CASE("stride walk: a broadcast view (stride 0) visits the same bytes again") {
  GuiHarness h;
  h.submit("import numpy as np; row = np.arange(3, dtype=np.int32); b = np.broadcast_to(row, (2, 3))");
  const std::vector<std::uintptr_t> expected = numpy_addresses(h, "b");
  REQUIRE(expected.size() == 6);
  CHECK(expected[3] == expected[0]);
  start_paused(h, "b");
  push(h, SeekStrideWalk{3});
  h.frame();
  const WalkStep& step = h.state().stride_walk.step();
  CHECK(step.address == expected[3]);
  CHECK(step.revisits_via_zero_stride);
  CHECK(h.byte_highlighted(expected[0]));
  CHECK(noted(h, "Views", "-8 bytes (backwards): to bytes visited before"));
  CHECK(noted(h, "Py_buffer", "visited before"));
  // Along the broadcast dimension every step is the same element's bytes: a jump of 0.
  push(h, ChooseWalkDimension{0});
  h.frame();
  CHECK(h.state().stride_walk.size() == 2);
  CHECK(h.state().stride_walk.step().jump == 0);
  CHECK(noted(h, "Views", "+0 bytes: the same bytes again"));
}

TEST_CASE("stride walk: a 0-d view's one element is named as Python subscripts it") {
  CHECK(index_text({}) == "[()]");
  CHECK(index_text({2, 0}) == "[2, 0]");
  GuiHarness h;
  h.submit("import numpy as np; z = np.array(7, dtype=np.int16)");
  start_paused(h, "z");
  CHECK(noted(h, "Views", "z[()]"));
}

TEST_CASE("stride walk: along one chosen dimension, the other indices held where the selected element is") {
  GuiHarness h;
  h.submit("import numpy as np; a = np.arange(12, dtype=np.int32).reshape(3, 4)");
  const std::vector<std::uintptr_t> all = numpy_addresses(h, "a");
  REQUIRE(all.size() == 12);
  // Row 1 (a[1, 2] selected), walked along dimension 1: a[1, 0] .. a[1, 3].
  push(h, SelectView{h.view("a"), 6});
  h.frame();
  push(h, StartStrideWalk{h.view("a"), 1});
  push(h, PlayStrideWalk{false});
  h.frame();
  StrideWalkPlayer& walk = h.state().stride_walk;
  REQUIRE(walk.dimension() == 1);
  REQUIRE(walk.size() == 4);
  for (std::int64_t j = 0; j < 4; ++j) {
    CHECK(walk.step().index == std::vector<std::int64_t>{1, j});
    CHECK(walk.step().address == all[static_cast<std::size_t>(4 + j)]);
    CHECK(h.highlighted("a", 4 + j));
    push(h, StepStrideWalk{1});
    h.frame();
  }
  // Choosing dimension 0 keeps the element on show (a[1, 3]): its column, at row 1.
  push(h, ChooseWalkDimension{0});
  h.frame();
  CHECK(walk.dimension() == 0);
  CHECK(walk.size() == 3);
  CHECK(walk.step().index == std::vector<std::int64_t>{1, 3});
  CHECK(walk.step().address == all[7]);
  push(h, StepStrideWalk{1});
  h.frame();
  CHECK(walk.step().address == all[11]);
  CHECK(walk.step().jump == 16);
  CHECK(noted(h, "Py_buffer", "along dim 0"));
  // A click on another element moves the walk to the line through it.
  push(h, SelectView{h.view("a"), 1});  // a[0, 1]
  h.frame();
  CHECK(walk.step().index == std::vector<std::int64_t>{0, 1});
  CHECK(walk.position() == 0);
  // Back to C order from there: the element's flat index is its step.
  push(h, ChooseWalkDimension{-1});
  h.frame();
  CHECK(walk.dimension() == -1);
  CHECK(walk.position() == 1);
}

TEST_CASE("stride walk: playing steps with the clock, and a paused walk asks for no frames") {
  GuiHarness h;  // frames come 1/60 s apart on the harness's own clock
  h.submit("import numpy as np; t = np.arange(12, dtype=np.int32).reshape(3, 4).T");
  push(h, StartStrideWalk{h.view("t")});
  push(h, SetStrideWalkSpeed{2.0});
  h.frame();
  StrideWalkPlayer& walk = h.state().stride_walk;
  REQUIRE(walk.playing());
  REQUIRE(h.workbench().next_frame_at().has_value());
  const std::int64_t start = walk.position();
  for (int i = 0; i < 60; ++i) h.frame();  // one second: two steps at 2 steps a second
  CHECK(walk.position() == start + 2);
  click_item(h, "pause walk");
  CHECK_FALSE(walk.playing());
  h.frame();
  CHECK_FALSE(h.workbench().next_frame_at().has_value());
  CHECK_FALSE(h.workbench().animating());
  const std::int64_t paused_at = walk.position();
  for (int i = 0; i < 120; ++i) h.frame();
  CHECK(walk.position() == paused_at);
  click_item(h, "play walk");
  CHECK(walk.playing());
  CHECK(h.workbench().next_frame_at().has_value());
  click_item(h, "stop walk");
  CHECK_FALSE(walk.active());
  CHECK_FALSE(h.workbench().next_frame_at().has_value());
  CHECK(item(h, "walk strides") != nullptr);
}

TEST_CASE("stride walk: every card offers the walk on its name line, so selecting a card moves no rows") {
  GuiHarness h;
  h.submit("import numpy as np\nx = np.arange(4, dtype=np.int32)\ny = x * 10\n");
  const auto cell_top = [&](const char* name, std::int64_t flat) {
    const auto cell = h.element_cell(name, flat);
    REQUIRE(cell);
    return cell->min.y;
  };
  const float x_before = cell_top("x", 1), y_before = cell_top("y", 1);
  push(h, SelectView{h.view("x")});
  h.frame();
  h.frame();
  CHECK(cell_top("x", 1) == x_before);  // a double click's second click lands where the first did
  CHECK(cell_top("y", 1) == y_before);
  int buttons = 0;
  for (const RecordedItem& recorded : h.probe().ui.items) buttons += recorded.label == "walk strides";
  CHECK(buttons == 2);
}

TEST_CASE("stride walk: the walk ends when its view goes or changes shape, and follows a moved one") {
  GuiHarness h;
  h.submit("import numpy as np; a = np.arange(12, dtype=np.int32).reshape(3, 4); t = a.T");
  push(h, StartStrideWalk{h.view("t")});
  push(h, SeekStrideWalk{4});
  h.frame();
  StrideWalkPlayer& walk = h.state().stride_walk;
  REQUIRE(walk.active());

  // Rebound to a copy of the same shape and strides: the walk follows it to its new address.
  h.submit("t = np.arange(12, dtype=np.int32).reshape(3, 4).T.copy(order='F')");
  REQUIRE(walk.active());
  CHECK(walk.view() == h.view("t"));
  CHECK(walk.position() == 4);
  CHECK(walk.step().address == h.view_of("t").facts.address + 4 * 1 + 1 * 16);

  h.submit("t = t.reshape(12)");  // another shape
  CHECK_FALSE(walk.active());
  CHECK(h.state().highlight.source.kind == HighlightSource::Kind::None);

  push(h, StartStrideWalk{h.view("a")});
  h.frame();
  REQUIRE(walk.active());
  h.submit("del a");
  CHECK_FALSE(walk.active());
  CHECK_FALSE(h.workbench().next_frame_at().has_value());
}

TEST_CASE("stride walk: the card's table and the grid scroll to keep the walked element in sight") {
  GuiHarness h(ImVec2(1280, 720));
  h.submit("import numpy as np\nlong = np.arange(600, dtype=np.int32)\ngrid = np.arange(40 * 60, dtype=np.uint8).reshape(40, 60)\n");
  start_paused(h, "long");
  CHECK(h.element_cell("long", 0).has_value());
  CHECK_FALSE(h.element_cell("long", 550).has_value());
  const std::uintptr_t far_byte = h.view_of("long").facts.address + 550 * 4;
  CHECK_FALSE(h.byte_cell(far_byte).has_value());
  push(h, SeekStrideWalk{550});
  for (int i = 0; i < 3; ++i) h.frame();  // the region, then its rows
  CHECK(h.element_cell("long", 550).has_value());
  CHECK(h.byte_cell(far_byte).has_value());  // the grid follows too
  push(h, SeekStrideWalk{3});
  h.frame();
  h.frame();
  CHECK(h.element_cell("long", 3).has_value());

  // 2-D: the row and the column both follow (a 60-column table shows only some columns).
  start_paused(h, "grid");
  push(h, SeekStrideWalk{39 * 60 + 59});
  h.frame();
  h.frame();
  CHECK(h.element_cell("grid", 39 * 60 + 59).has_value());
}

TEST_CASE("stride walk: the Py_buffer pane writes the step's arithmetic") {
  GuiHarness h;
  h.submit("import numpy as np; a = np.arange(12, dtype=np.int32).reshape(3, 4); t = a.T");
  const std::vector<std::uintptr_t> expected = numpy_addresses(h, "t");
  start_paused(h, "t");
  push(h, SeekStrideWalk{5});  // t[1, 2]
  h.frame();
  REQUIRE(h.state().selected_view == h.view("t"));
  CHECK(noted(h, "Py_buffer", "Stride walk, step 6 of 12, C order"));
  CHECK(noted(h, "Py_buffer", "t[1, 2] is at"));
  CHECK(noted(h, "Py_buffer", "dim 0: index 1 * stride 4 = 4"));
  CHECK(noted(h, "Py_buffer", "dim 1: index 2 * stride 16 = 32"));
  CHECK(noted(h, "Py_buffer", "buf + 1*4 + 2*16 = buf + 36"));
  CHECK(noted(h, "Py_buffer", format_address(h.view_of("t").facts.address) + " + 36 = " + format_address(expected[5])));
  CHECK(noted(h, "Py_buffer", "jump from t[1, 1]: +16 bytes"));
  push(h, SeekStrideWalk{6});  // t[2, 0]: back to the next column of a's first row
  h.frame();
  CHECK(noted(h, "Py_buffer", "jump from t[1, 2]: -28 bytes (backwards)"));
}

TEST_CASE("stride walk player: an explicit clock drives it, and the end pauses it") {
  DisplayView view;
  view.name = "v";
  view.facts = bufferlab::testing::make_facts(0x1000, 8, {3}, {-8});
  StrideWalkPlayer walk;
  walk.start(view, 0, -1, {}, 10.0);
  walk.set_speed(2.0, 10.0);
  REQUIRE(walk.playing());
  CHECK(walk.next_step_at() == doctest::Approx(10.5));
  CHECK_FALSE(walk.advance(10.49));
  CHECK(walk.advance(10.5));
  CHECK(walk.position() == 1);
  CHECK(walk.step().address == 0x1000 - 8);
  CHECK(walk.jump_text() == "-8 bytes (backwards)");
  // A stall of many intervals gives one step, not a burst.
  CHECK(walk.advance(30.0));
  CHECK(walk.position() == 2);
  CHECK_FALSE(walk.playing());  // the last step: paused there, no more frames asked
  CHECK_FALSE(walk.next_step_at().has_value());
  walk.play(31.0);  // from the end: again from the first step
  CHECK(walk.position() == 0);
  CHECK(walk.next_step_at() == doctest::Approx(31.5));
  walk.step_by(-5);
  CHECK(walk.position() == 0);
  CHECK_FALSE(walk.playing());
  walk.step_by(INT64_MAX);
  CHECK(walk.position() == 2);
  walk.set_speed(100.0, 40.0);
  CHECK(walk.steps_per_second() == StrideWalkPlayer::kFastestStepsPerSecond);
  walk.stop();
  CHECK_FALSE(walk.active());
  CHECK(walk.flat() == -1);
}
