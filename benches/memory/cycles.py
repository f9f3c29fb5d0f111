# cycles.py -- builds and drops a million small reference cycles: nodes that
# point at each other, an object that refers to itself through its dict, a
# list that contains itself, a closure whose cell holds the function. Only the
# cycle collector can free them; with it, memory stays flat.
#
#   cycles.py [N]     N iterations (default 1,000,000)
import sys


class Node:
    def __init__(self, value):
        self.value = value
        self.next = None


def pair(i):
    a = Node(i)
    b = Node(i + 1)
    a.next = b
    b.next = a
    return a.value + b.value


def self_loop(i):
    n = Node(i)
    n.me = n
    lst = [i, n]
    lst.append(lst)
    return len(lst)


def closure(i):
    def f():
        return f, i
    return f()[1]


total = 0
n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
for i in range(n):
    total += pair(i) + self_loop(i)
    if i % 4 == 0:
        total += closure(i)
print("cycles total=%d" % total)
