//! Heap objects.
//!
//! Every heap object is an `Object`: an optional explicit class, an optional
//! attribute dict, and a `Payload` that holds the built-in data. The payload also
//! says which built-in type an object is when no class is recorded, so creating a
//! list or a str touches no type object at all. Instances of user classes, and
//! of user subclasses of built-in types (`class E(Exception)`, `class L(list)`),
//! record their class; their payload is the built-in data they inherit.
//!
//! One file per built-in type lives next to this one.

pub mod alias;
pub mod asyncgen;
pub mod bytearray;
pub mod bytes;
pub mod bytes_methods;
pub mod code;
pub mod dict;
pub mod exception;
pub mod float;
pub mod frame;
pub mod function;
pub mod gc;
pub mod generator;
pub mod int;
pub mod iter;
pub mod list;
pub mod memoryview;
pub mod range;
pub mod set;
pub mod str;
pub mod tuple;
pub mod typ;
pub mod type_cache;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use num_bigint::BigInt;

use crate::value::{ObjRef, Value};

pub struct Object {
    /// The class, when the payload alone does not determine it.
    /// (A `Cell`, read by taking and putting back: a `RefCell` would add a
    /// borrow flag to every object.)
    class: Cell<Option<ObjRef>>,
    /// The attribute dict (`__dict__`) of instances, functions, modules and types.
    pub dict: Option<ObjRef>,
    /// The object's position in the cycle collector's tracked set, plus
    /// one; 0 when untracked (`gc`). (It fits in the allocator's size class
    /// of an object without it.)
    pub(crate) gc: Cell<usize>,
    pub payload: Payload,
}

/// The built-in data of an object.
pub enum Payload {
    /// A plain `object()` or an instance of a class with no built-in base.
    Instance,
    /// An int outside the `i64` range (or an instance of an int subclass).
    Int(BigInt),
    /// An instance of a float subclass (plain floats are inline values).
    Float(f64),
    Complex(f64, f64),
    Str(str::PyStr),
    Bytes(Box<[u8]>),
    ByteArray(Box<bytearray::ByteArray>),
    MemoryView(Box<memoryview::MemoryView>),
    Tuple(Box<[Value]>),
    List(RefCell<Vec<Value>>),
    // The tables and the iterator states are boxed: inline, they would make
    // every object, the smallest included, the size of the largest.
    Dict(Box<RefCell<dict::Dict>>),
    Set(Box<RefCell<set::Set>>),
    FrozenSet(Box<RefCell<set::Set>>),
    Range(Box<range::Range>),
    Slice(Box<[Value; 3]>),
    Function(Box<function::Function>),
    BoundMethod(Box<function::BoundMethod>),
    Builtin(Box<function::Builtin>),
    Cell(RefCell<Option<Value>>),
    Code(Rc<code::Code>),
    Type(Box<typ::TypeData>),
    Module(Box<Module>),
    Exception(Box<RefCell<exception::ExceptionData>>),
    Traceback(Box<exception::Traceback>),
    Frame(Box<frame::FrameObject>),
    Iter(Box<RefCell<iter::Iter>>),
    Generator(Box<RefCell<generator::Generator>>),
    /// What an async generator's `__anext__`/`asend`/`athrow`/`aclose`
    /// (or `anext(it, default)`) returns.
    AsyncOp(Box<RefCell<asyncgen::AsyncOp>>),
    Property(Box<function::Property>),
    ClassMethod(Value),
    StaticMethod(Value),
    Super(Box<typ::Super>),
    /// `list[int]`: the origin and the arguments tuple.
    GenericAlias(Box<[Value; 2]>),
    /// `int | None`: the members.
    Union(Box<[Value]>),
    NotImplemented,
    Ellipsis,
}

pub struct Module {
    pub name: String,
}

impl Object {
    /// An object of the built-in type its payload implies.
    pub fn new(payload: Payload) -> ObjRef {
        Object::tracked(Object {
            class: Cell::new(None),
            dict: None,
            gc: Cell::new(0),
            payload,
        })
    }

    /// A new object, made known to the cycle collector.
    fn tracked(obj: Object) -> ObjRef {
        let obj = Rc::new(obj);
        gc::track(&obj);
        obj
    }

    /// An object with an explicit class (and attribute dict, if it has one).
    pub fn with_class(payload: Payload, class: ObjRef, dict: Option<ObjRef>) -> ObjRef {
        Object::tracked(Object {
            class: Cell::new(Some(class)),
            dict,
            gc: Cell::new(0),
            payload,
        })
    }

    /// An object of its payload's built-in type that has an attribute dict.
    pub fn with_dict(payload: Payload, dict: ObjRef) -> ObjRef {
        Object::tracked(Object {
            class: Cell::new(None),
            dict: Some(dict),
            gc: Cell::new(0),
            payload,
        })
    }

    /// The explicitly recorded class, if any.
    pub fn explicit_class(&self) -> Option<ObjRef> {
        let class = self.class.take();
        let copy = class.clone();
        self.class.set(class);
        copy
    }

    /// The address of the explicitly recorded class, if any (identity
    /// checks without touching the class's reference count).
    pub fn class_address(&self) -> Option<usize> {
        let class = self.class.take();
        let address = class.as_ref().map(|c| Rc::as_ptr(c) as usize);
        self.class.set(class);
        address
    }

    pub fn has_explicit_class(&self) -> bool {
        let class = self.class.take();
        let some = class.is_some();
        self.class.set(class);
        some
    }

    pub fn set_class(&self, class: ObjRef) {
        drop(self.class.replace(Some(class)));
    }

    pub fn as_type(&self) -> Option<&typ::TypeData> {
        match &self.payload {
            Payload::Type(t) => Some(t),
            _ => None,
        }
    }
}

/// How deep object destructors may nest before the rest is deferred.
const DROP_NESTING_LIMIT: usize = 2000;

thread_local! {
    /// How many `Object` destructors are running inside each other.
    static DROP_DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    /// Object contents whose destruction was deferred to keep the native stack
    /// shallow (CPython's "trashcan").
    static DEFERRED: RefCell<Vec<Contents>> = const { RefCell::new(Vec::new()) };
}

/// What an object owns.
type Contents = (Payload, Option<ObjRef>, Option<ObjRef>);

impl Payload {
    /// Does this payload hold no other objects?
    fn is_leaf(&self) -> bool {
        matches!(
            self,
            Payload::Instance
                | Payload::Int(_)
                | Payload::Float(_)
                | Payload::Complex(..)
                | Payload::Str(_)
                | Payload::Bytes(_)
                | Payload::ByteArray(_)
                | Payload::Range(_)
                | Payload::NotImplemented
                | Payload::Ellipsis
        )
    }
}

thread_local! {
    /// Objects revived because they need finalizing (a suspended generator to
    /// close, an instance whose class defines `__del__`); the interpreter runs
    /// their finalizers at the next instruction boundary where that is safe.
    static FINALIZE: RefCell<Vec<ObjRef>> = const { RefCell::new(Vec::new()) };
    /// Revived objects already finalized: when they die again they just go.
    static FINALIZED: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
    /// Whether any object could have needed a finalizer: a generator was made,
    /// or a class got a `__del__`. Until then shutdown need not look.
    static FINALIZERS_POSSIBLE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Records that objects needing finalizers may exist from now on.
pub fn note_finalizers_possible() {
    FINALIZERS_POSSIBLE.with(|f| f.set(true));
}

/// Could any object need a finalizer (see `note_finalizers_possible`)?
pub fn finalizers_possible() -> bool {
    FINALIZERS_POSSIBLE.with(std::cell::Cell::get)
}

/// Does a live object need a finalizer run before the cycle collector frees
/// it (and has it not had it yet)?
pub fn needs_finalizer_now(obj: &ObjRef) -> bool {
    let address = Rc::as_ptr(obj) as usize;
    let done = FINALIZED.with(|f| f.borrow().contains(&address));
    !done && needs_finalizer_parts(&obj.payload, obj.explicit_class().as_ref())
}

/// Queues a finalizer for `Vm::run_finalizers`.
pub fn queue_finalizer(obj: ObjRef) {
    FINALIZE.with(|q| q.borrow_mut().push(obj));
}

/// Does an object with these contents need a finalizer run when it dies?
fn needs_finalizer(contents: &Contents) -> bool {
    needs_finalizer_parts(&contents.0, contents.2.as_ref())
}

fn needs_finalizer_parts(payload: &Payload, class: Option<&ObjRef>) -> bool {
    match payload {
        Payload::Generator(g) => g.try_borrow().is_ok_and(|g| {
            // Closing only matters inside a try/with block.
            g.started
                && g.frame
                    .as_ref()
                    .is_some_and(|f| f.core.code.handler_for(f.pc().saturating_sub(1)).is_some())
        }),
        _ => class.is_some_and(|class| {
            class.as_type().is_some_and(|t| t.is_heap)
                && typ::lookup_if_free(class, "__del__").is_some()
        }),
    }
}

/// Takes the objects waiting for their finalizers.
pub fn take_pending_finalizers() -> Vec<ObjRef> {
    FINALIZE.with(|q| std::mem::take(&mut *q.borrow_mut()))
}

/// Whether any object waits for its finalizer (cheap; checked at calls).
pub fn finalizers_pending() -> bool {
    FINALIZE.with(|q| q.try_borrow().is_ok_and(|q| !q.is_empty()))
}

/// Marks a revived object as finalized.
pub fn mark_finalized(obj: &ObjRef) {
    FINALIZED.with(|f| f.borrow_mut().push(Rc::as_ptr(obj) as usize));
}

impl Drop for Object {
    /// Dropping a long chain of objects (a list nested a million deep, a linked
    /// list of instances) would recurse once per link; beyond a fixed depth the
    /// contents are queued and dropped iteratively by the outermost destructor.
    fn drop(&mut self) {
        gc::untrack(self);
        let class = self.class.get_mut().take();
        if self.payload.is_leaf() && self.dict.is_none() && class.is_none() {
            return;
        }
        let contents: Contents = (
            std::mem::replace(&mut self.payload, Payload::Instance),
            self.dict.take(),
            class,
        );
        let address = self as *const Object as usize;
        // The thread's own storage may already be gone when objects die as
        // the thread ends (a cache being torn down drops what it held): then
        // there are no finalizers to run and nothing to defer.
        let finalized = FINALIZED.try_with(|f| {
            let mut f = f.borrow_mut();
            match f.iter().position(|&a| a == address) {
                Some(i) => {
                    f.swap_remove(i);
                    true
                }
                None => false,
            }
        });
        let finalizing = matches!(finalized, Ok(false)) && FINALIZE.try_with(|_| ()).is_ok();
        if finalizing && needs_finalizer(&contents) {
            let (payload, dict, class) = contents;
            let revived = Object::tracked(Object {
                class: Cell::new(class),
                dict,
                gc: Cell::new(0),
                payload,
            });
            FINALIZE.with(|q| q.borrow_mut().push(revived));
            return;
        }
        let depth = DROP_DEPTH.with(|d| d.get());
        if depth >= DROP_NESTING_LIMIT {
            let mut contents = Some(contents);
            // Without the storage the contents go here, deep as it may be.
            let _ = DEFERRED.try_with(|q| q.borrow_mut().extend(contents.take()));
            drop(contents);
            return;
        }
        DROP_DEPTH.with(|d| d.set(depth + 1));
        let mut contents = contents;
        // CPython releases a list's or tuple's items from the last to the
        // first (which orders their finalizers).
        match &mut contents.0 {
            Payload::List(items) => items.get_mut().reverse(),
            Payload::Tuple(items) => items.reverse(),
            _ => {}
        }
        drop(contents);
        if depth == 0 {
            while let Some(next) = DEFERRED.try_with(|q| q.borrow_mut().pop()).ok().flatten() {
                drop(next);
            }
        }
        DROP_DEPTH.with(|d| d.set(depth));
    }
}

/// A new attribute dict object.
pub fn new_dict_object() -> ObjRef {
    Object::new(Payload::Dict(Box::new(RefCell::new(dict::Dict::new()))))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every heap object pays for the largest payload: keep the big ones
    /// boxed. (64 bytes, with the reference counts 80: mimalloc's 80-byte
    /// size class.)
    #[test]
    fn objects_stay_small() {
        assert_eq!(std::mem::size_of::<Payload>(), 40);
        assert_eq!(std::mem::size_of::<Object>(), 64);
        assert_eq!(std::mem::size_of::<Value>(), 16);
    }
}
