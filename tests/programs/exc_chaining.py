# __cause__, __context__, __suppress_context__, raise ... from, bare raise.

def describe(exc):
    parts = []
    depth = 0
    while exc is not None and depth < 6:
        parts.append(f"{type(exc).__name__}({', '.join(map(str, exc.args))})"
                     f"[cause={type(exc.__cause__).__name__ if exc.__cause__ else None}"
                     f", ctx={type(exc.__context__).__name__ if exc.__context__ else None}"
                     f", suppress={exc.__suppress_context__}]")
        exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
        depth += 1
    return " <- ".join(parts)

def implicit():
    try:
        {}["missing"]
    except KeyError:
        raise ValueError("during handling")

def explicit():
    try:
        int("x")
    except ValueError as e:
        raise RuntimeError("converted") from e

def from_none():
    try:
        [][1]
    except IndexError:
        raise LookupError("clean") from None

def from_other():
    try:
        1 / 0
    except ZeroDivisionError:
        raise TypeError("typed") from KeyError("unrelated")

def triple():
    try:
        try:
            raise OSError("disk")
        except OSError:
            raise ValueError("parse")
    except ValueError:
        raise RuntimeError("top")

def in_finally():
    try:
        raise KeyError("body")
    finally:
        raise ValueError("finally")

def reraise_bare():
    try:
        raise IndexError("orig")
    except IndexError:
        print("  handling, re-raising")
        raise

def reraise_named():
    try:
        raise IndexError("named")
    except IndexError as e:
        raise e

def reraise_after_inner():
    try:
        raise KeyError("outer")
    except KeyError:
        try:
            raise ValueError("inner")
        except ValueError:
            pass
        raise   # re-raises KeyError, the one being handled here

def handler_class_from():
    try:
        raise ValueError("v")
    except ValueError:
        raise RuntimeError from OSError

for fn in [implicit, explicit, from_none, from_other, triple, in_finally,
           reraise_bare, reraise_named, reraise_after_inner, handler_class_from]:
    try:
        fn()
    except BaseException as e:
        print(f"{fn.__name__}: {describe(e)}")

# __suppress_context__ is set by "from", even "from X"
try:
    from_none()
except LookupError as e:
    print(e.__cause__, e.__suppress_context__, type(e.__context__).__name__)

# Setting __cause__ by hand sets nothing else
e = ValueError("manual")
e.__cause__ = KeyError("k")
print(e.__suppress_context__, repr(e.__cause__))
e.__context__ = IndexError("i")
print(repr(e.__context__))
try:
    e.__cause__ = "not an exception"
except TypeError as err:
    print("bad cause:", err)
try:
    e.__context__ = 5
except TypeError as err:
    print("bad context:", err)

# Bare raise with no active exception
try:
    raise
except RuntimeError as err:
    print("bare raise:", type(err).__name__, err)

# Exception context is not set to itself when re-raising the same object
try:
    try:
        raise ValueError("self")
    except ValueError as e:
        raise e
except ValueError as e:
    print("self context:", e.__context__)

# A context cycle is broken
a = ValueError("a")
try:
    try:
        raise a
    except ValueError:
        b = KeyError("b")
        b.__context__ = a
        try:
            raise b
        except KeyError:
            raise a
except ValueError as caught:
    print("cycle:", caught is a, type(caught.__context__).__name__, caught.__context__.__context__)

# Context captured through function calls
def failing_cleanup():
    raise OSError("cleanup failed")

try:
    try:
        raise ConnectionError("network")
    except ConnectionError:
        failing_cleanup()
except OSError as e:
    print(type(e).__name__, e, "<-", type(e.__context__).__name__, e.__context__)
