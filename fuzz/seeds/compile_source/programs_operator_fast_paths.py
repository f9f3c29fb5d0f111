# The operand types the interpreter has shortcuts for (small ints, floats,
# lists and tuples indexed by ints), at the edges where a shortcut must give
# way to the general rules.
import math

big = 2**62
print(big + big, big * 4, -big - big - big, (-2**63) - 1)
print(3 + 0.5, 0.5 + 3, 2**53 + 1.0, 1.0 * (2**53 + 1), 7 - 0.25, 0.25 - 7)
print(1 / 3, 1.0 / 3, 2 / 4.0, 10 / 5, (2**62) / 3)
for a, b in [(1, 0), (1.0, 0), (1, 0.0), (1.0, 0.0), (0.0, -0.0)]:
    try:
        print(a / b)
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
print(-0.0 + 0.0, -0.0 - 0.0, -0.0 * 1, 0.0 * -1, math.inf - math.inf, math.inf * 0)
x = 1.5
x += 2
x -= 0.5
x *= 3
x /= 2
print(x)
n = 10
n += 2**62
n += 2**62
print(n)
print(True + True, True * 2.5, False - 1.0, 3 * True)

nan = float("nan")
for a, b in [(nan, nan), (nan, 1.0), (1.0, 2.0), (2.0, 2.0), (-0.0, 0.0), (math.inf, 1e308)]:
    print(a < b, a <= b, a == b, a != b, a > b, a >= b)
print(2**53 + 1 == 2.0**53, 2**53 + 1 > 2.0**53, 1 == 1.0, 3 < 3.5)
print(1 < 2 < 3, 3 > 2 > 2, (1 < 2) + 1)

items = [10, 20, 30]
t = (1, 2, 3)
print(items[0], items[-1], items[-3], t[1], t[-1])
for seq in (items, t):
    for i in (3, -4, 2**62, -(2**62)):
        try:
            seq[i]
        except IndexError as e:
            print("IndexError:", e)
print(items[True], t[False])
items[-1] = 99
items[0] = items[1] + 1
print(items)
try:
    items[3] = 0
except IndexError as e:
    print("IndexError:", e)
try:
    t[0] = 5
except TypeError as e:
    print("TypeError:", e)


class Shout(list):
    def __getitem__(self, i):
        return "item %r" % (i,)

    def __setitem__(self, i, v):
        print("set", i, v)


s = Shout([1, 2])
print(s[0], s[-1])
s[0] = 5
print(list(s))


class Tup(tuple):
    def __getitem__(self, i):
        return -1


print(Tup((1, 2))[0])


class Num(float):
    def __add__(self, other):
        return "Num.__add__"


print(Num(1.0) + 1.0, 1.0 + Num(1.0))
