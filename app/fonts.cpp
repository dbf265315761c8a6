// Finds DejaVu Sans Mono at run time (Debian's fonts-dejavu-core) and loads two sizes.
#include "fonts.h"

#include <filesystem>

namespace bufferlab {

namespace {

constexpr const char* kFontPaths[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "/usr/share/fonts/TTF/DejaVuSansMono.ttf",
    "/usr/share/fonts/dejavu/DejaVuSansMono.ttf",
};

}  // namespace

UiFonts load_fonts() {
  ImGuiIO& io = ImGui::GetIO();
  UiFonts fonts;
  for (const char* path : kFontPaths) {
    std::error_code error;
    if (!std::filesystem::exists(path, error)) continue;
    fonts.regular = io.Fonts->AddFontFromFileTTF(path, 15.0f);
    fonts.large = io.Fonts->AddFontFromFileTTF(path, 19.0f);
    if (fonts.regular && fonts.large) {
      fonts.regular_size = 15.0f;
      fonts.large_size = 19.0f;
      return fonts;
    }
  }
  fonts.regular = fonts.large = io.Fonts->AddFontDefault();
  return fonts;
}

ImFont* font_for_height(const UiFonts& fonts, float height, float* ui_scale) {
  const bool large = height >= 1000.0f && fonts.large;
  const float size = large ? fonts.large_size : fonts.regular_size;
  if (ui_scale) *ui_scale = size / 15.0f;
  return large ? fonts.large : fonts.regular;
}

}  // namespace bufferlab
