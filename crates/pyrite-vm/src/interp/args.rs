//! Binding call arguments to parameters, with CPython's error messages.

use pyrite_compiler::bytecode::CodeFlags;

use super::Frame;
use crate::object::function::{Args, Function};
use crate::object::Payload;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// Fills the frame's argument slots from the call's arguments.
pub fn bind(vm: &Vm, func: &Function, frame: &mut Frame, args: Args) -> PyResult<()> {
    let code = func.code.borrow();
    let co = &code.co;
    let argcount = co.argcount as usize;
    let given = args.pos.len();
    let flags = co.flags;
    let has_varargs = flags.contains(CodeFlags::VARARGS);
    let has_varkw = flags.contains(CodeFlags::VARKEYWORDS);

    // The common case: exactly the positional parameters, nothing else.
    if given == argcount
        && args.kw_names.is_empty()
        && !has_varargs
        && !has_varkw
        && co.kwonlyargcount == 0
    {
        for (slot, value) in frame.fast.iter_mut().zip(args.pos) {
            *slot = Some(value.clone());
        }
        return Ok(());
    }

    let kwonly = co.kwonlyargcount as usize;
    let total = argcount + kwonly;
    let qualname = || func.qualname.borrow().as_str().unwrap_or("?").to_string();

    let kwdict = if has_varkw {
        let d = crate::object::dict::new_dict_value(crate::object::dict::Dict::new());
        let slot = total + has_varargs as usize;
        frame.fast[slot] = Some(d.clone());
        Some(d)
    } else {
        None
    };
    let n = given.min(argcount);
    for (slot, value) in frame.fast.iter_mut().zip(&args.pos[..n]) {
        *slot = Some(value.clone());
    }
    if has_varargs {
        let rest = args.pos[n..].to_vec();
        frame.fast[total] = Some(crate::object::tuple::new_tuple(rest));
    }

    let posonly = co.posonlyargcount as usize;
    for (name, value) in args.kw_names.iter().zip(args.kw_values) {
        let Some(key) = name.as_str() else {
            return Err(vm.type_error(format!("{}() keywords must be strings", qualname())));
        };
        let found =
            (posonly..total).find(|&j| code.localsplus[j].is(name) || code.slot_name(j) == key);
        let Some(j) = found else {
            match &kwdict {
                Some(d) => {
                    crate::ops::dict_set(vm, d, name.clone(), value.clone())?;
                    continue;
                }
                None => {
                    let passed_posonly: Vec<&str> = args
                        .kw_names
                        .iter()
                        .filter_map(|k| k.as_str())
                        .filter(|k| (0..posonly).any(|j| code.slot_name(j) == *k))
                        .collect();
                    if !passed_posonly.is_empty() {
                        return Err(vm.type_error(format!(
                            "{}() got some positional-only arguments passed as keyword arguments: '{}'",
                            qualname(),
                            passed_posonly.join(", ")
                        )));
                    }
                    return Err(vm.type_error(format!(
                        "{}() got an unexpected keyword argument '{key}'",
                        qualname()
                    )));
                }
            }
        };
        if frame.fast[j].is_some() {
            return Err(vm.type_error(format!(
                "{}() got multiple values for argument '{key}'",
                qualname()
            )));
        }
        frame.fast[j] = Some(value.clone());
    }

    let defaults: Vec<Value> = match func.defaults.borrow().payload() {
        Some(Payload::Tuple(items)) => items.to_vec(),
        _ => Vec::new(),
    };
    if given > argcount && !has_varargs {
        let kwonly_given = (argcount..total)
            .filter(|&j| frame.fast[j].is_some())
            .count();
        let sig = if defaults.is_empty() {
            format!(
                "{argcount} positional argument{}",
                if argcount == 1 { "" } else { "s" }
            )
        } else {
            format!(
                "from {} to {argcount} positional arguments",
                argcount - defaults.len()
            )
        };
        let extra = if kwonly_given > 0 {
            format!(
                " positional argument{} (and {kwonly_given} keyword-only argument{})",
                if given == 1 { "" } else { "s" },
                if kwonly_given == 1 { "" } else { "s" }
            )
        } else {
            String::new()
        };
        let verb = if given == 1 && kwonly_given == 0 {
            "was"
        } else {
            "were"
        };
        return Err(vm.type_error(format!(
            "{}() takes {sig} but {given}{extra} {verb} given",
            qualname()
        )));
    }
    if given < argcount {
        let first_default = argcount - defaults.len().min(argcount);
        let missing: Vec<String> = (given..first_default)
            .filter(|&j| frame.fast[j].is_none())
            .map(|j| code.slot_name(j).to_string())
            .collect();
        if !missing.is_empty() {
            return Err(missing_error(vm, &qualname(), "positional", &missing));
        }
        for j in given.max(first_default)..argcount {
            if frame.fast[j].is_none() {
                frame.fast[j] = Some(defaults[j - first_default].clone());
            }
        }
    }
    if kwonly > 0 {
        let kwdefaults = func.kwdefaults.borrow().clone();
        let mut missing = Vec::new();
        for j in argcount..total {
            if frame.fast[j].is_some() {
                continue;
            }
            let name = code.slot_name(j);
            let default = match kwdefaults.payload() {
                Some(Payload::Dict(d)) => d.borrow().get_str(name),
                _ => None,
            };
            match default {
                Some(v) => frame.fast[j] = Some(v),
                None => missing.push(name.to_string()),
            }
        }
        if !missing.is_empty() {
            return Err(missing_error(vm, &qualname(), "keyword-only", &missing));
        }
    }
    Ok(())
}

fn missing_error(vm: &Vm, qualname: &str, kind: &str, names: &[String]) -> crate::vm::PyErr {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    let list = match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    };
    vm.type_error(format!(
        "{qualname}() missing {} required {kind} argument{}: {list}",
        names.len(),
        if names.len() == 1 { "" } else { "s" }
    ))
}
