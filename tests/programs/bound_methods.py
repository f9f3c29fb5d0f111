# Bound methods: __self__, __func__, equality, hashing, callbacks, rebinding


class Button:
    def __init__(self, label):
        self.label = label
        self.clicks = 0

    def click(self, times=1):
        self.clicks += times
        return f"{self.label} clicked {self.clicks}"

    def __eq__(self, other):
        return isinstance(other, Button) and self.label == other.label

    def __hash__(self):
        return hash(self.label)


ok = Button("ok")
m = ok.click
print(type(m).__name__, m.__self__ is ok, m.__func__ is Button.click)
print(m(), m(2), ok.clicks)
print(m.__name__, m.__qualname__, m.__doc__)
print(ok.click == ok.click, ok.click is ok.click)
other_ok = Button("ok")
print(ok.click == other_ok.click)
cancel = Button("cancel")
print(ok.click == cancel.click, ok.click != cancel.click)
print(hash(ok.click) == hash(ok.click))
print(Button.click(cancel, 5))
print(type(Button.click).__name__)

handlers = {ok.click: "primary", cancel.click: "secondary"}
print(handlers[ok.click], len(handlers))

callbacks = [ok.click, cancel.click, ok.click]
results = [cb() for cb in callbacks]
print(results)

rebound = m.__func__.__get__(cancel, Button)
print(rebound(), rebound.__self__.label)
print(Button.click.__get__(ok)(10))

try:
    m.__self__ = cancel
except AttributeError as e:
    print(type(e).__name__, e)
try:
    m.new_attr = 1
except AttributeError as e:
    print(type(e).__name__, e)

Button.click.tag = "tagged function"
print(m.tag)

try:
    Button.click()
except TypeError as e:
    print(type(e).__name__, e)
try:
    ok.click(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    ok.click(times=1, extra=2)
except TypeError as e:
    print(type(e).__name__, e)


class Stateless:
    def method():
        return "no self"


try:
    Stateless().method()
except TypeError as e:
    print(type(e).__name__, e)
print(Stateless.method())


class Weird:
    def __eq__(self, other):
        return True

    __hash__ = object.__hash__

    def go(self):
        return 1


w1, w2 = Weird(), Weird()
print(w1.go == w2.go)

l = [3, 1, 2]
append = l.append
append(0)
print(l, type(append).__name__, append.__self__ is l, append.__name__)
print([].append == [].append, l.append == l.append)
print(len.__self__ is __builtins__ or type(len.__self__).__name__)

method_type = type(ok.click)
mm = method_type(lambda self, x: (self.label, x), ok)
print(mm(7), mm.__self__ is ok)
try:
    method_type(1, ok)
except TypeError as e:
    print(type(e).__name__, e)


class Adder:
    def __init__(self, n):
        self.n = n

    def __call__(self, x):
        return x + self.n

    def add(self, x):
        return x + self.n


print(list(map(Adder(10).add, [1, 2, 3])), list(map(Adder(100), [1, 2])))
sorted_labels = sorted([Button("b"), Button("a"), Button("c")], key=lambda b: b.label)
print([b.label for b in sorted_labels])
print(repr(ok.click).startswith("<bound method Button.click of"))
