# Outer/inner closures, nonlocal counters, and a variable passed through an
# intermediate function that never mentions it.
def outer():
    x = 1

    def inner():
        return x + 1

    return inner


print(outer()())


def make_counter():
    count = 0

    def increment():
        nonlocal count
        count += 1
        return count

    return increment


c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(), c2())


def top():
    secret = "passed through"

    def middle():
        def bottom():
            return secret

        return bottom

    return middle()()


print(top())
print(top.__code__.co_cellvars, top.__code__.co_freevars)
m = outer()
print(m.__code__.co_freevars, [c.cell_contents for c in m.__closure__])
print(make_counter.__code__.co_cellvars, outer.__closure__)


def shared_cells():
    value = 0

    def get():
        return value

    def set_(v):
        nonlocal value
        value = v

    return get, set_


get, set_ = shared_cells()
set_(42)
print(get(), get.__closure__[0] is set_.__closure__[0])

funcs = [lambda: i for i in range(3)]
print([f() for f in funcs])
funcs = [lambda i=i: i for i in range(3)]
print([f() for f in funcs])


def class_scope():
    y = 10

    class C:
        y = 20
        z = y

        def method(self):
            return y

    return C.z, C().method()


print(class_scope())
x = "module"


def reads_global():
    return x


def writes_global():
    global x
    x = "changed"


print(reads_global())
writes_global()
print(reads_global())
