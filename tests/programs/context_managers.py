# __enter__/__exit__: suppression, exception info, nesting order, errors in enter/exit

log = []

class Resource:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        log.append(f"enter {self.name}")
        return self

    def __exit__(self, exc_type, exc, tb):
        log.append(f"exit {self.name} {exc_type.__name__ if exc_type else None} {exc}")
        return self.suppress

with Resource("a") as r:
    log.append(f"body uses {r.name}")
print(log)
log.clear()

with Resource("outer"), Resource("inner") as inner:
    log.append("body " + inner.name)
print(log)
log.clear()

try:
    with Resource("raising"):
        raise ValueError("boom")
except ValueError as e:
    log.append(f"caught {e}")
print(log)
log.clear()

with Resource("suppressor", suppress=True):
    raise KeyError("hidden")
log.append("continued after suppression")
print(log)
log.clear()

try:
    with Resource("outer", suppress=False), Resource("inner", suppress=True):
        raise RuntimeError("inner handles")
    log.append("no error escaped")
except RuntimeError:
    log.append("escaped!")
print(log)
log.clear()

class TruthyExit:
    def __enter__(self):
        return "entered value"

    def __exit__(self, *args):
        return "non-empty string counts as true"

with TruthyExit() as value:
    print("value:", value)
    1 / 0
print("ZeroDivisionError suppressed by truthy return")

class ExitRaises:
    def __enter__(self):
        return self

    def __exit__(self, et, ev, tb):
        raise TypeError(f"exit failed while handling {et.__name__ if et else None}")

try:
    with ExitRaises():
        raise ValueError("original")
except TypeError as e:
    print(type(e).__name__, e, "| context:", type(e.__context__).__name__, e.__context__)

class EnterRaises:
    def __enter__(self):
        raise OSError("cannot enter")

    def __exit__(self, *a):
        print("never called")

try:
    with EnterRaises():
        print("never runs")
except OSError as e:
    print(type(e).__name__, e)

class NoExit:
    def __enter__(self):
        return self

class NoEnter:
    def __exit__(self, *a):
        pass

for cls in (NoExit, NoEnter, int):
    try:
        with cls():
            pass
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)

def in_function():
    with Resource("func"):
        return "returned from body"

print(in_function(), log)
log.clear()

for i in range(3):
    with Resource(f"loop{i}"):
        if i == 0:
            continue
        if i == 2:
            break
print(log)
log.clear()

class Transaction:
    def __init__(self):
        self.committed = []
        self.pending = []

    def __enter__(self):
        self.pending = []
        return self.pending

    def __exit__(self, et, ev, tb):
        if et is None:
            self.committed.extend(self.pending)
        else:
            log.append(f"rollback {len(self.pending)} items due to {et.__name__}")
        self.pending = []
        return et is not None and issubclass(et, ValueError)

tx = Transaction()
with tx as items:
    items += [1, 2]
with tx as items:
    items.append(3)
    raise ValueError("bad item")
print(tx.committed, log)
try:
    with tx as items:
        items.append(4)
        raise KeyError("k")
except KeyError as e:
    print("KeyError propagated", e, log)

class ExcInfo:
    def __enter__(self):
        return self

    def __exit__(self, et, ev, tb):
        self.info = (et, type(ev).__name__, tb is not None)
        return True

with ExcInfo() as ei:
    raise IndexError("idx")
print(ei.info[0].__name__, ei.info[1:])
with ExcInfo() as ei:
    pass
print(ei.info)
