# An inner function reads a variable its parent assigns after the inner def:
# the variable is a cell of the parent, read when the inner function runs.
def parent():
    def inner():
        return later * 2

    later = 21
    return inner()


print(parent())


def too_early():
    def inner():
        return later

    result = None
    try:
        result = inner()
    except NameError as e:
        result = f"{type(e).__name__}: {e}"
    later = 1
    return result


print(too_early())
