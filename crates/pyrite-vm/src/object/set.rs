//! `set` and `frozenset`.
//!
//! The table is an open-addressing hash table laid out exactly as CPython's: the
//! same initial size, linear probes of nine slots then perturbed jumps, the same
//! resize thresholds, deleted slots left as dummies and reused by the next
//! insertion that passes them. Iteration walks the slots in order, so a set of
//! ints prints in the same order as CPython's (`{3, 100, 5, -2, ...}`), and the
//! set algebra (`|`, `&`, `-`, `^`) follows CPython's choice of which operand to
//! walk, since that too decides the order of the result.
//!
//! Equality of keys may run Python code (`__eq__`) that mutates the set; lookups
//! release the table for the call and restart if it changed meanwhile.

use std::cell::RefCell;

use super::{Object, Payload};
use crate::object::function::{add_method, add_static, Args};
use crate::ops::{self, BinaryOp, CompareOp};
use crate::value::{ObjRef, Value};
use crate::vm::{PyResult, Vm};

const MIN_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

#[derive(Clone)]
enum Slot {
    Empty,
    /// A deleted entry: probing continues past it.
    Dummy,
    Active {
        hash: i64,
        key: Value,
    },
}

#[derive(Clone)]
pub struct Set {
    table: Vec<Slot>,
    /// Active plus dummy slots.
    fill: usize,
    /// Active slots.
    used: usize,
    /// Where `pop` resumes its search.
    finger: usize,
    /// Bumped by every change, so that a lookup that ran Python code can tell
    /// the table changed under it.
    pub version: u64,
}

impl Default for Set {
    fn default() -> Self {
        Set::new()
    }
}

/// Where a lookup ended.
enum Found {
    Active(usize),
    /// Absent; `slot` is where it would go, `fresh` when that slot was never used.
    Vacant {
        slot: usize,
        fresh: bool,
    },
}

impl Set {
    pub fn new() -> Set {
        Set {
            table: vec![Slot::Empty; MIN_SIZE],
            fill: 0,
            used: 0,
            finger: 0,
            version: 0,
        }
    }

    pub fn len(&self) -> usize {
        self.used
    }

    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    fn mask(&self) -> usize {
        self.table.len() - 1
    }

    /// The number of slots: iteration positions run over `0..capacity()`.
    pub fn capacity(&self) -> usize {
        self.table.len()
    }

    /// The key in slot `index`, if the slot is active.
    pub fn key_at(&self, index: usize) -> Option<&Value> {
        match self.table.get(index) {
            Some(Slot::Active { key, .. }) => Some(key),
            _ => None,
        }
    }

    /// The active entries (hash, key) in slot order.
    pub fn entries(&self) -> impl Iterator<Item = (i64, &Value)> {
        self.table.iter().filter_map(|slot| match slot {
            Slot::Active { hash, key } => Some((*hash, key)),
            _ => None,
        })
    }

    pub fn keys(&self) -> Vec<Value> {
        self.entries().map(|(_, k)| k.clone()).collect()
    }

    fn entries_owned(&self) -> Vec<(i64, Value)> {
        self.entries().map(|(h, k)| (h, k.clone())).collect()
    }

    pub fn clear(&mut self) {
        *self = Set {
            version: self.version + 1,
            ..Set::new()
        };
    }

    /// Rebuilds the table with room for `min_used` entries, dropping dummies.
    fn resize(&mut self, min_used: usize) {
        let mut size = MIN_SIZE;
        while size <= min_used {
            size <<= 1;
        }
        let old = std::mem::replace(&mut self.table, vec![Slot::Empty; size]);
        for slot in old {
            if let Slot::Active { hash, key } = slot {
                self.insert_clean(hash, key);
            }
        }
        self.fill = self.used;
        self.version += 1;
    }

    /// Inserts a key known to be absent into a table without dummies.
    fn insert_clean(&mut self, hash: i64, key: Value) {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = hash as u64 as usize & mask;
        loop {
            if matches!(self.table[i], Slot::Empty) {
                self.table[i] = Slot::Active { hash, key };
                return;
            }
            if i + LINEAR_PROBES <= mask {
                for j in i + 1..=i + LINEAR_PROBES {
                    if matches!(self.table[j], Slot::Empty) {
                        self.table[j] = Slot::Active { hash, key };
                        return;
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    /// Fills a vacant slot found by a lookup.
    fn occupy(&mut self, slot: usize, fresh: bool, hash: i64, key: Value) {
        self.table[slot] = Slot::Active { hash, key };
        self.used += 1;
        self.version += 1;
        if fresh {
            self.fill += 1;
            if self.fill * 5 >= self.mask() * 3 {
                let used = self.used;
                self.resize(if used > 50000 { used * 2 } else { used * 4 });
            }
        }
    }

    fn remove_slot(&mut self, slot: usize) -> Option<Value> {
        match std::mem::replace(&mut self.table[slot], Slot::Dummy) {
            Slot::Active { key, .. } => {
                self.used -= 1;
                self.version += 1;
                Some(key)
            }
            other => {
                self.table[slot] = other;
                None
            }
        }
    }

    /// `set.pop()`: the first active slot from the finger on.
    fn pop(&mut self) -> Option<Value> {
        if self.used == 0 {
            return None;
        }
        let mask = self.mask();
        let mut i = self.finger & mask;
        while !matches!(self.table[i], Slot::Active { .. }) {
            i = if i == mask { 0 } else { i + 1 };
        }
        self.finger = i + 1;
        self.remove_slot(i)
    }
}

/// Looks a key up, deciding equality natively where possible and by `__eq__`
/// otherwise (restarting if the table changed during the call).
fn find(vm: &Vm, cell: &RefCell<Set>, key: &Value, hash: i64) -> PyResult<Found> {
    'restart: loop {
        let mut set = cell.borrow();
        let mut mask = set.mask();
        let mut perturb = hash as u64;
        let mut i = hash as u64 as usize & mask;
        let mut freeslot: Option<usize> = None;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in i..=i + probes {
                let candidate = match &set.table[j] {
                    Slot::Empty => {
                        return Ok(match freeslot {
                            Some(slot) => Found::Vacant { slot, fresh: false },
                            None => Found::Vacant {
                                slot: j,
                                fresh: true,
                            },
                        })
                    }
                    Slot::Dummy => {
                        freeslot.get_or_insert(j);
                        continue;
                    }
                    Slot::Active { hash: h, key: k } if *h == hash => k,
                    Slot::Active { .. } => continue,
                };
                match ops::native_eq(candidate, key) {
                    Some(true) => return Ok(Found::Active(j)),
                    Some(false) => {}
                    None => {
                        let candidate = candidate.clone();
                        let version = set.version;
                        drop(set);
                        let equal = ops::eq(vm, &candidate, key)?;
                        set = cell.borrow();
                        if set.version != version {
                            continue 'restart;
                        }
                        if equal {
                            return Ok(Found::Active(j));
                        }
                        mask = set.mask();
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }
}

/// Adds a key whose hash is known.
fn add_entry(vm: &Vm, cell: &RefCell<Set>, key: Value, hash: i64) -> PyResult<()> {
    if let Found::Vacant { slot, fresh } = find(vm, cell, &key, hash)? {
        cell.borrow_mut().occupy(slot, fresh, hash, key);
    }
    Ok(())
}

/// `s.add(key)`.
pub fn add(vm: &Vm, cell: &RefCell<Set>, key: Value) -> PyResult<()> {
    let hash = ops::hash(vm, &key)?;
    add_entry(vm, cell, key, hash)
}

fn contains_entry(vm: &Vm, cell: &RefCell<Set>, key: &Value, hash: i64) -> PyResult<bool> {
    Ok(matches!(find(vm, cell, key, hash)?, Found::Active(_)))
}

/// Removes a key if present; says whether it was.
fn discard_entry(vm: &Vm, cell: &RefCell<Set>, key: &Value, hash: i64) -> PyResult<bool> {
    match find(vm, cell, key, hash)? {
        Found::Active(slot) => Ok(cell.borrow_mut().remove_slot(slot).is_some()),
        Found::Vacant { .. } => Ok(false),
    }
}

/// The table of a set or frozenset.
pub fn set_cell(v: &Value) -> Option<&RefCell<Set>> {
    match v.payload() {
        Some(Payload::Set(s) | Payload::FrozenSet(s)) => Some(s),
        _ => None,
    }
}

pub fn is_any_set(v: &Value) -> bool {
    set_cell(v).is_some()
}

pub fn new_set_value(set: Set) -> Value {
    Value::Obj(Object::new(Payload::Set(Box::new(RefCell::new(set)))))
}

pub fn new_frozenset_value(set: Set) -> Value {
    Value::Obj(Object::new(Payload::FrozenSet(Box::new(RefCell::new(set)))))
}

/// The hash of a key, where an unhashable `set` key stands for the frozenset of
/// its items (so `{1} in {frozenset({1})}` works, as in CPython).
fn hash_for_lookup(vm: &Vm, key: &Value) -> PyResult<(Value, i64)> {
    match ops::hash(vm, key) {
        Ok(h) => Ok((key.clone(), h)),
        Err(e) => match key.payload() {
            Some(Payload::Set(s)) if vm.err_matches(&e, &vm.types.type_error) => {
                let frozen = new_frozenset_value(s.borrow().clone());
                let h = ops::hash(vm, &frozen)?;
                Ok((frozen, h))
            }
            _ => Err(e),
        },
    }
}

/// `key in s`.
pub fn contains(vm: &Vm, s: &Value, key: &Value) -> PyResult<bool> {
    let Some(cell) = set_cell(s) else {
        return Ok(false);
    };
    let (key, hash) = hash_for_lookup(vm, key)?;
    contains_entry(vm, cell, &key, hash)
}

/// Adds every item of a set or of another set (CPython's `set_merge`).
fn merge(vm: &Vm, cell: &RefCell<Set>, other: &RefCell<Set>) -> PyResult<()> {
    if std::ptr::eq(cell, other) {
        return Ok(());
    }
    let other = other.borrow().clone();
    if other.used == 0 {
        return Ok(());
    }
    {
        let mut set = cell.borrow_mut();
        if (set.fill + other.used) * 5 >= set.mask() * 3 {
            let wanted = (set.used + other.used) * 2;
            set.resize(wanted);
        }
        if set.fill == 0 {
            if set.mask() == other.mask() && other.fill == other.used {
                // Same size, no dummies: the layout carries over as it is.
                let version = set.version + 1;
                *set = Set {
                    finger: 0,
                    version,
                    ..other
                };
                return Ok(());
            }
            for (hash, key) in other.entries_owned() {
                set.insert_clean(hash, key);
            }
            set.fill = other.used;
            set.used = other.used;
            set.version += 1;
            return Ok(());
        }
    }
    for (hash, key) in other.entries_owned() {
        add_entry(vm, cell, key, hash)?;
    }
    Ok(())
}

/// `s.update(iterable)` (CPython's `set_update_internal`).
pub fn update(vm: &Vm, cell: &RefCell<Set>, other: &Value) -> PyResult<()> {
    if let Some(other_cell) = set_cell(other) {
        return merge(vm, cell, other_cell);
    }
    if let Some(Payload::Dict(d)) = other.payload() {
        if !other.obj().is_some_and(|o| o.has_explicit_class()) {
            let entries: Vec<(i64, Value)> = d
                .borrow()
                .entries()
                .map(|e| (e.hash, e.key.clone()))
                .collect();
            {
                let mut set = cell.borrow_mut();
                if (set.fill + entries.len()) * 5 >= set.mask() * 3 {
                    let wanted = (set.used + entries.len()) * 2;
                    set.resize(wanted);
                }
            }
            for (hash, key) in entries {
                add_entry(vm, cell, key, hash)?;
            }
            return Ok(());
        }
    }
    let it = ops::iter(vm, other)?;
    while let Some(key) = ops::next(vm, &it)? {
        add(vm, cell, key)?;
    }
    Ok(())
}

/// A new set holding the items of an iterable.
pub fn from_iterable(vm: &Vm, iterable: &Value) -> PyResult<Set> {
    let cell = RefCell::new(Set::new());
    update(vm, &cell, iterable)?;
    Ok(cell.into_inner())
}

/// A set of the same kind as `like` (set for sets and set subclasses,
/// frozenset otherwise) holding `set`.
fn same_kind(vm: &Vm, like: &Value, set: Set) -> Value {
    if vm.is_instance(like, &vm.types.set) {
        new_set_value(set)
    } else {
        new_frozenset_value(set)
    }
}

fn copy_of(vm: &Vm, cell: &RefCell<Set>) -> PyResult<Set> {
    let result = RefCell::new(Set::new());
    merge(vm, &result, cell)?;
    Ok(result.into_inner())
}

fn intersection(vm: &Vm, a: &RefCell<Set>, other: &Value) -> PyResult<Set> {
    if let Some(b) = set_cell(other) {
        if std::ptr::eq(a, b) {
            return copy_of(vm, a);
        }
        let (small, large) = if b.borrow().len() > a.borrow().len() {
            (a, b)
        } else {
            (b, a)
        };
        let result = RefCell::new(Set::new());
        let entries = small.borrow().entries_owned();
        for (hash, key) in entries {
            if contains_entry(vm, large, &key, hash)? {
                add_entry(vm, &result, key, hash)?;
            }
        }
        return Ok(result.into_inner());
    }
    let result = RefCell::new(Set::new());
    let it = ops::iter(vm, other)?;
    while let Some(key) = ops::next(vm, &it)? {
        let hash = ops::hash(vm, &key)?;
        if contains_entry(vm, a, &key, hash)? {
            add_entry(vm, &result, key, hash)?;
        }
    }
    Ok(result.into_inner())
}

fn difference_update(vm: &Vm, cell: &RefCell<Set>, other: &Value) -> PyResult<()> {
    if let Some(b) = set_cell(other) {
        if std::ptr::eq(cell, b) {
            cell.borrow_mut().clear();
            return Ok(());
        }
        let entries = b.borrow().entries_owned();
        for (hash, key) in entries {
            discard_entry(vm, cell, &key, hash)?;
        }
        return Ok(());
    }
    let it = ops::iter(vm, other)?;
    while let Some(key) = ops::next(vm, &it)? {
        let (key, hash) = hash_for_lookup(vm, &key)?;
        discard_entry(vm, cell, &key, hash)?;
    }
    Ok(())
}

fn difference(vm: &Vm, a: &RefCell<Set>, other: &Value) -> PyResult<Set> {
    let other_len = match other.payload() {
        Some(Payload::Set(s) | Payload::FrozenSet(s)) => Some(s.borrow().len()),
        _ => None,
    };
    match (other_len, set_cell(other)) {
        (Some(n), Some(b)) if (a.borrow().len() >> 2) <= n => {
            let result = RefCell::new(Set::new());
            let entries = a.borrow().entries_owned();
            for (hash, key) in entries {
                if !contains_entry(vm, b, &key, hash)? {
                    add_entry(vm, &result, key, hash)?;
                }
            }
            Ok(result.into_inner())
        }
        _ => {
            let result = RefCell::new(copy_of(vm, a)?);
            difference_update(vm, &result, other)?;
            Ok(result.into_inner())
        }
    }
}

fn symmetric_difference_update(vm: &Vm, cell: &RefCell<Set>, other: &Value) -> PyResult<()> {
    let owned;
    let other_cell = match set_cell(other) {
        Some(b) => {
            if std::ptr::eq(cell, b) {
                cell.borrow_mut().clear();
                return Ok(());
            }
            b
        }
        None => {
            owned = RefCell::new(from_iterable(vm, other)?);
            &owned
        }
    };
    let entries = other_cell.borrow().entries_owned();
    for (hash, key) in entries {
        if !discard_entry(vm, cell, &key, hash)? {
            add_entry(vm, cell, key, hash)?;
        }
    }
    Ok(())
}

fn symmetric_difference(vm: &Vm, a: &Value, other: &Value) -> PyResult<Set> {
    let result = RefCell::new(from_iterable(vm, other)?);
    symmetric_difference_update(vm, &result, a)?;
    Ok(result.into_inner())
}

/// `a op b` for two sets (`|`, `&`, `-`, `^`).
pub fn binary(vm: &Vm, op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    let (Some(cell), true) = (set_cell(a), is_any_set(b)) else {
        return Ok(ops::not_implemented(vm));
    };
    let result = match op {
        BinaryOp::Or => {
            let result = RefCell::new(copy_of(vm, cell)?);
            update(vm, &result, b)?;
            result.into_inner()
        }
        BinaryOp::And => intersection(vm, cell, b)?,
        BinaryOp::Sub => difference(vm, cell, b)?,
        BinaryOp::Xor => symmetric_difference(vm, a, b)?,
        _ => return Ok(ops::not_implemented(vm)),
    };
    Ok(same_kind(vm, a, result))
}

/// `a op= b` for a set `a`: changes `a` in place.
pub fn inplace(vm: &Vm, op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    let Some(cell) = set_cell(a) else {
        return Ok(ops::not_implemented(vm));
    };
    if !is_any_set(b) {
        return Err(vm.type_error(format!(
            "unsupported operand type(s) for {}=: '{}' and '{}'",
            op.symbol(),
            vm.type_name(a),
            vm.type_name(b)
        )));
    }
    match op {
        BinaryOp::Or => update(vm, cell, b)?,
        BinaryOp::And => {
            let result = intersection(vm, cell, b)?;
            let version = cell.borrow().version + 1;
            *cell.borrow_mut() = Set { version, ..result };
        }
        BinaryOp::Sub => difference_update(vm, cell, b)?,
        BinaryOp::Xor => symmetric_difference_update(vm, cell, b)?,
        _ => return Ok(ops::not_implemented(vm)),
    }
    Ok(a.clone())
}

/// Is every item of `a` in `b`?
fn is_subset(vm: &Vm, a: &RefCell<Set>, b: &RefCell<Set>) -> PyResult<bool> {
    if a.borrow().len() > b.borrow().len() {
        return Ok(false);
    }
    let entries = a.borrow().entries_owned();
    for (hash, key) in entries {
        if !contains_entry(vm, b, &key, hash)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `a < b`, `a == b`, ... for two sets: subset comparisons.
pub fn compare(vm: &Vm, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    let (Some(x), Some(y)) = (set_cell(a), set_cell(b)) else {
        return Ok(ops::not_implemented(vm));
    };
    let (lx, ly) = (x.borrow().len(), y.borrow().len());
    let result = match op {
        CompareOp::Eq => lx == ly && is_subset(vm, x, y)?,
        CompareOp::Ne => !(lx == ly && is_subset(vm, x, y)?),
        CompareOp::Le => is_subset(vm, x, y)?,
        CompareOp::Ge => is_subset(vm, y, x)?,
        CompareOp::Lt => lx < ly && is_subset(vm, x, y)?,
        CompareOp::Gt => lx > ly && is_subset(vm, y, x)?,
    };
    Ok(Value::Bool(result))
}

fn shuffle_bits(h: u64) -> u64 {
    ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
}

/// `hash(frozenset)`: independent of insertion order (CPython's formula).
pub fn frozenset_hash(cell: &RefCell<Set>) -> i64 {
    let set = cell.borrow();
    let mut hash: u64 = 0;
    for (h, _) in set.entries() {
        hash ^= shuffle_bits(h as u64);
    }
    let slots = set.table.len();
    // The empty and dummy slots count as hashes 0 and -1 in CPython's sum.
    if (slots - set.fill) & 1 == 1 {
        hash ^= shuffle_bits(0);
    }
    if (set.fill - set.used) & 1 == 1 {
        hash ^= shuffle_bits(u64::MAX);
    }
    hash ^= (set.used as u64 + 1).wrapping_mul(1927868237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907133923);
    if hash == u64::MAX {
        hash = 590923713;
    }
    hash as i64
}

/// The items in iteration order.
pub fn items(v: &Value) -> Vec<Value> {
    set_cell(v).map(|c| c.borrow().keys()).unwrap_or_default()
}

// ----- the Python-visible methods ---------------------------------------------

fn this<'a>(vm: &Vm, v: &'a Value, method: &str) -> PyResult<&'a RefCell<Set>> {
    set_cell(v).ok_or_else(|| {
        vm.type_error(format!(
            "descriptor '{method}' for 'set' objects doesn't apply to a '{}' object",
            vm.type_name(v)
        ))
    })
}

fn this_mutable<'a>(vm: &Vm, v: &'a Value, method: &str) -> PyResult<&'a RefCell<Set>> {
    match v.payload() {
        Some(Payload::Set(s)) => Ok(s),
        _ => Err(vm.type_error(format!(
            "descriptor '{method}' for 'set' objects doesn't apply to a '{}' object",
            vm.type_name(v)
        ))),
    }
}

/// `s.union(*others)` and friends: fold the operation over the arguments.
fn multi(vm: &Vm, args: Args, name: &str, op: BinaryOp) -> PyResult<Value> {
    let (s, rest) = args.split_first(vm, name)?;
    rest.no_kwargs(vm, name)?;
    let cell = this(vm, &s, name)?;
    let result = RefCell::new(copy_of(vm, cell)?);
    if rest.pos.is_empty() {
        return Ok(same_kind(vm, &s, result.into_inner()));
    }
    for other in rest.pos {
        match op {
            BinaryOp::Or => update(vm, &result, other)?,
            BinaryOp::And => {
                let next = intersection(vm, &result, other)?;
                *result.borrow_mut() = next;
            }
            BinaryOp::Sub => {
                let next = difference(vm, &result, other)?;
                *result.borrow_mut() = next;
            }
            _ => symmetric_difference_update(vm, &result, other)?,
        }
    }
    Ok(same_kind(vm, &s, result.into_inner()))
}

/// `s.update(*others)` and friends: apply the operation in place.
fn multi_update(vm: &Vm, args: Args, name: &str, op: BinaryOp) -> PyResult<Value> {
    let (s, rest) = args.split_first(vm, name)?;
    rest.no_kwargs(vm, name)?;
    let cell = this_mutable(vm, &s, name)?;
    for other in rest.pos {
        match op {
            BinaryOp::Or => update(vm, cell, other)?,
            BinaryOp::And => {
                let next = intersection(vm, cell, other)?;
                let version = cell.borrow().version + 1;
                *cell.borrow_mut() = Set { version, ..next };
            }
            BinaryOp::Sub => difference_update(vm, cell, other)?,
            _ => symmetric_difference_update(vm, cell, other)?,
        }
    }
    Ok(Value::None)
}

/// The other operand of a subset test as a set (any iterable is accepted).
fn as_set_arg(vm: &Vm, v: &Value) -> PyResult<Value> {
    if is_any_set(v) {
        return Ok(v.clone());
    }
    Ok(new_set_value(from_iterable(vm, v)?))
}

fn set_new(vm: &Vm, args: Args, frozen: bool) -> PyResult<Value> {
    let (cls, rest) = args.split_first(vm, "set.__new__")?;
    let Value::Obj(class) = &cls else {
        return Err(vm.type_error("set.__new__(X): X is not a type object"));
    };
    let exact = std::rc::Rc::ptr_eq(
        class,
        if frozen {
            &vm.types.frozenset
        } else {
            &vm.types.set
        },
    );
    if !frozen {
        // `set.__init__` fills it.
        return if exact {
            Ok(new_set_value(Set::new()))
        } else {
            crate::object::typ::new_instance(vm, class)
        };
    }
    if exact {
        rest.no_kwargs(vm, "frozenset")?;
    }
    if rest.pos.len() > 1 {
        return Err(vm.type_error(format!(
            "frozenset expected at most 1 argument, got {}",
            rest.pos.len()
        )));
    }
    let set = match rest.pos.first() {
        Some(iterable) => {
            if exact {
                if let Some(Payload::FrozenSet(_)) = iterable.payload() {
                    if !iterable.obj().is_some_and(|o| o.has_explicit_class()) {
                        return Ok(iterable.clone());
                    }
                }
            }
            from_iterable(vm, iterable)?
        }
        None => Set::new(),
    };
    if exact {
        return Ok(new_frozenset_value(set));
    }
    let dict = class
        .as_type()
        .is_some_and(|t| t.has_instance_dict)
        .then(super::new_dict_object);
    Ok(Value::Obj(Object::with_class(
        Payload::FrozenSet(Box::new(RefCell::new(set))),
        class.clone(),
        dict,
    )))
}

fn register_common(vm: &Vm, t: &ObjRef) {
    add_method(vm, t, "__len__", |vm, args| {
        let [s] = args.exact::<1>(vm, "__len__")?;
        Ok(Value::from(this(vm, s, "__len__")?.borrow().len()))
    });
    add_method(vm, t, "__contains__", |vm, args| {
        let [s, x] = args.exact::<2>(vm, "__contains__")?;
        this(vm, s, "__contains__")?;
        contains(vm, s, x).map(Value::Bool)
    });
    add_method(vm, t, "__iter__", |vm, args| {
        let [s] = args.exact::<1>(vm, "__iter__")?;
        this(vm, s, "__iter__")?;
        Ok(crate::object::iter::set_iter(s))
    });
    add_method(vm, t, "__repr__", |vm, args| {
        let [s] = args.exact::<1>(vm, "__repr__")?;
        crate::repr::repr_set(vm, s).map(Value::from_string)
    });
    add_method(vm, t, "copy", |vm, args| {
        let [s] = args.exact::<1>(vm, "copy")?;
        if matches!(s.payload(), Some(Payload::FrozenSet(_)))
            && !s.obj().is_some_and(|o| o.has_explicit_class())
        {
            return Ok(s.clone());
        }
        let copy = copy_of(vm, this(vm, s, "copy")?)?;
        Ok(same_kind(vm, s, copy))
    });
    add_method(vm, t, "union", |vm, args| {
        multi(vm, args, "union", BinaryOp::Or)
    });
    add_method(vm, t, "intersection", |vm, args| {
        multi(vm, args, "intersection", BinaryOp::And)
    });
    add_method(vm, t, "difference", |vm, args| {
        multi(vm, args, "difference", BinaryOp::Sub)
    });
    add_method(vm, t, "symmetric_difference", |vm, args| {
        let [s, other] = args.exact::<2>(vm, "symmetric_difference")?;
        this(vm, s, "symmetric_difference")?;
        let result = symmetric_difference(vm, s, other)?;
        Ok(same_kind(vm, s, result))
    });
    add_method(vm, t, "issubset", |vm, args| {
        let [s, other] = args.exact::<2>(vm, "issubset")?;
        let other = as_set_arg(vm, other)?;
        compare(vm, s, &other, CompareOp::Le)
    });
    add_method(vm, t, "issuperset", |vm, args| {
        let [s, other] = args.exact::<2>(vm, "issuperset")?;
        let other = as_set_arg(vm, other)?;
        compare(vm, s, &other, CompareOp::Ge)
    });
    add_method(vm, t, "isdisjoint", |vm, args| {
        let [s, other] = args.exact::<2>(vm, "isdisjoint")?;
        let cell = this(vm, s, "isdisjoint")?;
        let it = ops::iter(vm, other)?;
        while let Some(key) = ops::next(vm, &it)? {
            let hash = ops::hash(vm, &key)?;
            if contains_entry(vm, cell, &key, hash)? {
                return Ok(Value::Bool(false));
            }
        }
        Ok(Value::Bool(true))
    });
    for name in [
        "__or__", "__ror__", "__and__", "__rand__", "__sub__", "__rsub__", "__xor__", "__rxor__",
    ] {
        add_method(vm, t, name, ops::numeric_dunder(name));
    }
    for name in ["__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"] {
        add_method(vm, t, name, ops::compare_dunder(name));
    }
}

pub fn register(vm: &Vm) {
    let set = &vm.types.set;
    register_common(vm, set);
    add_static(vm, set, "__new__", |vm, args| set_new(vm, args, false));
    add_method(vm, set, "__init__", |vm, args| {
        let (s, rest) = args.split_first(vm, "set")?;
        if !vm.type_of(&s).as_type().is_some_and(|t| t.is_heap) {
            rest.no_kwargs(vm, "set")?;
        }
        if rest.pos.len() > 1 {
            return Err(vm.type_error(format!(
                "set expected at most 1 argument, got {}",
                rest.pos.len()
            )));
        }
        let cell = this_mutable(vm, &s, "__init__")?;
        cell.borrow_mut().clear();
        if let Some(iterable) = rest.pos.first() {
            update(vm, cell, iterable)?;
        }
        Ok(Value::None)
    });
    crate::ops::set_attr_in_dict(vm, set, "__hash__", Value::None);
    add_method(vm, set, "add", |vm, args| {
        let [s, key] = args.exact::<2>(vm, "add")?;
        add(vm, this_mutable(vm, s, "add")?, key.clone())?;
        Ok(Value::None)
    });
    add_method(vm, set, "discard", |vm, args| {
        let [s, key] = args.exact::<2>(vm, "discard")?;
        let cell = this_mutable(vm, s, "discard")?;
        let (key, hash) = hash_for_lookup(vm, key)?;
        discard_entry(vm, cell, &key, hash)?;
        Ok(Value::None)
    });
    add_method(vm, set, "remove", |vm, args| {
        let [s, key] = args.exact::<2>(vm, "remove")?;
        let cell = this_mutable(vm, s, "remove")?;
        let (lookup_key, hash) = hash_for_lookup(vm, key)?;
        if !discard_entry(vm, cell, &lookup_key, hash)? {
            return Err(vm.key_error(key.clone()));
        }
        Ok(Value::None)
    });
    add_method(vm, set, "pop", |vm, args| {
        let [s] = args.exact::<1>(vm, "pop")?;
        let popped = this_mutable(vm, s, "pop")?.borrow_mut().pop();
        popped.ok_or_else(|| vm.new_error(&vm.types.key_error, "pop from an empty set"))
    });
    add_method(vm, set, "clear", |vm, args| {
        let [s] = args.exact::<1>(vm, "clear")?;
        this_mutable(vm, s, "clear")?.borrow_mut().clear();
        Ok(Value::None)
    });
    add_method(vm, set, "update", |vm, args| {
        multi_update(vm, args, "update", BinaryOp::Or)
    });
    add_method(vm, set, "intersection_update", |vm, args| {
        multi_update(vm, args, "intersection_update", BinaryOp::And)
    });
    add_method(vm, set, "difference_update", |vm, args| {
        multi_update(vm, args, "difference_update", BinaryOp::Sub)
    });
    add_method(vm, set, "symmetric_difference_update", |vm, args| {
        let [s, other] = args.exact::<2>(vm, "symmetric_difference_update")?;
        symmetric_difference_update(
            vm,
            this_mutable(vm, s, "symmetric_difference_update")?,
            other,
        )?;
        Ok(Value::None)
    });
    for name in ["__ior__", "__iand__", "__isub__", "__ixor__"] {
        add_method(vm, set, name, inplace_dunder(name));
    }

    let frozenset = &vm.types.frozenset;
    register_common(vm, frozenset);
    add_static(vm, frozenset, "__new__", |vm, args| set_new(vm, args, true));
    add_method(vm, frozenset, "__hash__", |vm, args| {
        let [s] = args.exact::<1>(vm, "__hash__")?;
        Ok(Value::Int(frozenset_hash(this(vm, s, "__hash__")?)))
    });
}

/// The native function behind `set.__ior__` etc.
fn inplace_dunder(name: &str) -> crate::object::function::NativeFn {
    fn run(vm: &Vm, args: Args, op: BinaryOp) -> PyResult<Value> {
        let [a, b] = args.exact::<2>(vm, "in-place operator")?;
        if !is_any_set(b) {
            return Ok(ops::not_implemented(vm));
        }
        inplace(vm, op, a, b)
    }
    match name {
        "__ior__" => |vm, a| run(vm, a, BinaryOp::Or),
        "__iand__" => |vm, a| run(vm, a, BinaryOp::And),
        "__isub__" => |vm, a| run(vm, a, BinaryOp::Sub),
        _ => |vm, a| run(vm, a, BinaryOp::Xor),
    }
}
