# Deeply nested data: building, comparing, printing and freeing it must end in
# RecursionError where CPython raises it, and never crash.
x = []
for i in range(1000000):
    x = [x]
print("built")
del x
print("dropped")
t = ()
for i in range(100000):
    t = (t,)
u = ()
for i in range(100000):
    u = (u,)
try:
    print(t == u)
except RecursionError as e:
    print("RecursionError", e)
d = {}
for i in range(100000):
    d = {"k": d}
try:
    repr(d)
except RecursionError as e:
    print("RecursionError", e)


class Node:
    def __init__(self, nxt):
        self.nxt = nxt


head = None
for i in range(500000):
    head = Node(head)
head = None
print("linked list freed")
