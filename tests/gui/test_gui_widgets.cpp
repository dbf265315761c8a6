// Headless tests of the reusable widgets alone (no app state, no Python): the byte grid over a
// plain vector of bytes and the element table over a list of texts, driven frame by frame.
#include <doctest/doctest.h>

#include <imgui.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/widgets/byte_grid.h"
#include "app/widgets/element_table.h"

namespace bufferlab::testing {

namespace {

constexpr int kKeyEscape = 256, kKeyEnter = 257, kKeyBackspace = 259;

// An ImGui context with the default font and one Begin/End covering the display, in which a
// test draws its widget every frame.
class WidgetFrames {
 public:
  explicit WidgetFrames(std::function<void()> draw) : draw_(std::move(draw)) {
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1000, 700);
    io.DeltaTime = 1.0f / 60.0f;
    io.KeyMap[ImGuiKey_Enter] = kKeyEnter;
    io.KeyMap[ImGuiKey_Escape] = kKeyEscape;
    io.KeyMap[ImGuiKey_Backspace] = kKeyBackspace;
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    frame();
    frame();
  }
  ~WidgetFrames() { ImGui::DestroyContext(context_); }
  WidgetFrames(const WidgetFrames&) = delete;
  WidgetFrames& operator=(const WidgetFrames&) = delete;

  void frame() {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("widgets", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
    draw_();
    ImGui::End();
    ImGui::Render();
  }
  void move_to(ImVec2 at) {
    ImGui::GetIO().MousePos = at;
    frame();
  }
  void click(ImVec2 at) {
    move_to(at);
    ImGui::GetIO().MouseDown[0] = true;
    frame();
    ImGui::GetIO().MouseDown[0] = false;
    frame();
  }
  void double_click(ImVec2 at) {
    click(at);
    ImGui::GetIO().MouseDown[0] = true;
    frame();
    ImGui::GetIO().MouseDown[0] = false;
    frame();
  }
  void type(const std::string& text) {
    for (char c : text) ImGui::GetIO().AddInputCharacter(static_cast<unsigned char>(c));
    frame();
  }
  void press(int key) {
    ImGui::GetIO().KeysDown[key] = true;
    frame();
    ImGui::GetIO().KeysDown[key] = false;
    frame();
  }

 private:
  ImGuiContext* context_ = nullptr;
  std::function<void()> draw_;
};

ImVec2 centre(ImVec2 min, ImVec2 max) { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }

// A byte grid's source over a vector: writes land in the vector, events are recorded.
class VectorBytes : public ByteGridSource {
 public:
  struct Cell {
    std::int64_t offset;
    std::string text;
    ImVec2 min, max;
  };

  std::vector<std::uint8_t> data;
  std::vector<Cell> cells;  // of the last frame
  std::optional<std::int64_t> hovered, clicked;
  std::vector<std::pair<std::int64_t, std::uint8_t>> writes;
  std::vector<std::pair<std::int64_t, std::string>> refused;  // edits not made, and why

  ByteRead read(std::int64_t offset, std::int64_t count, std::uint8_t* out) override {
    std::copy(data.begin() + offset, data.begin() + offset + count, out);
    return ByteRead::Ok;
  }
  void on_hover(std::int64_t offset) override { hovered = offset; }
  void on_click(std::int64_t offset) override { clicked = offset; }
  void on_edit_refused(std::int64_t offset, const std::string& why) override { refused.emplace_back(offset, why); }
  void on_write(std::int64_t offset, std::uint8_t value) override {
    writes.emplace_back(offset, value);
    data[static_cast<std::size_t>(offset)] = value;
  }
  void on_cell_drawn(const DrawnByte& cell) override { cells.push_back({cell.offset, cell.text, cell.min, cell.max}); }

  const Cell* cell(std::int64_t offset) const {
    for (const Cell& c : cells)
      if (c.offset == offset) return &c;
    return nullptr;
  }
};

struct GridUnderTest {
  ByteGrid grid;
  VectorBytes source;
  std::int64_t visible_rows = 4;
  WidgetFrames frames{[this] {
    source.cells.clear();
    source.hovered.reset();
    grid.draw(source, static_cast<std::int64_t>(source.data.size()), visible_rows, 900.0f);
  }};

  explicit GridUnderTest(std::size_t size) {
    for (std::size_t i = 0; i < size; ++i) source.data.push_back(static_cast<std::uint8_t>(i));
    frames.frame();
  }
};

}  // namespace

TEST_CASE("byte grid: rows of bytes_per_row cells, only the visible rows drawn") {
  GridUnderTest t(100);
  t.grid.bytes_per_row = 8;
  t.frames.frame();
  REQUIRE(t.source.cells.size() == 32);  // 4 rows of 8
  CHECK(t.source.cells.front().offset == 0);
  CHECK(t.source.cells.back().offset == 31);
  CHECK(t.source.cell(26)->text == "1a");
  // Offset 8 starts the second row: under offset 0, one row lower.
  const auto* first = t.source.cell(0);
  const auto* second_row = t.source.cell(8);
  CHECK(second_row->min.x == first->min.x);
  CHECK(second_row->min.y == doctest::Approx(first->min.y + ByteGrid::row_height()));
  CHECK(t.source.cell(7)->min.y == first->min.y);

  t.grid.bytes_per_row = 16;
  t.visible_rows = 3;
  t.frames.frame();
  CHECK(t.source.cells.size() == 48);
  CHECK(t.source.cell(16)->min.x == first->min.x);

  // Scrolled to offset 70: its row is on screen and nothing before the first visible row is.
  t.grid.go_to(70);
  t.frames.frame();
  REQUIRE(t.source.cell(70));
  CHECK(t.source.cells.front().offset == t.grid.first_visible_offset());
  CHECK(t.grid.first_visible_offset() > 0);
  CHECK(t.source.cells.back().offset == 99);  // the last row is short: 100 bytes
}

TEST_CASE("byte grid: the last row of a size that is not a multiple of the row is short") {
  GridUnderTest t(21);
  t.grid.bytes_per_row = 8;
  t.frames.frame();
  CHECK(t.source.cells.size() == 21);
  CHECK_FALSE(t.source.cell(21));
}

TEST_CASE("byte grid: hovering a cell or its ASCII character reports that byte's offset") {
  GridUnderTest t(64);
  t.grid.bytes_per_row = 16;
  t.frames.frame();
  const auto* cell = t.source.cell(19);
  REQUIRE(cell);
  t.frames.move_to(centre(cell->min, cell->max));
  REQUIRE(t.source.hovered);
  CHECK(*t.source.hovered == 19);

  // The ASCII column: the fourth character of the second row.
  const ByteGridMetrics m = t.grid.metrics(64, 16);
  const ImVec2 origin = t.grid.origin();
  t.frames.move_to(ImVec2(origin.x + m.ascii_x + m.char_width * 3.5f, cell->min.y + 2.0f));
  REQUIRE(t.source.hovered);
  CHECK(*t.source.hovered == 19);

  // Between the offset column and the cells: no byte.
  t.frames.move_to(ImVec2(origin.x + m.char_width, cell->min.y + 2.0f));
  CHECK_FALSE(t.source.hovered);
}

TEST_CASE("byte grid: a hex value typed into a clicked cell is reported as a write") {
  GridUnderTest t(32);
  const auto* cell = t.source.cell(5);
  REQUIRE(cell);
  t.frames.click(centre(cell->min, cell->max));
  REQUIRE(t.source.clicked);
  CHECK(*t.source.clicked == 5);
  CHECK(t.grid.editing());
  t.frames.type("ab");
  CHECK(t.source.writes.empty());  // nothing before Enter
  t.frames.press(kKeyEnter);
  REQUIRE(t.source.writes.size() == 1);
  CHECK(t.source.writes[0] == std::make_pair(std::int64_t{5}, std::uint8_t{0xab}));
  CHECK_FALSE(t.grid.editing());
  CHECK(t.source.cell(5)->text == "ab");

  // Escape closes the editor without writing.
  t.frames.click(centre(t.source.cell(6)->min, t.source.cell(6)->max));
  t.frames.type("ff");
  t.frames.press(kKeyEscape);
  CHECK_FALSE(t.grid.editing());
  CHECK(t.source.writes.size() == 1);
}

TEST_CASE("byte grid: a decimal value over 255 is refused, one that fits is written") {
  GridUnderTest t(32);
  t.grid.base = ByteBase::Decimal;
  t.frames.frame();
  CHECK(t.source.cell(12)->text == " 12");
  const auto* cell = t.source.cell(3);
  REQUIRE(cell);
  t.frames.click(centre(cell->min, cell->max));
  t.frames.type("300");
  t.frames.press(kKeyEnter);
  CHECK(t.source.writes.empty());
  CHECK(t.source.data[3] == 3);

  t.frames.click(centre(cell->min, cell->max));
  t.frames.type("200");
  t.frames.press(kKeyEnter);
  REQUIRE(t.source.writes.size() == 1);
  CHECK(t.source.writes[0] == std::make_pair(std::int64_t{3}, std::uint8_t{200}));
}

TEST_CASE("byte grid: cell texts in each base, and parsing back") {
  char text[16];
  ByteGrid::format_byte(ByteBase::Hex, 0x0f, text, sizeof text);
  CHECK(std::string(text) == "0f");
  ByteGrid::format_byte(ByteBase::Decimal, 7, text, sizeof text);
  CHECK(std::string(text) == "  7");
  ByteGrid::format_byte(ByteBase::Binary, 0x81, text, sizeof text);
  CHECK(std::string(text) == "10000001");
  std::uint8_t value = 0;
  CHECK(ByteGrid::parse_byte(ByteBase::Hex, "fF", &value));
  CHECK(value == 0xff);
  CHECK_FALSE(ByteGrid::parse_byte(ByteBase::Hex, "1ff", &value));
  CHECK(ByteGrid::parse_byte(ByteBase::Decimal, "255", &value));
  CHECK_FALSE(ByteGrid::parse_byte(ByteBase::Decimal, "256", &value));
  CHECK_FALSE(ByteGrid::parse_byte(ByteBase::Decimal, "1a", &value));
  CHECK(ByteGrid::parse_byte(ByteBase::Binary, "101", &value));
  CHECK(value == 5);
  CHECK_FALSE(ByteGrid::parse_byte(ByteBase::Binary, "102", &value));
  CHECK_FALSE(ByteGrid::parse_byte(ByteBase::Hex, "", &value));
}

TEST_CASE("byte grid: without the ASCII column the grid is narrower and the editor still writes") {
  GridUnderTest t(16);
  const float with_ascii = t.grid.metrics(16, 16).width;
  t.grid.show_ascii = false;
  CHECK(t.grid.metrics(16, 16).width < with_ascii);
  t.frames.frame();
  REQUIRE(t.source.cell(2));
  t.frames.click(centre(t.source.cell(2)->min, t.source.cell(2)->max));
  t.frames.type("7");
  t.frames.press(kKeyEnter);
  REQUIRE(t.source.writes.size() == 1);
  CHECK(t.source.writes[0].second == 7);
}

namespace {

// An element table's source: element i reads as "v<i>".
class TextElements : public ElementTableSource {
 public:
  struct Cell {
    std::int64_t element;
    ImVec2 min, max;
  };
  std::vector<Cell> cells;
  std::optional<std::int64_t> hovered, clicked;
  std::vector<std::pair<std::int64_t, std::string>> writes;

  ElementRead read(const std::vector<std::int64_t>& elements, std::vector<std::string>& texts) override {
    for (std::size_t i = 0; i < elements.size(); ++i)
      if (elements[i] >= 0) texts[i] = "v" + std::to_string(elements[i]);
    return ElementRead::Ok;
  }
  void on_hover(std::int64_t element) override { hovered = element; }
  void on_click(std::int64_t element) override { clicked = element; }
  void on_write(std::int64_t element, const char* text) override { writes.emplace_back(element, text); }
  void on_cell_drawn(const DrawnElement& cell) override { cells.push_back({cell.element, cell.min, cell.max}); }

  const Cell* cell(std::int64_t element) const {
    for (const Cell& c : cells)
      if (c.element == element) return &c;
    return nullptr;
  }
};

struct TableUnderTest {
  ElementTable table;
  TextElements source;
  ElementTableShape shape;
  WidgetFrames frames{[this] {
    source.cells.clear();
    source.hovered.reset();
    table.draw(source, shape, 600.0f, 5);
  }};

  explicit TableUnderTest(ElementTableShape s) : shape(s) { frames.frame(); }
};

}  // namespace

TEST_CASE("element table: a list flows in rows, and hovering a cell reports its element") {
  TableUnderTest t(ElementTableShape::list(40));
  t.table.value_chars = 4;
  t.frames.frame();
  const std::int64_t per_row = t.table.per_row();
  CHECK(per_row >= 2);
  CHECK(static_cast<std::int64_t>(t.source.cells.size()) == 5 * per_row);  // five rows shown
  REQUIRE(t.source.cell(per_row + 1));
  CHECK(t.source.cell(per_row + 1)->min.x == t.source.cell(1)->min.x);  // one row down

  const auto* cell = t.source.cell(per_row + 2);
  t.frames.move_to(centre(cell->min, cell->max));
  REQUIRE(t.source.hovered);
  CHECK(*t.source.hovered == per_row + 2);
  t.frames.move_to(ImVec2(-50, -50));
  CHECK_FALSE(t.source.hovered);
}

TEST_CASE("element table: a grid maps cells to first + row * columns + column, and edits") {
  TableUnderTest t(ElementTableShape::grid(3, 4, 100));  // the second 3x4 block of a 3-D array
  t.frames.frame();
  CHECK(t.source.cells.size() == 12);
  const auto* cell = t.source.cell(100 + 1 * 4 + 2);  // [1, 2]
  REQUIRE(cell);
  t.frames.move_to(centre(cell->min, cell->max));
  REQUIRE(t.source.hovered);
  CHECK(*t.source.hovered == 106);

  t.frames.double_click(centre(cell->min, cell->max));
  CHECK(t.table.editing());
  t.frames.type("42");
  t.frames.press(kKeyEnter);
  REQUIRE(t.source.writes.size() == 1);
  CHECK(t.source.writes[0].first == 106);
  CHECK(t.source.writes[0].second == "42");  // the field started with "v106" selected
  CHECK_FALSE(t.table.editing());
}

TEST_CASE("element table: a grid wider than the table shows a range of columns") {
  TableUnderTest t(ElementTableShape::grid(2, 200, 0));
  t.frames.frame();
  const auto shown = static_cast<std::int64_t>(t.source.cells.size()) / 2;
  CHECK(shown < 200);
  CHECK(t.source.cell(0));
  t.table.set_first_column(150);
  t.frames.frame();
  CHECK_FALSE(t.source.cell(0));
  CHECK(t.source.cell(150));
  CHECK(t.source.cell(200 + 150));
}


// What the grid does not write, it says why (the source shows it).
TEST_CASE("byte grid: typed text that is no byte in the grid's base is refused with the reason") {
  GridUnderTest t(32);
  struct Case {
    ByteBase base;
    const char* typed;
    const char* why;
  } cases[] = {
      {ByteBase::Decimal, "300", "300 does not fit in a byte; a byte takes a decimal number 0..255"},
      {ByteBase::Decimal, "256", "256 does not fit in a byte"},
      {ByteBase::Binary, "102", "'2' is not a binary digit; a byte takes up to 8 binary digits (0 and 1)"},
      {ByteBase::Binary, "11111119", "'9' is not a binary digit"},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.typed));
    t.grid.base = c.base;
    t.frames.frame();
    t.source.refused.clear();
    const auto* cell = t.source.cell(5);
    REQUIRE(cell);
    t.frames.click(centre(cell->min, cell->max));
    t.frames.type(c.typed);
    t.frames.press(kKeyEnter);
    REQUIRE(t.source.refused.size() == 1);
    CHECK(t.source.refused[0].first == 5);
    CHECK(t.source.refused[0].second.find(c.why) != std::string::npos);
  }
  CHECK(t.source.writes.empty());
  CHECK(t.source.data[5] == 5);
  std::uint8_t value = 0;
  std::string why;
  CHECK_FALSE(ByteGrid::parse_byte(ByteBase::Decimal, "", &value, &why));
  CHECK(why == "nothing was typed; a byte takes a decimal number 0..255");
  CHECK_FALSE(ByteGrid::parse_byte(ByteBase::Hex, "1ff", &value, &why));  // not typed: the field holds 2 digits
  CHECK(why == "1ff does not fit in a byte; a byte takes hex digits 00..ff");
}

TEST_CASE("byte grid: while editing is locked a click and an Enter say why, and nothing is written") {
  GridUnderTest t(32);
  t.frames.frame();
  const auto* cell = t.source.cell(4);
  REQUIRE(cell);
  t.frames.click(centre(cell->min, cell->max));  // the editor opens...
  t.frames.type("ab");
  t.grid.edit_locked = "busy: try later";        // ...and the source becomes busy
  t.frames.press(kKeyEnter);
  REQUIRE(t.source.refused.size() == 1);
  CHECK(t.source.refused[0] == std::make_pair(std::int64_t{4}, std::string("busy: try later")));
  t.frames.click(centre(cell->min, cell->max));
  CHECK_FALSE(t.grid.editing());
  REQUIRE(t.source.refused.size() == 2);
  CHECK(t.source.refused[1].second == "busy: try later");
  CHECK(t.source.writes.empty());
}

}  // namespace bufferlab::testing
