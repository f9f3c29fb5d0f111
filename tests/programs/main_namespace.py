# The __main__ module's namespace as a script starts: its names in order, an
# empty __annotations__ that a module-level annotation fills, and the
# builtins that need the caller's frame (locals, vars, globals, dir, exec, eval).
print(list(globals()))
print(__annotations__)
x: int = 1
print(__annotations__)
print(sorted(locals())[:3], eval("x + 1"), "x" in dir(), globals()["x"])


def f():
    y = 2
    exec("print(y)")
    return vars(), len(locals())


print(f())
