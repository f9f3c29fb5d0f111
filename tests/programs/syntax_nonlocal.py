def f(): nonlocal x
