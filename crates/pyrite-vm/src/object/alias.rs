//! `types.GenericAlias` (`list[int]`) and `types.UnionType` (`int | None`):
//! what annotations evaluate to in Python 3.11.

use super::{Object, Payload};
use crate::object::function::{add_classmethod, add_method, Args};
use crate::object::typ;
use crate::ops;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub fn new_generic_alias(origin: Value, args: Value) -> Value {
    let args = match args.payload() {
        Some(Payload::Tuple(_)) => args,
        _ => crate::object::tuple::new_tuple(vec![args]),
    };
    Value::Obj(Object::new(Payload::GenericAlias(Box::new([origin, args]))))
}

/// `cls[args]` for the built-in generic classes.
fn class_getitem(vm: &Vm, args: Args) -> PyResult<Value> {
    let [cls, item] = args.exact::<2>(vm, "__class_getitem__")?;
    Ok(new_generic_alias(cls.clone(), item.clone()))
}

/// Can this value be a member of a `X | Y` union?
fn unionable(v: &Value) -> bool {
    v.is_none()
        || matches!(
            v.payload(),
            Some(Payload::Type(_) | Payload::GenericAlias(_) | Payload::Union(_))
        )
}

/// The members a value contributes to a union (a union's own members).
fn members(vm: &Vm, v: &Value) -> Vec<Value> {
    match v.payload() {
        Some(Payload::Union(items)) => items.to_vec(),
        _ if v.is_none() => vec![Value::Obj(vm.types.none_type.clone())],
        _ => vec![v.clone()],
    }
}

/// `a | b` for types, None, aliases and unions; NotImplemented otherwise.
pub fn union_or(vm: &Vm, a: &Value, b: &Value) -> PyResult<Value> {
    if !unionable(a) || !unionable(b) {
        return Ok(ops::not_implemented(vm));
    }
    let mut items: Vec<Value> = Vec::new();
    for item in members(vm, a).into_iter().chain(members(vm, b)) {
        let mut seen = false;
        for existing in &items {
            if ops::eq(vm, existing, &item)? {
                seen = true;
                break;
            }
        }
        if !seen {
            items.push(item);
        }
    }
    if items.len() == 1 {
        return Ok(items.pop().unwrap_or(Value::None));
    }
    Ok(Value::Obj(Object::new(Payload::Union(
        items.into_boxed_slice(),
    ))))
}

/// How a type appears inside an alias or union repr (`int`, `list[int]`,
/// `mod.Class`, `None`).
fn member_repr(vm: &Vm, v: &Value) -> PyResult<String> {
    if let Some(Payload::Ellipsis) = v.payload() {
        return Ok("...".into());
    }
    if let Value::Obj(o) = v {
        if std::rc::Rc::ptr_eq(o, &vm.types.none_type) {
            return Ok("None".into());
        }
        if o.as_type().is_some() {
            let module = ops::type_module(o);
            let qualname = typ::type_qualname(o);
            return Ok(if module == "builtins" {
                qualname
            } else {
                format!("{module}.{qualname}")
            });
        }
    }
    ops::repr(vm, v)
}

pub fn alias_repr(vm: &Vm, v: &Value) -> PyResult<String> {
    match v.payload() {
        Some(Payload::GenericAlias(parts)) => {
            let [origin, args] = &**parts;
            let items = match args.payload() {
                Some(Payload::Tuple(items)) => items.to_vec(),
                _ => Vec::new(),
            };
            let inner = if items.is_empty() {
                "()".to_string()
            } else {
                items
                    .iter()
                    .map(|a| member_repr(vm, a))
                    .collect::<PyResult<Vec<_>>>()?
                    .join(", ")
            };
            Ok(format!("{}[{inner}]", member_repr(vm, origin)?))
        }
        Some(Payload::Union(items)) => Ok(items
            .iter()
            .map(|a| member_repr(vm, a))
            .collect::<PyResult<Vec<_>>>()?
            .join(" | ")),
        _ => ops::repr(vm, v),
    }
}

/// `isinstance(x, A | B)`: any member.
pub fn union_members(v: &Value) -> Option<&[Value]> {
    match v.payload() {
        Some(Payload::Union(items)) => Some(items),
        _ => None,
    }
}

pub fn register(vm: &Vm) {
    let t = &vm.types;
    for generic in [
        &t.list,
        &t.dict,
        &t.tuple,
        &t.set,
        &t.frozenset,
        &t.type_,
        &t.enumerate,
    ] {
        add_classmethod(vm, generic, "__class_getitem__", class_getitem);
    }
    for (name, reflected) in [("__or__", false), ("__ror__", true)] {
        let f: crate::object::function::NativeFn = if reflected {
            |vm, args| {
                let [a, b] = args.exact::<2>(vm, "__ror__")?;
                union_or(vm, b, a)
            }
        } else {
            |vm, args| {
                let [a, b] = args.exact::<2>(vm, "__or__")?;
                union_or(vm, a, b)
            }
        };
        add_method(vm, &t.type_, name, f);
        add_method(vm, &t.generic_alias, name, f);
        add_method(vm, &t.union_type, name, f);
    }
    for alias_type in [&t.generic_alias, &t.union_type] {
        add_method(vm, alias_type, "__repr__", |vm, args| {
            let [v] = args.exact::<1>(vm, "__repr__")?;
            alias_repr(vm, v).map(Value::from_string)
        });
        add_method(vm, alias_type, "__eq__", |vm, args| {
            let [a, b] = args.exact::<2>(vm, "__eq__")?;
            alias_eq(vm, a, b)
        });
        add_method(vm, alias_type, "__hash__", |vm, args| {
            let [v] = args.exact::<1>(vm, "__hash__")?;
            alias_hash(vm, v).map(Value::Int)
        });
    }
    add_method(vm, &t.generic_alias, "__call__", |vm, args| {
        let (alias, rest) = args.split_first(vm, "__call__")?;
        let Some(Payload::GenericAlias(parts)) = alias.payload() else {
            return Err(vm.type_error("expected a generic alias"));
        };
        ops::call(vm, &parts[0], rest)
    });
    add_method(vm, &t.generic_alias, "__mro_entries__", |vm, args| {
        let [alias, _bases] = args.exact::<2>(vm, "__mro_entries__")?;
        let Some(Payload::GenericAlias(parts)) = alias.payload() else {
            return Err(vm.type_error("expected a generic alias"));
        };
        Ok(crate::object::tuple::new_tuple(vec![parts[0].clone()]))
    });
    add_method(vm, &t.generic_alias, "__instancecheck__", |vm, _| {
        Err(vm.type_error("isinstance() argument 2 cannot be a parameterized generic"))
    });
    add_method(vm, &t.generic_alias, "__subclasscheck__", |vm, _| {
        Err(vm.type_error("issubclass() argument 2 cannot be a parameterized generic"))
    });
}

fn alias_eq(vm: &Vm, a: &Value, b: &Value) -> PyResult<Value> {
    match (a.payload(), b.payload()) {
        (Some(Payload::GenericAlias(x)), Some(Payload::GenericAlias(y))) => Ok(Value::Bool(
            ops::eq(vm, &x[0], &y[0])? && ops::eq(vm, &x[1], &y[1])?,
        )),
        (Some(Payload::Union(x)), Some(Payload::Union(y))) => {
            let sx = crate::object::set::from_iterable(
                vm,
                &crate::object::tuple::new_tuple(x.to_vec()),
            )?;
            let sy = crate::object::set::from_iterable(
                vm,
                &crate::object::tuple::new_tuple(y.to_vec()),
            )?;
            crate::object::set::compare(
                vm,
                &crate::object::set::new_frozenset_value(sx),
                &crate::object::set::new_frozenset_value(sy),
                ops::CompareOp::Eq,
            )
        }
        _ => Ok(ops::not_implemented(vm)),
    }
}

fn alias_hash(vm: &Vm, v: &Value) -> PyResult<i64> {
    match v.payload() {
        Some(Payload::GenericAlias(x)) => Ok(ops::hash(vm, &x[0])? ^ ops::hash(vm, &x[1])?),
        Some(Payload::Union(items)) => {
            let set = crate::object::set::from_iterable(
                vm,
                &crate::object::tuple::new_tuple(items.to_vec()),
            )?;
            ops::hash(vm, &crate::object::set::new_frozenset_value(set))
        }
        _ => Ok(ops::identity_hash(v)),
    }
}

/// The data attributes of aliases and unions.
pub fn alias_attr(vm: &Vm, v: &Value, name: &str) -> PyResult<Option<Value>> {
    match v.payload() {
        Some(Payload::GenericAlias(parts)) => match name {
            "__origin__" => Ok(Some(parts[0].clone())),
            "__args__" => Ok(Some(parts[1].clone())),
            "__parameters__" => Ok(Some(Value::Obj(vm.empty_tuple.clone()))),
            // Everything else is the origin's (`list[int].append`).
            _ if !name.starts_with("__") => ops::getattr_opt(vm, &parts[0], name),
            _ => Ok(None),
        },
        Some(Payload::Union(items)) => match name {
            "__args__" => Ok(Some(crate::object::tuple::new_tuple(items.to_vec()))),
            "__parameters__" => Ok(Some(Value::Obj(vm.empty_tuple.clone()))),
            _ => Ok(None),
        },
        _ => Ok(None),
    }
}
