total = 10


def add(n):
    total += n
    return total


print("before")
add(5)
