//! `repr()` of the built-in types, with CPython's guard against containers that
//! contain themselves (`[[...]]`, `{1: {...}}`).

use std::rc::Rc;

use crate::object::typ;
use crate::object::Payload;
use crate::ops;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub fn address(v: &Value) -> usize {
    v.obj().map_or(0, |o| Rc::as_ptr(o) as usize)
}

/// Runs `f` unless `v` is already being repr'd further up (then returns the
/// placeholder); bounds the recursion.
fn guarded(
    vm: &Vm,
    v: &Value,
    placeholder: &str,
    f: impl FnOnce() -> PyResult<String>,
) -> PyResult<String> {
    let addr = address(v);
    if vm.repr_active.borrow().contains(&addr) {
        return Ok(placeholder.to_string());
    }
    vm.recursing(" while getting the repr of an object", || {
        vm.repr_active.borrow_mut().push(addr);
        let result = f();
        vm.repr_active.borrow_mut().retain(|&a| a != addr);
        result
    })
}

/// `b'...'`, or `bytearray(b'...')` (with a subclass's name for its
/// instances).
pub fn bytes_like_repr(vm: &Vm, v: &Value) -> String {
    match v.payload() {
        Some(Payload::ByteArray(b)) => {
            let mut literal = pyrite_compiler::literal::bytes_repr(&b.data.borrow());
            // CPython's bytearray repr escapes a single quote even inside
            // double quotes.
            if literal.starts_with("b\"") {
                literal = literal.replace('\'', "\\'");
            }
            format!("{}({literal})", vm.type_name(v))
        }
        Some(Payload::Bytes(b)) => pyrite_compiler::literal::bytes_repr(b),
        _ => String::new(),
    }
}

/// The repr of an exact built-in value; `None` for objects whose class decides.
pub fn repr_builtin(vm: &Vm, v: &Value) -> PyResult<Option<String>> {
    let o = match v {
        Value::None => return Ok(Some("None".into())),
        Value::Bool(b) => return Ok(Some(if *b { "True" } else { "False" }.into())),
        Value::Int(i) => return Ok(Some(i.to_string())),
        Value::Float(f) => return Ok(Some(pyrite_compiler::literal::float_repr(*f))),
        Value::Obj(o) => o,
    };
    let addr = Rc::as_ptr(o) as usize;
    let s = match &o.payload {
        Payload::Int(i) => crate::object::int::int_to_decimal(vm, i)?,
        Payload::Float(f) => pyrite_compiler::literal::float_repr(*f),
        Payload::Complex(re, im) => pyrite_compiler::literal::complex_repr(*re, *im),
        Payload::Str(s) => pyrite_compiler::literal::str_repr(s.as_str()),
        Payload::Bytes(_) | Payload::ByteArray(_) => bytes_like_repr(vm, v),
        Payload::MemoryView(m) => format!(
            "<{} at {addr:#x}>",
            if m.contents().is_some() {
                "memory"
            } else {
                "released memory"
            }
        ),
        Payload::List(_) => repr_sequence(vm, v, "[", "]")?,
        Payload::Tuple(_) => repr_tuple(vm, v)?,
        Payload::Dict(_) => repr_dict(vm, v)?,
        Payload::Set(_) | Payload::FrozenSet(_) => repr_set(vm, v)?,
        Payload::Range(r) => {
            if r.step == 1 {
                format!("range({}, {})", r.start, r.stop)
            } else {
                format!("range({}, {}, {})", r.start, r.stop, r.step)
            }
        }
        Payload::Slice(s) => format!(
            "slice({}, {}, {})",
            ops::repr(vm, &s[0])?,
            ops::repr(vm, &s[1])?,
            ops::repr(vm, &s[2])?
        ),
        Payload::Function(f) => format!(
            "<function {} at {addr:#x}>",
            f.qualname.borrow().as_str().unwrap_or("?")
        ),
        Payload::BoundMethod(m) if matches!(m.func.payload(), Some(Payload::Builtin(_))) => {
            let Some(Payload::Builtin(b)) = m.func.payload() else {
                return Ok(None);
            };
            let dunder = b.name.starts_with("__") && b.name.ends_with("__");
            let kind = if dunder && b.kind == crate::object::function::BuiltinKind::Method {
                "method-wrapper"
            } else {
                "built-in method"
            };
            let quote = if dunder { "'" } else { "" };
            format!(
                "<{kind} {quote}{}{quote} of {} object at {:#x}>",
                b.name,
                vm.type_name(&m.receiver),
                address(&m.receiver)
            )
        }
        Payload::BoundMethod(m) => {
            let name = match ops::getattr_opt(vm, &m.func, "__qualname__")? {
                Some(q) => ops::str_of(vm, &q)?,
                None => "?".into(),
            };
            format!("<bound method {name} of {}>", ops::repr(vm, &m.receiver)?)
        }
        Payload::Builtin(b) => match (&b.owner, &b.receiver) {
            (_, Some(Value::Obj(m))) if matches!(m.payload, Payload::Module(_)) => {
                format!("<built-in function {}>", b.name)
            }
            (Some(_), Some(receiver)) => format!(
                "<built-in method {} of {} object at {:#x}>",
                b.name,
                vm.type_name(receiver),
                address(receiver)
            ),
            (Some(owner), None) => format!(
                "<{} '{}' of '{}' objects>",
                if b.name.starts_with("__") && b.name.ends_with("__") {
                    "slot wrapper"
                } else {
                    "method"
                },
                b.name,
                typ::type_name(owner)
            ),
            (None, _) => format!("<built-in function {}>", b.name),
        },
        Payload::Cell(c) => match &*c.borrow() {
            Some(inner) => format!(
                "<cell at {addr:#x}: {} object at {:#x}>",
                vm.type_name(inner),
                address(inner)
            ),
            None => format!("<cell at {addr:#x}: empty>"),
        },
        Payload::Frame(f) => format!(
            "<frame at {addr:#x}, file {}, line {}, code {}>",
            pyrite_compiler::literal::str_repr(&f.core.code.filename),
            f.core.lineno(),
            f.core.code.name.as_str().unwrap_or("?"),
        ),
        Payload::Code(code) => format!(
            "<code object {} at {addr:#x}, file \"{}\", line {}>",
            code.name.as_str().unwrap_or("?"),
            code.filename,
            code.co.firstlineno
        ),
        Payload::Type(_) => ops::repr_type(vm, v),
        Payload::Module(m) => {
            let file = o.dict.as_ref().and_then(|d| match &d.payload {
                Payload::Dict(d) => d.borrow().get_str("__file__"),
                _ => None,
            });
            let name = o
                .dict
                .as_ref()
                .and_then(|d| match &d.payload {
                    Payload::Dict(d) => d.borrow().get_str("__name__"),
                    _ => None,
                })
                .and_then(|n| n.as_str().map(str::to_string))
                .unwrap_or_else(|| "?".to_string());
            match file {
                Some(f) if f.as_str().is_some() => {
                    format!("<module '{name}' from {}>", ops::repr(vm, &f)?)
                }
                // (A module made by calling `types.ModuleType` has no name of
                // its own: it was not built in.)
                _ if m.name.is_empty() => format!("<module '{name}'>"),
                _ => format!("<module '{}' (built-in)>", m.name),
            }
        }
        Payload::Exception(_) => crate::object::exception::exception_repr(vm, v)?,
        Payload::NotImplemented => "NotImplemented".into(),
        Payload::Ellipsis => "Ellipsis".into(),
        Payload::ClassMethod(f) => format!("<classmethod({})>", ops::repr(vm, f)?),
        Payload::StaticMethod(f) => format!("<staticmethod({})>", ops::repr(vm, f)?),
        Payload::Super(s) => {
            let obj = if s.obj.is_none() {
                "NULL".to_string()
            } else {
                format!("<{} object>", typ::type_name(&s.obj_type))
            };
            format!(
                "<super: {}, {obj}>",
                ops::repr_type(vm, &Value::Obj(s.this.clone()))
            )
        }
        Payload::Iter(it) => {
            let view = it.borrow().view_len().is_some();
            if view {
                let items = ops::collect_iterable(vm, v)?;
                let inner = repr_sequence(vm, &crate::object::list::new_list(items), "[", "]")?;
                format!("{}({inner})", vm.type_name(v))
            } else {
                ops::default_repr(vm, v)
            }
        }
        Payload::GenericAlias(_) | Payload::Union(_) => crate::object::alias::alias_repr(vm, v)?,
        Payload::Generator(_) => return Ok(None),
        Payload::Instance | Payload::Property(_) | Payload::Traceback(_) | Payload::AsyncOp(_) => {
            ops::default_repr(vm, v)
        }
    };
    Ok(Some(s))
}

/// `[a, b]`-style repr of a list's items between `open` and `close`.
pub fn repr_sequence(vm: &Vm, v: &Value, open: &str, close: &str) -> PyResult<String> {
    let placeholder = format!("{open}...{close}");
    guarded(vm, v, &placeholder, || {
        let mut out = String::from(open);
        let mut i = 0;
        loop {
            // The list may change while items' reprs run.
            let item = match v.payload() {
                Some(Payload::List(items)) => items.borrow().get(i).cloned(),
                Some(Payload::Tuple(items)) => items.get(i).cloned(),
                _ => None,
            };
            let Some(item) = item else {
                break;
            };
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&ops::repr(vm, &item)?);
            i += 1;
        }
        out.push_str(close);
        Ok(out)
    })
}

pub fn repr_tuple(vm: &Vm, v: &Value) -> PyResult<String> {
    let len = match v.payload() {
        Some(Payload::Tuple(items)) => items.len(),
        _ => 0,
    };
    if len == 1 {
        let inner = repr_sequence(vm, v, "(", ")")?;
        return Ok(format!("{},)", &inner[..inner.len() - 1]));
    }
    repr_sequence(vm, v, "(", ")")
}

pub fn repr_dict(vm: &Vm, v: &Value) -> PyResult<String> {
    guarded(vm, v, "{...}", || {
        let items = match v.payload() {
            Some(Payload::Dict(d)) => d.borrow().items(),
            _ => Vec::new(),
        };
        let mut out = String::from("{");
        for (i, (k, value)) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&ops::repr(vm, k)?);
            out.push_str(": ");
            out.push_str(&ops::repr(vm, value)?);
        }
        out.push('}');
        Ok(out)
    })
}

pub fn repr_set(vm: &Vm, v: &Value) -> PyResult<String> {
    let frozen = matches!(v.payload(), Some(Payload::FrozenSet(_)));
    let name = vm.type_name(v);
    let exact = !v.obj().is_some_and(|o| o.has_explicit_class());
    let items = crate::object::set::items(v);
    if items.is_empty() {
        return Ok(format!("{name}()"));
    }
    let placeholder = format!("{name}(...)");
    guarded(vm, v, &placeholder, || {
        let mut inner = String::from("{");
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                inner.push_str(", ");
            }
            inner.push_str(&ops::repr(vm, item)?);
        }
        inner.push('}');
        Ok(if exact && !frozen {
            inner
        } else {
            format!("{name}({inner})")
        })
    })
}
