//! The `builtins` module: the built-in functions, and the types and
//! exceptions it exposes by name.

use std::rc::Rc;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, Zero};

use crate::interp::Frame;
use crate::module::add_function;
use crate::object::function::Args;
use crate::object::typ::{self, lookup};
use crate::object::{Object, Payload};
use crate::ops::{self, CompareOp};
use crate::value::{ObjRef, Value};
use crate::vm::{PyResult, Vm};

/// What CPython's one-argument built-in functions count as a level of
/// recursion while they run.
const CALLING: &str = " while calling a Python object";

pub fn populate(vm: &Vm) {
    let b = vm.builtins.clone();
    let set = |name: &str, value: Value| crate::module::set_attr(vm, &b, name, value);
    let t = &vm.types;
    for (name, ty) in [
        ("object", &t.object),
        ("type", &t.type_),
        ("int", &t.int),
        ("bool", &t.bool_),
        ("float", &t.float),
        ("complex", &t.complex),
        ("str", &t.str),
        ("bytes", &t.bytes),
        ("bytearray", &t.bytearray),
        ("memoryview", &t.memoryview),
        ("tuple", &t.tuple),
        ("list", &t.list),
        ("dict", &t.dict),
        ("set", &t.set),
        ("frozenset", &t.frozenset),
        ("range", &t.range),
        ("slice", &t.slice),
        ("property", &t.property),
        ("classmethod", &t.classmethod),
        ("staticmethod", &t.staticmethod),
        ("super", &t.super_),
        ("enumerate", &t.enumerate),
        ("zip", &t.zip),
        ("map", &t.map),
        ("filter", &t.filter),
        ("reversed", &t.reversed),
    ] {
        set(name, Value::Obj(ty.clone()));
    }
    for (name, exc) in &t.exceptions {
        set(name, Value::Obj(exc.clone()));
    }
    set("None", Value::None);
    set("False", Value::Bool(false));
    set("True", Value::Bool(true));
    set("Ellipsis", Value::Obj(vm.ellipsis.clone()));
    set("NotImplemented", Value::Obj(vm.not_implemented.clone()));
    set("__debug__", Value::Bool(true));
    crate::module::set_attr(vm, &b, "__name__", Value::new_str("builtins"));

    add_function(vm, &b, "print", print);
    add_function(vm, &b, "input", input);
    add_function(vm, &b, "len", |vm, args| {
        let [v] = exact(vm, args, "len")?;
        len_of(vm, v).map(Value::from)
    });
    add_function(vm, &b, "repr", |vm, args| {
        vm.recursing(CALLING, || {
            let [v] = exact(vm, args, "repr")?;
            // A str subclass that __repr__ returns is returned as it is.
            if ops::is_user_typed(v) {
                let result = vm.recursing(" while getting the repr of an object", || {
                    ops::call_special(vm, v, "__repr__", &[])
                });
                if let Some(r) = result? {
                    if r.as_str().is_none() {
                        return Err(vm.type_error(format!(
                            "__repr__ returned non-string (type {})",
                            vm.type_name(&r)
                        )));
                    }
                    return Ok(r);
                }
            }
            ops::repr(vm, v).map(Value::from_string)
        })
    });
    add_function(vm, &b, "ascii", |vm, args| {
        vm.recursing(CALLING, || {
            let [v] = exact(vm, args, "ascii")?;
            ascii_of(vm, v).map(Value::from_string)
        })
    });
    add_function(vm, &b, "abs", |vm, args| {
        vm.recursing(CALLING, || {
            let [v] = exact(vm, args, "abs")?;
            ops::unary_op(vm, "abs", v)
        })
    });
    add_function(vm, &b, "min", |vm, args| {
        vm.recursing(CALLING, || min_max(vm, args, "min", CompareOp::Lt))
    });
    add_function(vm, &b, "max", |vm, args| {
        vm.recursing(CALLING, || min_max(vm, args, "max", CompareOp::Gt))
    });
    add_function(vm, &b, "sum", sum);
    add_function(vm, &b, "isinstance", |vm, args| {
        let [obj, cls] = exact(vm, args, "isinstance")?;
        isinstance(vm, obj, cls).map(Value::Bool)
    });
    add_function(vm, &b, "issubclass", |vm, args| {
        let [cls, sup] = exact(vm, args, "issubclass")?;
        issubclass(vm, cls, sup).map(Value::Bool)
    });
    add_function(vm, &b, "sorted", |vm, args| {
        args.only_kwargs(vm, "sorted", &["key", "reverse"])?;
        let [iterable] = args.pos else {
            return Err(vm.type_error(format!(
                "sorted expected 1 argument, got {}",
                args.pos.len()
            )));
        };
        let mut items = ops::collect_iterable(vm, iterable)?;
        let reverse = match args.kwarg("reverse") {
            Some(r) => ops::truthy(vm, r)?,
            None => false,
        };
        crate::object::list::sort_values(vm, &mut items, args.kwarg("key"), reverse)?;
        Ok(crate::object::list::new_list(items))
    });
    add_function(vm, &b, "any", |vm, args| {
        vm.recursing(CALLING, || {
            let [iterable] = exact(vm, args, "any")?;
            let it = ops::iter(vm, iterable)?;
            while let Some(v) = ops::next(vm, &it)? {
                if ops::truthy(vm, &v)? {
                    return Ok(Value::Bool(true));
                }
            }
            Ok(Value::Bool(false))
        })
    });
    add_function(vm, &b, "all", |vm, args| {
        vm.recursing(CALLING, || {
            let [iterable] = exact(vm, args, "all")?;
            let it = ops::iter(vm, iterable)?;
            while let Some(v) = ops::next(vm, &it)? {
                if !ops::truthy(vm, &v)? {
                    return Ok(Value::Bool(false));
                }
            }
            Ok(Value::Bool(true))
        })
    });
    add_function(vm, &b, "iter", |vm, args| {
        args.no_kwargs(vm, "iter")?;
        match args.pos {
            [v] => ops::iter(vm, v),
            [f, sentinel] => {
                if !callable(vm, f) {
                    return Err(vm.type_error("iter(v, w): v must be callable"));
                }
                Ok(crate::object::iter::new_iter(
                    crate::object::iter::Iter::Callable {
                        func: f.clone(),
                        sentinel: sentinel.clone(),
                    },
                ))
            }
            [] => Err(vm.type_error("iter expected at least 1 argument, got 0")),
            other => Err(vm.type_error(format!(
                "iter expected at most 2 arguments, got {}",
                other.len()
            ))),
        }
    });
    add_function(vm, &b, "next", |vm, args| {
        args.no_kwargs(vm, "next")?;
        let (it, default) = match args.pos {
            [it] => (it, None),
            [it, d] => (it, Some(d)),
            [] => return Err(vm.type_error("next expected at least 1 argument, got 0")),
            other => {
                return Err(vm.type_error(format!(
                    "next expected at most 2 arguments, got {}",
                    other.len()
                )))
            }
        };
        if !is_iterator(vm, it) {
            return Err(vm.type_error(format!("'{}' object is not an iterator", vm.type_name(it))));
        }
        match crate::object::generator::next_or_stop(vm, it) {
            Err(e) if default.is_some() && vm.err_matches(&e, &vm.types.stop_iteration) => {
                Ok(default.cloned().unwrap_or(Value::None))
            }
            other => other,
        }
    });
    add_function(vm, &b, "aiter", |vm, args| {
        let [x] = args.exact::<1>(vm, "aiter")?;
        crate::object::asyncgen::aiter(vm, x)
    });
    add_function(vm, &b, "anext", |vm, args| {
        args.no_kwargs(vm, "anext")?;
        match args.pos {
            [it] => crate::object::asyncgen::anext(vm, it, None),
            [it, default] => crate::object::asyncgen::anext(vm, it, Some(default.clone())),
            [] => Err(vm.type_error("anext expected at least 1 argument, got 0")),
            other => Err(vm.type_error(format!(
                "anext expected at most 2 arguments, got {}",
                other.len()
            ))),
        }
    });
    add_function(vm, &b, "hash", |vm, args| {
        vm.recursing(CALLING, || {
            let [v] = exact(vm, args, "hash")?;
            ops::hash(vm, v).map(Value::Int)
        })
    });
    add_function(vm, &b, "id", |vm, args| {
        let [v] = exact(vm, args, "id")?;
        Ok(Value::Int(match v {
            Value::Obj(o) => Rc::as_ptr(o) as usize as i64,
            // Inline values have no address; identity is their value.
            other => ops::hash(vm, other)?,
        }))
    });
    add_function(vm, &b, "ord", |vm, args| {
        let [v] = exact(vm, args, "ord")?;
        match v.payload() {
            Some(Payload::Str(s)) => {
                if s.len() != 1 {
                    return Err(vm.type_error(format!(
                        "ord() expected a character, but string of length {} found",
                        s.len()
                    )));
                }
                Ok(Value::Int(s.char_at(0) as i64))
            }
            Some(Payload::Bytes(_) | Payload::ByteArray(_)) => {
                let b = crate::object::bytes_methods::bytes_like(vm, v)?;
                if b.len() == 1 {
                    Ok(Value::Int(b[0] as i64))
                } else {
                    Err(vm.type_error(format!(
                        "ord() expected a character, but string of length {} found",
                        b.len()
                    )))
                }
            }
            _ => Err(vm.type_error(format!(
                "ord() expected string of length 1, but {} found",
                vm.type_name(v)
            ))),
        }
    });
    add_function(vm, &b, "chr", |vm, args| {
        let [v] = exact(vm, args, "chr")?;
        let i = ops::index_value(vm, v).map_err(|e| {
            if vm.err_matches(&e, &vm.types.overflow_error) {
                vm.overflow_error("Python int too large to convert to C int")
            } else {
                e
            }
        })?;
        let c = u32::try_from(i)
            .ok()
            .filter(|&c| c < 0x110000)
            .ok_or_else(|| vm.value_error("chr() arg not in range(0x110000)"))?;
        // Lone surrogates cannot be stored in UTF-8 text; they become U+FFFD.
        Ok(vm.char_str(char::from_u32(c).unwrap_or('\u{fffd}')))
    });
    add_function(vm, &b, "hex", |vm, args| {
        vm.recursing(CALLING, || {
            let [v] = exact(vm, args, "hex")?;
            radix_string(vm, v, 16, "0x")
        })
    });
    add_function(vm, &b, "oct", |vm, args| {
        vm.recursing(CALLING, || {
            let [v] = exact(vm, args, "oct")?;
            radix_string(vm, v, 8, "0o")
        })
    });
    add_function(vm, &b, "bin", |vm, args| {
        vm.recursing(CALLING, || {
            let [v] = exact(vm, args, "bin")?;
            radix_string(vm, v, 2, "0b")
        })
    });
    add_function(vm, &b, "round", round);
    add_function(vm, &b, "divmod", |vm, args| {
        let [a, b] = exact(vm, args, "divmod")?;
        ops::divmod(vm, a, b)
    });
    add_function(vm, &b, "pow", pow);
    add_function(vm, &b, "getattr", |vm, args| {
        args.no_kwargs(vm, "getattr")?;
        let (obj, name, default) = match args.pos {
            [o, n] => (o, n, None),
            [o, n, d] => (o, n, Some(d)),
            other => {
                return Err(vm.type_error(format!(
                    "getattr expected at least 2 arguments, got {}",
                    other.len()
                )))
            }
        };
        let name = name_arg(vm, name)?;
        match default {
            None => ops::getattr(vm, obj, &name),
            Some(d) => Ok(ops::getattr_opt(vm, obj, &name)?.unwrap_or_else(|| d.clone())),
        }
    });
    add_function(vm, &b, "setattr", |vm, args| {
        let [obj, name, value] = exact(vm, args, "setattr")?;
        let name = name_arg(vm, name)?;
        ops::setattr(vm, obj, &name, Some(value.clone()))?;
        Ok(Value::None)
    });
    add_function(vm, &b, "delattr", |vm, args| {
        let [obj, name] = exact(vm, args, "delattr")?;
        let name = name_arg(vm, name)?;
        ops::setattr(vm, obj, &name, None)?;
        Ok(Value::None)
    });
    add_function(vm, &b, "hasattr", |vm, args| {
        let [obj, name] = exact(vm, args, "hasattr")?;
        let name = name_arg(vm, name)?;
        Ok(Value::Bool(ops::getattr_opt(vm, obj, &name)?.is_some()))
    });
    add_function(vm, &b, "callable", |vm, args| {
        let [v] = exact(vm, args, "callable")?;
        Ok(Value::Bool(callable(vm, v)))
    });
    add_function(vm, &b, "format", |vm, args| {
        args.no_kwargs(vm, "format")?;
        let (v, spec) = match args.pos {
            [v] => (v, ""),
            [v, s] => (
                v,
                s.as_str().ok_or_else(|| {
                    vm.type_error(format!(
                        "format() argument 2 must be str, not {}",
                        vm.type_name(s)
                    ))
                })?,
            ),
            other => {
                return Err(vm.type_error(format!(
                    "format expected at most 2 arguments, got {}",
                    other.len()
                )))
            }
        };
        format_value(vm, v, spec)
    });
    add_function(vm, &b, "dir", |vm, args| {
        let pos = args.count(vm, "dir", 0, 1)?;
        match pos.first() {
            Some(v) => sorted_dir(vm, v),
            None => Ok(crate::object::list::new_list(Vec::new())),
        }
    });
    add_function(vm, &b, "vars", |vm, args| {
        let pos = args.count(vm, "vars", 0, 1)?;
        match pos.first() {
            Some(v) => vars_of(vm, v),
            None => Ok(crate::object::dict::new_dict_value(
                crate::object::dict::Dict::new(),
            )),
        }
    });
    add_function(vm, &b, "globals", |vm, _| {
        Ok(main_dict(vm).map_or(Value::None, Value::Obj))
    });
    add_function(vm, &b, "locals", |vm, _| {
        Ok(main_dict(vm).map_or(Value::None, Value::Obj))
    });
    add_function(vm, &b, "__build_class__", build_class);
    add_function(vm, &b, "__import__", |vm, args| {
        const PARAMS: [&str; 5] = ["name", "globals", "locals", "fromlist", "level"];
        args.only_kwargs(vm, "__import__", &PARAMS)?;
        let pos = args.count_kw(vm, "__import__", 0, 5)?;
        let arg = |i: usize| pos.get(i).or_else(|| args.kwarg(PARAMS[i]));
        let Some(name) = arg(0) else {
            return Err(vm.type_error("__import__() missing required argument 'name' (pos 1)"));
        };
        let name = name
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| vm.type_error("module name must be a string"))?;
        let globals = arg(1).filter(|g| !g.is_none());
        let fromlist = arg(3).cloned().unwrap_or(Value::None);
        let level = match arg(4) {
            Some(level) => level
                .as_i64()
                .ok_or_else(|| vm.type_error("level must be an integer"))?,
            None => 0,
        };
        if level < 0 {
            return Err(vm.value_error("level must be >= 0"));
        }
        crate::import::import_name(vm, &name, globals, &fromlist, level)
    });
    add_function(vm, &b, "exec", |vm, args| {
        exec_or_eval(vm, None, args, false)
    });
    add_function(vm, &b, "eval", |vm, args| {
        exec_or_eval(vm, None, args, true)
    });
    add_function(vm, &b, "compile", compile_builtin);
    // `open` is the io module's, made on first use.
    add_function(vm, &b, "open", |vm, args| {
        let io = crate::import::import_absolute(vm, "io")?;
        let open = ops::getattr(vm, &io, "open")?;
        ops::call(vm, &open, args)
    });

    for name in ["exit", "quit"] {
        add_function(vm, &b, name, |vm, args| {
            let pos = args.count(vm, "exit", 0, 1)?;
            let exc = crate::object::exception::new_exception(&vm.types.system_exit, pos.to_vec());
            Err(crate::vm::PyErr(exc))
        });
    }
    set("EnvironmentError", Value::Obj(t.os_error.clone()));
    set("IOError", Value::Obj(t.os_error.clone()));

    register_slice(vm);
    register_super(vm);
    crate::object::bytes::register(vm);
    crate::object::bytes_methods::register(vm);
    crate::object::bytearray::register(vm);
    crate::object::memoryview::register(vm);
    crate::object::code::register(vm);
    order_like_cpython(&b);
}

/// The order of CPython 3.11's builtins dict (it decides, among equally good
/// candidates, which name "Did you mean" suggests).
const CPYTHON_ORDER: &[&str] = &[
    "__name__",
    "__doc__",
    "__package__",
    "__loader__",
    "__spec__",
    "__build_class__",
    "__import__",
    "abs",
    "all",
    "any",
    "ascii",
    "bin",
    "breakpoint",
    "callable",
    "chr",
    "compile",
    "delattr",
    "dir",
    "divmod",
    "eval",
    "exec",
    "format",
    "getattr",
    "globals",
    "hasattr",
    "hash",
    "hex",
    "id",
    "input",
    "isinstance",
    "issubclass",
    "iter",
    "aiter",
    "len",
    "locals",
    "max",
    "min",
    "next",
    "anext",
    "oct",
    "ord",
    "pow",
    "print",
    "repr",
    "round",
    "setattr",
    "sorted",
    "sum",
    "vars",
    "None",
    "Ellipsis",
    "NotImplemented",
    "False",
    "True",
    "bool",
    "memoryview",
    "bytearray",
    "bytes",
    "classmethod",
    "complex",
    "dict",
    "enumerate",
    "filter",
    "float",
    "frozenset",
    "property",
    "int",
    "list",
    "map",
    "object",
    "range",
    "reversed",
    "set",
    "slice",
    "staticmethod",
    "str",
    "super",
    "tuple",
    "type",
    "zip",
    "__debug__",
    "BaseException",
    "BaseExceptionGroup",
    "Exception",
    "GeneratorExit",
    "KeyboardInterrupt",
    "SystemExit",
    "ArithmeticError",
    "AssertionError",
    "AttributeError",
    "BufferError",
    "EOFError",
    "ImportError",
    "LookupError",
    "MemoryError",
    "NameError",
    "OSError",
    "ReferenceError",
    "RuntimeError",
    "StopAsyncIteration",
    "StopIteration",
    "SyntaxError",
    "SystemError",
    "TypeError",
    "ValueError",
    "Warning",
    "FloatingPointError",
    "OverflowError",
    "ZeroDivisionError",
    "BytesWarning",
    "DeprecationWarning",
    "EncodingWarning",
    "FutureWarning",
    "ImportWarning",
    "PendingDeprecationWarning",
    "ResourceWarning",
    "RuntimeWarning",
    "SyntaxWarning",
    "UnicodeWarning",
    "UserWarning",
    "BlockingIOError",
    "ChildProcessError",
    "ConnectionError",
    "FileExistsError",
    "FileNotFoundError",
    "InterruptedError",
    "IsADirectoryError",
    "NotADirectoryError",
    "PermissionError",
    "ProcessLookupError",
    "TimeoutError",
    "IndentationError",
    "IndexError",
    "KeyError",
    "ModuleNotFoundError",
    "NotImplementedError",
    "RecursionError",
    "UnboundLocalError",
    "UnicodeError",
    "BrokenPipeError",
    "ConnectionAbortedError",
    "ConnectionRefusedError",
    "ConnectionResetError",
    "TabError",
    "UnicodeDecodeError",
    "UnicodeEncodeError",
    "UnicodeTranslateError",
    "ExceptionGroup",
    "EnvironmentError",
    "IOError",
    "open",
    "quit",
    "exit",
    "copyright",
    "credits",
    "license",
    "help",
];

fn order_like_cpython(module: &ObjRef) {
    let Some(dict) = &module.dict else {
        return;
    };
    let Payload::Dict(d) = &dict.payload else {
        return;
    };
    let mut d = d.borrow_mut();
    let mut items = d.items();
    let rank = |k: &Value| {
        k.as_str()
            .and_then(|s| CPYTHON_ORDER.iter().position(|n| *n == s))
            .unwrap_or(CPYTHON_ORDER.len())
    };
    items.sort_by_cached_key(|(k, _)| rank(k));
    d.clear();
    for (k, v) in items {
        d.insert_str_key(k, v);
    }
}

fn exact<'a, const N: usize>(vm: &Vm, args: Args<'a>, name: &str) -> PyResult<&'a [Value; N]> {
    args.no_kwargs(vm, name)?;
    args.pos.try_into().map_err(|_| {
        let given = args.pos.len();
        if N == 1 {
            vm.type_error(format!(
                "{name}() takes exactly one argument ({given} given)"
            ))
        } else {
            vm.type_error(format!("{name} expected {N} arguments, got {given}"))
        }
    })
}

/// The name argument of getattr(), setattr(), delattr() and hasattr().
fn name_arg(vm: &Vm, v: &Value) -> PyResult<String> {
    v.as_str().map(str::to_string).ok_or_else(|| {
        vm.type_error(format!(
            "attribute name must be string, not '{}'",
            vm.type_name(v)
        ))
    })
}

/// The `__main__` module's dict.
fn main_dict(vm: &Vm) -> Option<ObjRef> {
    let modules = match &vm.modules.payload {
        Payload::Dict(d) => d.borrow().get_str("__main__"),
        _ => None,
    }?;
    modules.obj()?.dict.clone()
}

// ----- print and input --------------------------------------------------------------

fn print(vm: &Vm, args: Args) -> PyResult<Value> {
    args.only_kwargs(vm, "print", &["sep", "end", "file", "flush"])?;
    let text_arg = |name: &str, default: &str| -> PyResult<String> {
        match args.kwarg(name) {
            None | Some(Value::None) => Ok(default.to_string()),
            Some(v) => v.as_str().map(str::to_string).ok_or_else(|| {
                vm.type_error(format!(
                    "{name} must be None or a string, not {}",
                    vm.type_name(v)
                ))
            }),
        }
    };
    let sep = text_arg("sep", " ")?;
    let end = text_arg("end", "\n")?;
    let file = match args.kwarg("file") {
        None | Some(Value::None) => ops::getattr_opt(vm, &Value::Obj(vm.sys.clone()), "stdout")?,
        Some(f) => Some(f.clone()),
    };
    let flush = match args.kwarg("flush") {
        Some(f) => ops::truthy(vm, f)?,
        None => false,
    };
    let Some(file) = file.filter(|f| !f.is_none()) else {
        return Ok(Value::None);
    };
    let fd = ops::getattr_opt(vm, &file, "_fd")?.and_then(|fd| fd.as_i64());
    if matches!(fd, Some(1 | 2)) && !is_user_stream(vm, &file) {
        let mut text = String::new();
        for (i, v) in args.pos.iter().enumerate() {
            if i > 0 {
                text.push_str(&sep);
            }
            text.push_str(&ops::str_of(vm, v)?);
        }
        text.push_str(&end);
        crate::module::write_stream(vm, fd == Some(2), &text);
        if flush {
            vm.flush_stdout();
        }
        return Ok(Value::None);
    }
    // Like CPython, one write per argument, separator and end.
    let write = ops::getattr(vm, &file, "write")?;
    for (i, v) in args.pos.iter().enumerate() {
        if i > 0 {
            ops::call1(vm, &write, Value::new_str(&sep))?;
        }
        ops::call1(vm, &write, Value::from_string(ops::str_of(vm, v)?))?;
    }
    ops::call1(vm, &write, Value::new_str(&end))?;
    if flush {
        if let Some(fl) = ops::getattr_opt(vm, &file, "flush")? {
            ops::call0(vm, &fl)?;
        }
    }
    Ok(Value::None)
}

/// Is this a stream object whose `write` a program replaced?
fn is_user_stream(vm: &Vm, f: &Value) -> bool {
    matches!(f, Value::Obj(o) if o.dict.as_ref().is_some_and(|d| matches!(&d.payload, Payload::Dict(d) if d.borrow().get_str("write").is_some())))
        || vm.type_name(f) != "TextIOWrapper"
}

fn input(vm: &Vm, args: Args) -> PyResult<Value> {
    let pos = args.count(vm, "input", 0, 1)?;
    if let Some(prompt) = pos.first() {
        let text = ops::str_of(vm, prompt)?;
        crate::module::write_stream(vm, false, &text);
    }
    vm.flush_stdout();
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) => Err(vm.new_error(vm.types.exception("EOFError"), "EOF when reading a line")),
        Ok(_) => {
            if line.ends_with('\n') {
                line.pop();
                if line.ends_with('\r') {
                    line.pop();
                }
            }
            Ok(Value::from_string(line))
        }
        Err(e) => Err(vm.new_error(&vm.types.os_error, e.to_string())),
    }
}

// ----- numbers ----------------------------------------------------------------------

fn radix_string(vm: &Vm, v: &Value, radix: u32, prefix: &str) -> PyResult<Value> {
    let i = ops::index_bigint(vm, v)?;
    let sign = if i.is_negative() { "-" } else { "" };
    Ok(Value::from_string(format!(
        "{sign}{prefix}{}",
        i.magnitude().to_str_radix(radix)
    )))
}

/// `divmod(a, b)` of two built-in numbers; NotImplemented for other operands.
pub fn divmod_native(vm: &Vm, a: &Value, b: &Value) -> PyResult<Value> {
    let is_real = |v: &Value| {
        crate::numeric::Num::of(v).is_some() && !matches!(v.payload(), Some(Payload::Complex(..)))
    };
    if !is_real(a) || !is_real(b) {
        return Ok(ops::not_implemented(vm));
    }
    let is_float = |v: &Value| crate::object::float::as_f64(v).is_some();
    let zero = crate::numeric::equal(b, &Value::Int(0)) == Some(true);
    if is_float(a) || is_float(b) {
        if zero {
            return Err(vm.zero_division("float divmod()"));
        }
        let x = crate::object::float::number_arg(vm, a)?;
        let y = crate::object::float::number_arg(vm, b)?;
        let (q, r) = pyrite_compiler::number::float_divmod(x, y)
            .ok_or_else(|| vm.zero_division("float divmod()"))?;
        return Ok(crate::object::tuple::new_tuple(vec![
            Value::Float(q),
            Value::Float(r),
        ]));
    }
    if zero {
        return Err(vm.zero_division("integer division or modulo by zero"));
    }
    let q = ops::binary_op_native(vm, ops::BinaryOp::FloorDiv, a, b)?;
    let r = ops::binary_op_native(vm, ops::BinaryOp::Mod, a, b)?;
    Ok(crate::object::tuple::new_tuple(vec![q, r]))
}

fn pow(vm: &Vm, args: Args) -> PyResult<Value> {
    args.only_kwargs(vm, "pow", &["base", "exp", "mod"])?;
    if args.pos.len() > 3 {
        return Err(vm.type_error(format!(
            "pow() takes at most 3 arguments ({} given)",
            args.pos.len()
        )));
    }
    let base = args.pos.first().or_else(|| args.kwarg("base"));
    let exp = args.pos.get(1).or_else(|| args.kwarg("exp"));
    let modulus = args.pos.get(2).or_else(|| args.kwarg("mod"));
    let (Some(base), Some(exp)) = (base, exp) else {
        return Err(vm.type_error(format!(
            "pow() missing required argument '{}' (pos {})",
            if base.is_none() { "base" } else { "exp" },
            if base.is_none() { 1 } else { 2 }
        )));
    };
    match modulus {
        None | Some(Value::None) => ops::binary_op(vm, ops::BinaryOp::Pow, base, exp),
        Some(m) => {
            let (Some(b), Some(e), Some(m)) = (base.as_bigint(), exp.as_bigint(), m.as_bigint())
            else {
                return ternary_pow(vm, base, exp, m);
            };
            if m.is_zero() {
                return Err(vm.value_error("pow() 3rd argument cannot be 0"));
            }
            let mabs = m.abs();
            let (b, e) = if e.is_negative() {
                let inv = mod_inverse(&b.mod_floor(&mabs), &mabs).ok_or_else(|| {
                    vm.value_error("base is not invertible for the given modulus")
                })?;
                (inv, -e)
            } else {
                (b, e)
            };
            let mut r = b.modpow(&e, &mabs);
            if r.is_negative() {
                r += &mabs;
            }
            // The result takes the sign of the modulus.
            if m.is_negative() && !r.is_zero() {
                r -= &mabs;
            }
            Ok(Value::from_bigint(r))
        }
    }
}

/// Which implementation of three-argument `pow` a value's type has (CPython's
/// `nb_power` slot, compared between the operands as slots are).
#[derive(Clone, Copy, PartialEq)]
enum PowSlot {
    Int,
    Float,
    Complex,
    /// A class defining `__pow__` or `__rpow__`.
    Class,
}

fn pow_slot(vm: &Vm, v: &Value) -> Option<PowSlot> {
    let t = vm.type_of(v);
    let defines = |name| {
        crate::object::typ::lookup(&t, name)
            .is_some_and(|m| matches!(m.payload(), Some(Payload::Function(_))))
    };
    if t.as_type().is_some_and(|d| d.is_heap) && (defines("__pow__") || defines("__rpow__")) {
        return Some(PowSlot::Class);
    }
    match v.payload() {
        _ if v.as_bigint().is_some() => Some(PowSlot::Int),
        _ if matches!(v, Value::Float(_)) => Some(PowSlot::Float),
        Some(Payload::Float(_)) => Some(PowSlot::Float),
        Some(Payload::Complex(..)) => Some(PowSlot::Complex),
        _ => None,
    }
}

/// `pow(a, b, c)` when not all three are ints: each operand's type's
/// implementation in turn (CPython's `ternary_op`); a class's is its
/// `__pow__(b, c)` on `a`, and only when `a` is of such a class.
fn ternary_pow(vm: &Vm, a: &Value, b: &Value, c: &Value) -> PyResult<Value> {
    let (sa, sb, sc) = (pow_slot(vm, a), pow_slot(vm, b), pow_slot(vm, c));
    let sb = sb.filter(|s| Some(*s) != sa);
    let sc = sc.filter(|s| Some(*s) != sa && Some(*s) != sb);
    let try_slot = |slot: PowSlot| -> PyResult<Option<Value>> {
        match slot {
            PowSlot::Int => Ok(None),
            PowSlot::Float => {
                Err(vm
                    .type_error("pow() 3rd argument not allowed unless all arguments are integers"))
            }
            PowSlot::Complex => Err(vm.value_error("complex modulo")),
            PowSlot::Class if sa == Some(PowSlot::Class) => {
                match ops::call_special(vm, a, "__pow__", &[b.clone(), c.clone()])? {
                    Some(r) if !ops::is_not_implemented(&r) => Ok(Some(r)),
                    _ => Ok(None),
                }
            }
            PowSlot::Class => Ok(None),
        }
    };
    // The second operand's goes first when its type is a subtype of the
    // first's.
    let b_first = sb.is_some()
        && sa.is_some()
        && crate::object::typ::is_subtype(&vm.type_of(b), &vm.type_of(a));
    let order = if b_first { [sb, sa, sc] } else { [sa, sb, sc] };
    for slot in order.into_iter().flatten() {
        if let Some(r) = try_slot(slot)? {
            return Ok(r);
        }
    }
    Err(vm.type_error(format!(
        "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'",
        vm.type_name(a),
        vm.type_name(b),
        vm.type_name(c)
    )))
}

fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let (mut old_r, mut r) = (a.clone(), m.clone());
    let (mut old_s, mut s) = (BigInt::one(), BigInt::zero());
    while !r.is_zero() {
        let q = &old_r / &r;
        let next_r = &old_r - &q * &r;
        old_r = std::mem::replace(&mut r, next_r);
        let next_s = &old_s - &q * &s;
        old_s = std::mem::replace(&mut s, next_s);
    }
    if old_r != BigInt::one() {
        return None;
    }
    Some(old_s.mod_floor(m))
}

fn round(vm: &Vm, args: Args) -> PyResult<Value> {
    args.only_kwargs(vm, "round", &["number", "ndigits"])?;
    let number = args
        .pos
        .first()
        .or_else(|| args.kwarg("number"))
        .ok_or_else(|| vm.type_error("round() missing required argument 'number' (pos 1)"))?;
    let ndigits = args.pos.get(1).or_else(|| args.kwarg("ndigits"));
    if args.pos.len() > 2 {
        return Err(vm.type_error(format!(
            "round() takes at most 2 arguments ({} given)",
            args.pos.len()
        )));
    }
    let ndigits = ndigits.filter(|n| !n.is_none());
    if let Some(f) = crate::object::float::as_f64(number) {
        if !number.obj().is_some_and(|o| o.has_explicit_class()) {
            return match ndigits {
                None => crate::object::float::round_to_int(vm, f),
                Some(n) => {
                    let n = ops::index_value(vm, n)?;
                    crate::object::float::round_float(vm, f, n).map(Value::Float)
                }
            };
        }
    }
    if number.is_int() && !number.obj().is_some_and(|o| o.has_explicit_class()) {
        let Some(n) = ndigits else {
            return Ok(number
                .as_bigint()
                .map(Value::from_bigint)
                .unwrap_or_else(|| number.clone()));
        };
        let n = ops::index_value(vm, n)?;
        if n >= 0 {
            return Ok(number
                .as_bigint()
                .map(Value::from_bigint)
                .unwrap_or_else(|| number.clone()));
        }
        let i = number.as_bigint().unwrap_or_default();
        let pow = num_traits::pow(BigInt::from(10), (-n).min(10000) as usize);
        let (q, r) = i.div_mod_floor(&pow);
        let twice = &r * 2;
        let q = if twice > pow || (twice == pow && q.is_odd()) {
            q + 1
        } else {
            q
        };
        return Ok(Value::from_bigint(q * pow));
    }
    let extra: Vec<Value> = ndigits.into_iter().cloned().collect();
    match ops::call_special(vm, number, "__round__", &extra)? {
        Some(r) => Ok(r),
        None => Err(vm.type_error(format!(
            "type {} doesn't define __round__ method",
            vm.type_name(number)
        ))),
    }
}

fn min_max(vm: &Vm, args: Args, name: &str, op: CompareOp) -> PyResult<Value> {
    args.only_keywords(vm, name, &["key", "default"])?;
    let key = args.kwarg("key").filter(|k| !k.is_none());
    let default = args.kwarg("default");
    let items = match args.pos {
        [] => return Err(vm.type_error(format!("{name} expected at least 1 argument, got 0"))),
        [iterable] => ops::collect_iterable(vm, iterable)?,
        many => {
            if default.is_some() {
                return Err(vm.type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            many.to_vec()
        }
    };
    let mut best: Option<(Value, Value)> = None;
    for item in items {
        let k = match key {
            Some(f) => ops::call1(vm, f, item.clone())?,
            None => item.clone(),
        };
        best = match best {
            None => Some((k, item)),
            Some((bk, bv)) => {
                let better = ops::rich_compare(vm, &k, &bk, op)?;
                if ops::truthy(vm, &better)? {
                    Some((k, item))
                } else {
                    Some((bk, bv))
                }
            }
        };
    }
    match best {
        Some((_, v)) => Ok(v),
        None => match default {
            Some(d) => Ok(d.clone()),
            None => Err(vm.value_error(format!("{name}() arg is an empty sequence"))),
        },
    }
}

fn sum(vm: &Vm, args: Args) -> PyResult<Value> {
    args.only_kwargs(vm, "sum", &["start"])?;
    let (iterable, start) = match args.pos {
        [it] => (it, args.kwarg("start").cloned().unwrap_or(Value::Int(0))),
        [it, s] => (it, s.clone()),
        other => {
            return Err(vm.type_error(format!(
                "sum() takes at most 2 arguments ({} given)",
                other.len()
            )))
        }
    };
    match start.payload() {
        Some(Payload::Str(_)) => {
            return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]"))
        }
        Some(Payload::Bytes(_)) => {
            return Err(vm.type_error("sum() can't sum bytes [use b''.join(seq) instead]"))
        }
        Some(Payload::ByteArray(_)) => {
            return Err(vm.type_error("sum() can't sum bytearray [use b''.join(seq) instead]"))
        }
        _ => {}
    }
    let it = ops::iter(vm, iterable)?;
    let mut total = start;
    // Exact float sums are not needed; CPython adds floats left to right too.
    while let Some(v) = ops::next(vm, &it)? {
        total = match crate::interp::fast_paths::binary_op(0, &total, &v) {
            Some(r) => r,
            None => ops::binary_op(vm, ops::BinaryOp::Add, &total, &v)?,
        };
    }
    Ok(total)
}

// ----- objects ----------------------------------------------------------------------

/// `len(v)`.
pub fn len_of(vm: &Vm, v: &Value) -> PyResult<usize> {
    let user = v.obj().is_some_and(|o| {
        o.explicit_class()
            .is_some_and(|c| c.as_type().is_some_and(|t| t.is_heap))
    });
    if !user {
        match v.payload() {
            Some(Payload::Str(s)) => return Ok(s.len()),
            Some(Payload::List(l)) => return Ok(l.borrow().len()),
            Some(Payload::Tuple(t)) => return Ok(t.len()),
            Some(Payload::Dict(d)) => return Ok(d.borrow().len()),
            Some(Payload::Set(s) | Payload::FrozenSet(s)) => return Ok(s.borrow().len()),
            Some(Payload::Bytes(b)) => return Ok(b.len()),
            Some(Payload::ByteArray(b)) => return Ok(b.data.borrow().len()),
            Some(Payload::Range(r)) => return Ok(r.len()),
            Some(Payload::Iter(it)) => {
                if let Some(n) = it.borrow().view_len() {
                    return Ok(n);
                }
            }
            _ => {}
        }
    }
    match ops::call_special_set(vm, v, "__len__", &[])? {
        Some(n) => {
            let n = ops::length_value(vm, &n)?;
            if n < 0 {
                return Err(vm.value_error("__len__() should return >= 0"));
            }
            Ok(n as usize)
        }
        None => Err(vm.type_error(format!("object of type '{}' has no len()", vm.type_name(v)))),
    }
}

/// `ascii(v)`: the repr with non-ASCII characters escaped.
pub fn ascii_of(vm: &Vm, v: &Value) -> PyResult<String> {
    let r = ops::repr(vm, v)?;
    let mut out = String::with_capacity(r.len());
    for c in r.chars() {
        let n = c as u32;
        if n < 0x80 {
            out.push(c);
        } else {
            out.push_str(&crate::object::bytes::escape(n));
        }
    }
    Ok(out)
}

/// `format(v, spec)`.
pub fn format_value(vm: &Vm, v: &Value, spec: &str) -> PyResult<Value> {
    let exact = !v.obj().is_some_and(|o| o.has_explicit_class());
    if exact {
        match v {
            Value::Int(i) => {
                return crate::format::format_int(vm, &BigInt::from(*i), spec)
                    .map(Value::from_string)
            }
            Value::Float(f) => {
                return crate::format::format_float(vm, *f, spec).map(Value::from_string)
            }
            Value::Obj(o) => {
                if let Payload::Str(s) = &o.payload {
                    return crate::format::format_str(vm, s.as_str(), spec).map(Value::from_string);
                }
            }
            _ => {}
        }
    }
    let method = lookup(&vm.type_of(v), "__format__").ok_or_else(|| {
        vm.type_error(format!(
            "Type {} doesn't define __format__",
            vm.type_name(v)
        ))
    })?;
    let bound = ops::descriptor_get(vm, &method, Some(v), None)?;
    let result = ops::call1(vm, &bound, Value::new_str(spec))?;
    if result.as_str().is_none() {
        return Err(vm.type_error(format!(
            "__format__ must return a str, not {}",
            vm.type_name(&result)
        )));
    }
    Ok(result)
}

/// What the interactive prompt does with an expression statement's value.
pub fn display_hook(vm: &Vm, v: &Value) -> PyResult<()> {
    if v.is_none() {
        return Ok(());
    }
    let text = ops::repr(vm, v)?;
    crate::module::write_stream(vm, false, &format!("{text}\n"));
    crate::module::set_attr(vm, &vm.builtins, "_", v.clone());
    Ok(())
}

pub fn callable(vm: &Vm, v: &Value) -> bool {
    match v.payload() {
        Some(
            Payload::Function(_) | Payload::BoundMethod(_) | Payload::Builtin(_) | Payload::Type(_),
        ) => true,
        _ => lookup(&vm.type_of(v), "__call__").is_some(),
    }
}

fn is_iterator(vm: &Vm, v: &Value) -> bool {
    match v.payload() {
        Some(Payload::Iter(it)) => it.borrow().view_len().is_none(),
        _ => lookup(&vm.type_of(v), "__next__").is_some(),
    }
}

/// `isinstance(obj, cls)`, with tuples and `__instancecheck__`.
/// The last resort of `isinstance`: an object whose class defines
/// `__class__` (a proxy, a mock) is an instance of what that reports.
fn claimed_class_is(vm: &Vm, obj: &Value, cls: &ObjRef) -> PyResult<bool> {
    if lookup(&vm.type_of(obj), "__class__").is_none() {
        return Ok(false);
    }
    let claimed = match ops::getattr_opt(vm, obj, "__class__") {
        Ok(c) => c,
        Err(e) if vm.err_matches(&e, &vm.types.attribute_error) => None,
        Err(e) => return Err(e),
    };
    Ok(match claimed {
        Some(Value::Obj(c)) if c.as_type().is_some() => crate::object::typ::is_subtype(&c, cls),
        _ => false,
    })
}

pub fn isinstance(vm: &Vm, obj: &Value, cls: &Value) -> PyResult<bool> {
    if let Value::Obj(c) = cls {
        if let Payload::Type(_) = &c.payload {
            if vm.is_instance(obj, c) {
                return Ok(true);
            }
            let meta = vm.type_of_obj(c);
            if Rc::ptr_eq(&meta, &vm.types.type_) {
                return claimed_class_is(vm, obj, c);
            }
            if let Some(check) = lookup(&meta, "__instancecheck__") {
                let is_default = matches!(check.payload(), Some(Payload::Builtin(b)) if b.owner_is(&vm.types.type_));
                if !is_default {
                    let bound = ops::descriptor_get(vm, &check, Some(cls), None)?;
                    let r = vm.recursing(" in __instancecheck__", || {
                        ops::call1(vm, &bound, obj.clone())
                    })?;
                    return ops::truthy(vm, &r);
                }
            }
            return claimed_class_is(vm, obj, c);
        }
        if let Payload::Union(items) = &c.payload {
            for item in items.iter() {
                if isinstance(vm, obj, item)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        if let Payload::Tuple(items) = &c.payload {
            return vm.recursing(" in __instancecheck__", || {
                for item in items.iter() {
                    if isinstance(vm, obj, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            });
        }
        if let Some(check) = lookup(&vm.type_of(cls), "__instancecheck__") {
            let bound = ops::descriptor_get(vm, &check, Some(cls), None)?;
            let r = ops::call1(vm, &bound, obj.clone())?;
            return ops::truthy(vm, &r);
        }
    }
    Err(vm.type_error("isinstance() arg 2 must be a type, a tuple of types, or a union"))
}

fn issubclass(vm: &Vm, cls: &Value, sup: &Value) -> PyResult<bool> {
    match sup.payload() {
        Some(Payload::Tuple(items) | Payload::Union(items)) => {
            for item in items.iter() {
                if issubclass(vm, cls, item)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        Some(Payload::Type(_)) => {}
        _ => {
            if let Some(check) = lookup(&vm.type_of(sup), "__subclasscheck__") {
                let bound = ops::descriptor_get(vm, &check, Some(sup), None)?;
                let r = vm.recursing(" in __subclasscheck__", || {
                    ops::call1(vm, &bound, cls.clone())
                })?;
                return ops::truthy(vm, &r);
            }
            return Err(
                vm.type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union")
            );
        }
    }
    let (Value::Obj(c), Value::Obj(s)) = (cls, sup) else {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    };
    if c.as_type().is_none() {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    }
    let meta = vm.type_of_obj(s);
    if !Rc::ptr_eq(&meta, &vm.types.type_) {
        if let Some(check) = lookup(&meta, "__subclasscheck__") {
            let is_default =
                matches!(check.payload(), Some(Payload::Builtin(b)) if b.owner_is(&vm.types.type_));
            if !is_default {
                let bound = ops::descriptor_get(vm, &check, Some(sup), None)?;
                let r = vm.recursing(" in __subclasscheck__", || {
                    ops::call1(vm, &bound, cls.clone())
                })?;
                return ops::truthy(vm, &r);
            }
        }
    }
    Ok(typ::is_subtype(c, s))
}

/// The attribute names `dir(obj)` lists (unsorted).
pub fn dir_of(vm: &Vm, obj: &Value) -> PyResult<Value> {
    let mut names: Vec<Value> = Vec::new();
    let mut add_dict = |d: &ObjRef| {
        if let Payload::Dict(d) = &d.payload {
            names.extend(d.borrow().keys());
        }
    };
    match obj {
        Value::Obj(o) if matches!(o.payload, Payload::Module(_)) => {
            if let Some(d) = &o.dict {
                add_dict(d);
            }
        }
        Value::Obj(o) if o.as_type().is_some() => {
            for class in o
                .as_type()
                .map(|t| t.mro.borrow().clone())
                .unwrap_or_default()
            {
                if let Some(d) = &class.dict {
                    add_dict(d);
                }
            }
        }
        _ => {
            if let Value::Obj(o) = obj {
                if let Some(d) = &o.dict {
                    add_dict(d);
                }
            }
            let t = vm.type_of(obj);
            for class in t
                .as_type()
                .map(|t| t.mro.borrow().clone())
                .unwrap_or_default()
            {
                if let Some(d) = &class.dict {
                    add_dict(d);
                }
            }
        }
    }
    // Unique names only, first occurrence kept.
    let mut seen = std::collections::HashSet::new();
    let unique: Vec<Value> = names
        .into_iter()
        .filter(|n| seen.insert(n.as_str().unwrap_or("").to_string()))
        .collect();
    Ok(crate::object::list::new_list(unique))
}

pub fn sorted_dir(vm: &Vm, obj: &Value) -> PyResult<Value> {
    let listed = match ops::call_special(vm, obj, "__dir__", &[])? {
        Some(v) => v,
        None => dir_of(vm, obj)?,
    };
    let mut items = ops::collect_iterable(vm, &listed)?;
    crate::object::list::sort_values(vm, &mut items, None, false)?;
    Ok(crate::object::list::new_list(items))
}

fn vars_of(vm: &Vm, obj: &Value) -> PyResult<Value> {
    match ops::getattr_opt(vm, obj, "__dict__")? {
        Some(d) => Ok(d),
        None => Err(vm.type_error("vars() argument must have __dict__ attribute")),
    }
}

/// `_PyObject_FunctionStr`: how call errors name a callable (`mod.f()`).
pub fn function_description(vm: &Vm, func: &Value) -> String {
    let qualname = ops::getattr_opt(vm, func, "__qualname__")
        .ok()
        .flatten()
        .and_then(|q| q.as_str().map(str::to_string));
    let Some(qualname) = qualname else {
        return format!("{} object", vm.type_name(func));
    };
    let module = ops::getattr_opt(vm, func, "__module__")
        .ok()
        .flatten()
        .and_then(|m| m.as_str().map(str::to_string));
    match module {
        Some(m) if m != "builtins" => format!("{m}.{qualname}()"),
        _ => format!("{qualname}()"),
    }
}

// ----- frame-aware builtins ------------------------------------------------------------

/// `locals()` of a frame: its locals mapping, or a dict of its bound fast
/// locals, cells and free variables.
fn frame_locals(vm: &Vm, frame: &Frame) -> PyResult<Value> {
    if let Some(locals) = &frame.locals {
        return Ok(locals.clone());
    }
    let d = crate::object::new_dict_object();
    crate::object::frame::fill_locals(vm, &frame.core.code, &frame.fast, &d)?;
    Ok(Value::Obj(d))
}

/// Calls the builtins that need the caller's frame; `None` for other names or
/// when the arguments make the frame irrelevant.
pub fn call_frame_builtin(
    vm: &Vm,
    frame: &Frame,
    name: &str,
    args: Args,
) -> PyResult<Option<Value>> {
    let no_args = args.pos.is_empty() && args.kw_names.is_empty();
    Ok(Some(match name {
        "locals" if no_args => frame_locals(vm, frame)?,
        "vars" if no_args => frame_locals(vm, frame)?,
        "globals" if no_args => Value::Obj(frame.core.globals.clone()),
        "dir" if no_args => {
            let locals = frame_locals(vm, frame)?;
            let mut keys = ops::collect_iterable(vm, &locals)?;
            crate::object::list::sort_values(vm, &mut keys, None, false)?;
            crate::object::list::new_list(keys)
        }
        "exec" => exec_or_eval(vm, Some(frame), args, false)?,
        "eval" => exec_or_eval(vm, Some(frame), args, true)?,
        _ => return Ok(None),
    }))
}

fn compile_source(
    vm: &Vm,
    source: &Value,
    filename: &str,
    mode: &str,
) -> PyResult<Rc<crate::object::code::Code>> {
    if let Some(Payload::Code(code)) = source.payload() {
        return Ok(code.clone());
    }
    let text = match source.payload() {
        Some(Payload::Str(s)) => s.as_str().to_string(),
        Some(Payload::Bytes(_) | Payload::ByteArray(_) | Payload::MemoryView(_)) => {
            let b = crate::object::bytes_methods::bytes_like(vm, source)?;
            String::from_utf8_lossy(&b).into_owned()
        }
        _ => {
            return Err(vm.type_error(format!(
                "{mode}() arg 1 must be a string, bytes or code object",
            )))
        }
    };
    let text = if mode == "eval" {
        text.trim_start_matches([' ', '\t']).to_string()
    } else {
        text
    };
    crate::compile_text(vm, &text, filename, mode)
}

fn exec_or_eval(vm: &Vm, frame: Option<&Frame>, args: Args, is_eval: bool) -> PyResult<Value> {
    let name = if is_eval { "eval" } else { "exec" };
    args.only_kwargs(vm, name, &["globals", "locals"])?;
    let pos = args.count_kw(vm, name, 1, 3)?;
    let globals = pos
        .get(1)
        .or_else(|| args.kwarg("globals"))
        .filter(|g| !g.is_none());
    let locals = pos
        .get(2)
        .or_else(|| args.kwarg("locals"))
        .filter(|l| !l.is_none());
    let (globals, locals) = match (globals, frame) {
        (Some(g), _) => {
            let Some(Payload::Dict(_)) = g.payload() else {
                return Err(vm.type_error(format!(
                    "{name}() globals must be a dict, not {}",
                    vm.type_name(g)
                )));
            };
            (
                g.obj().cloned().expect("a dict object"),
                locals.cloned().unwrap_or_else(|| g.clone()),
            )
        }
        (None, Some(f)) => (
            f.core.globals.clone(),
            match locals {
                Some(l) => l.clone(),
                None => frame_locals(vm, f)?,
            },
        ),
        (None, None) => {
            let g = main_dict(vm).ok_or_else(|| vm.runtime_error("no globals"))?;
            (g.clone(), locals.cloned().unwrap_or(Value::Obj(g)))
        }
    };
    let code = compile_source(
        vm,
        &pos[0],
        "<string>",
        if is_eval { "eval" } else { "exec" },
    )?;
    let result = crate::interp::run_code(vm, code, &globals, Some(locals))?;
    Ok(if is_eval { result } else { Value::None })
}

fn compile_builtin(vm: &Vm, args: Args) -> PyResult<Value> {
    args.only_kwargs(
        vm,
        "compile",
        &[
            "source",
            "filename",
            "mode",
            "flags",
            "dont_inherit",
            "optimize",
        ],
    )?;
    let pos = args.count_kw(vm, "compile", 0, 6)?;
    let get = |i: usize, name: &str| pos.get(i).or_else(|| args.kwarg(name));
    let source = get(0, "source")
        .ok_or_else(|| vm.type_error("compile() missing required argument 'source' (pos 1)"))?;
    let filename = get(1, "filename")
        .ok_or_else(|| vm.type_error("compile() missing required argument 'filename' (pos 2)"))?;
    let mode = get(2, "mode")
        .ok_or_else(|| vm.type_error("compile() missing required argument 'mode' (pos 3)"))?;
    let filename = ops::str_of(vm, filename)?;
    let mode = ops::expect_str(vm, mode, "compile() mode")?;
    if !matches!(mode.as_str(), "exec" | "eval" | "single") {
        return Err(vm.value_error("compile() mode must be 'exec', 'eval' or 'single'"));
    }
    let code = compile_source(vm, source, &filename, &mode)?;
    Ok(crate::object::code::code_value(code))
}

// ----- classes ------------------------------------------------------------------------

/// `__build_class__(func, name, *bases, metaclass=..., **kwds)`: runs a class
/// body and calls the metaclass.
fn build_class(vm: &Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() < 2 {
        return Err(vm.type_error("__build_class__: not enough arguments"));
    }
    let func = &args.pos[0];
    let Some(Payload::Function(f)) = func.payload() else {
        return Err(vm.type_error("__build_class__: func must be a function"));
    };
    let Some(name) = args.pos[1].as_str() else {
        return Err(vm.type_error("__build_class__: name is not a string"));
    };
    let orig_bases: Vec<Value> = args.pos[2..].to_vec();
    // PEP 560: non-class bases may stand for classes.
    let mut bases = Vec::with_capacity(orig_bases.len());
    let mut changed = false;
    for base in &orig_bases {
        if base.obj().is_some_and(|o| o.as_type().is_some()) {
            bases.push(base.clone());
            continue;
        }
        match ops::getattr_opt(vm, base, "__mro_entries__")? {
            Some(entries) => {
                let orig = crate::object::tuple::new_tuple(orig_bases.clone());
                let result = ops::call1(vm, &entries, orig)?;
                let Some(Payload::Tuple(items)) = result.payload() else {
                    return Err(vm.type_error("__mro_entries__ must return a tuple"));
                };
                bases.extend(items.iter().cloned());
                changed = true;
            }
            None => bases.push(base.clone()),
        }
    }
    let mut kw_names = Vec::new();
    let mut kw_values = Vec::new();
    let mut metaclass = None;
    for (k, v) in args.kw_names.iter().zip(args.kw_values) {
        if k.as_str() == Some("metaclass") {
            metaclass = Some(v.clone());
        } else {
            kw_names.push(k.clone());
            kw_values.push(v.clone());
        }
    }
    let is_class = metaclass.is_none()
        || metaclass
            .as_ref()
            .is_some_and(|m| m.obj().is_some_and(|o| o.as_type().is_some()));
    let mut meta = match metaclass {
        Some(m) => m,
        None => match bases.first() {
            Some(b) => Value::Obj(vm.type_of(b)),
            None => Value::Obj(vm.types.type_.clone()),
        },
    };
    if is_class {
        // The most derived metaclass wins.
        if let Value::Obj(m) = &meta {
            let mut winner = m.clone();
            for base in &bases {
                let base_meta = vm.type_of(base);
                if typ::is_subtype(&winner, &base_meta) {
                    continue;
                }
                if typ::is_subtype(&base_meta, &winner) {
                    winner = base_meta;
                    continue;
                }
                return Err(vm.type_error(
                    "metaclass conflict: the metaclass of a derived class must be a (non-strict) \
                     subclass of the metaclasses of all its bases",
                ));
            }
            meta = Value::Obj(winner);
        }
    }
    let bases_tuple = crate::object::tuple::new_tuple(bases);
    let namespace = match ops::getattr_opt(vm, &meta, "__prepare__")? {
        Some(prepare) => {
            let call_args = [Value::new_str(name), bases_tuple.clone()];
            ops::call(
                vm,
                &prepare,
                Args {
                    pos: &call_args,
                    kw_names: &kw_names,
                    kw_values: &kw_values,
                },
            )?
        }
        None => crate::object::dict::new_dict_value(crate::object::dict::Dict::new()),
    };
    if lookup(&vm.type_of(&namespace), "__getitem__").is_none() {
        return Err(vm.type_error(format!(
            "{}.__prepare__() must return a mapping, not {}",
            if is_class {
                typ::type_name(meta.obj().expect("a class"))
            } else {
                "<metaclass>".into()
            },
            vm.type_name(&namespace)
        )));
    }
    // Run the body with the namespace as its locals.
    let mut frame = Frame::new(
        f.code.borrow().clone(),
        f.globals.clone(),
        f.builtins.clone(),
        Some(namespace.clone()),
    );
    frame.closure = f.closure.clone();
    let body = vm.recursing("", || crate::interp::eval::run_frame(vm, &mut frame, None));
    let cell = match body? {
        crate::interp::Exit::Return(v) => v,
        _ => Value::None,
    };
    if changed {
        ops::setitem(
            vm,
            &namespace,
            vm.intern("__orig_bases__"),
            crate::object::tuple::new_tuple(orig_bases),
        )?;
    }
    let call_args = [Value::new_str(name), bases_tuple, namespace];
    let class = ops::call(
        vm,
        &meta,
        Args {
            pos: &call_args,
            kw_names: &kw_names,
            kw_values: &kw_values,
        },
    )?;
    if let Some(Payload::Cell(c)) = cell.payload() {
        if class.obj().is_some_and(|o| o.as_type().is_some()) {
            let current = c.borrow().clone();
            match current {
                None => {
                    return Err(vm.runtime_error(format!(
                        "__class__ not set defining '{name}' as {}. Was __classcell__ propagated to type.__new__?",
                        ops::repr(vm, &class)?
                    )))
                }
                Some(other) if !other.is(&class) => {
                    return Err(vm.type_error(format!(
                        "__class__ set to {} defining '{name}' as {}",
                        ops::repr(vm, &other)?,
                        ops::repr(vm, &class)?
                    )))
                }
                _ => {}
            }
        }
    }
    Ok(class)
}

/// Completes a class made by `type.__new__`: fills the `__class__` cell, calls
/// `__set_name__` on the attributes and the parent's `__init_subclass__`.
pub fn finish_class(vm: &Vm, class: &ObjRef, args: Args) -> PyResult<()> {
    let class_value = Value::Obj(class.clone());
    let dict = class.dict.clone().expect("a class has a dict");
    let Payload::Dict(d) = &dict.payload else {
        return Ok(());
    };
    let classcell = d.borrow().get_str("__classcell__");
    if let Some(cell) = classcell {
        match cell.payload() {
            Some(Payload::Cell(c)) => *c.borrow_mut() = Some(class_value.clone()),
            _ => {
                return Err(vm.type_error(format!(
                    "__classcell__ must be a nonlocal cell, not {}",
                    ops::repr_type(vm, &Value::Obj(vm.type_of(&cell)))
                )))
            }
        }
        let mut d = d.borrow_mut();
        let hash = crate::object::str::hash_str("__classcell__");
        if let Some(i) = d.index_of_str("__classcell__", hash) {
            d.remove_at(i);
        }
    }
    let items = d.borrow().items();
    for (key, value) in items {
        if let Some(set_name) = lookup(&vm.type_of(&value), "__set_name__") {
            let bound = ops::descriptor_get(vm, &set_name, Some(&value), None)?;
            if let Err(e) = ops::call(
                vm,
                &bound,
                Args::positional(&[class_value.clone(), key.clone()]),
            ) {
                let err = vm.runtime_error(format!(
                    "Error calling __set_name__ on '{}' instance {} in '{}'",
                    vm.type_name(&value),
                    ops::repr(vm, &key)?,
                    typ::type_name(class)
                ));
                if let Payload::Exception(data) = &err.0.payload {
                    let mut data = data.borrow_mut();
                    data.cause = Value::Obj(e.0.clone());
                    data.context = Value::Obj(e.0);
                    data.suppress_context = true;
                }
                return Err(err);
            }
        }
    }
    // super(cls, cls).__init_subclass__(**kwargs)
    let mro = class
        .as_type()
        .map(|t| t.mro.borrow().clone())
        .unwrap_or_default();
    for parent in mro.iter().skip(1) {
        let found = parent.dict.as_ref().and_then(|pd| match &pd.payload {
            Payload::Dict(pd) => pd.borrow().get_str("__init_subclass__"),
            _ => None,
        });
        if let Some(init_subclass) = found {
            let bound = match init_subclass.payload() {
                Some(Payload::Function(_)) => {
                    crate::object::function::new_bound_method(init_subclass, class_value.clone())
                }
                _ => ops::descriptor_get(vm, &init_subclass, None, Some(&class_value))?,
            };
            let is_object_default = matches!(bound.payload(), Some(Payload::BoundMethod(m)) if matches!(m.func.payload(), Some(Payload::Builtin(b)) if b.owner_is(&vm.types.object)));
            if is_object_default && !args.kw_names.is_empty() {
                return Err(vm.type_error(format!(
                    "{}.__init_subclass__() takes no keyword arguments",
                    typ::type_name(class)
                )));
            }
            ops::call(
                vm,
                &bound,
                Args {
                    pos: &[],
                    kw_names: args.kw_names,
                    kw_values: args.kw_values,
                },
            )?;
            break;
        }
    }
    Ok(())
}

fn register_super(vm: &Vm) {
    crate::object::function::add_static(vm, &vm.types.super_, "__new__", |vm, args| {
        let (_, rest) = args.split_first(vm, "super.__new__")?;
        rest.no_kwargs(vm, "super")?;
        match rest.pos {
            [t] => new_super(vm, t, &Value::None),
            [t, obj] => new_super(vm, t, obj),
            [] => Err(vm.runtime_error("super(): no arguments")),
            other => Err(vm.type_error(format!(
                "super() takes at most 2 arguments ({} given)",
                other.len()
            ))),
        }
    });
    crate::object::function::add_method(vm, &vm.types.super_, "__init__", |_, _| Ok(Value::None));
}

/// `super(cls, obj)`.
pub fn new_super(vm: &Vm, cls: &Value, obj: &Value) -> PyResult<Value> {
    let Value::Obj(this) = cls else {
        return Err(vm.type_error(format!(
            "super() argument 1 must be a type, not {}",
            vm.type_name(cls)
        )));
    };
    if this.as_type().is_none() {
        return Err(vm.type_error(format!(
            "super() argument 1 must be a type, not {}",
            vm.type_name(cls)
        )));
    }
    let obj_type = if obj.is_none() {
        this.clone()
    } else if let Value::Obj(o) = obj {
        if o.as_type().is_some() && typ::is_subtype(o, this) {
            o.clone()
        } else if vm.is_instance(obj, this) {
            vm.type_of(obj)
        } else {
            return Err(
                vm.type_error("super(type, obj): obj must be an instance or subtype of type")
            );
        }
    } else if vm.is_instance(obj, this) {
        vm.type_of(obj)
    } else {
        return Err(vm.type_error("super(type, obj): obj must be an instance or subtype of type"));
    };
    Ok(Value::Obj(Object::new(Payload::Super(Box::new(
        typ::Super {
            this: this.clone(),
            obj: obj.clone(),
            obj_type,
        },
    )))))
}

fn register_slice(vm: &Vm) {
    let t = &vm.types.slice;
    crate::object::function::add_static(vm, t, "__new__", |vm, args| {
        let (_, rest) = args.split_first(vm, "slice.__new__")?;
        rest.no_kwargs(vm, "slice")?;
        let parts = match rest.pos {
            [stop] => [Value::None, stop.clone(), Value::None],
            [start, stop] => [start.clone(), stop.clone(), Value::None],
            [start, stop, step] => [start.clone(), stop.clone(), step.clone()],
            [] => return Err(vm.type_error("slice expected at least 1 argument, got 0")),
            more => {
                return Err(vm.type_error(format!(
                    "slice expected at most 3 arguments, got {}",
                    more.len()
                )))
            }
        };
        Ok(Value::Obj(Object::new(Payload::Slice(Box::new(parts)))))
    });
    crate::object::function::add_method(vm, t, "indices", |vm, args| {
        let [s, len] = args.exact::<2>(vm, "indices")?;
        let Some(Payload::Slice(parts)) = s.payload() else {
            return Err(vm.type_error("descriptor 'indices' requires a 'slice' object"));
        };
        let n = ops::index_value(vm, len)?;
        if n < 0 {
            return Err(vm.value_error("length should not be negative"));
        }
        let (start, stop, step) = crate::object::list::slice_bounds(vm, parts, n as usize)?;
        Ok(crate::object::tuple::new_tuple(vec![
            Value::Int(start),
            Value::Int(stop),
            Value::Int(step),
        ]))
    });
    crate::object::function::add_method(vm, t, "__eq__", |vm, args| {
        let [a, b] = args.exact::<2>(vm, "__eq__")?;
        let (Some(Payload::Slice(x)), Some(Payload::Slice(y))) = (a.payload(), b.payload()) else {
            return Ok(ops::not_implemented(vm));
        };
        let tx = crate::object::tuple::new_tuple(x.to_vec());
        let ty = crate::object::tuple::new_tuple(y.to_vec());
        ops::eq(vm, &tx, &ty).map(Value::Bool)
    });
    crate::ops::set_attr_in_dict(vm, t, "__hash__", Value::None);
}

// ----- imports ------------------------------------------------------------------------

/// `IMPORT_STAR`: `from module import *`.
pub fn import_star(vm: &Vm, module: &Value, locals: &Value) -> PyResult<()> {
    let names = match ops::getattr_opt(vm, module, "__all__")? {
        Some(all) => ops::collect_iterable(vm, &all)?,
        None => {
            let dict = ops::getattr(vm, module, "__dict__")?;
            ops::collect_iterable(vm, &dict)?
                .into_iter()
                .filter(|n| !n.as_str().is_some_and(|s| s.starts_with('_')))
                .collect()
        }
    };
    for name in names {
        let key = ops::expect_str(vm, &name, "attribute name")?;
        let value = ops::getattr(vm, module, &key)?;
        ops::setitem(vm, locals, name, value)?;
    }
    Ok(())
}

// ----- pattern matching ---------------------------------------------------------------

/// `MATCH_MAPPING`: is the subject a mapping for `case {...}`?
pub fn is_mapping_for_match(vm: &Vm, v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::Dict(_)))
        || vm
            .type_of(v)
            .as_type()
            .is_some_and(|t| t.kind == typ::InstanceKind::Dict)
}

/// `MATCH_SEQUENCE`: is the subject a sequence for `case [...]`?
pub fn is_sequence_for_match(v: &Value) -> bool {
    matches!(
        v.payload(),
        Some(Payload::List(_) | Payload::Tuple(_) | Payload::Range(_))
    )
}

/// `MATCH_KEYS`: the values of the keys, or None if one is missing.
pub fn match_keys(vm: &Vm, subject: &Value, keys: &Value) -> PyResult<Value> {
    let keys = ops::collect_iterable(vm, keys)?;
    if keys.is_empty() {
        return Ok(Value::Obj(vm.empty_tuple.clone()));
    }
    let marker = Value::Obj(Object::new(Payload::Instance));
    let get = ops::getattr(vm, subject, "get")?;
    let mut values = Vec::with_capacity(keys.len());
    for key in keys {
        let v = ops::call(vm, &get, Args::positional(&[key, marker.clone()]))?;
        if v.is(&marker) {
            return Ok(Value::None);
        }
        values.push(v);
    }
    Ok(crate::object::tuple::new_tuple(values))
}

/// `MATCH_CLASS`: the attributes a class pattern extracts, or None.
pub fn match_class(
    vm: &Vm,
    subject: &Value,
    class: &Value,
    npos: usize,
    names: &Value,
) -> PyResult<Value> {
    let Value::Obj(cls) = class else {
        return Err(vm.type_error("called match pattern must be a class"));
    };
    if cls.as_type().is_none() {
        return Err(vm.type_error("called match pattern must be a class"));
    }
    if !vm.is_instance(subject, cls) {
        return Ok(Value::None);
    }
    let mut attrs = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    if npos > 0 {
        let match_args = ops::getattr_opt(vm, class, "__match_args__")?;
        let self_match = cls.as_type().is_some_and(|t| {
            matches!(
                t.kind,
                typ::InstanceKind::Bool
                    | typ::InstanceKind::Bytes
                    | typ::InstanceKind::ByteArray
                    | typ::InstanceKind::Dict
                    | typ::InstanceKind::Float
                    | typ::InstanceKind::FrozenSet
                    | typ::InstanceKind::Int
                    | typ::InstanceKind::List
                    | typ::InstanceKind::Set
                    | typ::InstanceKind::Str
                    | typ::InstanceKind::Tuple
            )
        });
        match match_args {
            Some(ma) => {
                let Some(Payload::Tuple(items)) = ma.payload() else {
                    return Err(vm.type_error(format!(
                        "{}.__match_args__ must be a tuple (got {})",
                        typ::type_name(cls),
                        vm.type_name(&ma)
                    )));
                };
                if npos > items.len() {
                    return Err(vm.type_error(format!(
                        "{}() accepts {} positional sub-pattern{} ({npos} given)",
                        typ::type_name(cls),
                        items.len(),
                        if items.len() == 1 { "" } else { "s" }
                    )));
                }
                for item in items.iter().take(npos) {
                    let Some(name) = item.as_str() else {
                        return Err(vm.type_error(format!(
                            "__match_args__ elements must be strings (got {})",
                            vm.type_name(item)
                        )));
                    };
                    seen.push(name.to_string());
                    match ops::getattr_opt(vm, subject, name)? {
                        Some(v) => attrs.push(v),
                        None => return Ok(Value::None),
                    }
                }
            }
            None if self_match => {
                if npos > 1 {
                    return Err(vm.type_error(format!(
                        "{}() accepts 1 positional sub-pattern ({npos} given)",
                        typ::type_name(cls)
                    )));
                }
                attrs.push(subject.clone());
            }
            None => {
                return Err(vm.type_error(format!(
                    "{}() accepts 0 positional sub-patterns ({npos} given)",
                    typ::type_name(cls)
                )))
            }
        }
    }
    for name in ops::collect_iterable(vm, names)? {
        let name = name.as_str().unwrap_or("").to_string();
        if seen.contains(&name) {
            return Err(vm.type_error(format!(
                "{}() got multiple sub-patterns for attribute '{name}'",
                typ::type_name(cls)
            )));
        }
        match ops::getattr_opt(vm, subject, &name)? {
            Some(v) => attrs.push(v),
            None => return Ok(Value::None),
        }
        seen.push(name);
    }
    Ok(crate::object::tuple::new_tuple(attrs))
}
