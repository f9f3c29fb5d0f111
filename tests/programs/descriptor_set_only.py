# A descriptor with __set__ but no __get__: assignments go through it, reads
# find the instance dict's value, or the descriptor itself when there is none.
class SetOnly:
    def __set__(self, obj, value):
        print("SetOnly.__set__", value)
        obj.__dict__["x"] = value * 2
    def __repr__(self):
        return "<SetOnly>"

class DeleteOnly:
    def __delete__(self, obj):
        print("DeleteOnly.__delete__")

class W:
    x = SetOnly()
    y = DeleteOnly()

w = W()
print(w.x)
w.x = 5
print(w.x, w.__dict__)
w.__dict__["y"] = "dict value"
print(w.y)
del w.y
print(W.x, W.y)
try:
    w.y = 1
except AttributeError as e:
    print("AttributeError", e)
