import array

buf = bytearray(b"abc")
view = memoryview(buf)
print("before the error")


def grow(target):
    target.extend(b"def")


grow(buf)
