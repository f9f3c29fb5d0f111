//! `tuple`.

use super::{Object, Payload};
use crate::object::function::{add_method, add_static};
use crate::ops;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub fn new_tuple(items: Vec<Value>) -> Value {
    Value::Obj(Object::new(Payload::Tuple(items.into_boxed_slice())))
}

fn this<'a>(vm: &Vm, v: &'a Value, method: &str) -> PyResult<&'a [Value]> {
    match v.payload() {
        Some(Payload::Tuple(items)) => Ok(items),
        _ => Err(vm.type_error(format!(
            "descriptor '{method}' for 'tuple' objects doesn't apply to a '{}' object",
            vm.type_name(v)
        ))),
    }
}

pub fn register(vm: &Vm) {
    let t = &vm.types.tuple;
    add_static(vm, t, "__new__", |vm, args| {
        let (cls, rest) = args.split_first(vm, "tuple.__new__")?;
        super::typ::check_new_class(vm, &cls, &vm.types.tuple)?;
        rest.no_kwargs(vm, "tuple")?;
        if rest.pos.len() > 1 {
            return Err(vm.type_error(format!(
                "tuple expected at most 1 argument, got {}",
                rest.pos.len()
            )));
        }
        let items = match rest.pos.first() {
            Some(source) => ops::collect_iterable(vm, source)?,
            None => Vec::new(),
        };
        match &cls {
            Value::Obj(c) if std::rc::Rc::ptr_eq(c, &vm.types.tuple) => Ok(new_tuple(items)),
            Value::Obj(c) => {
                let dict = c
                    .as_type()
                    .is_some_and(|t| t.has_instance_dict)
                    .then(super::new_dict_object);
                Ok(Value::Obj(Object::with_class(
                    Payload::Tuple(items.into_boxed_slice()),
                    c.clone(),
                    dict,
                )))
            }
            _ => Err(vm.type_error("tuple.__new__(X): X is not a type object")),
        }
    });
    add_method(vm, t, "__len__", |vm, args| {
        let [x] = args.exact::<1>(vm, "__len__")?;
        Ok(Value::from(this(vm, x, "__len__")?.len()))
    });
    add_method(vm, t, "__getitem__", |vm, args| {
        let [x, i] = args.exact::<2>(vm, "__getitem__")?;
        let items = this(vm, x, "__getitem__")?;
        if let Some(Payload::Slice(s)) = i.payload() {
            let picked = crate::object::list::slice_indices(vm, s, items.len())?
                .into_iter()
                .map(|i| items[i].clone())
                .collect();
            return Ok(new_tuple(picked));
        }
        let index = ops::normalize_index(vm, i, items.len(), "tuple")?;
        Ok(items[index].clone())
    });
    add_method(vm, t, "__contains__", |vm, args| {
        let [x, v] = args.exact::<2>(vm, "__contains__")?;
        for item in this(vm, x, "__contains__")? {
            if ops::eq(vm, item, v)? {
                return Ok(Value::Bool(true));
            }
        }
        Ok(Value::Bool(false))
    });
    add_method(vm, t, "__iter__", |vm, args| {
        let [x] = args.exact::<1>(vm, "__iter__")?;
        this(vm, x, "__iter__")?;
        Ok(crate::object::iter::tuple_iter(x.clone()))
    });
    add_method(vm, t, "__hash__", |vm, args| {
        let [x] = args.exact::<1>(vm, "__hash__")?;
        let items = this(vm, x, "__hash__")?.to_vec();
        ops::hash(vm, &new_tuple(items)).map(Value::Int)
    });
    add_method(vm, t, "__add__", |vm, args| {
        let [a, b] = args.exact::<2>(vm, "__add__")?;
        ops::binary_op_native(vm, ops::BinaryOp::Add, a, b)
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
    add_method(vm, t, "count", |vm, args| {
        let [x, v] = args.exact::<2>(vm, "tuple.count")?;
        let mut n = 0usize;
        for item in this(vm, x, "count")? {
            if ops::eq(vm, item, v)? {
                n += 1;
            }
        }
        Ok(Value::from(n))
    });
    add_method(vm, t, "index", |vm, args| {
        let pos = args.count_method(vm, "index", 2, 4)?;
        let items = this(vm, &pos[0], "index")?;
        if let Some(i) = super::list::index_of(vm, items, &pos[1], pos.get(2), pos.get(3))? {
            return Ok(Value::from(i));
        }
        Err(vm.value_error("tuple.index(x): x not in tuple"))
    });
    add_method(vm, t, "__repr__", |vm, args| {
        let [x] = args.exact::<1>(vm, "__repr__")?;
        crate::repr::repr_tuple(vm, x).map(Value::from_string)
    });
}
