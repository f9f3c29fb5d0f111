//! `dict`: an insertion-ordered hash table.
//!
//! Entries live in a vector in insertion order (a deleted entry leaves a hole,
//! compacted when holes outnumber entries); a `hashbrown::HashTable` maps hashes
//! to entry indices. Keys are compared the Python way: identity first, then
//! equality. For the built-in key types equality is decided natively; for other
//! keys it may run Python code (`__eq__`), which may mutate the dict, so lookups
//! that need it are driven from `ops`, outside any borrow, and restart when the
//! dict changed meanwhile (as CPython's do).

use std::cell::Cell;

use hashbrown::HashTable;

use super::Payload;
use crate::object::function::{add_classmethod, add_method, add_static, Args};
use crate::ops;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

#[derive(Clone)]
pub struct Entry {
    pub hash: i64,
    pub key: Value,
    pub value: Value,
}

#[derive(Clone, Default)]
pub struct Dict {
    entries: Vec<Option<Entry>>,
    table: HashTable<usize>,
    used: usize,
    /// Bumped by every mutation, so that iteration and lookups that ran Python
    /// code can tell the dict changed under them.
    pub version: u64,
    /// Changes whenever the set of keys (or their positions) changes, to a
    /// value no other dict has had: caches of where a name lives check it.
    pub keys_version: u64,
    /// This is a class's namespace: its changes invalidate the type cache.
    pub watched: bool,
}

thread_local! {
    static NEXT_KEYS_VERSION: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
}

fn next_keys_version() -> u64 {
    NEXT_KEYS_VERSION.with(|n| {
        let v = n.get();
        n.set(v + 1);
        v
    })
}

/// What a native lookup could decide.
pub enum Probe {
    Found(usize),
    Missing,
    /// These candidates (entry index, key) have the right hash but need Python
    /// equality to decide.
    Undecided(Vec<(usize, Value)>),
}

impl Dict {
    pub fn new() -> Dict {
        Dict::default()
    }

    pub fn len(&self) -> usize {
        self.used
    }

    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    pub fn entry(&self, index: usize) -> Option<&Entry> {
        self.entries.get(index).and_then(|e| e.as_ref())
    }

    pub fn entry_mut(&mut self, index: usize) -> Option<&mut Entry> {
        self.changed();
        self.entries.get_mut(index).and_then(|e| e.as_mut())
    }

    /// The number of entry slots (holes included): iteration positions run
    /// over `0..capacity()`.
    pub fn capacity(&self) -> usize {
        self.entries.len()
    }

    /// Records a mutation of the entries.
    fn changed(&mut self) {
        self.version += 1;
        if self.watched {
            super::type_cache::invalidate();
        }
    }

    /// Looks a key up deciding equality natively where possible.
    pub fn probe(&self, hash: i64, key: &Value) -> Probe {
        let mut undecided = Vec::new();
        for &index in self.table.iter_hash(hash as u64) {
            let Some(entry) = &self.entries[index] else {
                continue;
            };
            if entry.hash != hash {
                continue;
            }
            match ops::native_eq(&entry.key, key) {
                Some(true) => return Probe::Found(index),
                Some(false) => {}
                None => undecided.push((index, entry.key.clone())),
            }
        }
        if undecided.is_empty() {
            Probe::Missing
        } else {
            Probe::Undecided(undecided)
        }
    }

    /// Lookup by a str key (attribute and global dicts): never runs Python code.
    pub fn get_str(&self, key: &str) -> Option<Value> {
        let hash = super::str::hash_str(key);
        for &index in self.table.iter_hash(hash as u64) {
            if let Some(entry) = &self.entries[index] {
                if entry.hash == hash && entry.key.as_str() == Some(key) {
                    return Some(entry.value.clone());
                }
            }
        }
        None
    }

    /// The entry index of a str-keyed item, found by a str object (a name from
    /// a code object). Never runs Python code.
    pub fn index_of_name(&self, name: &Value) -> Option<usize> {
        let Some(Payload::Str(s)) = name.payload() else {
            return None;
        };
        let hash = s.hash();
        self.table.iter_hash(hash as u64).copied().find(|&index| {
            self.entries[index].as_ref().is_some_and(|entry| {
                entry.hash == hash && (entry.key.is(name) || entry.key.as_str() == Some(s.as_str()))
            })
        })
    }

    /// The value at an entry index if its key is `name` (a cached position
    /// still holds).
    #[inline]
    pub fn value_if_key(&self, index: usize, name: &Value) -> Option<Value> {
        let entry = self.entries.get(index)?.as_ref()?;
        // The usual case: the very str object the name was stored under.
        if entry.key.same_object(name) {
            return Some(entry.value.clone());
        }
        Self::value_if_equal_key(entry, name)
    }

    #[inline(never)]
    fn value_if_equal_key(entry: &Entry, name: &Value) -> Option<Value> {
        if entry.key.is(name)
            || (entry.key.as_str().is_some() && entry.key.as_str() == name.as_str())
        {
            Some(entry.value.clone())
        } else {
            None
        }
    }

    /// `get_name`, trying the entry at `hint` first: instances of one class
    /// usually have their attributes at the same positions, so an attribute
    /// cache remembers where the name was last found (and learns it here).
    #[inline]
    pub fn get_name_hinted(&self, name: &Value, hint: &Cell<u32>) -> Option<Value> {
        if let Some(Some(entry)) = self.entries.get(hint.get() as usize) {
            if entry.key.same_object(name) {
                return Some(entry.value.clone());
            }
        }
        self.get_name_learning(name, hint)
    }

    /// `get_name_hinted` when the hint missed: finds the name and remembers
    /// where.
    #[inline(never)]
    fn get_name_learning(&self, name: &Value, hint: &Cell<u32>) -> Option<Value> {
        let index = self.index_of_name(name)?;
        hint.set(index as u32);
        self.entries[index].as_ref().map(|e| e.value.clone())
    }

    /// `insert_name`, trying the entry at `hint` first (see `get_name_hinted`).
    pub fn insert_name_hinted(&mut self, name: &Value, value: Value, hint: &Cell<u32>) {
        let at = hint.get() as usize;
        if let Some(Some(entry)) = self.entries.get(at) {
            if entry.key.same_object(name) {
                self.set_value(at, value);
                return;
            }
        }
        if let Some(index) = self.insert_name(name, value) {
            hint.set(index as u32);
        }
    }

    /// Lookup by a str object (a name from a code object): uses the str's cached
    /// hash and tries identity before comparing text. Never runs Python code.
    pub fn get_name(&self, name: &Value) -> Option<Value> {
        let Some(Payload::Str(s)) = name.payload() else {
            return None;
        };
        let hash = s.hash();
        for &index in self.table.iter_hash(hash as u64) {
            if let Some(entry) = &self.entries[index] {
                if entry.hash == hash
                    && (entry.key.is(name) || entry.key.as_str() == Some(s.as_str()))
                {
                    return Some(entry.value.clone());
                }
            }
        }
        None
    }

    /// Finds the entry of a str-keyed item.
    pub fn index_of_str(&self, key: &str, hash: i64) -> Option<usize> {
        for &index in self.table.iter_hash(hash as u64) {
            if let Some(entry) = &self.entries[index] {
                if entry.hash == hash && entry.key.as_str() == Some(key) {
                    return Some(index);
                }
            }
        }
        None
    }

    /// Inserts with a key whose hash is known and which is known to be absent.
    pub fn insert_new(&mut self, hash: i64, key: Value, value: Value) {
        let index = self.entries.len();
        self.entries.push(Some(Entry { hash, key, value }));
        let entries = &self.entries;
        self.table.insert_unique(hash as u64, index, |&i| {
            entries[i].as_ref().map_or(0, |e| e.hash as u64)
        });
        self.used += 1;
        self.changed();
        self.keys_version = next_keys_version();
    }

    /// Inserts or replaces an item whose key is a str.
    pub fn insert_str_key(&mut self, key: Value, value: Value) {
        let Some(s) = key.as_str() else {
            return;
        };
        let hash = super::str::hash_str(s);
        match self.index_of_str(s, hash) {
            Some(index) => {
                if let Some(entry) = self.entries[index].as_mut() {
                    entry.value = value;
                }
                self.changed();
            }
            None => self.insert_new(hash, key, value),
        }
    }

    /// Inserts or replaces an item keyed by a str object (an interned name
    /// from a code object): its cached hash and its identity make the probe
    /// cheap. Gives the entry's index (None, and nothing stored, if `name` is
    /// not a str).
    pub fn insert_name(&mut self, name: &Value, value: Value) -> Option<usize> {
        let Some(Payload::Str(s)) = name.payload() else {
            return None;
        };
        let hash = s.hash();
        match self.index_of_name(name) {
            Some(index) => {
                self.set_value(index, value);
                Some(index)
            }
            None => {
                // `insert_new` appends.
                let index = self.entries.len();
                self.insert_new(hash, name.clone(), value);
                Some(index)
            }
        }
    }

    /// Replaces the value of an existing entry.
    #[inline(always)]
    pub fn set_value(&mut self, index: usize, value: Value) {
        if let Some(entry) = self.entries[index].as_mut() {
            entry.value = value;
        }
        self.changed();
    }

    /// Removes an entry; returns it.
    pub fn remove_at(&mut self, index: usize) -> Option<Entry> {
        let entry = self.entries.get_mut(index)?.take()?;
        if let Ok(slot) = self.table.find_entry(entry.hash as u64, |&i| i == index) {
            slot.remove();
        }
        self.used -= 1;
        self.changed();
        self.keys_version = next_keys_version();
        if self.entries.len() > 16 && self.used * 2 < self.entries.len() {
            self.compact();
        }
        Some(entry)
    }

    /// Drops the holes left by deletions.
    fn compact(&mut self) {
        let entries: Vec<Option<Entry>> = self.entries.drain(..).filter(|e| e.is_some()).collect();
        self.entries = entries;
        self.table.clear();
        for (index, entry) in self.entries.iter().enumerate() {
            let hash = entry.as_ref().map_or(0, |e| e.hash as u64);
            let entries = &self.entries;
            self.table.insert_unique(hash, index, |&i| {
                entries[i].as_ref().map_or(0, |e| e.hash as u64)
            });
        }
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.table.clear();
        self.used = 0;
        self.changed();
        self.keys_version = next_keys_version();
    }

    /// The last entry (for `popitem`).
    pub fn last_index(&self) -> Option<usize> {
        self.entries.iter().rposition(|e| e.is_some())
    }

    /// A snapshot of the items in order.
    pub fn items(&self) -> Vec<(Value, Value)> {
        self.entries
            .iter()
            .flatten()
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect()
    }

    pub fn keys(&self) -> Vec<Value> {
        self.entries
            .iter()
            .flatten()
            .map(|e| e.key.clone())
            .collect()
    }

    pub fn values(&self) -> Vec<Value> {
        self.entries
            .iter()
            .flatten()
            .map(|e| e.value.clone())
            .collect()
    }

    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().flatten()
    }
}

// ----- the Python-visible methods ---------------------------------------------

fn this<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a std::cell::RefCell<Dict>> {
    match v.payload() {
        Some(Payload::Dict(d)) => Ok(d),
        _ => Err(vm.type_error(format!(
            "descriptor requires a 'dict' object but received a '{}'",
            vm.type_name(v)
        ))),
    }
}

pub fn register(vm: &Vm) {
    let t = &vm.types.dict;
    ops::set_attr_in_dict(vm, t, "__hash__", Value::None);
    add_static(vm, t, "__new__", |vm, args| {
        let (cls, _) = args.split_first(vm, "dict.__new__")?;
        super::typ::check_new_class(vm, &cls, &vm.types.dict)?;
        match &cls {
            Value::Obj(c) => crate::object::typ::new_instance(vm, c),
            _ => Err(vm.type_error("dict.__new__(X): X is not a type object")),
        }
    });
    add_method(vm, t, "__init__", |vm, args| {
        let (d, rest) = args.split_first(vm, "dict")?;
        if rest.pos.len() > 1 {
            return Err(vm.type_error(format!(
                "dict expected at most 1 argument, got {}",
                rest.pos.len()
            )));
        }
        if let Some(source) = rest.pos.first() {
            ops::dict_update_from(vm, &d, source)?;
        }
        for (k, v) in rest.kw_names.iter().zip(rest.kw_values) {
            ops::dict_set(vm, &d, k.clone(), v.clone())?;
        }
        Ok(Value::None)
    });
    add_method(vm, t, "__len__", |vm, args| {
        let [d] = args.exact::<1>(vm, "__len__")?;
        Ok(Value::from(this(vm, d)?.borrow().len()))
    });
    add_method(vm, t, "__getitem__", |vm, args| {
        let [d, k] = args.exact::<2>(vm, "__getitem__")?;
        ops::dict_getitem(vm, d, k)
    });
    add_method(vm, t, "__setitem__", |vm, args| {
        let [d, k, v] = args.exact::<3>(vm, "__setitem__")?;
        ops::dict_set(vm, d, k.clone(), v.clone())?;
        Ok(Value::None)
    });
    add_method(vm, t, "__delitem__", |vm, args| {
        let [d, k] = args.exact::<2>(vm, "__delitem__")?;
        match ops::dict_pop(vm, d, k)? {
            Some(_) => Ok(Value::None),
            None => Err(vm.key_error(k.clone())),
        }
    });
    add_method(vm, t, "__contains__", |vm, args| {
        let [d, k] = args.exact::<2>(vm, "__contains__")?;
        Ok(Value::Bool(ops::dict_get(vm, d, k)?.is_some()))
    });
    add_method(vm, t, "__iter__", |vm, args| {
        let [d] = args.exact::<1>(vm, "__iter__")?;
        Ok(crate::object::iter::dict_iter(
            d,
            crate::object::iter::DictIterKind::Keys,
        ))
    });
    add_method(vm, t, "__reversed__", |vm, args| {
        let [d] = args.exact::<1>(vm, "__reversed__")?;
        this(vm, d)?;
        let mut keys = this(vm, d)?.borrow().keys();
        keys.reverse();
        Ok(crate::object::iter::list_iter(
            crate::object::list::new_list(keys),
            false,
        ))
    });
    add_method(vm, t, "__repr__", |vm, args| {
        let [d] = args.exact::<1>(vm, "__repr__")?;
        this(vm, d)?;
        crate::repr::repr_dict(vm, d).map(Value::from_string)
    });
    add_method(vm, t, "__eq__", |vm, args| {
        let [a, b] = args.exact::<2>(vm, "__eq__")?;
        if !matches!(b.payload(), Some(Payload::Dict(_))) {
            return Ok(Value::Obj(vm.not_implemented.clone()));
        }
        Ok(Value::Bool(ops::dict_eq(vm, a, b)?))
    });
    add_method(vm, t, "get", |vm, args| {
        let pos = args.count_method(vm, "get", 2, 3)?;
        Ok(ops::dict_get(vm, &pos[0], &pos[1])?
            .unwrap_or_else(|| pos.get(2).cloned().unwrap_or(Value::None)))
    });
    add_method(vm, t, "setdefault", |vm, args| {
        let pos = args.count_method(vm, "setdefault", 2, 3)?;
        if let Some(v) = ops::dict_get(vm, &pos[0], &pos[1])? {
            return Ok(v);
        }
        let default = pos.get(2).cloned().unwrap_or(Value::None);
        ops::dict_set(vm, &pos[0], pos[1].clone(), default.clone())?;
        Ok(default)
    });
    add_method(vm, t, "pop", |vm, args| {
        let pos = args.count_method(vm, "pop", 2, 3)?;
        match ops::dict_pop(vm, &pos[0], &pos[1])? {
            Some(v) => Ok(v),
            None => pos
                .get(2)
                .cloned()
                .ok_or_else(|| vm.key_error(pos[1].clone())),
        }
    });
    add_method(vm, t, "popitem", |vm, args| {
        let [d] = args.exact::<1>(vm, "popitem")?;
        let dict = this(vm, d)?;
        let mut dict = dict.borrow_mut();
        let Some(index) = dict.last_index() else {
            return Err(vm.new_error(&vm.types.key_error, "popitem(): dictionary is empty"));
        };
        let entry = dict.remove_at(index).expect("last_index is an entry");
        Ok(crate::object::tuple::new_tuple(vec![
            entry.key,
            entry.value,
        ]))
    });
    add_method(vm, t, "keys", |vm, args| {
        let [d] = args.exact::<1>(vm, "keys")?;
        Ok(crate::object::iter::dict_view(
            d,
            crate::object::iter::DictIterKind::Keys,
        ))
    });
    add_method(vm, t, "values", |vm, args| {
        let [d] = args.exact::<1>(vm, "values")?;
        Ok(crate::object::iter::dict_view(
            d,
            crate::object::iter::DictIterKind::Values,
        ))
    });
    add_method(vm, t, "items", |vm, args| {
        let [d] = args.exact::<1>(vm, "items")?;
        Ok(crate::object::iter::dict_view(
            d,
            crate::object::iter::DictIterKind::Items,
        ))
    });
    add_method(vm, t, "update", |vm, args| {
        let (d, rest) = args.split_first(vm, "update")?;
        if rest.pos.len() > 1 {
            return Err(vm.type_error(format!(
                "update expected at most 1 argument, got {}",
                rest.pos.len()
            )));
        }
        if let Some(source) = rest.pos.first() {
            ops::dict_update_from(vm, &d, source)?;
        }
        for (k, v) in rest.kw_names.iter().zip(rest.kw_values) {
            ops::dict_set(vm, &d, k.clone(), v.clone())?;
        }
        Ok(Value::None)
    });
    add_method(vm, t, "clear", |vm, args| {
        let [d] = args.exact::<1>(vm, "clear")?;
        this(vm, d)?.borrow_mut().clear();
        Ok(Value::None)
    });
    add_method(vm, t, "copy", |vm, args| {
        let [d] = args.exact::<1>(vm, "copy")?;
        let copy = this(vm, d)?.borrow().clone();
        Ok(new_dict_value(copy))
    });
    add_classmethod(vm, t, "fromkeys", |vm, args| {
        let pos = args.count_method(vm, "fromkeys", 2, 3)?;
        let value = pos.get(2).cloned().unwrap_or(Value::None);
        let result = ops::call(vm, &pos[0], Args::positional(&[]))?;
        for key in ops::collect_iterable(vm, &pos[1])? {
            ops::setitem(vm, &result, key, value.clone())?;
        }
        Ok(result)
    });
    add_method(vm, t, "__or__", |vm, args| {
        let [a, b] = args.exact::<2>(vm, "__or__")?;
        if !matches!(b.payload(), Some(Payload::Dict(_))) {
            return Ok(Value::Obj(vm.not_implemented.clone()));
        }
        let copy = this(vm, a)?.borrow().clone();
        let result = new_dict_value(copy);
        ops::dict_update_from(vm, &result, b)?;
        Ok(result)
    });
}

pub fn new_dict_value(dict: Dict) -> Value {
    Value::Obj(super::Object::new(Payload::Dict(Box::new(
        std::cell::RefCell::new(dict),
    ))))
}
