# The cycle collector: cycles are found and freed, finalizers of objects in
# cycles run once and before anything is cleared, resurrection is honoured,
# and the gc module's controls answer as CPython's do.
import gc
class A:
    pass
class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("del", self.name, self.other.name)
print(gc.isenabled(), gc.get_threshold())
a = A(); a.me = a
print(gc.is_tracked(a), gc.is_tracked(1), gc.is_tracked("s"), gc.is_tracked([]), gc.is_tracked((1, 2)), gc.is_tracked(([],)))
del a
n = gc.collect()
print("collected something:", n > 0)
x = D("x"); y = D("y"); x.other = y; y.other = x
del x, y
gc.collect()
print("after collect")
keep = []
class R:
    def __del__(self):
        keep.append(self)
        print("resurrected")
r = R(); r.cycle = r
del r
gc.collect()
print(len(keep), keep[0].cycle is keep[0])
gc.collect()
print("still", len(keep))
def gen():
    try:
        yield 1
    finally:
        print("generator closed")
g = gen(); next(g)
l = [g]; l.append(l)
del g, l
gc.collect()
print("end")
gc.disable(); print(gc.isenabled()); gc.enable()
print(gc.is_tracked({}), gc.is_tracked({"a": 1}), gc.is_tracked({"a": []}), gc.is_tracked({1: (2,)}))



# Many cycles, freed without an explicit collect: memory does not grow (the
# count of live Big objects stays bounded).
alive = 0


class Counted:
    def __init__(self):
        global alive
        alive += 1
        self.me = self

    def __del__(self):
        global alive
        alive -= 1


for i in range(20000):
    Counted()
gc.collect()
print("alive after collect:", alive)
gc.disable()
for i in range(100):
    Counted()
print("disabled, alive:", alive)
gc.enable()
gc.collect()
print("enabled, alive:", alive)
print(gc.get_count()[0] >= 0, len(gc.get_threshold()))
gc.set_threshold(500)
print(gc.get_threshold()[0])
try:
    gc.collect(5)
except ValueError as e:
    print("ValueError:", e)
