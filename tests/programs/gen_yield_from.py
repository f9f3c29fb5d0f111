# yield from: delegation of next/send/throw/close and the return value.

def inner(label):
    received = []
    try:
        while True:
            try:
                x = yield f"{label} ready"
            except KeyError as e:
                print(f"  {label} handled thrown {e!r}")
                x = "after-throw"
            if x == "stop":
                break
            received.append(x)
    finally:
        print(f"  {label} finally, received={received}")
    return f"{label} result {len(received)}"

def outer():
    r1 = yield from inner("first")
    print("  outer got:", r1)
    r2 = yield from inner("second")
    print("  outer got:", r2)
    return [r1, r2]

g = outer()
print(next(g))
print(g.send("a"))
print(g.send("b"))
print(g.throw(KeyError("k")))
print(g.send("stop"))
print(g.send("c"))
try:
    g.send("stop")
except StopIteration as e:
    print("final:", e.value)

# Exception not handled by the inner one propagates out through outer
def outer_catching():
    try:
        yield from inner("catch")
    except ValueError as e:
        print("  outer caught", repr(e))
        yield "recovered"

g = outer_catching()
next(g)
print(g.throw(ValueError("bad")))

# close() is forwarded to the inner generator
g = outer()
next(g)
g.close()
print("closed; frame gone:", g.gi_frame is None)

# yield from any iterable
def flatten(tree):
    for node in tree:
        if isinstance(node, list):
            yield from flatten(node)
        else:
            yield node

print(list(flatten([1, [2, [3, [4]], 5], [[6]], 7])))

def chain(*iterables):
    for it in iterables:
        yield from it

print(list(chain("ab", range(3), (x * x for x in range(3)), {"k": 1})))

# The value of yield from on a plain iterator is None
def from_list():
    result = yield from [1, 2]
    yield ("result", result)

print(list(from_list()))

# gi_yieldfrom shows the delegate
def delegator():
    yield from inner("peek")

d = delegator()
next(d)
print("yieldfrom:", d.gi_yieldfrom.__name__ if d.gi_yieldfrom else None)
d.close()

# A StopIteration returned value of a nested chain
def leaf(n):
    yield n
    return n * 10

def middle(n):
    a = yield from leaf(n)
    b = yield from leaf(n + 1)
    return a + b

def top():
    total = yield from middle(1)
    return total

gen = top()
values = []
while True:
    try:
        values.append(next(gen))
    except StopIteration as stop:
        values.append(("return", stop.value))
        break
print(values)

# throw into a delegating generator whose delegate is a plain iterator
def over_iter():
    yield from iter([1, 2, 3])

oi = over_iter()
next(oi)
try:
    oi.throw(RuntimeError("into iterator"))
except RuntimeError as e:
    print("propagated from plain iterator:", e)

# send to a delegate that is a plain iterator: AttributeError? no: 'list_iterator' has no send
def over_list():
    yield from iter([1, 2])

ol = over_list()
next(ol)
try:
    ol.send("x")
except AttributeError as e:
    print("AttributeError:", e)

# yield from a generator that returns immediately
def empty():
    return "nothing"
    yield

def use_empty():
    r = yield from empty()
    yield r

print(list(use_empty()))
