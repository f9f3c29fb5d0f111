//! Module objects and the `sys` module.

use std::io::Write;

use crate::object::function::{add_method, new_builtin_function, Args, NativeFn};
use crate::object::{new_dict_object, Module, Object, Payload};
use crate::ops;
use crate::value::{ObjRef, Value};
use crate::vm::{PyResult, Vm};

/// A new, empty module with its standard attributes.
pub fn new_module(name: &str) -> ObjRef {
    let dict = new_dict_object();
    if let Payload::Dict(d) = &dict.payload {
        let mut d = d.borrow_mut();
        d.insert_str_key(Value::new_str("__name__"), Value::new_str(name));
        d.insert_str_key(Value::new_str("__doc__"), Value::None);
        d.insert_str_key(Value::new_str("__package__"), Value::None);
        d.insert_str_key(Value::new_str("__loader__"), Value::None);
        d.insert_str_key(Value::new_str("__spec__"), Value::None);
    }
    Object::with_dict(
        Payload::Module(Box::new(Module {
            name: name.to_string(),
        })),
        dict,
    )
}

/// The dict of a module.
pub fn module_dict(module: &ObjRef) -> ObjRef {
    module.dict.clone().unwrap_or_else(new_dict_object)
}

/// Runs compiled code with a module's namespace as its globals and locals.
pub fn exec_code(
    vm: &Vm,
    module: &ObjRef,
    code: std::rc::Rc<crate::object::code::Code>,
) -> PyResult<Value> {
    let globals = module_dict(module);
    crate::interp::run_code(vm, code, &globals, None)
}

/// Runs Python source that is part of the interpreter (the Python half of a
/// built-in module) in `module`.
pub fn exec_source(vm: &Vm, module: &ObjRef, source: &str, filename: &str) -> PyResult<()> {
    set_attr(vm, module, "__builtins__", Value::Obj(vm.builtins.clone()));
    let code = crate::compile_text(vm, source, filename, "exec")?;
    exec_code(vm, module, code).map(|_| ())
}

/// Sets `module.name = value`.
pub fn set_attr(vm: &Vm, module: &ObjRef, name: &str, value: Value) {
    ops::set_attr_in_dict(vm, module, name, value);
}

/// Adds a built-in function to a module.
pub fn add_function(vm: &Vm, module: &ObjRef, name: &'static str, func: NativeFn) {
    let f = new_builtin_function(name, func, Some(Value::Obj(module.clone())));
    set_attr(vm, module, name, f);
}

/// Registers a module in `sys.modules`.
pub fn register_module(vm: &Vm, name: &str, module: &ObjRef) {
    if let Payload::Dict(d) = &vm.modules.payload {
        d.borrow_mut()
            .insert_str_key(vm.intern(name), Value::Obj(module.clone()));
    }
}

/// Which standard stream a stream object writes to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stream {
    Stdout,
    Stderr,
}

fn stream_of(vm: &Vm, v: &Value) -> Option<Stream> {
    let fd = ops::getattr_opt(vm, v, "_fd").ok()??;
    match fd.as_i64()? {
        1 => Some(Stream::Stdout),
        2 => Some(Stream::Stderr),
        _ => None,
    }
}

/// Writes text to standard output (buffered) or standard error (after
/// flushing standard output, so the two interleave as written).
pub fn write_stream(vm: &Vm, to_stderr: bool, text: &str) {
    if to_stderr {
        vm.flush_stdout();
        let _ = std::io::stderr().write_all(text.as_bytes());
    } else {
        let mut out = vm.stdout.borrow_mut();
        let _ = out.write_all(text.as_bytes());
        if vm.unbuffered.get() {
            let _ = out.flush();
        }
    }
}

/// The class of `sys.stdout` and `sys.stderr`: text streams with `write` and
/// `flush`.
fn stream_class(vm: &Vm) -> PyResult<ObjRef> {
    let ns = new_dict_object();
    if let Payload::Dict(d) = &ns.payload {
        d.borrow_mut()
            .insert_str_key(vm.intern("__module__"), Value::new_str("_io"));
    }
    let class =
        crate::object::typ::new_class(vm, &vm.types.type_, "TextIOWrapper", Vec::new(), &ns)?;
    add_method(vm, &class, "write", |vm, args| {
        let [stream, text] = args.exact::<2>(vm, "write")?;
        let Some(s) = text.as_str() else {
            return Err(vm.type_error(format!(
                "write() argument must be str, not {}",
                vm.type_name(text)
            )));
        };
        let to_stderr = stream_of(vm, stream) == Some(Stream::Stderr);
        write_stream(vm, to_stderr, s);
        Ok(Value::from(s.chars().count()))
    });
    add_method(vm, &class, "flush", |vm, args| {
        let [stream] = args.exact::<1>(vm, "flush")?;
        if stream_of(vm, stream) == Some(Stream::Stdout) {
            vm.flush_stdout();
        }
        Ok(Value::None)
    });
    add_method(vm, &class, "fileno", |vm, args| {
        let [stream] = args.exact::<1>(vm, "fileno")?;
        ops::getattr(vm, stream, "_fd")
    });
    add_method(vm, &class, "isatty", |_, _| Ok(Value::Bool(false)));
    add_method(vm, &class, "readline", |vm, args| {
        let pos = args.count(vm, "readline", 1, 2)?;
        let [stream, ..] = pos else {
            return Err(vm.type_error("readline() needs a stream"));
        };
        check_readable(vm, stream)?;
        read_line(vm).map(Value::from_string)
    });
    add_method(vm, &class, "read", |vm, args| {
        let pos = args.count(vm, "read", 1, 2)?;
        check_readable(vm, &pos[0])?;
        vm.flush_stdout();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| vm.new_error(&vm.types.os_error, e.to_string()))?;
        Ok(Value::from_string(text))
    });
    add_method(vm, &class, "readlines", |vm, args| {
        let [stream] = args.exact::<1>(vm, "readlines")?;
        check_readable(vm, stream)?;
        let mut lines = Vec::new();
        loop {
            let line = read_line(vm)?;
            if line.is_empty() {
                break;
            }
            lines.push(Value::from_string(line));
        }
        Ok(crate::object::list::new_list(lines))
    });
    add_method(vm, &class, "__iter__", |vm, args| {
        let [stream] = args.exact::<1>(vm, "__iter__")?;
        Ok(stream.clone())
    });
    add_method(vm, &class, "__next__", |vm, args| {
        let [stream] = args.exact::<1>(vm, "__next__")?;
        check_readable(vm, stream)?;
        let line = read_line(vm)?;
        if line.is_empty() {
            return Err(vm.stop_iteration(None));
        }
        Ok(Value::from_string(line))
    });
    Ok(class)
}

fn check_readable(vm: &Vm, stream: &Value) -> PyResult<()> {
    let fd = ops::getattr_opt(vm, stream, "_fd")?.and_then(|fd| fd.as_i64());
    if fd == Some(0) {
        Ok(())
    } else {
        Err(vm.new_error(vm.types.exception("OSError"), "not readable"))
    }
}

/// One line of standard input, with its line ending ("" at end of input).
fn read_line(vm: &Vm) -> PyResult<String> {
    vm.flush_stdout();
    let mut line = String::new();
    std::io::BufRead::read_line(&mut std::io::stdin().lock(), &mut line)
        .map_err(|e| vm.new_error(&vm.types.os_error, e.to_string()))?;
    Ok(line)
}

fn new_stream(vm: &Vm, class: &ObjRef, fd: i64, name: &str) -> PyResult<Value> {
    let stream = crate::object::typ::new_instance(vm, class)?;
    ops::setattr(vm, &stream, "_fd", Some(Value::Int(fd)))?;
    ops::setattr(vm, &stream, "name", Some(Value::new_str(name)))?;
    ops::setattr(vm, &stream, "encoding", Some(Value::new_str("utf-8")))?;
    Ok(stream)
}

/// A "struct sequence" like `sys.version_info`: a tuple whose items are also
/// named attributes.
fn struct_sequence(
    vm: &Vm,
    module: &str,
    name: &str,
    fields: &[&str],
    values: Vec<Value>,
) -> PyResult<Value> {
    let ns = new_dict_object();
    if let Payload::Dict(d) = &ns.payload {
        let mut d = d.borrow_mut();
        let names = fields.iter().map(|f| Value::new_str(f)).collect();
        d.insert_str_key(vm.intern("__module__"), Value::new_str(module));
        d.insert_str_key(vm.intern("n_fields"), Value::from(fields.len()));
        d.insert_str_key(vm.intern("_fields"), crate::object::tuple::new_tuple(names));
    }
    let class = crate::object::typ::new_class(
        vm,
        &vm.types.type_,
        name,
        vec![vm.types.tuple.clone()],
        &ns,
    )?;
    add_method(vm, &class, "__getattr__", |vm, args| {
        let [this, attr] = args.exact::<2>(vm, "__getattr__")?;
        let fields =
            crate::object::typ::lookup(&vm.type_of(this), "_fields").unwrap_or(Value::None);
        if let Some(Payload::Tuple(names)) = fields.payload() {
            if let Some(i) = names.iter().position(|n| n.as_str() == attr.as_str()) {
                return ops::getitem(vm, this, &Value::from(i));
            }
        }
        Err(ops::no_attribute(vm, this, attr.as_str().unwrap_or("")))
    });
    add_method(vm, &class, "__repr__", |vm, args| {
        let [this] = args.exact::<1>(vm, "__repr__")?;
        let t = vm.type_of(this);
        let fields = crate::object::typ::lookup(&t, "_fields").unwrap_or(Value::None);
        let (Some(Payload::Tuple(names)), Some(Payload::Tuple(values))) =
            (fields.payload(), this.payload())
        else {
            return Err(vm.type_error("expected a struct sequence"));
        };
        let mut parts = Vec::new();
        for (n, v) in names.iter().zip(values.iter()) {
            parts.push(format!(
                "{}={}",
                n.as_str().unwrap_or(""),
                ops::repr(vm, v)?
            ));
        }
        Ok(Value::from_string(format!(
            "{}.{}({})",
            ops::type_module(&t),
            crate::object::typ::type_name(&t),
            parts.join(", ")
        )))
    });
    Ok(Value::Obj(Object::with_class(
        Payload::Tuple(values.into_boxed_slice()),
        class,
        None,
    )))
}

/// `sys.flags`.
pub fn set_flags(vm: &Vm, flags: &crate::Flags) {
    let n = |v: u8| Value::Int(v as i64);
    let b = |v: bool| Value::Int(v as i64);
    let fields = [
        ("debug", n(flags.debug)),
        ("inspect", b(flags.inspect)),
        ("interactive", b(flags.interactive)),
        ("optimize", n(flags.optimize)),
        ("dont_write_bytecode", b(flags.dont_write_bytecode)),
        ("no_user_site", b(flags.no_user_site)),
        ("no_site", b(flags.no_site)),
        ("ignore_environment", b(flags.ignore_environment)),
        ("verbose", n(flags.verbose)),
        ("bytes_warning", n(flags.bytes_warning)),
        ("quiet", b(flags.quiet)),
        ("hash_randomization", b(flags.hash_randomization)),
        ("isolated", b(flags.isolated)),
        // These two are bools in CPython, the others ints.
        ("dev_mode", Value::Bool(flags.dev_mode)),
        ("utf8_mode", b(flags.utf8_mode)),
        ("warn_default_encoding", b(flags.warn_default_encoding)),
        ("safe_path", Value::Bool(flags.safe_path)),
        ("int_max_str_digits", Value::Int(flags.int_max_str_digits)),
    ];
    let names: Vec<&str> = fields.iter().map(|(name, _)| *name).collect();
    let values = fields.iter().map(|(_, v)| v.clone()).collect();
    if let Ok(v) = struct_sequence(vm, "sys", "flags", &names, values) {
        set_attr(vm, &vm.sys, "flags", v);
    }
}

/// Fills the `sys` module and registers `sys` and `builtins` in `sys.modules`.
pub fn init_sys(vm: &Vm) {
    let sys = vm.sys.clone();
    set_attr(vm, &sys, "modules", Value::Obj(vm.modules.clone()));
    let mut builtin_names: Vec<&str> = vec!["builtins", "importlib", "sys"];
    builtin_names.extend(crate::modules::NAMES);
    builtin_names.sort_unstable();
    set_attr(
        vm,
        &sys,
        "builtin_module_names",
        crate::object::tuple::new_tuple(builtin_names.iter().map(|n| Value::new_str(n)).collect()),
    );
    register_module(vm, "sys", &sys);
    register_module(vm, "builtins", &vm.builtins);
    set_attr(vm, &sys, "argv", crate::object::list::new_list(Vec::new()));
    set_attr(vm, &sys, "path", crate::object::list::new_list(Vec::new()));
    // `-B` sets it too (`pyrite_vm::apply_settings`).
    let dont_write = std::env::var_os("PYTHONDONTWRITEBYTECODE").is_some_and(|v| !v.is_empty());
    set_attr(vm, &sys, "dont_write_bytecode", Value::Bool(dont_write));
    set_attr(vm, &sys, "pycache_prefix", Value::None);
    set_attr(vm, &sys, "maxsize", Value::Int(i64::MAX));
    set_attr(vm, &sys, "byteorder", Value::new_str("little"));
    set_attr(vm, &sys, "platform", Value::new_str("linux"));
    set_attr(vm, &sys, "executable", Value::new_str(""));
    set_attr(vm, &sys, "version", Value::new_str("3.11.7 (Pyrite)"));
    set_attr(vm, &sys, "hexversion", Value::Int(0x030b07f0));
    set_flags(
        vm,
        &crate::Flags {
            dont_write_bytecode: dont_write,
            ..Default::default()
        },
    );
    let version_info = struct_sequence(
        vm,
        "sys",
        "version_info",
        &["major", "minor", "micro", "releaselevel", "serial"],
        vec![
            Value::Int(3),
            Value::Int(11),
            Value::Int(7),
            Value::new_str("final"),
            Value::Int(0),
        ],
    );
    if let Ok(v) = version_info {
        set_attr(vm, &sys, "version_info", v);
    }
    let float_info = struct_sequence(
        vm,
        "sys",
        "float_info",
        &[
            "max",
            "max_exp",
            "max_10_exp",
            "min",
            "min_exp",
            "min_10_exp",
            "dig",
            "mant_dig",
            "epsilon",
            "radix",
            "rounds",
        ],
        vec![
            Value::Float(f64::MAX),
            Value::Int(f64::MAX_EXP as i64),
            Value::Int(f64::MAX_10_EXP as i64),
            Value::Float(f64::MIN_POSITIVE),
            Value::Int(f64::MIN_EXP as i64),
            Value::Int(f64::MIN_10_EXP as i64),
            Value::Int(f64::DIGITS as i64),
            Value::Int(f64::MANTISSA_DIGITS as i64),
            Value::Float(f64::EPSILON),
            Value::Int(f64::RADIX as i64),
            Value::Int(1),
        ],
    );
    if let Ok(v) = float_info {
        set_attr(vm, &sys, "float_info", v);
    }
    let hash_info = struct_sequence(
        vm,
        "sys",
        "hash_info",
        &[
            "width",
            "modulus",
            "inf",
            "nan",
            "imag",
            "algorithm",
            "hash_bits",
            "seed_bits",
            "cutoff",
        ],
        vec![
            Value::Int(64),
            Value::Int(crate::object::int::HASH_MODULUS as i64),
            Value::Int(314159),
            Value::Int(0),
            Value::Int(1000003),
            Value::new_str("siphash13"),
            Value::Int(64),
            Value::Int(128),
            Value::Int(0),
        ],
    );
    if let Ok(v) = hash_info {
        set_attr(vm, &sys, "hash_info", v);
    }
    set_attr(vm, &sys, "maxunicode", Value::Int(0x10ffff));
    if let Ok(class) = stream_class(vm) {
        for (name, fd) in [("stdin", 0), ("stdout", 1), ("stderr", 2)] {
            if let Ok(stream) = new_stream(vm, &class, fd, &format!("<{name}>")) {
                set_attr(vm, &sys, name, stream.clone());
                set_attr(vm, &sys, &format!("__{name}__"), stream);
            }
        }
    }
    add_function(vm, &sys, "_getframe", |vm, args| {
        let pos = args.count(vm, "_getframe", 0, 1)?;
        let depth = match pos.first() {
            Some(v) => crate::ops::index_value(vm, v)?,
            None => 0,
        };
        let frames = vm.frames.borrow();
        let core = usize::try_from(depth)
            .ok()
            .and_then(|d| frames.len().checked_sub(d + 1))
            .map(|i| frames[i].clone());
        drop(frames);
        match core {
            Some(core) => Ok(Value::Obj(crate::object::frame::frame_object(&core))),
            None => Err(vm.value_error("call stack is not deep enough")),
        }
    });
    add_function(vm, &sys, "getrecursionlimit", |vm, _| {
        Ok(Value::Int(vm.recursion_limit.get() as i64))
    });
    add_function(vm, &sys, "setrecursionlimit", set_recursion_limit);
    add_function(vm, &sys, "excepthook", |vm, args| {
        let [_, value, _] = args.exact::<3>(vm, "excepthook")?;
        let report = crate::traceback::format_exception(vm, value);
        write_stream(vm, true, &report);
        Ok(Value::None)
    });
    if let Some(hook) = crate::ops::getattr_opt(vm, &Value::Obj(sys.clone()), "excepthook")
        .ok()
        .flatten()
    {
        set_attr(vm, &sys, "__excepthook__", hook);
    }
    add_function(vm, &sys, "exit", |vm, args| {
        let pos = args.count(vm, "exit", 0, 1)?;
        let exc = crate::object::exception::new_exception(&vm.types.system_exit, pos.to_vec());
        Err(crate::vm::PyErr(exc))
    });
    add_function(vm, &sys, "exc_info", |vm, _| {
        Ok(match vm.current_exception() {
            Some(exc) => {
                let tb = crate::object::exception::data(&exc)
                    .map(|d| d.borrow().traceback.clone())
                    .unwrap_or(Value::None);
                crate::object::tuple::new_tuple(vec![Value::Obj(vm.type_of(&exc)), exc, tb])
            }
            None => crate::object::tuple::new_tuple(vec![Value::None, Value::None, Value::None]),
        })
    });
    add_function(vm, &sys, "intern", |vm, args| {
        let pos = args.count(vm, "intern", 1, 1)?;
        let s = ops::expect_str(vm, &pos[0], "intern() argument")?;
        Ok(vm.intern(&s))
    });
    add_function(vm, &sys, "getdefaultencoding", |_, _| {
        Ok(Value::new_str("utf-8"))
    });
    add_function(vm, &sys, "get_int_max_str_digits", |vm, args| {
        args.count(vm, "get_int_max_str_digits", 0, 0)?;
        Ok(Value::from(vm.int_max_str_digits.get()))
    });
    add_function(vm, &sys, "set_int_max_str_digits", |vm, args| {
        args.only_kwargs(vm, "set_int_max_str_digits", &["maxdigits"])?;
        let pos = args.count_kw(vm, "set_int_max_str_digits", 0, 1)?;
        let Some(n) = pos.first().or_else(|| args.kwarg("maxdigits")) else {
            return Err(vm.type_error(
                "set_int_max_str_digits() missing required argument 'maxdigits' (pos 1)",
            ));
        };
        let n = ops::index_value(vm, n)?;
        if n != 0 && n < 640 {
            return Err(vm.value_error("maxdigits must be 0 or larger than 640"));
        }
        vm.int_max_str_digits.set(n.max(0) as usize);
        Ok(Value::None)
    });
}

fn set_recursion_limit(vm: &Vm, args: Args) -> PyResult<Value> {
    let pos = args.count(vm, "setrecursionlimit", 1, 1)?;
    if !pos[0].is_int() {
        return Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(&pos[0])
        )));
    }
    let n = ops::index_value(vm, &pos[0])?;
    if n < 1 {
        return Err(vm.value_error("recursion limit must be greater or equal than 1"));
    }
    let depth = vm.depth.get() as i64;
    if n <= depth {
        return Err(vm.new_error(
            &vm.types.recursion_error,
            format!(
                "cannot set the recursion limit to {n} at the recursion depth {depth}: the limit is too low"
            ),
        ));
    }
    vm.recursion_limit.set(n.min(u32::MAX as i64) as u32);
    Ok(Value::None)
}
