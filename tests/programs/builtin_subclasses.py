# Subclassing list, dict, int, str, tuple, float: reprs, overridden methods, return types


class Stack(list):
    def push(self, x):
        self.append(x)
        return self

    def peek(self):
        return self[-1]


s = Stack([1, 2])
s.push(3).push(4)
print(s, repr(s), type(s).__name__, s.peek(), len(s))
print(type(s + [5]).__name__, type(s[1:]).__name__, type(s * 2).__name__, type(s.copy()).__name__)
s += [9]
print(type(s).__name__, s)
print(s == [1, 2, 3, 4, 9], isinstance(s, list), sorted(s, reverse=True))


class LoudList(list):
    def __repr__(self):
        return "Loud" + super().__repr__()

    def append(self, x):
        super().append(str(x).upper())


ll = LoudList()
ll.append("a")
ll.extend(["b"])
print(ll, str(ll), [ll], f"{ll}")


class AttrDict(dict):
    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name, value):
        self[name] = value


ad = AttrDict(a=1)
ad.b = 2
print(ad, ad.a, ad.b, type(ad).__name__, dict(ad))
try:
    ad.c
except AttributeError as e:
    print(type(e).__name__, e)
print(type(ad | {"z": 0}).__name__, type(ad.copy()).__name__, type(AttrDict.fromkeys("xy")).__name__)


class Celsius(float):
    def __new__(cls, value):
        if value < -273.15:
            raise ValueError("too cold")
        return super().__new__(cls, value)

    def __repr__(self):
        return f"{float(self):.1f}°C"


t = Celsius(21.5)
print(t, repr(t), str(t), t + 1, type(t + 1).__name__, t * 2, isinstance(t, float))
try:
    Celsius(-300)
except ValueError as e:
    print(type(e).__name__, e)


class Flag(int):
    def __new__(cls, value, name):
        obj = super().__new__(cls, value)
        obj.name = name
        return obj

    def __repr__(self):
        return f"<Flag {self.name}={int(self)}>"

    def __or__(self, other):
        return Flag(int(self) | int(other), f"{self.name}|{getattr(other, 'name', other)}")


READ, WRITE = Flag(4, "READ"), Flag(2, "WRITE")
print(READ, WRITE, READ | WRITE, READ + WRITE, type(READ + WRITE).__name__, READ == 4, hash(READ) == hash(4))
print(str(READ), f"{READ}", "%d" % READ, format(READ, "03b"), -READ, abs(READ), bin(READ))


class Name(str):
    def __new__(cls, value):
        return super().__new__(cls, value.strip().title())

    def initials(self):
        return "".join(p[0] for p in self.split())


n = Name("  ada lovelace ")
print(n, repr(n), n.initials(), type(n.upper()).__name__, type(n + "!").__name__, n == "Ada Lovelace")
print(len(n), n[0], type(n[0]).__name__, "Ada" in n, {n: 1}["Ada Lovelace"], f"{n!r:>20}")


class Pair(tuple):
    def __new__(cls, a, b):
        return super().__new__(cls, (a, b))

    @property
    def first(self):
        return self[0]

    def __repr__(self):
        return f"Pair{tuple.__repr__(self)}"


p = Pair(1, 2)
print(p, p.first, p + (3,), type(p + (3,)).__name__, p == (1, 2), hash(p) == hash((1, 2)))
a, b = p
print(a, b, list(p), p.count(1), p.index(2))
try:
    Pair(1, 2, 3)
except TypeError as e:
    print(type(e).__name__, e)


class Bag(set):
    pass


print(Bag([1, 2]), type(Bag([1]) | {3}).__name__, Bag() == set(), repr(Bag()))


class FrozenBag(frozenset):
    pass


print(FrozenBag([3]), repr(FrozenBag()), type(FrozenBag([1]) & {1}).__name__)


class MyInt(int):
    pass


print(repr(MyInt(5)), MyInt(5) + MyInt(2), type(MyInt(5) + MyInt(2)).__name__, MyInt("12", 8), MyInt())
print(type(MyInt(3) // 2).__name__, True + MyInt(1), [MyInt(2)], int(MyInt(7)) is not None)
print(issubclass(MyInt, int), MyInt.__mro__[1] is int, MyInt(10).bit_length(), MyInt(255).to_bytes(2, "big"))
