// Minimap: the whole region in reading order (each pixel row a slice of the region, left to
// right), coloured by byte value, with one lane per view showing its footprint.
#version 330 core

uniform sampler2D u_bytes;      // R8: bucket means, 256 texels per texture row
uniform int u_texel_count;      // texels in use
uniform float u_region_size;    // bytes
uniform float u_bucket;         // bytes per texel
uniform vec2 u_size;            // target size in pixels
uniform float u_data_fraction;  // share of the width for the bytes; the rest holds the lanes
uniform int u_view_count;
uniform vec2 u_view_range[16];  // footprint [begin, end) as fractions of the region
uniform vec4 u_view_colour[16];
// The theme's colours: zero bytes; control, printable and high bytes from low to high value.
uniform vec3 u_background;
uniform vec3 u_zero;
uniform vec3 u_control[2];
uniform vec3 u_printable[2];
uniform vec3 u_high[2];

out vec4 out_colour;

// Zero bytes, control bytes, printable ASCII and high bytes each in their own colour.
vec3 byte_colour(float value) {
  float b = value * 255.0;
  if (b < 0.5) return u_zero;
  if (b < 32.0) return mix(u_control[0], u_control[1], b / 32.0);
  if (b < 127.0) return mix(u_printable[0], u_printable[1], (b - 32.0) / 95.0);
  return mix(u_high[0], u_high[1], (b - 127.0) / 128.0);
}

void main() {
  // Row 0 of the target is the top of the minimap as ImGui draws the texture.
  vec2 pixel = floor(gl_FragCoord.xy);
  float data_width = floor(u_size.x * u_data_fraction);
  vec3 background = u_background;
  if (pixel.x < data_width) {
    float position = (pixel.y + (pixel.x + 0.5) / data_width) / u_size.y;  // fraction of region
    int texel = clamp(int(position * u_region_size / u_bucket), 0, max(u_texel_count - 1, 0));
    float value = texelFetch(u_bytes, ivec2(texel % 256, texel / 256), 0).r;
    out_colour = vec4(byte_colour(value), 1.0);
    return;
  }
  if (u_view_count <= 0) {
    out_colour = vec4(background, 1.0);
    return;
  }
  float lane_width = (u_size.x - data_width) / float(u_view_count);
  int lane = clamp(int((pixel.x - data_width) / lane_width), 0, u_view_count - 1);
  float lane_x = pixel.x - data_width - float(lane) * lane_width;
  float row_begin = pixel.y / u_size.y, row_end = (pixel.y + 1.0) / u_size.y;
  vec2 range = u_view_range[lane];
  // A footprint thinner than a pixel still lights the pixel that holds it.
  bool covered = range.x < row_end && range.y > row_begin;
  bool gutter = lane_x < 1.0;
  out_colour = vec4(covered && !gutter ? u_view_colour[lane].rgb : background, 1.0);
}
