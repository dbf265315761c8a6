import array
import struct

arr = array.array('I', [0, 99, 2, 3, 4])
original = bytearray(b"Hello")
view = memoryview(original)

print("\nInterpreting arr buffer via struct iter:")
buffer_bytes = arr.tobytes()
for offset in range(0, len(buffer_bytes), 4):
    val, = struct.unpack_from('I', buffer_bytes, offset)
    print(" index", offset//4, "=", val)

# When NOT to use memoryview: a resize while a view exists is refused.
try:
    original.append(33)
except BufferError as exc:
    print("BufferError:", exc)
view.release()
original.append(33)
print(original)
