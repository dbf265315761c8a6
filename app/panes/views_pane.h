// The Views pane: one card per buffer-exporting name (and per "view as" reinterpretation) with
// its Py_buffer shape, and its elements as a virtualised table: 1-D in rows of several
// elements, 2-D as a grid, N-D as a grid of the last two dimensions under index selectors.
// Double-click an element to type a new value. The tables are ElementTable widgets; this pane
// adapts the app state to them and turns their events into commands.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "app/panes/pane.h"
#include "app/panes/views_pane_picture.h"
#include "app/widgets/element_table.h"
#include "app/widgets/virtual_list.h"

namespace bufferlab {

class ViewsPane : public Pane {
 public:
  const char* title() const override { return "Views"; }

  // Scrolls the card of `view` so that element `flat` is visible.
  void reveal(const AppState& state, int view, std::int64_t flat);
  // Scrolls the card's table as little as shows element `flat` (the stride walk's element).
  void follow(const AppState& state, int view, std::int64_t flat);
  // Where pictures keep their textures (the window's GL, or memory in tests); null: no pictures.
  void set_picture_backend(PictureBackend* backend) { picture_backend_ = backend; }
  // The picture of a view's card as last drawn, or null (tests).
  const PictureCard* picture(const std::string& view_name) const {
    const auto it = cards_.find(view_name);
    return it == cards_.end() ? nullptr : &it->second.picture;
  }

 protected:
  void draw_content(PaneContext& context) override;

 private:
  class CardElements;
  struct CardUi {
    ElementTable table;
    std::vector<std::int64_t> leading;  // N-D: the chosen indices of the leading dimensions
    PictureCard picture;
    float height = -1.0f;               // as last drawn, at cards_width_
  };
  // What the card positions were measured for: new views, a new width or font start again.
  struct CardsKey {
    std::uint64_t generation = 0;
    float width = -1.0f, font_size = 0.0f;
    std::int64_t row_budget = 0;
    bool operator==(const CardsKey&) const = default;
  };

  void draw_not_shown(PaneContext& context);
  void draw_card(PaneContext& context, int view_index, float width, std::int64_t row_budget,
                 bool* wheel_used);
  void draw_table(PaneContext& context, int view_index, CardUi& ui, float width, std::int64_t row_budget,
                  bool* wheel_used);
  bool editing_any() const;
  // reveal() (the element near the top) and follow() (as little scrolling as shows it).
  void show_element(const AppState& state, int view, std::int64_t flat, bool least_scroll);
  // Right-click on an element: copy it or the whole view as its Python value.
  void draw_copy_menu(PaneContext& context, int view_index);

  // Positions the cards again when the views, the width or the font change; keeps the card at
  // the top of the pane where it was.
  void place_cards(const AppState& state, const CardsKey& key, float estimate);

  std::map<std::string, CardUi> cards_;  // by view name: survives new snapshots
  VirtualList card_list_;                // one item per view: only the cards in view are drawn
  CardsKey cards_key_;
  std::string top_card_;                 // the card at the top of the pane, and how far into it
  float top_card_offset_ = 0.0f;
  std::string shown_selection_;          // the selected view the pane last brought into sight
  std::pair<int, std::int64_t> followed_walk_{-1, -1};  // the walk's element the tables last showed
  std::string scroll_to_card_;           // reveal(): bring this card into the pane
  std::string editing_card_;             // whose table opened the element editor last
  // The element the copy menu is about (its card by view name), and whether it opens this frame.
  std::string copy_card_;
  std::int64_t copy_element_ = -1;
  bool open_copy_menu_ = false;
  PictureBackend* picture_backend_ = nullptr;
  PictureChangeWatcher picture_watcher_;
  PictureFrameChanges picture_changes_;  // this frame's
  float picture_max_height_ = 0.0f;
};

}  // namespace bufferlab
