import struct
print("\nInterpreting arr buffer via struct iter:")
buffer_bytes = arr.tobytes()
for offset in range(0, len(buffer_bytes), 4):
    val, = struct.unpack_from('I', buffer_bytes, offset)
    print(" index", offset//4, "=", val)
