class AppError(Exception):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code


def run(items):
    for i, item in enumerate(items):
        if item < 0:
            raise AppError(f"negative at {i}", 3)


run([1, 2, -1])
