# The cycle collector's generations: cycles made and dropped in a loop are
# freed by the automatic collections as the program runs, cycles that lived
# long enough to become old are freed too, and objects reachable only from
# old ones (a list built over many collections) are never taken.
import gc

freed = []


class Node:
    def __init__(self, name):
        self.name = name
        self.peer = None

    def __del__(self):
        freed.append(self.name)


def churn(n, start):
    for i in range(start, start + n):
        a = Node(i)
        b = Node(-i - 1)
        a.peer = b
        b.peer = a


gc.collect()
churn(20000, 0)
print("freed while running:", len(freed) > 30000)
gc.collect()
print("freed in all:", len(freed), sorted(freed)[:2], sorted(freed)[-2:])

# Long-lived data: each new cycle hangs off an old list only.
freed.clear()
kept = []
for i in range(30000):
    a = Node(i)
    a.peer = Node(-i - 1)
    a.peer.peer = a
    kept.append(a)
    [Node("junk")]  # churn: made and dropped at once (no cycle)
print("junk freed:", freed.count("junk"), "kept freed:", len(freed) - freed.count("junk"))
print("kept intact:", all(k.peer.peer is k for k in kept), len(kept))

# Cycles that survive a few collections (so they are old) and then die.
freed.clear()
old = []
for i in range(5000):
    a = Node(i)
    a.peer = a
    old.append(a)
churn(3000, 0)
del old, a
gc.collect()
print("old cycles freed:", len([n for n in freed if isinstance(n, int) and 0 <= n < 5000]) >= 5000)
