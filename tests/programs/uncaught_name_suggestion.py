# An uncaught NameError inside a function: CPython suggests a close name.

def summarize(values):
    maximum = max(values)
    minimum = min(values)
    return maximun - minimum


print("values ready")
print(summarize([3, 1, 4, 1, 5]))
