def gen():
    try:
        yield 1
        yield 2
    finally:
        print("gen finally")

for x in gen():
    break
print("after loop")

class A:
    def __init__(self, n): self.n = n
    def __del__(self): print("del", self.n)

a = A(1)
a = None
print("rebound")
b = A(2)
del b
print("deleted")
def f():
    c = A(3)
    return 5
print(f())
class Bad:
    def __del__(self): raise ValueError("oops")
Bad()
print("after bad")
keep = A(4)
_private = A(5)
print("end")
