# Calls of built-in types: constructors with their own __init__ (list,
# dict, set, bytearray), without (int, str, float, tuple, range, enumerate,
# zip, bool), their errors, and subclasses of them with and without Python
# __new__/__init__.
print(int("12"), int(3.9), int("ff", 16), str(12), str(b"x", "ascii"), float("1.5"), bool([]), bool(3))
print(list("abc"), dict(a=1, b=2), dict([(1, 2)]), set([1, 1, 2]), bytearray(b"ab"), tuple([1, 2]))
print(list(range(3)), list(enumerate("ab", 1)), list(zip("ab", [1, 2])), frozenset([1]))
for bad in (lambda: int("x"), lambda: list(1, 2), lambda: dict(1), lambda: range(), lambda: bool(1, 2), lambda: object(1)):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
class L(list):
    pass
class D(dict):
    def __init__(self, *a, **k):
        super().__init__(*a, **k)
        self.extra = True
class S(str):
    def __new__(cls, v):
        return super().__new__(cls, v * 2)
class I(int):
    pass
print(L("ab"), type(L("ab")).__name__, D(a=1), D(a=1).extra, S("ab"), type(S("x")).__name__, I(5) + 1, type(I(5)).__name__)
l = list([1, 2])
l.__init__([3])
print(l, type(object()).__name__, list(), dict(), str())
