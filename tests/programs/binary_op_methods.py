# Binary operators whose left operand's class defines the method in Python:
# the result, NotImplemented falling back to the reflected method, a
# subclass's reflected method going first, the TypeError when nothing
# applies, exceptions raised inside, and operators between two classes.
class V:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o):
        if not isinstance(o, V):
            return NotImplemented
        return V(self.x + o.x, self.y + o.y)
    def __mul__(self, k):
        return V(self.x * k, self.y * k)
    def __sub__(self, o):
        raise ValueError("no subtraction")
    def __repr__(self):
        return "V(%r, %r)" % (self.x, self.y)
class W:
    def __radd__(self, o):
        return "W.__radd__ got %r" % (o,)
class SubV(V):
    def __radd__(self, o):
        return "SubV.__radd__ first"
    def __add__(self, o):
        return "SubV.__add__"
a = V(1, 2)
print(a + V(3, 4), a * 3, a * 1.5)
print(a + W())
print(a + SubV(0, 0))
try:
    a + 1
except TypeError as e:
    print("TypeError:", e)
try:
    a - a
except ValueError as e:
    print("ValueError:", e)
class Money:
    def __init__(self, c):
        self.c = c
    def __lt__(self, o):
        return self.c < o.c
    def __truediv__(self, n):
        return Money(self.c // n)
    def __floordiv__(self, n):
        return NotImplemented
print((Money(100) / 3).c)
try:
    Money(1) // 2
except TypeError as e:
    print("TypeError:", e)
total = V(0, 0)
for i in range(1000):
    total = total + V(i, -i) * 2
print(total)
class Deep:
    def __add__(self, o):
        return self + o
try:
    Deep() + 1
except RecursionError as e:
    print("RecursionError:", e)
