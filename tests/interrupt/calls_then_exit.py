# The driver sends SIGINT each time a line starting with "ready" appears.
# A program busy calling functions (no loop of its own in the frame that
# runs) is interrupted too; after catching KeyboardInterrupt it goes on and
# exits normally.
import sys


def down(n):
    if n == 0:
        return 0
    return down(n - 1) + 1


def busy():
    total = 0
    for i in range(10**12):
        total += down(50)
    return total


for attempt in range(3):
    try:
        print("ready", attempt, flush=True)
        busy()
    except KeyboardInterrupt:
        print("interrupted", attempt, sys.getrecursionlimit(), flush=True)
print(down(100))
print("exiting normally")
