# Runs a command and prints its exit code and its peak resident memory in KiB (from the kernel's
# accounting of the waited-for child), so a test can bound memory without timing anything.
import resource
import subprocess
import sys

result = subprocess.run(sys.argv[1:])
print(result.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
