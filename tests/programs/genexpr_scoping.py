# Generator expressions: laziness, scoping of the first iterable, PEP 479.

trace = []
def source(n):
    for i in range(n):
        trace.append(f"produce {i}")
        yield i

squares = (x * x for x in source(3))
print("created; trace so far:", trace)
print("first:", next(squares), trace)
print("rest:", list(squares), trace)
trace.clear()

# The first iterable is evaluated immediately, the others lazily
def noisy(name, values):
    print(f"  evaluating {name}")
    return values

g = ((a, b) for a in noisy("outer", [1, 2]) for b in noisy("inner", "xy"))
print("genexpr built")
print(list(g))

# Errors in the first iterable surface at creation
try:
    g = (x for x in 42)
except TypeError as e:
    print("at creation:", e)

# Errors in later iterables or the element surface when iterated
g = (x for x in [1] for y in 42)
print("created fine")
try:
    list(g)
except TypeError as e:
    print("at iteration:", e)

# The first iterable is bound when created; rebinding later has no effect
data = [1, 2, 3]
g = (d * 10 for d in data)
data = [100]
print(list(g))

# But names in the element expression are looked up late
factor = 2
g = (d * factor for d in [1, 2, 3])
factor = 5
print(list(g))

# Class bodies: the first iterable sees class names; the rest does not
class Table:
    size = 3
    rows = [r for r in range(size)]
    try:
        pairs = [(r, c) for r in range(size) for c in range(size)]
    except NameError as e:
        pairs = f"NameError: {e}"

print(Table.rows)
print(Table.pairs)

# Loop variable does not leak
x = "outer x"
total = sum(x for x in range(5))
print(total, x)

# genexpr in a function call without extra parentheses
print(max(len(w) for w in "a quick brown fox".split()))
print(sorted((w for w in ["b", "a"]), reverse=True))

# Generator expressions are exhausted once
g = (i for i in range(3))
print(list(g), list(g))

# gi_frame and name of a genexpr
g = (i for i in range(2))
print(g.__name__, type(g).__name__)

# PEP 479: StopIteration inside a generator becomes RuntimeError
def leaky():
    yield 1
    raise StopIteration("leaked")

try:
    list(leaky())
except RuntimeError as e:
    print(type(e).__name__, e, "| cause:", repr(e.__cause__))

def next_on_empty():
    it = iter([])
    yield next(it)

try:
    for v in next_on_empty():
        print(v)
except RuntimeError as e:
    print("next() inside generator:", e, type(e.__context__).__name__)

# StopIteration inside a generator expression's element
def stop():
    raise StopIteration

try:
    list(stop() for _ in range(3))
except RuntimeError as e:
    print("in genexpr:", e)

# A for-loop over an iterator which raises StopIteration itself is fine
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n

print(list(Countdown(3)))
print(list(x for x in Countdown(4) if x % 2))

# Returning inside a generator is fine; StopIteration subclass is also converted
class MyStop(StopIteration):
    pass

def sub_stop():
    yield 0
    raise MyStop

try:
    list(sub_stop())
except RuntimeError as e:
    print("subclass:", e, type(e.__cause__).__name__)
