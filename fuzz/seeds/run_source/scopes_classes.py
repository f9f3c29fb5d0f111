class Point:
    dims = 2

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5


def make(n):
    total = 0
    for i in range(n):
        try:
            total += Point(i, i).norm()
        except ZeroDivisionError:
            continue
    return [p for p in range(total and 3)]
