//! Callables: Python functions, bound methods, built-in functions and methods,
//! and the descriptors `property`, `classmethod`, `staticmethod`.

use std::cell::RefCell;
use std::rc::Rc;

use super::code::Code;
use super::{Object, Payload};
use crate::value::{ObjRef, Value};
use crate::vm::{PyResult, Vm};

/// A function made by `def` or `lambda`.
pub struct Function {
    /// The code a call runs; `__code__` may replace it.
    pub code: RefCell<Rc<Code>>,
    /// The code object `__code__` returns (the same object each time).
    pub code_object: RefCell<Value>,
    /// The module's globals dict (`__globals__`).
    pub globals: ObjRef,
    pub builtins: ObjRef,
    pub name: RefCell<Value>,
    pub qualname: RefCell<Value>,
    /// `__defaults__`: a tuple, or None.
    pub defaults: RefCell<Value>,
    /// `__kwdefaults__`: a dict, or None.
    pub kwdefaults: RefCell<Value>,
    /// `__closure__`: a tuple of cells, or None.
    pub closure: Option<ObjRef>,
    /// `__annotations__`: a dict, or a tuple of (name, value) pairs until first
    /// read, or None.
    pub annotations: RefCell<Value>,
    pub module: RefCell<Value>,
    pub doc: RefCell<Value>,
}

impl Function {
    /// How many `__defaults__` there are.
    pub fn ndefaults(&self) -> usize {
        match self.defaults.borrow().payload() {
            Some(Payload::Tuple(items)) => items.len(),
            _ => 0,
        }
    }
}

/// A function bound to the object it was looked up on.
pub struct BoundMethod {
    pub func: Value,
    pub receiver: Value,
}

/// Arguments as a call passes them: positional values, then keyword names (str
/// objects) and their values, in call order.
#[derive(Clone, Copy)]
pub struct Args<'a> {
    pub pos: &'a [Value],
    pub kw_names: &'a [Value],
    pub kw_values: &'a [Value],
}

pub type NativeFn = fn(&Vm, Args) -> PyResult<Value>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BuiltinKind {
    /// A module-level function (`len`, `print`).
    Function,
    /// A method of a built-in type: binds to the instance it is looked up on.
    Method,
    /// Receives the class as first argument wherever it is looked up.
    ClassMethod,
}

pub struct Builtin {
    pub name: &'static str,
    pub func: NativeFn,
    pub kind: BuiltinKind,
    /// The type a method belongs to (for `repr` and for checking `self`).
    pub owner: Option<ObjRef>,
    /// Bound receiver (the module for module functions, the class for class
    /// methods looked up on it).
    pub receiver: Option<Value>,
    /// Called from Python code, it works on the caller's frame
    /// (`builtins::call_frame_builtin`: `locals()`, `exec`, ...).
    pub uses_frame: bool,
}

/// The names of the functions `builtins::call_frame_builtin` runs on the
/// caller's frame.
const FRAME_FUNCTIONS: [&str; 6] = ["locals", "vars", "globals", "dir", "exec", "eval"];

impl Builtin {
    pub fn owner_is(&self, t: &ObjRef) -> bool {
        self.owner.as_ref().is_some_and(|o| Rc::ptr_eq(o, t))
    }
}

pub struct Property {
    pub fget: RefCell<Value>,
    pub fset: RefCell<Value>,
    pub fdel: RefCell<Value>,
    pub doc: RefCell<Value>,
    /// The attribute name `__set_name__` gave it (for error messages).
    pub name: RefCell<Value>,
}

impl Property {
    fn new(fget: Value, fset: Value, fdel: Value, doc: Value) -> Property {
        Property {
            fget: RefCell::new(fget),
            fset: RefCell::new(fset),
            fdel: RefCell::new(fdel),
            doc: RefCell::new(doc),
            name: RefCell::new(Value::None),
        }
    }

    /// "property 'x'", or "property" when it has no name.
    pub fn describe(&self) -> String {
        match self.name.borrow().as_str() {
            Some(name) => format!("property '{name}'"),
            None => "property".to_string(),
        }
    }
}

impl<'a> Args<'a> {
    pub fn positional(pos: &'a [Value]) -> Args<'a> {
        Args {
            pos,
            kw_names: &[],
            kw_values: &[],
        }
    }

    pub fn has_kwargs(&self) -> bool {
        !self.kw_names.is_empty()
    }

    /// Exactly `N` positional arguments and no keywords.
    pub fn exact<const N: usize>(&self, vm: &Vm, name: &str) -> PyResult<&'a [Value; N]> {
        self.no_kwargs(vm, name)?;
        self.pos.try_into().map_err(|_| {
            let given = self.pos.len();
            // Methods count their receiver; CPython's messages do not.
            if N == 1 {
                vm.type_error(format!(
                    "{name}() takes no arguments ({} given)",
                    given.saturating_sub(1)
                ))
            } else if N == 2 {
                vm.type_error(format!(
                    "{name}() takes exactly one argument ({} given)",
                    given.saturating_sub(1)
                ))
            } else {
                vm.type_error(format!(
                    "{name} expected {} arguments, got {}",
                    N - 1,
                    given.saturating_sub(1)
                ))
            }
        })
    }

    pub fn no_kwargs(&self, vm: &Vm, name: &str) -> PyResult<()> {
        if self.kw_names.is_empty() {
            Ok(())
        } else {
            Err(vm.type_error(format!("{name}() takes no keyword arguments")))
        }
    }

    /// Between `min` and `max` positional arguments, and no keywords.
    pub fn count(&self, vm: &Vm, name: &str, min: usize, max: usize) -> PyResult<&'a [Value]> {
        self.no_kwargs(vm, name)?;
        self.count_kw(vm, name, min, max)
    }

    /// `count` for a method: `min` and `max` include `self`, which the
    /// error messages leave out, as CPython's do ("index expected at least 1
    /// argument, got 0").
    pub fn count_method(
        &self,
        vm: &Vm,
        name: &str,
        min: usize,
        max: usize,
    ) -> PyResult<&'a [Value]> {
        self.no_kwargs(vm, name)?;
        let n = self.pos.len();
        if (min..=max).contains(&n) || n == 0 || min == 0 {
            return self.count_kw(vm, name, min, max);
        }
        let without_self = Args {
            pos: &self.pos[1..],
            kw_names: &[],
            kw_values: &[],
        };
        without_self.count_kw(vm, name, min - 1, max - 1)?;
        self.count_kw(vm, name, min, max)
    }

    /// Between `min` and `max` positional arguments, for functions that also
    /// take keywords (checked by the caller).
    pub fn count_kw(&self, vm: &Vm, name: &str, min: usize, max: usize) -> PyResult<&'a [Value]> {
        let n = self.pos.len();
        if n < min {
            return Err(if min == max && min == 1 {
                vm.type_error(format!("{name}() takes exactly one argument ({n} given)"))
            } else if min == max {
                vm.type_error(format!("{name} expected {min} arguments, got {n}"))
            } else {
                vm.type_error(format!(
                    "{name} expected at least {min} argument{}, got {n}",
                    if min == 1 { "" } else { "s" }
                ))
            });
        }
        if n > max {
            return Err(if max == 0 {
                vm.type_error(format!("{name}() takes no arguments ({n} given)"))
            } else if min == max && max == 1 {
                vm.type_error(format!("{name}() takes exactly one argument ({n} given)"))
            } else if min == max {
                vm.type_error(format!("{name} expected {max} arguments, got {n}"))
            } else {
                vm.type_error(format!(
                    "{name} expected at most {max} argument{}, got {n}",
                    if max == 1 { "" } else { "s" }
                ))
            });
        }
        Ok(self.pos)
    }

    /// The value of a keyword argument, if given.
    pub fn kwarg(&self, name: &str) -> Option<&'a Value> {
        self.kw_names
            .iter()
            .position(|k| k.as_str() == Some(name))
            .map(|i| &self.kw_values[i])
    }

    /// Fails on keyword arguments other than `allowed`.
    pub fn only_kwargs(&self, vm: &Vm, fname: &str, allowed: &[&str]) -> PyResult<()> {
        self.check_keywords(vm, allowed, |k| {
            format!("{fname}() got an unexpected keyword argument '{k}'")
        })
    }

    /// Fails unless every keyword is one of `allowed`, with the message of
    /// CPython's argument parser for `fname()`'s keywords.
    pub fn only_keywords(&self, vm: &Vm, fname: &str, allowed: &[&str]) -> PyResult<()> {
        self.check_keywords(vm, allowed, |k| {
            format!("'{k}' is an invalid keyword argument for {fname}()")
        })
    }

    fn check_keywords(
        &self,
        vm: &Vm,
        allowed: &[&str],
        message: impl Fn(&str) -> String,
    ) -> PyResult<()> {
        match self
            .kw_names
            .iter()
            .map(|k| k.as_str().unwrap_or(""))
            .find(|k| !allowed.contains(k))
        {
            Some(k) => Err(vm.type_error(message(k))),
            None => Ok(()),
        }
    }

    /// The receiver and the arguments after it.
    pub fn split_first(&self, vm: &Vm, name: &str) -> PyResult<(Value, Args<'a>)> {
        match self.pos.split_first() {
            Some((first, rest)) => Ok((
                first.clone(),
                Args {
                    pos: rest,
                    kw_names: self.kw_names,
                    kw_values: self.kw_values,
                },
            )),
            None => Err(vm.type_error(format!("{name}() needs an argument"))),
        }
    }
}

fn builtin_value(
    name: &'static str,
    func: NativeFn,
    kind: BuiltinKind,
    owner: Option<ObjRef>,
) -> Value {
    let uses_frame =
        kind == BuiltinKind::Function && owner.is_none() && FRAME_FUNCTIONS.contains(&name);
    Value::Obj(Object::new(Payload::Builtin(Box::new(Builtin {
        name,
        func,
        kind,
        owner,
        receiver: None,
        uses_frame,
    }))))
}

/// A module-level built-in function.
pub fn new_builtin_function(name: &'static str, func: NativeFn, module: Option<Value>) -> Value {
    Value::Obj(Object::new(Payload::Builtin(Box::new(Builtin {
        name,
        func,
        kind: BuiltinKind::Function,
        owner: None,
        receiver: module,
        uses_frame: FRAME_FUNCTIONS.contains(&name),
    }))))
}

/// Adds a method (receives the instance first) to a built-in type.
pub fn add_method(vm: &Vm, t: &ObjRef, name: &'static str, func: NativeFn) {
    let method = builtin_value(name, func, BuiltinKind::Method, Some(t.clone()));
    crate::ops::set_attr_in_dict(vm, t, name, method);
}

/// Adds a class method (receives the class first).
pub fn add_classmethod(vm: &Vm, t: &ObjRef, name: &'static str, func: NativeFn) {
    let method = builtin_value(name, func, BuiltinKind::ClassMethod, Some(t.clone()));
    crate::ops::set_attr_in_dict(vm, t, name, method);
}

/// Adds a static method (no implicit first argument), such as `__new__`.
pub fn add_static(vm: &Vm, t: &ObjRef, name: &'static str, func: NativeFn) {
    let f = builtin_value(name, func, BuiltinKind::Function, Some(t.clone()));
    let method = Value::Obj(Object::new(Payload::StaticMethod(f)));
    crate::ops::set_attr_in_dict(vm, t, name, method);
}

pub fn new_bound_method(func: Value, receiver: Value) -> Value {
    Value::Obj(Object::new(Payload::BoundMethod(Box::new(BoundMethod {
        func,
        receiver,
    }))))
}

pub fn new_cell(value: Option<Value>) -> ObjRef {
    Object::new(Payload::Cell(RefCell::new(value)))
}

/// The methods of `property`, `classmethod` and `staticmethod`.
pub fn register(vm: &Vm) {
    // Cells compare by contents, so they are unhashable, as in CPython.
    let cell = &vm.types.cell;
    for name in ["__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"] {
        add_method(vm, cell, name, crate::ops::compare_dunder(name));
    }
    crate::ops::set_attr_in_dict(vm, cell, "__hash__", Value::None);
    let property = &vm.types.property;
    add_static(vm, property, "__new__", |vm, args| {
        let (cls, _) = args.split_first(vm, "property.__new__")?;
        let payload = Payload::Property(Box::new(Property::new(
            Value::None,
            Value::None,
            Value::None,
            Value::None,
        )));
        match &cls {
            Value::Obj(c) if !Rc::ptr_eq(c, &vm.types.property) => Ok(Value::Obj(
                Object::with_class(payload, c.clone(), Some(super::new_dict_object())),
            )),
            _ => Ok(Value::Obj(Object::new(payload))),
        }
    });
    add_method(vm, property, "__init__", property_init);
    add_method(vm, property, "__get__", |vm, args| {
        let pos = args.count(vm, "__get__", 2, 3)?;
        crate::ops::descriptor_get(
            vm,
            &pos[0],
            Some(&pos[1]).filter(|o| !o.is_none()),
            pos.get(2),
        )
    });
    add_method(vm, property, "__set_name__", |vm, args| {
        let [this, _, name] = args.exact::<3>(vm, "__set_name__")?;
        if let Some(Payload::Property(p)) = this.payload() {
            *p.name.borrow_mut() = name.clone();
        }
        Ok(Value::None)
    });
    add_method(vm, property, "getter", |vm, args| {
        property_copy(vm, args, 0)
    });
    add_method(vm, property, "setter", |vm, args| {
        property_copy(vm, args, 1)
    });
    add_method(vm, property, "deleter", |vm, args| {
        property_copy(vm, args, 2)
    });

    add_method(vm, &vm.types.function, "__get__", |vm, args| {
        let pos = args.count(vm, "__get__", 2, 3)?;
        if pos[1].is_none() && pos.get(2).is_none_or(|t| t.is_none()) {
            return Err(vm.type_error("__get__(None, None) is invalid"));
        }
        Ok(if pos[1].is_none() {
            pos[0].clone()
        } else {
            new_bound_method(pos[0].clone(), pos[1].clone())
        })
    });
    for t in [
        &vm.types.function,
        &vm.types.method,
        &vm.types.builtin_function,
        &vm.types.method_descriptor,
        &vm.types.wrapper_descriptor,
        &vm.types.method_wrapper,
        &vm.types.classmethod_descriptor,
    ] {
        add_method(vm, t, "__call__", |vm, args| {
            let (f, rest) = args.split_first(vm, "__call__")?;
            crate::ops::call(vm, &f, rest)
        });
    }
    add_static(vm, &vm.types.method, "__new__", |vm, args| {
        if !args.kw_names.is_empty() {
            return Err(vm.type_error("method() takes no keyword arguments"));
        }
        let [_, func, receiver] = args.pos else {
            return Err(vm.type_error(format!(
                "method expected 2 arguments, got {}",
                args.pos.len().saturating_sub(1)
            )));
        };
        if !crate::builtins::callable(vm, func) {
            return Err(vm.type_error("first argument must be callable"));
        }
        if receiver.is_none() {
            return Err(vm.type_error("instance must not be None"));
        }
        Ok(new_bound_method(func.clone(), receiver.clone()))
    });
    for t in [
        &vm.types.method_descriptor,
        &vm.types.wrapper_descriptor,
        &vm.types.classmethod_descriptor,
    ] {
        add_method(vm, t, "__get__", |vm, args| {
            let pos = args.count(vm, "__get__", 2, 3)?;
            if pos[1].is_none() && pos.get(2).is_none_or(|t| t.is_none()) {
                return Err(vm.type_error("__get__(None, None) is invalid"));
            }
            crate::ops::descriptor_get(
                vm,
                &pos[0],
                Some(&pos[1]).filter(|o| !o.is_none()),
                pos.get(2).filter(|t| !t.is_none()),
            )
        });
    }
    for t in [
        &vm.types.method,
        &vm.types.builtin_function,
        &vm.types.method_wrapper,
    ] {
        add_method(vm, t, "__eq__", |vm, args| {
            let [a, b] = args.exact::<2>(vm, "__eq__")?;
            match (a.payload(), b.payload()) {
                (Some(Payload::BoundMethod(x)), Some(Payload::BoundMethod(y))) => Ok(Value::Bool(
                    x.receiver.is(&y.receiver) && crate::ops::eq(vm, &x.func, &y.func)?,
                )),
                (Some(Payload::Builtin(_)), Some(Payload::Builtin(_))) => Ok(Value::Bool(
                    a.is(b) || crate::ops::native_eq(a, b) == Some(true),
                )),
                _ => Ok(crate::ops::not_implemented(vm)),
            }
        });
        add_method(vm, t, "__hash__", |vm, args| {
            let [m] = args.exact::<1>(vm, "__hash__")?;
            crate::ops::hash(vm, m).map(Value::Int)
        });
    }

    let classmethod = &vm.types.classmethod;
    add_static(vm, classmethod, "__new__", |vm, args| {
        Ok(Value::Obj(Object::new(Payload::ClassMethod(
            wrapped_callable(vm, &args, "classmethod")?,
        ))))
    });
    add_method(vm, classmethod, "__init__", |_, _| Ok(Value::None));
    add_static(vm, &vm.types.function, "__new__", function_new);
    // module(name, doc=None): __new__ makes an empty module (of the class, for a
    // subclass); __init__ sets its name and doc.
    add_static(vm, &vm.types.module, "__new__", |vm, args| {
        let (cls, _) = args.split_first(vm, "module.__new__")?;
        let module = crate::module::new_module("");
        match &cls {
            Value::Obj(c) if !Rc::ptr_eq(c, &vm.types.module) => {
                Ok(Value::Obj(Object::with_class(
                    Payload::Module(Box::new(super::Module {
                        name: String::new(),
                    })),
                    c.clone(),
                    module.dict.clone(),
                )))
            }
            _ => Ok(Value::Obj(module)),
        }
    });
    add_method(vm, &vm.types.module, "__init__", |vm, args| {
        let (this, rest) = args.split_first(vm, "module")?;
        rest.only_kwargs(vm, "module", &["name", "doc"])?;
        if rest.pos.len() > 2 {
            return Err(vm.type_error(format!(
                "module() takes at most 2 arguments ({} given)",
                rest.pos.len()
            )));
        }
        let Some(name) = rest.pos.first().or_else(|| rest.kwarg("name")) else {
            return Err(vm.type_error("module() missing required argument 'name' (pos 1)"));
        };
        if name.as_str().is_none() {
            return Err(vm.type_error(format!(
                "module() argument 'name' must be str, not {}",
                vm.type_name(name)
            )));
        }
        let doc = rest.pos.get(1).or_else(|| rest.kwarg("doc")).cloned();
        if let Value::Obj(m) = &this {
            crate::module::set_attr(vm, m, "__name__", name.clone());
            crate::module::set_attr(vm, m, "__doc__", doc.unwrap_or(Value::None));
        }
        Ok(Value::None)
    });
    add_static(vm, &vm.types.cell, "__new__", |vm, args| {
        args.no_kwargs(vm, "cell")?;
        match args.pos {
            [_] => Ok(Value::Obj(new_cell(None))),
            [_, v] => Ok(Value::Obj(new_cell(Some(v.clone())))),
            _ => Err(vm.type_error(format!(
                "cell expected at most 1 argument, got {}",
                args.pos.len().saturating_sub(1)
            ))),
        }
    });
    for t in [&vm.types.classmethod, &vm.types.staticmethod] {
        add_method(vm, t, "__get__", |vm, args| {
            let pos = args.count(vm, "__get__", 2, 3)?;
            if pos[1].is_none() && pos.get(2).is_none_or(|t| t.is_none()) {
                return Err(vm.type_error("__get__(None, None) is invalid"));
            }
            crate::ops::descriptor_get(
                vm,
                &pos[0],
                Some(&pos[1]).filter(|o| !o.is_none()),
                pos.get(2).filter(|t| !t.is_none()),
            )
        });
    }
    let staticmethod = &vm.types.staticmethod;
    add_static(vm, staticmethod, "__new__", |vm, args| {
        Ok(Value::Obj(Object::new(Payload::StaticMethod(
            wrapped_callable(vm, &args, "staticmethod")?,
        ))))
    });
    add_method(vm, staticmethod, "__init__", |_, _| Ok(Value::None));
    add_method(vm, staticmethod, "__call__", |vm, args| {
        let (sm, rest) = args.split_first(vm, "__call__")?;
        match sm.payload() {
            Some(Payload::StaticMethod(f)) => crate::ops::call(vm, f, rest),
            _ => Err(vm.type_error("expected a staticmethod")),
        }
    });
}

/// `types.FunctionType(code, globals, name=None, argdefs=None, closure=None)`.
fn function_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, rest) = args.split_first(vm, "function")?;
    const NAMES: [&str; 5] = ["code", "globals", "name", "argdefs", "closure"];
    rest.only_kwargs(vm, "function", &NAMES)?;
    if rest.pos.len() > 5 {
        return Err(vm.type_error(format!(
            "function() takes at most 5 arguments ({} given)",
            rest.pos.len() + rest.kw_names.len()
        )));
    }
    let arg = |i: usize| rest.pos.get(i).or_else(|| rest.kwarg(NAMES[i])).cloned();
    let Some(code_value) = arg(0) else {
        return Err(vm.type_error("function() missing required argument 'code' (pos 1)"));
    };
    let Some(globals) = arg(1) else {
        return Err(vm.type_error("function() missing required argument 'globals' (pos 2)"));
    };
    let Some(Payload::Code(code)) = code_value.payload() else {
        return Err(vm.type_error(format!(
            "function() argument 'code' must be code, not {}",
            vm.type_name(&code_value)
        )));
    };
    let (Value::Obj(globals_obj), Some(Payload::Dict(_))) = (&globals, globals.payload()) else {
        return Err(vm.type_error(format!(
            "function() argument 'globals' must be dict, not {}",
            vm.type_name(&globals)
        )));
    };
    let name = match arg(2).filter(|n| !n.is_none()) {
        None => code.name.clone(),
        Some(n) if n.as_str().is_some() => n,
        Some(_) => return Err(vm.type_error("arg 3 (name) must be None or string")),
    };
    let defaults = match arg(3).filter(|d| !d.is_none()) {
        None => Value::None,
        Some(d) if matches!(d.payload(), Some(Payload::Tuple(_))) => d,
        Some(_) => return Err(vm.type_error("arg 4 (defaults) must be None or tuple")),
    };
    let nfree = code.co.freevars.len();
    let closure = match arg(4).filter(|c| !c.is_none()) {
        None if nfree > 0 => return Err(vm.type_error("arg 5 (closure) must be tuple")),
        None => None,
        Some(c) => {
            let Some(Payload::Tuple(cells)) = c.payload() else {
                return Err(vm.type_error("arg 5 (closure) must be tuple"));
            };
            if cells.len() != nfree {
                return Err(vm.value_error(format!(
                    "{} requires closure of length {nfree}, not {}",
                    code.name.as_str().unwrap_or("?"),
                    cells.len()
                )));
            }
            if let Some(bad) = cells
                .iter()
                .find(|c| !matches!(c.payload(), Some(Payload::Cell(_))))
            {
                return Err(vm.type_error(format!(
                    "arg 5 (closure) expected cell, found {}",
                    vm.type_name(bad)
                )));
            }
            c.obj().cloned()
        }
    };
    let doc = match code.consts.first() {
        Some(v) if v.as_str().is_some() => v.clone(),
        _ => Value::None,
    };
    let module = match globals.payload() {
        Some(Payload::Dict(d)) => d.borrow().get_str("__name__").unwrap_or(Value::None),
        _ => Value::None,
    };
    let func = Function {
        name: RefCell::new(name),
        qualname: RefCell::new(code.qualname.clone()),
        code: RefCell::new(code.clone()),
        code_object: RefCell::new(code_value.clone()),
        globals: globals_obj.clone(),
        builtins: crate::interp::builtins_for(vm, globals_obj),
        defaults: RefCell::new(defaults),
        kwdefaults: RefCell::new(Value::None),
        closure,
        annotations: RefCell::new(Value::None),
        module: RefCell::new(module),
        doc: RefCell::new(doc),
    };
    Ok(Value::Obj(Object::with_dict(
        Payload::Function(Box::new(func)),
        super::new_dict_object(),
    )))
}

/// The one argument of `classmethod(f)` / `staticmethod(f)` (after the class).
fn wrapped_callable(vm: &Vm, args: &Args, name: &str) -> PyResult<Value> {
    if !args.kw_names.is_empty() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    match args.pos {
        [_, f] => Ok(f.clone()),
        _ => Err(vm.type_error(format!(
            "{name} expected 1 argument, got {}",
            args.pos.len().saturating_sub(1)
        ))),
    }
}

fn property_init(vm: &Vm, args: Args) -> PyResult<Value> {
    let (this, rest) = args.split_first(vm, "property")?;
    rest.only_kwargs(vm, "property", &["fget", "fset", "fdel", "doc"])?;
    if rest.pos.len() > 4 {
        return Err(vm.type_error(format!(
            "property() takes at most 4 arguments ({} given)",
            rest.pos.len() + rest.kw_names.len()
        )));
    }
    let get = |i: usize, name: &str| {
        rest.pos
            .get(i)
            .or_else(|| rest.kwarg(name))
            .cloned()
            .unwrap_or(Value::None)
    };
    let Some(Payload::Property(p)) = this.payload() else {
        return Err(vm.type_error("descriptor '__init__' requires a 'property' object"));
    };
    let fget = get(0, "fget");
    let mut doc = get(3, "doc");
    if doc.is_none() && !fget.is_none() {
        doc = crate::ops::getattr_opt(vm, &fget, "__doc__")?.unwrap_or(Value::None);
    }
    *p.fget.borrow_mut() = fget;
    *p.fset.borrow_mut() = get(1, "fset");
    *p.fdel.borrow_mut() = get(2, "fdel");
    *p.doc.borrow_mut() = doc;
    Ok(Value::None)
}

fn property_copy(vm: &Vm, args: Args, which: usize) -> PyResult<Value> {
    let [this, func] = args.exact::<2>(vm, "setter")?;
    let Some(Payload::Property(p)) = this.payload() else {
        return Err(vm.type_error("descriptor requires a 'property' object"));
    };
    let mut fields = [
        p.fget.borrow().clone(),
        p.fset.borrow().clone(),
        p.fdel.borrow().clone(),
        p.doc.borrow().clone(),
    ];
    fields[which] = func.clone();
    let [fget, fset, fdel, doc] = fields;
    let copy = Property::new(fget, fset, fdel, doc);
    *copy.name.borrow_mut() = p.name.borrow().clone();
    Ok(Value::Obj(Object::new(Payload::Property(Box::new(copy)))))
}
