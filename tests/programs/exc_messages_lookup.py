# Messages of KeyError, IndexError and AttributeError as CPython words them.

def attempt(label, fn):
    try:
        result = fn()
    except Exception as e:
        print(f"{label}: {type(e).__name__}: {e}  | repr={e!r} args={e.args!r}")
    else:
        print(f"{label}: ok {result!r}")

inventory = {"apple": 3, 2: "two", (1, 2): "pair", None: "none"}
attempt("dict str key", lambda: inventory["banana"])
attempt("dict int key", lambda: inventory[5])
attempt("dict tuple key", lambda: inventory[(3, 4)])
attempt("dict empty-tuple key", lambda: inventory[()])
attempt("dict float key", lambda: inventory[1.5])
attempt("dict empty str key", lambda: inventory[""])
attempt("dict quote key", lambda: inventory["it's"])
attempt("dict pop", lambda: {}.pop("gone"))
attempt("dict popitem", lambda: {}.popitem())
attempt("dict pop default", lambda: {}.pop("gone", "dflt"))
attempt("set remove", lambda: {1, 2}.remove(3))
attempt("set pop", lambda: set().pop())
attempt("KeyError no args", lambda: (_ for _ in ()).throw(KeyError()))
attempt("KeyError two args", lambda: (_ for _ in ()).throw(KeyError("a", "b")))

items = [10, 20, 30]
attempt("list index", lambda: items[3])
attempt("list neg index", lambda: items[-4])
attempt("list slice ok", lambda: items[5:10])
attempt("list assign", lambda: items.__setitem__(7, 1))
attempt("list pop empty", lambda: [].pop())
attempt("list pop index", lambda: items.pop(10))
attempt("list del", lambda: items.__delitem__(9))
attempt("list.index", lambda: items.index(99))
attempt("list.remove", lambda: items.remove(99))
attempt("tuple index", lambda: (1, 2)[2])
attempt("str index", lambda: "abc"[10])
attempt("range index", lambda: range(3)[3])
attempt("bytes index", lambda: b"xy"[5])
attempt("str.index", lambda: "hello".index("z"))
attempt("list index by str", lambda: items["0"])
attempt("list index by float", lambda: items[1.0])
attempt("tuple index by None", lambda: (1,)[inventory.get("absent")])

class Point:
    def __init__(self):
        self.x = 1

class Slotted:
    __slots__ = ("a",)

p = Point()
attempt("int attr", lambda: (5).x)
attempt("str attr", lambda: "s".nope)
attempt("list attr", lambda: [].push)
attempt("None attr", lambda: None.value)
attempt("instance attr", lambda: p.y)
attempt("class attr", lambda: Point.y)
attempt("type attr", lambda: int.nope)
attempt("module attr", lambda: __import__("math").nope)
attempt("slot unset", lambda: Slotted().a)
attempt("slot missing", lambda: setattr(Slotted(), "b", 1))
attempt("set int attr", lambda: setattr(5, "x", 1))
attempt("set builtin type attr", lambda: setattr(int, "x", 1))
attempt("del missing", lambda: delattr(p, "zzz"))
attempt("getattr default", lambda: getattr(p, "zzz", "fallback"))

e = None
try:
    p.missing_attr
except AttributeError as err:
    e = err
print(type(e).__name__, e.name, e.obj is p)

try:
    {}["k"]
except LookupError as err:
    print("caught as LookupError:", type(err).__name__, str(err), len(err.args))

# KeyError str() uses repr of the single arg
for key in ["text", 42, ("t",), "", None]:
    print(str(KeyError(key)), "|", repr(KeyError(key)))
print(str(KeyError()), "|", repr(KeyError()))
print(str(KeyError(1, 2)), "|", repr(KeyError(1, 2)))
print(str(IndexError("custom")), repr(IndexError("custom")))
