for expr in ["[0] * 10**10", "'a' * 10**11", "'ab' * 2**62", "[0] * 2**62", "bytes(10**12)", "list(range(10**10))", "(1,) * 10**10", "'x'.ljust(10**11)", "[1,2] * (2**63)", "'%s' % ('x' * 0) * 10**10", "x = [0]; x *= 10**10", "b'x' * 10**11", "'a'.zfill(10**11)", "len(range(10**20))", "'{:>{}}'.format('x', 10**11)"]:
    try:
        exec(expr)
        print(expr, "ok")
    except (MemoryError, OverflowError, ValueError) as e:
        print(expr, type(e).__name__, e)
