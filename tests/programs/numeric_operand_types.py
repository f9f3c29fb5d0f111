# int/float/complex special methods return NotImplemented for a wider operand
# type, so that a float subclass on the right gets its reflected method.
class F(float):
    def __radd__(self, o): return "F.radd"
    def __rmul__(self, o): return "F.rmul"
print(3 + F(1), 3 * F(1), True + F(1))
print(int.__add__(1, 2.0), int.__mul__(2, 1.5), int.__truediv__(1, 2.0), float.__add__(1.0, 2), float.__radd__(1.0, 2), int.__radd__(1, 2.0), float.__add__(1.5, 1j))
print(1 + 2.0, 2.0 + 1, 1j + 1, 1 + 1j, 2 ** 0.5, 10 // 3.0, divmod(7, 2.0), 3 % 2.5)
class I(int):
    def __radd__(self, o): return "I.radd"
print(1.5 + I(2), I(2) + 1.5, 2 + I(3))
