# Generator protocol: send, throw, close, return values, states.

def accumulator():
    total = 0
    count = 0
    while True:
        try:
            value = yield total
        except ValueError as e:
            print("  accumulator: ignoring bad value", e)
            continue
        except GeneratorExit:
            print("  accumulator: closing with total", total)
            raise
        if value is None:
            return (total, count)
        total += value
        count += 1

acc = accumulator()
print("first next:", next(acc))
for v in (5, 10, 20):
    print("send", v, "->", acc.send(v))
print("throw ->", acc.throw(ValueError("oops")))
print("send 1 ->", acc.send(1))
try:
    acc.send(None)
except StopIteration as stop:
    print("returned:", stop.value, stop.args)
try:
    next(acc)
except StopIteration as stop:
    print("exhausted again:", stop.value, stop.args)

# send non-None to a just-started generator
g = accumulator()
try:
    g.send(5)
except TypeError as e:
    print("TypeError:", e)
print("send(None) to start:", g.send(None))
g.close()
print("close again is fine:", g.close())

# throw into a just-started generator: raised at the start, generator finishes
def simple():
    print("  simple started")
    yield 1

s = simple()
try:
    s.throw(KeyError("early"))
except KeyError as e:
    print("early throw propagated:", repr(e))
print("after early throw:", list(s))

# throw with a type, type+value (deprecated forms still accepted in 3.11)
def catcher():
    while True:
        try:
            yield
        except Exception as e:
            print("  caught", type(e).__name__, e.args)

c = catcher()
next(c)
c.throw(IndexError)
c.throw(IndexError("instance"))
c.close()

# close(): GeneratorExit inside; returning a value in response
def returns_on_close():
    try:
        yield 1
    except GeneratorExit:
        print("  got GeneratorExit")
        return "ignored value"

r = returns_on_close()
next(r)
print("close returns:", r.close())

stubborn = True
def ignores_close():
    while True:
        try:
            yield "tick"
        except GeneratorExit:
            if not stubborn:
                print("  exiting at last")
                raise
            print("  refusing to exit")

ig = ignores_close()
next(ig)
try:
    ig.close()
except RuntimeError as e:
    print("RuntimeError:", e)
stubborn = False
print("next after failed close:", next(ig))
ig.close()
print("closed for real, frame gone:", ig.gi_frame is None)

def raises_on_close():
    try:
        yield
    finally:
        raise ValueError("from finally during close")

rc = raises_on_close()
next(rc)
try:
    rc.close()
except ValueError as e:
    print("close propagated:", e, "context:", type(e.__context__).__name__)

# Generator state via gi_frame / gi_running
def stateful():
    yield 1
    yield 2

st = stateful()
print("before start: frame is None?", st.gi_frame is None, "running:", st.gi_running)
next(st)
print("suspended: frame is None?", st.gi_frame is None, "lineno:", st.gi_frame.f_lineno)
list(st)
print("finished: frame is None?", st.gi_frame is None)
print(st.__name__, st.__qualname__, type(st).__name__)

def self_reference():
    yield gen_self.gi_running

gen_self = self_reference()
print("running inside itself:", next(gen_self))

def reenter():
    yield next(reenter_gen)

reenter_gen = reenter()
try:
    next(reenter_gen)
except ValueError as e:
    print("ValueError:", e)

# return value of a generator via a for-loop is lost; via next it is StopIteration.value
def counted(n):
    for i in range(n):
        yield i
    return f"counted {n}"

print(list(counted(3)))
it = counted(1)
next(it)
try:
    next(it)
except StopIteration as e:
    print("value:", e.value)
