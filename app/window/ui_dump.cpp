// The --dump-ui writer.
#include "app/window/ui_dump.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>

namespace bufferlab {

namespace {

// Less than half a pixel of shared area is rounding, not an overlap.
constexpr float kOverlapTolerance = 0.5f;

nlohmann::json rect_json(const ImVec2& min, const ImVec2& max) {
  auto pixels = [](float v) { return std::lround(v); };
  return {pixels(min.x), pixels(min.y), pixels(max.x - min.x), pixels(max.y - min.y)};
}

}  // namespace

std::vector<std::pair<std::size_t, std::size_t>> overlapping_items(const std::vector<RecordedItem>& items) {
  // Sorted by left edge, each item is compared only with those that start before it ends.
  std::vector<std::size_t> order(items.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return items[a].min.x < items[b].min.x; });
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const RecordedItem& a = items[order[i]];
    for (std::size_t j = i + 1; j < order.size(); ++j) {
      const RecordedItem& b = items[order[j]];
      if (b.min.x >= a.max.x - kOverlapTolerance) break;
      const float wide = std::min(a.max.x, b.max.x) - std::max(a.min.x, b.min.x);
      const float tall = std::min(a.max.y, b.max.y) - std::max(a.min.y, b.min.y);
      if (wide > kOverlapTolerance && tall > kOverlapTolerance)
        pairs.emplace_back(std::min(order[i], order[j]), std::max(order[i], order[j]));
    }
  }
  std::sort(pairs.begin(), pairs.end());
  return pairs;
}

std::string ui_dump_json(const UiDumpFrame& frame) {
  nlohmann::json out;
  out["window"] = {frame.width, frame.height};
  out["zoom"] = frame.zoom_percent;
  out["theme"] = frame.light ? "light" : "dark";
  nlohmann::json panes = nlohmann::json::array(), items = nlohmann::json::array(),
                 overlaps = nlohmann::json::array(), grids = nlohmann::json::array();
  if (const FrameProbe* probe = frame.probe) {
    for (const DrawnPane& pane : probe->panes)
      panes.push_back({{"name", pane.title}, {"rect", rect_json(pane.min, pane.max)}});
    const std::vector<RecordedItem>& recorded = probe->ui.items;
    for (const RecordedItem& item : recorded)
      items.push_back({{"label", item.label}, {"rect", rect_json(item.min, item.max)}, {"clipped", item.clipped}});
    for (const auto& [a, b] : overlapping_items(recorded))
      overlaps.push_back({recorded[a].label, recorded[b].label});
    for (const RecordedGrid& grid : probe->ui.grids) {
      nlohmann::json visible = nlohmann::json::array();
      for (const auto& range : grid.visible) visible.push_back({range[0], range[1]});
      grids.push_back({{"region", grid.region},
                       {"size", grid.size},
                       {"bytes_per_row", grid.bytes_per_row},
                       {"visible", std::move(visible)}});
    }
  }
  nlohmann::json regions = nlohmann::json::array();
  if (frame.snapshot)
    for (std::size_t i = 0; i < frame.snapshot->regions.size(); ++i)
      regions.push_back({{"region", static_cast<int>(i)}, {"size", frame.snapshot->regions[i].size}});
  out["regions"] = std::move(regions);
  out["panes"] = std::move(panes);
  out["items"] = std::move(items);
  out["overlaps"] = std::move(overlaps);
  out["grids"] = std::move(grids);
  // Labels are the user's text (a name may hold any bytes): never let a bad one stop the dump.
  return out.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string write_ui_dump(const std::string& path, const UiDumpFrame& frame) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) return "cannot write --dump-ui file '" + path + "': " + std::strerror(errno);
  file << ui_dump_json(frame);
  file.close();
  if (!file) return "cannot write --dump-ui file '" + path + "': " + std::strerror(errno);
  return {};
}

}  // namespace bufferlab
