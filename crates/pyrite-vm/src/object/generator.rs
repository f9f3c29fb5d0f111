//! Generators and coroutines: a suspended frame and the protocol that resumes
//! it (`next`, `send`, `throw`, `close`), including delegation to a
//! sub-iterator by `yield from` / `await`.

use std::cell::RefCell;
use std::rc::Rc;

use pyrite_compiler::bytecode::CodeFlags;
use pyrite_compiler::Opcode;

use super::code::Code;
use super::{Object, Payload};
use crate::interp::{eval, Exit, Frame};
use crate::object::function::{add_method, Args, Function};
use crate::ops;
use crate::value::Value;
use crate::vm::{PyErr, PyResult, Vm};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenKind {
    Generator,
    Coroutine,
    AsyncGenerator,
}

pub struct Generator {
    /// The suspended frame; `None` once the generator has finished.
    pub frame: Option<Box<Frame>>,
    pub code: Rc<Code>,
    pub running: bool,
    pub started: bool,
    /// The exception being handled inside the generator, kept across yields.
    pub exc_state: Value,
    pub name: Value,
    pub qualname: Value,
    pub kind: GenKind,
    /// An async generator: one of its awaitables is being awaited.
    pub running_async: bool,
    /// An async generator: finished by StopAsyncIteration or GeneratorExit,
    /// or being closed by `aclose()`.
    pub closed: bool,
}

/// How a resumed generator stopped.
pub enum SendResult {
    Yielded(Value),
    Returned(Value),
}

pub fn new_generator(frame: Box<Frame>, func: &Function) -> Value {
    let code = frame.core.code.clone();
    let flags = code.co.flags;
    let kind = if flags.contains(CodeFlags::COROUTINE) {
        GenKind::Coroutine
    } else if flags.contains(CodeFlags::ASYNC_GENERATOR) {
        GenKind::AsyncGenerator
    } else {
        GenKind::Generator
    };
    let generator = Generator {
        frame: Some(frame),
        code,
        running: false,
        started: false,
        exc_state: Value::None,
        name: func.name.borrow().clone(),
        qualname: func.qualname.borrow().clone(),
        kind,
        running_async: false,
        closed: false,
    };
    super::note_finalizers_possible();
    Value::Obj(Object::new(Payload::Generator(Box::new(RefCell::new(
        generator,
    )))))
}

fn cell(v: &Value) -> Option<&RefCell<Generator>> {
    match v.payload() {
        Some(Payload::Generator(g)) => Some(g),
        _ => None,
    }
}

pub fn kind_of(v: &Value) -> Option<GenKind> {
    cell(v).map(|g| g.borrow().kind)
}

fn kind_name(kind: GenKind) -> &'static str {
    match kind {
        GenKind::Generator => "generator",
        GenKind::Coroutine => "coroutine",
        GenKind::AsyncGenerator => "async generator",
    }
}

/// Resumes a generator with a sent value, or with an exception thrown in.
pub(crate) fn resume(
    vm: &Vm,
    gen: &Value,
    sent: Value,
    throw: Option<PyErr>,
) -> PyResult<SendResult> {
    let Some(g) = cell(gen) else {
        return Err(vm.type_error("expected a generator"));
    };
    let (mut frame, saved_exc, kind) = {
        let mut state = g.borrow_mut();
        let kind = state.kind;
        if state.running {
            return Err(vm.value_error(format!("{} already executing", kind_name(kind))));
        }
        let Some(frame) = state.frame.take() else {
            if kind == GenKind::Coroutine {
                return Err(vm.runtime_error("cannot reuse already awaited coroutine"));
            }
            if let Some(e) = throw {
                return Err(e);
            }
            return Ok(SendResult::Returned(Value::None));
        };
        if !state.started && throw.is_none() && !sent.is_none() {
            state.frame = Some(frame);
            return Err(vm.type_error(format!(
                "can't send non-None value to a just-started {}",
                kind_name(kind)
            )));
        }
        state.running = true;
        (
            frame,
            std::mem::replace(&mut state.exc_state, Value::None),
            kind,
        )
    };
    frame.stack.push(sent);
    vm.push_exc_state(saved_exc);
    let result = match vm.enter_recursion("") {
        Ok(()) => {
            let r = eval::run_frame(vm, &mut frame, throw);
            vm.leave_recursion();
            r
        }
        Err(e) => Err(e),
    };
    let exc_state = vm.pop_exc_state();
    let mut state = g.borrow_mut();
    state.running = false;
    state.started = true;
    state.exc_state = exc_state;
    match result {
        Ok(Exit::Yield(v)) => {
            state.frame = Some(frame);
            Ok(SendResult::Yielded(v))
        }
        Ok(Exit::Return(v)) => Ok(SendResult::Returned(v)),
        Ok(Exit::Generator) => Ok(SendResult::Returned(Value::None)),
        Err(e) => {
            drop(state);
            let leaked = if kind == GenKind::AsyncGenerator {
                vm.types.exception("StopAsyncIteration").clone()
            } else {
                vm.types.stop_iteration.clone()
            };
            if vm.err_matches(&e, &vm.types.stop_iteration) || vm.err_matches(&e, &leaked) {
                let what = if vm.err_matches(&e, &vm.types.stop_iteration) {
                    "StopIteration"
                } else {
                    "StopAsyncIteration"
                };
                let err = vm.runtime_error(format!("{} raised {what}", kind_name(kind)));
                return Err(vm.caused_by(err, &e));
            }
            Err(e)
        }
    }
}

/// `next(gen)`: the next value, or `None` when the generator returns.
pub fn next(vm: &Vm, gen: &Value) -> PyResult<Option<Value>> {
    match resume(vm, gen, Value::None, None)? {
        SendResult::Yielded(v) => Ok(Some(v)),
        SendResult::Returned(_) => Ok(None),
    }
}

/// `next(it)` as the builtin does it: the item, or the StopIteration that
/// ends the iteration (carrying a generator's return value).
pub fn next_or_stop(vm: &Vm, it: &Value) -> PyResult<Value> {
    if cell(it).is_some() {
        return match resume(vm, it, Value::None, None)? {
            SendResult::Yielded(v) => Ok(v),
            SendResult::Returned(v) => Err(stop_with(vm, v)),
        };
    }
    if let Some(Payload::Iter(_)) = it.payload() {
        if !it.obj().is_some_and(|o| o.has_explicit_class()) {
            return ops::next(vm, it)?.ok_or_else(|| vm.stop_iteration(None));
        }
    }
    match ops::call_special(vm, it, "__next__", &[])? {
        Some(v) => Ok(v),
        None => Err(vm.type_error(format!("'{}' object is not an iterator", vm.type_name(it)))),
    }
}

/// The value a finished `send` returns, as the StopIteration it raises.
pub(crate) fn stop_with(vm: &Vm, value: Value) -> PyErr {
    if value.is_none() {
        vm.stop_iteration(None)
    } else {
        vm.stop_iteration(Some(value))
    }
}

/// The value carried by a StopIteration.
pub fn stop_iteration_value(err: &PyErr) -> Value {
    match &err.0.payload {
        Payload::Exception(d) => d.borrow().args.first().cloned().unwrap_or(Value::None),
        _ => Value::None,
    }
}

/// `SEND`: passes a value to the sub-iterator of `yield from` / `await`.
pub fn send_to(vm: &Vm, receiver: &Value, value: Value) -> PyResult<SendResult> {
    if cell(receiver).is_some() {
        return resume(vm, receiver, value, None);
    }
    let result = if value.is_none() {
        if let Some(Payload::Iter(state)) = receiver.payload() {
            if !receiver.obj().is_some_and(|o| o.has_explicit_class()) {
                return Ok(match crate::object::iter::next_builtin(vm, state)? {
                    Some(v) => SendResult::Yielded(v),
                    None => SendResult::Returned(Value::None),
                });
            }
        }
        match ops::call_special(vm, receiver, "__next__", &[]) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => {
                return Err(vm.type_error(format!(
                    "'{}' object is not an iterator",
                    vm.type_name(receiver)
                )))
            }
            Err(e) => Err(e),
        }
    } else {
        let send = ops::getattr(vm, receiver, "send")?;
        ops::call1(vm, &send, value)
    };
    match result {
        Ok(v) => Ok(SendResult::Yielded(v)),
        Err(e) if vm.err_matches(&e, &vm.types.stop_iteration) => {
            Ok(SendResult::Returned(stop_iteration_value(&e)))
        }
        Err(e) => Err(e),
    }
}

/// The sub-iterator a suspended generator delegates to (`yield from`), if any.
fn delegate(g: &RefCell<Generator>) -> Option<Value> {
    let state = g.borrow();
    let frame = state.frame.as_ref()?;
    if !state.started {
        return None;
    }
    let next = frame.core.code.co.instructions.get(frame.pc())?;
    if next.op != Opcode::RESUME || next.arg < 2 {
        return None;
    }
    frame.stack.last().cloned()
}

/// Stops delegating: drops the sub-iterator and moves past the `yield from`
/// loop, to where its result is expected.
fn leave_delegation(g: &RefCell<Generator>) {
    let mut state = g.borrow_mut();
    if let Some(frame) = state.frame.as_mut() {
        frame.stack.pop();
        // The instruction before the suspended YIELD_VALUE is the SEND whose
        // target is the end of the loop.
        if frame.pc() >= 2 {
            let send = frame.core.code.co.instructions[frame.pc() - 2];
            if send.op == Opcode::SEND {
                frame.set_pc(send.arg as usize);
            }
        }
    }
}

/// `gen.throw(exc)`.
pub(crate) fn throw(vm: &Vm, gen: &Value, exc: PyErr) -> PyResult<SendResult> {
    let Some(g) = cell(gen) else {
        return Err(vm.type_error("expected a generator"));
    };
    if let Some(sub) = delegate(g) {
        let is_exit = vm.err_matches(&exc, &vm.types.generator_exit);
        g.borrow_mut().running = true;
        let outcome = if is_exit {
            close_iterator(vm, &sub).map(|_| None)
        } else if cell(&sub).is_some() {
            throw(vm, &sub, exc.clone()).map(Some)
        } else {
            match ops::getattr_opt(vm, &sub, "throw") {
                Ok(Some(method)) => ops::call1(vm, &method, Value::Obj(exc.0.clone()))
                    .map(|v| Some(SendResult::Yielded(v))),
                Ok(None) => Ok(None),
                Err(e) => Err(e),
            }
        };
        g.borrow_mut().running = false;
        match outcome {
            Ok(None) => {}
            Ok(Some(SendResult::Yielded(v))) => return Ok(SendResult::Yielded(v)),
            Ok(Some(SendResult::Returned(v))) => {
                leave_delegation(g);
                return resume(vm, gen, v, None);
            }
            Err(e) => {
                leave_delegation(g);
                if vm.err_matches(&e, &vm.types.stop_iteration) {
                    let v = stop_iteration_value(&e);
                    return resume(vm, gen, v, None);
                }
                return resume(vm, gen, Value::None, Some(e));
            }
        }
    }
    resume(vm, gen, Value::None, Some(exc))
}

/// Closes a sub-iterator: `close()` of generators, the `close` method of others.
fn close_iterator(vm: &Vm, it: &Value) -> PyResult<()> {
    if cell(it).is_some() {
        return close(vm, it);
    }
    if let Some(method) = ops::getattr_opt(vm, it, "close")? {
        ops::call0(vm, &method)?;
    }
    Ok(())
}

/// `gen.close()`.
pub fn close(vm: &Vm, gen: &Value) -> PyResult<()> {
    let Some(g) = cell(gen) else {
        return Ok(());
    };
    {
        let mut state = g.borrow_mut();
        if state.frame.is_none() {
            return Ok(());
        }
        if !state.started {
            state.frame = None;
            return Ok(());
        }
    }
    let exit = PyErr(crate::object::exception::new_exception(
        &vm.types.generator_exit,
        Vec::new(),
    ));
    match throw(vm, gen, exit) {
        Ok(SendResult::Yielded(_)) => {
            let kind = g.borrow().kind;
            Err(vm.runtime_error(format!("{} ignored GeneratorExit", kind_name(kind))))
        }
        Ok(SendResult::Returned(_)) => Ok(()),
        Err(e)
            if vm.err_matches(&e, &vm.types.generator_exit)
                || vm.err_matches(&e, &vm.types.stop_iteration) =>
        {
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// The exception `throw(type, value, traceback)` raises.
pub(crate) fn exception_to_throw(vm: &Vm, args: &[Value]) -> PyResult<PyErr> {
    let typ = &args[0];
    let value = args.get(1).cloned().unwrap_or(Value::None);
    if let Some(tb) = args.get(2) {
        if !tb.is_none() && !matches!(tb.payload(), Some(Payload::Traceback(_))) {
            return Err(vm.type_error("throw() third argument must be a traceback object"));
        }
    }
    if let Value::Obj(o) = typ {
        if matches!(o.payload, Payload::Exception(_)) {
            if !value.is_none() {
                return Err(vm.type_error("instance exception may not have a separate value"));
            }
            return Ok(PyErr(o.clone()));
        }
        if o.as_type().is_some() && crate::object::typ::is_subtype(o, &vm.types.base_exception) {
            let instance = if matches!(value.payload(), Some(Payload::Exception(_)))
                && vm.is_instance(&value, o)
            {
                value
            } else if let Some(Payload::Tuple(items)) = value.payload() {
                ops::call(vm, typ, Args::positional(items))?
            } else if value.is_none() {
                ops::call0(vm, typ)?
            } else {
                ops::call1(vm, typ, value)?
            };
            if let Value::Obj(i) = instance {
                return Ok(PyErr(i));
            }
        }
    }
    Err(vm.type_error(format!(
        "exceptions must be classes or instances deriving from BaseException, not {}",
        vm.type_name(typ)
    )))
}

/// `await v`: the iterator that `await` drives.
pub fn get_awaitable(vm: &Vm, v: &Value) -> PyResult<Value> {
    if let Some(g) = cell(v) {
        let state = g.borrow();
        if state.kind == GenKind::Coroutine
            || state.code.co.flags.contains(CodeFlags::ITERABLE_COROUTINE)
        {
            return Ok(v.clone());
        }
    }
    match ops::call_special(vm, v, "__await__", &[])? {
        Some(it) => {
            if kind_of(&it) == Some(GenKind::Coroutine) {
                return Err(vm.type_error("__await__() returned a coroutine"));
            }
            let t = vm.type_of(&it);
            if crate::object::typ::lookup(&t, "__next__").is_none()
                && !matches!(it.payload(), Some(Payload::Iter(_) | Payload::Generator(_)))
            {
                return Err(vm.type_error(format!(
                    "__await__() returned non-iterator of type '{}'",
                    vm.type_name(&it)
                )));
            }
            Ok(it)
        }
        None => Err(vm.type_error(format!(
            "object {} can't be used in 'await' expression",
            vm.type_name(v)
        ))),
    }
}

pub fn register(vm: &Vm) {
    let t = &vm.types.generator;
    add_method(vm, t, "__iter__", |vm, args| {
        let [g] = args.exact::<1>(vm, "__iter__")?;
        Ok(g.clone())
    });
    add_method(vm, t, "__next__", |vm, args| {
        let [g] = args.exact::<1>(vm, "__next__")?;
        match resume(vm, g, Value::None, None)? {
            SendResult::Yielded(v) => Ok(v),
            SendResult::Returned(v) => Err(stop_with(vm, v)),
        }
    });
    for t in [&vm.types.generator, &vm.types.coroutine] {
        register_resumption(vm, t);
    }
    for t in [
        &vm.types.generator,
        &vm.types.coroutine,
        &vm.types.async_generator,
    ] {
        add_repr(vm, t);
    }
    add_method(vm, &vm.types.coroutine, "__await__", |vm, args| {
        let [g] = args.exact::<1>(vm, "__await__")?;
        if kind_of(g) != Some(GenKind::Coroutine) {
            return Err(crate::ops::no_attribute(vm, g, "__await__"));
        }
        Ok(super::asyncgen::new_op(super::asyncgen::Op::Await {
            coro: g.clone(),
        }))
    });
    super::asyncgen::register(vm);
}

/// `send`, `throw` and `close` of generators and coroutines.
fn register_resumption(vm: &Vm, t: &crate::value::ObjRef) {
    add_method(vm, t, "send", |vm, args| {
        let [g, v] = args.exact::<2>(vm, "send")?;
        match resume(vm, g, v.clone(), None)? {
            SendResult::Yielded(v) => Ok(v),
            SendResult::Returned(v) => Err(stop_with(vm, v)),
        }
    });
    add_method(vm, t, "throw", |vm, args| {
        let pos = args.count_method(vm, "throw", 2, 4)?;
        let exc = exception_to_throw(vm, &pos[1..])?;
        match throw(vm, &pos[0], exc)? {
            SendResult::Yielded(v) => Ok(v),
            SendResult::Returned(v) => Err(stop_with(vm, v)),
        }
    });
    add_method(vm, t, "close", |vm, args| {
        let [g] = args.exact::<1>(vm, "close")?;
        close(vm, g)?;
        Ok(Value::None)
    });
}

fn add_repr(vm: &Vm, t: &crate::value::ObjRef) {
    add_method(vm, t, "__repr__", |vm, args| {
        let [g] = args.exact::<1>(vm, "__repr__")?;
        let Some(state) = cell(g) else {
            return Err(vm.type_error("expected a generator"));
        };
        let state = state.borrow();
        let addr = g.obj().map_or(0, |o| Rc::as_ptr(o) as usize);
        Ok(Value::from_string(format!(
            "<{} object {} at {addr:#x}>",
            kind_name(state.kind),
            state.qualname.as_str().unwrap_or("?")
        )))
    });
}

/// Is this generator currently running?
pub fn is_running(v: &Value) -> bool {
    cell(v).is_some_and(|g| g.borrow().running)
}

/// `gi_yieldfrom`.
pub fn yield_from(v: &Value) -> Value {
    cell(v).and_then(delegate).unwrap_or(Value::None)
}

/// `gi_code`.
pub fn code_of(v: &Value) -> Option<Rc<Code>> {
    cell(v).map(|g| g.borrow().code.clone())
}

/// `__name__` / `__qualname__` of a generator.
pub fn names(v: &Value) -> Option<(Value, Value)> {
    cell(v).map(|g| {
        let g = g.borrow();
        (g.name.clone(), g.qualname.clone())
    })
}

/// `gi_frame`: the suspended frame's object (its `f_locals` brought up to
/// date), or None once the generator has finished.
pub fn frame_of(vm: &Vm, v: &Value) -> PyResult<Value> {
    let Some(g) = cell(v) else {
        return Ok(Value::None);
    };
    let running = g.try_borrow().map_or(true, |state| state.running);
    if running {
        // The frame is the eval loop's while it runs; its core is on the stack.
        let code = code_of(v);
        let frames = vm.frames.borrow();
        let core = frames
            .iter()
            .rev()
            .find(|c| code.as_ref().is_some_and(|code| Rc::ptr_eq(&c.code, code)))
            .cloned();
        drop(frames);
        return Ok(core.map_or(Value::None, |c| {
            Value::Obj(crate::object::frame::frame_object(&c))
        }));
    }
    let state = g.borrow();
    let Some(frame) = state.frame.as_ref() else {
        return Ok(Value::None);
    };
    let obj = crate::object::frame::frame_object(&frame.core);
    if let Payload::Frame(f) = &obj.payload {
        if frame.core.locals.is_none() {
            f.update_locals(vm, &frame.fast)?;
        }
    }
    Ok(Value::Obj(obj))
}

/// Whether the generator has finished (`gi_frame` is None).
pub fn is_finished(v: &Value) -> bool {
    cell(v).is_none_or(|g| {
        g.try_borrow()
            .is_ok_and(|g| g.frame.is_none() && !g.running)
    })
}
