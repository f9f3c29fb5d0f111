# NotImplemented handling and the exact TypeError messages for every operator


class A:
    pass


class B:
    def __add__(self, other):
        return NotImplemented

    def __radd__(self, other):
        return NotImplemented

    def __lt__(self, other):
        return NotImplemented

    def __eq__(self, other):
        return NotImplemented


def attempt(label, fn):
    try:
        result = fn()
        print(label, "->", result)
    except TypeError as e:
        print(label, "TypeError:", e)


a, b = A(), B()
attempt("a+b", lambda: a + b)
attempt("b+a", lambda: b + a)
attempt("b+b", lambda: b + b)
attempt("a-1", lambda: a - 1)
attempt("1*a", lambda: 1 * a)
attempt("a/a", lambda: a / a)
attempt("a//2", lambda: a // 2)
attempt("a%2", lambda: a % 2)
attempt("a**2", lambda: a ** 2)
attempt("2**a", lambda: 2 ** a)
attempt("pow(a,2,3)", lambda: pow(a, 2, 3))
attempt("a@a", lambda: a @ a)
attempt("a<<1", lambda: a << 1)
attempt("a>>1", lambda: a >> 1)
attempt("a&1", lambda: a & 1)
attempt("a|1", lambda: a | 1)
attempt("a^1", lambda: a ^ 1)
attempt("divmod(a,1)", lambda: divmod(a, 1))
attempt("divmod(1,a)", lambda: divmod(1, a))
attempt("-a", lambda: -a)
attempt("+a", lambda: +a)
attempt("~a", lambda: ~a)
attempt("abs(a)", lambda: abs(a))
attempt("a<b", lambda: a < b)
attempt("b<a", lambda: b < a)
attempt("a<=1", lambda: a <= 1)
attempt("a>'x'", lambda: a > "x")
attempt("a>=None", lambda: a >= None)
attempt("b==b", lambda: b == b)
attempt("b==B()", lambda: b == B())
attempt("b!=B()", lambda: b != B())
attempt("a==1", lambda: a == 1)
attempt("1<'a'", lambda: 1 < "a")
attempt("[1]<(1,)", lambda: [1] < (1,))
attempt("None<None", lambda: None < None)
attempt("{}<{}", lambda: {} < {})
attempt("1+'a'", lambda: 1 + "a")
attempt("'a'+1", lambda: "a" + 1)
attempt("[]+()", lambda: [] + ())
attempt("'a'*'b'", lambda: "a" * "b")
attempt("'a'*1.5", lambda: "a" * 1.5)
attempt("[1]*a", lambda: [1] * a)
attempt("None+1", lambda: None + 1)
attempt("1.5//'x'", lambda: 1.5 // "x")
attempt("{1}|[1]", lambda: {1} | [1])
attempt("{}|[]", lambda: {} | [])
attempt("1<<1.0", lambda: 1 << 1.0)


def iadd():
    x = A()
    x += 1
    return x


def imul():
    x = [1]
    x *= "z"
    return x


def ipow():
    x = A()
    x **= 2
    return x


def ior():
    x = 5
    x |= a
    return x


def imatmul():
    x = 1
    x @= 2
    return x


attempt("a+=1", iadd)
attempt("[1]*='z'", imul)
attempt("a**=2", ipow)
attempt("5|=a", ior)
attempt("1@=2", imatmul)


class OnlyRadd:
    def __radd__(self, other):
        return f"radd({other!r})"


attempt("1+OnlyRadd", lambda: 1 + OnlyRadd())
attempt("OnlyRadd+1", lambda: OnlyRadd() + 1)
attempt("sum", lambda: sum([OnlyRadd()]))


class ReturnsNI:
    def __add__(self, other):
        return NotImplemented

    def __radd__(self, other):
        return "ReturnsNI.__radd__"


attempt("RNI+RNI", lambda: ReturnsNI() + ReturnsNI())
attempt("RNI+1", lambda: ReturnsNI() + 1)
print(bool(NotImplemented) if False else type(NotImplemented).__name__, repr(NotImplemented))
