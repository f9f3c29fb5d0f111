# __traceback__: tb_lineno, tb_next, tb_frame; and sys.exc_info().
import sys

def lines_of(tb):
    out = []
    while tb is not None:
        out.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    return out

def level3(x):
    return 10 // x

def level2(x):
    y = x - 1
    return level3(y)

def level1(x):
    return level2(x) + 1

try:
    level1(1)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
    print(lines_of(e.__traceback__))
    tb = e.__traceback__
    print(type(tb).__name__, tb.tb_frame.f_code.co_name)
    last = tb
    while last.tb_next:
        last = last.tb_next
    print("innermost locals:", sorted(last.tb_frame.f_locals.items()))
    print("innermost function:", last.tb_frame.f_code.co_name, last.tb_frame.f_lineno)

# Re-raising adds the current frame to the traceback
def reraiser():
    try:
        level3(0)
    except ZeroDivisionError:
        raise

try:
    reraiser()
except ZeroDivisionError as e:
    print("reraised:", lines_of(e.__traceback__))

# raise e from a different place extends the traceback
saved = None
def make_error():
    try:
        level2(1)
    except ZeroDivisionError as e:
        return e

saved = make_error()
print("saved:", lines_of(saved.__traceback__))
try:
    raise saved
except ZeroDivisionError as e:
    print("raised again:", lines_of(e.__traceback__))

# with_traceback(None) clears it
try:
    raise ValueError("fresh").with_traceback(None)
except ValueError as e:
    print("with_traceback(None):", lines_of(e.__traceback__))

# Traceback through a generator and a method
class Machine:
    def step(self, n):
        if n == 0:
            raise RuntimeError("halt")
        return self.step(n - 1)

def gen():
    yield 1
    Machine().step(2)
    yield 2

try:
    for v in gen():
        pass
except RuntimeError as e:
    print("through generator:", lines_of(e.__traceback__))

# sys.exc_info inside and outside handlers
print("outside:", sys.exc_info())
try:
    raise KeyError("info")
except KeyError:
    t, v, tb = sys.exc_info()
    print("inside:", t.__name__, repr(v), tb.tb_lineno, tb is v.__traceback__)
    def nested_call():
        return sys.exc_info()[0].__name__
    print("visible in called function:", nested_call())
print("after:", sys.exc_info())

def handler_in_function():
    try:
        raise IndexError("fn")
    except IndexError:
        return sys.exc_info()[1]

print("returned from handler:", repr(handler_in_function()), sys.exc_info())

# Exception raised in a lambda and a comprehension
try:
    [1 // x for x in (2, 1, 0)]
except ZeroDivisionError as e:
    print("comprehension:", lines_of(e.__traceback__))

f = lambda v: v["key"]
try:
    f({})
except KeyError as e:
    print("lambda:", lines_of(e.__traceback__))

# Multi-line expression: the line of the failing part
def multi():
    data = {"a": 1}
    return (data["a"] +
            data["b"])

try:
    multi()
except KeyError as e:
    print("multi-line:", lines_of(e.__traceback__))

# tb_lasti is an int; tb_frame.f_back walks callers
try:
    level1(1)
except ZeroDivisionError as e:
    tb = e.__traceback__
    while tb.tb_next:
        tb = tb.tb_next
    frame = tb.tb_frame
    names = []
    while frame is not None:
        names.append(frame.f_code.co_name)
        frame = frame.f_back
    print("f_back chain:", names, isinstance(tb.tb_lasti, int))
