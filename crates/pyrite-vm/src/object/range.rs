//! `range`: an arithmetic progression of ints, computed on demand.

use super::{Object, Payload};
use crate::object::function::{add_method, add_static};
use crate::ops;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub struct Range {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl Range {
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn len(&self) -> usize {
        let (start, stop, step) = (self.start as i128, self.stop as i128, self.step as i128);
        let n = if step > 0 && start < stop {
            (stop - start - 1) / step + 1
        } else if step < 0 && start > stop {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        };
        n as usize
    }

    pub fn item(&self, i: usize) -> i64 {
        self.start + (i as i64) * self.step
    }

    pub fn contains(&self, vm: &Vm, x: &Value) -> PyResult<bool> {
        if let Value::Int(i) = x {
            let i = *i;
            let inside = if self.step > 0 {
                i >= self.start && i < self.stop
            } else {
                i <= self.start && i > self.stop
            };
            return Ok(inside && (i - self.start) % self.step == 0);
        }
        for k in 0..self.len() {
            if ops::eq(vm, &Value::Int(self.item(k)), x)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    pub fn getitem(&self, vm: &Vm, index: &Value) -> PyResult<Value> {
        if let Some(Payload::Slice(s)) = index.payload() {
            let (start, stop, step) = crate::object::list::slice_bounds(vm, s, self.len())?;
            return Ok(new_range(
                self.start + start * self.step,
                self.start + stop * self.step,
                self.step * step,
            ));
        }
        let i = ops::normalize_index(vm, index, self.len(), "range object")?;
        Ok(Value::Int(self.item(i)))
    }
}

pub fn new_range(start: i64, stop: i64, step: i64) -> Value {
    Value::Obj(Object::new(Payload::Range(Box::new(Range {
        start,
        stop,
        step,
    }))))
}

fn this<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a Range> {
    match v.payload() {
        Some(Payload::Range(r)) => Ok(r),
        _ => Err(vm.type_error("descriptor requires a 'range' object")),
    }
}

fn range_arg(vm: &Vm, v: &Value) -> PyResult<i64> {
    match v.as_bigint() {
        Some(i) => num_traits::ToPrimitive::to_i64(&i)
            .ok_or_else(|| vm.overflow_error("Python int too large to convert to C ssize_t")),
        None => ops::index_value(vm, v),
    }
}

pub fn register(vm: &Vm) {
    let t = &vm.types.range;
    add_static(vm, t, "__new__", |vm, args| {
        let (_, rest) = args.split_first(vm, "range.__new__")?;
        rest.no_kwargs(vm, "range")?;
        let (start, stop, step) = match rest.pos {
            [stop] => (0, range_arg(vm, stop)?, 1),
            [start, stop] => (range_arg(vm, start)?, range_arg(vm, stop)?, 1),
            [start, stop, step] => (
                range_arg(vm, start)?,
                range_arg(vm, stop)?,
                range_arg(vm, step)?,
            ),
            [] => return Err(vm.type_error("range expected at least 1 argument, got 0")),
            more => {
                return Err(vm.type_error(format!(
                    "range expected at most 3 arguments, got {}",
                    more.len()
                )))
            }
        };
        if step == 0 {
            return Err(vm.value_error("range() arg 3 must not be zero"));
        }
        Ok(new_range(start, stop, step))
    });
    add_method(vm, t, "__len__", |vm, args| {
        let [r] = args.exact::<1>(vm, "__len__")?;
        Ok(Value::from(this(vm, r)?.len()))
    });
    add_method(vm, t, "__getitem__", |vm, args| {
        let [r, i] = args.exact::<2>(vm, "__getitem__")?;
        this(vm, r)?.getitem(vm, i)
    });
    add_method(vm, t, "__contains__", |vm, args| {
        let [r, x] = args.exact::<2>(vm, "__contains__")?;
        this(vm, r)?.contains(vm, x).map(Value::Bool)
    });
    add_method(vm, t, "__iter__", |vm, args| {
        let [r] = args.exact::<1>(vm, "__iter__")?;
        let r = this(vm, r)?;
        Ok(crate::object::iter::range_iter(r.start, r.step, r.len()))
    });
    add_method(vm, t, "__reversed__", |vm, args| {
        let [r] = args.exact::<1>(vm, "__reversed__")?;
        let r = this(vm, r)?;
        let n = r.len();
        let last = if n == 0 { r.start } else { r.item(n - 1) };
        Ok(crate::object::iter::range_iter(last, -r.step, n))
    });
    add_method(vm, t, "index", |vm, args| {
        let [r, x] = args.exact::<2>(vm, "index")?;
        let range = this(vm, r)?;
        for k in 0..range.len() {
            if ops::eq(vm, &Value::Int(range.item(k)), x)? {
                return Ok(Value::from(k));
            }
        }
        Err(vm.value_error(format!("{} is not in range", ops::repr(vm, x)?)))
    });
    add_method(vm, t, "count", |vm, args| {
        let [r, x] = args.exact::<2>(vm, "count")?;
        Ok(Value::Int(i64::from(this(vm, r)?.contains(vm, x)?)))
    });
    add_method(vm, t, "__eq__", |vm, args| {
        let [a, b] = args.exact::<2>(vm, "__eq__")?;
        let (Some(Payload::Range(x)), Some(Payload::Range(y))) = (a.payload(), b.payload()) else {
            return Ok(ops::not_implemented(vm));
        };
        let (nx, ny) = (x.len(), y.len());
        let same = nx == ny && (nx == 0 || (x.start == y.start && (nx == 1 || x.step == y.step)));
        Ok(Value::Bool(same))
    });
}
