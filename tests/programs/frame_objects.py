# Frame objects: sys._getframe, f_code/f_globals/f_lineno/f_back/f_locals,
# and tracebacks' tb_frame (issue #5, item 4).
import sys

top = sys._getframe()
print(top.f_code.co_name, top.f_lineno, top.f_globals is globals())
print(top is sys._getframe(), top.f_back)
print(top.f_locals is globals())


def inner():
    here = sys._getframe()
    caller = sys._getframe(1)
    return here, caller, here.f_lineno, caller.f_lineno


def outer():
    local_value = 42
    return inner()


here, caller, line_here, line_caller = outer()
print(here.f_code.co_name, caller.f_code.co_name, line_here, line_caller)
print(here.f_back is caller, caller.f_back is top)
print(sorted(caller.f_locals.items()))


def counting():
    a = 1
    frame = sys._getframe()
    first = dict(frame.f_locals)
    b = 2
    second = dict(frame.f_locals)
    return sorted(first), sorted(second)


print(counting())


def closure_locals():
    x = 10

    def reader():
        return x

    return sorted(sys._getframe().f_locals)


print(closure_locals())

try:
    sys._getframe(1000)
except ValueError as e:
    print("ValueError:", e)


def failing(n):
    doomed = n * 2
    raise KeyError(n)


def calls_failing():
    marker = "mid"
    failing(7)


try:
    calls_failing()
except KeyError as e:
    tb = e.__traceback__
    frames = []
    while tb is not None:
        frames.append((tb.tb_frame.f_code.co_name, tb.tb_lineno, tb.tb_frame.f_lineno))
        last = tb
        tb = tb.tb_next
    print(frames)
    print(sorted(last.tb_frame.f_locals.items()))
    print(last.tb_frame.f_back.f_code.co_name)


def gen():
    yield sys._getframe().f_back.f_code.co_name
    yield sys._getframe().f_lineno


g = gen()
print(next(g), next(g))
print(type(top).__name__, repr(top).startswith("<frame at 0x"))


class Meta:
    name_here = sys._getframe().f_code.co_name
    sees_module = sys._getframe(1).f_code.co_name


print(Meta.name_here, Meta.sees_module)
