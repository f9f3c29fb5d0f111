# bool as int subclass: arithmetic, repr, comparisons, bitwise ops
t, f = True, False
print(t + t, t - f, t * 10, t / 2, t // 2, t % 2, t ** 5, -t, +t, ~t, ~f, abs(-t))
print(type(t + t).__name__, type(t & f).__name__, type(t | t).__name__, type(t ^ t).__name__, type(~t).__name__)
print(t & f, t | f, t ^ t, f ^ t, t & 1, t | 2, 3 & t)
print(repr(t), str(f), f"{t}", f"{t:d}", f"{t!r}", "%d %s %r" % (t, f, t), format(f, "5"), format(t, ">6"))
print(int(t), float(t), complex(t), bool(1), bool(0), bool(-0.0), bool(""), bool("False"), bool([]), bool([0]))
print(t == 1, f == 0, t is True, 1.0 == t, hash(t) == hash(1), t < 2, f < t, sorted([t, f, 0, 1, -1]))
print(sum([True, True, False, True]), max(True, 0), min(False, -1), True in [1], 1 in [True])
print({True: "a", 1: "b", 1.0: "c"}, {0, False, 0.0}, len({True, 1, 1.0, 1 + 0j}))
print(isinstance(True, int), issubclass(bool, int), bool.__mro__[1].__name__, bool.__bases__[0].__name__)
print(divmod(True, True), pow(True, 10), round(True), True.real, True.imag, True.numerator, True.denominator)
print(["no", "yes"][True], "abc"[True:], (1, 2, 3)[False], [10, 20][t + t - 1])
print(True << 3, True >> 1, 5 * (3 > 2), "x" * True, "x" * False + "|")
print(bool.__name__, type(True).__name__, type(bool()).__name__, bool(), bool(None))
try:
    class B(bool):
        pass
except TypeError as e:
    print("TypeError", e)
try:
    True / False
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    True // False
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)

class Custom:
    def __init__(self, v): self.v = v
    def __bool__(self): return self.v > 0
class Sized:
    def __len__(self): return 0
class BadBool:
    def __bool__(self): return 1
print(bool(Custom(1)), bool(Custom(-1)), bool(Sized()), not Sized(), bool(Custom))
try:
    bool(BadBool())
except TypeError as e:
    print("TypeError", e)
class BadLen:
    def __len__(self): return -1
try:
    bool(BadLen())
except ValueError as e:
    print("ValueError", e)

def count_truthy(items):
    return sum(bool(x) for x in items)
print(count_truthy([0, 1, "", "a", [], [1], None, 0.0, 0j, 1j, Custom(3)]))
print(all([]), any([]), all([1, True, "x"]), any([0, "", None]), True and 3, False or "z", 0 or None)
print(True.__and__(False), True.__or__(1), True.__xor__(True), (True).__add__(True))
print(True.to_bytes(2, "big"), int.from_bytes(b"\x01", "big") == True, True.bit_length(), False.bit_count())
print(f"{True:>5}|{False:<6}|{True:^7}|{True:05}|{True:x}|{True:.2f}")
print(str(True).upper(), repr(False).lower(), True.__str__(), True.__repr__())
