//! The built-in iterators (over lists, tuples, ranges, strings, dicts, sets),
//! `enumerate`, `zip`, `map`, `filter`, `reversed`, `iter(callable, sentinel)`,
//! and the dict views.

use std::cell::RefCell;

use super::{Object, Payload};
use crate::object::function::{add_method, add_static, Args};
use crate::ops;
use crate::value::{ObjRef, Value};
use crate::vm::{PyResult, Vm};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DictIterKind {
    Keys,
    Values,
    Items,
}

pub enum Iter {
    List {
        list: Value,
        index: usize,
        reverse: bool,
    },
    Tuple {
        tuple: Value,
        index: usize,
    },
    Range {
        next: i64,
        step: i64,
        remaining: usize,
    },
    Str {
        s: Value,
        byte: usize,
    },
    Bytes {
        b: Value,
        index: usize,
    },
    Dict {
        dict: Value,
        index: usize,
        kind: DictIterKind,
        len: usize,
    },
    Set {
        set: Value,
        index: usize,
        len: usize,
    },
    Enumerate {
        it: Value,
        count: Value,
    },
    Zip {
        iters: Vec<Value>,
        strict: bool,
    },
    Map {
        func: Value,
        iters: Vec<Value>,
    },
    Filter {
        func: Value,
        it: Value,
    },
    /// `iter(obj)` for objects with only `__getitem__`.
    Sequence {
        seq: Value,
        index: usize,
    },
    Callable {
        func: Value,
        sentinel: Value,
    },
    /// A dict view (not an iterator: iterable, sized, set-like for keys/items).
    DictView {
        dict: Value,
        kind: DictIterKind,
    },
    Exhausted,
}

impl Iter {
    /// Calls `f` on every object the state refers to (for the cycle
    /// collector).
    pub fn for_each_value(&self, f: &mut dyn FnMut(&Value)) {
        match self {
            Iter::List { list: v, .. }
            | Iter::Tuple { tuple: v, .. }
            | Iter::Str { s: v, .. }
            | Iter::Bytes { b: v, .. }
            | Iter::Dict { dict: v, .. }
            | Iter::Set { set: v, .. }
            | Iter::Sequence { seq: v, .. }
            | Iter::DictView { dict: v, .. } => f(v),
            Iter::Enumerate { it, count } => {
                f(it);
                f(count);
            }
            Iter::Zip { iters, .. } => iters.iter().for_each(f),
            Iter::Map { func, iters } => {
                f(func);
                iters.iter().for_each(f);
            }
            Iter::Filter { func, it } => {
                f(func);
                f(it);
            }
            Iter::Callable { func, sentinel } => {
                f(func);
                f(sentinel);
            }
            Iter::Range { .. } | Iter::Exhausted => {}
        }
    }

    pub fn type_of(&self, vm: &Vm) -> ObjRef {
        let t = &vm.types;
        match self {
            Iter::List { reverse: false, .. } => t.list_iterator.clone(),
            Iter::List { reverse: true, .. } => t.list_reverseiterator.clone(),
            Iter::Tuple { .. } => t.tuple_iterator.clone(),
            Iter::Range { .. } => t.range_iterator.clone(),
            Iter::Str { .. } => t.str_iterator.clone(),
            Iter::Bytes { b, .. } if matches!(b.payload(), Some(Payload::ByteArray(_))) => {
                t.bytearray_iterator.clone()
            }
            Iter::Bytes { .. } => t.bytes_iterator.clone(),
            Iter::Dict {
                kind: DictIterKind::Keys,
                ..
            } => t.dict_keyiterator.clone(),
            Iter::Dict {
                kind: DictIterKind::Values,
                ..
            } => t.dict_valueiterator.clone(),
            Iter::Dict {
                kind: DictIterKind::Items,
                ..
            } => t.dict_itemiterator.clone(),
            Iter::Set { .. } => t.set_iterator.clone(),
            Iter::Enumerate { .. } => t.enumerate.clone(),
            Iter::Zip { .. } => t.zip.clone(),
            Iter::Map { .. } => t.map.clone(),
            Iter::Filter { .. } => t.filter.clone(),
            Iter::Sequence { .. } | Iter::Exhausted => t.seq_iterator.clone(),
            Iter::Callable { .. } => t.callable_iterator.clone(),
            Iter::DictView {
                kind: DictIterKind::Keys,
                ..
            } => t.dict_keys.clone(),
            Iter::DictView {
                kind: DictIterKind::Values,
                ..
            } => t.dict_values.clone(),
            Iter::DictView {
                kind: DictIterKind::Items,
                ..
            } => t.dict_items.clone(),
        }
    }

    /// How many items the iterator will still produce, when it knows.
    pub fn length_hint(&self) -> Option<usize> {
        match self {
            Iter::Range { remaining, .. } => Some(*remaining),
            Iter::Tuple { tuple, index } => match tuple.payload() {
                Some(Payload::Tuple(items)) => Some(items.len().saturating_sub(*index)),
                _ => None,
            },
            _ => None,
        }
    }

    /// The length of a dict view (views are sized; iterators are not).
    pub fn view_len(&self) -> Option<usize> {
        match self {
            Iter::DictView { dict, .. } => match dict.payload() {
                Some(Payload::Dict(d)) => Some(d.borrow().len()),
                _ => Some(0),
            },
            _ => None,
        }
    }
}

pub fn new_iter(state: Iter) -> Value {
    Value::Obj(Object::new(Payload::Iter(Box::new(RefCell::new(state)))))
}

pub fn list_iter(list: Value, reverse: bool) -> Value {
    let index = if reverse {
        match list.payload() {
            Some(Payload::List(items)) => items.borrow().len(),
            _ => 0,
        }
    } else {
        0
    };
    new_iter(Iter::List {
        list,
        index,
        reverse,
    })
}

pub fn tuple_iter(tuple: Value) -> Value {
    new_iter(Iter::Tuple { tuple, index: 0 })
}

pub fn range_iter(start: i64, step: i64, len: usize) -> Value {
    new_iter(Iter::Range {
        next: start,
        step,
        remaining: len,
    })
}

pub fn sequence_iter(seq: Value) -> Value {
    new_iter(Iter::Sequence { seq, index: 0 })
}

pub fn dict_iter(dict: &Value, kind: DictIterKind) -> Value {
    let len = match dict.payload() {
        Some(Payload::Dict(d)) => d.borrow().len(),
        _ => 0,
    };
    new_iter(Iter::Dict {
        dict: dict.clone(),
        index: 0,
        kind,
        len,
    })
}

pub fn set_iter(set: &Value) -> Value {
    let len = crate::object::set::set_cell(set).map_or(0, |c| c.borrow().len());
    new_iter(Iter::Set {
        set: set.clone(),
        index: 0,
        len,
    })
}

pub fn dict_view(dict: &Value, kind: DictIterKind) -> Value {
    new_iter(Iter::DictView {
        dict: dict.clone(),
        kind,
    })
}

/// `iter(v)` for the built-in iterables; `None` for other values.
pub fn builtin_iter(v: &Value) -> PyResult<Option<Value>> {
    let Value::Obj(o) = v else {
        return Ok(None);
    };
    Ok(Some(match &o.payload {
        Payload::List(_) => list_iter(v.clone(), false),
        Payload::Tuple(_) => tuple_iter(v.clone()),
        Payload::Range(r) => range_iter(r.start, r.step, r.len()),
        Payload::Str(_) => new_iter(Iter::Str {
            s: v.clone(),
            byte: 0,
        }),
        Payload::Bytes(_) | Payload::ByteArray(_) => new_iter(Iter::Bytes {
            b: v.clone(),
            index: 0,
        }),
        Payload::Dict(_) => dict_iter(v, DictIterKind::Keys),
        Payload::Set(_) | Payload::FrozenSet(_) => set_iter(v),
        Payload::Iter(state) => {
            let view = match &*state.borrow() {
                Iter::DictView { dict, kind } => Some((dict.clone(), *kind)),
                _ => None,
            };
            match view {
                Some((dict, kind)) => dict_iter(&dict, kind),
                None => v.clone(),
            }
        }
        // (Coroutines and async generators are not iterable.)
        Payload::Generator(_)
            if crate::object::generator::kind_of(v)
                .is_none_or(|k| k == crate::object::generator::GenKind::Generator) =>
        {
            v.clone()
        }
        _ => return Ok(None),
    }))
}

/// Advances a built-in iterator. Range, list and tuple iterators with items
/// left, the kinds `for` loops meet most, advance inline; the rest (and the
/// end of those) take the call to `next_other`.
#[inline(always)]
pub fn next_builtin(vm: &Vm, state: &RefCell<Iter>) -> PyResult<Option<Value>> {
    match next_quick(state) {
        Some(v) => Ok(Some(v)),
        None => next_other(vm, state),
    }
}

/// The next item of a range, forward list or tuple iterator with items left;
/// None for everything else.
#[inline(always)]
fn next_quick(state: &RefCell<Iter>) -> Option<Value> {
    let mut st = state.borrow_mut();
    match &mut *st {
        Iter::Range {
            next,
            step,
            remaining,
        } if *remaining != 0 => {
            let v = *next;
            *remaining -= 1;
            *next = next.wrapping_add(*step);
            Some(Value::Int(v))
        }
        Iter::List {
            list,
            index,
            reverse: false,
        } => {
            let Some(Payload::List(items)) = list.payload() else {
                return None;
            };
            let v = items.borrow().get(*index).cloned()?;
            *index += 1;
            Some(v)
        }
        Iter::Tuple { tuple, index } => {
            let Some(Payload::Tuple(items)) = tuple.payload() else {
                return None;
            };
            let v = items.get(*index).cloned()?;
            *index += 1;
            Some(v)
        }
        _ => None,
    }
}

/// `next_builtin` for what `next_quick` does not advance.
fn next_other(vm: &Vm, state: &RefCell<Iter>) -> PyResult<Option<Value>> {
    // Iterators that call Python code take their inputs out of the state first,
    // so that no borrow is held across the call.
    let mut st = state.borrow_mut();
    match &mut *st {
        Iter::List {
            list,
            index,
            reverse: true,
        } => {
            let next = match list.payload() {
                Some(Payload::List(items)) => {
                    let items = items.borrow();
                    if *index == 0 || *index > items.len() {
                        None
                    } else {
                        *index -= 1;
                        Some(items[*index].clone())
                    }
                }
                _ => None,
            };
            if next.is_none() {
                *st = Iter::Exhausted;
            }
            Ok(next)
        }
        // A forward list or a tuple iterator `next_quick` did not advance
        // is at its end.
        Iter::List { .. } | Iter::Tuple { .. } => {
            *st = Iter::Exhausted;
            Ok(None)
        }
        // ... and so is a range iterator.
        Iter::Range { .. } => Ok(None),
        Iter::Str { s, byte } => {
            let Some(text) = s.as_str() else {
                return Ok(None);
            };
            match text[*byte..].chars().next() {
                Some(c) => {
                    *byte += c.len_utf8();
                    Ok(Some(vm.char_str(c)))
                }
                None => Ok(None),
            }
        }
        Iter::Bytes { b, index } => {
            let Some(bytes) = crate::object::bytes_methods::buffer(b) else {
                return Ok(None);
            };
            match bytes.get(*index) {
                Some(&x) => {
                    *index += 1;
                    Ok(Some(Value::Int(x as i64)))
                }
                None => Ok(None),
            }
        }
        Iter::Dict {
            dict,
            index,
            kind,
            len,
        } => {
            let Some(Payload::Dict(d)) = dict.payload() else {
                return Ok(None);
            };
            let d = d.borrow();
            if d.len() != *len {
                *len = usize::MAX;
                return Err(vm.runtime_error("dictionary changed size during iteration"));
            }
            while *index < d.capacity() {
                let i = *index;
                *index += 1;
                if let Some(e) = d.entry(i) {
                    return Ok(Some(match kind {
                        DictIterKind::Keys => e.key.clone(),
                        DictIterKind::Values => e.value.clone(),
                        DictIterKind::Items => {
                            crate::object::tuple::new_tuple(vec![e.key.clone(), e.value.clone()])
                        }
                    }));
                }
            }
            Ok(None)
        }
        Iter::Set { set, index, len } => {
            let Some(cell) = crate::object::set::set_cell(set) else {
                return Ok(None);
            };
            let table = cell.borrow();
            if table.len() != *len {
                *len = usize::MAX;
                return Err(vm.runtime_error("Set changed size during iteration"));
            }
            while *index < table.capacity() {
                let i = *index;
                *index += 1;
                if let Some(key) = table.key_at(i) {
                    return Ok(Some(key.clone()));
                }
            }
            Ok(None)
        }
        Iter::Enumerate { it, count } => {
            let (it, n) = (it.clone(), count.clone());
            drop(st);
            match ops::next(vm, &it)? {
                Some(item) => {
                    let next_count = ops::binary_op(vm, ops::BinaryOp::Add, &n, &Value::Int(1))?;
                    if let Iter::Enumerate { count, .. } = &mut *state.borrow_mut() {
                        *count = next_count;
                    }
                    Ok(Some(crate::object::tuple::new_tuple(vec![n, item])))
                }
                None => Ok(None),
            }
        }
        Iter::Zip { iters, strict } => {
            let (iters, strict) = (iters.clone(), *strict);
            drop(st);
            if iters.is_empty() {
                return Ok(None);
            }
            let mut items = Vec::with_capacity(iters.len());
            for (i, it) in iters.iter().enumerate() {
                match ops::next(vm, it)? {
                    Some(v) => items.push(v),
                    None => {
                        if strict {
                            if i > 0 {
                                let plural = if i == 1 { "" } else { "s" };
                                return Err(vm.value_error(format!(
                                    "zip() argument {} is shorter than argument{plural} 1{}",
                                    i + 1,
                                    if i > 1 {
                                        format!("-{i}")
                                    } else {
                                        String::new()
                                    }
                                )));
                            }
                            for (j, other) in iters.iter().enumerate().skip(1) {
                                if ops::next(vm, other)?.is_some() {
                                    let plural = if j == 1 { "" } else { "s" };
                                    return Err(vm.value_error(format!(
                                        "zip() argument {} is longer than argument{plural} 1{}",
                                        j + 1,
                                        if j > 1 {
                                            format!("-{j}")
                                        } else {
                                            String::new()
                                        }
                                    )));
                                }
                            }
                        }
                        return Ok(None);
                    }
                }
            }
            Ok(Some(crate::object::tuple::new_tuple(items)))
        }
        Iter::Map { func, iters } => {
            let (func, iters) = (func.clone(), iters.clone());
            drop(st);
            let mut args = Vec::with_capacity(iters.len());
            for it in &iters {
                match ops::next(vm, it)? {
                    Some(v) => args.push(v),
                    None => return Ok(None),
                }
            }
            ops::call(vm, &func, Args::positional(&args)).map(Some)
        }
        Iter::Filter { func, it } => {
            let (func, it) = (func.clone(), it.clone());
            drop(st);
            while let Some(item) = ops::next(vm, &it)? {
                let keep = if func.is_none() {
                    ops::truthy(vm, &item)?
                } else {
                    let r = ops::call1(vm, &func, item.clone())?;
                    ops::truthy(vm, &r)?
                };
                if keep {
                    return Ok(Some(item));
                }
            }
            Ok(None)
        }
        Iter::Sequence { seq, index } => {
            let (seq, i) = (seq.clone(), *index);
            drop(st);
            match ops::getitem(vm, &seq, &Value::from(i)) {
                Ok(v) => {
                    if let Iter::Sequence { index, .. } = &mut *state.borrow_mut() {
                        *index += 1;
                    }
                    Ok(Some(v))
                }
                Err(e)
                    if vm.err_matches(&e, &vm.types.index_error)
                        || vm.err_matches(&e, &vm.types.stop_iteration) =>
                {
                    *state.borrow_mut() = Iter::Exhausted;
                    Ok(None)
                }
                Err(e) => Err(e),
            }
        }
        Iter::Callable { func, sentinel } => {
            let (func, sentinel) = (func.clone(), sentinel.clone());
            drop(st);
            let v = ops::call0(vm, &func)?;
            if ops::eq(vm, &v, &sentinel)? {
                *state.borrow_mut() = Iter::Exhausted;
                return Ok(None);
            }
            Ok(Some(v))
        }
        Iter::DictView { .. } => Err(vm.type_error("dict view is not an iterator")),
        Iter::Exhausted => Ok(None),
    }
}

fn iter_arg(vm: &Vm, v: &Value) -> PyResult<Value> {
    ops::iter(vm, v)
}

pub fn register(vm: &Vm) {
    let t = &vm.types;
    for it_type in [
        &t.list_iterator,
        &t.list_reverseiterator,
        &t.tuple_iterator,
        &t.range_iterator,
        &t.str_iterator,
        &t.bytes_iterator,
        &t.bytearray_iterator,
        &t.dict_keyiterator,
        &t.dict_valueiterator,
        &t.dict_itemiterator,
        &t.set_iterator,
        &t.enumerate,
        &t.zip,
        &t.map,
        &t.filter,
        &t.seq_iterator,
        &t.callable_iterator,
        &t.reversed,
    ] {
        add_method(vm, it_type, "__iter__", |vm, args| {
            let [it] = args.exact::<1>(vm, "__iter__")?;
            Ok(it.clone())
        });
        add_method(vm, it_type, "__next__", |vm, args| {
            let [it] = args.exact::<1>(vm, "__next__")?;
            ops::next(vm, it)?.ok_or_else(|| vm.stop_iteration(None))
        });
    }
    add_static(vm, &t.enumerate, "__new__", |vm, args| {
        let (_, rest) = args.split_first(vm, "enumerate")?;
        rest.only_kwargs(vm, "enumerate", &["iterable", "start"])?;
        let iterable = rest
            .pos
            .first()
            .or_else(|| rest.kwarg("iterable"))
            .ok_or_else(|| {
                vm.type_error("enumerate() missing required argument 'iterable' (pos 1)")
            })?;
        let start = match rest.pos.get(1).or_else(|| rest.kwarg("start")) {
            Some(s) => {
                if !s.is_int() {
                    return Err(vm.type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        vm.type_name(s)
                    )));
                }
                s.clone()
            }
            None => Value::Int(0),
        };
        Ok(new_iter(Iter::Enumerate {
            it: iter_arg(vm, iterable)?,
            count: start,
        }))
    });
    add_static(vm, &t.zip, "__new__", |vm, args| {
        let (_, rest) = args.split_first(vm, "zip")?;
        rest.only_kwargs(vm, "zip", &["strict"])?;
        let strict = match rest.kwarg("strict") {
            Some(v) => ops::truthy(vm, v)?,
            None => false,
        };
        let iters = rest
            .pos
            .iter()
            .map(|v| ops::iter(vm, v))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(new_iter(Iter::Zip { iters, strict }))
    });
    add_static(vm, &t.map, "__new__", |vm, args| {
        let (_, rest) = args.split_first(vm, "map")?;
        rest.no_kwargs(vm, "map")?;
        if rest.pos.len() < 2 {
            return Err(vm.type_error("map() must have at least two arguments."));
        }
        let iters = rest.pos[1..]
            .iter()
            .map(|v| iter_arg(vm, v))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(new_iter(Iter::Map {
            func: rest.pos[0].clone(),
            iters,
        }))
    });
    add_static(vm, &t.filter, "__new__", |vm, args| {
        let (_, rest) = args.split_first(vm, "filter")?;
        rest.no_kwargs(vm, "filter")?;
        let [func, iterable] = rest.pos else {
            return Err(vm.type_error(format!(
                "filter expected 2 arguments, got {}",
                rest.pos.len()
            )));
        };
        Ok(new_iter(Iter::Filter {
            func: func.clone(),
            it: iter_arg(vm, iterable)?,
        }))
    });
    add_static(vm, &t.reversed, "__new__", |vm, args| {
        let (_, rest) = args.split_first(vm, "reversed")?;
        rest.no_kwargs(vm, "reversed")?;
        let [seq] = rest.pos else {
            return Err(vm.type_error(format!(
                "reversed expected 1 argument, got {}",
                rest.pos.len()
            )));
        };
        reversed(vm, seq)
    });
    for view in [&t.dict_keys, &t.dict_values, &t.dict_items] {
        add_method(vm, view, "__len__", |vm, args| {
            let [v] = args.exact::<1>(vm, "__len__")?;
            match v.payload() {
                Some(Payload::Iter(it)) => Ok(Value::from(it.borrow().view_len().unwrap_or(0))),
                _ => Err(vm.type_error("expected a dict view")),
            }
        });
        add_method(vm, view, "__iter__", |vm, args| {
            let [v] = args.exact::<1>(vm, "__iter__")?;
            ops::iter(vm, v)
        });
        add_method(vm, view, "isdisjoint", |vm, args| {
            let [v, other] = args.exact::<2>(vm, "isdisjoint")?;
            let it = ops::iter(vm, other)?;
            while let Some(x) = ops::next(vm, &it)? {
                if view_contains(vm, v, &x)? {
                    return Ok(Value::Bool(false));
                }
            }
            Ok(Value::Bool(true))
        });
        add_method(vm, view, "__contains__", |vm, args| {
            let [v, x] = args.exact::<2>(vm, "__contains__")?;
            view_contains(vm, v, x).map(Value::Bool)
        });
        add_method(vm, view, "__repr__", |vm, args| {
            let [v] = args.exact::<1>(vm, "__repr__")?;
            let name = vm.type_name(v);
            let items = ops::collect_iterable(vm, v)?;
            let inner =
                crate::repr::repr_sequence(vm, &crate::object::list::new_list(items), "[", "]")?;
            Ok(Value::from_string(format!("{name}({inner})")))
        });
    }
}

/// A keys or items view as a new set of its elements (for the set
/// operations views support); `None` for other values.
pub fn view_as_set(vm: &Vm, v: &Value) -> PyResult<Option<Value>> {
    let Some(Payload::Iter(state)) = v.payload() else {
        return Ok(None);
    };
    let set_like = matches!(
        &*state.borrow(),
        Iter::DictView {
            kind: DictIterKind::Keys | DictIterKind::Items,
            ..
        }
    );
    if !set_like {
        return Ok(None);
    }
    let set = crate::object::set::from_iterable(vm, v)?;
    Ok(Some(crate::object::set::new_set_value(set)))
}

/// The keys (or items, or values) of a dict in reverse order.
fn reversed_dict(vm: &Vm, dict: &Value, kind: DictIterKind) -> PyResult<Value> {
    let mut items = ops::collect_iterable(vm, &dict_view(dict, kind))?;
    items.reverse();
    Ok(list_iter(crate::object::list::new_list(items), false))
}

/// `reversed(seq)`.
pub fn reversed(vm: &Vm, seq: &Value) -> PyResult<Value> {
    if let Some(Payload::Dict(_)) = seq.payload() {
        if !seq.obj().is_some_and(|o| o.has_explicit_class()) {
            return reversed_dict(vm, seq, DictIterKind::Keys);
        }
    }
    if let Some(Payload::Iter(state)) = seq.payload() {
        let view = match &*state.borrow() {
            Iter::DictView { dict, kind } => Some((dict.clone(), *kind)),
            _ => None,
        };
        if let Some((dict, kind)) = view {
            return reversed_dict(vm, &dict, kind);
        }
    }
    if ops::special_is_none(vm, seq, "__reversed__") {
        return Err(vm.type_error(format!("'{}' object is not reversible", vm.type_name(seq))));
    }
    if let Some(r) = ops::call_special(vm, seq, "__reversed__", &[])? {
        return Ok(r);
    }
    // Otherwise a sequence: something indexable that is not a mapping.
    let t = vm.type_of(seq);
    let indexable = crate::object::typ::lookup(&t, "__getitem__").is_some()
        && !matches!(
            seq.payload(),
            Some(Payload::Dict(_) | Payload::Set(_) | Payload::FrozenSet(_))
        );
    if !indexable {
        return Err(vm.type_error(format!("'{}' object is not reversible", vm.type_name(seq))));
    }
    let len = crate::builtins::len_of(vm, seq)?;
    // A sequence without __reversed__: index from the end.
    let items: Vec<Value> = (0..len)
        .rev()
        .map(|i| ops::getitem(vm, seq, &Value::from(i)))
        .collect::<PyResult<_>>()?;
    Ok(list_iter(crate::object::list::new_list(items), false))
}

fn view_contains(vm: &Vm, view: &Value, x: &Value) -> PyResult<bool> {
    let Some(Payload::Iter(state)) = view.payload() else {
        return Ok(false);
    };
    let (dict, kind) = match &*state.borrow() {
        Iter::DictView { dict, kind } => (dict.clone(), *kind),
        _ => return Ok(false),
    };
    match kind {
        DictIterKind::Keys => Ok(ops::dict_get(vm, &dict, x)?.is_some()),
        DictIterKind::Values => {
            for v in ops::collect_iterable(vm, view)? {
                if ops::eq(vm, &v, x)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        DictIterKind::Items => {
            let Some(Payload::Tuple(pair)) = x.payload() else {
                return Ok(false);
            };
            if pair.len() != 2 {
                return Ok(false);
            }
            match ops::dict_get(vm, &dict, &pair[0])? {
                Some(v) => ops::eq(vm, &v, &pair[1]),
                None => Ok(false),
            }
        }
    }
}
