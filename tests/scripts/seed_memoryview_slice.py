import array

# Step 1: Create an array of unsigned 32-bit integers ('I' = uint32)
arr = array.array('I', range(5))  # [0, 1, 2, 3, 4]

print("Original array:", arr)
print("Itemsize (bytes):", arr.itemsize)
print("Total buffer size (bytes):", len(arr) * arr.itemsize)
print("Raw bytes:", arr.tobytes())
print()

# Step 2: Get a memoryview of the array
mv = memoryview(arr)

print("Memoryview format:", mv.format)       # 'I' for uint32
print("Memoryview itemsize:", mv.itemsize)   # 4 bytes
print("Memoryview shape:", mv.shape)         # (5,)
print("Memoryview nbytes:", mv.nbytes)       # 5 * 4 = 20 bytes
print()

# Step 3: Slice the memoryview (no copy!)
slice_mv = mv[1:4]  # elements at index 1, 2, 3

print("Slice (memoryview):", slice_mv.tolist())  # Convert to list for readability
print("Slice raw bytes:", slice_mv.tobytes())
print()

# Step 4: Modify the array via memoryview slice
# Note: We're modifying the original array in place!
slice_mv[0] = 99  # This changes arr[1] to 99

print("Modified array:", arr)
print("Raw bytes after modification:", arr.tobytes())
