//! Exceptions and tracebacks.
//!
//! An exception instance carries its `args`, its traceback (a chain from the
//! outermost frame the exception has passed through to the innermost), and the
//! chaining attributes `__cause__`, `__context__`, `__suppress_context__`.

use std::rc::Rc;

use super::code::Code;
use super::{Object, Payload};
use crate::object::function::{add_method, add_static, Args};
use crate::ops;
use crate::value::{ObjRef, Value};

use crate::vm::{PyResult, Vm};

pub struct ExceptionData {
    pub args: Vec<Value>,
    /// The traceback object (or None).
    pub traceback: Value,
    pub cause: Value,
    pub context: Value,
    pub suppress_context: bool,
}

impl ExceptionData {
    pub fn new(args: Vec<Value>) -> ExceptionData {
        ExceptionData {
            args,
            traceback: Value::None,
            cause: Value::None,
            context: Value::None,
            suppress_context: false,
        }
    }
}

/// One traceback entry: a frame and the instruction it was executing.
pub struct Traceback {
    /// `tb_frame`: its code, and its globals and builtins (where an uncaught
    /// NameError looks for the name the user may have meant).
    pub frame: ObjRef,
    /// Instruction index in the code.
    pub pc: usize,
    pub next: Value,
}

impl Traceback {
    /// The frame's shared state.
    pub fn core(&self) -> &super::frame::FrameCore {
        match &self.frame.payload {
            Payload::Frame(f) => &f.core,
            _ => unreachable!("add_traceback stores a frame object"),
        }
    }

    pub fn code(&self) -> &Rc<Code> {
        &self.core().code
    }

    pub fn lineno(&self) -> u32 {
        let code = self.code();
        code.co
            .locations
            .get(self.pc)
            .copied()
            .flatten()
            .map_or(code.co.firstlineno, |l| l.start.line)
    }
}

/// The fields of a SyntaxError's details tuple, `(filename, lineno, offset,
/// text, end_lineno, end_offset)`, as attributes.
pub const SYNTAX_ERROR_DETAILS: [&str; 6] = [
    "filename",
    "lineno",
    "offset",
    "text",
    "end_lineno",
    "end_offset",
];

pub fn new_exception(class: &ObjRef, args: Vec<Value>) -> ObjRef {
    Object::with_class(
        Payload::Exception(Box::new(std::cell::RefCell::new(ExceptionData::new(args)))),
        class.clone(),
        Some(super::new_dict_object()),
    )
}

pub fn data(v: &Value) -> Option<&std::cell::RefCell<ExceptionData>> {
    match v.payload() {
        Some(Payload::Exception(d)) => Some(d),
        _ => None,
    }
}

/// Adds the current frame's position to an exception's traceback.
pub fn add_traceback(exc: &ObjRef, frame: &crate::interp::Frame, pc: usize) {
    if let Payload::Exception(d) = &exc.payload {
        let mut d = d.borrow_mut();
        let next = std::mem::replace(&mut d.traceback, Value::None);
        d.traceback = Value::Obj(Object::new(Payload::Traceback(Box::new(Traceback {
            frame: super::frame::frame_object(&frame.core),
            pc,
            next,
        }))));
    }
}

/// A UnicodeDecodeError for `object[start..end]`, with CPython's attributes
/// (`encoding`, `object`, `start`, `end`, `reason`) and message.
pub fn unicode_decode_error(
    vm: &Vm,
    encoding: &str,
    object: &[u8],
    start: usize,
    end: usize,
    reason: &str,
) -> crate::vm::PyErr {
    let object = Value::Obj(Object::new(Payload::Bytes(object.into())));
    unicode_error(
        vm,
        &vm.types.unicode_decode_error,
        encoding,
        object,
        start,
        end,
        reason,
    )
}

/// A UnicodeEncodeError for the characters `start..end` of `object`.
pub fn unicode_encode_error(
    vm: &Vm,
    encoding: &str,
    object: &str,
    start: usize,
    end: usize,
    reason: &str,
) -> crate::vm::PyErr {
    let object = Value::from_string(object.to_string());
    unicode_error(
        vm,
        &vm.types.unicode_encode_error,
        encoding,
        object,
        start,
        end,
        reason,
    )
}

fn unicode_error(
    vm: &Vm,
    class: &ObjRef,
    encoding: &str,
    object: Value,
    start: usize,
    end: usize,
    reason: &str,
) -> crate::vm::PyErr {
    let args = vec![
        Value::from_string(encoding.to_string()),
        object,
        Value::Int(start as i64),
        Value::Int(end as i64),
        Value::from_string(reason.to_string()),
    ];
    let exc = new_exception(class, args.clone());
    set_unicode_error_attrs(vm, &Value::Obj(exc.clone()), &args);
    crate::vm::PyErr(exc)
}

const UNICODE_ERROR_ATTRS: [&str; 5] = ["encoding", "object", "start", "end", "reason"];

fn set_unicode_error_attrs(vm: &Vm, exc: &Value, args: &[Value]) {
    for (name, value) in UNICODE_ERROR_ATTRS.iter().zip(args) {
        set_instance_attr(vm, exc, name, value.clone());
    }
}

/// `UnicodeDecodeError(encoding, object, start, end, reason)` and the
/// encoding one: each argument checked, and kept as an attribute.
fn unicode_error_init(vm: &Vm, args: Args, decode: bool) -> PyResult<Value> {
    let (this, rest) = args.split_first(vm, "__init__")?;
    if rest.pos.len() != 5 {
        return Err(vm.type_error(format!(
            "function takes exactly 5 arguments ({} given)",
            rest.pos.len()
        )));
    }
    let str_at = |i: usize| -> PyResult<()> {
        match rest.pos[i].as_str() {
            Some(_) => Ok(()),
            None => Err(vm.type_error(format!(
                "argument {} must be str, not {}",
                i + 1,
                vm.type_name(&rest.pos[i])
            ))),
        }
    };
    str_at(0)?;
    if decode {
        if !matches!(
            rest.pos[1].payload(),
            Some(Payload::Bytes(_) | Payload::ByteArray(_))
        ) {
            return Err(vm.type_error(format!(
                "a bytes-like object is required, not '{}'",
                vm.type_name(&rest.pos[1])
            )));
        }
    } else {
        str_at(1)?;
    }
    for i in [2, 3] {
        if !matches!(rest.pos[i], Value::Int(_)) {
            return Err(vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(&rest.pos[i])
            )));
        }
    }
    str_at(4)?;
    if let Some(d) = data(&this) {
        d.borrow_mut().args = rest.pos.to_vec();
    }
    set_unicode_error_attrs(vm, &this, rest.pos);
    Ok(Value::None)
}

/// `str()` of a Unicode error made with its five attributes (None for one
/// made otherwise: it shows its arguments).
fn unicode_error_str(vm: &Vm, v: &Value) -> PyResult<Option<String>> {
    let attrs: Vec<Option<Value>> = UNICODE_ERROR_ATTRS
        .iter()
        .map(|name| instance_attr(v, name))
        .collect();
    let [Some(encoding), Some(object), Some(Value::Int(start)), Some(Value::Int(end)), Some(reason)] =
        &attrs[..]
    else {
        return Ok(None);
    };
    let encoding = ops::str_of(vm, encoding)?;
    let reason = ops::str_of(vm, reason)?;
    let (start, end) = (*start, *end);
    let decode = matches!(
        object.payload(),
        Some(Payload::Bytes(_) | Payload::ByteArray(_))
    );
    let single = end == start + 1;
    if decode {
        let byte = match object.payload() {
            Some(Payload::Bytes(b)) => usize::try_from(start).ok().and_then(|i| b.get(i).copied()),
            Some(Payload::ByteArray(b)) => usize::try_from(start)
                .ok()
                .and_then(|i| b.data.borrow().get(i).copied()),
            _ => None,
        };
        return Ok(Some(match byte {
            Some(byte) if single => format!(
                "'{encoding}' codec can't decode byte 0x{byte:02x} in position {start}: {reason}"
            ),
            _ => format!(
                "'{encoding}' codec can't decode bytes in position {start}-{}: {reason}",
                end - 1
            ),
        }));
    }
    let c = object
        .as_str()
        .and_then(|s| usize::try_from(start).ok().and_then(|i| s.chars().nth(i)));
    Ok(Some(match c {
        Some(c) if single => {
            let code = c as u32;
            let shown = if code < 0x100 {
                format!("\\x{code:02x}")
            } else if code < 0x10000 {
                format!("\\u{code:04x}")
            } else {
                format!("\\U{code:08x}")
            };
            format!(
                "'{encoding}' codec can't encode character '{shown}' in position {start}: {reason}"
            )
        }
        _ => format!(
            "'{encoding}' codec can't encode characters in position {start}-{}: {reason}",
            end - 1
        ),
    }))
}

/// An exception's `__init__` taking any positional arguments (its `args`)
/// and these keywords, each an attribute (None when not given).
fn init_with_keywords(vm: &Vm, args: Args, class: &str, keywords: &[&str]) -> PyResult<Value> {
    let (this, rest) = args.split_first(vm, "__init__")?;
    rest.only_keywords(vm, class, keywords)?;
    if let Some(d) = data(&this) {
        d.borrow_mut().args = rest.pos.to_vec();
    }
    for &keyword in keywords {
        let value = rest.kwarg(keyword).cloned().unwrap_or(Value::None);
        set_instance_attr(vm, &this, keyword, value);
    }
    Ok(Value::None)
}

/// `str(exc)`.
pub fn exception_str(vm: &Vm, v: &Value) -> PyResult<String> {
    let Some(d) = data(v) else {
        return ops::repr(vm, v);
    };
    let args = d.borrow().args.clone();
    let class = vm.type_of(v);
    let is = |t: &ObjRef| crate::object::typ::is_subtype(&class, t);
    // KeyError shows the repr of a lone key.
    if is(&vm.types.key_error) && args.len() == 1 {
        return ops::repr(vm, &args[0]);
    }
    if is(&vm.types.syntax_error) {
        return syntax_error_str(vm, v, &args);
    }
    if is(&vm.types.unicode_decode_error) || is(&vm.types.unicode_encode_error) {
        if let Some(text) = unicode_error_str(vm, v)? {
            return Ok(text);
        }
    }
    if is(&vm.types.os_error) {
        // From the attributes, which may have changed since `__init__`.
        let attr = |name| instance_attr(v, name).filter(|a| !a.is_none());
        let (errno, strerror) = (attr("errno"), attr("strerror"));
        let text = |a: Option<Value>| match a {
            Some(a) => ops::str_of(vm, &a),
            None => Ok("None".to_string()),
        };
        if let Some(filename) = attr("filename") {
            let head = format!("[Errno {}] {}", text(errno)?, text(strerror)?);
            return Ok(match attr("filename2") {
                Some(f2) => format!(
                    "{head}: {} -> {}",
                    ops::repr(vm, &filename)?,
                    ops::repr(vm, &f2)?
                ),
                None => format!("{head}: {}", ops::repr(vm, &filename)?),
            });
        }
        if errno.is_some() && strerror.is_some() {
            return Ok(format!("[Errno {}] {}", text(errno)?, text(strerror)?));
        }
    }
    if is(vm.types.exception("BaseExceptionGroup")) {
        let message = args
            .first()
            .map(|m| ops::str_of(vm, m))
            .transpose()?
            .unwrap_or_default();
        let n = group_exceptions(v).len();
        return Ok(format!(
            "{message} ({n} sub-exception{})",
            if n == 1 { "" } else { "s" }
        ));
    }
    match args.len() {
        0 => Ok(String::new()),
        1 => ops::str_of(vm, &args[0]),
        _ => ops::repr(vm, &crate::object::tuple::new_tuple(args)),
    }
}

/// An attribute stored in the exception's instance dict.
fn instance_attr(v: &Value, name: &str) -> Option<Value> {
    let dict = v.obj()?.dict.as_ref()?;
    match &dict.payload {
        Payload::Dict(d) => d.borrow().get_str(name),
        _ => None,
    }
}

fn set_instance_attr(vm: &Vm, v: &Value, name: &str, value: Value) {
    if let Value::Obj(o) = v {
        if let Some(dict) = &o.dict {
            if let Payload::Dict(d) = &dict.payload {
                d.borrow_mut().insert_str_key(vm.intern(name), value);
            }
        }
    }
}

fn syntax_error_str(vm: &Vm, v: &Value, args: &[Value]) -> PyResult<String> {
    let msg = match instance_attr(v, "msg").or_else(|| args.first().cloned()) {
        Some(m) => ops::str_of(vm, &m)?,
        None => "None".to_string(),
    };
    let filename = instance_attr(v, "filename").and_then(|f| {
        f.as_str()
            .map(|s| s.rsplit('/').next().unwrap_or(s).to_string())
    });
    let lineno = instance_attr(v, "lineno").and_then(|l| l.as_i64());
    Ok(match (filename, lineno) {
        (Some(f), Some(l)) => format!("{msg} ({f}, line {l})"),
        (Some(f), None) => format!("{msg} ({f})"),
        (None, Some(l)) => format!("{msg} (line {l})"),
        (None, None) => msg,
    })
}

fn exception_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let (cls, rest) = args.split_first(vm, "BaseException.__new__")?;
    let Value::Obj(class) = &cls else {
        return Err(vm.type_error("BaseException.__new__(X): X is not a type object"));
    };
    // OSError(errno, ...) becomes the subclass for that errno.
    if std::rc::Rc::ptr_eq(class, &vm.types.os_error) && (2..=5).contains(&rest.pos.len()) {
        if let Some(name) = rest.pos[0].as_i64().and_then(os_error_subclass) {
            let subclass = vm.types.exception(name).clone();
            return Ok(Value::Obj(new_exception(&subclass, rest.pos.to_vec())));
        }
    }
    Ok(Value::Obj(new_exception(class, rest.pos.to_vec())))
}

/// The OSError subclass CPython picks for an errno (Linux numbering).
fn os_error_subclass(errno: i64) -> Option<&'static str> {
    Some(match errno {
        11 | 114 | 115 => "BlockingIOError",
        10 => "ChildProcessError",
        32 | 108 => "BrokenPipeError",
        103 => "ConnectionAbortedError",
        111 => "ConnectionRefusedError",
        104 => "ConnectionResetError",
        17 => "FileExistsError",
        2 => "FileNotFoundError",
        21 => "IsADirectoryError",
        20 => "NotADirectoryError",
        4 => "InterruptedError",
        1 | 13 => "PermissionError",
        3 => "ProcessLookupError",
        110 => "TimeoutError",
        _ => return None,
    })
}

fn exception_init(vm: &Vm, args: Args) -> PyResult<Value> {
    let (this, rest) = args.split_first(vm, "BaseException.__init__")?;
    if let Some(d) = data(&this) {
        d.borrow_mut().args = rest.pos.to_vec();
    }
    // Keyword arguments are only for subclasses that take them.
    let class = vm.type_of(&this);
    if rest.has_kwargs() && !class.as_type().is_some_and(|t| t.is_heap) {
        return Err(vm.type_error(format!(
            "{}() takes no keyword arguments",
            crate::object::typ::type_name(&class)
        )));
    }
    Ok(Value::None)
}

pub fn exception_repr(vm: &Vm, e: &Value) -> PyResult<String> {
    let name = crate::object::typ::type_name(&vm.type_of(e));
    let args = data(e).map(|d| d.borrow().args.clone()).unwrap_or_default();
    let inner = if args.len() == 1 {
        ops::repr(vm, &args[0])?
    } else {
        let r = ops::repr(vm, &crate::object::tuple::new_tuple(args))?;
        r[1..r.len() - 1].trim_end_matches(',').to_string()
    };
    Ok(format!("{name}({inner})"))
}

pub fn register(vm: &Vm) {
    let base = &vm.types.base_exception;
    add_static(vm, base, "__new__", exception_new);
    add_method(vm, base, "__init__", exception_init);
    add_method(vm, base, "__str__", |vm, args| {
        let [e] = args.exact::<1>(vm, "__str__")?;
        exception_str(vm, e).map(Value::from_string)
    });
    add_method(vm, base, "__repr__", |vm, args| {
        let [e] = args.exact::<1>(vm, "__repr__")?;
        exception_repr(vm, e).map(Value::from_string)
    });
    add_method(vm, base, "with_traceback", |vm, args| {
        let [e, tb] = args.exact::<2>(vm, "with_traceback")?;
        if let Some(d) = data(e) {
            d.borrow_mut().traceback = tb.clone();
        }
        Ok(e.clone())
    });
    add_method(vm, base, "add_note", |vm, args| {
        let [e, note] = args.exact::<2>(vm, "add_note")?;
        if note.as_str().is_none() {
            return Err(vm.type_error(format!("note must be a str, not '{}'", vm.type_name(note))));
        }
        let notes = match ops::getattr_opt(vm, e, "__notes__")? {
            Some(n) => n,
            None => {
                let n = crate::object::list::new_list(Vec::new());
                ops::setattr(vm, e, "__notes__", Some(n.clone()))?;
                n
            }
        };
        match notes.payload() {
            Some(Payload::List(items)) => items.borrow_mut().push(note.clone()),
            _ => return Err(vm.type_error("Cannot add note: __notes__ is not a list")),
        }
        Ok(Value::None)
    });

    add_method(vm, &vm.types.syntax_error, "__init__", |vm, args| {
        let (this, rest) = args.split_first(vm, "SyntaxError.__init__")?;
        exception_init(vm, args)?;
        if let Some(msg) = rest.pos.first() {
            set_instance_attr(vm, &this, "msg", msg.clone());
        }
        if rest.pos.len() == 2 {
            let details = ops::collect_iterable(vm, &rest.pos[1])?;
            if !(4..=6).contains(&details.len()) {
                return Err(vm.index_error("tuple index out of range"));
            }
            for (name, value) in SYNTAX_ERROR_DETAILS.iter().zip(details) {
                set_instance_attr(vm, &this, name, value);
            }
        }
        Ok(Value::None)
    });
    add_method(vm, &vm.types.os_error, "__init__", |vm, args| {
        let (this, rest) = args.split_first(vm, "OSError.__init__")?;
        exception_init(vm, args)?;
        if (2..=5).contains(&rest.pos.len()) {
            set_instance_attr(vm, &this, "errno", rest.pos[0].clone());
            set_instance_attr(vm, &this, "strerror", rest.pos[1].clone());
            if let Some(f) = rest.pos.get(2).filter(|f| !f.is_none()) {
                set_instance_attr(vm, &this, "filename", f.clone());
                if let Some(f2) = rest.pos.get(4).filter(|f| !f.is_none()) {
                    set_instance_attr(vm, &this, "filename2", f2.clone());
                }
                // With a file name, the arguments are (errno, strerror) only.
                if let Some(d) = data(&this) {
                    d.borrow_mut().args.truncate(2);
                }
            }
        }
        Ok(Value::None)
    });
    add_method(vm, &vm.types.import_error, "__init__", |vm, args| {
        let (this, rest) = args.split_first(vm, "ImportError.__init__")?;
        rest.only_keywords(vm, "ImportError", &["name", "path"])?;
        if let Some(d) = data(&this) {
            d.borrow_mut().args = rest.pos.to_vec();
        }
        let msg = if rest.pos.len() == 1 {
            rest.pos[0].clone()
        } else {
            Value::None
        };
        set_instance_attr(vm, &this, "msg", msg);
        set_instance_attr(
            vm,
            &this,
            "name",
            rest.kwarg("name").cloned().unwrap_or(Value::None),
        );
        set_instance_attr(
            vm,
            &this,
            "path",
            rest.kwarg("path").cloned().unwrap_or(Value::None),
        );
        Ok(Value::None)
    });
    add_method(
        vm,
        &vm.types.unicode_decode_error,
        "__init__",
        |vm, args| unicode_error_init(vm, args, true),
    );
    add_method(
        vm,
        &vm.types.unicode_encode_error,
        "__init__",
        |vm, args| unicode_error_init(vm, args, false),
    );
    // NameError(*args, name=None); AttributeError(*args, name=None, obj=None).
    add_method(
        vm,
        vm.types.exception("NameError"),
        "__init__",
        |vm, args| init_with_keywords(vm, args, "NameError", &["name"]),
    );
    add_method(
        vm,
        vm.types.exception("AttributeError"),
        "__init__",
        |vm, args| init_with_keywords(vm, args, "AttributeError", &["name", "obj"]),
    );

    let group = vm.types.exception("BaseExceptionGroup").clone();
    add_static(vm, &group, "__new__", group_new);
    add_method(vm, &group, "__init__", |_, _| Ok(Value::None));
    add_method(vm, &group, "derive", |vm, args| {
        let [this, excs] = args.exact::<2>(vm, "derive")?;
        let message = data(this)
            .and_then(|d| d.borrow().args.first().cloned())
            .unwrap_or(Value::None);
        let class = Value::Obj(vm.types.exception("BaseExceptionGroup").clone());
        ops::call(vm, &class, Args::positional(&[message, excs.clone()]))
    });
    add_method(vm, &group, "split", |vm, args| {
        let [this, condition] = args.exact::<2>(vm, "split")?;
        let matcher = Matcher::from_condition(vm, condition)?;
        let (matched, rest) = split(vm, this, &matcher)?;
        Ok(crate::object::tuple::new_tuple(vec![matched, rest]))
    });
    add_method(vm, &group, "subgroup", |vm, args| {
        let [this, condition] = args.exact::<2>(vm, "subgroup")?;
        let matcher = Matcher::from_condition(vm, condition)?;
        Ok(split(vm, this, &matcher)?.0)
    });
}

// ----- exception groups ------------------------------------------------------

/// The sub-exceptions of a group (its `exceptions`).
pub fn group_exceptions(v: &Value) -> Vec<Value> {
    let Some(d) = data(v) else {
        return Vec::new();
    };
    let d = d.borrow();
    match d.args.get(1).and_then(|e| e.payload()) {
        Some(Payload::Tuple(items)) => items.to_vec(),
        Some(Payload::List(items)) => items.borrow().clone(),
        _ => Vec::new(),
    }
}

fn is_group(vm: &Vm, v: &Value) -> bool {
    vm.is_instance(v, vm.types.exception("BaseExceptionGroup"))
}

/// `BaseExceptionGroup(message, exceptions)`.
fn group_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let (cls, rest) = args.split_first(vm, "BaseExceptionGroup.__new__")?;
    let Value::Obj(mut class) = cls else {
        return Err(vm.type_error("BaseExceptionGroup.__new__(X): X is not a type object"));
    };
    let [message, excs] = rest.pos else {
        return Err(vm.type_error(format!(
            "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
            rest.pos.len()
        )));
    };
    if message.as_str().is_none() {
        return Err(vm.type_error(format!(
            "BaseExceptionGroup.__new__() argument 1 must be str, not {}",
            vm.type_name(message)
        )));
    }
    let items = match excs.payload() {
        Some(Payload::List(_) | Payload::Tuple(_)) => ops::collect_iterable(vm, excs)?,
        _ => return Err(vm.type_error("second argument (exceptions) must be a sequence")),
    };
    if items.is_empty() {
        return Err(vm.value_error("second argument (exceptions) must be a non-empty sequence"));
    }
    let mut nests_base = false;
    for (i, e) in items.iter().enumerate() {
        if data(e).is_none() {
            return Err(vm.value_error(format!(
                "Item {i} of second argument (exceptions) is not an exception"
            )));
        }
        if !vm.is_instance(e, &vm.types.exception) {
            nests_base = true;
        }
    }
    let base_group = vm.types.exception("BaseExceptionGroup").clone();
    let group = vm.types.exception("ExceptionGroup").clone();
    if Rc::ptr_eq(&class, &base_group) {
        if !nests_base {
            class = group;
        }
    } else if Rc::ptr_eq(&class, &group) {
        if nests_base {
            return Err(vm.type_error("Cannot nest BaseExceptions in an ExceptionGroup"));
        }
    } else if nests_base && !crate::object::typ::is_subtype(&class, &vm.types.exception) {
        // A user subclass of BaseExceptionGroup may hold anything.
    } else if nests_base {
        return Err(vm.type_error(format!(
            "Cannot nest BaseExceptions in '{}'",
            crate::object::typ::type_name(&class)
        )));
    }
    let tuple = crate::object::tuple::new_tuple(items);
    let obj = new_exception(&class, vec![message.clone(), excs.clone()]);
    set_instance_attr(vm, &Value::Obj(obj.clone()), "message", message.clone());
    set_instance_attr(vm, &Value::Obj(obj.clone()), "exceptions", tuple);
    Ok(Value::Obj(obj))
}

/// Whether an `except` clause for `class` (a class or a tuple of them)
/// catches `exc`: by its type's MRO, without `__instancecheck__` hooks, as
/// CPython's exception matching does.
pub fn exception_matches(vm: &Vm, exc: &Value, class: &Value) -> bool {
    let t = vm.type_of(exc);
    match class.payload() {
        Some(Payload::Tuple(items)) => items.iter().any(|c| exception_matches(vm, exc, c)),
        _ => matches!(class, Value::Obj(c) if crate::object::typ::is_subtype(&t, c)),
    }
}

/// What `split` keeps: instances of some classes, leaves by identity, or a
/// predicate.
enum Matcher {
    Classes(Value),
    Leaves(Vec<ObjRef>),
    Predicate(Value),
}

impl Matcher {
    fn from_condition(vm: &Vm, condition: &Value) -> PyResult<Matcher> {
        let is_class = |v: &Value| matches!(v, Value::Obj(o) if o.as_type().is_some() && crate::object::typ::is_subtype(o, &vm.types.base_exception));
        let classes = match condition.payload() {
            Some(Payload::Tuple(items)) => items.iter().all(is_class),
            _ => is_class(condition),
        };
        if classes {
            return Ok(Matcher::Classes(condition.clone()));
        }
        if crate::builtins::callable(vm, condition) {
            return Ok(Matcher::Predicate(condition.clone()));
        }
        Err(vm.type_error("expected a function, exception type or tuple of exception types"))
    }

    fn matches(&self, vm: &Vm, e: &Value) -> PyResult<bool> {
        match self {
            Matcher::Classes(c) => Ok(exception_matches(vm, e, c)),
            Matcher::Leaves(ids) => {
                Ok(matches!(e, Value::Obj(o) if ids.iter().any(|i| Rc::ptr_eq(i, o))))
            }
            Matcher::Predicate(f) => {
                let r = ops::call1(vm, f, e.clone())?;
                ops::truthy(vm, &r)
            }
        }
    }
}

/// Copies the metadata of a group onto a group derived from it.
fn copy_metadata(vm: &Vm, from: &Value, to: &Value) -> PyResult<()> {
    if let (Some(src), Some(dst)) = (data(from), data(to)) {
        let src = src.borrow();
        let mut dst = dst.borrow_mut();
        dst.traceback = src.traceback.clone();
        dst.cause = src.cause.clone();
        dst.context = src.context.clone();
        // Setting the cause (CPython's PyException_SetCause) also suppresses
        // the context.
        dst.suppress_context = true;
    }
    if let Some(notes) = instance_attr(from, "__notes__") {
        set_instance_attr(vm, to, "__notes__", notes);
    }
    Ok(())
}

fn derive(vm: &Vm, group: &Value, excs: Vec<Value>) -> PyResult<Value> {
    let list = crate::object::list::new_list(excs);
    let derive = ops::getattr(vm, group, "derive")?;
    let result = ops::call1(vm, &derive, list)?;
    copy_metadata(vm, group, &result)?;
    Ok(result)
}

/// `group.split(condition)`: (matching part, rest), each a group or None.
fn split(vm: &Vm, exc: &Value, matcher: &Matcher) -> PyResult<(Value, Value)> {
    if matcher.matches(vm, exc)? {
        return Ok((exc.clone(), Value::None));
    }
    if !is_group(vm, exc) {
        return Ok((Value::None, exc.clone()));
    }
    let mut matched = Vec::new();
    let mut rest = Vec::new();
    for e in group_exceptions(exc) {
        let (m, r) = split(vm, &e, matcher)?;
        if !m.is_none() {
            matched.push(m);
        }
        if !r.is_none() {
            rest.push(r);
        }
    }
    let matched = if matched.is_empty() {
        Value::None
    } else {
        derive(vm, exc, matched)?
    };
    let rest = if rest.is_empty() {
        Value::None
    } else {
        derive(vm, exc, rest)?
    };
    Ok((matched, rest))
}

/// `except* T` matching (`CHECK_EG_MATCH`): (rest, match).
pub fn split_group(vm: &Vm, exc: &Value, class: &Value) -> PyResult<(Value, Value)> {
    let group_class = vm.types.exception("BaseExceptionGroup");
    let catches_group = match class.payload() {
        Some(Payload::Tuple(items)) => items
            .iter()
            .any(|c| matches!(c, Value::Obj(o) if crate::object::typ::is_subtype(o, group_class))),
        _ => matches!(class, Value::Obj(o) if crate::object::typ::is_subtype(o, group_class)),
    };
    if catches_group {
        return Err(vm.type_error(
            "catching ExceptionGroup with except* is not allowed. Use except instead.",
        ));
    }
    if exc.is_none() {
        return Ok((Value::None, Value::None));
    }
    if exception_matches(vm, exc, class) {
        if is_group(vm, exc) {
            return Ok((Value::None, exc.clone()));
        }
        let wrapped = ops::call(
            vm,
            &Value::Obj(group_class.clone()),
            Args::positional(&[
                vm.intern(""),
                crate::object::tuple::new_tuple(vec![exc.clone()]),
            ]),
        )?;
        if let (Some(src), Some(dst)) = (data(exc), data(&wrapped)) {
            dst.borrow_mut().traceback = src.borrow().traceback.clone();
        }
        return Ok((Value::None, wrapped));
    }
    if is_group(vm, exc) {
        let (matched, rest) = split(vm, exc, &Matcher::Classes(class.clone()))?;
        return Ok((rest, matched));
    }
    Ok((exc.clone(), Value::None))
}

fn collect_leaves(vm: &Vm, exc: &Value, out: &mut Vec<ObjRef>) {
    if is_group(vm, exc) {
        for e in group_exceptions(exc) {
            collect_leaves(vm, &e, out);
        }
    } else if let Value::Obj(o) = exc {
        out.push(o.clone());
    }
}

/// Was `e` re-raised unchanged from the group `orig` (same traceback, cause,
/// context, notes)?
fn same_metadata(e: &Value, orig: &Value) -> bool {
    // (The traceback, cause and context: CPython 3.11 does not compare the
    // notes, so a part that got a note in its handler still counts as
    // re-raised.)
    let (Some(a), Some(b)) = (data(e), data(orig)) else {
        return false;
    };
    let (a, b) = (a.borrow(), b.borrow());
    a.traceback.is(&b.traceback) && a.cause.is(&b.cause) && a.context.is(&b.context)
}

/// `PREP_RERAISE_STAR`: what an `except*` statement re-raises once its
/// clauses ran: the unhandled part of the original group plus anything the
/// clauses raised.
pub fn prep_reraise_star(vm: &Vm, orig: &Value, excs: &Value) -> PyResult<Value> {
    let excs = ops::collect_iterable(vm, excs)?;
    if excs.is_empty() {
        return Ok(Value::None);
    }
    if !is_group(vm, orig) {
        return Ok(excs
            .into_iter()
            .find(|e| !e.is_none())
            .unwrap_or(Value::None));
    }
    let mut raised = Vec::new();
    let mut reraised_leaves = Vec::new();
    for e in excs {
        if e.is_none() {
            continue;
        }
        if is_group(vm, &e) && same_metadata(&e, orig) {
            collect_leaves(vm, &e, &mut reraised_leaves);
        } else {
            raised.push(e);
        }
    }
    let reraised = if reraised_leaves.is_empty() {
        Value::None
    } else {
        split(vm, orig, &Matcher::Leaves(reraised_leaves))?.0
    };
    if raised.is_empty() {
        return Ok(reraised);
    }
    if !reraised.is_none() {
        raised.push(reraised);
    }
    if raised.len() == 1 {
        return Ok(raised.pop().unwrap_or(Value::None));
    }
    ops::call(
        vm,
        &Value::Obj(vm.types.exception("ExceptionGroup").clone()),
        Args::positional(&[vm.intern(""), crate::object::list::new_list(raised)]),
    )
}
