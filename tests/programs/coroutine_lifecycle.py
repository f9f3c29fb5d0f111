# Coroutine lifecycle: throw forwarded into custom awaitables, close, finished
# coroutines, cr_* attributes, StopIteration inside coroutines.

class Wait:
    def __init__(self, label):
        self.label = label
    def __await__(self):
        try:
            reply = yield f"waiting on {self.label}"
        except KeyError as e:
            print(f"  {self.label}: awaitable handled {e!r}")
            return "recovered"
        finally:
            print(f"  {self.label}: awaitable finally")
        return reply

async def job():
    first = await Wait("first")
    print("  job got", first)
    try:
        second = await Wait("second")
        print("  job got", second)
    finally:
        print("  job finally")
    return "job result"

print("-- throw is forwarded to the awaitable")
c = job()
print(c.send(None))
print(c.throw(KeyError("cancel first")))
print("-- close is forwarded too")
c.close()
print("cr_frame/running/await after close:", c.cr_frame, c.cr_running, c.cr_await)

print("-- states")
c = job()
print("created: cr_frame is None?", c.cr_frame is None, "cr_await:", c.cr_await)
c.send(None)
print("suspended: frame type", type(c.cr_frame).__name__, "await type", type(c.cr_await).__name__)
print("code:", c.cr_code.co_name, type(c.cr_code).__name__)
try:
    c.send("reply one")
    c.send("reply two")
except StopIteration as e:
    print("finished with", repr(e.value))
print("finished: cr_frame", c.cr_frame)

print("-- reusing a finished coroutine")
for action in ("send", "throw", "close"):
    try:
        if action == "send":
            result = c.send(None)
        elif action == "throw":
            result = c.throw(ValueError("late"))
        else:
            result = c.close()
        print(action, "->", result)
    except RuntimeError as e:
        print(action, "-> RuntimeError:", e)
    except ValueError as e:
        print(action, "-> ValueError:", e)

print("-- StopIteration raised inside a coroutine")
async def raises_stop():
    raise StopIteration("bad")
try:
    raises_stop().send(None)
except RuntimeError as e:
    print("RuntimeError:", e, "| cause:", repr(e.__cause__))

print("-- the __await__ of a coroutine")
async def five():
    return 5
co = five()
w = co.__await__()
print(type(w).__name__)
try:
    next(w)
except StopIteration as e:
    print("value through wrapper:", e.value)

print("-- close before start")
co = job()
print("close returns", co.close(), "| frame", co.cr_frame)
try:
    co.send(None)
except RuntimeError as e:
    print("send after close: RuntimeError:", e)

print("-- ignoring GeneratorExit in a coroutine")
async def stubborn():
    try:
        await Wait("stubborn")
    except GeneratorExit:
        await Wait("again")
s = stubborn()
s.send(None)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError:", e)
s2 = stubborn()
s2.send(None)
s2.throw(GeneratorExit) if False else None
try:
    s2.send(None)
    s2.send(None)
except StopIteration:
    print("stubborn finished normally")

print("-- await inside finally and with during throw")
class Guard:
    async def __aenter__(self):
        await Wait("enter")
        return self
    async def __aexit__(self, et, ev, tb):
        print("  aexit got", et.__name__ if et else None)
        await Wait("exit")
        return True
async def guarded():
    async with Guard():
        await Wait("body")
    return "guard swallowed"
g = guarded()
print(g.send(None))
print(g.send(None))
print(g.throw(OSError("io")))
try:
    g.send(None)
except StopIteration as e:
    print("result:", e.value)
