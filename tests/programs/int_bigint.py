# Big integer arithmetic, floor division / modulo with negatives, bitwise ops on negatives
def factorial(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r

f50 = factorial(50)
print(f50)
print(f50 // factorial(48), f50 % 1000000007, len(str(f50)), f50.bit_length())

fib = [0, 1]
while len(fib) < 300:
    fib.append(fib[-1] + fib[-2])
print(fib[299], fib[299] % 10**9, fib[299] // fib[298])

a = 2**127 - 1
b = -(3**80)
print(a + b, a - b, a * b, a // b, a % b, -a // 7, -a % 7)
print(divmod(a, b), divmod(b, a), divmod(-a, -b))
print(a ** 3 // a ** 2 == a, pow(a, 2) - a * a, (a * b) // b == a)

for x in [7, -7, 2**70, -2**70]:
    for y in [3, -3, 2**35, -2**35]:
        q, r = divmod(x, y)
        assert q * y + r == x
        print(x // y, x % y, end=" | ")
    print()

print([(x, x // 4, x % 4, x // -4, x % -4) for x in range(-5, 6)])

# bitwise ops on negatives and bigints
for x, y in [(-1, 5), (-6, 3), (-6, -3), (12, -5), (-2**65, 2**64 - 1), (-(2**100) + 1, -2**90)]:
    print(x & y, x | y, x ^ y, ~x, x >> 3, x << 3)
print(-1 >> 100, -(2**200) >> 199, 1 << 200 >> 199, (-5) >> 1, (-4) >> 1)
print(hex(-2**70 & 0xFFFF_FFFF), (2**64) ^ (2**64 - 1), ~(2**80) & 0xFF)

try:
    1 << -1
except ValueError as e:
    print("ValueError", e)
try:
    1 >> -3
except ValueError as e:
    print("ValueError", e)
try:
    5 // 0
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    5 % 0
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    divmod(2**100, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    (2**100) / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    0 ** -1
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)

print(2**-2, (-2)**-3, 10**20 / 10**10, 2**1000 / 2**999, (2**1100) // (2**1000))
try:
    print(2**1100 / 3)
except OverflowError as e:
    print("OverflowError", e)
try:
    float(2**1024)
except OverflowError as e:
    print("OverflowError", e)
print(float(2**1023), 2**1100 / 2**1000, 10**400 // 10**399)
print(abs(-2**100), -(-2**100), +(2**100), (2**100).__neg__() < 0)
print(2**64 == 2.0**64, 2**64 < 2.0**64 + 1e5, 2**1100 > float("inf"), -2**1100 < -1e308)
print(sorted([2**70, -3, 2.5, -2**80, 0, True]))
print(max(2**100, 2**100 + 1), min(-2**100, 1e30))
print(int(str(3**500)) == 3**500, str(-7**40), hex(7**40), oct(-7**20), bin(2**70 + 1))
print(pow(3, 1000, 10**9 + 7), pow(-3, 3), pow(2, 100, -7), pow(12345678901234567890, 98765, 2**61 - 1))
