import imp_cycle_ok_b


def value():
    return imp_cycle_ok_b.B + 1
