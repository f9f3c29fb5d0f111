# isinstance/issubclass with tuples, len errors, hash relations, id, format, type(), repr/ascii
class Animal: pass
class Dog(Animal): pass
class Cat(Animal): pass
d = Dog()
print(isinstance(d, Dog), isinstance(d, Animal), isinstance(d, (Cat, int)), isinstance(d, (Cat, (int, Animal))), isinstance(5, (str, bytes)))
print(isinstance(True, int), isinstance(1, bool), isinstance(None, type(None)), isinstance(int, type), isinstance(type, object), isinstance(d, ()))
print(issubclass(Dog, Animal), issubclass(Dog, (Cat, Dog)), issubclass(bool, (str, int)), issubclass(Animal, Dog), issubclass(int, object), issubclass(Dog, Dog))
print(isinstance(1, int | str), isinstance("s", int | None), isinstance(None, int | None), issubclass(bool, int | float))
for bad in [lambda: isinstance(1, 5), lambda: isinstance(1, (int, 5)), lambda: issubclass(d, Animal), lambda: issubclass(Dog, "x"), lambda: isinstance()]:
    try:
        print(bad())
    except TypeError as e:
        print("TypeError", e)
for obj in [5, 2.5, None, True, object(), len, iter([]), (x for x in []), 3j]:
    try:
        print(len(obj))
    except TypeError as e:
        print("TypeError", e)
class BadLen:
    def __len__(self): return -1
class HugeLen:
    def __len__(self): return 2 ** 70
class StrLen:
    def __len__(self): return "3"
class OkLen:
    def __len__(self): return 7
for obj in [BadLen(), HugeLen(), StrLen(), OkLen()]:
    try:
        print(len(obj))
    except (ValueError, OverflowError, TypeError) as e:
        print(type(e).__name__, e)
print(len("abc"), len([1]), len({}), len(range(5)), len(b"xy"), len((1, 2, 3)), len({1, 2}), len(frozenset()), len("日本"), len({"a": 1}.items()))
print(hash(1) == hash(1.0), hash(1) == hash(True), hash("a") == hash("a"), hash((1, 2)) == hash((1.0, 2)), hash(0) == hash(0.0) == hash(-0.0) == hash(False))
print(hash(10 ** 30) == hash(10 ** 30), hash(2.5) == hash(2.5), hash(-1) == -2, hash(7), hash(-7), hash(2 ** 61 - 1), hash(2 ** 61), hash(0.5))
a, b = object(), object()
print(id(a) == id(a), id(a) != id(b), isinstance(id(a), int), id(None) == id(None), a is not b, (lambda: 0) is not (lambda: 0))
x = [1, 2]
y = x
print(id(x) == id(y), x is y, x[:] is not x, None is None)
print(type(5).__name__, type("s") is str, type(type), type(None).__name__, type(d).__name__, type(d) is Dog, type(Dog).__name__, type(print).__name__)
T = type("Dynamic", (Animal,), {"sound": "beep", "speak": lambda self: self.sound * 2})
t = T()
print(T.__name__, t.speak(), isinstance(t, Animal), T.__bases__[0].__name__, [c.__name__ for c in T.__mro__])
print(repr("it's"), repr('say "hi"'), ascii("naïve"), repr(None), repr(...), repr(NotImplemented), str(...), repr(b"\x00"), repr(1.0))
print(format(3.14159, ".2f"), format(42, "x"), format("s", ">3"), format(1234567, ","), format(0.5, "%"), format(True), format([1]))
print(format(d.__class__.__name__, "^9"), format(10), format(-1.5e300), format(2 ** 100, "e"), format(1j))
def kinds(*values):
    out = []
    for v in values:
        if isinstance(v, bool):
            out.append("bool")
        elif isinstance(v, (int, float, complex)):
            out.append("number")
        elif isinstance(v, (str, bytes)):
            out.append("text")
        elif isinstance(v, (list, tuple, set, frozenset, dict)):
            out.append(type(v).__name__)
        elif callable(v):
            out.append("callable")
        else:
            out.append("other")
    return out
print(kinds(1, True, 2.5, "a", b"b", [1], (1,), {1}, {}, print, None, 1j, frozenset(), Dog))
print(int.__mro__, bool.__mro__, Dog.__mro__[1:], object.__bases__, type.__bases__, Dog.__base__ is Animal)
print(isinstance(Dog, type), type(Dog) is type, Dog.__class__ is type, d.__class__ is Dog, Dog.__subclasses__() == [], Animal.__subclasses__() == [Dog, Cat])
print(type(1) == int, type(1) is int, type(1.0) in (int, float), type([]) == list, type(()) != list, type({}) is dict)
print(bool(type), bool(object()), str(object)[:14], str(int), repr(str), repr(Dog).endswith("Dog'>"), Dog.__qualname__, Dog.__module__)
print(divmod(7, 2), abs(-3), max(1, 2), min("b", "a"), sum([1]), round(2.5), pow(2, 3), len([]), sorted([3, 1]), list(reversed([1, 2])))
print(all(isinstance(v, int) for v in [1, True, 2 ** 100]), any(isinstance(v, str) for v in [1, b"", None]), isinstance(1.0, (int,)))
