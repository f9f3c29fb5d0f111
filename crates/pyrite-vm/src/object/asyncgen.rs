//! The awaitables of asynchronous generators: what `agen.__anext__()`,
//! `asend(v)`, `athrow(...)` and `aclose()` return, the `anext(it,
//! default)` wrapper, and the iterator a coroutine's `__await__()` returns.
//!
//! An async generator's frame yields two kinds of values: the values of its
//! own `yield` expressions (the compiler puts ASYNC_GEN_WRAP before their
//! YIELD_VALUE) and whatever an `await` inside it passes through to the event
//! loop. Each awaitable resumes the generator once per `send` and sorts the
//! two apart: a passed-through value is yielded on to the caller, a value of
//! the generator's own ends the `await` (a StopIteration carrying it).

use std::cell::RefCell;

use pyrite_compiler::Opcode;

use super::generator::{self, Generator, SendResult};
use super::{Object, Payload};
use crate::object::function::{add_method, Args};
use crate::ops;
use crate::value::{ObjRef, Value};
use crate::vm::{PyErr, PyResult, Vm};

/// Where an awaitable is in its one use.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    Init,
    Iter,
    Closed,
}

#[derive(Clone)]
pub enum Op {
    /// `__anext__()` (sending None) or `asend(value)`.
    Send { gen: Value, value: Value },
    /// `athrow(type[, value[, traceback]])`, or `aclose()` when `args` is None.
    Throw {
        gen: Value,
        args: Option<Vec<Value>>,
    },
    /// `anext(it, default)`: the awaitable of `it.__anext__()`, whose
    /// StopAsyncIteration becomes the default value.
    Default { awaitable: Value, default: Value },
    /// `coro.__await__()`: an iterator resuming the coroutine.
    Await { coro: Value },
}

pub struct AsyncOp {
    op: Op,
    stage: Stage,
}

impl AsyncOp {
    /// The objects this awaitable keeps alive, for the cycle collector.
    pub fn for_each_value(&self, mut f: impl FnMut(&Value)) {
        match &self.op {
            Op::Send { gen, value } => {
                f(gen);
                f(value);
            }
            Op::Throw { gen, args } => {
                f(gen);
                args.iter().flatten().for_each(f);
            }
            Op::Default { awaitable, default } => {
                f(awaitable);
                f(default);
            }
            Op::Await { coro } => f(coro),
        }
    }

    /// Moves the referenced objects out, to break a cycle.
    pub fn take_values(&mut self, taken: &mut Vec<Value>) {
        match &mut self.op {
            Op::Send { gen, value } => {
                taken.push(std::mem::replace(gen, Value::None));
                taken.push(std::mem::replace(value, Value::None));
            }
            Op::Throw { gen, args } => {
                taken.push(std::mem::replace(gen, Value::None));
                taken.extend(args.take().into_iter().flatten());
            }
            Op::Default { awaitable, default } => {
                taken.push(std::mem::replace(awaitable, Value::None));
                taken.push(std::mem::replace(default, Value::None));
            }
            Op::Await { coro } => taken.push(std::mem::replace(coro, Value::None)),
        }
        self.stage = Stage::Closed;
    }

    /// The built-in type of the awaitable.
    pub fn type_of(&self, vm: &Vm) -> ObjRef {
        match self.op {
            Op::Send { .. } => vm.types.async_generator_asend.clone(),
            Op::Throw { .. } => vm.types.async_generator_athrow.clone(),
            Op::Default { .. } => vm.types.anext_awaitable.clone(),
            Op::Await { .. } => vm.types.coroutine_wrapper.clone(),
        }
    }
}

pub fn new_op(op: Op) -> Value {
    Value::Obj(Object::new(Payload::AsyncOp(Box::new(RefCell::new(
        AsyncOp {
            op,
            stage: Stage::Init,
        },
    )))))
}

fn op_cell<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a RefCell<AsyncOp>> {
    match v.payload() {
        Some(Payload::AsyncOp(op)) => Ok(op),
        _ => Err(vm.type_error(format!(
            "expected an async generator awaitable, not '{}'",
            vm.type_name(v)
        ))),
    }
}

fn gen_cell<'a>(vm: &Vm, gen: &'a Value) -> PyResult<&'a RefCell<Generator>> {
    match gen.payload() {
        Some(Payload::Generator(g)) => Ok(g),
        _ => Err(vm.type_error("expected an async generator")),
    }
}

/// Whether the value the generator just yielded came from its own `yield`
/// (rather than from an `await` passing a value through).
fn yielded_own_value(g: &RefCell<Generator>) -> bool {
    let state = g.borrow();
    let Some(frame) = state.frame.as_ref() else {
        return false;
    };
    let pc = frame.pc();
    pc >= 2 && frame.core.code.co.instructions[pc - 2].op == Opcode::ASYNC_GEN_WRAP
}

/// A resumption of the generator as `asend`/`athrow` report it: a passed
/// through value is returned; the generator's own value ends the await as
/// StopIteration; returning is StopAsyncIteration.
fn unwrap(vm: &Vm, gen: &Value, result: PyResult<SendResult>) -> PyResult<Value> {
    let g = gen_cell(vm, gen)?;
    match result {
        Ok(SendResult::Yielded(v)) if !yielded_own_value(g) => Ok(v),
        Ok(SendResult::Yielded(v)) => {
            g.borrow_mut().running_async = false;
            Err(generator::stop_with(vm, v))
        }
        Ok(SendResult::Returned(_)) => {
            let mut state = g.borrow_mut();
            state.running_async = false;
            state.closed = true;
            Err(stop_async_iteration(vm))
        }
        Err(e) => {
            let mut state = g.borrow_mut();
            state.running_async = false;
            if vm.err_matches(&e, vm.types.exception("StopAsyncIteration"))
                || vm.err_matches(&e, &vm.types.generator_exit)
            {
                state.closed = true;
            }
            Err(e)
        }
    }
}

/// An exception of `class` with no arguments.
fn bare(class: &ObjRef) -> PyErr {
    PyErr(crate::object::exception::new_exception(class, Vec::new()))
}

fn stop_async_iteration(vm: &Vm) -> PyErr {
    bare(vm.types.exception("StopAsyncIteration"))
}

/// `send(arg)` of any of the awaitables (`__next__` sends None).
fn send(vm: &Vm, this: &Value, arg: Value) -> PyResult<Value> {
    let cell = op_cell(vm, this)?;
    let (op, stage) = {
        let this = cell.borrow();
        (this.op.clone(), this.stage)
    };
    let result = match op {
        Op::Send { gen, value } => send_next(vm, cell, &gen, stage, arg, value),
        Op::Throw { gen, args } => send_throw(vm, cell, &gen, stage, arg, args),
        Op::Default { awaitable, default } => {
            let it = generator::get_awaitable(vm, &awaitable)?;
            return with_default(vm, generator::send_to(vm, &it, arg), default);
        }
        Op::Await { coro } => return finish(vm, generator::resume(vm, &coro, arg, None)),
    };
    if result.is_err() {
        cell.borrow_mut().stage = Stage::Closed;
    }
    result
}

fn send_next(
    vm: &Vm,
    cell: &RefCell<AsyncOp>,
    gen: &Value,
    stage: Stage,
    mut arg: Value,
    value: Value,
) -> PyResult<Value> {
    let g = gen_cell(vm, gen)?;
    match stage {
        Stage::Closed => {
            return Err(vm.runtime_error("cannot reuse already awaited __anext__()/asend()"))
        }
        Stage::Init => {
            if g.borrow().running_async {
                return Err(vm.runtime_error("anext(): asynchronous generator is already running"));
            }
            if arg.is_none() {
                arg = value;
            }
            cell.borrow_mut().stage = Stage::Iter;
        }
        Stage::Iter => {}
    }
    g.borrow_mut().running_async = true;
    let result = generator::resume(vm, gen, arg, None);
    unwrap(vm, gen, result)
}

fn send_throw(
    vm: &Vm,
    cell: &RefCell<AsyncOp>,
    gen: &Value,
    stage: Stage,
    arg: Value,
    args: Option<Vec<Value>>,
) -> PyResult<Value> {
    let g = gen_cell(vm, gen)?;
    if generator::is_finished(gen) {
        return Err(vm.stop_iteration(None));
    }
    let closing = args.is_none();
    let result = match stage {
        Stage::Closed => {
            return Err(vm.runtime_error("cannot reuse already awaited aclose()/athrow()"))
        }
        Stage::Init => {
            if g.borrow().running_async {
                let which = if closing { "aclose" } else { "athrow" };
                return Err(vm.runtime_error(format!(
                    "{which}(): asynchronous generator is already running"
                )));
            }
            if g.borrow().closed {
                return Err(stop_async_iteration(vm));
            }
            if !arg.is_none() {
                return Err(
                    vm.runtime_error("can't send non-None value to a just-started coroutine")
                );
            }
            cell.borrow_mut().stage = Stage::Iter;
            let mut state = g.borrow_mut();
            state.running_async = true;
            if closing {
                state.closed = true;
            }
            drop(state);
            let exc = match &args {
                None => bare(&vm.types.generator_exit),
                Some(args) => generator::exception_to_throw(vm, args)?,
            };
            generator::throw(vm, gen, exc)
        }
        Stage::Iter => generator::resume(vm, gen, arg, None),
    };
    if closing {
        close_outcome(vm, gen, result)
    } else {
        unwrap(vm, gen, result)
    }
}

/// What `aclose()` makes of the generator's answer to GeneratorExit.
fn close_outcome(vm: &Vm, gen: &Value, result: PyResult<SendResult>) -> PyResult<Value> {
    let g = gen_cell(vm, gen)?;
    let own_yield = matches!(result, Ok(SendResult::Yielded(_))) && yielded_own_value(g);
    match result {
        Ok(SendResult::Yielded(v)) if !own_yield => Ok(v),
        Ok(SendResult::Yielded(_)) => {
            g.borrow_mut().running_async = false;
            Err(vm.runtime_error("async generator ignored GeneratorExit"))
        }
        Ok(SendResult::Returned(_)) => {
            g.borrow_mut().running_async = false;
            Err(vm.stop_iteration(None))
        }
        Err(e) => {
            g.borrow_mut().running_async = false;
            if vm.err_matches(&e, vm.types.exception("StopAsyncIteration"))
                || vm.err_matches(&e, &vm.types.generator_exit)
            {
                return Err(vm.stop_iteration(None));
            }
            Err(e)
        }
    }
}

/// `anext(it, default)`: StopAsyncIteration from the awaitable is the default.
fn with_default(vm: &Vm, result: PyResult<SendResult>, default: Value) -> PyResult<Value> {
    match result {
        Ok(SendResult::Yielded(v)) => Ok(v),
        Ok(SendResult::Returned(v)) => Err(generator::stop_with(vm, v)),
        Err(e) if vm.err_matches(&e, vm.types.exception("StopAsyncIteration")) => {
            Err(vm.stop_iteration(Some(default)))
        }
        Err(e) => Err(e),
    }
}

/// A resumption's outcome as `send` reports it.
fn finish(vm: &Vm, result: PyResult<SendResult>) -> PyResult<Value> {
    match result? {
        SendResult::Yielded(v) => Ok(v),
        SendResult::Returned(v) => Err(generator::stop_with(vm, v)),
    }
}

/// `throw(type[, value[, traceback]])` of any of the awaitables.
fn throw(vm: &Vm, this: &Value, args: &[Value]) -> PyResult<Value> {
    let cell = op_cell(vm, this)?;
    let (op, stage) = {
        let this = cell.borrow();
        (this.op.clone(), this.stage)
    };
    let (op_gen, closing) = {
        match op {
            Op::Send { gen, .. } => (gen, None),
            Op::Throw { gen, args } => (gen, Some(args.is_none())),
            Op::Default { awaitable, default } => {
                let it = generator::get_awaitable(vm, &awaitable)?;
                let method = ops::getattr(vm, &it, "throw")?;
                let result = ops::call(vm, &method, Args::positional(args))
                    .map(SendResult::Yielded)
                    .or_else(|e| {
                        if vm.err_matches(&e, &vm.types.stop_iteration) {
                            Ok(SendResult::Returned(generator::stop_iteration_value(&e)))
                        } else {
                            Err(e)
                        }
                    });
                return with_default(vm, result, default);
            }
            Op::Await { coro } => {
                let exc = generator::exception_to_throw(vm, args)?;
                return finish(vm, generator::throw(vm, &coro, exc));
            }
        }
    };
    if stage == Stage::Closed {
        let which = match closing {
            None => "__anext__()/asend()",
            Some(_) => "aclose()/athrow()",
        };
        return Err(vm.runtime_error(format!("cannot reuse already awaited {which}")));
    }
    let exc = generator::exception_to_throw(vm, args)?;
    let result = generator::throw(vm, &op_gen, exc);
    let out = match closing {
        Some(true) => close_outcome(vm, &op_gen, result),
        _ => unwrap(vm, &op_gen, result),
    };
    if out.is_err() {
        cell.borrow_mut().stage = Stage::Closed;
    }
    out
}

fn close(vm: &Vm, this: &Value) -> PyResult<Value> {
    let cell = op_cell(vm, this)?;
    let awaitable = match cell.borrow().op.clone() {
        Op::Default { awaitable, .. } => Some(awaitable),
        Op::Await { coro } => return generator::close(vm, &coro).map(|_| Value::None),
        _ => None,
    };
    cell.borrow_mut().stage = Stage::Closed;
    if let Some(awaitable) = awaitable {
        let it = generator::get_awaitable(vm, &awaitable)?;
        if let Some(method) = ops::getattr_opt(vm, &it, "close")? {
            ops::call0(vm, &method)?;
        }
    }
    Ok(Value::None)
}

/// `anext(it[, default])`.
pub fn anext(vm: &Vm, it: &Value, default: Option<Value>) -> PyResult<Value> {
    let t = vm.type_of(it);
    if crate::object::typ::lookup(&t, "__anext__").is_none() {
        return Err(vm.type_error(format!(
            "'{}' object is not an async iterator",
            vm.type_name(it)
        )));
    }
    let awaitable = ops::call_special(vm, it, "__anext__", &[])?.unwrap_or(Value::None);
    Ok(match default {
        None => awaitable,
        Some(default) => new_op(Op::Default { awaitable, default }),
    })
}

/// `aiter(x)`.
pub fn aiter(vm: &Vm, x: &Value) -> PyResult<Value> {
    let Some(it) = ops::call_special(vm, x, "__aiter__", &[])? else {
        return Err(vm.type_error(format!(
            "'{}' object is not an async iterable",
            vm.type_name(x)
        )));
    };
    if crate::object::typ::lookup(&vm.type_of(&it), "__anext__").is_none() {
        return Err(vm.type_error(format!(
            "aiter() returned not an async iterator of type '{}'",
            vm.type_name(&it)
        )));
    }
    Ok(it)
}

fn this_gen<'a>(vm: &Vm, g: &'a Value, method: &str) -> PyResult<&'a Value> {
    match generator::kind_of(g) {
        Some(generator::GenKind::AsyncGenerator) => Ok(g),
        _ => Err(vm.type_error(format!(
            "descriptor '{method}' for 'async_generator' objects doesn't apply to a '{}' object",
            vm.type_name(g)
        ))),
    }
}

pub fn register(vm: &Vm) {
    let agen = &vm.types.async_generator;
    add_method(vm, agen, "__aiter__", |vm, args| {
        let [g] = args.exact::<1>(vm, "__aiter__")?;
        Ok(this_gen(vm, g, "__aiter__")?.clone())
    });
    add_method(vm, agen, "__anext__", |vm, args| {
        let [g] = args.exact::<1>(vm, "__anext__")?;
        let gen = this_gen(vm, g, "__anext__")?.clone();
        Ok(new_op(Op::Send {
            gen,
            value: Value::None,
        }))
    });
    add_method(vm, agen, "asend", |vm, args| {
        let [g, value] = args.exact::<2>(vm, "asend")?;
        let gen = this_gen(vm, g, "asend")?.clone();
        Ok(new_op(Op::Send {
            gen,
            value: value.clone(),
        }))
    });
    add_method(vm, agen, "athrow", |vm, args| {
        let pos = args.count_method(vm, "athrow", 2, 4)?;
        let gen = this_gen(vm, &pos[0], "athrow")?.clone();
        Ok(new_op(Op::Throw {
            gen,
            args: Some(pos[1..].to_vec()),
        }))
    });
    add_method(vm, agen, "aclose", |vm, args| {
        let [g] = args.exact::<1>(vm, "aclose")?;
        let gen = this_gen(vm, g, "aclose")?.clone();
        Ok(new_op(Op::Throw { gen, args: None }))
    });
    for t in [
        &vm.types.async_generator_asend,
        &vm.types.async_generator_athrow,
        &vm.types.anext_awaitable,
        &vm.types.coroutine_wrapper,
    ] {
        add_method(vm, t, "send", |vm, args| {
            let [this, arg] = args.exact::<2>(vm, "send")?;
            send(vm, this, arg.clone())
        });
        add_method(vm, t, "__next__", |vm, args| {
            let [this] = args.exact::<1>(vm, "__next__")?;
            send(vm, this, Value::None)
        });
        add_method(vm, t, "throw", |vm, args| {
            let pos = args.count_method(vm, "throw", 2, 4)?;
            throw(vm, &pos[0], &pos[1..])
        });
        add_method(vm, t, "close", |vm, args| {
            let [this] = args.exact::<1>(vm, "close")?;
            close(vm, this)
        });
        for name in ["__iter__", "__await__"] {
            add_method(vm, t, name, |vm, args| {
                let [this] = args.exact::<1>(vm, "__await__")?;
                Ok(this.clone())
            });
        }
    }
}
