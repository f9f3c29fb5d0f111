# Objects alive at exit are finalized while the module globals are still there.
class Node:
    def __init__(self, name): self.name = name
    def __del__(self):
        print("  del", self.name)
last1 = Node("exit-1")
print("end")
log = []
class N:
    def __del__(self):
        log.append(1)
        print("del ok", len(log))
keep = N()
keep2 = N()
print("end")
