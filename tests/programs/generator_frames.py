# gi_frame/cr_frame: the frame object of a suspended, running or finished generator.
def g(a):
    b = a + 1
    x = yield b
    me = it.gi_frame
    print("running", type(me).__name__, me.f_lineno, it.gi_running)
    yield x
it = g(5)
print(type(it.gi_frame).__name__, it.gi_frame.f_lineno, it.gi_frame.f_locals)
next(it)
f = it.gi_frame
print(f.f_lineno, f.f_locals, f.f_code.co_name, f.f_back, f is it.gi_frame)
it.send(3)
print(it.gi_frame.f_lineno, sorted(it.gi_frame.f_locals))
list(it)
print(it.gi_frame)
async def c():
    pass
co = c()
print(type(co.cr_frame).__name__, co.cr_frame.f_lineno)
co.close()
print(co.cr_frame)
