//! The `gc` module: the cycle collector's controls (`object/gc.rs` is the
//! collector).

use crate::object::gc;
use crate::value::{ObjRef, Value};
use crate::vm::Vm;

pub fn module(vm: &Vm) -> ObjRef {
    let m = crate::module::new_module("gc");
    crate::module::add_function(vm, &m, "collect", |vm, args| {
        args.only_kwargs(vm, "collect", &["generation"])?;
        let pos = args.count_kw(vm, "collect", 0, 1)?;
        if let Some(g) = pos.first().or_else(|| args.kwarg("generation")) {
            let g = crate::ops::index_value(vm, g)?;
            if !(0..=2).contains(&g) {
                return Err(vm.value_error("invalid generation"));
            }
        }
        Ok(Value::from(gc::collect(vm)))
    });
    crate::module::add_function(vm, &m, "enable", |vm, args| {
        args.exact::<0>(vm, "enable")?;
        gc::enable(true);
        Ok(Value::None)
    });
    crate::module::add_function(vm, &m, "disable", |vm, args| {
        args.exact::<0>(vm, "disable")?;
        gc::enable(false);
        Ok(Value::None)
    });
    crate::module::add_function(vm, &m, "isenabled", |vm, args| {
        args.exact::<0>(vm, "isenabled")?;
        Ok(Value::Bool(gc::is_enabled()))
    });
    crate::module::add_function(vm, &m, "is_tracked", |vm, args| {
        let [obj] = args.exact::<1>(vm, "is_tracked")?;
        Ok(Value::Bool(gc::is_tracked(obj)))
    });
    // One generation: the counts and thresholds of the other two are
    // CPython's defaults, never reached.
    crate::module::add_function(vm, &m, "get_count", |vm, args| {
        args.exact::<0>(vm, "get_count")?;
        Ok(crate::object::tuple::new_tuple(vec![
            Value::from(gc::count()),
            Value::Int(0),
            Value::Int(0),
        ]))
    });
    crate::module::add_function(vm, &m, "get_threshold", |vm, args| {
        args.exact::<0>(vm, "get_threshold")?;
        Ok(crate::object::tuple::new_tuple(vec![
            Value::from(gc::threshold()),
            Value::Int(10),
            Value::Int(10),
        ]))
    });
    crate::module::add_function(vm, &m, "set_threshold", |vm, args| {
        let pos = args.count_kw(vm, "set_threshold", 1, 3)?;
        let first = crate::ops::index_value(vm, &pos[0])?;
        for other in &pos[1..] {
            crate::ops::index_value(vm, other)?;
        }
        // CPython takes 0 to mean "never collect automatically".
        gc::set_threshold(if first <= 0 {
            usize::MAX
        } else {
            first as usize
        });
        Ok(Value::None)
    });
    crate::module::set_attr(vm, &m, "garbage", crate::object::list::new_list(Vec::new()));
    crate::module::set_attr(
        vm,
        &m,
        "callbacks",
        crate::object::list::new_list(Vec::new()),
    );
    for (name, value) in [
        ("DEBUG_STATS", 1),
        ("DEBUG_COLLECTABLE", 2),
        ("DEBUG_UNCOLLECTABLE", 4),
        ("DEBUG_SAVEALL", 32),
        ("DEBUG_LEAK", 38),
    ] {
        crate::module::set_attr(vm, &m, name, Value::Int(value));
    }
    m
}
