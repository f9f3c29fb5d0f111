# try/except/else/finally with every exit: return, break, continue, raise.

log = []

def ret_in_try():
    try:
        log.append("try")
        return "from try"
    finally:
        log.append("finally")

def ret_overridden():
    try:
        return "from try"
    finally:
        return "from finally"

def exc_swallowed_by_return():
    try:
        raise ValueError("lost")
    finally:
        return "finally wins"

def exc_in_finally_replaces():
    try:
        raise KeyError("first")
    finally:
        raise IndexError("second")

def return_value_evaluated_before_finally():
    x = [1]
    try:
        return x
    finally:
        x.append(2)

def rebind_in_finally():
    x = "original"
    try:
        return x
    finally:
        x = "rebound"

def else_runs():
    try:
        v = 1
    except Exception:
        return "except"
    else:
        log.append("else")
        return "else"
    finally:
        log.append("finally after else")

def else_exception_not_caught_by_own_handler():
    try:
        try:
            pass
        except ValueError:
            return "inner except"
        else:
            raise ValueError("from else")
    except ValueError as e:
        return f"outer caught {e}"

def loop_break_in_finally():
    out = []
    for i in range(5):
        try:
            if i == 2:
                raise RuntimeError("swallowed by break")
            out.append(i)
        finally:
            if i == 2:
                break
    return out

def loop_continue_in_finally():
    out = []
    for i in range(4):
        try:
            if i % 2:
                raise ValueError(i)
            out.append(i)
        finally:
            continue
    return out

def break_in_try_runs_finally():
    out = []
    while True:
        try:
            out.append("body")
            break
        finally:
            out.append("finally")
    out.append("after")
    return out

def continue_in_try_runs_finally():
    out = []
    for i in range(3):
        try:
            if i == 1:
                continue
            out.append(f"body{i}")
        finally:
            out.append(f"fin{i}")
    return out

def return_in_loop_finally():
    for i in range(10):
        try:
            return i
        finally:
            if i < 3:
                continue   # overrides the return: loop goes on
    return "done"

def nested_finally_order():
    order = []
    try:
        try:
            try:
                order.append("inner")
                return order
            finally:
                order.append("f1")
        finally:
            order.append("f2")
    finally:
        order.append("f3")

def except_then_finally(kind):
    steps = []
    try:
        steps.append("start")
        if kind == "value":
            raise ValueError
        if kind == "type":
            raise TypeError
        steps.append("no error")
    except ValueError:
        steps.append("except value")
    else:
        steps.append("else")
    finally:
        steps.append("finally")
    return steps

def generator_finally():
    try:
        yield 1
        yield 2
    finally:
        log.append("gen finally")

print(ret_in_try(), log); log.clear()
print(ret_overridden())
print(exc_swallowed_by_return())
try:
    exc_in_finally_replaces()
except Exception as e:
    print(type(e).__name__, e, "context:", repr(e.__context__))
print(return_value_evaluated_before_finally())
print(rebind_in_finally())
print(else_runs(), log); log.clear()
print(else_exception_not_caught_by_own_handler())
print(loop_break_in_finally())
print(loop_continue_in_finally())
print(break_in_try_runs_finally())
print(continue_in_try_runs_finally())
print(return_in_loop_finally())
print(nested_finally_order())
for kind in ("none", "value", "type"):
    try:
        print(kind, except_then_finally(kind))
    except TypeError:
        print(kind, "TypeError escaped after finally")
g = generator_finally()
print(next(g))
del g
print(log); log.clear()
for v in generator_finally():
    break
print("after break", log); log.clear()

# finally sees the exception in sys.exc_info during unwinding
import sys
def peek():
    try:
        raise ValueError("peek")
    finally:
        print("in finally:", sys.exc_info()[0].__name__)
try:
    peek()
except ValueError:
    pass
print("after:", sys.exc_info())
