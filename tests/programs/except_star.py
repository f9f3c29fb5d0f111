# except* handling of exception groups.

def run(label, fn):
    print(f"-- {label}")
    try:
        fn()
    except BaseException as e:
        if isinstance(e, BaseExceptionGroup):
            print(f"escaped {type(e).__name__}: {e} -> {[repr(x) for x in e.exceptions]}")
        else:
            print(f"escaped {type(e).__name__}: {e!r}")

def basic():
    try:
        raise ExceptionGroup("batch", [ValueError("v1"), TypeError("t1"), ValueError("v2")])
    except* ValueError as eg:
        print("values:", type(eg).__name__, [str(x) for x in eg.exceptions])
    except* TypeError as eg:
        print("types:", [str(x) for x in eg.exceptions])

def partial():
    try:
        raise ExceptionGroup("batch", [ValueError("v"), KeyError("k")])
    except* ValueError:
        print("handled the ValueError part")

def naked():
    try:
        raise ValueError("naked")
    except* ValueError as eg:
        print("wrapped:", type(eg).__name__, repr(eg.message), [repr(x) for x in eg.exceptions])

def naked_unmatched():
    try:
        raise KeyError("plain")
    except* ValueError:
        print("not reached")

def nested_groups():
    try:
        raise ExceptionGroup("top", [
            ValueError(1),
            ExceptionGroup("sub", [ValueError(2), OSError(3)]),
        ])
    except* ValueError as eg:
        print("matched structure:", repr(eg))
    except* OSError as eg:
        print("os structure:", repr(eg))

def raise_in_handler():
    try:
        raise ExceptionGroup("src", [ValueError("a"), TypeError("b")])
    except* ValueError:
        raise KeyError("new from handler")
    except* TypeError:
        print("type handler still runs")

def bare_reraise():
    try:
        raise ExceptionGroup("src", [ValueError("a"), TypeError("b")])
    except* ValueError:
        print("re-raising values")
        raise
    except* TypeError:
        print("swallowing types")

def tuple_match():
    try:
        raise ExceptionGroup("src", [ValueError("a"), TypeError("b"), KeyError("c")])
    except* (ValueError, TypeError) as eg:
        print("tuple matched", len(eg.exceptions))
    except* LookupError as eg:
        print("lookup matched", [repr(x) for x in eg.exceptions])

def with_else_finally():
    try:
        print("no error in body")
    except* ValueError:
        print("not reached")
    else:
        print("else branch")
    finally:
        print("finally branch")

def finally_after_star():
    try:
        raise ExceptionGroup("x", [ValueError(1)])
    except* ValueError:
        print("handled")
    finally:
        print("finally after except*")

def each_handler_once():
    count = {"n": 0}
    try:
        raise ExceptionGroup("many", [ValueError(i) for i in range(4)])
    except* ValueError as eg:
        count["n"] += 1
        print("handler got", len(eg.exceptions), "exceptions")
    print("handler ran", count["n"], "time(s)")

def base_group():
    try:
        raise BaseExceptionGroup("base", [KeyboardInterrupt(), ValueError(1)])
    except* KeyboardInterrupt as eg:
        print("interrupt part:", type(eg).__name__)
    except* ValueError as eg:
        print("value part:", type(eg).__name__)

def invalid_type():
    try:
        raise ExceptionGroup("x", [ValueError()])
    except* ExceptionGroup:
        pass

def sys_exc_in_star():
    import sys
    try:
        raise ExceptionGroup("x", [ValueError(1)])
    except* ValueError:
        print("exc_info type:", sys.exc_info()[0].__name__)

for fn in [basic, partial, naked, naked_unmatched, nested_groups, raise_in_handler,
           bare_reraise, tuple_match, with_else_finally, finally_after_star,
           each_handler_once, base_group, invalid_type, sys_exc_in_star]:
    run(fn.__name__, fn)
