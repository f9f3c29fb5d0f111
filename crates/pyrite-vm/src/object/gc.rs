//! The cycle collector.
//!
//! Reference counting frees an object the moment its last reference goes,
//! but objects that refer to each other in a cycle keep each other's counts
//! above zero forever. As in CPython, a collector finds them: it looks at
//! every tracked container (an object that can refer to others), and
//!
//! 1. gives each one its reference count, less the one reference the
//!    collector itself holds;
//! 2. subtracts, for each reference from one tracked object to another, one
//!    from the target: what remains counts the references from outside the
//!    tracked set (from the value stacks of running frames, from native code,
//!    from untracked objects);
//! 3. marks as reachable every object with outside references left, and
//!    everything reachable from those;
//! 4. and takes the rest, the unreachable ones, as garbage. Their finalizers
//!    (`__del__`, closing a suspended generator) run first, while they are
//!    intact (PEP 442); the analysis is then made again, since a finalizer
//!    may have made an object reachable; what is still unreachable has its
//!    contents taken out, which breaks the cycles, and reference counting
//!    frees it all.
//!
//! An object whose contents are being borrowed when the collector looks (the
//! collector may run inside a native call that holds a list or a dict) is
//! taken as reachable from outside: the collector never frees what it cannot
//! inspect.
//!
//! The tracked set is a list of weak references, filled as containers are
//! created; an object leaves it when it dies, and remembers its position in
//! `Object::gc` meanwhile.
//!
//! There are two generations, kept apart in the set: the old objects (those
//! that survived a collection) first, then the young ones. A collection runs
//! when the containers created since the last one exceed the threshold (700,
//! as CPython's first generation), and looks at the young objects only: a
//! reference from an old object counts as one from outside, which keeps its
//! target alive, so the analysis is sound on its own. Its survivors become
//! old. When the objects made old since the last full collection exceed a
//! quarter of the old ones it left (CPython's rule for its oldest
//! generation), the collection takes every object instead; `gc.collect()`
//! always does. The work stays proportional to the allocation either way,
//! and objects that live long (the built-in types and functions, a
//! program's data) are not looked at again and again. The interpreter checks
//! at calls and at the bottom of loops.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use super::{Object, Payload};
use crate::value::{ObjRef, Value};
use crate::vm::Vm;

thread_local! {
    static TRACKED: RefCell<Vec<Weak<Object>>> = const { RefCell::new(Vec::new()) };
    /// Containers created since the last collection.
    static ALLOCATED: Cell<usize> = const { Cell::new(0) };
    /// How many of the tracked objects (the first ones) are old.
    static OLD: Cell<usize> = const { Cell::new(0) };
    /// Objects made old since the last full collection.
    static PROMOTED: Cell<usize> = const { Cell::new(0) };
    /// The old objects the last full collection left.
    static OLD_AFTER_FULL: Cell<usize> = const { Cell::new(0) };
    static THRESHOLD: Cell<usize> = const { Cell::new(700) };
    static ENABLED: Cell<bool> = const { Cell::new(true) };
    static COLLECTING: Cell<bool> = const { Cell::new(false) };
}

/// A collection's count of an object found reachable.
const REACHABLE: i64 = i64::MAX;

/// Can an object with this payload be part of a reference cycle?
fn may_refer(obj: &Object) -> bool {
    match &obj.payload {
        // A tuple is fixed at creation: it can only be in a cycle through an
        // item that can, that is, a tracked one.
        Payload::Tuple(items) => items
            .iter()
            .any(|v| matches!(v, Value::Obj(o) if o.gc.get() != 0)),
        Payload::Builtin(b) => b.receiver.is_some(),
        // Constants only, and no attributes.
        Payload::Code(_) => false,
        // An instance refers to its class and its dict, if it has them.
        leaf if leaf.is_leaf() => obj.dict.is_some() || obj.has_explicit_class(),
        _ => true,
    }
}

/// Registers a new object with the collector if it can form cycles.
pub fn track(obj: &ObjRef) {
    if !may_refer(obj) {
        return;
    }
    let _ = TRACKED.try_with(|t| {
        if let Ok(mut t) = t.try_borrow_mut() {
            t.push(Rc::downgrade(obj));
            obj.gc.set(t.len());
        }
    });
    ALLOCATED.with(|a| a.set(a.get() + 1));
}

/// Takes a dying object out of the tracked set. The last entry moves into
/// its place; for an old object, the last old one does, and the last entry
/// into that one's place (which becomes the first young one's).
pub fn untrack(obj: &Object) {
    let position = obj.gc.get();
    if position == 0 {
        return;
    }
    obj.gc.set(0);
    // (The set may be gone already when objects die as the thread ends.)
    let _ = TRACKED.try_with(|t| {
        let Ok(mut t) = t.try_borrow_mut() else {
            return;
        };
        let me = obj as *const Object;
        let mut index = match t.get(position - 1) {
            Some(w) if std::ptr::eq(w.as_ptr(), me) => position - 1,
            // Not where it should be (it cannot happen; be safe anyway).
            _ => match t.iter().position(|w| std::ptr::eq(w.as_ptr(), me)) {
                Some(i) => i,
                None => return,
            },
        };
        let old = OLD.with(Cell::get);
        if index < old {
            let last_old = old - 1;
            t.swap(index, last_old);
            moved_to(&t, index);
            OLD.with(|o| o.set(last_old));
            index = last_old;
        }
        t.swap_remove(index);
        moved_to(&t, index);
    });
}

/// Tells the object now at `index` of the tracked set its position.
fn moved_to(tracked: &[Weak<Object>], index: usize) {
    if let Some(moved) = tracked.get(index).and_then(Weak::upgrade) {
        moved.gc.set(index + 1);
    }
}

/// `gc.is_tracked(obj)`, as CPython answers it: every tuple (CPython
/// untracks tuples of atoms only when a collection meets them), and a dict
/// only once it holds something that is not an atom.
pub fn is_tracked(v: &Value) -> bool {
    let atomic = |v: &Value| !matches!(v, Value::Obj(o) if may_refer(o));
    match v.obj() {
        Some(o) => match &o.payload {
            Payload::Tuple(_) => true,
            Payload::Dict(d) if !o.has_explicit_class() => d.try_borrow().map_or(true, |d| {
                d.entries().any(|e| !atomic(&e.key) || !atomic(&e.value))
            }),
            _ => may_refer(o),
        },
        None => false,
    }
}

/// Runs a collection if one is due; the interpreter calls it where one may
/// run.
#[inline]
pub fn collect_if_due(vm: &Vm) {
    if due() {
        let full = PROMOTED.with(Cell::get) > OLD_AFTER_FULL.with(Cell::get) / 4;
        collect_generations(vm, full);
    }
}

/// Is a collection due?
#[inline]
fn due() -> bool {
    ALLOCATED.with(Cell::get) > THRESHOLD.with(Cell::get) && ENABLED.with(Cell::get)
}

pub fn enable(on: bool) {
    ENABLED.with(|e| e.set(on));
}

pub fn is_enabled() -> bool {
    ENABLED.with(Cell::get)
}

pub fn threshold() -> usize {
    THRESHOLD.with(Cell::get)
}

pub fn set_threshold(n: usize) {
    THRESHOLD.with(|t| t.set(n));
}

/// Containers created since the last collection (`gc.get_count()[0]`).
pub fn count() -> usize {
    ALLOCATED.with(Cell::get)
}

/// Calls `f` on every object `obj` refers to; false when some of its
/// contents are borrowed and could not be looked at.
fn for_each_referent(obj: &Object, f: &mut dyn FnMut(&ObjRef)) -> bool {
    let mut value = |v: &Value| {
        if let Value::Obj(o) = v {
            f(o)
        }
    };
    if let Some(class) = obj.explicit_class() {
        value(&Value::Obj(class));
    }
    if let Some(d) = &obj.dict {
        value(&Value::Obj(d.clone()));
    }
    fn cell(c: &RefCell<Value>, value: &mut dyn FnMut(&Value)) -> bool {
        match c.try_borrow() {
            Ok(v) => {
                value(&v);
                true
            }
            Err(_) => false,
        }
    }
    match &obj.payload {
        Payload::Tuple(items) | Payload::Union(items) => items.iter().for_each(value),
        Payload::Slice(items) => items.iter().for_each(value),
        Payload::GenericAlias(items) => items.iter().for_each(value),
        Payload::List(items) => match items.try_borrow() {
            Ok(items) => items.iter().for_each(value),
            Err(_) => return false,
        },
        Payload::Dict(d) => match d.try_borrow() {
            Ok(d) => d.entries().for_each(|e| {
                value(&e.key);
                value(&e.value);
            }),
            Err(_) => return false,
        },
        Payload::Set(s) | Payload::FrozenSet(s) => match s.try_borrow() {
            Ok(s) => s.entries().for_each(|(_, key)| value(key)),
            Err(_) => return false,
        },
        Payload::Cell(c) => match c.try_borrow() {
            Ok(c) => c.iter().for_each(value),
            Err(_) => return false,
        },
        Payload::Function(func) => {
            value(&Value::Obj(func.globals.clone()));
            value(&Value::Obj(func.builtins.clone()));
            if let Some(closure) = &func.closure {
                value(&Value::Obj(closure.clone()));
            }
            for field in [
                &func.name,
                &func.qualname,
                &func.defaults,
                &func.kwdefaults,
                &func.annotations,
                &func.module,
                &func.doc,
            ] {
                if !cell(field, &mut value) {
                    return false;
                }
            }
        }
        Payload::BoundMethod(m) => {
            value(&m.func);
            value(&m.receiver);
        }
        Payload::Builtin(b) => {
            if let Some(owner) = &b.owner {
                value(&Value::Obj(owner.clone()));
            }
            if let Some(receiver) = &b.receiver {
                value(receiver);
            }
        }
        Payload::Type(t) => match (
            t.bases.try_borrow(),
            t.mro.try_borrow(),
            t.init_plan.try_borrow(),
        ) {
            (Ok(bases), Ok(mro), Ok(plan)) => {
                for class in bases.iter().chain(mro.iter()) {
                    value(&Value::Obj(class.clone()));
                }
                if let Some(plan) = plan.as_ref() {
                    plan.plan.values().for_each(&mut value);
                }
            }
            _ => return false,
        },
        Payload::Exception(d) => match d.try_borrow() {
            Ok(d) => {
                d.args.iter().for_each(&mut value);
                value(&d.traceback);
                value(&d.cause);
                value(&d.context);
            }
            Err(_) => return false,
        },
        Payload::Frame(f) => {
            if !f.for_each_value(&mut value) {
                return false;
            }
        }
        Payload::Traceback(tb) => {
            value(&tb.next);
            value(&Value::Obj(tb.frame.clone()));
        }
        Payload::Iter(it) => match it.try_borrow() {
            Ok(it) => it.for_each_value(&mut value),
            Err(_) => return false,
        },
        Payload::Generator(g) => match g.try_borrow() {
            Ok(g) => {
                if let Some(frame) = &g.frame {
                    frame.fast.iter().flatten().for_each(&mut value);
                    frame.stack.iter().for_each(&mut value);
                    if let Some(locals) = &frame.locals {
                        value(locals);
                    }
                    value(&Value::Obj(frame.core.globals.clone()));
                    value(&Value::Obj(frame.core.builtins.clone()));
                    if let Some(closure) = &frame.closure {
                        value(&Value::Obj(closure.clone()));
                    }
                }
                value(&g.exc_state);
            }
            Err(_) => return false,
        },
        Payload::AsyncOp(op) => match op.try_borrow() {
            Ok(op) => op.for_each_value(&mut value),
            Err(_) => return false,
        },
        Payload::Property(p) => {
            for field in [&p.fget, &p.fset, &p.fdel, &p.doc] {
                if !cell(field, &mut value) {
                    return false;
                }
            }
        }
        Payload::ClassMethod(v) | Payload::StaticMethod(v) => value(v),
        Payload::MemoryView(m) => value(&m.obj),
        Payload::Super(s) => {
            value(&Value::Obj(s.this.clone()));
            value(&s.obj);
            value(&Value::Obj(s.obj_type.clone()));
        }
        Payload::Instance
        | Payload::Int(_)
        | Payload::Float(_)
        | Payload::Complex(..)
        | Payload::Str(_)
        | Payload::Bytes(_)
        | Payload::ByteArray(_)
        | Payload::Range(_)
        | Payload::Code(_)
        | Payload::Module(_)
        | Payload::NotImplemented
        | Payload::Ellipsis => {}
    }
    true
}

/// Takes out what a garbage object refers to through its mutable parts;
/// the caller drops it once every garbage object is emptied. (Immutable
/// parts need no breaking: a cycle can only close through something changed
/// after it was made.)
fn take_contents(obj: &Object, taken: &mut Vec<Value>) {
    let mut take = |c: &RefCell<Value>| {
        if let Ok(mut v) = c.try_borrow_mut() {
            taken.push(std::mem::replace(&mut *v, Value::None));
        }
    };
    match &obj.payload {
        Payload::List(items) => {
            if let Ok(mut items) = items.try_borrow_mut() {
                taken.append(&mut items);
            }
        }
        Payload::Dict(d) => {
            if let Ok(mut d) = d.try_borrow_mut() {
                for e in d.entries() {
                    taken.push(e.key.clone());
                    taken.push(e.value.clone());
                }
                d.clear();
            }
        }
        Payload::Set(s) | Payload::FrozenSet(s) => {
            if let Ok(mut s) = s.try_borrow_mut() {
                let old = std::mem::take(&mut *s);
                taken.extend(old.entries().map(|(_, key)| key.clone()));
            }
        }
        Payload::Cell(c) => {
            if let Ok(mut c) = c.try_borrow_mut() {
                taken.extend(c.take());
            }
        }
        Payload::Function(func) => {
            for field in [
                &func.defaults,
                &func.kwdefaults,
                &func.annotations,
                &func.doc,
            ] {
                take(field);
            }
        }
        Payload::Property(p) => {
            for field in [&p.fget, &p.fset, &p.fdel, &p.doc] {
                take(field);
            }
        }
        Payload::Type(t) => {
            if let (Ok(mut bases), Ok(mut mro)) = (t.bases.try_borrow_mut(), t.mro.try_borrow_mut())
            {
                taken.extend(bases.drain(..).map(Value::Obj));
                taken.extend(mro.drain(..).map(Value::Obj));
            }
            if let Ok(mut plan) = t.init_plan.try_borrow_mut() {
                if let Some(plan) = plan.take() {
                    taken.extend(plan.plan.values().cloned());
                }
            }
        }
        Payload::Exception(d) => {
            if let Ok(mut d) = d.try_borrow_mut() {
                let d = &mut *d;
                taken.append(&mut d.args);
                for field in [&mut d.traceback, &mut d.cause, &mut d.context] {
                    taken.push(std::mem::replace(field, Value::None));
                }
            }
        }
        Payload::Iter(it) => {
            if let Ok(mut it) = it.try_borrow_mut() {
                let old = std::mem::replace(&mut *it, super::iter::Iter::Exhausted);
                old.for_each_value(&mut |v| taken.push(v.clone()));
            }
        }
        Payload::Frame(f) => f.take_values(taken),
        Payload::Generator(g) => {
            if let Ok(mut g) = g.try_borrow_mut() {
                if let Some(frame) = g.frame.take() {
                    let frame = *frame;
                    taken.extend(frame.fast.into_iter().flatten());
                    taken.extend(frame.stack);
                    taken.extend(frame.locals);
                }
                taken.push(std::mem::replace(&mut g.exc_state, Value::None));
            }
        }
        Payload::AsyncOp(op) => {
            if let Ok(mut op) = op.try_borrow_mut() {
                op.take_values(taken);
            }
        }
        _ => {}
    }
}

/// The unreachable objects among the tracked ones from `start` on, by the
/// analysis above (references from the objects before `start` count as
/// references from outside).
fn unreachable(start: usize) -> Vec<ObjRef> {
    // Every tracked object is alive (it leaves the set as it dies), and none
    // dies during the analysis: `objects` holds them all, in the set's order,
    // so that an object's `gc` is its index here plus `start` plus one.
    let objects: Vec<Option<ObjRef>> = TRACKED.with(|t| {
        let t = t.borrow();
        t.get(start..)
            .unwrap_or_default()
            .iter()
            .map(Weak::upgrade)
            .collect()
    });
    let index_of = |o: &ObjRef| -> Option<usize> {
        let i = o.gc.get().checked_sub(start + 1)?;
        matches!(objects.get(i), Some(Some(x)) if Rc::ptr_eq(x, o)).then_some(i)
    };
    // Step 1: each object's count, less the reference in `objects`.
    let mut counts: Vec<i64> = objects
        .iter()
        .map(|o| {
            o.as_ref()
                .map_or(REACHABLE, |o| Rc::strong_count(o) as i64 - 1)
        })
        .collect();
    // Step 2: references between tracked objects.
    let mut pending = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        let Some(o) = o else { continue };
        let inspected = for_each_referent(o, &mut |child| {
            if let Some(j) = index_of(child) {
                counts[j] -= 1;
            }
        });
        if !inspected {
            pending.push(i);
        }
    }
    // Step 3: the roots, and what they reach.
    pending.extend((0..objects.len()).filter(|&i| counts[i] > 0));
    for &i in &pending {
        counts[i] = REACHABLE;
    }
    while let Some(i) = pending.pop() {
        let Some(o) = &objects[i] else { continue };
        for_each_referent(o, &mut |child| {
            if let Some(j) = index_of(child) {
                if counts[j] != REACHABLE {
                    counts[j] = REACHABLE;
                    pending.push(j);
                }
            }
        });
    }
    objects
        .into_iter()
        .zip(counts)
        .filter_map(|(o, count)| o.filter(|_| count != REACHABLE))
        .collect()
}

/// Runs the finalizers (`__del__`, generator cleanup) of everything reachable
/// from `root`, in the order the objects were tracked, as a final collection
/// of a program's `__main__` does while its globals are still in place.
pub fn finalize_reachable(vm: &Vm, root: &ObjRef) {
    if !super::finalizers_possible() {
        return;
    }
    let mut seen = rustc_hash::FxHashSet::default();
    let mut stack = vec![root.clone()];
    let mut found = Vec::new();
    while let Some(obj) = stack.pop() {
        if !seen.insert(Rc::as_ptr(&obj) as usize) {
            continue;
        }
        if super::needs_finalizer_now(&obj) {
            found.push(obj.clone());
        }
        for_each_referent(&obj, &mut |o| stack.push(o.clone()));
    }
    found.sort_by_key(|o| o.gc.get());
    for o in found {
        super::queue_finalizer(o);
    }
    vm.run_finalizers();
}

/// Runs a full collection; the number of unreachable objects found.
pub fn collect(vm: &Vm) -> usize {
    collect_generations(vm, true)
}

/// Runs a collection of the young objects, or of all of them; the number of
/// unreachable objects found. The survivors are all old afterwards.
fn collect_generations(vm: &Vm, full: bool) -> usize {
    if COLLECTING.with(|c| c.replace(true)) {
        return 0;
    }
    ALLOCATED.with(|a| a.set(0));
    let start = if full { 0 } else { OLD.with(Cell::get) };
    let garbage = unreachable(start);
    let found = garbage.len();
    let with_finalizer: Vec<ObjRef> = garbage
        .iter()
        .filter(|o| super::needs_finalizer_now(o))
        .cloned()
        .collect();
    let garbage = if with_finalizer.is_empty() {
        garbage
    } else {
        drop(garbage);
        for o in with_finalizer {
            super::queue_finalizer(o);
        }
        vm.run_finalizers();
        // Finalizers may have made garbage reachable again; only what still
        // is unreachable goes (finalized objects are not finalized again).
        unreachable(start)
    };
    let mut taken = Vec::new();
    for o in &garbage {
        take_contents(o, &mut taken);
    }
    drop(garbage);
    drop(taken);
    let survivors = TRACKED.with(|t| t.borrow().len());
    let promoted = survivors - OLD.with(|o| o.replace(survivors));
    if full {
        PROMOTED.with(|p| p.set(0));
        OLD_AFTER_FULL.with(|o| o.set(survivors));
    } else {
        PROMOTED.with(|p| p.set(p.get() + promoted));
    }
    COLLECTING.with(|c| c.set(false));
    found
}
