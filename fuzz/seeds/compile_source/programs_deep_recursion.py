# Python-to-Python calls run without native recursion: deep recursion works up
# to the recursion limit, exceptions cross many frames, tracebacks list them.
import sys
def down(n):
    return 0 if n == 0 else 1 + down(n - 1)
sys.setrecursionlimit(100000)
print(down(50000))
def boom(n):
    if n == 0:
        raise ValueError("bottom")
    return boom(n - 1)
try:
    boom(30000)
except ValueError as e:
    print("caught", e, e.__traceback__ is not None)
sys.setrecursionlimit(1000)
def forever(n):
    return forever(n + 1)
try:
    forever(0)
except RecursionError as e:
    print("RecursionError:", e)
def tb():
    def a(): return b()
    def b(): return c()
    def c(): return 1 / 0
    a()
tb()
