# Legal views with 2**44 and more elements over 16 bytes: the snapshot must solve them from the
# strides (zero strides repeat bytes) instead of walking their elements.
import numpy as np
from numpy.lib.stride_tricks import as_strided

z = np.zeros(16, np.uint8)
b = np.broadcast_to(z, (2**20, 2**20, 16))
even = np.broadcast_to(z[::2], (2**25, 2**25, 8))
odd = z[1::2]
windows = as_strided(z, shape=(9, 2**40, 8), strides=(1, 0, 1))
print("made", b.shape, even.shape, windows.shape)
