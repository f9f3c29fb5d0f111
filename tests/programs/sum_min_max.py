# sum with start, min/max with key and default, sorted, any/all
print(sum([1, 2, 3]), sum([1, 2, 3], 10), sum([], 5), sum(range(101)), sum([0.1] * 10), sum([1, 2.5, 3j]), sum([[1], [2, 3]], []))
print(sum(((1,), (2,)), ()), sum([True, True, False]), sum(x * x for x in range(5)), sum([], start=0.0), sum([1, 2], start=-3))
print(sum([2 ** 64, 2 ** 64, -1]), sum([1e308, 1e308, -1e308]), sum([0.1, 0.2, 0.3]), sum([1] * 100, 0.5))
for bad in [lambda: sum(["a", "b"]), lambda: sum(["a", "b"], ""), lambda: sum([b"a"], b""), lambda: sum([bytearray(b"a")], bytearray()) if "bytearray" in dir(__builtins__) else sum(["x"], ""),
            lambda: sum(5), lambda: sum([1, "a"]), lambda: sum([[1]])]:
    try:
        print(bad())
    except TypeError as e:
        print("TypeError", e)
print(max(3, 1, 2), max([3, 1, 2]), max("hello"), max([1, 5], [2]), max((1, 2), (1, 3)), max(1, 2.5), max([-1, -5], key=abs), max(range(3)))
print(min(3, 1, 2), min([], default="empty"), max([], default=None), min([4, 2], default=0), min("bca"), min([[3], [1, 2]]), min(2, 2.0))
print(max(["aa", "b", "ccc"], key=len), min(["aa", "b", "ccc"], key=len), max({"a": 3, "b": 9}, key={"a": 3, "b": 9}.get), min([], key=len, default=-1))
print(max([1, 3, 3, 2], key=lambda x: x // 3), min(["b", "B", "a"], key=str.lower), max([(1, "z"), (2, "a")], key=lambda t: t[1]))
items = [("pen", 1.5), ("book", 12.0), ("bag", 30.0), ("cap", 12.0)]
print(max(items, key=lambda i: i[1]), min(items, key=lambda i: i[1]), sorted(items, key=lambda i: i[1])[1:3])
for bad in [lambda: max([]), lambda: min([]), lambda: max(1), lambda: max(), lambda: max(1, 2, default=0), lambda: min([1, "a"]),
            lambda: max([], key=len), lambda: min(1, 2, key=5), lambda: max([1], [2], [3], bad=1)]:
    try:
        print(bad())
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(any([]), all([]), any([0, 0.0, "", None]), all([1, "x", [0]]), any(x > 3 for x in range(5)), all(x < 3 for x in range(5)))
consumed = []
def gen():
    for i in range(10):
        consumed.append(i)
        yield i
print(any(x == 3 for x in gen()), consumed)
consumed.clear()
print(all(x < 2 for x in gen()), consumed)
print(any("abc"), all(""), any([[]]), all([[]]), any({0: 1}), all({1: 0}), any(iter([0, 1])), all(map(bool, [1, 2])))
try:
    any(5)
except TypeError as e:
    print("TypeError", e)
scores = {"amy": 88, "bo": 95, "cy": 72, "di": 95}
best = max(scores, key=scores.get)
worst = min(scores.items(), key=lambda kv: kv[1])
print(best, worst, sorted(scores, key=lambda k: (-scores[k], k)), sum(scores.values()) / len(scores))
print(max(scores.values()), [k for k, v in scores.items() if v == max(scores.values())], min(scores, default="none"))
matrix = [[3, 8, 1], [9, 2, 7], [4, 6, 5]]
print(max(map(max, matrix)), min(min(r) for r in matrix), max(matrix, key=sum), sum(map(sum, matrix)), sorted(map(sorted, matrix)))
print(max(float("nan"), 1), max(1, float("nan")), min([3, float("inf"), -float("inf")]), max([0.0, -0.0]), min([-0.0, 0.0]))
class Box:
    def __init__(self, v): self.v = v
    def __lt__(self, o): return self.v < o.v
    def __gt__(self, o): return self.v > o.v
    def __repr__(self): return f"Box({self.v})"
boxes = [Box(3), Box(1), Box(2)]
print(max(boxes), min(boxes), sorted(boxes), max(Box(1), Box(1)) is not None)
try:
    sum(boxes)
except TypeError as e:
    print("TypeError", e)
print(sum([Box(1).v, Box(2).v]), sum(b.v for b in boxes), sum([0.5, 0.25], 0.25), sum(iter([1, 2])), sum({1: 0, 2: 0}))
