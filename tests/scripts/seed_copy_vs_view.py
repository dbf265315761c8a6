import time

# Create a large bytes object (~100 MB)
data = b"A" * 100_000_000

# --- Normal slicing ---
start = time.time()
s1 = data[1_000_000 : 50_000_000]
print("Time (normal slice):", time.time() - start)

# --- Memoryview slicing ---
start = time.time()
mv = memoryview(data)
s2 = mv[1_000_000 : 50_000_000]
print("Time (memoryview slice):", time.time() - start)
