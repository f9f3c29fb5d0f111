//! The `dis` module: `dis.dis(x)` prints the bytecode of a function, method,
//! class, module, code object or source string, in CPython 3.11's layout,
//! recursing into nested code objects. The listing is the compiler's own
//! (`pyrite dis` prints the same); this module finds the code to list.

use crate::object::code::Code;
use crate::object::Payload;
use crate::ops;
use crate::value::{ObjRef, Value};
use crate::vm::{PyResult, Vm};
use pyrite_compiler::{CodeObject, Constant};

pub fn module(vm: &Vm) -> ObjRef {
    let m = crate::module::new_module("dis");
    crate::module::add_function(vm, &m, "dis", |vm, args| {
        args.only_kwargs(vm, "dis", &["file", "depth", "show_caches", "adaptive"])?;
        let pos = args.count_kw(vm, "dis", 0, 1)?;
        let Some(x) = pos.first().filter(|x| !x.is_none()) else {
            return Err(vm.new_error(&vm.types.runtime_error, "no last traceback to disassemble"));
        };
        let text = listing(vm, x)?;
        let file = args.kwarg("file").filter(|f| !f.is_none()).cloned();
        write(vm, file, &text)?;
        Ok(Value::None)
    });
    crate::module::add_function(vm, &m, "code_info", |vm, args| {
        let [x] = args.exact::<1>(vm, "code_info")?;
        let code = code_of(vm, x)?;
        Ok(Value::from_string(code_info(&to_compiled(&code))))
    });
    m
}

fn write(vm: &Vm, file: Option<Value>, text: &str) -> PyResult<()> {
    let stream = match file {
        Some(f) => f,
        None => ops::getattr(vm, &Value::Obj(vm.sys.clone()), "stdout")?,
    };
    let write = ops::getattr(vm, &stream, "write")?;
    ops::call(
        vm,
        &write,
        crate::object::function::Args::positional(&[Value::new_str(text)]),
    )?;
    Ok(())
}

/// What `dis.dis(x)` prints.
fn listing(vm: &Vm, x: &Value) -> PyResult<String> {
    // A class or a module: each thing in its namespace that has code.
    let is_namespace = matches!(x.payload(), Some(Payload::Type(_) | Payload::Module(_)));
    if is_namespace {
        let dict = ops::getattr(vm, x, "__dict__")?;
        let items = ops::call0(vm, &ops::getattr(vm, &dict, "items")?)?;
        let mut items = ops::collect_iterable(vm, &items)?;
        let mut pairs = Vec::new();
        for item in items.drain(..) {
            let pair = ops::collect_iterable(vm, &item)?;
            if let [key, value] = pair.as_slice() {
                pairs.push((ops::str_of(vm, key)?, value.clone()));
            }
        }
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out = String::new();
        for (name, value) in pairs {
            if !has_code(&value) {
                continue;
            }
            out.push_str(&format!("Disassembly of {name}:\n"));
            match listing(vm, &value) {
                Ok(text) => out.push_str(&text),
                Err(err) if vm.err_matches(&err, &vm.types.type_error) => {
                    let msg = ops::str_of(vm, &Value::Obj(err.0.clone()))?;
                    out.push_str(&format!("Sorry: {msg}\n"));
                }
                Err(err) => return Err(err),
            }
            out.push('\n');
        }
        return Ok(out);
    }
    if let Some(source) = x.as_str() {
        let code = crate::compile_text(vm, source, "<dis>", "exec")?;
        return Ok(pyrite_compiler::dis::disassemble(&to_compiled(&code)));
    }
    let code = code_of(vm, x)?;
    Ok(pyrite_compiler::dis::disassemble(&to_compiled(&code)))
}

/// Things `dis` lists inside a class or module (CPython's `_have_code`).
fn has_code(v: &Value) -> bool {
    matches!(
        v.payload(),
        Some(
            Payload::Function(_)
                | Payload::BoundMethod(_)
                | Payload::Code(_)
                | Payload::ClassMethod(_)
                | Payload::StaticMethod(_)
                | Payload::Type(_)
        )
    )
}

/// The code object of a function, method, classmethod, staticmethod,
/// generator or code object.
fn code_of(vm: &Vm, x: &Value) -> PyResult<std::rc::Rc<Code>> {
    let mut current = x.clone();
    for _ in 0..8 {
        match current.payload() {
            Some(Payload::Code(code)) => return Ok(code.clone()),
            Some(Payload::ClassMethod(f) | Payload::StaticMethod(f)) => {
                current = f.clone();
                continue;
            }
            Some(Payload::Generator(_)) => {
                for attr in ["gi_code", "cr_code", "ag_code"] {
                    if let Some(code) = ops::getattr_opt(vm, &current, attr)? {
                        current = code;
                        break;
                    }
                }
                continue;
            }
            _ => {}
        }
        if let Some(func) = ops::getattr_opt(vm, &current, "__func__")? {
            current = func;
            continue;
        }
        if let Some(code) = ops::getattr_opt(vm, &current, "__code__")? {
            current = code;
            continue;
        }
        break;
    }
    Err(vm.type_error(format!(
        "don't know how to disassemble {} objects",
        vm.type_name(x)
    )))
}

/// The compiler's view of a runtime code object, constants included.
pub fn to_compiled(code: &Code) -> CodeObject {
    let mut co = code.co.clone();
    co.consts = code.consts.iter().map(constant_of).collect();
    co
}

fn constant_of(v: &Value) -> Constant {
    match v {
        Value::None => return Constant::None,
        Value::Bool(b) => return Constant::Bool(*b),
        Value::Int(i) => return Constant::Int((*i).into()),
        Value::Float(f) => return Constant::Float(*f),
        _ => {}
    }
    match v.payload() {
        Some(Payload::Int(i)) => Constant::Int(i.clone()),
        Some(Payload::Float(f)) => Constant::Float(*f),
        Some(Payload::Complex(real, imag)) => Constant::Complex {
            real: *real,
            imag: *imag,
        },
        Some(Payload::Str(s)) => Constant::Str(s.as_str().to_string()),
        Some(Payload::Bytes(b)) => Constant::Bytes(b.to_vec()),
        Some(Payload::Tuple(items)) => Constant::Tuple(items.iter().map(constant_of).collect()),
        Some(Payload::FrozenSet(set)) => {
            Constant::FrozenSet(set.borrow().keys().iter().map(constant_of).collect())
        }
        Some(Payload::Code(code)) => Constant::Code(Box::new(to_compiled(code))),
        Some(Payload::Ellipsis) => Constant::Ellipsis,
        // Constants are only ever the kinds above.
        _ => Constant::None,
    }
}

/// `dis.code_info(x)`: the code object's attributes, as CPython formats them.
fn code_info(co: &CodeObject) -> String {
    let mut lines = vec![
        format!("Name:              {}", co.name),
        format!("Filename:          {}", co.filename),
        format!("Argument count:    {}", co.argcount),
        format!("Positional-only arguments: {}", co.posonlyargcount),
        format!("Kw-only arguments: {}", co.kwonlyargcount),
        format!("Number of locals:  {}", co.varnames.len()),
        format!("Stack size:        {}", co.stacksize),
        format!("Flags:             {}", flag_names(co.flags.0)),
    ];
    if !co.consts.is_empty() {
        lines.push("Constants:".into());
        for (i, c) in co.consts.iter().enumerate() {
            let text = match c {
                Constant::Code(child) => pyrite_compiler::dis::code_repr(child),
                other => other.repr(),
            };
            lines.push(format!("{i:>4}: {text}"));
        }
    }
    for (title, names) in [
        ("Names", &co.names),
        ("Variable names", &co.varnames),
        ("Free variables", &co.freevars),
        ("Cell variables", &co.cellvars),
    ] {
        if !names.is_empty() {
            lines.push(format!("{title}:"));
            for (i, n) in names.iter().enumerate() {
                lines.push(format!("{i:>4}: {n}"));
            }
        }
    }
    lines.join("\n")
}

fn flag_names(flags: u32) -> String {
    const NAMES: [(u32, &str); 10] = [
        (0x1, "OPTIMIZED"),
        (0x2, "NEWLOCALS"),
        (0x4, "VARARGS"),
        (0x8, "VARKEYWORDS"),
        (0x10, "NESTED"),
        (0x20, "GENERATOR"),
        (0x40, "NOFREE"),
        (0x80, "COROUTINE"),
        (0x100, "ITERABLE_COROUTINE"),
        (0x200, "ASYNC_GENERATOR"),
    ];
    let mut names: Vec<String> = NAMES
        .iter()
        .filter(|(bit, _)| flags & bit != 0)
        .map(|(_, name)| name.to_string())
        .collect();
    let known = NAMES.iter().fold(0, |acc, (bit, _)| acc | bit);
    if flags & !known != 0 {
        names.push(format!("{:#x}", flags & !known));
    }
    names.join(", ")
}
