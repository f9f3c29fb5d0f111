# enumerate, zip (strict), map, filter, reversed, iter with sentinel, next with default
fruits = ["apple", "banana", "cherry"]
print(list(enumerate(fruits)), list(enumerate(fruits, 1)), list(enumerate(fruits, start=-2)), list(enumerate("", 5)))
for i, (name, n) in enumerate(zip(fruits, [3, 6, 9]), start=100):
    print(i, name, n)
e = enumerate("ab")
print(next(e), next(e), next(e, "end"), type(e).__name__, list(enumerate(range(3), 2 ** 70)))
print(list(zip()), list(zip([1, 2, 3])), list(zip("ab", [1, 2, 3])), list(zip(range(3), "xyz", (True, False, None))))
print(list(zip([1, 2], [3, 4], strict=True)), dict(zip("kv", [1, 2])), list(zip(*[(1, "a"), (2, "b")])))
for args in [([1, 2, 3], [4, 5]), ([1], [2, 3]), ([1, 2], [3, 4], [5]), ([], [1])]:
    try:
        print(list(zip(*args, strict=True)))
    except ValueError as e:
        print("ValueError", e)
z = zip([1, 2], "abc", strict=True)
print(next(z), next(z))
try:
    next(z)
except ValueError as e:
    print("ValueError", e)
try:
    zip(1, [2])
except TypeError as e:
    print("TypeError", e)
print(list(map(str, [1, 2, 3])), list(map(lambda a, b: a * b, [1, 2, 3], [4, 5, 6, 7])), list(map(pow, [2, 3], [3, 2], [5, 5])))
print(list(map(max, [1, 5], [4, 2], [3, 3])), list(map(len, ["a", "bb", ""])), list(map(str.upper, "abc")), list(map(int, "123")))
try:
    list(map(int, ["1", "x"]))
except ValueError as e:
    print("ValueError", e)
try:
    map(len)
except TypeError as e:
    print("TypeError", e)
print(list(filter(None, [0, 1, "", "a", None, [], [0], False, 2.5])), list(filter(lambda x: x % 3 == 0, range(10))), list(filter(str.isdigit, "a1b2c3")))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed((1,))), list(reversed(range(1, 10, 4))), list(reversed({"a": 1, "b": 2})))
class Countdown:
    def __init__(self, n): self.n = n
    def __len__(self): return self.n
    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError(i)
        return self.n - i
print(list(reversed(Countdown(4))), list(Countdown(3)), 2 in Countdown(3), list(enumerate(Countdown(2))))
class Rev:
    def __reversed__(self): return iter("custom")
print(list(reversed(Rev())))
for bad in [lambda: reversed(5), lambda: reversed({1, 2}), lambda: reversed(x for x in []), lambda: iter(5), lambda: next([1]), lambda: iter(1, 2)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)
lines = iter(["first", "second", "", "after-blank"])
print(list(iter(lambda: next(lines), "")), list(lines))
counter = [0]
def tick():
    counter[0] += 1
    return counter[0]
print(list(iter(tick, 5)), counter)
it = iter([1, 2])
print(next(it), next(it), next(it, None), next(it, "dflt"))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", repr(e))
gen = (x * x for x in range(4))
print(next(gen), list(gen), list(gen), iter(gen) is gen)
pipeline = map(lambda s: s.strip().lower(), filter(None, ["  Hello ", "", " World", "   "]))
print(list(pipeline), list(filter(lambda s: s.strip(), ["  Hello ", "", " World", "   "])))
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print(list(map(sum, matrix)), list(map(sum, zip(*matrix))), [list(r) for r in zip(*matrix[::-1])], sum(map(lambda r: r[0], matrix)))
pairs = list(zip(range(5), range(5, 10)))
print(pairs, list(map(lambda p: p[0] + p[1], pairs)), [a * b for a, b in pairs], list(enumerate(map(chr, range(97, 100)))))
it2 = iter(range(6))
print(list(zip(it2, it2)), list(zip(*[iter("abcdefg")] * 3)))
m = map(lambda x: 1 // x, [1, 0, 2])
print(next(m))
try:
    next(m)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
print(next(m), type(m).__name__, type(filter(None, [])).__name__, type(zip()).__name__, type(reversed([])).__name__, type(iter("")).__name__)
