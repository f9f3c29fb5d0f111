# An uncaught ExceptionGroup whose members carry notes and a cause.

def check(item):
    if item < 0:
        raise ValueError(f"negative: {item}")
    if item == 0:
        raise ZeroDivisionError("zero")
    return 10 / item


def check_all(items):
    errors = []
    for item in items:
        try:
            check(item)
        except Exception as e:
            e.add_note(f"item {item!r}")
            errors.append(e)
    if errors:
        group = ExceptionGroup("validation failed", errors)
        group.add_note("2 of 4 items rejected")
        raise group


try:
    check_all([1, -2, 0, 4])
except* ZeroDivisionError:
    print("zero handled")
