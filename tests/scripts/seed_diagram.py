original = bytearray(b"Hello")
view = memoryview(original)
''' +-----------+
| original  | -\
+-----------+  \
                \     +----------------------+
                 ---> | bytearray in memory  |
                /     | Content: b'Hello'    |
+-----------+  /
|  view     | -/
+-----------+ '''
