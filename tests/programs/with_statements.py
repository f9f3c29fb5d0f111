# with statements: __enter__/__exit__ order, arguments, suppression, multiple items.

events = []

class Resource:
    def __init__(self, name, suppress=False, fail_enter=False, fail_exit=False):
        self.name = name
        self.suppress = suppress
        self.fail_enter = fail_enter
        self.fail_exit = fail_exit

    def __enter__(self):
        events.append(f"enter {self.name}")
        if self.fail_enter:
            raise RuntimeError(f"enter failed: {self.name}")
        return self.name.upper()

    def __exit__(self, exc_type, exc, tb):
        kind = exc_type.__name__ if exc_type else None
        events.append(f"exit {self.name} type={kind} value={exc!r} tb={'yes' if tb else None}")
        if self.fail_exit:
            raise KeyError(f"exit failed: {self.name}")
        return self.suppress

def flush(label):
    print(label)
    for ev in events:
        print("   ", ev)
    events.clear()

with Resource("a") as value:
    events.append(f"body with {value}")
flush("simple")

with Resource("a") as x, Resource("b") as y, Resource("c"):
    events.append(f"body {x} {y}")
flush("three items (exit in reverse)")

try:
    with Resource("a"), Resource("b"):
        raise ValueError("boom")
except ValueError as e:
    events.append(f"caught {e}")
flush("exception passes through both")

with Resource("outer"), Resource("inner", suppress=True):
    raise ValueError("hidden")
flush("inner suppresses")

try:
    with Resource("a"), Resource("b", fail_enter=True), Resource("c"):
        events.append("not reached")
except RuntimeError as e:
    events.append(f"caught {e}")
flush("second enter fails")

try:
    with Resource("a", fail_exit=True):
        raise ValueError("original")
except KeyError as e:
    events.append(f"caught {type(e).__name__} {e} ctx={e.__context__!r}")
flush("exit raises, replacing")

def returns_inside():
    with Resource("r"):
        return "returned"
print(returns_inside())
flush("return inside with")

for i in range(3):
    with Resource(f"loop{i}"):
        if i == 1:
            continue
        if i == 2:
            break
        events.append(f"body {i}")
flush("continue/break")

class Truthy:
    def __enter__(self):
        return self
    def __exit__(self, *args):
        return "non-empty string is truthy"

with Truthy():
    raise TypeError("suppressed by truthy return")
print("truthy suppression works")

class Zero:
    def __enter__(self):
        return self
    def __exit__(self, *args):
        return 0

try:
    with Zero():
        raise TypeError("not suppressed")
except TypeError as e:
    print("falsy return:", e)

# Targets can be any assignment target
class Pair:
    def __enter__(self):
        return (1, 2)
    def __exit__(self, *a):
        return False

holder = {}
with Pair() as (p, q):
    print("unpacked", p, q)
with Pair() as holder["pair"]:
    pass
print(holder)

# Protocol errors
class NoExit:
    def __enter__(self):
        return self
class NoEnter:
    def __exit__(self, *a):
        pass
for obj in (NoExit(), NoEnter(), 42):
    try:
        with obj:
            pass
    except TypeError as e:
        print(type(e).__name__, e)

# A context manager built from a generator-like class that logs state
class Transaction:
    def __init__(self, store):
        self.store = store
    def __enter__(self):
        self.snapshot = dict(self.store)
        return self.store
    def __exit__(self, et, ev, tb):
        if et is not None:
            self.store.clear()
            self.store.update(self.snapshot)
            print("rolled back because", et.__name__, ev)
            return True
        print("committed")

db = {"x": 1}
with Transaction(db) as t:
    t["y"] = 2
with Transaction(db) as t:
    t["z"] = 3
    raise ValueError("bad write")
print(db)

# __exit__ receives the exact exception object
class Capture:
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        self.got = (et, ev, tb is ev.__traceback__ if ev else None)
        return True
c = Capture()
err = LookupError("exact")
with c:
    raise err
print(c.got[0].__name__, c.got[1] is err, c.got[2])
