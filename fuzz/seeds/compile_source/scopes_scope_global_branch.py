# A function that assigns a global's name in only one branch: the name is
# local to the whole function, so the falsy path reads an unbound local.
value = "global"


def pick(flag):
    if flag:
        value = "local"
    return value


print(pick(True))
try:
    pick(False)
except UnboundLocalError as e:
    print(type(e).__name__, e)
print(value)
pick(0)
