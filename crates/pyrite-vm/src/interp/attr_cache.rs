//! Inline caches for the attribute instructions: `LOAD_ATTR`, `STORE_ATTR`
//! and `LOAD_METHOD` remember, per instruction, what the class of the last
//! object they met said about the name, so that the next access to an object
//! of the same class skips the MRO walk and the descriptor checks (CPython
//! 3.11 specialises the same instructions for the same cases:
//! `LOAD_ATTR_INSTANCE_VALUE`, `LOAD_METHOD_WITH_VALUES`,
//! `STORE_ATTR_INSTANCE_VALUE`, ...).
//!
//! An entry holds while its class is the object's class and the type cache's
//! epoch has not moved: the epoch moves whenever any class namespace changes
//! or a class dies, which covers every fact an entry relies on (the class's
//! `__getattribute__` and `__setattr__`, its attribute for the name, that
//! attribute's type being a descriptor or not). Whatever an entry cannot
//! decide goes to the general protocol in `ops`, which also refills it.
//!
//! Only names that are not `__dunder__` are cached: the special names are the
//! ones objects answer natively (`__class__`, `__dict__`, ...).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::object::function::{new_bound_method, BuiltinKind};
use crate::object::typ::lookup;
use crate::object::{type_cache, Payload};
use crate::ops;
use crate::value::{ObjRef, Value};
use crate::vm::{PyResult, Vm};

/// The cache of one instruction: what up to `WAYS` classes said, the most
/// recent first (methods inherited by several subclasses make many sites
/// see several classes).
#[derive(Default)]
pub struct AttrCache {
    entries: Vec<Entry>,
    /// Where in the instance dict the name was last found.
    hint: Cell<u32>,
}

const WAYS: usize = 8;

struct Entry {
    /// The address of the class the entry describes.
    class: usize,
    epoch: u64,
    kind: Kind,
}

enum Kind {
    /// An instance of a Python class whose `__getattribute__` is object's,
    /// and whose attribute for the name is not a descriptor: the instance
    /// dict decides, then the class attribute (None: the class has none).
    InstanceValue(Option<Value>),
    /// As above, with a Python function as the class attribute: a bound
    /// method unless the instance dict has the name.
    InstanceMethod(Value),
    /// A Python class (of metaclass `type`) whose own attribute is a function
    /// or a plain value: the attribute itself.
    ClassValue(Value),
    /// An instance of a Python class whose `__getattribute__` is object's,
    /// and whose attribute for the name is a `property`: its getter decides.
    Property(Value),
    /// `LOAD_METHOD` of a method (a Python function or a built-in method)
    /// found on the class of a plain object: the unbound method, unless the
    /// instance dict shadows it.
    Method(Value),
    /// `STORE_ATTR` into the instance dict of an instance of a Python class
    /// with object's `__setattr__`, no `__slots__` and no data descriptor for
    /// the name.
    StoreInDict,
}

pub type Slot = RefCell<AttrCache>;

fn is_special(name: &str) -> bool {
    name.len() > 4 && name.starts_with("__") && name.ends_with("__")
}

/// Is `v`, found as a class attribute, free of `__get__`/`__set__`/
/// `__delete__`, so that it is the attribute's value as it stands?
fn is_plain(vm: &Vm, v: &Value) -> bool {
    match v.payload() {
        Some(
            Payload::Function(_)
            | Payload::Builtin(_)
            | Payload::Property(_)
            | Payload::ClassMethod(_)
            | Payload::StaticMethod(_),
        ) => false,
        Some(_) if v.obj().is_some_and(|o| o.has_explicit_class()) => {
            let t = vm.type_of(v);
            lookup(&t, "__get__").is_none()
                && lookup(&t, "__set__").is_none()
                && lookup(&t, "__delete__").is_none()
        }
        _ => true,
    }
}

/// Does this class keep object's `__getattribute__` (or `__setattr__`)?
fn default_hook(vm: &Vm, class: &ObjRef, hook: &str) -> bool {
    match lookup(class, hook) {
        Some(f) => {
            matches!(f.payload(), Some(Payload::Builtin(b)) if b.owner_is(&vm.types.object))
        }
        None => true,
    }
}

impl AttrCache {
    #[inline]
    fn current(&self, class: usize) -> Option<&Kind> {
        let epoch = type_cache::epoch();
        let matches = |e: &&Entry| e.class == class && e.epoch == epoch;
        // Most sites only ever see one class: try the latest first, inline.
        match self.entries.first() {
            Some(e) if matches(&e) => Some(&e.kind),
            _ => self.entries.iter().skip(1).find(matches).map(|e| &e.kind),
        }
    }

    fn fill(&mut self, class: &ObjRef, kind: Kind) {
        let epoch = type_cache::epoch();
        let class = Rc::as_ptr(class) as usize;
        self.entries
            .retain(|e| e.epoch == epoch && e.class != class);
        if self.entries.len() == WAYS {
            self.entries.pop();
        }
        self.entries.insert(0, Entry { class, epoch, kind });
    }
}

/// What `load_attr` found.
pub enum Loaded {
    /// The attribute's value.
    Value(Value),
    /// A property's getter, a Python function, for the eval loop to call
    /// with the object (it runs it as it runs a call).
    Getter(Value),
}

/// `obj.name`.
pub fn load_attr(vm: &Vm, slot: &Slot, obj: &Value, name: &Value) -> PyResult<Loaded> {
    if let Value::Obj(o) = obj {
        match &o.payload {
            Payload::Instance => {
                if let Some(class) = o.class_address() {
                    let cache = slot.borrow();
                    if let Some(kind) = cache.current(class) {
                        if let Kind::Property(p) = kind {
                            let p = p.clone();
                            drop(cache);
                            if let Some(getter) = python_getter(&p) {
                                return Ok(Loaded::Getter(getter));
                            }
                            return ops::descriptor_get(vm, &p, Some(obj), None).map(Loaded::Value);
                        }
                        let own = ops::dict_of(o)
                            .and_then(|d| d.borrow().get_name_hinted(name, &cache.hint));
                        match (own, kind) {
                            (Some(v), _) => return Ok(Loaded::Value(v)),
                            (None, Kind::InstanceValue(Some(v))) => {
                                return Ok(Loaded::Value(v.clone()))
                            }
                            (None, Kind::InstanceMethod(f)) => {
                                return Ok(Loaded::Value(new_bound_method(f.clone(), obj.clone())))
                            }
                            _ => {}
                        }
                    }
                }
            }
            Payload::Type(_) if !o.has_explicit_class() => {
                let cache = slot.borrow();
                if let Some(Kind::ClassValue(v)) = cache.current(Rc::as_ptr(o) as usize) {
                    return Ok(Loaded::Value(v.clone()));
                }
            }
            Payload::Module(_) if !o.has_explicit_class() => {
                if let Some(v) = ops::dict_of(o).and_then(|d| d.borrow().get_name(name)) {
                    return Ok(Loaded::Value(v));
                }
            }
            _ => {}
        }
    }
    let name_str = name.as_str().unwrap_or("");
    let result = ops::getattr(vm, obj, name_str)?;
    if !is_special(name_str) {
        if let Some(kind) = load_kind(vm, obj, name_str) {
            let key = match obj {
                Value::Obj(o) if o.as_type().is_some() => o.clone(),
                _ => vm.type_of(obj),
            };
            slot.borrow_mut().fill(&key, kind);
        }
    }
    Ok(Loaded::Value(result))
}

/// The getter of an exact `property`, if it is a Python function.
fn python_getter(property: &Value) -> Option<Value> {
    let Some(Payload::Property(p)) = property.payload() else {
        return None;
    };
    let getter = p.fget.borrow();
    matches!(getter.payload(), Some(Payload::Function(_))).then(|| getter.clone())
}

/// What `load_attr` may remember about `obj.name`.
fn load_kind(vm: &Vm, obj: &Value, name: &str) -> Option<Kind> {
    let Value::Obj(o) = obj else { return None };
    match &o.payload {
        Payload::Instance => {
            let class = o.explicit_class()?;
            if !class.as_type()?.is_heap || o.dict.is_none() {
                return None;
            }
            if !default_hook(vm, &class, "__getattribute__") {
                return None;
            }
            match lookup(&class, name) {
                None => Some(Kind::InstanceValue(None)),
                Some(f) if matches!(f.payload(), Some(Payload::Function(_))) => {
                    Some(Kind::InstanceMethod(f))
                }
                Some(v) if is_plain(vm, &v) => Some(Kind::InstanceValue(Some(v))),
                // (With a `__getattr__`, an AttributeError from the getter
                // goes on to it: the general path's business.)
                Some(p)
                    if matches!(p.payload(), Some(Payload::Property(_)))
                        && !p.obj().is_some_and(|o| o.has_explicit_class())
                        && lookup(&class, "__getattr__").is_none() =>
                {
                    Some(Kind::Property(p))
                }
                Some(_) => None,
            }
        }
        Payload::Type(t) if t.is_heap && !o.has_explicit_class() => {
            let meta = lookup(&vm.types.type_, name);
            if meta.is_some() {
                return None;
            }
            let v = lookup(o, name)?;
            let function = matches!(v.payload(), Some(Payload::Function(_)));
            (function || is_plain(vm, &v)).then_some(Kind::ClassValue(v))
        }
        _ => None,
    }
}

/// `LOAD_METHOD`: the unbound method and the receiver, or None (NULL) and
/// the attribute, as `ops::load_method`.
pub fn load_method(vm: &Vm, slot: &Slot, obj: &Value, name: &Value) -> PyResult<(Value, Value)> {
    let class = match obj {
        Value::Obj(o) => match &o.payload {
            Payload::Type(_) | Payload::Super(_) => None,
            Payload::Module(_) if !o.has_explicit_class() => {
                if let Some(v) = ops::dict_of(o).and_then(|d| d.borrow().get_name(name)) {
                    return Ok((Value::None, v));
                }
                None
            }
            Payload::Module(_) => None,
            _ => Some(
                o.class_address()
                    .unwrap_or_else(|| builtin_class_address(vm, o)),
            ),
        },
        _ => Some(Rc::as_ptr(&vm.type_of(obj)) as usize),
    };
    if let Some(class) = class {
        let cache = slot.borrow();
        if let Some(Kind::Method(f)) = cache.current(class) {
            let shadowed = match obj {
                Value::Obj(o) => {
                    ops::dict_of(o).is_some_and(|d| d.borrow().get_name(name).is_some())
                }
                _ => false,
            };
            if !shadowed {
                return Ok((f.clone(), obj.clone()));
            }
        }
    }
    let found = ops::load_method(vm, obj, name)?;
    if class.is_some() && !found.0.is_none() {
        let name_str = name.as_str().unwrap_or("");
        if !is_special(name_str) {
            let t = vm.type_of(obj);
            let custom =
                t.as_type().is_some_and(|d| d.is_heap) && !default_hook(vm, &t, "__getattribute__");
            let method = lookup(&t, name_str).filter(|f| match f.payload() {
                Some(Payload::Function(_)) => true,
                Some(Payload::Builtin(b)) => b.kind == BuiltinKind::Method,
                _ => false,
            });
            if let (false, Some(f)) = (custom, method) {
                slot.borrow_mut().fill(&t, Kind::Method(f));
            }
        }
    }
    Ok(found)
}

/// The address of the built-in type of an object without an explicit class
/// (the common receivers without the reference counting of `type_of_obj`).
fn builtin_class_address(vm: &Vm, o: &ObjRef) -> usize {
    let t = &vm.types;
    let class = match &o.payload {
        Payload::List(_) => &t.list,
        Payload::Str(_) => &t.str,
        Payload::Dict(_) => &t.dict,
        Payload::Set(_) => &t.set,
        Payload::Tuple(_) => &t.tuple,
        _ => return Rc::as_ptr(&vm.type_of_obj(o)) as usize,
    };
    Rc::as_ptr(class) as usize
}

/// `obj.name = value`.
pub fn store_attr(vm: &Vm, slot: &Slot, obj: &Value, name: &Value, value: Value) -> PyResult<()> {
    if let Value::Obj(o) = obj {
        if let (Payload::Instance, Some(class)) = (&o.payload, o.class_address()) {
            let cache = slot.borrow();
            if let (Some(Kind::StoreInDict), Some(d)) = (cache.current(class), ops::dict_of(o)) {
                d.borrow_mut().insert_name_hinted(name, value, &cache.hint);
                return Ok(());
            }
        }
    }
    let name_str = name.as_str().unwrap_or("");
    let cacheable = !is_special(name_str) && store_in_dict(vm, obj, name_str);
    ops::setattr(vm, obj, name_str, Some(value))?;
    if cacheable {
        if let Some(class) = obj.obj().and_then(|o| o.explicit_class()) {
            slot.borrow_mut().fill(&class, Kind::StoreInDict);
        }
    }
    Ok(())
}

/// Does `obj.name = v` just store into the instance dict?
fn store_in_dict(vm: &Vm, obj: &Value, name: &str) -> bool {
    let Value::Obj(o) = obj else { return false };
    if !matches!(o.payload, Payload::Instance) || o.dict.is_none() {
        return false;
    }
    let Some(class) = o.explicit_class() else {
        return false;
    };
    let Some(t) = class.as_type() else {
        return false;
    };
    t.is_heap
        && t.slots.is_none()
        && default_hook(vm, &class, "__setattr__")
        && lookup(&class, name).is_none_or(|v| !ops::is_data_descriptor(vm, &v))
}
