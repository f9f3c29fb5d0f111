# Truth testing: __bool__, __len__ fallback, bad return values, len() errors


class Empty:
    pass


class WithBool:
    def __init__(self, flag):
        self.flag = flag

    def __bool__(self):
        return self.flag


class WithLen:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n


class Both:
    def __bool__(self):
        return False

    def __len__(self):
        return 10


print(bool(Empty()), bool(WithBool(True)), bool(WithBool(False)))
print(bool(WithLen(0)), bool(WithLen(3)), bool(Both()), len(Both()))
print(not WithLen(0), "yes" if WithLen(2) else "no", WithLen(0) or "fallback", WithLen(5) and "second")
print([x.n for x in [WithLen(0), WithLen(1), WithLen(2)] if x])
print(any([WithLen(0), WithLen(0)]), all([WithLen(1), WithBool(True)]))
print(list(filter(None, [WithLen(0), WithLen(4)]))[0].n)

count = 0
w = WithLen(3)
while w:
    w.n -= 1
    count += 1
print(count)


def check(label, obj, fn):
    try:
        print(label, fn(obj))
    except (TypeError, ValueError, OverflowError) as e:
        print(label, type(e).__name__, e)


check("bool returns int", WithBool(1), bool)
check("bool returns None", WithBool(None), bool)
check("bool returns str", WithBool("yes"), bool)
check("not on bad bool", WithBool(0), lambda o: not o)
check("if on bad bool", WithBool([]), lambda o: "t" if o else "f")
check("len negative", WithLen(-1), len)
check("bool of len negative", WithLen(-1), bool)
check("len float", WithLen(2.5), len)
check("len str", WithLen("3"), len)
check("len None", WithLen(None), len)
check("len bool", WithLen(True), len)
check("len huge", WithLen(2 ** 100), len)
check("bool of huge len", WithLen(2 ** 100), bool)
check("len of Empty", Empty(), len)
check("len of int", 5, len)


class IndexLike:
    def __index__(self):
        return 4


check("len returns __index__ obj", WithLen(IndexLike()), len)


class BoolSub(int):
    pass


check("len returns int subclass", WithLen(BoolSub(7)), len)


class NoneBool:
    __bool__ = None


check("__bool__ = None", NoneBool(), bool)


class NoneLen:
    __len__ = None


check("__len__ = None", NoneLen(), len)
check("bool with __len__ None", NoneLen(), bool)


class Raising:
    def __bool__(self):
        raise ValueError("cannot decide")


check("raising bool", Raising(), bool)
try:
    if Raising():
        pass
except ValueError as e:
    print("in if:", type(e).__name__, e)


class Container:
    def __init__(self, *items):
        self.items = list(items)

    def __len__(self):
        return len(self.items)

    def __repr__(self):
        return f"Container{tuple(self.items)}"


c = Container()
print(c or Container(1), bool(c), bool(Container(0)))
print(sorted([Container(1, 2), Container(), Container(3)], key=len))
print(bool(0j), bool(0.0), bool(""), bool(()), bool(range(0)), bool(range(1)), bool(...), bool(None))
print(len(range(10)), len("héllo"), len(b"\x00\x01"), len({1: 2}), len(set()), len(frozenset([1, 1])))
