# A units library whose mixed-type arithmetic ends with an uncaught TypeError


class Quantity:
    def __init__(self, value, unit):
        self.value = value
        self.unit = unit

    def __add__(self, other):
        if isinstance(other, Quantity) and other.unit == self.unit:
            return Quantity(self.value + other.value, self.unit)
        return NotImplemented

    def __mul__(self, k):
        if isinstance(k, (int, float)):
            return Quantity(self.value * k, self.unit)
        return NotImplemented

    __rmul__ = __mul__

    def __repr__(self):
        return f"{self.value}{self.unit}"


class Meters(Quantity):
    def __init__(self, value):
        super().__init__(value, "m")


class Seconds(Quantity):
    def __init__(self, value):
        super().__init__(value, "s")


total = Meters(0)
for step in [Meters(3), Meters(4.5), 2 * Meters(1)]:
    total = total + step
    print("running total", total)
print(3 * Seconds(2), Seconds(1) * 0.5)
try:
    Meters(1) * Meters(2)
except TypeError as e:
    print(type(e).__name__, e)


def accumulate(items):
    result = items[0]
    for item in items[1:]:
        result = result + item
    return result


print(accumulate([Seconds(1), Seconds(2)]))
print(accumulate([Meters(1), Seconds(2)]))
