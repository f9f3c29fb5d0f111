class MyError(Exception):
    pass


class Detailed(ValueError):
    def __init__(self, code):
        super().__init__(f"code {code}")
        self.code = code


def risky(kind):
    if kind == 1:
        raise MyError("custom")
    if kind == 2:
        raise Detailed(7)
    if kind == 3:
        return 1 / 0
    if kind == 4:
        return [][0]
    if kind == 5:
        return {}["missing"]
    if kind == 6:
        return int("abc")
    return "fine"


for k in range(7):
    try:
        print(risky(k))
    except MyError as e:
        print("MyError", e, e.args)
    except ValueError as e:
        print(type(e).__name__, e, getattr(e, "code", None))
    except (ZeroDivisionError, IndexError) as e:
        print("arith/index", repr(e))
    except Exception as e:
        print("other", type(e).__name__, e)
    else:
        print("no exception")
    finally:
        print("finally", k)


def nested():
    try:
        try:
            raise KeyError("inner")
        finally:
            print("inner finally")
    except KeyError as e:
        print("caught", repr(e))
        raise RuntimeError("wrapped") from e


try:
    nested()
except RuntimeError as e:
    print(e, repr(e.__cause__), e.__suppress_context__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("during handling")
except ValueError as e:
    print(repr(e.__context__), e.__cause__)


def returns_in_finally():
    try:
        return "try"
    finally:
        print("finally runs before return")


print(returns_in_finally())


def loop_with_finally():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
        finally:
            print("cleanup", i)
    return "done"


print(loop_with_finally())
e = None
try:
    raise TypeError("x")
except TypeError as e:
    pass
try:
    print(e)
except NameError as err:
    print("NameError:", err)
try:
    raise
except RuntimeError as err:
    print(err)
print(issubclass(KeyError, LookupError), isinstance(MyError(), Exception), MyError.__mro__)
print(str(KeyError("k")), repr(ValueError("a", 1)), str(ValueError()), ZeroDivisionError.__name__)
try:
    assert 1 == 2, "math broke"
except AssertionError as ae:
    print("assert:", ae)


class Ctx:
    def __enter__(self):
        print("enter")
        return self

    def __exit__(self, typ, val, tb):
        print("exit", typ.__name__ if typ else None, val)
        return typ is KeyError


with Ctx() as c:
    print("body", type(c).__name__)
with Ctx():
    raise KeyError("suppressed")
try:
    with Ctx():
        raise IndexError("propagates")
except IndexError as ie:
    print("after with:", ie)
try:
    raise ExceptionGroup("group", [ValueError(1), TypeError(2), ValueError(3)])
except* ValueError as eg:
    print("values", eg.exceptions)
except* TypeError as eg:
    print("types", eg.exceptions)
