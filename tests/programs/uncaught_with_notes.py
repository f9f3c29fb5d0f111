# An uncaught exception with notes, raised through a generator pipeline.

def read_rows(rows):
    for number, row in enumerate(rows, 1):
        yield number, row


def parse_rows(rows):
    for number, row in read_rows(rows):
        try:
            yield int(row)
        except ValueError as err:
            err.add_note(f"row {number}: {row!r}")
            err.add_note("hint: rows must be integers")
            raise


total = 0
for value in parse_rows(["1", "2", "three", "4"]):
    total += value
    print("running total", total)
