# The symtable module: every block and every name of some source files,
# classified through CPython's symtable API.
import symtable

# The sources of tests/scopes/*.py (Pyrite has no open() yet).
SOURCES = {
    'classes.py': 'class Point:\n    dims = 2\n\n    def __init__(self, x, y):\n        self.x = x\n        self.y = y\n\n    def norm(self):\n        return (self.x ** 2 + self.y ** 2) ** 0.5\n\n\ndef make(n):\n    total = 0\n    for i in range(n):\n        try:\n            total += Point(i, i).norm()\n        except ZeroDivisionError:\n            continue\n    return [p for p in range(total and 3)]\n',
    'explain_classic.py': '# The classic scoping cases that `pyrite scopes --explain` must explain.\ncounter = 0\nmessage = "global"\n\n\ndef local_by_assignment():\n    total = 1\n    return total\n\n\ndef local_despite_earlier_read():\n    print(message)\n    message = "local"\n\n\ndef outer():\n    y = "outer"\n\n    def mid():\n        def inner():\n            return y\n        return inner\n    return mid\n\n\ndef make_counter():\n    count = 0\n\n    def bump():\n        nonlocal count\n        count += 1\n        return count\n    return bump\n\n\ndef explicit_global():\n    global counter\n    counter += 1\n\n\ndef implicit_global():\n    return len(message)\n\n\nclass Config:\n    level = 3\n\n    def show(self):\n        return level\n\n\ndef squares(n):\n    return [i * i for i in range(n)]\n\n\ndef first_big(values):\n    if any((hit := v) > 10 for v in values):\n        return hit\n    return None\n',
    'scope_class_and_comprehensions.py': 'x = 1\n\n\nclass C:\n    y = 2\n    a = [y for _ in range(3)]\n    b = [x for _ in range(3)]\n\n    def m(self):\n        return __class__, x\n\n\ndef g():\n    z = 3\n\n    class Inner:\n        w = z\n        v = [z for _ in range(2)]\n\n    return Inner\n\n\ndef walrus():\n    [last := i for i in range(3)]\n    return last\n\n\ndef shadow(param):\n    global x\n    x = param\n    del param\n',
    'scope_closures.py': '# Outer/inner closures, nonlocal counters, and a variable passed through an\n# intermediate function that never mentions it.\ndef outer():\n    x = 1\n\n    def inner():\n        return x + 1\n\n    return inner\n\n\nprint(outer()())\n\n\ndef make_counter():\n    count = 0\n\n    def increment():\n        nonlocal count\n        count += 1\n        return count\n\n    return increment\n\n\nc1 = make_counter()\nc2 = make_counter()\nprint(c1(), c1(), c1(), c2())\n\n\ndef top():\n    secret = "passed through"\n\n    def middle():\n        def bottom():\n            return secret\n\n        return bottom\n\n    return middle()()\n\n\nprint(top())\nprint(top.__code__.co_cellvars, top.__code__.co_freevars)\nm = outer()\nprint(m.__code__.co_freevars, [c.cell_contents for c in m.__closure__])\nprint(make_counter.__code__.co_cellvars, outer.__closure__)\n\n\ndef shared_cells():\n    value = 0\n\n    def get():\n        return value\n\n    def set_(v):\n        nonlocal value\n        value = v\n\n    return get, set_\n\n\nget, set_ = shared_cells()\nset_(42)\nprint(get(), get.__closure__[0] is set_.__closure__[0])\n\nfuncs = [lambda: i for i in range(3)]\nprint([f() for f in funcs])\nfuncs = [lambda i=i: i for i in range(3)]\nprint([f() for f in funcs])\n\n\ndef class_scope():\n    y = 10\n\n    class C:\n        y = 20\n        z = y\n\n        def method(self):\n            return y\n\n    return C.z, C().method()\n\n\nprint(class_scope())\nx = "module"\n\n\ndef reads_global():\n    return x\n\n\ndef writes_global():\n    global x\n    x = "changed"\n\n\nprint(reads_global())\nwrites_global()\nprint(reads_global())\n',
    'scope_free_unbound.py': 'def outer():\n    def inner():\n        return value\n\n    f = inner\n    del_me = 1\n    value = 1\n    del value\n    return f()\n\n\nouter()\n',
    'scope_global_branch.py': '# A function that assigns a global\'s name in only one branch: the name is\n# local to the whole function, so the falsy path reads an unbound local.\nvalue = "global"\n\n\ndef pick(flag):\n    if flag:\n        value = "local"\n    return value\n\n\nprint(pick(True))\ntry:\n    pick(False)\nexcept UnboundLocalError as e:\n    print(type(e).__name__, e)\nprint(value)\npick(0)\n',
    'scope_late_binding.py': '# An inner function reads a variable its parent assigns after the inner def:\n# the variable is a cell of the parent, read when the inner function runs.\ndef parent():\n    def inner():\n        return later * 2\n\n    later = 21\n    return inner()\n\n\nprint(parent())\n\n\ndef too_early():\n    def inner():\n        return later\n\n    result = None\n    try:\n        result = inner()\n    except NameError as e:\n        result = f"{type(e).__name__}: {e}"\n    later = 1\n    return result\n\n\nprint(too_early())\n',
}
QUESTIONS = [
    "is_referenced", "is_parameter", "is_global", "is_nonlocal", "is_declared_global",
    "is_local", "is_annotated", "is_free", "is_imported", "is_assigned", "is_namespace",
]


def show(table, depth=0):
    pad = "  " * depth
    print(pad + repr(table), table.get_type(), table.get_name(), table.get_lineno(),
          table.is_nested(), table.is_optimized(), table.has_children())
    if isinstance(table, symtable.Function):
        print(pad, "params", table.get_parameters(), "locals", table.get_locals(),
              "globals", table.get_globals(), "frees", table.get_frees(),
              "nonlocals", table.get_nonlocals())
    if isinstance(table, symtable.Class):
        print(pad, "methods", table.get_methods())
    for name in sorted(table.get_identifiers()):
        symbol = table.lookup(name)
        answers = [q for q in QUESTIONS if getattr(symbol, q)()]
        print(pad, " ", repr(symbol), " ".join(answers), len(symbol.get_namespaces()))
    for child in table.get_children():
        show(child, depth + 1)


for name, source in SOURCES.items():
    show(symtable.symtable(source, name, "exec"))

top = symtable.symtable("def f():\n    pass\ndef f():\n    pass\n", "dup.py", "exec")
symbol = top.lookup("f")
try:
    symbol.get_namespace()
except ValueError as e:
    print("ValueError", e)
print(top.lookup("f").is_namespace(), [str(t) for t in top.get_symbols()])
try:
    symtable.symtable("x = (", "bad.py", "exec")
except SyntaxError as e:
    print("SyntaxError", e.msg, e.lineno)
try:
    symtable.symtable("x", "m.py", "bogus")
except ValueError as e:
    print("ValueError", e)
