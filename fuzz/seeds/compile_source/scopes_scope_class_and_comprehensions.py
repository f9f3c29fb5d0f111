x = 1


class C:
    y = 2
    a = [y for _ in range(3)]
    b = [x for _ in range(3)]

    def m(self):
        return __class__, x


def g():
    z = 3

    class Inner:
        w = z
        v = [z for _ in range(2)]

    return Inner


def walrus():
    [last := i for i in range(3)]
    return last


def shadow(param):
    global x
    x = param
    del param
