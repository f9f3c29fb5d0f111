# dis.get_instructions, dis.Instruction and dis.Bytecode inside a program: the
# instructions of closures, classes, comprehensions and generators, with their
# arguments, argument values, jump targets, line starts and positions.
import dis

counter = 0


def outer(a, *, k=3):
    b = a + 1

    def inner(c):
        nonlocal b
        b += c
        global counter
        counter += 1
        return f"{a!r:>{k}}", len(str(b))

    for i in range(3):
        if i > b:
            break
    return inner


class Shape:
    sides = 0

    def describe(self):
        kind = type(self).__name__
        return [kind for _ in range(self.sides)]

    def make(self):
        return lambda: __class__


def gen(xs):
    total = 0
    for x in xs:
        total += yield x
    return total


def show(fn):
    print(f"-- {fn.__qualname__}")
    for instr in dis.get_instructions(fn):
        argval = instr.argval
        if hasattr(argval, "co_name"):
            argval = f"<code {argval.co_name}>"
        print(
            instr.offset,
            instr.opname,
            instr.arg,
            repr(argval),
            repr(instr.argrepr) if "code object" not in instr.argrepr else "'<code>'",
            instr.starts_line,
            instr.is_jump_target,
            tuple(instr.positions),
        )


for fn in (outer, outer(1), Shape.describe, Shape().make, gen):
    show(fn)

# The Instruction type: a tuple with named fields.
first = next(iter(dis.get_instructions(outer)))
print(type(first).__name__, isinstance(first, tuple), len(first))
print(first.opname == first[0], first._fields)
print(first._replace(arg=7).arg, sorted(first._asdict())[:3])
print(first.positions._fields, dis.Positions(1, 2))
print(dis.Instruction("NOP", 9, None, None, "", 0, None, False))

# first_line shifts the line starts.
print([i.starts_line for i in dis.get_instructions(gen, first_line=100) if i.starts_line])

# Bytecode: iterates the same instructions; info() is code_info().
bc = dis.Bytecode(outer)
print(bc.first_line == outer.__code__.co_firstlineno, bc.codeobj is outer.__code__)
print([i.opname for i in bc] == [i.opname for i in dis.get_instructions(outer)])
print(bc.info().splitlines()[0], bc.info() == dis.code_info(outer))
print(bc.dis().splitlines()[1].split())

# Source text is compiled first.
print([(i.opname, i.argval) for i in dis.get_instructions("x = y + 1")])

# Line starts and jump targets.
print(list(dis.findlinestarts(gen.__code__)))
print(dis.findlabels(outer.__code__.co_code))
print(dis.findlabels(gen.__code__.co_code))

# The opcode tables.
print(len(dis.opname), dis.opname[dis.opmap["LOAD_FAST"]], dis.opname[3])
print(dis.opmap["MAKE_FUNCTION"], dis.opmap["LOAD_CLOSURE"], dis.opmap["COPY_FREE_VARS"])
print(dis.cmp_op, dis.HAVE_ARGUMENT, dis.EXTENDED_ARG)
print(dis.opmap["LOAD_DEREF"] in dis.hasfree, dis.opmap["JUMP_FORWARD"] in dis.hasjrel)
print(dis.opmap["LOAD_GLOBAL"] in dis.hasname, dis.opmap["LOAD_FAST"] in dis.haslocal)
print(sorted(dis.COMPILER_FLAG_NAMES.items())[:4])
