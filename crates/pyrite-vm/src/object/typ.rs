//! Type objects: the built-in types, classes made by `class` statements, the
//! method resolution order, and `super`.

use std::cell::RefCell;
use std::collections::HashMap;

use super::function::BuiltinKind;
use super::{new_dict_object, Object, Payload};
use crate::value::{ObjRef, Value};
use crate::vm::{PyResult, Vm};

/// Which built-in data the instances of a type carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InstanceKind {
    Object,
    Int,
    Bool,
    Float,
    Complex,
    Str,
    Bytes,
    ByteArray,
    Tuple,
    List,
    Dict,
    Set,
    FrozenSet,
    Exception,
    Type,
    /// Types whose instances cannot be created by calling the type.
    Opaque,
}

pub struct TypeData {
    pub name: String,
    pub qualname: RefCell<String>,
    pub bases: RefCell<Vec<ObjRef>>,
    pub mro: RefCell<Vec<ObjRef>>,
    pub kind: InstanceKind,
    /// Made by a `class` statement (or `type(name, bases, dict)`).
    pub is_heap: bool,
    /// May be subclassed.
    pub basetype: bool,
    /// Instances have a `__dict__`.
    pub has_instance_dict: bool,
    /// The `__module__` of a built-in type.
    pub module: std::cell::Cell<&'static str>,
    /// For classes whose whole MRO declares `__slots__`: the only attribute
    /// names instances may have.
    pub slots: Option<Box<[String]>>,
    /// The classes that name this one as a direct base (`__subclasses__`).
    pub subclasses: RefCell<Vec<std::rc::Weak<Object>>>,
    /// How calling the class makes an instance, as last worked out (see
    /// `init_plan`).
    pub init_plan: RefCell<Option<InitPlan>>,
}

/// What calling a class does, remembered while the type cache's epoch stands
/// (any class namespace changing moves it).
pub struct InitPlan {
    epoch: u64,
    pub plan: CallPlan,
}

/// The shortcuts `ops::type_call` (and the eval loop) take for calls of a
/// class of metaclass `type`.
#[derive(Clone)]
pub enum CallPlan {
    /// None: the general protocol.
    General,
    /// A Python class whose `__new__` is object's and whose `__init__` is
    /// this Python function: calling it is `new_instance`, then the function
    /// (object's `__new__` accepts the arguments, since `__init__` is
    /// overridden).
    PythonInit(Value),
    /// A built-in type with a `__new__` of its own: calling it is that
    /// `__new__`, then this `__init__` unless it is object's (which then
    /// ignores the arguments).
    Native { new: Value, init: Option<Value> },
}

impl CallPlan {
    /// The values the plan holds (for the cycle collector).
    pub fn values(&self) -> impl Iterator<Item = &Value> {
        let (a, b) = match self {
            CallPlan::General => (None, None),
            CallPlan::PythonInit(init) => (Some(init), None),
            CallPlan::Native { new, init } => (Some(new), init.as_ref()),
        };
        a.into_iter().chain(b)
    }
}

/// What calling `class` does (see `CallPlan`).
pub fn call_plan(vm: &Vm, class: &ObjRef) -> CallPlan {
    let Some(data) = class.as_type() else {
        return CallPlan::General;
    };
    let epoch = super::type_cache::epoch();
    if let Some(plan) = &*data.init_plan.borrow() {
        if plan.epoch == epoch {
            return plan.plan.clone();
        }
    }
    let plan = work_out_plan(vm, class, data);
    let previous = data.init_plan.borrow_mut().replace(InitPlan {
        epoch,
        plan: plan.clone(),
    });
    // (The previous plan's functions may die here; not while borrowed.)
    drop(previous);
    plan
}

fn work_out_plan(vm: &Vm, class: &ObjRef, data: &TypeData) -> CallPlan {
    let new = match lookup(class, "__new__") {
        Some(n) => match n.payload() {
            Some(Payload::StaticMethod(f)) => f.clone(),
            _ => n,
        },
        None => return CallPlan::General,
    };
    let init = lookup(class, "__init__");
    if data.is_heap {
        return match init {
            Some(init)
                if data.kind == InstanceKind::Object
                    && is_object_new(vm, &new)
                    && matches!(init.payload(), Some(Payload::Function(_))) =>
            {
                CallPlan::PythonInit(init)
            }
            _ => CallPlan::General,
        };
    }
    let native_new = matches!(new.payload(), Some(Payload::Builtin(_))) && !is_object_new(vm, &new);
    let init = match init {
        Some(i) if matches!(i.payload(), Some(Payload::Builtin(b)) if b.owner_is(&vm.types.object)) => {
            None
        }
        Some(i) if matches!(i.payload(), Some(Payload::Builtin(_))) => Some(i),
        None => None,
        Some(_) => return CallPlan::General,
    };
    if native_new {
        CallPlan::Native { new, init }
    } else {
        CallPlan::General
    }
}

/// The `__init__` a call of `class` runs on a plain new instance, for a
/// Python class (`CallPlan::PythonInit`).
pub fn init_plan(vm: &Vm, class: &ObjRef) -> Option<Value> {
    match call_plan(vm, class) {
        CallPlan::PythonInit(init) => Some(init),
        _ => None,
    }
}

/// `super(type, obj)`.
pub struct Super {
    /// The class after which the MRO search starts.
    pub this: ObjRef,
    /// The instance (or class) the found attributes bind to.
    pub obj: Value,
    /// The type whose MRO is searched: `type(obj)`, or `obj` itself for a class.
    pub obj_type: ObjRef,
}

impl TypeData {
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for TypeData {
    /// A class allocated later at the same address must not find this one's
    /// cached attributes.
    fn drop(&mut self) {
        super::type_cache::invalidate();
    }
}

/// Makes a class's namespace dict report its changes to the type cache.
fn watch_namespace(dict: &ObjRef) {
    if let Payload::Dict(d) = &dict.payload {
        d.borrow_mut().watched = true;
    }
}

fn new_type(name: &str, kind: InstanceKind, basetype: bool) -> ObjRef {
    Object::with_dict(
        Payload::Type(Box::new(TypeData {
            name: name.to_string(),
            qualname: RefCell::new(name.to_string()),
            bases: RefCell::new(Vec::new()),
            mro: RefCell::new(Vec::new()),
            kind,
            is_heap: false,
            basetype,
            has_instance_dict: false,
            module: std::cell::Cell::new("builtins"),
            slots: None,
            subclasses: RefCell::new(Vec::new()),
            init_plan: RefCell::new(None),
        })),
        {
            let dict = new_dict_object();
            watch_namespace(&dict);
            dict
        },
    )
}

fn type_data(t: &ObjRef) -> &TypeData {
    t.as_type().expect("a type object")
}

/// Sets a built-in type's base and MRO (single inheritance).
fn set_base(t: &ObjRef, base: &ObjRef) {
    for old in type_data(t).bases.borrow().iter() {
        type_data(old)
            .subclasses
            .borrow_mut()
            .retain(|w| !std::ptr::eq(w.as_ptr(), std::rc::Rc::as_ptr(t)));
    }
    type_data(base)
        .subclasses
        .borrow_mut()
        .push(std::rc::Rc::downgrade(t));
    let data = type_data(t);
    *data.bases.borrow_mut() = vec![base.clone()];
    let mut mro = vec![t.clone()];
    mro.extend(type_data(base).mro.borrow().iter().cloned());
    *data.mro.borrow_mut() = mro;
}

macro_rules! builtin_types {
    ($( $field:ident : $name:literal, $kind:ident, $basetype:expr; )*) => {
        /// The built-in types, created once per interpreter.
        pub struct BuiltinTypes {
            $( pub $field: ObjRef, )*
            /// Every built-in exception class, by name.
            pub exceptions: HashMap<String, ObjRef>,
        }

        impl BuiltinTypes {
            fn create() -> BuiltinTypes {
                BuiltinTypes {
                    $( $field: new_type($name, InstanceKind::$kind, $basetype), )*
                    exceptions: HashMap::new(),
                }
            }

            /// Every non-exception built-in type with its attribute name.
            pub fn all(&self) -> Vec<&ObjRef> {
                vec![ $( &self.$field, )* ]
            }
        }
    };
}

builtin_types! {
    object: "object", Object, true;
    type_: "type", Type, true;
    int: "int", Int, true;
    bool_: "bool", Bool, false;
    float: "float", Float, true;
    complex: "complex", Complex, true;
    str: "str", Str, true;
    bytes: "bytes", Bytes, true;
    bytearray: "bytearray", ByteArray, true;
    memoryview: "memoryview", Opaque, false;
    tuple: "tuple", Tuple, true;
    list: "list", List, true;
    dict: "dict", Dict, true;
    set: "set", Set, true;
    frozenset: "frozenset", FrozenSet, true;
    range: "range", Opaque, false;
    slice: "slice", Opaque, false;
    function: "function", Opaque, false;
    method: "method", Opaque, false;
    builtin_function: "builtin_function_or_method", Opaque, false;
    method_descriptor: "method_descriptor", Opaque, false;
    wrapper_descriptor: "wrapper_descriptor", Opaque, false;
    method_wrapper: "method-wrapper", Opaque, false;
    classmethod_descriptor: "classmethod_descriptor", Opaque, false;
    cell: "cell", Opaque, false;
    code: "code", Opaque, false;
    module: "module", Opaque, true;
    none_type: "NoneType", Opaque, false;
    not_implemented_type: "NotImplementedType", Opaque, false;
    ellipsis_type: "ellipsis", Opaque, false;
    property: "property", Opaque, true;
    classmethod: "classmethod", Opaque, true;
    staticmethod: "staticmethod", Opaque, true;
    super_: "super", Opaque, true;
    traceback: "traceback", Opaque, false;
    frame: "frame", Opaque, false;
    generator: "generator", Opaque, false;
    coroutine: "coroutine", Opaque, false;
    async_generator: "async_generator", Opaque, false;
    async_generator_asend: "async_generator_asend", Opaque, false;
    async_generator_athrow: "async_generator_athrow", Opaque, false;
    anext_awaitable: "anext_awaitable", Opaque, false;
    coroutine_wrapper: "coroutine_wrapper", Opaque, false;
    list_iterator: "list_iterator", Opaque, false;
    list_reverseiterator: "list_reverseiterator", Opaque, false;
    tuple_iterator: "tuple_iterator", Opaque, false;
    range_iterator: "range_iterator", Opaque, false;
    str_iterator: "str_ascii_iterator", Opaque, false;
    dict_keyiterator: "dict_keyiterator", Opaque, false;
    dict_valueiterator: "dict_valueiterator", Opaque, false;
    dict_itemiterator: "dict_itemiterator", Opaque, false;
    dict_keys: "dict_keys", Opaque, false;
    dict_values: "dict_values", Opaque, false;
    dict_items: "dict_items", Opaque, false;
    set_iterator: "set_iterator", Opaque, false;
    enumerate: "enumerate", Opaque, true;
    zip: "zip", Opaque, true;
    map: "map", Opaque, true;
    filter: "filter", Opaque, true;
    reversed: "reversed", Opaque, true;
    callable_iterator: "callable_iterator", Opaque, false;
    seq_iterator: "iterator", Opaque, false;
    bytes_iterator: "bytes_iterator", Opaque, false;
    bytearray_iterator: "bytearray_iterator", Opaque, false;
    generic_alias: "GenericAlias", Opaque, false;
    union_type: "UnionType", Opaque, false;
    base_exception: "BaseException", Exception, true;
    exception: "Exception", Exception, true;
    type_error: "TypeError", Exception, true;
    value_error: "ValueError", Exception, true;
    index_error: "IndexError", Exception, true;
    key_error: "KeyError", Exception, true;
    lookup_error: "LookupError", Exception, true;
    attribute_error: "AttributeError", Exception, true;
    name_error: "NameError", Exception, true;
    unbound_local_error: "UnboundLocalError", Exception, true;
    zero_division_error: "ZeroDivisionError", Exception, true;
    arithmetic_error: "ArithmeticError", Exception, true;
    overflow_error: "OverflowError", Exception, true;
    runtime_error: "RuntimeError", Exception, true;
    recursion_error: "RecursionError", Exception, true;
    not_implemented_error: "NotImplementedError", Exception, true;
    stop_iteration: "StopIteration", Exception, true;
    generator_exit: "GeneratorExit", Exception, true;
    system_exit: "SystemExit", Exception, true;
    keyboard_interrupt: "KeyboardInterrupt", Exception, true;
    assertion_error: "AssertionError", Exception, true;
    memory_error: "MemoryError", Exception, true;
    syntax_error: "SyntaxError", Exception, true;
    import_error: "ImportError", Exception, true;
    module_not_found_error: "ModuleNotFoundError", Exception, true;
    os_error: "OSError", Exception, true;
    unicode_error: "UnicodeError", Exception, true;
    unicode_decode_error: "UnicodeDecodeError", Exception, true;
    unicode_encode_error: "UnicodeEncodeError", Exception, true;
    system_error: "SystemError", Exception, true;
}

/// The exception hierarchy: (name, base) for the exceptions that are not fields
/// of `BuiltinTypes`, in an order where bases come first.
const MORE_EXCEPTIONS: &[(&str, &str)] = &[
    ("StopAsyncIteration", "Exception"),
    ("FloatingPointError", "ArithmeticError"),
    ("BufferError", "Exception"),
    ("EOFError", "Exception"),
    ("ReferenceError", "Exception"),
    ("IndentationError", "SyntaxError"),
    ("TabError", "IndentationError"),
    ("UnicodeTranslateError", "UnicodeError"),
    ("BlockingIOError", "OSError"),
    ("ChildProcessError", "OSError"),
    ("ConnectionError", "OSError"),
    ("BrokenPipeError", "ConnectionError"),
    ("ConnectionAbortedError", "ConnectionError"),
    ("ConnectionRefusedError", "ConnectionError"),
    ("ConnectionResetError", "ConnectionError"),
    ("FileExistsError", "OSError"),
    ("FileNotFoundError", "OSError"),
    ("InterruptedError", "OSError"),
    ("IsADirectoryError", "OSError"),
    ("NotADirectoryError", "OSError"),
    ("PermissionError", "OSError"),
    ("ProcessLookupError", "OSError"),
    ("TimeoutError", "OSError"),
    ("Warning", "Exception"),
    ("UserWarning", "Warning"),
    ("DeprecationWarning", "Warning"),
    ("PendingDeprecationWarning", "Warning"),
    ("SyntaxWarning", "Warning"),
    ("RuntimeWarning", "Warning"),
    ("FutureWarning", "Warning"),
    ("ImportWarning", "Warning"),
    ("UnicodeWarning", "Warning"),
    ("BytesWarning", "Warning"),
    ("ResourceWarning", "Warning"),
    ("EncodingWarning", "Warning"),
    ("BaseExceptionGroup", "BaseException"),
];

impl BuiltinTypes {
    /// Creates the built-in types and wires their bases; their methods are added
    /// by `populate_builtin_types` once the interpreter exists.
    pub fn bootstrap() -> BuiltinTypes {
        let mut types = BuiltinTypes::create();
        let object = types.object.clone();
        *type_data(&object).mro.borrow_mut() = vec![object.clone()];
        for t in types.all() {
            if !std::rc::Rc::ptr_eq(t, &object) {
                set_base(t, &object);
            }
        }
        set_base(&types.bool_, &types.int);
        // The exception hierarchy, bases before subclasses.
        let hierarchy: [(&ObjRef, &ObjRef); 29] = [
            (&types.base_exception, &types.object),
            (&types.exception, &types.base_exception),
            (&types.generator_exit, &types.base_exception),
            (&types.system_exit, &types.base_exception),
            (&types.keyboard_interrupt, &types.base_exception),
            (&types.type_error, &types.exception),
            (&types.value_error, &types.exception),
            (&types.lookup_error, &types.exception),
            (&types.index_error, &types.lookup_error),
            (&types.key_error, &types.lookup_error),
            (&types.attribute_error, &types.exception),
            (&types.name_error, &types.exception),
            (&types.unbound_local_error, &types.name_error),
            (&types.arithmetic_error, &types.exception),
            (&types.zero_division_error, &types.arithmetic_error),
            (&types.overflow_error, &types.arithmetic_error),
            (&types.runtime_error, &types.exception),
            (&types.recursion_error, &types.runtime_error),
            (&types.not_implemented_error, &types.runtime_error),
            (&types.stop_iteration, &types.exception),
            (&types.assertion_error, &types.exception),
            (&types.memory_error, &types.exception),
            (&types.syntax_error, &types.exception),
            (&types.import_error, &types.exception),
            (&types.module_not_found_error, &types.import_error),
            (&types.os_error, &types.exception),
            (&types.unicode_error, &types.value_error),
            (&types.unicode_decode_error, &types.unicode_error),
            (&types.unicode_encode_error, &types.unicode_error),
        ];
        for (t, base) in hierarchy {
            set_base(t, base);
        }
        set_base(&types.system_error, &types.exception);
        let mut exceptions: HashMap<String, ObjRef> = HashMap::new();
        for t in types.all() {
            let data = type_data(t);
            if data.kind == InstanceKind::Exception {
                exceptions.insert(data.name.clone(), t.clone());
            }
        }
        for (name, base) in MORE_EXCEPTIONS {
            let t = new_type(name, InstanceKind::Exception, true);
            set_base(&t, &exceptions[*base]);
            exceptions.insert(name.to_string(), t);
        }
        // ExceptionGroup derives from both BaseExceptionGroup and Exception.
        let group = new_type("ExceptionGroup", InstanceKind::Exception, true);
        let base_group = exceptions["BaseExceptionGroup"].clone();
        *type_data(&group).bases.borrow_mut() = vec![base_group.clone(), types.exception.clone()];
        let mro = c3_merge(&group, &[base_group, types.exception.clone()])
            .expect("ExceptionGroup has a consistent MRO");
        *type_data(&group).mro.borrow_mut() = mro;
        exceptions.insert("ExceptionGroup".to_string(), group);
        types.exceptions = exceptions;
        types
    }

    pub fn exception(&self, name: &str) -> &ObjRef {
        &self.exceptions[name]
    }
}

/// Fills the dicts of the built-in types with their methods and attributes.
pub fn populate_builtin_types(vm: &Vm) {
    crate::object::int::register(vm);
    crate::object::float::register(vm);
    crate::object::str::register(vm);
    crate::object::list::register(vm);
    crate::object::tuple::register(vm);
    crate::object::dict::register(vm);
    crate::object::set::register(vm);
    crate::object::range::register(vm);
    crate::object::function::register(vm);
    crate::object::exception::register(vm);
    crate::object::iter::register(vm);
    crate::object::generator::register(vm);
    crate::object::alias::register(vm);
    for t in [&vm.types.generic_alias, &vm.types.union_type] {
        type_data(t).module.set("types");
    }
    register_object_and_type(vm);
}

// ----- type queries -----------------------------------------------------------

impl Vm {
    /// `type(value)`.
    pub fn type_of(&self, value: &Value) -> ObjRef {
        match value {
            Value::None => self.types.none_type.clone(),
            Value::Bool(_) => self.types.bool_.clone(),
            Value::Int(_) => self.types.int.clone(),
            Value::Float(_) => self.types.float.clone(),
            Value::Obj(obj) => self.type_of_obj(obj),
        }
    }

    pub fn type_of_obj(&self, obj: &ObjRef) -> ObjRef {
        if let Some(class) = obj.explicit_class() {
            return class;
        }
        let t = &self.types;
        match &obj.payload {
            Payload::Instance => t.object.clone(),
            Payload::Int(_) => t.int.clone(),
            Payload::Float(_) => t.float.clone(),
            Payload::Complex(..) => t.complex.clone(),
            Payload::Str(_) => t.str.clone(),
            Payload::Bytes(_) => t.bytes.clone(),
            Payload::ByteArray(_) => t.bytearray.clone(),
            Payload::MemoryView(_) => t.memoryview.clone(),
            Payload::Tuple(_) => t.tuple.clone(),
            Payload::List(_) => t.list.clone(),
            Payload::Dict(_) => t.dict.clone(),
            Payload::Set(_) => t.set.clone(),
            Payload::FrozenSet(_) => t.frozenset.clone(),
            Payload::Range(_) => t.range.clone(),
            Payload::Slice(_) => t.slice.clone(),
            Payload::Function(_) => t.function.clone(),
            // A built-in method bound to its object is a built-in method (a
            // "method-wrapper" for the special methods).
            Payload::BoundMethod(m) => match m.func.payload() {
                Some(Payload::Builtin(b)) if is_dunder(b.name) => t.method_wrapper.clone(),
                Some(Payload::Builtin(_)) => t.builtin_function.clone(),
                _ => t.method.clone(),
            },
            // Methods in a type's dict are descriptors.
            Payload::Builtin(b) if b.receiver.is_none() && b.owner.is_some() => match b.kind {
                BuiltinKind::Method if is_dunder(b.name) => t.wrapper_descriptor.clone(),
                BuiltinKind::Method => t.method_descriptor.clone(),
                BuiltinKind::ClassMethod => t.classmethod_descriptor.clone(),
                BuiltinKind::Function => t.builtin_function.clone(),
            },
            Payload::Builtin(_) => t.builtin_function.clone(),
            Payload::Cell(_) => t.cell.clone(),
            Payload::Code(_) => t.code.clone(),
            Payload::Type(_) => t.type_.clone(),
            Payload::Module(_) => t.module.clone(),
            Payload::Exception(_) => t.exception.clone(),
            Payload::Traceback(_) => t.traceback.clone(),
            Payload::Frame(_) => t.frame.clone(),
            Payload::Iter(it) => it.borrow().type_of(self),
            Payload::Generator(g) => match g.borrow().kind {
                crate::object::generator::GenKind::Generator => t.generator.clone(),
                crate::object::generator::GenKind::Coroutine => t.coroutine.clone(),
                crate::object::generator::GenKind::AsyncGenerator => t.async_generator.clone(),
            },
            Payload::AsyncOp(op) => op.borrow().type_of(self),
            Payload::Property(_) => t.property.clone(),
            Payload::ClassMethod(_) => t.classmethod.clone(),
            Payload::StaticMethod(_) => t.staticmethod.clone(),
            Payload::Super(_) => t.super_.clone(),
            Payload::GenericAlias(_) => t.generic_alias.clone(),
            Payload::Union(_) => t.union_type.clone(),
            Payload::NotImplemented => t.not_implemented_type.clone(),
            Payload::Ellipsis => t.ellipsis_type.clone(),
        }
    }

    /// The name of `type(value)`, for messages.
    pub fn type_name(&self, value: &Value) -> String {
        type_data(&self.type_of(value)).name.clone()
    }

    /// `isinstance(value, class)` by the MRO alone (no `__instancecheck__`).
    pub fn is_instance(&self, value: &Value, class: &ObjRef) -> bool {
        match value {
            Value::Obj(obj) if !obj.has_explicit_class() => {
                // Exact built-ins: a quick answer for the common classes.
                let t = self.type_of_obj(obj);
                is_subtype(&t, class)
            }
            _ => is_subtype(&self.type_of(value), class),
        }
    }
}

/// `__add__` and the like.
fn is_dunder(name: &str) -> bool {
    name.len() > 4 && name.starts_with("__") && name.ends_with("__")
}

/// Is `sub` a subclass of `sup` (by MRO)?
pub fn is_subtype(sub: &ObjRef, sup: &ObjRef) -> bool {
    if std::rc::Rc::ptr_eq(sub, sup) {
        return true;
    }
    match sub.as_type() {
        Some(data) => data
            .mro
            .borrow()
            .iter()
            .any(|t| std::rc::Rc::ptr_eq(t, sup)),
        None => false,
    }
}

/// Looks a name up along a type's MRO (the class attribute, unbound).
pub fn lookup(t: &ObjRef, name: &str) -> Option<Value> {
    let class = std::rc::Rc::as_ptr(t) as usize;
    if let Some(answer) = super::type_cache::get(class, name) {
        return answer;
    }
    let found = lookup_uncached(t, name);
    super::type_cache::put(class, name, &found);
    found
}

fn lookup_uncached(t: &ObjRef, name: &str) -> Option<Value> {
    let data = t.as_type()?;
    let hash = crate::object::str::hash_str(name);
    for class in data.mro.borrow().iter() {
        if let Some(dict) = &class.dict {
            if let Payload::Dict(d) = &dict.payload {
                let d = d.borrow();
                if let Some(index) = d.index_of_str(name, hash) {
                    return d.entry(index).map(|e| e.value.clone());
                }
            }
        }
    }
    None
}

/// `lookup` that gives up (None) rather than wait for a dict being changed;
/// for destructors, which may run while a class dict is borrowed.
pub fn lookup_if_free(t: &ObjRef, name: &str) -> Option<Value> {
    if let Some(answer) = super::type_cache::get(std::rc::Rc::as_ptr(t) as usize, name) {
        return answer;
    }
    let data = t.as_type()?;
    let mro = data.mro.try_borrow().ok()?;
    let hash = crate::object::str::hash_str(name);
    let mut found = None;
    for class in mro.iter() {
        if let Some(dict) = &class.dict {
            if let Payload::Dict(d) = &dict.payload {
                let d = d.try_borrow().ok()?;
                if let Some(index) = d.index_of_str(name, hash) {
                    found = d.entry(index).map(|e| e.value.clone());
                    break;
                }
            }
        }
    }
    drop(mro);
    // The walk saw every dict it needed: its answer is the cache's to keep
    // (`put` gives way itself if the table is in use).
    super::type_cache::put(std::rc::Rc::as_ptr(t) as usize, name, &found);
    found
}

/// The qualified name of a type, as `repr` and messages print it.
pub fn type_qualname(t: &ObjRef) -> String {
    t.as_type()
        .map(|d| d.qualname.borrow().clone())
        .unwrap_or_default()
}

pub fn type_name(t: &ObjRef) -> String {
    t.as_type().map(|d| d.name.clone()).unwrap_or_default()
}

// ----- C3 linearization ---------------------------------------------------------

/// The MRO of a class with these bases: the class, then the C3 merge of the bases'
/// MROs and the list of bases.
pub fn c3_merge(class: &ObjRef, bases: &[ObjRef]) -> Result<Vec<ObjRef>, String> {
    for (i, base) in bases.iter().enumerate() {
        if bases[..i].iter().any(|b| std::rc::Rc::ptr_eq(b, base)) {
            return Err(format!("duplicate base class {}", type_name(base)));
        }
    }
    let mut sequences: Vec<Vec<ObjRef>> = bases
        .iter()
        .map(|b| type_data(b).mro.borrow().clone())
        .collect();
    sequences.push(bases.to_vec());
    let mut result = vec![class.clone()];
    loop {
        sequences.retain(|s| !s.is_empty());
        if sequences.is_empty() {
            return Ok(result);
        }
        let candidate = sequences.iter().find_map(|seq| {
            let head = &seq[0];
            let in_tail = sequences
                .iter()
                .any(|s| s[1..].iter().any(|t| std::rc::Rc::ptr_eq(t, head)));
            (!in_tail).then(|| head.clone())
        });
        let Some(next) = candidate else {
            // The classes that could not go next: the heads left, each once.
            let mut heads: Vec<&ObjRef> = Vec::new();
            for seq in &sequences {
                if !heads.iter().any(|h| std::rc::Rc::ptr_eq(h, &seq[0])) {
                    heads.push(&seq[0]);
                }
            }
            let names: Vec<String> = heads.into_iter().map(type_name).collect();
            // (CPython's message has this line break.)
            return Err(format!(
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                names.join(", ")
            ));
        };
        for seq in &mut sequences {
            if std::rc::Rc::ptr_eq(&seq[0], &next) {
                seq.remove(0);
            }
        }
        result.push(next);
    }
}

// ----- classes made at run time -------------------------------------------------

/// `type(name, bases, namespace)`: a new heap type.
pub fn new_class(
    vm: &Vm,
    metaclass: &ObjRef,
    name: &str,
    bases: Vec<ObjRef>,
    namespace: &ObjRef,
) -> PyResult<ObjRef> {
    let bases = if bases.is_empty() {
        vec![vm.types.object.clone()]
    } else {
        bases
    };
    for base in &bases {
        let data = base
            .as_type()
            .ok_or_else(|| vm.type_error("bases must be types"))?;
        if !data.basetype {
            return Err(vm.type_error(format!(
                "type '{}' is not an acceptable base type",
                data.name
            )));
        }
    }
    // The instance layout comes from the most derived built-in base.
    let mut kind = InstanceKind::Object;
    for base in &bases {
        let base_kind = type_data(base).kind;
        let base_kind = if base_kind == InstanceKind::Bool {
            InstanceKind::Int
        } else {
            base_kind
        };
        if base_kind == InstanceKind::Object {
            continue;
        }
        if kind != InstanceKind::Object && kind != base_kind {
            return Err(vm.type_error("multiple bases have instance lay-out conflict"));
        }
        kind = base_kind;
    }
    let dict = new_dict_object();
    let mut qualname = name.to_string();
    if let Payload::Dict(ns) = &namespace.payload {
        for (key, value) in ns.borrow().items() {
            if key.as_str() == Some("__qualname__") {
                match value.as_str() {
                    Some(q) => qualname = q.to_string(),
                    None => {
                        return Err(vm.type_error(format!(
                            "type __qualname__ must be a str, not {}",
                            vm.type_name(&value)
                        )))
                    }
                }
                continue;
            }
            if let Payload::Dict(d) = &dict.payload {
                d.borrow_mut().insert_str_key(key, value);
            }
        }
    }
    let mut slots = None;
    if let Payload::Dict(d) = &dict.payload {
        let mut d = d.borrow_mut();
        if d.get_str("__doc__").is_none() {
            d.insert_str_key(vm.intern("__doc__"), Value::None);
        }
        // These are implicitly static and class methods.
        for (name, wrap_static) in [
            ("__new__", true),
            ("__init_subclass__", false),
            ("__class_getitem__", false),
        ] {
            if let Some(f) = d.get_str(name) {
                if matches!(f.payload(), Some(Payload::Function(_))) {
                    let wrapped = if wrap_static {
                        Payload::StaticMethod(f)
                    } else {
                        Payload::ClassMethod(f)
                    };
                    d.insert_str_key(vm.intern(name), Value::Obj(Object::new(wrapped)));
                }
            }
        }
        if d.get_str("__del__").is_some() {
            super::note_finalizers_possible();
        }
        // Defining equality without hashing makes instances unhashable.
        if d.get_str("__eq__").is_some() && d.get_str("__hash__").is_none() {
            d.insert_str_key(vm.intern("__hash__"), Value::None);
        }
        if let Some(declared) = d.get_str("__slots__") {
            drop(d);
            slots = slot_names(vm, &declared, &bases)?;
        }
    }
    let class = Object::with_dict(
        Payload::Type(Box::new(TypeData {
            name: name.to_string(),
            qualname: RefCell::new(qualname),
            bases: RefCell::new(bases.clone()),
            mro: RefCell::new(Vec::new()),
            kind,
            is_heap: true,
            basetype: true,
            has_instance_dict: true,
            module: std::cell::Cell::new("builtins"),
            slots,
            subclasses: RefCell::new(Vec::new()),
            init_plan: RefCell::new(None),
        })),
        {
            watch_namespace(&dict);
            dict
        },
    );
    if !std::rc::Rc::ptr_eq(metaclass, &vm.types.type_) {
        class.set_class(metaclass.clone());
    }
    let mro = c3_merge(&class, &bases).map_err(|msg| vm.type_error(msg))?;
    *type_data(&class).mro.borrow_mut() = mro;
    if !std::rc::Rc::ptr_eq(metaclass, &vm.types.type_) {
        custom_mro(vm, metaclass, &class)?;
    }
    for base in &bases {
        type_data(base)
            .subclasses
            .borrow_mut()
            .push(std::rc::Rc::downgrade(&class));
    }
    Ok(class)
}

/// A metaclass that overrides `mro()` decides the new class's MRO: its result,
/// which must hold classes only, replaces the C3 one.
fn custom_mro(vm: &Vm, metaclass: &ObjRef, class: &ObjRef) -> PyResult<()> {
    let Some(method) = lookup(metaclass, "mro") else {
        return Ok(());
    };
    if matches!(method.payload(), Some(Payload::Builtin(b)) if b.owner_is(&vm.types.type_)) {
        return Ok(());
    }
    let receiver = [Value::Obj(class.clone())];
    let result = crate::ops::call(
        vm,
        &method,
        crate::object::function::Args::positional(&receiver),
    )?;
    let mut mro = Vec::new();
    for item in crate::ops::collect_iterable(vm, &result)? {
        match item {
            Value::Obj(o) if o.as_type().is_some() => mro.push(o),
            other => {
                return Err(vm.type_error(format!(
                    "mro() returned a non-class ('{}')",
                    vm.type_name(&other)
                )))
            }
        }
    }
    *type_data(class).mro.borrow_mut() = mro;
    super::type_cache::invalidate();
    Ok(())
}

/// The attribute names instances of a class with `__slots__` may have: its
/// own slots and its bases'; `None` when some base allows any attribute (or
/// the slots include `__dict__`).
fn slot_names(vm: &Vm, declared: &Value, bases: &[ObjRef]) -> PyResult<Option<Box<[String]>>> {
    let items = match declared.as_str() {
        Some(one) => vec![Value::new_str(one)],
        None => crate::ops::collect_iterable(vm, declared)?,
    };
    let mut names = Vec::new();
    for item in items {
        let Some(name) = item.as_str() else {
            return Err(vm.type_error(format!(
                "__slots__ items must be strings, not '{}'",
                vm.type_name(&item)
            )));
        };
        if name == "__dict__" {
            return Ok(None);
        }
        names.push(name.to_string());
    }
    for base in bases {
        for class in type_data(base).mro.borrow().iter() {
            let data = type_data(class);
            if !data.is_heap {
                continue;
            }
            match &data.slots {
                Some(inherited) => names.extend(inherited.iter().cloned()),
                None => return Ok(None),
            }
        }
    }
    Ok(Some(names.into_boxed_slice()))
}

// ----- object and type ------------------------------------------------------------

fn register_object_and_type(vm: &Vm) {
    use crate::object::function::add_method;
    let object = &vm.types.object;
    add_method(vm, object, "__init__", object_init);
    add_method(vm, object, "__repr__", |vm, args| {
        Ok(Value::from_string(crate::ops::default_repr(
            vm,
            &args.pos[0],
        )))
    });
    // object.__str__ is type(self).__repr__(self), unchecked (so that str()
    // reports a bad result as __str__'s, and a str subclass stays one).
    add_method(vm, object, "__str__", |vm, args| {
        let [this] = args.exact::<1>(vm, "__str__")?;
        if !crate::ops::is_user_typed(this) {
            return crate::ops::repr(vm, this).map(Value::from_string);
        }
        match crate::ops::call_special(vm, this, "__repr__", &[])? {
            Some(r) => Ok(r),
            None => crate::ops::repr(vm, this).map(Value::from_string),
        }
    });
    add_method(vm, object, "__eq__", |vm, args| {
        let [a, b] = args.exact::<2>(vm, "__eq__")?;
        Ok(if a.is(b) {
            Value::Bool(true)
        } else {
            Value::Obj(vm.not_implemented.clone())
        })
    });
    add_method(vm, object, "__ne__", |vm, args| {
        // The inverse of the object's own `__eq__` (not of the whole `==`
        // protocol), NotImplemented when that is.
        let [a, b] = args.exact::<2>(vm, "__ne__")?;
        let eq = match crate::ops::call_special(vm, a, "__eq__", std::slice::from_ref(b))? {
            Some(eq) => eq,
            None => return Ok(crate::ops::not_implemented(vm)),
        };
        if crate::ops::is_not_implemented(&eq) {
            return Ok(eq);
        }
        Ok(Value::Bool(!crate::ops::truthy(vm, &eq)?))
    });
    add_method(vm, object, "__hash__", |_, args| {
        Ok(Value::Int(crate::ops::identity_hash(&args.pos[0])))
    });
    add_method(vm, object, "__getattribute__", |vm, args| {
        let [obj, name] = args.exact::<2>(vm, "__getattribute__")?;
        let name = crate::ops::expect_str(vm, name, "attribute name")?;
        crate::ops::generic_getattr(vm, obj, &name)
    });
    add_method(vm, object, "__setattr__", |vm, args| {
        attribute_method(vm, args, "__setattr__", refuse_types)
    });
    add_method(vm, object, "__delattr__", |vm, args| {
        attribute_method(vm, args, "__delattr__", refuse_types)
    });
    crate::object::function::add_static(vm, object, "__new__", object_new);
    crate::object::function::add_classmethod(vm, object, "__init_subclass__", |vm, args| {
        let class_name = || match args.pos.first() {
            Some(Value::Obj(c)) if c.as_type().is_some() => type_name(c),
            _ => "object".to_string(),
        };
        if !args.kw_names.is_empty() {
            return Err(vm.type_error(format!(
                "{}.__init_subclass__() takes no keyword arguments",
                class_name()
            )));
        }
        if args.pos.len() > 1 {
            return Err(vm.type_error(format!(
                "{}.__init_subclass__() takes no arguments ({} given)",
                class_name(),
                args.pos.len() - 1
            )));
        }
        Ok(Value::None)
    });
    add_method(vm, object, "__format__", |vm, args| {
        let [obj, spec] = args.exact::<2>(vm, "__format__")?;
        let spec = crate::ops::expect_str(vm, spec, "format spec")?;
        if !spec.is_empty() {
            return Err(vm.type_error(format!(
                "unsupported format string passed to {}.__format__",
                vm.type_name(obj)
            )));
        }
        crate::ops::str_of(vm, obj).map(Value::from_string)
    });
    add_method(vm, object, "__dir__", |vm, args| {
        crate::builtins::dir_of(vm, &args.pos[0])
    });

    add_method(vm, &vm.types.none_type, "__repr__", |_, _| {
        Ok(Value::new_str("None"))
    });
    add_method(vm, &vm.types.none_type, "__bool__", |_, _| {
        Ok(Value::Bool(false))
    });
    add_method(vm, &vm.types.not_implemented_type, "__repr__", |_, _| {
        Ok(Value::new_str("NotImplemented"))
    });
    add_method(vm, &vm.types.ellipsis_type, "__repr__", |_, _| {
        Ok(Value::new_str("Ellipsis"))
    });
    // The types whose repr comes from their data (`repr.rs`) have a
    // `__repr__` of their own, as in CPython, so that `type(x).__repr__(x)`
    // and `super().__repr__()` in a subclass give it too.
    let types = &vm.types;
    for t in [
        &types.function,
        &types.method,
        &types.builtin_function,
        &types.method_descriptor,
        &types.wrapper_descriptor,
        &types.method_wrapper,
        &types.classmethod_descriptor,
        &types.cell,
        &types.code,
        &types.frame,
        &types.module,
        &types.range,
        &types.slice,
        &types.classmethod,
        &types.staticmethod,
        &types.super_,
    ] {
        add_method(vm, t, "__repr__", |vm, args| {
            let [x] = args.exact::<1>(vm, "__repr__")?;
            match crate::repr::repr_builtin(vm, x)? {
                Some(text) => Ok(Value::from_string(text)),
                None => Ok(Value::from_string(crate::ops::default_repr(vm, x))),
            }
        });
    }

    let type_ = &vm.types.type_;
    crate::object::function::add_static(vm, type_, "__new__", type_new);
    add_method(vm, type_, "__init__", |vm, args| {
        let n = args.pos.len().saturating_sub(1);
        if n != 1 && n != 3 {
            return Err(vm.type_error("type.__init__() takes 1 or 3 arguments"));
        }
        Ok(Value::None)
    });
    add_method(vm, type_, "__call__", |vm, args| {
        let (callee, rest) = args.split_first(vm, "__call__")?;
        crate::ops::type_call(vm, &callee, rest)
    });
    add_method(vm, type_, "__repr__", |vm, args| {
        Ok(Value::from_string(crate::ops::repr_type(vm, &args.pos[0])))
    });
    // A class's attributes are set as any object's are (the checks for
    // built-in types are in `generic_setattr`); what differs is whom the
    // method accepts.
    add_method(vm, type_, "__setattr__", |vm, args| {
        attribute_method(vm, args, "__setattr__", require_type)
    });
    add_method(vm, type_, "__delattr__", |vm, args| {
        attribute_method(vm, args, "__delattr__", require_type)
    });
    add_method(vm, type_, "mro", |vm, args| {
        let t = args.pos[0]
            .obj()
            .and_then(|o| o.as_type())
            .ok_or_else(|| vm.type_error("descriptor 'mro' requires a 'type' object"))?;
        // Computed afresh, as CPython does: a metaclass's `mro` override
        // calls this while the class is being made, before it has an MRO.
        let class = args.pos[0].obj().expect("checked to be a type").clone();
        let bases = t.bases.borrow().clone();
        let mro = c3_merge(&class, &bases).map_err(|msg| vm.type_error(msg))?;
        Ok(crate::object::list::new_list(
            mro.into_iter().map(Value::Obj).collect(),
        ))
    });
    add_method(vm, type_, "__subclasses__", |vm, args| {
        let [cls] = args.exact::<1>(vm, "__subclasses__")?;
        let Some(data) = cls.obj().and_then(|o| o.as_type()) else {
            return Err(vm.type_error("descriptor '__subclasses__' requires a 'type' object"));
        };
        let mut subclasses = data.subclasses.borrow_mut();
        subclasses.retain(|w| w.strong_count() > 0);
        let live: Vec<Value> = subclasses
            .iter()
            .filter_map(|w| w.upgrade())
            .map(Value::Obj)
            .collect();
        Ok(crate::object::list::new_list(live))
    });
    add_method(vm, type_, "__subclasscheck__", |vm, args| {
        let [cls, sub] = args.exact::<2>(vm, "__subclasscheck__")?;
        match (cls, sub) {
            (Value::Obj(c), Value::Obj(s)) if s.as_type().is_some() => {
                Ok(Value::Bool(is_subtype(s, c)))
            }
            _ => Err(vm.type_error("issubclass() arg 1 must be a class")),
        }
    });
    add_method(vm, type_, "__instancecheck__", |vm, args| {
        let [cls, obj] = args.exact::<2>(vm, "__instancecheck__")?;
        match cls {
            Value::Obj(c) => Ok(Value::Bool(vm.is_instance(obj, c))),
            _ => Ok(Value::Bool(false)),
        }
    });
}

/// `__setattr__(obj, name, value)` or `__delattr__(obj, name)` of object or
/// type: the generic store or deletion, once `accepts` agrees to `obj`.
fn attribute_method(
    vm: &Vm,
    args: crate::object::function::Args,
    method: &str,
    accepts: fn(&Vm, &Value, &str) -> PyResult<()>,
) -> PyResult<Value> {
    let (obj, name, value) = if method == "__setattr__" {
        let [obj, name, value] = args.exact::<3>(vm, method)?;
        (obj, name, Some(value.clone()))
    } else {
        let [obj, name] = args.exact::<2>(vm, method)?;
        (obj, name, None)
    };
    accepts(vm, obj, method)?;
    let name = crate::ops::expect_str(vm, name, "attribute name")?;
    crate::ops::generic_setattr(vm, obj, &name, value)?;
    Ok(Value::None)
}

fn require_type(vm: &Vm, v: &Value, method: &str) -> PyResult<()> {
    if v.obj().is_some_and(|o| o.as_type().is_some()) {
        return Ok(());
    }
    Err(vm.type_error(format!(
        "descriptor '{method}' requires a 'type' object but received a '{}'",
        vm.type_name(v)
    )))
}

/// `object.__setattr__` and `__delattr__` do not apply to classes, whose
/// type has its own (CPython's "hackcheck").
fn refuse_types(vm: &Vm, obj: &Value, method: &str) -> PyResult<()> {
    if obj.obj().is_some_and(|o| o.as_type().is_some()) {
        return Err(vm.type_error(format!(
            "can't apply this {method} to {} object",
            vm.type_name(obj)
        )));
    }
    Ok(())
}

fn object_init(vm: &Vm, args: crate::object::function::Args) -> PyResult<Value> {
    let Some(obj) = args.pos.first() else {
        return Err(vm.type_error("descriptor '__init__' of 'object' object needs an argument"));
    };
    let has_extra = args.pos.len() > 1 || !args.kw_names.is_empty();
    if has_extra {
        let t = vm.type_of(obj);
        // Extra arguments are an error unless the class overrides __new__ but
        // not __init__ (then __new__ consumed them).
        let new_overridden = lookup(&t, "__new__")
            .map(|n| !matches!(n.payload(), Some(Payload::StaticMethod(f)) if is_object_new(vm, f)))
            .unwrap_or(false);
        let init_overridden = lookup(&t, "__init__")
            .is_some_and(|i| !matches!(i.payload(), Some(Payload::Builtin(b)) if b.name == "__init__" && b.owner_is(&vm.types.object)));
        if init_overridden {
            return Err(vm.type_error(
                "object.__init__() takes exactly one argument (the instance to initialize)",
            ));
        }
        if !new_overridden {
            return Err(vm.type_error(format!(
                "{}.__init__() takes exactly one argument (the instance to initialize)",
                type_name(&t)
            )));
        }
    }
    Ok(Value::None)
}

fn is_object_new(vm: &Vm, f: &Value) -> bool {
    matches!(f.payload(), Some(Payload::Builtin(b)) if b.name == "__new__" && b.owner_is(&vm.types.object))
}

/// `object.__new__(cls)`: a fresh instance of `cls` with the data its built-in
/// base implies.
fn object_new(vm: &Vm, args: crate::object::function::Args) -> PyResult<Value> {
    let Some(first) = args.pos.first() else {
        return Err(vm.type_error("object.__new__(): not enough arguments"));
    };
    let Some((class, data)) = first.obj().and_then(|c| Some((c, c.as_type()?))) else {
        return Err(vm.type_error(format!(
            "object.__new__(X): X is not a type object ({})",
            vm.type_name(&args.pos[0])
        )));
    };
    let has_extra = args.pos.len() > 1 || !args.kw_names.is_empty();
    if has_extra {
        let init_overridden = lookup(class, "__init__").is_some_and(|i| {
            !matches!(i.payload(), Some(Payload::Builtin(b)) if b.name == "__init__" && b.owner_is(&vm.types.object))
        });
        let new_overridden = lookup(class, "__new__").is_some_and(
            |n| !matches!(n.payload(), Some(Payload::StaticMethod(f)) if is_object_new(vm, f)),
        );
        if new_overridden {
            return Err(vm.type_error(
                "object.__new__() takes exactly one argument (the type to instantiate)",
            ));
        }
        if !init_overridden {
            return Err(vm.type_error(format!("{}() takes no arguments", data.name)));
        }
    }
    new_instance(vm, class)
}

/// Checks the class handed to a built-in type's `__new__` (`base.__new__(cls,
/// ...)`): it must be a type, and `base` or a subtype of it.
pub fn check_new_class(vm: &Vm, cls: &Value, base: &ObjRef) -> PyResult<()> {
    let base_name = type_name(base);
    let Some(class) = cls.obj().filter(|c| c.as_type().is_some()) else {
        return Err(vm.type_error(format!(
            "{base_name}.__new__(X): X is not a type object ({})",
            vm.type_name(cls)
        )));
    };
    if !is_subtype(class, base) {
        let name = type_name(class);
        return Err(vm.type_error(format!(
            "{base_name}.__new__({name}): {name} is not a subtype of {base_name}"
        )));
    }
    Ok(())
}

/// A new, empty instance of a class.
pub fn new_instance(vm: &Vm, class: &ObjRef) -> PyResult<Value> {
    let data = type_data(class);
    let payload = match data.kind {
        InstanceKind::Object => Payload::Instance,
        InstanceKind::Exception => Payload::Exception(Box::new(RefCell::new(
            crate::object::exception::ExceptionData::new(Vec::new()),
        ))),
        InstanceKind::List => Payload::List(RefCell::new(Vec::new())),
        InstanceKind::ByteArray => Payload::ByteArray(Box::new(
            crate::object::bytearray::ByteArray::new(Vec::new()),
        )),
        InstanceKind::Dict => {
            Payload::Dict(Box::new(RefCell::new(crate::object::dict::Dict::new())))
        }
        InstanceKind::Set => Payload::Set(Box::new(RefCell::new(crate::object::set::Set::new()))),
        _ => {
            return Err(vm.type_error(format!(
                "object.__new__({}) is not safe, use {}.__new__()",
                data.name, data.name
            )))
        }
    };
    let dict = data.has_instance_dict.then(new_dict_object);
    if data.is_heap {
        Ok(Value::Obj(Object::with_class(payload, class.clone(), dict)))
    } else if data.kind == InstanceKind::Exception {
        Ok(Value::Obj(Object::with_class(
            payload,
            class.clone(),
            Some(new_dict_object()),
        )))
    } else {
        Ok(Value::Obj(Object::new(payload)))
    }
}

/// `type.__new__(metaclass, name, bases, namespace)`, and `type(obj)`.
fn type_new(vm: &Vm, args: crate::object::function::Args) -> PyResult<Value> {
    let pos = args.pos;
    if pos.len() == 2 && args.kw_names.is_empty() {
        return Ok(Value::Obj(vm.type_of(&pos[1])));
    }
    if pos.len() != 4 {
        return Err(vm.type_error("type() takes 1 or 3 arguments"));
    }
    let Value::Obj(metaclass) = &pos[0] else {
        return Err(vm.type_error("type.__new__(X): X is not a type object"));
    };
    let name = crate::ops::expect_str(vm, &pos[1], "type.__new__() argument 1")?;
    let bases = match pos[2].payload() {
        Some(Payload::Tuple(items)) => items
            .iter()
            .map(|b| match b {
                Value::Obj(o) if o.as_type().is_some() => Ok(o.clone()),
                other => {
                    Err(vm.type_error(format!("bases must be types, not {}", vm.type_name(other))))
                }
            })
            .collect::<PyResult<Vec<_>>>()?,
        _ => {
            return Err(vm.type_error(format!(
                "type.__new__() argument 2 must be tuple, not {}",
                vm.type_name(&pos[2])
            )))
        }
    };
    let Value::Obj(namespace) = &pos[3] else {
        return Err(vm.type_error("type.__new__() argument 3 must be dict"));
    };
    if !matches!(namespace.payload, Payload::Dict(_)) {
        return Err(vm.type_error(format!(
            "type.__new__() argument 3 must be dict, not {}",
            vm.type_name(&pos[3])
        )));
    }
    // The most derived metaclass among the bases wins.
    let mut winner = metaclass.clone();
    for base in &bases {
        let meta = vm.type_of_obj(base);
        if is_subtype(&winner, &meta) {
            continue;
        }
        if is_subtype(&meta, &winner) {
            winner = meta;
            continue;
        }
        return Err(vm.type_error(
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) \
             subclass of the metaclasses of all its bases",
        ));
    }
    let class = new_class(vm, &winner, &name, bases, namespace)?;
    crate::builtins::finish_class(vm, &class, args)?;
    Ok(Value::Obj(class))
}
