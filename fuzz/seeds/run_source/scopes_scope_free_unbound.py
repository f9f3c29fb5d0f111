def outer():
    def inner():
        return value

    f = inner
    del_me = 1
    value = 1
    del value
    return f()


outer()
