lst = [3, 1, 4, 1, 5, 9, 2, 6]
lst.append(5)
lst.extend([3, 5])
lst.insert(0, 0)
print(lst, len(lst), lst.count(5), lst.index(4), lst.pop(), lst.pop(0), lst)
lst.remove(1)
lst.sort()
print(lst, sorted(lst, reverse=True), lst[::-1], list(reversed(lst)))
lst[1:3] = ["a", "b", "c"]
print(lst)
del lst[::2]
print(lst, lst * 2, [0] * 3, [[]] * 2)
nested = [[1, 2], [3, 4]]
copy = nested.copy()
copy[0].append(99)
print(nested, copy == nested, copy is nested, [1, 2] < [1, 3], [1, 2] == [1, 2.0])
t = (1, 2, 3)
print(t, t[1:], t + (4,), t * 2, t.index(2), t.count(1), (1,), (), tuple([1, 2]))
a, b, *rest = range(6)
print(a, b, rest)
first, *middle, last = "hello"
print(first, middle, last)
(x, y), z = (1, 2), 3
print(x, y, z)
d = {"a": 1, "b": 2}
d["c"] = 3
d.update({"d": 4}, e=5)
print(d, len(d), d.get("z"), d.get("z", 0), "a" in d, list(d.keys()), list(d.values()), list(d.items()))
print(d.pop("a"), d.setdefault("f", 6), d.setdefault("b", 99), d)
del d["b"]
print(d, {k: v * 2 for k, v in d.items()}, dict(zip("xyz", range(3))), dict(a=1, b=2), dict([(1, 2)]))
print({**d, "new": 0}, d | {"z": 26}, sorted(d), min(d), list(dict.fromkeys("abca")))
s = {3, 1, 2}
s.add(4)
s.discard(10)
print(s, len(s), 2 in s, s | {5}, s & {1, 2, 9}, s - {1}, s ^ {1, 100}, {1, 2} <= s, s.issuperset({1}))
print(set("hello") == set("olleh"), sorted(set([5, 3, 5, 1])), frozenset([1, 2]), set(), {x % 3 for x in range(10)})
print({100, 5, 3, 1000, -1, -2, 7}, {"a"} if True else None, set(range(20)))
r = range(0, 20, 3)
print(list(r), r[2], r[-1], len(r), 9 in r, 10 in r, list(range(5, 0, -2)), range(3), r.index(9))
print(list(enumerate("abc", 1)), list(zip([1, 2, 3], "ab")), list(map(abs, [-1, 2, -3])), list(filter(None, [0, 1, "", "a"])))
print(any([0, 0, 1]), all([1, 1, 0]), any([]), all([]), sum(x * x for x in range(5)), max([], default=-1))
matrix = [[i * j for j in range(4)] for i in range(3)]
print(matrix, [row[1] for row in matrix], list(zip(*matrix)))
print(sorted([(2, "b"), (1, "z"), (2, "a")]), sorted(["bb", "a", "ccc"], key=len, reverse=True))
stack = []
for i in range(3):
    stack.append(i)
while stack:
    print(stack.pop(), end=" ")
print()
print([i for i in range(10) if i % 2 if i > 3], [(i, j) for i in range(3) for j in range(i)])
print(list(iter([1, 2])), next(iter("x")), next(iter([]), "default"))
