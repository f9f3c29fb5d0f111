# ExceptionGroup / BaseExceptionGroup: construction, messages, split, subgroup, derive.

def show(eg, indent=0):
    pad = "  " * indent
    print(f"{pad}{type(eg).__name__}: {str(eg)!r} message={eg.message!r}")
    for exc in eg.exceptions:
        if isinstance(exc, BaseExceptionGroup):
            show(exc, indent + 1)
        else:
            print(f"{pad}  {type(exc).__name__}({', '.join(map(repr, exc.args))})")

eg = ExceptionGroup("several", [ValueError(1), TypeError(2), ValueError(3)])
show(eg)
print(repr(eg))
print(eg.args[0], len(eg.args[1]), type(eg.exceptions).__name__)

nested = ExceptionGroup("outer", [
    KeyError("k"),
    ExceptionGroup("inner", [ValueError("v"), IndexError("i")]),
    ExceptionGroup("inner2", [ValueError("w")]),
])
show(nested)
print(str(ExceptionGroup("one", [ValueError()])))
print(str(ExceptionGroup("two", [ValueError(), KeyError()])))

# BaseExceptionGroup picks its class from its contents
b = BaseExceptionGroup("base", [ValueError(1)])
print(type(b).__name__, isinstance(b, Exception))
b = BaseExceptionGroup("base", [KeyboardInterrupt()])
print(type(b).__name__, isinstance(b, Exception))

# Construction errors
for args in [("msg", []), ("msg", [1]), (1, [ValueError()]), ("msg",), ("msg", ValueError())]:
    try:
        ExceptionGroup(*args)
    except Exception as e:
        print(f"ExceptionGroup{args!r}: {type(e).__name__}: {e}")
try:
    ExceptionGroup("msg", [KeyboardInterrupt()])
except TypeError as e:
    print("base in ExceptionGroup:", e)

# split and subgroup
match, rest = eg.split(ValueError)
show(match)
show(rest)
match, rest = eg.split(OSError)
print(match, rest is not None and rest.exceptions == eg.exceptions)
match, rest = eg.split((ValueError, TypeError))
print(type(match).__name__, len(match.exceptions), rest)

sub = nested.subgroup(ValueError)
show(sub)
print(nested.subgroup(OSError))
print(nested.subgroup(lambda e: isinstance(e, KeyError)).exceptions)
print(nested.subgroup(Exception) is nested)
m, r = nested.split(lambda e: "i" in str(e.args))
show(m)
show(r)

# split preserves traceback, cause, context and notes
eg2 = ExceptionGroup("annotated", [ValueError("x"), KeyError("y")])
eg2.__cause__ = RuntimeError("cause")
eg2.__context__ = OSError("context")
eg2.add_note("a note")
m, r = eg2.split(ValueError)
print(repr(m.__cause__), repr(m.__context__), m.__notes__, r.__notes__)

# derive: subclasses override it to keep their type
class MyGroup(ExceptionGroup):
    def derive(self, excs):
        return MyGroup(self.message + "*", excs)

mg = MyGroup("mine", [ValueError(1), KeyError(2)])
m, r = mg.split(KeyError)
print(type(m).__name__, m.message, type(r).__name__, r.message)

class PlainGroup(ExceptionGroup):
    pass

pg = PlainGroup("plain", [ValueError(1), KeyError(2)])
m, r = pg.split(KeyError)
print(type(pg).__name__, type(m).__name__, type(r).__name__)
print(type(eg.derive([ValueError()])).__name__, eg.derive([ValueError()]).message)

# Catching an ExceptionGroup with plain except
try:
    raise ExceptionGroup("plain catch", [ValueError("a")])
except ExceptionGroup as e:
    print("caught:", e, [repr(x) for x in e.exceptions])
try:
    raise ExceptionGroup("by base", [ValueError("a")])
except Exception as e:
    print("caught as Exception:", type(e).__name__)

# Exceptions sequence is a tuple copy of the input
src = [ValueError(1)]
g = ExceptionGroup("copy", src)
src.append(KeyError(2))
print(len(g.exceptions), g.exceptions[0] is src[0])
