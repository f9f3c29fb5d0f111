# C3 linearization: diamonds, complex hierarchies, inconsistent orders


def names(cls):
    return " ".join(c.__name__ for c in cls.__mro__)


class O: pass
class A(O): pass
class B(O): pass
class C(O): pass
class D(O): pass
class E(O): pass
class K1(A, B, C): pass
class K2(D, B, E): pass
class K3(D, A): pass
class Z(K1, K2, K3): pass

for cls in (K1, K2, K3, Z):
    print(cls.__name__, "->", names(cls))


class Base:
    def who(self):
        return ["Base"]


class Left(Base):
    def who(self):
        return ["Left"] + super().who()


class Right(Base):
    def who(self):
        return ["Right"] + super().who()


class Bottom(Left, Right):
    def who(self):
        return ["Bottom"] + super().who()


print(names(Bottom))
print(Bottom().who())
print(Bottom.mro() == list(Bottom.__mro__))
print(type(Bottom.mro()).__name__, type(Bottom.__mro__).__name__)


def try_class(label, bases):
    try:
        cls = type(label, bases, {})
        print(label, "ok:", names(cls))
    except TypeError as e:
        print(label, type(e).__name__, "-", e)


class X: pass
class Y: pass
class XY(X, Y): pass
class YX(Y, X): pass

try_class("Bad1", (XY, YX))
try_class("Bad2", (X, XY))
try_class("Good", (XY, X))
try_class("Dup", (X, X))
try_class("Bad3", (object, X))
try_class("Good2", (X, object))

try:
    class Broken(XY, YX):
        pass
except TypeError as e:
    print("class stmt:", e)


class Meta(type):
    def mro(cls):
        default = super().mro()
        print("custom mro called for", cls.__name__)
        return default[:1] + list(reversed(default[1:-1])) + default[-1:]


class P: tag = "P"
class Q: tag = "Q"


class R(P, Q, metaclass=Meta):
    pass


print(names(R), R.tag)


class Mixin1:
    def hello(self):
        return "m1:" + super().hello()


class Mixin2:
    def hello(self):
        return "m2:" + super().hello()


class Core:
    def hello(self):
        return "core"


class Final(Mixin1, Mixin2, Core):
    pass


print(Final().hello(), names(Final))
print(issubclass(Final, Mixin2), Final.__bases__ == (Mixin1, Mixin2, Core))
print([c.__name__ for c in int.__mro__], [c.__name__ for c in bool.__mro__])
