# Async generators driven by hand: __anext__, asend, athrow, aclose.

class Tick:
    def __init__(self, label):
        self.label = label
    def __await__(self):
        got = yield ("tick", self.label)
        return got

def run(awaitable, replies=()):
    """Drive one awaitable to completion; print each suspension."""
    replies = list(replies)
    value = None
    while True:
        try:
            req = awaitable.send(value)
        except StopIteration as stop:
            return ("returned", stop.value)
        except StopAsyncIteration:
            return ("StopAsyncIteration",)
        print("    suspended:", req)
        value = replies.pop(0) if replies else None

async def agen(n):
    for i in range(n):
        r = await Tick(i)
        received = yield f"item {i} (tick reply {r})"
        if received is not None:
            print("    agen received", received)

g = agen(2)
print(type(g).__name__, g.__name__)
print(run(g.__anext__(), ["r0"]))
print(run(g.asend("hello"), ["r1"]))
print(run(g.__anext__()))
print(run(g.__anext__()))

# aclose runs finally blocks
async def with_finally():
    try:
        yield 1
        yield 2
    finally:
        print("    async gen finally")

g = with_finally()
print(run(g.__anext__()))
print(run(g.aclose()))
print(run(g.__anext__()))

# athrow: handled inside, yields a new value
async def handler():
    while True:
        try:
            yield "waiting"
        except ValueError as e:
            yield f"handled {e}"

h = handler()
print(run(h.__anext__()))
print(run(h.athrow(ValueError("bad"))))
print(run(h.__anext__()))
print(run(h.aclose()))

# athrow not handled: propagates
async def fragile():
    yield 1

fr = fragile()
print(run(fr.__anext__()))
try:
    run(fr.athrow(KeyError("k")))
except KeyError as e:
    print("propagated:", repr(e))

# async for / async comprehensions inside a coroutine
async def consumer():
    items = []
    async for x in agen(3):
        items.append(x)
    squares = [v async for v in counter(4)]
    evens = [v async for v in counter(6) if v % 2 == 0]
    return items, squares, evens

async def counter(n):
    for i in range(n):
        yield i * i if n == 4 else i

print(run(consumer()))

# An async iterator class (not a generator)
class AsyncRange:
    def __init__(self, n):
        self.i = 0
        self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        await Tick(f"range {self.i}")
        self.i += 1
        return self.i

async def use_range():
    total = 0
    async for v in AsyncRange(3):
        total += v
    else:
        print("    async for else ran")
    return total

print(run(use_range()))

# Errors
async def not_async_iterable():
    async for x in [1, 2]:
        pass

try:
    run(not_async_iterable())
except TypeError as e:
    print("TypeError:", e)

# RuntimeError when async generator ignores GeneratorExit
async def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2

s = stubborn()
run(s.__anext__())
try:
    run(s.aclose())
except RuntimeError as e:
    print("RuntimeError:", e)

# Return with value in async generator is a SyntaxError; StopAsyncIteration value
print(repr(StopAsyncIteration("x")), issubclass(StopAsyncIteration, Exception))
