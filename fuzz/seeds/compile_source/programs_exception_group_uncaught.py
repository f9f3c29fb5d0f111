def f():
    raise ValueError("inner")
def g():
    try:
        f()
    except ValueError as e:
        raise ExceptionGroup("outer", [e, TypeError("t"), ExceptionGroup("nested", [KeyError("k")])])
try:
    g()
except* TypeError:
    pass
