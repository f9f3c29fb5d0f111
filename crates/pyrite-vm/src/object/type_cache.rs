//! The type attribute cache.
//!
//! Looking a name up on a class walks its MRO and probes one dict per class,
//! and an ordinary attribute access or method call asks several such
//! questions (`__getattribute__`? a data descriptor? `__setattr__`? the
//! method itself?), most of them answered "no". On `oop_sched.py` these walks
//! were a quarter of the run. CPython keeps a global cache keyed by a type's
//! version tag and the name; this is the same idea in its simplest form: a
//! two-way set-associative table of recent answers, misses included, all invalidated at
//! once by an epoch that moves whenever any class namespace changes (or a
//! class dies, so that a new class at the same address cannot inherit its
//! entries). Class namespaces rarely change after the class statement, so the
//! cost of the blunt invalidation is a refill now and then.
//!
//! The table keeps the cached values alive until their slot is reused; that
//! only delays the release of class attributes of dead classes.

use std::cell::{Cell, RefCell};

use crate::value::Value;

/// log2 of the number of sets; each set holds two entries, the more
/// recently filled first. 1,024 entries (48 KiB) hold the working set of the
/// benchmarks; a table past 64 KiB is a large allocation for mimalloc, and
/// cost 2 MiB of resident memory from start-up on.
const BITS: u32 = 9;
const SIZE: usize = 2 << BITS;

struct Entry {
    epoch: u64,
    class: usize,
    name: Box<str>,
    value: Option<Value>,
}

thread_local! {
    static EPOCH: Cell<u64> = const { Cell::new(1) };
    static TABLE: RefCell<Vec<Option<Entry>>> = const { RefCell::new(Vec::new()) };
}

/// The current epoch: answers recorded under another one are stale.
pub fn epoch() -> u64 {
    EPOCH.with(Cell::get)
}

/// Forgets every cached answer: a class namespace changed, or a class died.
pub fn invalidate() {
    EPOCH.with(|e| e.set(e.get() + 1));
}

/// The first slot of the set for a class and a name. The name's address stands in for its
/// hash (the names asked for are code-object constants and literals, whose
/// addresses are stable); the entry's own copy of the name decides a hit.
fn slot(class: usize, name: &str) -> usize {
    let mixed = (class as u64 >> 4)
        ^ (name.as_ptr() as u64).rotate_left(21)
        ^ (name.len() as u64).rotate_left(42);
    ((mixed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - BITS)) as usize) * 2
}

/// The cached answer for `class.name`, if there is a current one.
pub fn get(class: usize, name: &str) -> Option<Option<Value>> {
    let epoch = epoch();
    TABLE
        .try_with(|t| {
            let table = t.try_borrow().ok()?;
            let first = slot(class, name);
            table
                .get(first..first + 2)?
                .iter()
                .flatten()
                .find_map(|entry| {
                    (entry.epoch == epoch && entry.class == class && &*entry.name == name)
                        .then(|| entry.value.clone())
                })
        })
        .ok()
        .flatten()
}

/// Remembers the answer for `class.name`.
pub fn put(class: usize, name: &str, value: &Option<Value>) {
    let epoch = epoch();
    let replaced = TABLE
        .try_with(|t| {
            let mut table = t.try_borrow_mut().ok()?;
            if table.is_empty() {
                table.resize_with(SIZE, || None);
            }
            let first = slot(class, name);
            let entry = Entry {
                epoch,
                class,
                name: name.into(),
                value: value.clone(),
            };
            // The new answer goes first; the previous first answer moves to the
            // second place unless it is stale, and the second goes.
            let first_is_current = table[first].as_ref().is_some_and(|e| e.epoch == epoch);
            if first_is_current {
                let previous = table[first].replace(entry);
                std::mem::replace(&mut table[first + 1], previous)
            } else {
                table[first].replace(entry)
            }
        })
        .ok()
        .flatten();
    // The displaced value may be the last reference to an object whose
    // destructor looks attributes up: it goes after the table is released.
    drop(replaced);
}
