# Errors nobody can catch: "Exception ignored in" reports from finalizers and
# generator cleanup, then an uncaught exception routed through sys.excepthook.
import sys

class Resource:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        try:
            raise OSError(f"flush failed for {self.name}")
        except OSError:
            raise RuntimeError(f"cannot release {self.name}")

def stream():
    try:
        yield "chunk 1"
        yield "chunk 2"
    finally:
        raise ValueError("cleanup failed in generator")

print("finalizer that raises with a context:")
r = Resource("db")
del r
print("program continues")

print("generator whose finally raises while being collected:")
s = stream()
print(next(s))
del s
print("program continues")

print("generator closed explicitly: the error propagates instead")
s = stream()
next(s)
try:
    s.close()
except ValueError as e:
    print("caught:", e, "| context:", type(e.__context__).__name__)

def hook(exc_type, exc, tb):
    depth = 0
    while tb is not None:
        depth += 1
        tb = tb.tb_next
    print(f"excepthook: {exc_type.__name__}: {exc} (traceback depth {depth})")

sys.excepthook = hook
print("hook installed:", sys.excepthook is hook)

def fail():
    raise LookupError("handled by the hook")

fail()
