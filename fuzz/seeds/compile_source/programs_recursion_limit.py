import sys


def down(n):
    return down(n + 1)


try:
    down(0)
except RecursionError as e:
    print("RecursionError:", e)
print(sys.getrecursionlimit())


def deep(n):
    return 0 if n == 0 else 1 + deep(n - 1)


print(deep(900))
nested = []
for _ in range(100000):
    nested = [nested]
try:
    repr(nested)
except RecursionError as e:
    print("repr:", e)
down(0)
