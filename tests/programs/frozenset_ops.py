# frozenset: immutability, hashing, use as keys, mixing with set
fa = frozenset([1, 2, 3])
fb = frozenset(range(2, 6))
print(fa, fb, frozenset(), repr(frozenset()), fa | fb, fa & fb, fa - fb, fa ^ fb, type(fa | fb).__name__)
print(fa | {9}, type(fa | {9}).__name__, {9} | fa, type({9} | fa).__name__, type(fa & set()).__name__, type(set() ^ fa).__name__)
print(fa.union([7]), fa.intersection({1, 2}), fa.difference([1]), fa.symmetric_difference({3, 4}), fa.copy() is fa, fa.issubset({1, 2, 3}))
print(hash(fa) == hash(frozenset([3, 2, 1])), hash(frozenset()) == hash(frozenset([])), fa == {1, 2, 3}, {1, 2, 3} == fa, fa <= fb)
for bad in [lambda: fa.add(1), lambda: fa.remove(1), lambda: fa.discard(1), lambda: fa.clear(), lambda: fa.pop(), lambda: fa.update([1])]:
    try:
        bad()
    except AttributeError as e:
        print("AttributeError", e)
try:
    fa |= {4}
    print("augmented", fa, type(fa).__name__)
except TypeError as e:
    print("TypeError", e)
fa = frozenset([1, 2, 3])
groups = {frozenset({"a", "b"}): "ab", frozenset({"c"}): "c"}
print(groups[frozenset({"b", "a"})], frozenset({"c"}) in groups, frozenset({"a"}) in groups, len(groups))
family = {frozenset(), frozenset({1}), frozenset({1, 2}), frozenset({2, 1})}
print(len(family), sorted(sorted(f) for f in family), frozenset({1}) in family)
nested = frozenset([frozenset([1, 2]), frozenset([3])])
print(len(nested), frozenset([1, 2]) in nested, sorted(sorted(x) for x in nested), sorted(x for inner in nested for x in inner))
print({1, 2} in {frozenset({1, 2})}, frozenset({1, 2}) in [{1, 2}], {frozenset({1}): 1}.get(frozenset([1])))
try:
    {{1, 2}: "x"}
except TypeError as e:
    print("TypeError", e)
try:
    frozenset([[1]])
except TypeError as e:
    print("TypeError", e)
def powerset(items):
    result = [frozenset()]
    for it in items:
        result += [s | {it} for s in result]
    return result
ps = powerset([1, 2, 3])
print(len(ps), sorted((len(s), sorted(s)) for s in ps))
print(sorted(sorted(s) for s in ps if 2 in s and len(s) > 1))
class Tagged(frozenset):
    def __repr__(self):
        return "Tagged(" + ",".join(map(str, sorted(self))) + ")"
t = Tagged([3, 1])
print(t, t | {2}, type(t | {2}).__name__, isinstance(t, frozenset), t == frozenset({1, 3}), hash(t) == hash(frozenset({1, 3})))
print(frozenset("aab") == frozenset("ba"), sorted(frozenset("hello")), len(frozenset(range(100))), frozenset({1: 2, 3: 4}))
print(frozenset(x % 4 for x in range(10)), frozenset((1, 2)) < frozenset((1, 2, 3)), fa.isdisjoint(fb), fa.isdisjoint([7, 8]))
seen_states = set()
state = frozenset({0})
steps = 0
while state not in seen_states and steps < 20:
    seen_states.add(state)
    state = frozenset((x * 2 + 1) % 7 for x in state) | {0}
    steps += 1
print(steps, len(seen_states), sorted(state))
print(frozenset.__name__, type(frozenset()).__name__, frozenset() == set(), frozenset([1]) != {2}, bool(frozenset()), frozenset(fa) is fa)
print(sorted([frozenset({3}), frozenset({1}), frozenset({2})], key=min), max(frozenset({4, 9, 2})), sum(frozenset({1.5, 2.5})))
print(fa.__or__({8}), fa.__contains__(2), fa.__len__(), list(iter(frozenset([5]))), frozenset([1, 2]).__hash__() == hash(frozenset([2, 1])))
