import array

arr = array.array('I', range(5))   # unsigned int 32‑bit
print("array contents          :", arr)
print("itemsize (bytes)        :", arr.itemsize)
print("buffer nbytes           :", len(arr) * arr.itemsize)
print("raw bytes               :", arr.tobytes())
