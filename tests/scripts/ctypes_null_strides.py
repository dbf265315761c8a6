# ctypes exports its N-d arrays with Py_buffer.strides == NULL, which means C-contiguous.
import ctypes

c = ((ctypes.c_int * 3) * 2)()
c[1][2] = 7
cube = (((ctypes.c_uint8 * 4) * 3) * 2)()
mv = memoryview(c)
print("strides", mv.strides, memoryview(cube).strides)
