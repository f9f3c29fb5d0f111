# sorting: sort/sorted with key, reverse, stability, errors
people = [("alice", 30, "NY"), ("bob", 25, "LA"), ("carol", 30, "LA"), ("dave", 25, "NY"), ("eve", 35, "SF"), ("frank", 30, "SF")]
print(sorted(people))
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: p[1], reverse=True))
print(sorted(people, key=lambda p: (p[2], -p[1])))
by_city = sorted(people, key=lambda p: p[2])
by_age_then_city = sorted(by_city, key=lambda p: p[1])
print([p[0] for p in by_age_then_city])
rev_stable = sorted(people, key=lambda p: p[1], reverse=True)
print([p[0] for p in rev_stable])
words = ["banana", "Apple", "cherry", "apple", "Banana", "date", "Cherry", "fig"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len), sorted(words, key=lambda w: (len(w), w)))
print(sorted(words, key=str.casefold, reverse=True), min(words, key=len), max(words, key=len))
nums = [5, -3, 2, -8, 0, 7, -1]
nums.sort()
print(nums)
nums.sort(key=abs)
print(nums)
nums.sort(reverse=True)
print(nums)
nums.sort(key=lambda x: x % 3)
print(nums)
print(sorted("hello world"), sorted((3, 1, 2)), sorted({"b": 1, "a": 2}), sorted({3, 1, 2}, reverse=True), sorted([]))
print(sorted([3.5, 1, True, -2, 2 ** 65, 0.0]), sorted([[2, 1], [1, 2], [1], []]), sorted([(1, "b"), (1, "a"), (0, "z")]))
mixed = [3, "a", 1]
try:
    sorted(mixed)
except TypeError as e:
    print("TypeError", e)
try:
    [None, 1].sort()
except TypeError as e:
    print("TypeError", e)
try:
    sorted([1, 2], key=lambda x: "a" if x == 1 else 2)
except TypeError as e:
    print("TypeError", e)
try:
    sorted([1], lambda x: x)
except TypeError as e:
    print("TypeError", e)
try:
    [1, 2].sort(lambda x: x)
except TypeError as e:
    print("TypeError", e)
try:
    sorted(5)
except TypeError as e:
    print("TypeError", e)
try:
    [{1}, {2}].sort() or print("sets sorted (partial order)")
except TypeError as e:
    print("TypeError", e)

class Version:
    def __init__(self, s):
        self.parts = tuple(int(p) for p in s.split("."))
        self.s = s
    def __lt__(self, other):
        return self.parts < other.parts
    def __repr__(self):
        return f"V{self.s}"
vs = [Version(s) for s in ["1.10.0", "1.2.3", "1.2.10", "0.9", "1.2", "2.0.0", "1.2.3"]]
print(sorted(vs), max(vs, key=lambda v: v.parts), sorted(vs, reverse=True)[:3])
class OnlyGt:
    def __init__(self, v): self.v = v
    def __gt__(self, other): return self.v > other.v
    def __repr__(self): return f"G{self.v}"
print(sorted([OnlyGt(3), OnlyGt(1), OnlyGt(2)]))
calls = []
def keyfn(x):
    calls.append(x)
    return -x
data = [4, 2, 9, 1]
print(sorted(data, key=keyfn), calls, data)
lst = [3, 1, 2]
try:
    lst.sort(key=lambda x: lst.append(0) or x)
except ValueError as e:
    print("ValueError", e)
big = [(i * 7919) % 1000 for i in range(500)]
s1 = sorted(big)
print(s1[:10], s1[-5:], all(s1[i] <= s1[i + 1] for i in range(len(s1) - 1)), len(s1), sorted(big, reverse=True)[:5])
pairs = [(i % 5, i) for i in range(20)]
pairs.sort(key=lambda p: p[0])
print(pairs)
pairs.sort(key=lambda p: p[0], reverse=True)
print(pairs[:8])
records = {"x": 3, "y": 1, "z": 2, "w": 3}
print(sorted(records, key=records.get), sorted(records.items(), key=lambda kv: (-kv[1], kv[0])), sorted(records.values()))
print(list(reversed(sorted(range(5)))), sorted(range(10), key=lambda n: (n % 2, -n)), sorted("bca", key=ord, reverse=True))
print(sorted([-0.0, 0.0, -1, 1]), sorted(["10", "9", "100"]), sorted(["10", "9", "100"], key=int), sorted([b"b", b"a"]))
