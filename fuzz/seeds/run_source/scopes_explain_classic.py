# The classic scoping cases that `pyrite scopes --explain` must explain.
counter = 0
message = "global"


def local_by_assignment():
    total = 1
    return total


def local_despite_earlier_read():
    print(message)
    message = "local"


def outer():
    y = "outer"

    def mid():
        def inner():
            return y
        return inner
    return mid


def make_counter():
    count = 0

    def bump():
        nonlocal count
        count += 1
        return count
    return bump


def explicit_global():
    global counter
    counter += 1


def implicit_global():
    return len(message)


class Config:
    level = 3

    def show(self):
        return level


def squares(n):
    return [i * i for i in range(n)]


def first_big(values):
    if any((hit := v) > 10 for v in values):
        return hit
    return None
