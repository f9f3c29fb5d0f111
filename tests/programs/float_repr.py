# float repr (shortest round trip), hex/fromhex, as_integer_ratio, is_integer
vals = [0.1, 0.2, 0.1 + 0.2, 1/3, 2/3, 1e16, 1e15, 123456789012345678.0, 1e-4, 1e-5, 0.0001234,
        1.5e300, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 100.0, 1e22, 1e23,
        -0.0, 3.14159, 2.5, 1234567.0, 0.5, 9007199254740993.0, 4.35, 1.1 * 3, 123e-20]
for v in vals:
    print(repr(v), str(v), float(repr(v)) == v)

print([x / 10 for x in range(11)])
print([round(x * 0.1, 10) for x in range(5)], sum([0.1] * 10), 0.1 * 3, 1 - 0.9)

for v in [1.0, 0.5, 0.1, -2.75, 1e-310, 1e300, 0.0, -0.0, 3.0, 255.0 / 256]:
    print(v.hex(), float.fromhex(v.hex()) == v, v.as_integer_ratio(), v.is_integer())
for s in ["0x1.8p1", "0x1p-1074", "-0x1.fffffffffffffp+1023", "0x.8", "0xA", "  0x1p4  ", "inf", "-nan", "0x1.0p0"]:
    print(s.strip(), float.fromhex(s))
for bad in ["0x", "1.5x", "", "0x1p"]:
    try:
        float.fromhex(bad)
    except ValueError as e:
        print("ValueError", e)
try:
    float.fromhex("0x1p10000")
except OverflowError as e:
    print("OverflowError", e)
try:
    float("inf").as_integer_ratio()
except OverflowError as e:
    print("OverflowError", e)
try:
    float("nan").as_integer_ratio()
except ValueError as e:
    print("ValueError", e)

for s in ["1.5", "  -2.5e3 ", "1_000.25", "inf", "-Infinity", "nan", "+NaN", "1e500", "-1e500", ".5", "5.", "0x10" ]:
    try:
        print(repr(s), float(s))
    except ValueError as e:
        print("ValueError", e)
for bad in ["", "abc", "1.2.3", "1__0", "_1", "in f", "1e", "--1"]:
    try:
        float(bad)
    except ValueError as e:
        print("ValueError", e)
try:
    float([])
except TypeError as e:
    print("TypeError", e)

class F:
    def __float__(self):
        return 2.5
class I:
    def __index__(self):
        return 7
print(float(F()), float(I()), float(True), float(10**20), float(b"3.5"))
print(float.__name__, (2.0).real, (2.0).imag, (2.0).conjugate(), type(2.0 ** 2).__name__)
print(3.0 == 3, 0.1 + 0.2 == 0.3, abs((0.1 + 0.2) - 0.3) < 1e-15, 1e308 * 10, -1e308 * 10)
print(int(1.9999999999999999), int(-1e18), 2.0 ** 0.5, 10.0 ** -3, (-8.0) ** 2, 1e-320 / 10)
print(f"{1e-7}", f"{1e16}", f"{12345.678}", str(1e100), repr(-1.5e-10), str(float(2**53)))
