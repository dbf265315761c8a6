# Views whose memory is gone: python3 only crashes if they are read; Buffer Lab reads every name.
import ctypes
import numpy as np
from numpy.lib.stride_tricks import as_strided

small = np.zeros(8, np.uint8)
far = as_strided(small, shape=(4,), strides=(1 << 40,))  # past the end of its allocation

grown = np.ones(1 << 23, np.uint8)
stale = grown[:16]
grown.resize(1 << 27, refcheck=False)  # stale may now point at memory given back

# Last, so no later allocation maps the freed range again.
libc = ctypes.CDLL(None)
libc.malloc.restype = ctypes.c_void_p
libc.malloc.argtypes = [ctypes.c_size_t]
libc.free.argtypes = [ctypes.c_void_p]
address = libc.malloc(1 << 26)  # above glibc's largest mmap threshold: free() unmaps it
freed = (ctypes.c_uint8 * (1 << 26)).from_address(address)
libc.free(address)
print("made")
