# An exception raised in a finally block while another propagates: both shown.

def close_resource(name):
    raise OSError(f"cannot close {name}")


def work():
    try:
        print("working")
        return [1, 2, 3][5]
    finally:
        close_resource("db")


work()
