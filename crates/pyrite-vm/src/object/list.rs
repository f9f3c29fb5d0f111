//! `list`, slicing (shared by the sequences), and sorting.

use std::cell::RefCell;

use super::{Object, Payload};
use crate::object::function::{add_method, add_static};
use crate::ops;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub fn new_list(items: Vec<Value>) -> Value {
    Value::Obj(Object::new(Payload::List(RefCell::new(items))))
}

fn this<'a>(vm: &Vm, v: &'a Value, method: &str) -> PyResult<&'a RefCell<Vec<Value>>> {
    match v.payload() {
        Some(Payload::List(items)) => Ok(items),
        _ => Err(vm.type_error(format!(
            "descriptor '{method}' for 'list' objects doesn't apply to a '{}' object",
            vm.type_name(v)
        ))),
    }
}

/// The `start, stop, step` a slice selects in a sequence of `len` items,
/// clamped as `slice.indices(len)` does.
pub fn slice_bounds(vm: &Vm, slice: &[Value; 3], len: usize) -> PyResult<(i64, i64, i64)> {
    let len = len as i64;
    // A step beyond the i64 range clamps to it (as CPython clamps to
    // `sys.maxsize`), and so does `-sys.maxsize - 1`, so that it negates.
    let step = match &slice[2] {
        Value::None => 1,
        v => slice_index(vm, v)?.max(-i64::MAX),
    };
    if step == 0 {
        return Err(vm.value_error("slice step cannot be zero"));
    }
    let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
    let bound = |v: &Value, default: i64| -> PyResult<i64> {
        match v {
            Value::None => Ok(default),
            v => {
                // (Halved, so that adding the length cannot overflow.)
                let i = slice_index(vm, v)?.clamp(i64::MIN / 2, i64::MAX / 2);
                Ok(if i < 0 {
                    (i + len).max(lower)
                } else {
                    i.min(upper)
                })
            }
        }
    };
    let start = bound(&slice[0], if step < 0 { upper } else { lower })?;
    let stop = bound(&slice[1], if step < 0 { lower } else { upper })?;
    Ok((start, stop, step))
}

/// A slice's bound or step: an int, or what `__index__` gives; one beyond
/// the i64 range clamps to it, as CPython clamps to `sys.maxsize`.
fn slice_index(vm: &Vm, v: &Value) -> PyResult<i64> {
    if let Value::Int(i) = v {
        return Ok(*i);
    }
    let indexable = v.as_bigint().is_some()
        || crate::object::typ::lookup(&vm.type_of(v), "__index__").is_some();
    if !indexable {
        return Err(slice_index_error(vm));
    }
    let big = ops::index_bigint(vm, v)?;
    Ok(
        num_traits::ToPrimitive::to_i64(&big).unwrap_or(if big.sign() == num_bigint::Sign::Minus {
            i64::MIN
        } else {
            i64::MAX
        }),
    )
}

fn slice_index_error(vm: &Vm) -> crate::vm::PyErr {
    vm.type_error("slice indices must be integers or None or have an __index__ method")
}

/// The indices a slice selects, in order.
pub fn slice_indices(vm: &Vm, slice: &[Value; 3], len: usize) -> PyResult<Vec<usize>> {
    let (start, stop, step) = slice_bounds(vm, slice, len)?;
    Ok(positions(start, stop, step).collect())
}

/// The positions a slice's bounds (from `slice_bounds`) pick, in order.
fn positions(start: i64, stop: i64, step: i64) -> impl Iterator<Item = usize> {
    // (In i128: a step may be as large as an i64 goes.)
    let (start, stop, step) = (start as i128, stop as i128, step as i128);
    let count = if step > 0 {
        (stop - start + step - 1).max(0) / step
    } else {
        (start - stop - step - 1).max(0) / -step
    };
    (0..count).map(move |k| (start + k * step) as usize)
}

pub fn slice_str(vm: &Vm, s: &crate::object::str::PyStr, slice: &[Value; 3]) -> PyResult<String> {
    let (start, stop, step) = slice_bounds(vm, slice, s.len())?;
    if step == 1 {
        if start >= stop {
            return Ok(String::new());
        }
        return Ok(s.substring(start as usize, stop as usize).to_string());
    }
    if s.is_ascii() {
        let bytes = s.as_str().as_bytes();
        return Ok(positions(start, stop, step)
            .map(|i| bytes[i] as char)
            .collect());
    }
    let chars: Vec<char> = s.as_str().chars().collect();
    Ok(positions(start, stop, step).map(|i| chars[i]).collect())
}

/// `lst[slice] = values`.
pub fn set_slice(
    vm: &Vm,
    items: &RefCell<Vec<Value>>,
    slice: &[Value; 3],
    values: &Value,
) -> PyResult<()> {
    // The slice is checked before the values are read, and its step decides
    // the message for values that are not iterable.
    let (_, _, step) = slice_bounds(vm, slice, items.borrow().len())?;
    let new_items = ops::collect_iterable(vm, values).map_err(|e| {
        if !vm.err_matches(&e, &vm.types.type_error) {
            e
        } else if step == 1 {
            vm.type_error("can only assign an iterable")
        } else {
            vm.type_error("must assign iterable to extended slice")
        }
    })?;
    // (Collecting may have changed the list: the bounds are for its length now.)
    let len = items.borrow().len();
    let (start, stop, step) = slice_bounds(vm, slice, len)?;
    if step == 1 {
        let start = start as usize;
        let stop = (stop.max(start as i64)) as usize;
        items.borrow_mut().splice(start..stop, new_items);
        return Ok(());
    }
    let indices = slice_indices(vm, slice, len)?;
    if indices.len() != new_items.len() {
        return Err(vm.value_error(format!(
            "attempt to assign sequence of size {} to extended slice of size {}",
            new_items.len(),
            indices.len()
        )));
    }
    let mut items = items.borrow_mut();
    for (i, v) in indices.into_iter().zip(new_items) {
        items[i] = v;
    }
    Ok(())
}

/// A stable merge sort driven by a fallible "less than" (Python's sort uses only
/// `<`). It never assumes the comparison is a consistent order: a user `__lt__`
/// may be anything, and the result is then some permutation, never a crash.
pub fn merge_sort<T: Clone>(
    items: &mut [T],
    less: &mut dyn FnMut(&T, &T) -> PyResult<bool>,
) -> PyResult<()> {
    let n = items.len();
    if n < 2 {
        return Ok(());
    }
    // Binary insertion sort of short runs, then bottom-up merges.
    const RUN: usize = 32;
    let mut start = 0;
    while start < n {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let x = items[i].clone();
            let (mut lo, mut hi) = (start, i);
            while lo < hi {
                let mid = (lo + hi) / 2;
                if less(&x, &items[mid])? {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            items[lo..=i].rotate_right(1);
        }
        start = end;
    }
    let mut width = RUN;
    let mut buffer: Vec<T> = Vec::with_capacity(n);
    while width < n {
        let mut lo = 0;
        while lo + width < n {
            let mid = lo + width;
            let hi = (lo + 2 * width).min(n);
            buffer.clear();
            let (mut i, mut j) = (lo, mid);
            while i < mid && j < hi {
                // Take from the right only when it is strictly less: stability.
                if less(&items[j], &items[i])? {
                    buffer.push(items[j].clone());
                    j += 1;
                } else {
                    buffer.push(items[i].clone());
                    i += 1;
                }
            }
            buffer.extend_from_slice(&items[i..mid]);
            buffer.extend_from_slice(&items[j..hi]);
            items[lo..hi].clone_from_slice(&buffer);
            lo = hi;
        }
        width *= 2;
    }
    Ok(())
}

/// `list.sort(key=None, reverse=False)` on a vector of values.
pub fn sort_values(
    vm: &Vm,
    items: &mut Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> PyResult<()> {
    let keyed: Vec<(Value, Value)> = match key {
        Some(f) if !f.is_none() => items
            .iter()
            .map(|v| Ok((ops::call1(vm, f, v.clone())?, v.clone())))
            .collect::<PyResult<_>>()?,
        _ => items.iter().map(|v| (v.clone(), v.clone())).collect(),
    };
    let mut keyed = keyed;
    if reverse {
        // Reverse, sort stably, reverse: equal items keep their order.
        keyed.reverse();
        merge_sort(&mut keyed, &mut |a, b| ops::less_than(vm, &a.0, &b.0))?;
        keyed.reverse();
    } else {
        merge_sort(&mut keyed, &mut |a, b| ops::less_than(vm, &a.0, &b.0))?;
    }
    *items = keyed.into_iter().map(|(_, v)| v).collect();
    Ok(())
}

pub fn register(vm: &Vm) {
    let t = &vm.types.list;
    add_static(vm, t, "__new__", |vm, args| {
        let (cls, _) = args.split_first(vm, "list.__new__")?;
        match &cls {
            Value::Obj(c) => crate::object::typ::new_instance(vm, c),
            _ => Err(vm.type_error("list.__new__(X): X is not a type object")),
        }
    });
    add_method(vm, t, "__init__", |vm, args| {
        let (l, rest) = args.split_first(vm, "list")?;
        rest.no_kwargs(vm, "list")?;
        if rest.pos.len() > 1 {
            return Err(vm.type_error(format!(
                "list expected at most 1 argument, got {}",
                rest.pos.len()
            )));
        }
        let items = match rest.pos.first() {
            Some(source) => ops::collect_iterable(vm, source)?,
            None => Vec::new(),
        };
        *this(vm, &l, "__init__")?.borrow_mut() = items;
        Ok(Value::None)
    });
    add_method(vm, t, "append", |vm, args| {
        let [l, x] = args.exact::<2>(vm, "list.append")?;
        this(vm, l, "append")?.borrow_mut().push(x.clone());
        Ok(Value::None)
    });
    add_method(vm, t, "extend", |vm, args| {
        let [l, source] = args.exact::<2>(vm, "list.extend")?;
        let items = ops::collect_iterable(vm, source)?;
        this(vm, l, "extend")?.borrow_mut().extend(items);
        Ok(Value::None)
    });
    add_method(vm, t, "insert", |vm, args| {
        let pos = args.count_method(vm, "insert", 3, 3)?;
        let items = this(vm, &pos[0], "insert")?;
        let len = items.borrow().len() as i64;
        let i = ops::index_value(vm, &pos[1])?;
        let i = if i < 0 { (i + len).max(0) } else { i.min(len) };
        items.borrow_mut().insert(i as usize, pos[2].clone());
        Ok(Value::None)
    });
    add_method(vm, t, "pop", |vm, args| {
        let pos = args.count_method(vm, "pop", 1, 2)?;
        let items = this(vm, &pos[0], "pop")?;
        let len = items.borrow().len();
        if len == 0 {
            return Err(vm.index_error("pop from empty list"));
        }
        let i = match pos.get(1) {
            Some(index) => {
                let i = ops::index_value(vm, index)?;
                let j = if i < 0 { i + len as i64 } else { i };
                if j < 0 || j >= len as i64 {
                    return Err(vm.index_error("pop index out of range"));
                }
                j as usize
            }
            None => len - 1,
        };
        Ok(items.borrow_mut().remove(i))
    });
    add_method(vm, t, "remove", |vm, args| {
        let [l, x] = args.exact::<2>(vm, "list.remove")?;
        let items = this(vm, l, "remove")?;
        let snapshot = items.borrow().clone();
        for (i, item) in snapshot.iter().enumerate() {
            if ops::eq(vm, item, x)? {
                let mut items = items.borrow_mut();
                if i < items.len() {
                    items.remove(i);
                }
                return Ok(Value::None);
            }
        }
        Err(vm.value_error("list.remove(x): x not in list"))
    });
    add_method(vm, t, "index", |vm, args| {
        let pos = args.count_method(vm, "index", 2, 4)?;
        let snapshot = this(vm, &pos[0], "index")?.borrow().clone();
        if let Some(i) = index_of(vm, &snapshot, &pos[1], pos.get(2), pos.get(3))? {
            return Ok(Value::from(i));
        }
        Err(vm.value_error(format!("{} is not in list", ops::repr(vm, &pos[1])?)))
    });
    add_method(vm, t, "count", |vm, args| {
        let [l, x] = args.exact::<2>(vm, "list.count")?;
        let snapshot = this(vm, l, "count")?.borrow().clone();
        let mut n = 0usize;
        for item in &snapshot {
            if ops::eq(vm, item, x)? {
                n += 1;
            }
        }
        Ok(Value::from(n))
    });
    add_method(vm, t, "reverse", |vm, args| {
        let [l] = args.exact::<1>(vm, "list.reverse")?;
        this(vm, l, "reverse")?.borrow_mut().reverse();
        Ok(Value::None)
    });
    add_method(vm, t, "clear", |vm, args| {
        let [l] = args.exact::<1>(vm, "list.clear")?;
        this(vm, l, "clear")?.borrow_mut().clear();
        Ok(Value::None)
    });
    add_method(vm, t, "copy", |vm, args| {
        let [l] = args.exact::<1>(vm, "list.copy")?;
        Ok(new_list(this(vm, l, "copy")?.borrow().clone()))
    });
    add_method(vm, t, "sort", |vm, args| {
        let (l, rest) = args.split_first(vm, "sort")?;
        if !rest.pos.is_empty() {
            return Err(vm.type_error("sort() takes no positional arguments"));
        }
        rest.only_kwargs(vm, "sort", &["key", "reverse"])?;
        let reverse = match rest.kwarg("reverse") {
            Some(v) => ops::truthy(vm, v)?,
            None => false,
        };
        let items = this(vm, &l, "sort")?;
        // The list appears empty while it is sorted, so that a key or comparison
        // that mutates it is detected.
        let mut work = std::mem::take(&mut *items.borrow_mut());
        let result = sort_values(vm, &mut work, rest.kwarg("key"), reverse);
        let modified = !items.borrow().is_empty();
        *items.borrow_mut() = work;
        result?;
        if modified {
            return Err(vm.value_error("list modified during sort"));
        }
        Ok(Value::None)
    });
    add_method(vm, t, "__len__", |vm, args| {
        let [l] = args.exact::<1>(vm, "__len__")?;
        Ok(Value::from(this(vm, l, "__len__")?.borrow().len()))
    });
    add_method(vm, t, "__getitem__", |vm, args| {
        let [l, i] = args.exact::<2>(vm, "__getitem__")?;
        let items = this(vm, l, "__getitem__")?;
        if let Some(Payload::Slice(s)) = i.payload() {
            let items = items.borrow();
            let picked = slice_indices(vm, s, items.len())?
                .into_iter()
                .map(|i| items[i].clone())
                .collect();
            return Ok(new_list(picked));
        }
        let items = items.borrow();
        let index = ops::normalize_index(vm, i, items.len(), "list")?;
        Ok(items[index].clone())
    });
    add_method(vm, t, "__setitem__", |vm, args| {
        let [l, i, v] = args.exact::<3>(vm, "__setitem__")?;
        let items = this(vm, l, "__setitem__")?;
        if let Some(Payload::Slice(s)) = i.payload() {
            set_slice(vm, items, s, v)?;
            return Ok(Value::None);
        }
        let len = items.borrow().len();
        let index = ops::normalize_index(vm, i, len, "list assignment")?;
        items.borrow_mut()[index] = v.clone();
        Ok(Value::None)
    });
    add_method(vm, t, "__delitem__", |vm, args| {
        let [l, i] = args.exact::<2>(vm, "__delitem__")?;
        let items = this(vm, l, "__delitem__")?;
        let len = items.borrow().len();
        let index = ops::normalize_index(vm, i, len, "list assignment")?;
        items.borrow_mut().remove(index);
        Ok(Value::None)
    });
    add_method(vm, t, "__contains__", |vm, args| {
        let [l, x] = args.exact::<2>(vm, "__contains__")?;
        let snapshot = this(vm, l, "__contains__")?.borrow().clone();
        for item in &snapshot {
            if ops::eq(vm, item, x)? {
                return Ok(Value::Bool(true));
            }
        }
        Ok(Value::Bool(false))
    });
    add_method(vm, t, "__iter__", |vm, args| {
        let [l] = args.exact::<1>(vm, "__iter__")?;
        this(vm, l, "__iter__")?;
        Ok(crate::object::iter::list_iter(l.clone(), false))
    });
    add_method(vm, t, "__reversed__", |vm, args| {
        let [l] = args.exact::<1>(vm, "__reversed__")?;
        this(vm, l, "__reversed__")?;
        Ok(crate::object::iter::list_iter(l.clone(), true))
    });
    add_method(vm, t, "__add__", |vm, args| {
        let [a, b] = args.exact::<2>(vm, "__add__")?;
        ops::binary_op_native(vm, ops::BinaryOp::Add, a, b)
    });
    add_method(vm, t, "__iadd__", |vm, args| {
        let [a, b] = args.exact::<2>(vm, "__iadd__")?;
        let extra = ops::collect_iterable(vm, b)?;
        this(vm, a, "__iadd__")?.borrow_mut().extend(extra);
        Ok(a.clone())
    });
    add_method(vm, t, "__mul__", |vm, args| {
        let [a, b] = args.exact::<2>(vm, "__mul__")?;
        ops::binary_op_native(vm, ops::BinaryOp::Mul, a, b)
    });
    add_method(vm, t, "__rmul__", |vm, args| {
        let [a, b] = args.exact::<2>(vm, "__rmul__")?;
        ops::binary_op_native(vm, ops::BinaryOp::Mul, b, a)
    });
    for name in ["__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"] {
        add_method(vm, t, name, ops::compare_dunder(name));
    }
    add_method(vm, t, "__repr__", |vm, args| {
        let [l] = args.exact::<1>(vm, "__repr__")?;
        crate::repr::repr_sequence(vm, l, "[", "]").map(Value::from_string)
    });
    crate::ops::set_attr_in_dict(vm, t, "__hash__", Value::None);
}

/// `seq.index(x, start, stop)` over a list's or tuple's items: the first
/// position from `start` (clamped like a slice bound) up to `stop` holding
/// something equal to `x`.
pub fn index_of(
    vm: &Vm,
    items: &[Value],
    x: &Value,
    start: Option<&Value>,
    stop: Option<&Value>,
) -> PyResult<Option<usize>> {
    let len = items.len() as i64;
    let clamp = |v: Option<&Value>, default: i64| -> PyResult<usize> {
        match v {
            Some(v) => {
                let i = ops::index_value(vm, v)?;
                Ok((if i < 0 { (i + len).max(0) } else { i.min(len) }) as usize)
            }
            None => Ok(default as usize),
        }
    };
    let start = clamp(start, 0)?;
    let stop = clamp(stop, len)?;
    for (i, item) in items.iter().enumerate().take(stop).skip(start) {
        if ops::eq(vm, item, x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}
