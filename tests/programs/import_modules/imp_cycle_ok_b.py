import imp_cycle_ok_a

B = 41


def back():
    return imp_cycle_ok_a.value()
