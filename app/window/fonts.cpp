// Finds DejaVu Sans Mono at run time (Debian's fonts-dejavu-core) and bakes sizes from a ladder
// with the symbols lesson text uses (punctuation, arrows, box drawing, check marks): the whole
// ladder for tests, the few sizes the window's zoom uses for the window.
#include "app/window/fonts.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace bufferlab {

namespace {

constexpr const char* kFontPaths[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "/usr/share/fonts/TTF/DejaVuSansMono.ttf",
    "/usr/share/fonts/dejavu/DejaVuSansMono.ttf",
};

constexpr float kSizes[] = {12.0f, 13.0f, 15.0f, 17.0f, 19.0f, 21.0f, 24.0f, 27.0f, 30.0f, 34.0f, 38.0f};
// Larger sizes for the byte cells of a small memory (digits and ASCII only: cheap to bake).
constexpr float kCellSizes[] = {46.0f, 54.0f, 64.0f};
constexpr ImWchar kAsciiRange[] = {0x0020, 0x007E, 0};
constexpr float kRegularSize = 15.0f;
constexpr float kLargeSize = 19.0f;

// Latin, general punctuation, arrows, mathematical operators, box drawing through dingbats.
constexpr ImWchar kGlyphRanges[] = {0x0020, 0x024F, 0x2000, 0x206F, 0x2190, 0x22FF,
                                    0x2500, 0x27BF, 0};

}  // namespace

UiFonts load_fonts() {
  ImGuiIO& io = ImGui::GetIO();
  UiFonts fonts;
  for (const char* path : kFontPaths) {
    std::error_code error;
    if (!std::filesystem::exists(path, error)) continue;
    for (float size : kSizes) {
      ImFont* font = io.Fonts->AddFontFromFileTTF(path, size, nullptr, kGlyphRanges);
      if (!font) break;
      fonts.ladder.push_back(font);
      fonts.ladder_sizes.push_back(size);
      if (size == kRegularSize) fonts.regular = font;
      if (size == kLargeSize) fonts.large = font;
    }
    if (fonts.regular && fonts.large) {
      fonts.cell_ladder = fonts.ladder;
      for (float size : kCellSizes)
        if (ImFont* font = io.Fonts->AddFontFromFileTTF(path, size, nullptr, kAsciiRange))
          fonts.cell_ladder.push_back(font);
      // The first font added is ImGui's default: make it the regular one.
      io.FontDefault = fonts.regular;
      fonts.regular_size = kRegularSize;
      fonts.large_size = kLargeSize;
      return fonts;
    }
    fonts = {};
  }
  fonts.regular = fonts.large = io.Fonts->AddFontDefault();
  fonts.ladder = {fonts.regular};
  fonts.ladder_sizes = {13.0f};
  fonts.cell_ladder = fonts.ladder;
  return fonts;
}

float text_size_for(float height, float zoom) {
  const float wanted = (height >= 1000.0f ? kLargeSize : kRegularSize) * zoom;
  float best = kSizes[0];
  for (float size : kSizes)
    if (std::fabs(size - wanted) < std::fabs(best - wanted)) best = size;
  return best;
}

namespace {

// The whole file, or empty when it cannot be read.
std::vector<unsigned char> read_font_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return in.bad() ? std::vector<unsigned char>{} : bytes;
}

// A size of the font in `file`, which the atlas reads but does not own (one copy for all sizes).
ImFont* add_font_size(std::vector<unsigned char>& file, float size, const ImWchar* ranges) {
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;
  return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(file.data(), static_cast<int>(file.size()), size, &config,
                                                    ranges);
}

}  // namespace

UiFonts load_fonts_for(float text_size, std::vector<unsigned char>& file) {
  ImGuiIO& io = ImGui::GetIO();
  const float* const last = std::end(kSizes) - 1;
  const float* at = std::find(std::begin(kSizes), std::end(kSizes), text_size);
  if (at == std::end(kSizes)) at = std::find(std::begin(kSizes), std::end(kSizes), kRegularSize);
  const float heading_size = *std::min(at + 2, last);
  UiFonts fonts;
  for (const char* path : kFontPaths) {
    std::error_code error;
    if (!std::filesystem::exists(path, error)) continue;
    file = read_font_file(path);
    if (file.empty()) continue;
    // The first font added is ImGui's default.
    ImFont* text = add_font_size(file, *at, kGlyphRanges);
    ImFont* heading = text ? add_font_size(file, heading_size, kGlyphRanges) : nullptr;
    if (!text || !heading) {
      io.Fonts->Clear();
      continue;
    }
    fonts.regular = fonts.large = text;
    fonts.regular_size = fonts.large_size = *at;
    fonts.ladder = {text, heading};
    fonts.ladder_sizes = {*at, heading_size};
    fonts.cell_ladder = fonts.ladder;
    std::vector<float> cell_sizes(std::begin(kSizes), std::end(kSizes));
    cell_sizes.insert(cell_sizes.end(), std::begin(kCellSizes), std::end(kCellSizes));
    for (float size : cell_sizes) {
      if (size == *at || size == heading_size || size < *at * 0.6f - 0.5f || size > *at * 3.0f + 0.5f) continue;
      if (ImFont* font = add_font_size(file, size, kAsciiRange)) fonts.cell_ladder.push_back(font);
    }
    io.FontDefault = text;
    return fonts;
  }
  file.clear();
  fonts.regular = fonts.large = io.Fonts->AddFontDefault();
  fonts.ladder = {fonts.regular};
  fonts.ladder_sizes = {13.0f};
  fonts.cell_ladder = fonts.ladder;
  return fonts;
}

bool WindowFonts::update(float height, float zoom) {
  const float size = text_size_for(height, zoom);
  if (size == text_size_) return false;
  ImGui::GetIO().Fonts->Clear();
  fonts_ = load_fonts_for(size, font_file_);
  text_size_ = size;
  return true;
}

void WindowFonts::release_input() {
  ImGui::GetIO().Fonts->ClearInputData();
  font_file_ = {};
}

ImFont* font_for_height(const UiFonts& fonts, float height, float* ui_scale, float zoom) {
  // The nearest baked size to the ladder's size for this height and zoom (the window bakes
  // that one, WindowFonts; tests bake the whole ladder).
  const float wanted = text_size_for(height, zoom);
  if (fonts.ladder.empty()) {
    if (ui_scale) *ui_scale = 1.0f;
    return fonts.regular;
  }
  ImFont* best = fonts.ladder[0];
  float best_size = fonts.ladder_sizes[0];
  for (std::size_t i = 1; i < fonts.ladder.size(); ++i) {
    if (std::fabs(fonts.ladder_sizes[i] - wanted) < std::fabs(best_size - wanted)) {
      best = fonts.ladder[i];
      best_size = fonts.ladder_sizes[i];
    }
  }
  if (ui_scale) *ui_scale = best_size / 15.0f;
  return best;
}

ImFont* larger_font(const UiFonts& fonts, ImFont* font) {
  for (std::size_t i = 0; i + 1 < fonts.ladder.size(); ++i)
    if (fonts.ladder[i] == font) return fonts.ladder[std::min(i + 2, fonts.ladder.size() - 1)];
  return font;
}

}  // namespace bufferlab
