# Integers (small and big), floats, mixed arithmetic, division semantics.
print(7 // 2, -7 // 2, 7 % 3, -7 % 3, 7 % -3, 2 ** 10, 2 ** -1, 10 / 4)
print(2 ** 100, -(2 ** 63), 2 ** 63 - 1 + 1, (2 ** 64) // 3, (-2 ** 70) % 7)
big = 1
for i in range(1, 30):
    big *= i
print(big, big // (2 ** 40), big % 1000003, -big // 7)
print(9007199254740993 / 1, 10 ** 20 / 3, 1 / 3, 2 / 3 * 3)
print(0.1 + 0.2, 1e16, 1e-5, 123456789.123456789, 1.0, -0.0, float("inf"), float("nan"))
print(3 * 1.5, 7 // 2.0, -7.5 // 2, 7.5 % 2, -7.5 % 2, 2 ** 0.5, (-8) ** (1 / 3) if False else 0)
print(divmod(17, 5), divmod(-17, 5), divmod(17.5, 5), pow(3, 4, 5), pow(2, -1, 7))
print(abs(-5), abs(-5.5), abs(-(2 ** 80)), round(2.5), round(3.5), round(-2.5), round(2.675, 2), round(1234, -2))
print(int("42"), int("-0x1f", 16), int("0b101", 0), int(3.99), int(-3.99), float("1e3"), float(" 1_000.5 "))
print(1 < 2 < 3, 1 < 2 > 3, 1 == 1.0, 2 ** 53 == 2.0 ** 53, 2 ** 53 + 1 == 2.0 ** 53 + 1)
print(True + True, True * 3, -True, ~5, 5 & 3, 5 | 3, 5 ^ 3, 1 << 70, -1 >> 3, (2 ** 80) >> 70)
print(hex(255), oct(8), bin(10), hex(-255), 0xFF, 0o17, 0b1010, 1_000_000)
print(max(3, 1.5), min([4, 2, 8]), sum([1, 2, 3], 10), sum([0.1] * 10))
print(complex(1, 2) * complex(3, -1), (1 + 2j).real, abs(3 + 4j), 1j ** 2)
print(isinstance(True, int), type(1 + 1.0).__name__, type(2 ** 70).__name__, bool(0.0), bool(-1))
print(float(2 ** 70), int(1e20), 10 ** 30 // 10 ** 15, (10 ** 30) / (10 ** 15))
print(hash(1), hash(1.0), hash(2 ** 61), hash(-1), hash(0.5) == hash(1 / 2))
print((1).bit_length(), (255).bit_length(), (10).to_bytes(2, "big"), int.from_bytes(b"\x01\x00", "big"))
print(1.5.as_integer_ratio(), (0.1).hex(), 3.0.is_integer(), float.fromhex("0x1.8p1"))
