# async with / async for in coroutines, driven by a tiny hand-written event loop.
# (Class-based async iterators and context managers; no async generators.)

class Sleep:
    def __init__(self, ticks):
        self.ticks = ticks
    def __await__(self):
        for _ in range(self.ticks):
            yield self
        return self.ticks

class Loop:
    def __init__(self):
        self.ready = []
        self.results = {}
        self.clock = 0

    def spawn(self, name, coro):
        self.ready.append((name, coro))

    def run(self):
        while self.ready:
            self.clock += 1
            name, coro = self.ready.pop(0)
            try:
                coro.send(None)
            except StopIteration as stop:
                self.results[name] = ("ok", stop.value)
                print(f"[t={self.clock}] {name} finished -> {stop.value!r}")
            except Exception as e:
                self.results[name] = ("error", f"{type(e).__name__}: {e}")
                print(f"[t={self.clock}] {name} failed -> {type(e).__name__}: {e}")
            else:
                self.ready.append((name, coro))
        return self.results

class Lock:
    def __init__(self, name):
        self.name = name
        self.held_by = None
        self.log = []

    async def __aenter__(self):
        while self.held_by is not None:
            await Sleep(1)
        self.held_by = "someone"
        self.log.append("acquire")
        return self

    async def __aexit__(self, et, ev, tb):
        self.held_by = None
        self.log.append(f"release ({et.__name__ if et else 'clean'})")
        return et is KeyError     # swallow KeyError only

class Ticker:
    """Async iterator that needs a tick between items."""
    def __init__(self, items):
        self.items = list(items)
    def __aiter__(self):
        return self
    async def __anext__(self):
        if not self.items:
            raise StopAsyncIteration
        await Sleep(1)
        return self.items.pop(0)

lock = Lock("shared")

async def job(name, items, fail=None):
    seen = []
    async with lock as l:
        print(f"  {name} holds {l.name}")
        async for item in Ticker(items):
            seen.append(item)
            if item == fail:
                raise (KeyError if name == "swallowed" else ValueError)(item)
        await Sleep(1)
    return seen

async def nested_with():
    a, b = Lock("a"), Lock("b")
    async with a, b:
        print("  inside two async locks:", a.held_by is not None, b.held_by is not None)
    return a.log + b.log

async def async_for_else():
    out = []
    async for x in Ticker("ab"):
        out.append(x)
    else:
        out.append("else")
    async for x in Ticker("xyz"):
        if x == "y":
            break
        out.append(x)
    else:
        out.append("not reached")
    return out

async def comprehensions():
    letters = [c async for c in Ticker("abc")]
    upper = {c: c.upper() async for c in Ticker("xy") if c != "z"}
    doubled = [await Sleep(n) for n in (1, 2)]
    return letters, upper, doubled

async def await_value():
    ticks = await Sleep(2)
    return f"slept {ticks}"

loop = Loop()
loop.spawn("first", job("first", [1, 2]))
loop.spawn("second", job("second", [3]))
loop.spawn("swallowed", job("swallowed", [4, 5], fail=4))
loop.spawn("failing", job("failing", [6], fail=6))
loop.spawn("nested", nested_with())
loop.spawn("else", async_for_else())
loop.spawn("await", await_value())
loop.spawn("comprehensions", comprehensions())
results = loop.run()
for name in sorted(results):
    print(name, results[name])
print(lock.log)

# Protocol errors
class NoAexit:
    async def __aenter__(self):
        return self

async def bad_with():
    async with NoAexit():
        pass

async def sync_cm_in_async_with():
    class Sync:
        def __enter__(self): return self
        def __exit__(self, *a): pass
    async with Sync():
        pass

class BadAnext:
    def __aiter__(self):
        return self
    def __anext__(self):
        return 5          # not awaitable

async def bad_anext():
    async for x in BadAnext():
        pass

for fn in (bad_with, sync_cm_in_async_with, bad_anext):
    co = fn()
    try:
        co.send(None)
    except TypeError as e:
        print(fn.__name__, "TypeError:", e)
    except AttributeError as e:
        print(fn.__name__, "AttributeError:", e)
