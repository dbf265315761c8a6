// Cell looks: backgrounds composed from the style, text chosen by its contrast on them.
#include "app/widgets/byte_cell_look.h"

#include <algorithm>
#include <cfloat>

#include "app/widgets/colours.h"
#include "app/widgets/contrast.h"

namespace bufferlab {

namespace {

constexpr ImU32 kBlack = IM_COL32(0, 0, 0, 255);
constexpr ImU32 kWhite = IM_COL32(255, 255, 255, 255);
// A little over the minimum, so rounding colours to 8 bits never drops a text below it.
constexpr float kTargetContrast = kMinimumTextContrast + 0.1f;
// Where black and white text read equally well.
constexpr float kMidLuminance = 0.179f;

// `from` moved a fraction `t` of the way to `to` (both taken as opaque).
ImU32 mix(ImU32 from, ImU32 to, float t) { return blend_over(opaque(from), with_alpha(to, t)); }

float text_contrast(ImU32 background, ImU32 text) {
  return contrast_ratio(blend_over(background, text), background);
}

float worst_contrast(const ByteCellLook& look, ImU32 text) {
  float worst = FLT_MAX;
  for (int b = 0; b < look.band_count; ++b) worst = std::min(worst, text_contrast(look.bands[b], text));
  return worst;
}

// The largest fraction of the way from `text` to `dim` that still reads on every band.
ImU32 dimmest_reading(const ByteCellLook& look, ImU32 text, ImU32 dim) {
  if (worst_contrast(look, dim) >= kTargetContrast) return dim;
  if (worst_contrast(look, text) < kTargetContrast) return text;
  float lo = 0.0f, hi = 1.0f;  // lo reads, hi does not
  for (int i = 0; i < 12; ++i) {
    const float mid = (lo + hi) * 0.5f;
    (worst_contrast(look, mix(text, dim, mid)) >= kTargetContrast ? lo : hi) = mid;
  }
  return mix(text, dim, lo);
}

}  // namespace

ImU32 readable_dim(ImU32 background, ImU32 text, ImU32 dim) {
  ByteCellLook plain;
  plain.bands[0] = opaque(background);
  return dimmest_reading(plain, opaque(text), opaque(dim));
}

ByteCellLook compose_byte_cell(const ByteGridColours& colours, const ByteCellStyle& style, const ImU32* tints,
                               int tint_count, ByteTextKind kind) {
  ByteCellLook look;
  const ImU32 background = opaque(colours.background);
  tint_count = std::clamp(tint_count, 0, 4);
  look.band_count = std::max(tint_count, 1);
  for (int b = 0; b < look.band_count; ++b) {
    ImU32 colour = tint_count ? blend_over(background, with_alpha(tints[b], colours.tint_alpha)) : background;
    if (style.flash > 0.0f) colour = blend_over(colour, scale_alpha(colours.flash, std::min(style.flash, 1.0f)));
    if (style.element_highlight) colour = blend_over(colour, colours.highlight_fill);
    if (style.source_highlight) colour = blend_over(colour, colours.source_fill);
    if (style.marked) colour = blend_over(colour, with_alpha(colours.marked, kMarkedFillAlpha));
    if (style.selected) colour = blend_over(colour, colours.selection_fill);
    look.bands[b] = colour;
  }

  // The normal text, or its opposite where the band it reads worst on needs that.
  const ImU32 normal = opaque(colours.text);
  int worst = 0;
  for (int b = 1; b < look.band_count; ++b)
    if (text_contrast(look.bands[b], normal) < text_contrast(look.bands[worst], normal)) worst = b;
  const ImU32 opposite = relative_luminance(normal) > kMidLuminance ? kBlack : kWhite;
  const ImU32 text = readable_text(look.bands[worst], normal, {opposite}, kTargetContrast);

  // Bands it still does not read on (stripes of light and dark tints) move away from it.
  const ImU32 far_end = relative_luminance(text) > kMidLuminance ? kBlack : kWhite;
  for (int b = 0; b < look.band_count; ++b) {
    if (text_contrast(look.bands[b], text) >= kTargetContrast) continue;
    float lo = 0.0f, hi = 1.0f;  // hi reads, lo does not
    for (int i = 0; i < 12; ++i) {
      const float mid = (lo + hi) * 0.5f;
      (text_contrast(mix(look.bands[b], far_end, mid), text) >= kTargetContrast ? hi : lo) = mid;
    }
    look.bands[b] = mix(look.bands[b], far_end, hi);
  }

  look.text = text;
  if (kind == ByteTextKind::Zero) look.text = dimmest_reading(look, text, opaque(colours.dim_text));
  if (kind == ByteTextKind::Greyed) look.text = dimmest_reading(look, text, opaque(colours.greyed_text));
  return look;
}

}  // namespace bufferlab
