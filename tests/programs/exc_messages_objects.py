# Messages of errors from object protocols: construction, iteration, hashing,
# conversion, containment, formatting, descriptors.

def attempt(label, fn):
    try:
        result = fn()
    except Exception as e:
        print(f"{label}: {type(e).__name__}: {e}")
    else:
        print(f"{label}: ok {result!r}")

class Plain:
    pass

class BadInit:
    def __init__(self):
        return 5

class NewOnly:
    def __new__(cls, *args):
        return super().__new__(cls)

class Frozen:
    __slots__ = ()

class Prop:
    @property
    def value(self):
        return 1
    @property
    def broken(self):
        return self.nothing_here

class NoLen:
    def __len__(self):
        return -1

class BigLen:
    def __len__(self):
        return 2 ** 70

class StrLen:
    def __len__(self):
        return "3"

class BadIter:
    def __iter__(self):
        return 5

class BadStr:
    def __str__(self):
        return 5

class BadHash:
    def __hash__(self):
        return "h"

class EqOnly:
    def __eq__(self, other):
        return True

attempt("object() with arg", lambda: Plain(1))
attempt("object() with kw", lambda: Plain(a=1))
attempt("__init__ returns value", lambda: BadInit())
attempt("__new__ only, extra args ok", lambda: type(NewOnly(1, 2)).__name__)
attempt("object.__new__ extra", lambda: object.__new__(Plain, 1))
attempt("set attr on slots ()", lambda: setattr(Frozen(), "a", 1))
attempt("set property", lambda: setattr(Prop(), "value", 2))
attempt("del property", lambda: delattr(Prop(), "value"))
attempt("property raising", lambda: Prop().broken)
attempt("len negative", lambda: len(NoLen()))
attempt("len huge", lambda: len(BigLen()))
attempt("len str", lambda: len(StrLen()))
attempt("iter returns int", lambda: iter(BadIter()))
attempt("for over None", lambda: [x for x in None])
attempt("in int", lambda: 1 in 5)
attempt("in str with int", lambda: 1 in "abc")
attempt("str returns int", lambda: str(BadStr()))
attempt("hash returns str", lambda: hash(BadHash()))
attempt("hash of eq-only class", lambda: hash(EqOnly()))
attempt("hash list", lambda: hash([1]))
attempt("hash dict in set", lambda: {{}})
attempt("hash tuple with list", lambda: hash((1, [2])))
attempt("next on list", lambda: next([1]))
attempt("next exhausted", lambda: next(iter([])))
attempt("next default", lambda: next(iter([]), "dflt"))
attempt("int from None", lambda: int(None))
attempt("float from list", lambda: float([]))
attempt("str + None", lambda: "a" + None)
attempt("list + tuple", lambda: [1] + (2,))
attempt("list * float", lambda: [1] * 2.0)
attempt("dict + dict", lambda: {} + {})
attempt("set + set", lambda: {1} + {2})
attempt("None + 1", lambda: None + 1)
key_a = "a"
attempt("index with str", lambda: [1, 2][key_a])
attempt("dict unhashable key", lambda: {}[[1]])
attempt("bytes + str", lambda: b"a" + "b")
attempt("ord of long", lambda: ord("ab"))
attempt("chr of str", lambda: chr("a"))
attempt("format bad spec", lambda: format(3, "q"))
attempt("format str with d", lambda: "{:d}".format("x"))
attempt("format missing index", lambda: "{1}".format("a"))
attempt("format missing key", lambda: "{name}".format(other=1))
attempt("percent too few", lambda: "%s %s" % ("a",))
attempt("percent too many", lambda: "%s" % ("a", "b"))
attempt("percent bad type", lambda: "%d" % "x")
attempt("sorted mixed", lambda: sorted([1, "a", 2]))
attempt("max empty", lambda: max([]))
attempt("min of int", lambda: min(5))
attempt("sum of strs", lambda: sum(["a", "b"], ""))
attempt("int too large for index", lambda: [0][2 ** 100])
attempt("range too big len", lambda: len(range(2 ** 64)))
attempt("repeat str huge", lambda: "a" * (2 ** 62))
attempt("getattr non-str", lambda: getattr(1, 2))
attempt("setattr on object()", lambda: setattr(object(), "x", 1))
attempt("super outside class", lambda: super())
attempt("issubclass non-class", lambda: issubclass(1, int))
attempt("type() 2 args", lambda: type("a", "b"))
attempt("divmod str", lambda: divmod("a", 1))
attempt("round str", lambda: round("1.5"))
attempt("pow 3 args float", lambda: pow(2.0, 2, 3))
attempt("pow mod zero", lambda: pow(2, 3, 0))
attempt("int base for non-str", lambda: int(5, 2))
attempt("bool() of NoLen", lambda: bool(NoLen()))
attempt("list.sort key not callable", lambda: [2, 1].sort(key=5))
attempt("dict from list of ints", lambda: dict([1, 2]))
attempt("dict from short seq", lambda: dict([(1, 2), (3,)]))
attempt("zip strict", lambda: list(zip([1, 2], [1], strict=True)))
attempt("str.join ints", lambda: ",".join([1, 2]))
attempt("str.replace bad", lambda: "a".replace(1, 2))
attempt("tuple.count no args", lambda: (1,).count())
attempt("list.append two", lambda: [].append(1, 2))
attempt("dict.get no args", lambda: {}.get())
attempt("str.startswith int", lambda: "a".startswith(1))
attempt("reversed int", lambda: reversed(5))
attempt("enumerate non-iter", lambda: enumerate(5))
attempt("abs None", lambda: abs(None))
attempt("negative shift", lambda: 1 << -1)
attempt("bytes negative", lambda: bytes([-1]))
attempt("bytes from str", lambda: bytes("abc"))
attempt("frozenset add", lambda: frozenset().add(1))
