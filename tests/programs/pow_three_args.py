# pow(a, b, c): which operand's implementation answers, and the errors when none does.
class A: pass
class P:
    def __init__(self, v): self.v = v
    def __pow__(self, e, m=None): return ("pow", self.v, getattr(e, "v", e), m)
    def __rpow__(self, b, m=None): return ("rpow", b, self.v, m)
class Q(P): pass
class N:
    def __pow__(self, e, m=None): return NotImplemented
for args in [(A(), 2, 3), (2, A(), 3), (2, 3, A()), (2.0, 3, 5), (2, 3.0, 5), (2, 3, 5.0), (2j, 3, 5), (2, 3, 5j),
             (P(2), 3, 5), (2, P(3), 5), (2, 3, P(5)), (P(1), P(2), 3), (P(1), Q(2), 3), (N(), 2, 3), (2, 3, 5), (2, -1, 7), (3, 2, -7),
             (True, 2, 3), (2, 3, None), (P(2), 3, None), (2.5, 2, None)]:
    try:
        print(pow(*args))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
