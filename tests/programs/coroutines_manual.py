# async def / await driven by hand with send(None), custom awaitables.

class Suspend:
    """Awaitable that yields a request to the driver once."""
    def __init__(self, request):
        self.request = request
    def __await__(self):
        reply = yield self.request
        return reply

class Ready:
    """Awaitable that completes without suspending."""
    def __init__(self, value):
        self.value = value
    def __await__(self):
        return self.value
        yield  # makes __await__ a generator

async def fetch(key):
    reply = await Suspend(("fetch", key))
    return f"{key}={reply}"

async def compute():
    a = await fetch("a")
    b = await fetch("b")
    c = await Ready("instant")
    return [a, b, c]

def drive(coro, replies):
    """Run coro, answering each request from replies; return its result."""
    value = None
    step = 0
    while True:
        try:
            request = coro.send(value)
        except StopIteration as stop:
            return stop.value
        print(f"  step {step}: request {request}")
        value = replies.get(request[1], "?")
        step += 1

print(drive(compute(), {"a": 1, "b": 2}))

co = compute()
print(type(co).__name__, co.__name__, co.__qualname__)
print("cr_running:", co.cr_running, "awaiting:", co.cr_await)
print(co.send(None))
print("awaiting type:", type(co.cr_await).__name__)
co.close()
print("closed; cr_frame is None:", co.cr_frame is None)

# StopIteration value carries the return value
async def answer():
    return 42

c = answer()
try:
    c.send(None)
except StopIteration as e:
    print("return value:", e.value)

# Reusing a finished coroutine
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)

# throw into a suspended coroutine
async def guarded():
    try:
        await Suspend(("wait", None))
    except KeyError as e:
        return f"handled {e!r}"

g = guarded()
g.send(None)
try:
    g.throw(KeyError("cancel"))
except StopIteration as e:
    print("after throw:", e.value)

# Awaiting something that is not awaitable
async def bad_await():
    await 5

try:
    bad_await().send(None)
except TypeError as e:
    print("TypeError:", e)

class BadAwait:
    def __await__(self):
        return 5

async def bad_iter():
    await BadAwait()

try:
    bad_iter().send(None)
except TypeError as e:
    print("TypeError:", e)

# Coroutines cannot be iterated directly
async def nothing():
    pass

n = nothing()
try:
    iter(n)
except TypeError as e:
    print("TypeError:", e)
n.close()

# A tiny round-robin scheduler of tasks that yield control
class Yield:
    def __await__(self):
        yield "yield"

async def worker(name, steps, log):
    for i in range(steps):
        log.append(f"{name}{i}")
        await Yield()
    return f"{name} done"

def run_all(coros):
    results = {}
    queue = list(enumerate(coros))
    while queue:
        idx, co = queue.pop(0)
        try:
            co.send(None)
        except StopIteration as stop:
            results[idx] = stop.value
        else:
            queue.append((idx, co))
    return [results[i] for i in sorted(results)]

log = []
print(run_all([worker("a", 3, log), worker("b", 1, log), worker("c", 2, log)]))
print(log)

# Exceptions propagate out of send() with the coroutine's traceback
async def failing():
    await Yield()
    raise ValueError("inside coroutine")

f = failing()
f.send(None)
try:
    f.send(None)
except ValueError as e:
    print("propagated:", e)

# await on a coroutine object from another coroutine, nested three deep
async def depth(n):
    if n == 0:
        return await Ready(0)
    return 1 + await depth(n - 1)

try:
    depth(3).send(None)
except StopIteration as e:
    print("depth:", e.value)
