//! The attributes the built-in types provide from their data rather than from
//! a dict: `__class__`, `__dict__`, a function's `__code__` and `__closure__`, a
//! cell's `cell_contents`, a code object's `co_*`, an exception's `args`, ...
//! (what CPython defines as getset descriptors and members).

use crate::object::exception;
use crate::object::function::BuiltinKind;
use crate::object::typ::{self, TypeData};
use crate::object::Payload;
use crate::ops;
use crate::value::{ObjRef, Value};
use crate::vm::{PyResult, Vm};

fn tuple_of_types(types: &[ObjRef]) -> Value {
    crate::object::tuple::new_tuple(types.iter().cloned().map(Value::Obj).collect())
}

fn str_tuple(vm: &Vm, items: &[String]) -> Value {
    crate::object::tuple::new_tuple(items.iter().map(|s| vm.intern(s)).collect())
}

/// The built-in attribute `name` of `obj`, if it has one.
pub fn builtin_attr(vm: &Vm, obj: &Value, name: &str) -> PyResult<Option<Value>> {
    if name == "__class__" {
        return Ok(Some(Value::Obj(vm.type_of(obj))));
    }
    let Value::Obj(o) = obj else {
        return Ok(number_attr(obj, name));
    };
    if name == "__dict__" {
        let slotted = o
            .explicit_class()
            .is_some_and(|c| c.as_type().is_some_and(|t| t.slots.is_some()));
        if slotted {
            return Ok(None);
        }
        if let Some(d) = &o.dict {
            if !matches!(o.payload, Payload::Exception(_)) || o.has_explicit_class() {
                return Ok(Some(Value::Obj(d.clone())));
            }
        }
    }
    let v = match &o.payload {
        Payload::Type(t) => type_attr(vm, o, t, name),
        Payload::Function(f) => match name {
            "__name__" => Some(f.name.borrow().clone()),
            "__qualname__" => Some(f.qualname.borrow().clone()),
            "__module__" => Some(f.module.borrow().clone()),
            "__doc__" => Some(f.doc.borrow().clone()),
            "__defaults__" => Some(f.defaults.borrow().clone()),
            "__kwdefaults__" => Some(f.kwdefaults.borrow().clone()),
            "__code__" => Some(f.code_object.borrow().clone()),
            "__globals__" => Some(Value::Obj(f.globals.clone())),
            "__builtins__" => Some(Value::Obj(f.builtins.clone())),
            "__closure__" => Some(f.closure.clone().map_or(Value::None, Value::Obj)),
            "__annotations__" => Some(function_annotations(vm, f)?),
            _ => None,
        },
        Payload::BoundMethod(m) => match name {
            "__self__" => Some(m.receiver.clone()),
            // (A built-in method bound to its object has no __func__.)
            "__func__" if matches!(m.func.payload(), Some(Payload::Builtin(_))) => {
                return Err(ops::no_attribute(vm, obj, name))
            }
            "__func__" => Some(m.func.clone()),
            "__name__" | "__qualname__" | "__doc__" | "__module__" => {
                ops::getattr_opt(vm, &m.func, name)?
            }
            _ => None,
        },
        Payload::Builtin(b) => match name {
            "__name__" => Some(vm.intern(b.name)),
            "__objclass__" if b.receiver.is_none() && b.kind != BuiltinKind::Function => {
                b.owner.clone().map(Value::Obj)
            }
            "__qualname__" => Some(match &b.owner {
                Some(owner) => Value::from_string(format!("{}.{}", typ::type_name(owner), b.name)),
                None => vm.intern(b.name),
            }),
            "__self__" => Some(match &b.receiver {
                Some(r) => r.clone(),
                None => Value::Obj(vm.builtins.clone()),
            }),
            "__module__" => Some(match (&b.owner, &b.receiver) {
                (None, Some(Value::Obj(m))) => match &m.payload {
                    Payload::Module(module) => vm.intern(&module.name),
                    _ => Value::None,
                },
                (None, _) => vm.intern("builtins"),
                _ => Value::None,
            }),
            "__doc__" => Some(Value::None),
            _ => None,
        },
        Payload::Cell(c) => match name {
            "cell_contents" => match &*c.borrow() {
                Some(v) => Some(v.clone()),
                None => return Err(vm.value_error("Cell is empty")),
            },
            _ => None,
        },
        Payload::Code(code) => code_attr(vm, code, name),
        Payload::MemoryView(m) => crate::object::memoryview::attr(vm, m, name)?,
        Payload::Exception(d) => exception_attr(vm, obj, d, name),
        Payload::Traceback(tb) => match name {
            "tb_next" => Some(tb.next.clone()),
            "tb_lineno" => Some(Value::Int(tb.lineno() as i64)),
            "tb_lasti" => Some(Value::from(tb.pc * 2)),
            "tb_frame" => Some(Value::Obj(tb.frame.clone())),
            _ => None,
        },
        Payload::Frame(f) => match name {
            "f_code" => Some(crate::object::code::code_value(f.core.code.clone())),
            "f_globals" => Some(Value::Obj(f.core.globals.clone())),
            "f_builtins" => Some(Value::Obj(f.core.builtins.clone())),
            "f_locals" => Some(f.f_locals(vm)?),
            "f_lineno" => Some(Value::Int(f.core.lineno() as i64)),
            "f_lasti" => Some(Value::from(f.core.pc.get().saturating_sub(1) * 2)),
            "f_back" => Some(f.f_back(vm)),
            "f_trace" => Some(Value::None),
            "f_trace_lines" => Some(Value::Bool(true)),
            "f_trace_opcodes" => Some(Value::Bool(false)),
            _ => None,
        },
        Payload::Range(r) => match name {
            "start" => Some(Value::Int(r.start)),
            "stop" => Some(Value::Int(r.stop)),
            "step" => Some(Value::Int(r.step)),
            _ => None,
        },
        Payload::Slice(s) => match name {
            "start" => Some(s[0].clone()),
            "stop" => Some(s[1].clone()),
            "step" => Some(s[2].clone()),
            _ => None,
        },
        Payload::Int(_) | Payload::Float(_) | Payload::Complex(..) => number_attr(obj, name),
        Payload::Property(p) => match name {
            "fget" => Some(p.fget.borrow().clone()),
            "fset" => Some(p.fset.borrow().clone()),
            "fdel" => Some(p.fdel.borrow().clone()),
            "__doc__" => Some(p.doc.borrow().clone()),
            "__isabstractmethod__" => Some(Value::Bool(false)),
            _ => None,
        },
        Payload::ClassMethod(f) | Payload::StaticMethod(f) => match name {
            "__func__" | "__wrapped__" => Some(f.clone()),
            "__isabstractmethod__" => Some(Value::Bool(false)),
            "__name__" | "__qualname__" | "__doc__" | "__module__" => {
                ops::getattr_opt(vm, f, name)?
            }
            _ => None,
        },
        Payload::Super(s) => match name {
            "__thisclass__" => Some(Value::Obj(s.this.clone())),
            "__self__" => Some(s.obj.clone()),
            "__self_class__" => Some(Value::Obj(s.obj_type.clone())),
            _ => None,
        },
        Payload::Generator(_) => generator_attr(vm, obj, name)?,
        Payload::GenericAlias(_) | Payload::Union(_) => {
            return crate::object::alias::alias_attr(vm, obj, name)
        }
        Payload::Module(_) => None,
        _ => None,
    };
    Ok(v)
}

/// `real`, `imag`, `numerator`, `denominator` of numbers.
fn number_attr(v: &Value, name: &str) -> Option<Value> {
    let (real, imag) = crate::object::float::real_imag(v)?;
    match name {
        "real" => Some(real),
        "imag" => Some(imag),
        "numerator" if v.is_int() => Some(real),
        "denominator" if v.is_int() => Some(Value::Int(1)),
        _ => None,
    }
}

fn type_attr(vm: &Vm, o: &ObjRef, t: &TypeData, name: &str) -> Option<Value> {
    match name {
        "__name__" => Some(Value::new_str(&t.name)),
        "__qualname__" => Some(Value::from_string(t.qualname.borrow().clone())),
        "__bases__" => Some(tuple_of_types(&t.bases.borrow())),
        "__base__" => Some(
            t.bases
                .borrow()
                .first()
                .cloned()
                .map_or(Value::None, Value::Obj),
        ),
        "__mro__" => Some(tuple_of_types(&t.mro.borrow())),
        "__module__" if !t.is_heap => Some(vm.intern("builtins")),
        "__doc__" if !t.is_heap => Some(Value::None),
        "__dict__" => o.dict.clone().map(Value::Obj),
        "__basicsize__" => Some(Value::Int(16)),
        "__flags__" => Some(Value::Int(if t.is_heap { 1 << 9 } else { 0 })),
        _ => None,
    }
}

fn code_attr(vm: &Vm, code: &crate::object::code::Code, name: &str) -> Option<Value> {
    let co = &code.co;
    Some(match name {
        "co_name" => code.name.clone(),
        "co_qualname" => code.qualname.clone(),
        "co_filename" => Value::new_str(&code.filename),
        "co_firstlineno" => Value::Int(co.firstlineno as i64),
        "co_argcount" => Value::Int(co.argcount as i64),
        "co_posonlyargcount" => Value::Int(co.posonlyargcount as i64),
        "co_kwonlyargcount" => Value::Int(co.kwonlyargcount as i64),
        "co_nlocals" => Value::from(co.varnames.len()),
        "co_varnames" => str_tuple(vm, &co.varnames),
        "co_cellvars" => str_tuple(vm, &co.cellvars),
        "co_freevars" => str_tuple(vm, &co.freevars),
        "co_names" => str_tuple(vm, &co.names),
        "co_consts" => crate::object::tuple::new_tuple(code.consts.to_vec()),
        "co_flags" => Value::Int(co.flags.0 as i64),
        "co_stacksize" => Value::Int(co.stacksize as i64),
        "co_code" => Value::Obj(crate::object::Object::new(Payload::Bytes(
            pyrite_compiler::dis::code_bytes(co).into_boxed_slice(),
        ))),
        _ => return None,
    })
}

/// A function's `__annotations__`: the compiled (name, value, ...) tuple turned
/// into a dict on first access, as CPython does.
fn function_annotations(vm: &Vm, f: &crate::object::function::Function) -> PyResult<Value> {
    let current = f.annotations.borrow().clone();
    let dict = match current.payload() {
        Some(Payload::Dict(_)) => return Ok(current),
        Some(Payload::Tuple(items)) => {
            let d = crate::object::dict::new_dict_value(crate::object::dict::Dict::new());
            for pair in items.chunks(2) {
                if let [k, v] = pair {
                    ops::dict_set(vm, &d, k.clone(), v.clone())?;
                }
            }
            d
        }
        _ => crate::object::dict::new_dict_value(crate::object::dict::Dict::new()),
    };
    *f.annotations.borrow_mut() = dict.clone();
    Ok(dict)
}

/// Members of the exception classes that default to None.
const EXCEPTION_MEMBERS: &[(&str, &[&str])] = &[
    (
        "SyntaxError",
        &[
            "msg",
            "filename",
            "lineno",
            "offset",
            "text",
            "end_lineno",
            "end_offset",
            "print_file_and_line",
        ],
    ),
    ("OSError", &["errno", "strerror", "filename", "filename2"]),
    ("ImportError", &["msg", "name", "path"]),
    ("NameError", &["name"]),
    ("AttributeError", &["name", "obj"]),
];

fn exception_attr(
    vm: &Vm,
    obj: &Value,
    d: &std::cell::RefCell<exception::ExceptionData>,
    name: &str,
) -> Option<Value> {
    let data = d.borrow();
    let class = vm.type_of(obj);
    let is = |t: &ObjRef| typ::is_subtype(&class, t);
    match name {
        "args" => return Some(crate::object::tuple::new_tuple(data.args.clone())),
        "__traceback__" => return Some(data.traceback.clone()),
        "__cause__" => return Some(data.cause.clone()),
        "__context__" => return Some(data.context.clone()),
        "__suppress_context__" => return Some(Value::Bool(data.suppress_context)),
        "value" if is(&vm.types.stop_iteration) => {
            return Some(data.args.first().cloned().unwrap_or(Value::None))
        }
        "code" if is(&vm.types.system_exit) => {
            return Some(match data.args.len() {
                0 => Value::None,
                1 => data.args[0].clone(),
                _ => crate::object::tuple::new_tuple(data.args.clone()),
            })
        }
        _ => {}
    }
    // Members live in the instance dict once set; until then they are None.
    let in_dict = obj
        .obj()
        .and_then(|o| o.dict.as_ref())
        .and_then(|dict| match &dict.payload {
            Payload::Dict(dd) => dd.borrow().get_str(name),
            _ => None,
        });
    if in_dict.is_some() {
        return None;
    }
    for (class_name, members) in EXCEPTION_MEMBERS {
        if members.contains(&name) && is(vm.types.exception(class_name)) {
            return Some(Value::None);
        }
    }
    None
}

fn generator_attr(vm: &Vm, obj: &Value, name: &str) -> PyResult<Option<Value>> {
    use crate::object::generator as gen;
    let suffix = name
        .strip_prefix("gi_")
        .or_else(|| name.strip_prefix("cr_"))
        .or_else(|| name.strip_prefix("ag_"));
    Ok(match (name, suffix) {
        ("__name__", _) => gen::names(obj).map(|n| n.0),
        ("__qualname__", _) => gen::names(obj).map(|n| n.1),
        (_, Some("running")) => Some(Value::Bool(gen::is_running(obj))),
        (_, Some("code")) => gen::code_of(obj).map(crate::object::code::code_value),
        (_, Some("yieldfrom")) | (_, Some("await")) => Some(gen::yield_from(obj)),
        (_, Some("frame")) => Some(gen::frame_of(vm, obj)?),
        _ => None,
    })
}

/// Sets (or deletes, for `None`) a built-in attribute; `Ok(false)` when `name`
/// is not one.
pub fn set_builtin_attr(vm: &Vm, obj: &Value, name: &str, value: &Option<Value>) -> PyResult<bool> {
    let Value::Obj(o) = obj else {
        return Ok(false);
    };
    if name == "__class__" {
        return set_class(vm, o, value).map(|_| true);
    }
    let readonly = || Err(vm.attribute_error("readonly attribute"));
    match &o.payload {
        Payload::Function(f) => {
            let v = value.clone().unwrap_or(Value::None);
            match name {
                "__name__" | "__qualname__" => {
                    if v.as_str().is_none() {
                        return Err(vm.type_error(format!("{name} must be set to a string object")));
                    }
                    let slot = if name == "__name__" {
                        &f.name
                    } else {
                        &f.qualname
                    };
                    *slot.borrow_mut() = v;
                }
                "__defaults__" => {
                    if !v.is_none() && !matches!(v.payload(), Some(Payload::Tuple(_))) {
                        return Err(vm.type_error("__defaults__ must be set to a tuple object"));
                    }
                    *f.defaults.borrow_mut() = v;
                }
                "__kwdefaults__" => {
                    if !v.is_none() && !matches!(v.payload(), Some(Payload::Dict(_))) {
                        return Err(vm.type_error("__kwdefaults__ must be set to a dict object"));
                    }
                    *f.kwdefaults.borrow_mut() = v;
                }
                "__doc__" => *f.doc.borrow_mut() = v,
                "__module__" => *f.module.borrow_mut() = v,
                "__annotations__" => {
                    if !v.is_none() && !matches!(v.payload(), Some(Payload::Dict(_))) {
                        return Err(vm.type_error("__annotations__ must be set to a dict object"));
                    }
                    *f.annotations.borrow_mut() = v;
                }
                "__code__" => {
                    let new_code = match v.payload() {
                        Some(Payload::Code(code)) => code.clone(),
                        _ => return Err(vm.type_error("__code__ must be set to a code object")),
                    };
                    let frees = f.closure.as_ref().map_or(0, |c| match &c.payload {
                        Payload::Tuple(cells) => cells.len(),
                        _ => 0,
                    });
                    if new_code.nfree != frees {
                        return Err(vm.new_error(
                            &vm.types.value_error,
                            format!(
                                "{}() requires a code object with {} free vars, not {}",
                                ops::str_of(vm, &f.name.borrow())?,
                                frees,
                                new_code.nfree
                            ),
                        ));
                    }
                    *f.code.borrow_mut() = new_code;
                    *f.code_object.borrow_mut() = v;
                }
                "__globals__" | "__closure__" | "__builtins__" | "__dict__" => return readonly(),
                _ => return Ok(false),
            }
            Ok(true)
        }
        Payload::Type(t) => match name {
            "__name__" | "__qualname__" => {
                if !t.is_heap {
                    return Err(vm.type_error(format!(
                        "cannot set '{name}' attribute of immutable type '{}'",
                        t.name
                    )));
                }
                let v = value.clone().unwrap_or(Value::None);
                let Some(s) = v.as_str() else {
                    return Err(vm.type_error(format!(
                        "can only assign string to {}.{name}, not '{}'",
                        t.name,
                        vm.type_name(&v)
                    )));
                };
                if name == "__qualname__" {
                    *t.qualname.borrow_mut() = s.to_string();
                    Ok(true)
                } else {
                    Err(vm.type_error("renaming classes is not supported"))
                }
            }
            "__bases__" | "__mro__" | "__dict__" | "__base__" => readonly(),
            _ => Ok(false),
        },
        Payload::Cell(c) if name == "cell_contents" => {
            *c.borrow_mut() = value.clone();
            Ok(true)
        }
        Payload::Exception(d) => {
            let v = value.clone().unwrap_or(Value::None);
            let is_exc_or_none = |v: &Value| v.is_none() || exception::data(v).is_some();
            match name {
                "args" => {
                    let args = ops::collect_iterable(vm, &v)?;
                    d.borrow_mut().args = args;
                }
                "__traceback__" => {
                    if !v.is_none() && !matches!(v.payload(), Some(Payload::Traceback(_))) {
                        return Err(vm.type_error("__traceback__ must be a traceback or None"));
                    }
                    d.borrow_mut().traceback = v;
                }
                "__cause__" => {
                    if !is_exc_or_none(&v) {
                        return Err(vm.type_error(
                            "exception cause must be None or derive from BaseException",
                        ));
                    }
                    let mut d = d.borrow_mut();
                    d.cause = v;
                    d.suppress_context = true;
                }
                "__context__" => {
                    if !is_exc_or_none(&v) {
                        return Err(vm.type_error(
                            "exception context must be None or derive from BaseException",
                        ));
                    }
                    d.borrow_mut().context = v;
                }
                "__suppress_context__" => {
                    let b = ops::truthy(vm, &v)?;
                    d.borrow_mut().suppress_context = b;
                }
                _ => return Ok(false),
            }
            Ok(true)
        }
        Payload::Property(_) if matches!(name, "fget" | "fset" | "fdel") => readonly(),
        Payload::Slice(_) | Payload::Range(_) if matches!(name, "start" | "stop" | "step") => {
            readonly()
        }
        Payload::Complex(..) if matches!(name, "real" | "imag") => readonly(),
        Payload::Code(_) if name.starts_with("co_") => readonly(),
        Payload::BoundMethod(_) if matches!(name, "__self__" | "__func__") => {
            match not_writable(vm, obj, name) {
                Some(err) => Err(err),
                None => readonly(),
            }
        }
        _ => Ok(false),
    }
}

/// The error for setting a computed attribute that has no setter (CPython's
/// getset descriptors of ints, floats and built-in functions), if `name` is
/// one.
pub fn not_writable(vm: &Vm, obj: &Value, name: &str) -> Option<crate::vm::PyErr> {
    let number = matches!(obj, Value::Int(_) | Value::Bool(_) | Value::Float(_))
        || matches!(obj.payload(), Some(Payload::Int(_) | Payload::Float(_)));
    let builtin_function = match obj.payload() {
        Some(Payload::Builtin(_)) => true,
        Some(Payload::BoundMethod(m)) => matches!(m.func.payload(), Some(Payload::Builtin(_))),
        _ => false,
    };
    // (Named for the type that defines them.)
    let owner = match obj {
        _ if number && matches!(obj, Value::Float(_)) => "float",
        _ if number && matches!(obj.payload(), Some(Payload::Float(_))) => "float",
        _ if number => "int",
        _ => "builtin_function_or_method",
    };
    let computed = if number {
        matches!(name, "real" | "imag" | "numerator" | "denominator")
    } else {
        builtin_function && matches!(name, "__self__" | "__name__" | "__qualname__")
    };
    (computed && !obj.obj().is_some_and(|o| o.has_explicit_class())).then(|| {
        vm.attribute_error(format!(
            "attribute '{name}' of '{owner}' objects is not writable"
        ))
    })
}

/// `obj.__class__ = cls`: allowed between heap classes with the same layout.
fn set_class(vm: &Vm, o: &ObjRef, value: &Option<Value>) -> PyResult<()> {
    let Some(Value::Obj(new_class)) = value else {
        return Err(vm.type_error("can't delete __class__ attribute"));
    };
    let Some(new_data) = new_class.as_type() else {
        return Err(vm.type_error(format!(
            "__class__ must be set to a class, not '{}' object",
            vm.type_name(&Value::Obj(new_class.clone()))
        )));
    };
    let old = vm.type_of_obj(o);
    let old_data = old.as_type().expect("a type");
    if !old_data.is_heap || !new_data.is_heap || old_data.kind != new_data.kind {
        return Err(vm.type_error(
            "__class__ assignment only supported for mutable types or ModuleType subclasses",
        ));
    }
    o.set_class(new_class.clone());
    Ok(())
}
