# __del__ ordering for refcount drops, and cycles with finalizers under gc.
import gc

order = []

class Node:
    def __init__(self, name, child=None):
        self.name = name
        self.child = child
    def __del__(self):
        order.append(self.name)
        print("  del", self.name)

def section(title):
    print(title)
    order.clear()

section("rebinding")
n = Node("a")
n = Node("b")     # a dies here
print("  after rebinding")
del n
print("  order:", order)

section("chain: parent first, then children")
root = Node("root", Node("mid", Node("leaf")))
del root
print("  order:", order)

section("list holding nodes (CPython frees the last first)")
items = [Node("l0"), Node("l1"), Node("l2")]
del items
print("  order:", order)

section("dict values")
d = {"x": Node("dx"), "y": Node("dy")}
d["x"] = None
print("  replaced x")
d.clear()
print("  order:", order)

section("function locals die at return")
def scope():
    tmp = Node("local")
    print("  in function")
    return "ret"
print(" ", scope())

section("temporaries die after the statement")
print("  name:", Node("temp").name)
print("  next statement")

section("exception variable keeps object alive until handler ends")
try:
    raise ValueError(Node("in-exception"))
except ValueError as e:
    print("  handling")
print("  handled")

section("finalizer runs once even if resurrected")
saved = []
class Phoenix:
    def __del__(self):
        print("  phoenix __del__")
        saved.append(self)
p = Phoenix()
del p
print("  saved:", len(saved))
saved.clear()
print("  cleared saved (no second __del__)")

section("cycles need gc.collect()")
gc.disable()
print("  gc enabled?", gc.isenabled())
a = Node("cyc-a")
b = Node("cyc-b")
a.child = b
b.child = a
del a, b
print("  dropped names; collected yet?", sorted(order))
found = gc.collect()
print("  collect found something:", found > 0)
print("  collected:", sorted(order))
gc.enable()
print("  gc enabled?", gc.isenabled())

section("self-cycle")
s = Node("self")
s.child = s
del s
print("  before collect:", order)
gc.collect()
print("  after collect:", order)

section("collect with nothing to do")
gc.collect()
print("  second collect finds zero:", gc.collect() == 0)

section("__del__ raising is reported and ignored")
class Broken:
    def __del__(self):
        raise RuntimeError("in __del__")

x = Broken()
del x
print("  still running")

section("objects alive at exit are finalized in order")
last1 = Node("exit-1")
last2 = Node("exit-2")
print("end of program")
