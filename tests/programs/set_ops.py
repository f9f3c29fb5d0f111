# set operators and methods (ints and tuples only printed directly; strings sorted)
a = {1, 2, 3, 4, 5}
b = {4, 5, 6, 7}
print(a | b, a & b, a - b, b - a, a ^ b, a <= b, a < a, {1, 2} < a, a >= {1}, a > a, a == {5, 4, 3, 2, 1}, a != b)
print(a.union(b, [8, 9]), a.intersection(b, range(5)), a.difference(b, {1}), a.symmetric_difference([5, 6, 100]))
print(a.issubset(range(10)), a.issuperset([1, 2]), a.isdisjoint({9}), a.isdisjoint(b), set().issubset(a), a.union(), a.intersection())
s = set()
s.add(3)
s.add(3)
s.update([1, 2], (9,), range(10, 12))
print(s, len(s))
s.discard(100)
s.discard(9)
s.remove(10)
print(s, s.pop() in {1, 2, 3, 11}, len(s))
try:
    s.remove(999)
except KeyError as e:
    print("KeyError", e)
try:
    set().pop()
except KeyError as e:
    print("KeyError", e)
c = {1, 2, 3, 4}
c.intersection_update({2, 3, 4, 5}, [3, 4])
print(c)
c.difference_update([4])
print(c)
c.symmetric_difference_update({3, 7})
print(c)
c |= {8}
c &= {7, 8, 9}
c -= {9}
c ^= {1}
print(c)
d = c.copy()
d.clear()
print(c, d, set() == set(), set() == frozenset(), {1} == frozenset({1}))
for bad in [lambda: a | [1], lambda: a + b, lambda: {[1]}, lambda: a.add([]), lambda: set(5), lambda: a < [1], lambda: {1} - "1",
            lambda: a.update(5), lambda: {{1}}]:
    try:
        print(bad())
    except TypeError as e:
        print("TypeError", e)
pts = {(0, 0), (1, 2), (1, 2), (3, -1)}
print(sorted(pts), (1, 2) in pts, len(pts), {(x, y) for x in range(2) for y in range(2)} - {(0, 0)} == {(0, 1), (1, 0), (1, 1)})
words = "the cat and the hat and the bat".split()
uniq = set(words)
print(sorted(uniq), len(uniq), sorted(uniq - {"the", "and"}), "cat" in uniq, sorted(set("mississippi")))
print(sorted({w[0] for w in words}), sorted(set(words[:3]) & set(words[3:])), sorted(set(words) ^ {"cat", "dog"}))
print({1, 2, 3} == {3, 2, 1}, {1.0, 1, True}, {0, False, 0j}, len({-0.0, 0.0}), {2 ** 64, 2 ** 64 + 0}, {None, None})
nums = set(range(20))
evens = {n for n in nums if n % 2 == 0}
primes = {2, 3, 5, 7, 11, 13, 17, 19}
print(sorted(evens & primes), sorted(primes - evens), sorted(nums - evens - primes), max(primes), min(nums ^ evens), sum(primes))
it = iter({1, 2, 3})
s2 = {1, 2, 3}
try:
    for x in s2:
        s2.add(x + 10)
except RuntimeError as e:
    print("RuntimeError", e)
try:
    for x in s2:
        s2.discard(x)
except RuntimeError as e:
    print("RuntimeError", e)
print(repr(set()), repr({1}), str({(1, 2)}), set.__name__, type({1}).__name__, type({}).__name__, set([1, 1, 2]) == {1, 2})
def components(edges):
    parent = {}
    def find(x):
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x
    for u, v in edges:
        parent[find(u)] = find(v)
    groups = {}
    for n in parent:
        groups.setdefault(find(n), set()).add(n)
    return sorted(sorted(g) for g in groups.values())
print(components([(1, 2), (2, 3), (4, 5), (6, 6), (5, 7), (3, 1)]))
sub = {1, 2}
sup = {1, 2, 3}
print(sub < sup, sub <= sup, sup > sub, sub.__lt__(sup), sup.__ge__(sub), (sub | sup) == sup, sub.__or__([1]), sub.__and__(5))
x = {1, 2}
y = x
x |= {3}
print(x, y, x is y)
x = x | {4}
print(x, y, x is y)
print(sorted({3, 1, 2}, reverse=True), list(sorted({-5, 5, 0})), {i % 3 for i in range(10)}, set(range(5)) - set(range(1, 4)))
