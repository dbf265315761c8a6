# Run one top-level statement per cell, Buffer Lab must be invisible: resize, refcounts,
# weakrefs and __del__ behave as in python3 running this file.
import sys, weakref
import numpy as np
a = np.zeros(4)
a.resize(20)
print("resized to", a.shape)
b = bytearray(8)
print("refcount of b:", sys.getrefcount(b))
view = memoryview(b)
print("refcount of view:", sys.getrefcount(view))
w = weakref.ref(a)
del a
print("weakref dead after del:", w() is None)
class Noisy(bytearray):
    def __del__(self):
        print("__del__ ran")
n = Noisy(4)
del n
print("after del n")
n2 = Noisy(2)
n2 = None
print("after rebinding n2")
