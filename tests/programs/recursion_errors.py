# RecursionError in several shapes, and recovering from it.
import sys

sys.setrecursionlimit(300)

def plain(n):
    return plain(n + 1)

def with_finally(n, log):
    try:
        return with_finally(n + 1, log)
    finally:
        if n == 0:
            log.append("outermost finally ran")

def with_handler(n):
    try:
        return with_handler(n + 1)
    except RecursionError:
        if n % 50 == 0 and n > 0:
            return f"recovered at depth {n}"
        raise

class Node:
    def __init__(self, parent=None):
        self.parent = parent
    def depth(self):
        return 0 if self.parent is None else 1 + self.parent.depth()

class Auto:
    def __getattr__(self, name):
        return getattr(self, "_" + name)

class Eq:
    def __eq__(self, other):
        return self == other

def gen_recursive(n):
    yield from gen_recursive(n + 1)

def catch(label, fn):
    try:
        result = fn()
    except RecursionError as e:
        print(f"{label}: RecursionError: {e}")
    else:
        print(f"{label}: {result}")

catch("plain", lambda: plain(0))
log = []
catch("with finally", lambda: with_finally(0, log))
print("log:", log)
catch("handler", lambda: with_handler(0))

chain = None
for _ in range(100):
    chain = Node(chain)
catch("short chain", chain.depth)
for _ in range(1000):
    chain = Node(chain)
catch("long chain", chain.depth)

catch("getattr", lambda: Auto().missing)
catch("eq", lambda: Eq() == Eq())
catch("generator", lambda: next(gen_recursive(0)))

# After a RecursionError the interpreter works normally
def ok(n):
    return n if n == 0 else ok(n - 1)
print("recursion below the limit still works:", ok(200))

# Deep nesting of data structures that str() would recurse through
nested = []
for _ in range(10):
    nested = [nested]
print(str(nested))

# Self-referencing containers print with ...
a = [1, 2]
a.append(a)
print(a)
d = {"k": 1}
d["self"] = d
print(d)

# Raising the limit lets deeper recursion succeed
sys.setrecursionlimit(2000)
print("deep chain after raising the limit:", chain.depth())

# isinstance of the error and its message
try:
    plain(0)
except RuntimeError as e:
    print(type(e).__name__, isinstance(e, RecursionError), e.args)

# Recursion inside a comprehension inside recursion
def tree_sum(t):
    return t if isinstance(t, int) else sum(tree_sum(c) for c in t)
print(tree_sum([1, [2, [3, [4, [5]]]], 6]))

def build(depth):
    return 1 if depth == 0 else [build(depth - 1), build(depth - 1)]
print(tree_sum(build(10)))
