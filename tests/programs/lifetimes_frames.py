# Object lifetimes tied to frames: tracebacks keep locals alive, generators
# keep their frame's locals, closures keep cells, cycles through frames.
import gc

class R:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("  del", self.name)

def fail():
    r = R("local of failing frame")
    raise ValueError("x")

print("traceback keeps the frame alive:")
try:
    fail()
except ValueError as e:
    saved = e
print("  handler done; saved still holds the traceback")
del saved
print("  after del saved")

print("handler without saving:")
try:
    fail()
except ValueError:
    print("  in handler")
print("  after handler")

print("generator locals:")
def gen():
    r = R("generator local")
    yield 1
    yield 2
g = gen()
print("  created (not started): nothing to free yet")
next(g)
print("  started")
del g
print("  after del g")

print("finished generator frees locals at the end:")
for _ in gen():
    pass
print("  loop done")

print("closure cells:")
def make():
    r = R("captured")
    return lambda: r.name
f = make()
print("  closure returns", f())
del f
print("  after del f")

print("cycle through a frame and its traceback:")
def cyc():
    r = R("local in cyclic frame")
    try:
        raise KeyError
    except KeyError as e:
        err = e  # frame -> err -> traceback -> frame
cyc()
print("  after cyc (cycle still alive)")
gc.collect()
print("  after collect")

print("exception with a reference to an object:")
class Holder(Exception):
    def __init__(self, res):
        super().__init__("holder")
        self.res = res
try:
    raise Holder(R("held by exception"))
except Holder:
    pass
print("  after except")

print("bound method keeps instance alive:")
class Svc:
    def __init__(self):
        self.r = R("service resource")
    def ping(self):
        return "pong"
m = Svc().ping
print(" ", m())
del m
print("  after del method")

print("list of objects being replaced one by one:")
items = [R(f"item{i}") for i in range(3)]
for i in range(3):
    items[i] = None
print("  replaced all")

print("default argument holds a reference until the function dies:")
def with_default(x=R("default arg")):
    return x.name
print(" ", with_default())
del with_default
print("  after del function")

print("module-level objects freed at exit:")
last = R("module global")
print("end")
