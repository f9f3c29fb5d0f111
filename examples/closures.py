"""Nested functions and closures: where each name lives is decided before the
code runs (pass 1), and each function carries the cells it needs."""


def make_accumulator(start):
    total = start                      # a cell: `add` and `report` use it

    def add(amount):
        nonlocal total                 # rebinds the enclosing function's cell
        total += amount
        return total

    def report():
        return f"total is {total}"     # reads the same cell

    return add, report


add, report = make_accumulator(100)
for amount in (1, 10, 100):
    add(amount)
print(report())
print("cells:", [cell.cell_contents for cell in add.__closure__])


def compose(*functions):
    def composed(value):
        for f in reversed(functions):  # `functions` is free in `composed`
            value = f(value)
        return value

    return composed


inc = lambda x: x + 1
double = lambda x: x * 2
print(compose(inc, double)(5), compose(double, inc)(5))


def counter_factory():
    counters = []
    for i in range(3):
        def counter(step=i):           # defaults are evaluated at def time
            return step

        counters.append(counter)
    late = [lambda: i for i in range(3)]   # closures see the final value
    return [c() for c in counters], [f() for f in late]


print(counter_factory())

x = "global"


def shadowing():
    x = "enclosing"

    def inner():
        return x                       # free variable: the enclosing x

    def assigns():
        x = "local"                    # a new local, not the enclosing one
        return x

    return inner(), assigns(), x


print(shadowing(), x)


def broken(flag):
    if flag:
        x = "assigned"
    return x                           # x is local everywhere in this function


print(broken(True))
try:
    broken(False)
except UnboundLocalError as error:
    print("UnboundLocalError:", error)
