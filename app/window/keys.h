// Keys by name for ImGui::IsKeyPressed. The GLFW backend of ImGui 1.86 fills io.KeysDown by
// GLFW key code, so the names are GLFW's (headless tests press the same codes).
#pragma once

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

namespace bufferlab::keys {

inline constexpr int C = GLFW_KEY_C;
inline constexpr int K = GLFW_KEY_K;
inline constexpr int L = GLFW_KEY_L;
inline constexpr int O = GLFW_KEY_O;
inline constexpr int Q = GLFW_KEY_Q;
inline constexpr int S = GLFW_KEY_S;
inline constexpr int Z = GLFW_KEY_Z;
inline constexpr int Minus = GLFW_KEY_MINUS;
inline constexpr int Zero = GLFW_KEY_0;
inline constexpr int One = GLFW_KEY_1;
inline constexpr int Two = GLFW_KEY_2;
inline constexpr int Three = GLFW_KEY_3;
inline constexpr int F1 = GLFW_KEY_F1;
inline constexpr int F11 = GLFW_KEY_F11;
inline constexpr int F12 = GLFW_KEY_F12;
inline constexpr int Equal = GLFW_KEY_EQUAL;
inline constexpr int KeypadZero = GLFW_KEY_KP_0;
inline constexpr int KeypadMinus = GLFW_KEY_KP_SUBTRACT;
inline constexpr int KeypadPlus = GLFW_KEY_KP_ADD;

}  // namespace bufferlab::keys
