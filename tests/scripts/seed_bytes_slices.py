data = b"Hello, world!"  # bytes object
mv = memoryview(data)

print("Bytes:", data)
print("Memoryview as bytes:", mv.tobytes())
print("Memoryview slice:", mv[7:12].tobytes())  # Slices also share memory
