import numpy as np

# Create a NumPy array
a = np.array([1, 2, 3, 4], dtype=np.int32)

# Get a memoryview of the array
m = memoryview(a)
print("Original array:",id(a))

print("Original array:", a)

# Modify the array via memoryview
# Note: We're accessing the raw buffer
m_obj = m.cast('B')  # Cast to bytes for byte-level access
m_obj[0] = 0xFF      # Change one byte

print("Modified array:", a)
print("modified array:",id(a))
