// LD_PRELOAD probe for bench_start.sh: the first glfwSwapBuffers writes the milliseconds since
// BENCH_T0_US (wall-clock microseconds, taken by the launcher just before it starts the app) to
// the file BENCH_FIRST_SWAP_OUT, then every call goes on to GLFW's own. Works on any build of
// the app (it calls GLFW through libglfw.so), so the same figure is measured before and after.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/time.h>

typedef struct GLFWwindow GLFWwindow;
typedef void (*SwapBuffers)(GLFWwindow*);

void glfwSwapBuffers(GLFWwindow* window) {
  static SwapBuffers real_swap = NULL;
  static int reported = 0;
  if (!real_swap) real_swap = (SwapBuffers)dlsym(RTLD_NEXT, "glfwSwapBuffers");
  real_swap(window);
  if (reported) return;
  reported = 1;
  const char* t0 = getenv("BENCH_T0_US");
  const char* out = getenv("BENCH_FIRST_SWAP_OUT");
  if (!t0 || !out) return;
  struct timeval now;
  gettimeofday(&now, NULL);
  const long long now_us = (long long)now.tv_sec * 1000000LL + now.tv_usec;
  FILE* file = fopen(out, "w");
  if (!file) return;
  fprintf(file, "%.1f\n", (double)(now_us - atoll(t0)) / 1000.0);
  fclose(file);
}
