# Messages of object.__new__/__init__ for extra arguments, of built-in
# __new__ given a non-type or a non-subtype, and of attribute-name arguments.
for base, arg in [(int, str), (float, int), (str, list), (tuple, dict), (bytes, int), (dict, list), (int, 5), (object, 5), (str, None)]:
    try:
        base.__new__(arg)
        print("ok", base.__name__)
    except TypeError as e:
        print(e)
class I(int): pass
class S(str): pass
print(type(int.__new__(I, 5)).__name__, int.__new__(bool, 1) if False else "-", type(str.__new__(S, "x")).__name__)
print(int.__new__(I, 7) + 1, float.__new__(float, "2.5"), tuple.__new__(tuple, [1, 2]), dict.__new__(dict))
class A:
    def __init__(self, x):
        super().__init__(x)
class B:
    def __new__(cls, x):
        return super().__new__(cls, x)
class C:
    pass
class D:
    def __new__(cls, *a):
        return super().__new__(cls)
class E:
    def __init__(self, *a):
        pass
for k in (A, B, C):
    try:
        k(1)
    except TypeError as e:
        print(k.__name__, e)
print(type(D(1)).__name__, type(E(1)).__name__)
try:
    object.__init__(C(), 1)
except TypeError as e:
    print(e)
try:
    object.__new__(C, 1)
except TypeError as e:
    print(e)
for op in ["+=", "-=", "*=", "@=", "/=", "//=", "%=", "**=", "<<=", ">>=", "&=", "|=", "^="]:
    x = 1
    try:
        exec(f"x {op} 'a'")
    except TypeError as e:
        print(op, e)
l = [1]
try:
    l += 1
except TypeError as e:
    print(e)
try:
    getattr(1, 2)
except TypeError as e:
    print(e)
try:
    setattr(1, None, 2)
except TypeError as e:
    print(e)
try:
    delattr(1, 3)
except TypeError as e:
    print(e)
try:
    hasattr(1, 3)
except TypeError as e:
    print(e)
