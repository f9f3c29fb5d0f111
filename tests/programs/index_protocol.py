# __index__: used by slicing, range, bin/hex/oct, sequence indexing and repetition
# (A range beyond the i64 range is left out: Pyrite's ranges are i64 only.)


class Idx:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v

    def __repr__(self):
        return f"Idx({self.v})"


data = list(range(10))
text = "abcdefghij"
one, three, neg = Idx(1), Idx(3), Idx(-2)
print(data[three], data[neg], text[one], (10, 20, 30)[Idx(2)])
print(data[one:Idx(7):Idx(2)], text[neg:], text[:three], data[::Idx(-3)])
print(list(range(three)), list(range(one, Idx(9), three)), range(10)[three], range(20)[one:three])
print(bin(Idx(10)), hex(Idx(255)), oct(Idx(8)), "ab" * three, three * [0], (1,) * Idx(2))
print(operator_index := Idx(5).__index__(), int.__index__(7))
print(slice(one, three).indices(10), slice(None, None, Idx(2)).indices(5))
data[one] = "one"
data[Idx(2):Idx(4)] = ["x"]
del data[Idx(0)]
print(data)
print("{0[1]}".format(text), format(Idx(3).__index__(), "03d"))
print(round(2.5, Idx(0)), round(3.14159, Idx(2)))
print(divmod(17, 5), int(Idx(42).__index__()), [1, 2, 3].pop(Idx(0)))
print(bytes(Idx(3)), list(bytes([Idx(65), Idx(66)])))
print("%x %o %c" % (Idx(255), Idx(8), Idx(65)))
print(chr(Idx(97)), [10, 20, 30].index(20, Idx(0)), "abcabc".find("c", Idx(3)))


class NoIndex:
    def __int__(self):
        return 3


def attempt(label, fn):
    try:
        print(label, fn())
    except (TypeError, ValueError, IndexError, OverflowError) as e:
        print(label, type(e).__name__, e)


ni = NoIndex()
attempt("list[NoIndex]", lambda: data[ni])
attempt("str[NoIndex]", lambda: text[ni])
attempt("slice NoIndex", lambda: data[ni:])
attempt("range NoIndex", lambda: range(ni))
attempt("bin NoIndex", lambda: bin(ni))
attempt("hex float", lambda: hex(1.5))
attempt("repeat NoIndex", lambda: "a" * ni)
attempt("int(NoIndex)", lambda: int(ni))
attempt("list[float]", lambda: data[1.0])
key = "a"
attempt("tuple[str]", lambda: (1, 2)[key])
attempt("str[None]", lambda: text[None])
attempt("list[Idx(100)]", lambda: data[Idx(100)])
attempt("len range big", lambda: len(range(2 ** 70)))
attempt("slice of big", lambda: data[Idx(2 ** 80):])
attempt("list[big]", lambda: data[2 ** 80])


class BadIndex:
    def __index__(self):
        return "seven"


class FloatIndex:
    def __index__(self):
        return 7.0


attempt("bad __index__", lambda: data[BadIndex()])
attempt("float __index__", lambda: range(FloatIndex()))
attempt("hex bad", lambda: hex(BadIndex()))


class IntSub(int):
    def __index__(self):
        return 0


print(data[IntSub(3)], [1, 2, 3][True], "xyz"[False])


class Both:
    def __index__(self):
        return 2

    def __int__(self):
        return 9


print(int(Both()), data[Both()], float(Idx(3).v))
attempt("float(Idx)", lambda: float(Idx(3)))
attempt("complex(Idx)", lambda: complex(Idx(3)))
attempt("int(Idx)", lambda: int(Idx(4)))
