for i in range(10):
    if i == 2:
        continue
    if i == 6:
        break
    print(i, end=" ")
else:
    print("no break")
print()
for i in range(3):
    pass
else:
    print("loop finished, i =", i)
n = 0
while n < 5:
    n += 1
    if n == 3:
        continue
    print("n", n)
else:
    print("while done")
x = 5
if x > 10:
    print("big")
elif x > 3:
    print("medium")
else:
    print("small")
print("yes" if x else "no", x and 0, x or 0, not x, 0 or "" or None, 1 and 2 and 3)
for i, ch in enumerate("ab"):
    for j in range(2):
        if j == 1:
            break
        print(i, ch, j)


def classify(v):
    match v:
        case 0:
            return "zero"
        case int(n) if n < 0:
            return "negative"
        case [x, y]:
            return f"pair {x},{y}"
        case [x, *rest]:
            return f"list starting {x} with {len(rest)} more"
        case {"kind": kind, **others}:
            return f"dict {kind} {others}"
        case str() | bytes():
            return "text"
        case _:
            return "other"


for v in [0, -5, [1, 2], [1, 2, 3], {"kind": "k", "x": 1}, "s", 3.5]:
    print(classify(v))
total = 0
for a, b in [(1, 2), (3, 4)]:
    total += a * b
print(total)
count = 0
while True:
    count += 1
    if count >= 4:
        break
print(count)
