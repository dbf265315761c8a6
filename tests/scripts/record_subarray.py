# A record array whose one field is a (256, 256) sub-array: 65,536 scalar values per element.
# BUFFERLAB_RECORDS sets the element count (64 reaches the dump's limit of 4,194,304 values).
import os
import numpy as np

records = np.zeros(int(os.environ.get("BUFFERLAB_RECORDS", "64")), dtype=[("image", "u1", (256, 256))])
records["image"][:, 0, 0] = np.arange(len(records)) % 251
