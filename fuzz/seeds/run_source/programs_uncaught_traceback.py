def level_three(data):
    return data["key"] + 1


def level_two(data):
    return level_three(data) * 2


def level_one():
    values = {"key": "text"}
    return level_two(values)


print("before the error")
level_one()
