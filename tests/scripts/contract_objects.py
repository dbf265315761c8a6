# Objects of every kind the state dump must describe, and what CPython itself says about each:
# writes <this file>.expected.json next to the dump, for tests/test_cli.cpp to compare.
import array, ctypes, json, math, os, struct, sys
import numpy as np

raw = bytes(range(48))
data = b"Hello, world!"
mv = memoryview(data)
word = mv[7:12]
ba = bytearray(b"abcdefghij")
even = memoryview(ba)[::2]
odd = memoryview(ba)[1::2]
backwards = memoryview(ba)[::-1]
backwards_step = memoryview(ba)[8:1:-3]
empty = bytearray()

# array.array of every typecode.
arr_b = array.array('b', [-128, 0, 127])
arr_B = array.array('B', [0, 1, 255])
arr_u = array.array('u', 'hé€')
arr_h = array.array('h', [-32768, 32767])
arr_H = array.array('H', [0, 65535])
arr_i = array.array('i', [-2**31, 2**31 - 1])
arr_I = array.array('I', range(5))
arr_l = array.array('l', [-2**63, 2**63 - 1])
arr_L = array.array('L', [0, 2**64 - 1])
arr_q = array.array('q', [-1, 1])
arr_Q = array.array('Q', [2**64 - 1])
arr_f = array.array('f', [1.5, -0.0, float('inf'), float('nan'), 1e-45])
arr_d = array.array('d', [0.1, -1e308, 5e-324, float('-inf')])

# memoryview casts and multi-dimensional views.
ints = array.array('i', range(6))
as_bytes = memoryview(ints).cast('B')
grid = memoryview(ints).cast('B').cast('i', shape=[2, 3])
byte_grid = memoryview(bytearray(range(6))).cast('B', shape=[2, 3])
chars = memoryview(b"AB\x00\xff").cast('c')
flags = memoryview(bytes([0, 1, 2])).cast('?')
longs = memoryview(ints).cast('B').cast('q')

# numpy: every size, both byte orders, 2-D, 3-D, transposed, strided, structured.
n_i1 = np.array([-1, 2], dtype=np.int8)
n_u2 = np.array([1, 65535], dtype=np.uint16)
n_i4 = np.array([1, 2, 3, 4], dtype=np.int32)
n_i8 = np.array([-2**63, 7], dtype=np.int64)
n_u8 = np.array([2**64 - 1], dtype=np.uint64)
n_f2 = np.array([1.0, 65504.0, 6e-8, np.inf, np.nan, -0.0], dtype=np.float16)
n_f4 = np.array([0.1, -3.5], dtype=np.float32)
n_f8 = np.array([[0.5, 1.5], [2.5, 3.5]])
n_c8 = np.array([1 + 2j, -0.5j], dtype=np.complex64)
n_c16 = np.array([3 - 4j], dtype=np.complex128)
n_bool = np.array([True, False, True])
n_be = np.array([1, 256, -2], dtype='>i4')
n_be8 = np.array([1.25], dtype='>f8')
n_3d = np.arange(24, dtype=np.int16).reshape(2, 3, 4)
n_T = np.arange(12, dtype=np.int32).reshape(3, 4).T
n_step = np.arange(10, dtype=np.int32)[::3]
n_rev = np.arange(5, dtype=np.uint8)[::-1]
n_rec = np.array([(1, 2.5), (-3, 4.0)], dtype=[('x', '<i4'), ('y', '<f8')])
n_rec_aligned = np.zeros(2, dtype=np.dtype([('a', 'u1'), ('b', '<i4')], align=True))
n_scalar0d = np.array(3.25)

# ctypes.
c_arr = (ctypes.c_int * 3)(7, 8, 9)
c_dbl = ctypes.c_double(2.5)

class Point(ctypes.Structure):
    _fields_ = [("a", ctypes.c_byte), ("b", ctypes.c_int), ("c", ctypes.c_double * 3)]

c_struct = Point(1, 2, (0.5, 1.5, 2.5))  # exports its format without the padding ctypes adds

def expected_values(name, obj):
    if isinstance(obj, np.ndarray):
        values = obj.tolist()
    else:
        values = memoryview(obj).tolist()
    def convert(v):
        if isinstance(v, (list, tuple)):
            return [convert(x) for x in v]
        if isinstance(v, complex):
            return [convert(v.real), convert(v.imag)]
        if isinstance(v, float):
            if math.isnan(v):
                return "nan"
            if math.isinf(v):
                return "inf" if v > 0 else "-inf"
            return v
        if isinstance(v, bytes):
            return repr(v)
        return v
    return convert(values)

expected = {}
for name, obj in list(globals().items()):
    if name.startswith('_') or isinstance(obj, type(sys)) or callable(obj):
        continue
    try:
        m = memoryview(obj)
    except TypeError:
        continue
    entry = {"type": type(obj).__name__, "readonly": m.readonly, "format": m.format,
             "itemsize": m.itemsize, "ndim": m.ndim, "shape": list(m.shape),
             "strides": list(m.strides), "nbytes": m.nbytes}
    try:
        entry["values"] = expected_values(name, obj)
    except (NotImplementedError, TypeError, ValueError):
        pass  # memoryview cannot list this format ('u', 'Zd', ...): checked by hand in the test
    if isinstance(obj, np.ndarray):
        entry["address"] = obj.__array_interface__['data'][0]
    expected[name] = entry

with open(os.environ["BUFFERLAB_EXPECTED"], "w") as f:
    json.dump(expected, f)
print("objects:", len(expected))
del m, obj, entry
