//! Modules built into the interpreter (CPython's `sys.builtin_module_names`):
//! found by name before `sys.path` is searched.

use crate::value::ObjRef;
use crate::vm::Vm;

pub mod dis;
pub mod math;
pub mod time;

/// The names of the built-in modules other than `sys`, `builtins` and
/// `importlib`, which exist from the start.
pub const NAMES: [&str; 3] = ["dis", "math", "time"];

/// A fresh built-in module, if `name` is one.
pub fn create(vm: &Vm, name: &str) -> Option<ObjRef> {
    match name {
        "dis" => Some(dis::module(vm)),
        "math" => Some(math::module(vm)),
        "time" => Some(time::module(vm)),
        _ => None,
    }
}
