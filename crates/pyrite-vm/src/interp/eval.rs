//! The eval loop: executes a frame's instructions (CPython 3.11's instruction
//! set) until it returns, yields, or raises an exception no handler catches.
//!
//! Exceptions unwind by the code object's exception table: the raising
//! instruction's handler cuts the value stack to the recorded depth, pushes
//! the raising instruction's index when asked (`lasti`), pushes the exception,
//! and continues at the handler. Each frame an exception passes through adds
//! one traceback entry, except when a handler re-raises it (`RERAISE`).

use std::cell::Cell;
use std::rc::Rc;

use pyrite_compiler::Opcode;

use super::{attr_cache, fast_paths, Frame};
use crate::object::function::{Args, BuiltinKind, Function};
use crate::object::{exception, Object, Payload};
use crate::ops::{self, BinaryOp, CompareOp};
use crate::value::{ObjRef, Value};
use crate::vm::{PyErr, PyResult, Vm};

/// How a frame stopped running.
pub enum Exit {
    Return(Value),
    Yield(Value),
    /// `RETURN_GENERATOR`: the frame becomes a generator's.
    Generator,
}

/// Why an instruction failed, beyond the exception itself.
struct Raised {
    err: PyErr,
    /// Set by `RERAISE`: the exception continues without a new traceback
    /// entry, and with this instruction index as the frame's `lasti`.
    reraise: Option<usize>,
}

impl From<PyErr> for Raised {
    fn from(err: PyErr) -> Raised {
        Raised { err, reraise: None }
    }
}

type Step<T> = Result<T, Raised>;

/// Runs a frame from its current instruction. `throw` raises an exception at
/// the current position first (generator `throw`).
///
/// Calls of Python functions made by the frame's code (and by their code in
/// turn) run here too, without a native call per Python call: their frames
/// are stacked on top of the frame handed in (`callees`, the innermost last),
/// and the innermost is the one running. When a callee returns, its caller
/// continues with the value; when an exception leaves a callee, it continues
/// in the caller at its `CALL`, exactly as if the call had returned it.
pub fn run_frame(vm: &Vm, frame: &mut Frame, throw: Option<PyErr>) -> PyResult<Exit> {
    vm.frames.borrow_mut().push(frame.core.clone());
    let result = run_frames(vm, frame, throw);
    vm.frames.borrow_mut().pop();
    result
}

/// `run_frame`, with the frame on the stack of live frames.
fn run_frames(vm: &Vm, bottom: &mut Frame, throw: Option<PyErr>) -> PyResult<Exit> {
    let mut callees = Callees::default();
    let result = unwind_frames(vm, bottom, &mut callees, throw);
    for spare in callees.frames {
        vm.recycle_frame(spare);
    }
    result
}

/// Runs the frames, continuing at the handlers of the exceptions raised.
fn unwind_frames(
    vm: &Vm,
    bottom: &mut Frame,
    callees: &mut Callees,
    throw: Option<PyErr>,
) -> PyResult<Exit> {
    let mut pending = throw.map(Raised::from);
    loop {
        let raised = match pending.take() {
            Some(r) => r,
            None => match execute(vm, bottom, callees) {
                Ok(exit) => return Ok(exit),
                Err(r) => r,
            },
        };
        if callees.returned {
            callees.finish_returned(vm, &bottom.core);
        }
        let (frame, _, _) = split_running(bottom, callees);
        let index = frame.pc().saturating_sub(1);
        let exc = raised.err.0.clone();
        let lasti = match raised.reraise {
            Some(lasti) => lasti,
            None => {
                set_context(vm, &exc);
                exception::add_traceback(&exc, frame, index);
                index
            }
        };
        let Some(entry) = frame.core.code.handler_for(index).copied() else {
            if callees.running == 0 {
                return Err(raised.err);
            }
            leave_callee(vm, callees);
            callees.finish_returned(vm, &bottom.core);
            pending = Some(Raised::from(raised.err));
            continue;
        };
        frame.stack.truncate(entry.depth as usize);
        if entry.lasti {
            frame.stack.push(Value::from(lasti));
        }
        frame.stack.push(Value::Obj(exc));
        frame.set_pc(entry.target as usize);
    }
}

/// The frames an eval loop runs above the frame `run_frame` was handed.
#[derive(Default)]
struct Callees {
    /// The callees, innermost last (`frames[..running]`), then the finished
    /// frames of earlier calls, kept emptied (`Frame::finish`) where they ran
    /// so that the next call at their depth reuses one in place instead of
    /// going through the pool: usually a call of the same function, whose
    /// frame then needs no new code, globals or builtins.
    /// (Boxed: frames move between the pool and here as one pointer.)
    #[allow(clippy::vec_box)]
    frames: Vec<Box<Frame>>,
    running: usize,
    /// The frame at `frames[running]` returned and is not emptied yet (the
    /// eval loop holds its core until it switches frames).
    returned: bool,
}

/// How many finished frames an eval loop keeps above its running ones: more
/// go back to the pool (which keeps as many), so that a deep recursion does
/// not leave its frames allocated while the loop runs on.
const KEPT_FRAMES: usize = 64;

impl Callees {
    /// Empties the frame that returned, for reuse.
    #[inline(always)]
    fn finish_returned(&mut self, vm: &Vm, bottom: &crate::object::frame::FrameCore) {
        self.returned = false;
        self.frames[self.running].finish(vm, bottom);
        if self.frames.len() > self.running + KEPT_FRAMES {
            if let Some(spare) = self.frames.pop() {
                vm.recycle_frame(spare);
            }
        }
    }
}

/// The frames of an eval loop below the running one.
struct Outer<'a> {
    /// The frame `run_frame` was handed, unless it is the running one.
    bottom: Option<&'a Frame>,
    /// The callees between it and the running one.
    callers: &'a [Box<Frame>],
}

/// The running frame (the innermost callee, else the frame `run_frame` was
/// handed), the frames below it, and the finished frame above it that the
/// next call reuses, if there is one.
#[allow(clippy::type_complexity)]
#[inline(always)]
fn split_running<'a>(
    bottom: &'a mut Frame,
    callees: &'a mut Callees,
) -> (&'a mut Frame, Outer<'a>, Option<&'a mut Box<Frame>>) {
    let (live, finished) = callees.frames.split_at_mut(callees.running);
    let spare = finished.first_mut();
    match live.split_last_mut() {
        Some((last, callers)) => (
            last,
            Outer {
                bottom: Some(bottom),
                callers,
            },
            spare,
        ),
        None => (
            bottom,
            Outer {
                bottom: None,
                callers: &[],
            },
            spare,
        ),
    }
}

/// Brings a frame object's `f_locals` up to date if its frame is one of this
/// eval loop's.
fn update_frame_locals(
    vm: &Vm,
    f: &crate::object::frame::FrameObject,
    running: &Frame,
    outer: &Outer,
) -> PyResult<()> {
    let below = outer.callers.iter().rev().map(|b| &**b).chain(outer.bottom);
    for candidate in std::iter::once(running).chain(below) {
        if Rc::ptr_eq(&candidate.core, &f.core) {
            return f.update_locals(vm, &candidate.fast);
        }
    }
    Ok(())
}

/// The frame of a call of `func` with the positional arguments
/// `stack[first..]` (see `positional_frame`), made in `spare`, the finished
/// frame above the running one, if there is one; else a new frame, handed
/// back for `enter_callee` to push.
#[inline(always)]
fn callee_frame(
    vm: &Vm,
    spare: Option<&mut Box<Frame>>,
    func: &Function,
    stack: &mut Vec<Value>,
    first: usize,
    defaults: bool,
) -> Option<Box<Frame>> {
    match spare {
        Some(frame) => {
            super::reuse_positional_frame(frame, func, stack, first, defaults);
            None
        }
        None => Some(super::positional_frame(vm, func, stack, first, defaults)),
    }
}

/// Makes the frame `callee_frame` made the running frame: the innermost of
/// this eval loop's, and the top of the stack of live frames.
#[inline(always)]
fn enter_callee<'a>(vm: &Vm, callees: &'a mut Callees, new: Option<Box<Frame>>) -> &'a mut Frame {
    if let Some(frame) = new {
        callees.frames.push(frame);
    }
    let callee = &mut callees.frames[callees.running];
    vm.frames.borrow_mut().push(callee.core.clone());
    callees.running += 1;
    callee
}

/// Ends the running callee, whose caller runs again; its frame stays where
/// it ran, to be emptied (`Callees::finish_returned`) and reused.
#[inline(always)]
fn leave_callee<'a>(vm: &Vm, callees: &'a mut Callees) -> &'a mut Frame {
    callees.running -= 1;
    callees.returned = true;
    vm.frames.borrow_mut().pop();
    vm.leave_recursion();
    &mut callees.frames[callees.running]
}

/// Implicit chaining: an exception raised while another is being handled gets
/// that one as its `__context__` (breaking any cycle this would create).
fn set_context(vm: &Vm, exc: &ObjRef) {
    let Some(handled) = vm.current_exception() else {
        return;
    };
    let Value::Obj(handled_obj) = &handled else {
        return;
    };
    if Rc::ptr_eq(handled_obj, exc) {
        return;
    }
    let Payload::Exception(data) = &exc.payload else {
        return;
    };
    if !data.borrow().context.is_none() {
        return;
    }
    // Walk the new context's chain; if `exc` is on it, cut the chain there.
    let mut cursor = handled.clone();
    while let Some(d) = exception::data(&cursor) {
        let next = d.borrow().context.clone();
        if let Value::Obj(n) = &next {
            if Rc::ptr_eq(n, exc) {
                d.borrow_mut().context = Value::None;
                break;
            }
        }
        cursor = next;
    }
    data.borrow_mut().context = handled;
}

macro_rules! pop {
    ($frame:expr) => {
        $frame
            .stack
            .pop()
            .expect("the compiler balances the value stack")
    };
}

macro_rules! top {
    ($frame:expr) => {
        $frame
            .stack
            .last()
            .expect("the compiler balances the value stack")
    };
}

fn peek(frame: &Frame, n: usize) -> &Value {
    &frame.stack[frame.stack.len() - n]
}

/// Runs instructions until the frame handed in returns or yields, or an
/// instruction raises. A call of a Python function that needs nothing but
/// its positional arguments bound pushes the callee's frame onto `callees`,
/// where it runs; its return pops it.
fn execute(vm: &Vm, bottom: &mut Frame, callees: &mut Callees) -> Step<Exit> {
    'frames: loop {
        // A callee that returned is emptied once the loop no longer holds its
        // core (so that the next call can reuse the core, unshared).
        if callees.returned {
            callees.finish_returned(vm, &bottom.core);
        }
        let (frame, outer, spare) = split_running(bottom, callees);
        let core = frame.core.clone();
        let code = &core.code;
        let instructions = &code.co.instructions[..];
        loop {
            let pc = core.pc.get();
            let instr = instructions[pc];
            core.pc.set(pc + 1);
            // After the increment: a raising instruction is the one before `pc`.
            #[cfg(feature = "instruction-budget")]
            vm.charge_instruction()?;
            let arg = instr.arg;
            match instr.op {
                Opcode::NOP
                | Opcode::RESUME
                | Opcode::CACHE
                | Opcode::EXTENDED_ARG
                | Opcode::PRECALL => {}
                Opcode::POP_TOP => {
                    frame.stack.pop();
                }
                Opcode::PUSH_NULL => frame.stack.push(Value::None),
                Opcode::COPY => {
                    let v = peek(frame, arg as usize).clone();
                    frame.stack.push(v);
                }
                Opcode::SWAP => {
                    let len = frame.stack.len();
                    frame.stack.swap(len - 1, len - arg as usize);
                }
                Opcode::LOAD_CONST => frame.stack.push(code.consts[arg as usize].clone()),
                Opcode::LOAD_FAST => match &frame.fast[arg as usize] {
                    Some(v) => {
                        let v = v.clone();
                        frame.stack.push(v);
                    }
                    None => return Err(unbound_local(vm, code, arg as usize).into()),
                },
                Opcode::STORE_FAST => {
                    let v = pop!(frame);
                    frame.fast[arg as usize] = Some(v);
                }
                Opcode::DELETE_FAST => {
                    if frame.fast[arg as usize].take().is_none() {
                        return Err(unbound_local(vm, code, arg as usize).into());
                    }
                }
                Opcode::MAKE_CELL => {
                    let slot = &mut frame.fast[arg as usize];
                    let initial = slot.take();
                    *slot = Some(Value::Obj(crate::object::function::new_cell(initial)));
                }
                Opcode::COPY_FREE_VARS => {
                    let n = arg as usize;
                    let start = frame.fast.len() - n;
                    if let Some(closure) = &frame.closure {
                        if let Payload::Tuple(cells) = &closure.payload {
                            for (i, cell) in cells.iter().take(n).enumerate() {
                                frame.fast[start + i] = Some(cell.clone());
                            }
                        }
                    }
                }
                Opcode::LOAD_CLOSURE => {
                    let v = frame.fast[arg as usize].clone().unwrap_or(Value::None);
                    frame.stack.push(v);
                }
                Opcode::LOAD_DEREF => {
                    let v = load_deref(vm, frame, arg as usize)?;
                    frame.stack.push(v);
                }
                Opcode::STORE_DEREF => {
                    let v = pop!(frame);
                    if let Some(Payload::Cell(c)) =
                        frame.fast[arg as usize].as_ref().and_then(Value::payload)
                    {
                        *c.borrow_mut() = Some(v);
                    }
                }
                Opcode::DELETE_DEREF => {
                    let had = match frame.fast[arg as usize].as_ref().and_then(Value::payload) {
                        Some(Payload::Cell(c)) => c.borrow_mut().take().is_some(),
                        _ => false,
                    };
                    if !had {
                        return Err(unbound_deref(vm, code, arg as usize).into());
                    }
                }
                Opcode::LOAD_CLASSDEREF => {
                    let name = &code.localsplus[arg as usize];
                    let from_locals = match &frame.locals {
                        Some(locals) => mapping_get(vm, locals, name)?,
                        None => None,
                    };
                    let v = match from_locals {
                        Some(v) => v,
                        None => load_deref(vm, frame, arg as usize)?,
                    };
                    frame.stack.push(v);
                }
                Opcode::LOAD_GLOBAL => {
                    if arg & 1 == 1 {
                        frame.stack.push(Value::None);
                    }
                    let v = load_global_cached(vm, frame, code, (arg >> 1) as usize)?;
                    frame.stack.push(v);
                }
                Opcode::STORE_GLOBAL => {
                    let v = pop!(frame);
                    let name = code.names[arg as usize].clone();
                    dict_set_name(&frame.core.globals, name, v);
                }
                Opcode::DELETE_GLOBAL => {
                    let name = &code.names[arg as usize];
                    if !dict_del_name(&frame.core.globals, name) {
                        return Err(name_not_defined(vm, name).into());
                    }
                }
                Opcode::LOAD_NAME => {
                    let name = &code.names[arg as usize];
                    let v = load_name(vm, frame, name, &code.name_hints[arg as usize])?;
                    frame.stack.push(v);
                }
                Opcode::STORE_NAME => {
                    let v = pop!(frame);
                    let name = code.names[arg as usize].clone();
                    match &frame.locals {
                        Some(Value::Obj(o))
                            if matches!(o.payload, Payload::Dict(_)) && !o.has_explicit_class() =>
                        {
                            if let Payload::Dict(d) = &o.payload {
                                let hint = &code.name_hints[arg as usize];
                                d.borrow_mut().insert_name_hinted(&name, v, hint);
                            }
                        }
                        Some(locals) => ops::setitem(vm, locals, name, v)?,
                        None => {
                            return Err(vm
                                .new_error(
                                    &vm.types.system_error,
                                    "no locals found when storing name",
                                )
                                .into())
                        }
                    }
                }
                Opcode::DELETE_NAME => {
                    let name = code.names[arg as usize].clone();
                    let Some(locals) = &frame.locals else {
                        return Err(vm
                            .new_error(&vm.types.system_error, "no locals when deleting name")
                            .into());
                    };
                    if let Err(e) = ops::delitem(vm, locals, &name) {
                        if vm.err_matches(&e, &vm.types.key_error) {
                            return Err(name_not_defined(vm, &name).into());
                        }
                        return Err(e.into());
                    }
                }
                Opcode::LOAD_ATTR => {
                    let obj = pop!(frame);
                    if let Some(Payload::Frame(f)) = obj.payload() {
                        update_frame_locals(vm, f, frame, &outer)?;
                    }
                    let slot = &code.attr_caches[code.attr_slot[core.pc.get() - 1] as usize];
                    match attr_cache::load_attr(vm, slot, &obj, &code.names[arg as usize])? {
                        attr_cache::Loaded::Value(v) => frame.stack.push(v),
                        // A property's Python getter runs here, as a call of
                        // it with `obj`; its return pushes the attribute.
                        attr_cache::Loaded::Getter(getter) => {
                            let Some(Payload::Function(f)) = getter.payload() else {
                                unreachable!("load_attr hands over Python getters only")
                            };
                            let simple = takes_exactly(f, 1);
                            frame.stack.push(obj);
                            let first = frame.stack.len() - 1;
                            if !simple {
                                let args = Args::positional(&frame.stack[first..]);
                                let v = call_in_frame(vm, frame, &getter, args)?;
                                frame.stack.truncate(first);
                                frame.stack.push(v);
                                continue;
                            }
                            vm.enter_inline_call()?;
                            let new = callee_frame(vm, spare, f, &mut frame.stack, first, false);
                            enter_callee(vm, callees, new);
                            continue 'frames;
                        }
                    }
                }
                Opcode::STORE_ATTR => {
                    let obj = pop!(frame);
                    let v = pop!(frame);
                    let slot = &code.attr_caches[code.attr_slot[core.pc.get() - 1] as usize];
                    attr_cache::store_attr(vm, slot, &obj, &code.names[arg as usize], v)?;
                }
                Opcode::DELETE_ATTR => {
                    let obj = pop!(frame);
                    let name = code.names[arg as usize].as_str().unwrap_or("");
                    ops::setattr(vm, &obj, name, None)?;
                }
                Opcode::LOAD_METHOD => {
                    let obj = pop!(frame);
                    let slot = &code.attr_caches[code.attr_slot[core.pc.get() - 1] as usize];
                    let (method, receiver) =
                        attr_cache::load_method(vm, slot, &obj, &code.names[arg as usize])?;
                    frame.stack.push(method);
                    frame.stack.push(receiver);
                }
                Opcode::BINARY_SUBSCR => {
                    let index = pop!(frame);
                    let container = pop!(frame);
                    let v = match fast_paths::subscript(&container, &index) {
                        Some(v) => v,
                        None => ops::getitem(vm, &container, &index)?,
                    };
                    frame.stack.push(v);
                }
                Opcode::STORE_SUBSCR => {
                    let index = pop!(frame);
                    let container = pop!(frame);
                    let v = pop!(frame);
                    if let Err(v) = fast_paths::store_subscript(&container, &index, v) {
                        ops::setitem(vm, &container, index, v)?;
                    }
                }
                Opcode::DELETE_SUBSCR => {
                    let index = pop!(frame);
                    let container = pop!(frame);
                    ops::delitem(vm, &container, &index)?;
                }
                Opcode::UNARY_POSITIVE => {
                    let v = pop!(frame);
                    frame.stack.push(ops::unary_op(vm, "+", &v)?);
                }
                Opcode::UNARY_NEGATIVE => {
                    let v = pop!(frame);
                    frame.stack.push(ops::unary_op(vm, "-", &v)?);
                }
                Opcode::UNARY_INVERT => {
                    let v = pop!(frame);
                    frame.stack.push(ops::unary_op(vm, "~", &v)?);
                }
                Opcode::UNARY_NOT => {
                    let v = pop!(frame);
                    let b = ops::truthy(vm, &v)?;
                    frame.stack.push(Value::Bool(!b));
                }
                Opcode::BINARY_OP => {
                    let b = pop!(frame);
                    let a = pop!(frame);
                    if let Some(r) = fast_paths::binary_op(arg, &a, &b) {
                        frame.stack.push(r);
                        continue;
                    }
                    // An instance of a Python class whose `__op__` is a
                    // Python method: the method runs here, as a call.
                    if arg < 13 && ops::is_user_typed(&a) {
                        let (op, _) = BinaryOp::from_arg(arg);
                        if let Some((method, reflected)) = ops::binary_first_method(vm, op, &a, &b)
                        {
                            if let Some(Payload::Function(f)) = method.payload() {
                                if takes_exactly(f, 2) {
                                    vm.enter_inline_call()?;
                                    frame.stack.push(a.clone());
                                    frame.stack.push(b.clone());
                                    let first = frame.stack.len() - 2;
                                    let new =
                                        callee_frame(vm, spare, f, &mut frame.stack, first, false);
                                    enter_callee(vm, callees, new).returns =
                                        super::Returns::Operator(Box::new(super::Operator {
                                            op,
                                            a,
                                            b,
                                            reflected,
                                        }));
                                    continue 'frames;
                                }
                            }
                        }
                    }
                    const INPLACE_ADD: u32 = 13;
                    let a = if arg == INPLACE_ADD {
                        match concat_in_place(frame, instructions.get(core.pc.get()), a, &b) {
                            Ok(r) => {
                                frame.stack.push(r);
                                continue;
                            }
                            Err(a) => a,
                        }
                    } else {
                        a
                    };
                    let (op, inplace) = BinaryOp::from_arg(arg);
                    let v = if inplace {
                        ops::inplace_op(vm, op, &a, &b)?
                    } else {
                        ops::binary_op(vm, op, &a, &b)?
                    };
                    frame.stack.push(v);
                }
                Opcode::COMPARE_OP => {
                    let b = pop!(frame);
                    let a = pop!(frame);
                    let op = CompareOp::from_arg(arg);
                    if let Some(r) = fast_paths::compare(op, &a, &b) {
                        match fused_jump(instructions, core.pc.get(), r) {
                            Some(target) => core.pc.set(target),
                            None => frame.stack.push(Value::Bool(r)),
                        }
                        continue;
                    }
                    let v = ops::rich_compare(vm, &a, &b, op)?;
                    frame.stack.push(v);
                }
                Opcode::IS_OP => {
                    let b = pop!(frame);
                    let a = pop!(frame);
                    let r = a.is(&b) != (arg == 1);
                    match fused_jump(instructions, core.pc.get(), r) {
                        Some(target) => core.pc.set(target),
                        None => frame.stack.push(Value::Bool(r)),
                    }
                }
                Opcode::CONTAINS_OP => {
                    let container = pop!(frame);
                    let x = pop!(frame);
                    let found = ops::contains(vm, &container, &x)?;
                    frame.stack.push(Value::Bool(found != (arg == 1)));
                }
                Opcode::JUMP_BACKWARD => {
                    // The bottom of a loop: a loop that makes containers but
                    // calls nothing must still let the collector run.
                    crate::object::gc::collect_if_due(vm);
                    // ... and a SIGINT must interrupt it (CPython's eval
                    // breaker is checked here too).
                    vm.check_interrupt()?;
                    core.pc.set(arg as usize)
                }
                Opcode::JUMP_FORWARD
                | Opcode::JUMP_BACKWARD_NO_INTERRUPT
                | Opcode::JUMP
                | Opcode::JUMP_NO_INTERRUPT => core.pc.set(arg as usize),
                Opcode::POP_JUMP_FORWARD_IF_FALSE
                | Opcode::POP_JUMP_BACKWARD_IF_FALSE
                | Opcode::POP_JUMP_IF_FALSE => {
                    let v = pop!(frame);
                    if !is_true(vm, &v)? {
                        core.pc.set(arg as usize);
                    }
                }
                Opcode::POP_JUMP_FORWARD_IF_TRUE
                | Opcode::POP_JUMP_BACKWARD_IF_TRUE
                | Opcode::POP_JUMP_IF_TRUE => {
                    let v = pop!(frame);
                    if is_true(vm, &v)? {
                        core.pc.set(arg as usize);
                    }
                }
                Opcode::POP_JUMP_FORWARD_IF_NONE
                | Opcode::POP_JUMP_BACKWARD_IF_NONE
                | Opcode::POP_JUMP_IF_NONE => {
                    let v = pop!(frame);
                    if v.is_none() {
                        core.pc.set(arg as usize);
                    }
                }
                Opcode::POP_JUMP_FORWARD_IF_NOT_NONE
                | Opcode::POP_JUMP_BACKWARD_IF_NOT_NONE
                | Opcode::POP_JUMP_IF_NOT_NONE => {
                    let v = pop!(frame);
                    if !v.is_none() {
                        core.pc.set(arg as usize);
                    }
                }
                Opcode::JUMP_IF_FALSE_OR_POP => {
                    if is_true(vm, top!(frame))? {
                        frame.stack.pop();
                    } else {
                        core.pc.set(arg as usize);
                    }
                }
                Opcode::JUMP_IF_TRUE_OR_POP => {
                    if is_true(vm, top!(frame))? {
                        core.pc.set(arg as usize);
                    } else {
                        frame.stack.pop();
                    }
                }
                Opcode::GET_ITER => {
                    let v = pop!(frame);
                    frame.stack.push(ops::iter(vm, &v)?);
                }
                Opcode::GET_YIELD_FROM_ITER => {
                    let v = pop!(frame);
                    let it = if matches!(v.payload(), Some(Payload::Generator(_))) {
                        v
                    } else {
                        ops::iter(vm, &v)?
                    };
                    frame.stack.push(it);
                }
                Opcode::FOR_ITER => {
                    let it = top!(frame);
                    let next = match it {
                        Value::Obj(o) => match &o.payload {
                            Payload::Iter(state) if !o.has_explicit_class() => {
                                crate::object::iter::next_builtin(vm, state)?
                            }
                            _ => {
                                let it = it.clone();
                                ops::next(vm, &it)?
                            }
                        },
                        _ => {
                            let it = it.clone();
                            ops::next(vm, &it)?
                        }
                    };
                    match next {
                        Some(v) => frame.stack.push(v),
                        None => {
                            frame.stack.pop();
                            core.pc.set(arg as usize);
                        }
                    }
                }
                Opcode::RETURN_VALUE => {
                    let v = pop!(frame);
                    if callees.running == 0 {
                        return Ok(Exit::Return(v));
                    }
                    let finished = leave_callee(vm, callees);
                    let v = if let super::Returns::Value = finished.returns {
                        v
                    } else {
                        let returns =
                            std::mem::replace(&mut finished.returns, super::Returns::Value);
                        // (What raises here raises in the caller, now running.)
                        match special_return(vm, returns, v)? {
                            Some(v) => v,
                            None => continue 'frames,
                        }
                    };
                    split_running(bottom, callees).0.stack.push(v);
                    continue 'frames;
                }
                Opcode::YIELD_VALUE => {
                    let v = pop!(frame);
                    return Ok(Exit::Yield(v));
                }
                Opcode::RETURN_GENERATOR => return Ok(Exit::Generator),
                Opcode::SEND => {
                    let v = pop!(frame);
                    let receiver = top!(frame).clone();
                    match crate::object::generator::send_to(vm, &receiver, v)? {
                        crate::object::generator::SendResult::Yielded(y) => frame.stack.push(y),
                        crate::object::generator::SendResult::Returned(r) => {
                            *frame.stack.last_mut().expect("receiver") = r;
                            core.pc.set(arg as usize);
                        }
                    }
                }
                Opcode::BUILD_TUPLE => {
                    let start = frame.stack.len() - arg as usize;
                    let items: Vec<Value> = frame.stack.drain(start..).collect();
                    frame.stack.push(if items.is_empty() {
                        Value::Obj(vm.empty_tuple.clone())
                    } else {
                        crate::object::tuple::new_tuple(items)
                    });
                }
                Opcode::BUILD_LIST => {
                    let start = frame.stack.len() - arg as usize;
                    let items: Vec<Value> = frame.stack.drain(start..).collect();
                    frame.stack.push(crate::object::list::new_list(items));
                }
                Opcode::BUILD_SET => {
                    let start = frame.stack.len() - arg as usize;
                    let items: Vec<Value> = frame.stack.drain(start..).collect();
                    let cell = std::cell::RefCell::new(crate::object::set::Set::new());
                    for item in items {
                        crate::object::set::add(vm, &cell, item)?;
                    }
                    frame
                        .stack
                        .push(crate::object::set::new_set_value(cell.into_inner()));
                }
                Opcode::BUILD_MAP => {
                    let start = frame.stack.len() - 2 * arg as usize;
                    let items: Vec<Value> = frame.stack.drain(start..).collect();
                    let d = crate::object::dict::new_dict_value(crate::object::dict::Dict::new());
                    for pair in items.chunks(2) {
                        ops::dict_set(vm, &d, pair[0].clone(), pair[1].clone())?;
                    }
                    frame.stack.push(d);
                }
                Opcode::BUILD_CONST_KEY_MAP => {
                    let keys = pop!(frame);
                    let start = frame.stack.len() - arg as usize;
                    let values: Vec<Value> = frame.stack.drain(start..).collect();
                    let d = crate::object::dict::new_dict_value(crate::object::dict::Dict::new());
                    if let Some(Payload::Tuple(keys)) = keys.payload() {
                        for (k, v) in keys.iter().zip(values) {
                            ops::dict_set(vm, &d, k.clone(), v)?;
                        }
                    }
                    frame.stack.push(d);
                }
                Opcode::BUILD_STRING => {
                    let start = frame.stack.len() - arg as usize;
                    let mut s = String::new();
                    for part in frame.stack.drain(start..) {
                        s.push_str(part.as_str().unwrap_or(""));
                    }
                    frame.stack.push(Value::from_string(s));
                }
                Opcode::BUILD_SLICE => {
                    let step = if arg == 3 { pop!(frame) } else { Value::None };
                    let stop = pop!(frame);
                    let start = pop!(frame);
                    frame
                        .stack
                        .push(Value::Obj(Object::new(Payload::Slice(Box::new([
                            start, stop, step,
                        ])))));
                }
                Opcode::LIST_APPEND => {
                    let v = pop!(frame);
                    if let Some(Payload::List(items)) = peek(frame, arg as usize).payload() {
                        items.borrow_mut().push(v);
                    }
                }
                Opcode::SET_ADD => {
                    let v = pop!(frame);
                    if let Some(cell) = crate::object::set::set_cell(peek(frame, arg as usize)) {
                        crate::object::set::add(vm, cell, v)?;
                    }
                }
                Opcode::MAP_ADD => {
                    let value = pop!(frame);
                    let key = pop!(frame);
                    let d = peek(frame, arg as usize).clone();
                    ops::dict_set(vm, &d, key, value)?;
                }
                Opcode::LIST_EXTEND => {
                    let iterable = pop!(frame);
                    let list = peek(frame, arg as usize).clone();
                    list_extend(vm, &list, &iterable)?;
                }
                Opcode::SET_UPDATE => {
                    let iterable = pop!(frame);
                    if let Some(cell) = crate::object::set::set_cell(peek(frame, arg as usize)) {
                        crate::object::set::update(vm, cell, &iterable)?;
                    }
                }
                Opcode::DICT_UPDATE => {
                    let update = pop!(frame);
                    let d = peek(frame, arg as usize).clone();
                    if let Err(e) = dict_update(vm, &d, &update) {
                        if vm.err_matches(&e, &vm.types.attribute_error) {
                            return Err(vm
                                .type_error(format!(
                                    "'{}' object is not a mapping",
                                    vm.type_name(&update)
                                ))
                                .into());
                        }
                        return Err(e.into());
                    }
                }
                Opcode::DICT_MERGE => {
                    let update = pop!(frame);
                    let d = peek(frame, arg as usize).clone();
                    let func = peek(frame, arg as usize + 2).clone();
                    dict_merge(vm, &d, &update, &func)?;
                }
                Opcode::LIST_TO_TUPLE => {
                    let list = pop!(frame);
                    let items = match list.payload() {
                        Some(Payload::List(items)) => items.borrow().clone(),
                        _ => Vec::new(),
                    };
                    frame.stack.push(crate::object::tuple::new_tuple(items));
                }
                Opcode::UNPACK_SEQUENCE => {
                    let seq = pop!(frame);
                    let n = arg as usize;
                    match seq.payload() {
                        Some(Payload::Tuple(items))
                            if items.len() == n
                                && !seq.obj().is_some_and(|o| o.has_explicit_class()) =>
                        {
                            for item in items.iter().rev() {
                                frame.stack.push(item.clone());
                            }
                        }
                        Some(Payload::List(items))
                            if items.borrow().len() == n
                                && !seq.obj().is_some_and(|o| o.has_explicit_class()) =>
                        {
                            frame.stack.extend(items.borrow().iter().rev().cloned());
                        }
                        _ => {
                            let items = unpack(vm, &seq, n, None)?;
                            frame.stack.extend(items.into_iter().rev());
                        }
                    }
                }
                Opcode::UNPACK_EX => {
                    let seq = pop!(frame);
                    let before = (arg & 0xff) as usize;
                    let after = (arg >> 8) as usize;
                    let items = unpack(vm, &seq, before, Some(after))?;
                    frame.stack.extend(items.into_iter().rev());
                }
                Opcode::FORMAT_VALUE => {
                    let spec = if arg & 4 != 0 {
                        Some(pop!(frame))
                    } else {
                        None
                    };
                    let value = pop!(frame);
                    let converted = match arg & 3 {
                        1 => Value::from_string(ops::str_of(vm, &value)?),
                        2 => Value::from_string(ops::repr(vm, &value)?),
                        3 => Value::from_string(crate::builtins::ascii_of(vm, &value)?),
                        _ => value,
                    };
                    let spec_str = spec.as_ref().and_then(|s| s.as_str()).unwrap_or("");
                    let result = if spec_str.is_empty()
                        && matches!(converted.payload(), Some(Payload::Str(_)))
                        && !converted.obj().is_some_and(|o| o.has_explicit_class())
                    {
                        converted
                    } else {
                        crate::builtins::format_value(vm, &converted, spec_str)?
                    };
                    frame.stack.push(result);
                }
                Opcode::PRINT_EXPR => {
                    let v = pop!(frame);
                    crate::builtins::display_hook(vm, &v)?;
                }
                Opcode::LOAD_BUILD_CLASS => {
                    let v = match frame_builtins_get(&frame.core.builtins, "__build_class__") {
                        Some(v) => v,
                        None => return Err(vm.name_error("__build_class__ not found").into()),
                    };
                    frame.stack.push(v);
                }
                Opcode::LOAD_ASSERTION_ERROR => {
                    frame
                        .stack
                        .push(Value::Obj(vm.types.assertion_error.clone()));
                }
                Opcode::SETUP_ANNOTATIONS => {
                    let Some(locals) = frame.locals.clone() else {
                        return Err(vm
                            .new_error(
                                &vm.types.system_error,
                                "no locals found when setting up annotations",
                            )
                            .into());
                    };
                    let key = vm.intern("__annotations__");
                    if mapping_get(vm, &locals, &key)?.is_none() {
                        let d =
                            crate::object::dict::new_dict_value(crate::object::dict::Dict::new());
                        ops::setitem(vm, &locals, key, d)?;
                    }
                }
                Opcode::MAKE_FUNCTION => {
                    let f = make_function(vm, frame, arg);
                    frame.stack.push(f);
                }
                Opcode::KW_NAMES => frame.kw_names = Some(arg),
                Opcode::CALL => {
                    if crate::object::finalizers_pending() {
                        vm.run_finalizers();
                    }
                    crate::object::gc::collect_if_due(vm);
                    let argc = arg as usize;
                    let kw_names = match frame.kw_names.take() {
                        Some(i) => code.consts[i as usize].clone(),
                        None => Value::None,
                    };
                    let kw: &[Value] = match kw_names.payload() {
                        Some(Payload::Tuple(names)) => names,
                        _ => &[],
                    };
                    let len = frame.stack.len();
                    let base = len - argc - 2;
                    // The callable moves off the stack rather than being
                    // copied (its slot, now None, goes with the call's): one
                    // reference fewer to count.
                    let (callable, first_arg) = if frame.stack[base].is_none() {
                        (
                            std::mem::replace(&mut frame.stack[base + 1], Value::None),
                            base + 2,
                        )
                    } else {
                        (
                            std::mem::replace(&mut frame.stack[base], Value::None),
                            base + 1,
                        )
                    };
                    if kw.is_empty() {
                        if let Some(Payload::Function(f)) = callable.payload() {
                            if let Some(binding) = positional_binding(f, len - first_arg) {
                                vm.enter_inline_call()?;
                                let new = callee_frame(
                                    vm,
                                    spare,
                                    f,
                                    &mut frame.stack,
                                    first_arg,
                                    binding == Binding::WithDefaults,
                                );
                                // The callable and the NULL or self below it
                                // (popped one by one: `truncate` drops them
                                // out of line).
                                while frame.stack.len() > base {
                                    frame.stack.pop();
                                }
                                enter_callee(vm, callees, new);
                                continue 'frames;
                            }
                        }
                        // `Class(args)` of a Python class with object's
                        // `__new__` and a Python `__init__`: the new instance
                        // takes the NULL's place, as the call's result, and
                        // `__init__` runs here on it.
                        if first_arg == base + 2 {
                            if let Some((init, binding)) =
                                instance_init(vm, &callable, len - first_arg)
                            {
                                let Value::Obj(class) = &callable else {
                                    unreachable!("instance_init takes classes only")
                                };
                                let Some(Payload::Function(f)) = init.payload() else {
                                    unreachable!("instance_init gives Python functions only")
                                };
                                let obj = crate::object::typ::new_instance(vm, class)?;
                                vm.enter_inline_call()?;
                                frame.stack[base] = obj.clone();
                                frame.stack[base + 1] = obj;
                                let new = callee_frame(
                                    vm,
                                    spare,
                                    f,
                                    &mut frame.stack,
                                    base + 1,
                                    binding == Binding::WithDefaults,
                                );
                                enter_callee(vm, callees, new).returns = super::Returns::Init;
                                continue 'frames;
                            }
                        }
                    }
                    let all = &frame.stack[first_arg..];
                    let npos = all.len() - kw.len();
                    let args = Args {
                        pos: &all[..npos],
                        kw_names: kw,
                        kw_values: &all[npos..],
                    };
                    let result = call_in_frame(vm, frame, &callable, args)?;
                    frame.stack.truncate(base);
                    frame.stack.push(result);
                }
                Opcode::CALL_FUNCTION_EX => {
                    let kwargs = if arg & 1 != 0 {
                        Some(pop!(frame))
                    } else {
                        None
                    };
                    let callargs = pop!(frame);
                    let func = pop!(frame);
                    // The NULL pushed before the callable.
                    frame.stack.pop();
                    let pos = match callargs.payload() {
                        Some(Payload::Tuple(items)) => items.to_vec(),
                        _ => {
                            let t = vm.type_of(&callargs);
                            let iterable = crate::object::typ::lookup(&t, "__iter__").is_some()
                                || crate::object::typ::lookup(&t, "__getitem__").is_some();
                            if !iterable {
                                return Err(vm
                                    .type_error(format!(
                                        "{} argument after * must be an iterable, not {}",
                                        crate::builtins::function_description(vm, &func),
                                        vm.type_name(&callargs)
                                    ))
                                    .into());
                            }
                            ops::collect_iterable(vm, &callargs)?
                        }
                    };
                    let (names, values) = match &kwargs {
                        Some(d) => match d.payload() {
                            Some(Payload::Dict(d)) => {
                                let items = d.borrow().items();
                                items.into_iter().unzip()
                            }
                            _ => (Vec::new(), Vec::new()),
                        },
                        None => (Vec::new(), Vec::new()),
                    };
                    let args = Args {
                        pos: &pos,
                        kw_names: &names,
                        kw_values: &values,
                    };
                    let result = call_in_frame(vm, frame, &func, args)?;
                    frame.stack.push(result);
                }
                Opcode::RAISE_VARARGS => {
                    let err = match arg {
                        0 => match vm.current_exception() {
                            // A bare `raise` continues the handled exception as it is.
                            Some(Value::Obj(exc)) => {
                                return Err(Raised {
                                    err: PyErr(exc),
                                    reraise: Some(core.pc.get() - 1),
                                })
                            }
                            _ => vm.runtime_error("No active exception to reraise"),
                        },
                        1 => {
                            let exc = pop!(frame);
                            make_raised(vm, &exc, None)?
                        }
                        _ => {
                            let cause = pop!(frame);
                            let exc = pop!(frame);
                            make_raised(vm, &exc, Some(&cause))?
                        }
                    };
                    return Err(err.into());
                }
                Opcode::RERAISE => {
                    let exc = pop!(frame);
                    let lasti = if arg > 0 {
                        peek(frame, arg as usize).as_i64().map(|i| i as usize)
                    } else {
                        None
                    };
                    let Value::Obj(exc) = exc else {
                        return Err(vm
                            .new_error(&vm.types.system_error, "RERAISE of a non-exception")
                            .into());
                    };
                    return Err(Raised {
                        err: PyErr(exc),
                        reraise: Some(lasti.unwrap_or(core.pc.get() - 1)),
                    });
                }
                Opcode::PUSH_EXC_INFO => {
                    let exc = pop!(frame);
                    let previous = vm.swap_handled(exc.clone());
                    frame.stack.push(previous);
                    frame.stack.push(exc);
                }
                Opcode::POP_EXCEPT => {
                    let previous = pop!(frame);
                    vm.swap_handled(previous);
                }
                Opcode::CHECK_EXC_MATCH => {
                    let class = pop!(frame);
                    check_except_class(vm, &class)?;
                    let matched =
                        crate::object::exception::exception_matches(vm, top!(frame), &class);
                    frame.stack.push(Value::Bool(matched));
                }
                Opcode::CHECK_EG_MATCH => {
                    let class = pop!(frame);
                    let exc = pop!(frame);
                    check_except_class(vm, &class)?;
                    let (rest, matched) = crate::object::exception::split_group(vm, &exc, &class)?;
                    if !matched.is_none() {
                        vm.swap_handled(matched.clone());
                    }
                    frame.stack.push(rest);
                    frame.stack.push(matched);
                }
                Opcode::PREP_RERAISE_STAR => {
                    let excs = pop!(frame);
                    let orig = pop!(frame);
                    let result = crate::object::exception::prep_reraise_star(vm, &orig, &excs)?;
                    frame.stack.push(result);
                }
                Opcode::WITH_EXCEPT_START => {
                    let exc = peek(frame, 1).clone();
                    let exit = peek(frame, 4).clone();
                    let tb = exception::data(&exc)
                        .map(|d| d.borrow().traceback.clone())
                        .unwrap_or(Value::None);
                    let class = Value::Obj(vm.type_of(&exc));
                    let result = ops::call(vm, &exit, Args::positional(&[class, exc, tb]))?;
                    frame.stack.push(result);
                }
                Opcode::BEFORE_WITH => {
                    let manager = pop!(frame);
                    let (exit, entered) = before_with(vm, &manager, "__enter__", "__exit__")?;
                    frame.stack.push(exit);
                    frame.stack.push(entered);
                }
                Opcode::BEFORE_ASYNC_WITH => {
                    let manager = pop!(frame);
                    let (exit, entered) = before_with(vm, &manager, "__aenter__", "__aexit__")?;
                    frame.stack.push(exit);
                    frame.stack.push(entered);
                }
                Opcode::GET_AWAITABLE => {
                    let v = pop!(frame);
                    let awaitable = crate::object::generator::get_awaitable(vm, &v)
                        .map_err(|e| async_with_error(vm, e, &v, arg))?;
                    frame.stack.push(awaitable);
                }
                Opcode::GET_AITER => {
                    let v = pop!(frame);
                    let it = match ops::call_special(vm, &v, "__aiter__", &[])? {
                        Some(it) => it,
                        None => {
                            return Err(vm
                                .type_error(format!(
                                    "'async for' requires an object with __aiter__ method, got {}",
                                    vm.type_name(&v)
                                ))
                                .into())
                        }
                    };
                    frame.stack.push(it);
                }
                Opcode::GET_ANEXT => {
                    let it = top!(frame).clone();
                    let next = match ops::call_special(vm, &it, "__anext__", &[])? {
                        Some(n) => n,
                        None => {
                            return Err(vm
                                .type_error(format!(
                                "'async for' requires an iterator with __anext__ method, got {}",
                                vm.type_name(&it)
                            ))
                                .into())
                        }
                    };
                    let awaitable =
                        crate::object::generator::get_awaitable(vm, &next).map_err(|e| {
                            if !vm.err_matches(&e, &vm.types.type_error) {
                                return e;
                            }
                            let err = vm.type_error(format!(
                                "'async for' received an invalid object from __anext__: {}",
                                vm.type_name(&next)
                            ));
                            vm.caused_by(err, &e)
                        })?;
                    frame.stack.push(awaitable);
                }
                Opcode::END_ASYNC_FOR => {
                    let exc = pop!(frame);
                    if vm.is_instance(&exc, vm.types.exception("StopAsyncIteration")) {
                        frame.stack.pop();
                    } else if let Value::Obj(e) = exc {
                        return Err(Raised {
                            err: PyErr(e),
                            reraise: Some(core.pc.get() - 1),
                        });
                    }
                }
                Opcode::ASYNC_GEN_WRAP => {}
                Opcode::IMPORT_NAME => {
                    let fromlist = pop!(frame);
                    let level = pop!(frame);
                    let name = code.names[arg as usize].as_str().unwrap_or("");
                    let globals = Value::Obj(frame.core.globals.clone());
                    let level = level.as_i64().unwrap_or(0);
                    let module =
                        crate::import::import_name(vm, name, Some(&globals), &fromlist, level)?;
                    frame.stack.push(module);
                }
                Opcode::IMPORT_FROM => {
                    let module = top!(frame).clone();
                    let name = code.names[arg as usize].as_str().unwrap_or("");
                    let v = crate::import::import_from(vm, &module, name)?;
                    frame.stack.push(v);
                }
                Opcode::IMPORT_STAR => {
                    let module = pop!(frame);
                    let Some(locals) = frame.locals.clone() else {
                        return Err(vm
                            .new_error(&vm.types.system_error, "no locals found during 'import *'")
                            .into());
                    };
                    crate::builtins::import_star(vm, &module, &locals)?;
                }
                Opcode::GET_LEN => {
                    let n = crate::builtins::len_of(vm, top!(frame))?;
                    frame.stack.push(Value::from(n));
                }
                Opcode::MATCH_MAPPING => {
                    let is_mapping = crate::builtins::is_mapping_for_match(vm, top!(frame));
                    frame.stack.push(Value::Bool(is_mapping));
                }
                Opcode::MATCH_SEQUENCE => {
                    let is_sequence = crate::builtins::is_sequence_for_match(top!(frame));
                    frame.stack.push(Value::Bool(is_sequence));
                }
                Opcode::MATCH_KEYS => {
                    let keys = peek(frame, 1).clone();
                    let subject = peek(frame, 2).clone();
                    let values = crate::builtins::match_keys(vm, &subject, &keys)?;
                    frame.stack.push(values);
                }
                Opcode::MATCH_CLASS => {
                    let names = pop!(frame);
                    let class = pop!(frame);
                    let subject = pop!(frame);
                    let attrs =
                        crate::builtins::match_class(vm, &subject, &class, arg as usize, &names)?;
                    frame.stack.push(attrs);
                }
                Opcode::SETUP_FINALLY
                | Opcode::SETUP_CLEANUP
                | Opcode::SETUP_WITH
                | Opcode::POP_BLOCK => {}
            }
        }
    }
}

/// A comparison whose result the next instruction pops to decide a jump
/// (`if a < b:`, `while x is not None:`) jumps at once: the bool is never
/// pushed and the jump is not dispatched separately (CPython 3.11's
/// `COMPARE_OP_INT_JUMP` and friends). The next instruction's own code still
/// runs when something else jumps to it. Gives the instruction to continue
/// at, or None when the next instruction is not such a jump.
#[inline(always)]
fn fused_jump(
    instructions: &[pyrite_compiler::bytecode::Instruction],
    pc: usize,
    result: bool,
) -> Option<usize> {
    let next = instructions.get(pc)?;
    let jump_if = match next.op {
        Opcode::POP_JUMP_FORWARD_IF_FALSE
        | Opcode::POP_JUMP_BACKWARD_IF_FALSE
        | Opcode::POP_JUMP_IF_FALSE => false,
        Opcode::POP_JUMP_FORWARD_IF_TRUE
        | Opcode::POP_JUMP_BACKWARD_IF_TRUE
        | Opcode::POP_JUMP_IF_TRUE => true,
        _ => return None,
    };
    Some(if result == jump_if {
        next.arg as usize
    } else {
        pc + 1
    })
}

/// What the return of `v` by a callee that ran `__init__` or an operator's
/// method gives its caller: the value to push, if any.
#[inline(never)]
fn special_return(vm: &Vm, returns: super::Returns, v: Value) -> PyResult<Option<Value>> {
    match returns {
        super::Returns::Value => Ok(Some(v)),
        super::Returns::Init => ops::init_result(vm, v).map(|()| None),
        super::Returns::Operator(o) if ops::is_not_implemented(&v) => {
            ops::binary_after_first(vm, o.op, &o.a, &o.b, o.reflected).map(Some)
        }
        super::Returns::Operator(_) => Ok(Some(v)),
    }
}

/// How a call of a plain (not generator) function with only positional
/// arguments binds them, when its frame can run in the caller's eval loop.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Binding {
    /// One for one with the parameters.
    Exact,
    /// To the first parameters, defaults to the rest.
    WithDefaults,
}

/// How a call of `f` with `n` positional arguments binds them, if simply.
#[inline]
fn positional_binding(f: &Function, n: usize) -> Option<Binding> {
    let code = f.code.borrow();
    if code.is_generator_like() {
        None
    } else if code.takes_positional(n) {
        Some(Binding::Exact)
    } else if code.takes_positional_with_defaults(n, f.ndefaults()) {
        Some(Binding::WithDefaults)
    } else {
        None
    }
}

/// Does a call of `f` with `n` positional arguments bind them one for one
/// (and is `f` a plain function, not a generator)?
fn takes_exactly(f: &Function, n: usize) -> bool {
    positional_binding(f, n) == Some(Binding::Exact)
}

/// The `__init__` to run in the eval loop for a call of `callable` with
/// `n` positional arguments and no keywords, and how it binds them: when
/// `callable` is a Python class of metaclass `type` with object's `__new__`
/// (`typ::init_plan`) whose `__init__` takes the instance and the arguments
/// positionally.
fn instance_init(vm: &Vm, callable: &Value, n: usize) -> Option<(Value, Binding)> {
    let Value::Obj(class) = callable else {
        return None;
    };
    if !matches!(class.payload, Payload::Type(_)) || class.has_explicit_class() {
        return None;
    }
    let init = crate::object::typ::init_plan(vm, class)?;
    let Some(Payload::Function(f)) = init.payload() else {
        return None;
    };
    let binding = positional_binding(f, n + 1)?;
    Some((init, binding))
}

/// `s += t` for two exact strs when the next instruction stores the result
/// into the local that holds `s`: the local lets go of `s` first, so that
/// when it was the only reference the text grows in place instead of being
/// copied (CPython does the same; without it, building a string by `+=` in
/// a loop takes quadratic time). Gives `s` back when this does not apply.
fn concat_in_place(
    frame: &mut Frame,
    next: Option<&pyrite_compiler::bytecode::Instruction>,
    a: Value,
    b: &Value,
) -> Result<Value, Value> {
    let exact_str = |o: &ObjRef| matches!(o.payload, Payload::Str(_)) && !o.has_explicit_class();
    let (Some(next), Value::Obj(extra)) = (next, b) else {
        return Err(a);
    };
    let (Payload::Str(tail), true) = (&extra.payload, exact_str(extra)) else {
        return Err(a);
    };
    let mut target = match a {
        Value::Obj(target)
            if next.op == Opcode::STORE_FAST
                && exact_str(&target)
                && matches!(&frame.fast[next.arg as usize], Some(Value::Obj(o)) if Rc::ptr_eq(o, &target)) =>
        {
            target
        }
        other => return Err(other),
    };
    frame.fast[next.arg as usize] = None;
    if let Some(Object {
        payload: Payload::Str(text),
        ..
    }) = Rc::get_mut(&mut target)
    {
        text.push_str(tail);
        return Ok(Value::Obj(target));
    }
    let Payload::Str(head) = &target.payload else {
        unreachable!("exact_str checked the payload")
    };
    let mut joined = String::with_capacity(head.as_str().len() + tail.as_str().len());
    joined.push_str(head.as_str());
    joined.push_str(tail.as_str());
    Ok(Value::from_string(joined))
}

// ----- names ------------------------------------------------------------------------------

fn unbound_local(vm: &Vm, code: &crate::object::code::Code, slot: usize) -> PyErr {
    vm.new_error(
        &vm.types.unbound_local_error,
        format!(
            "cannot access local variable '{}' where it is not associated with a value",
            code.slot_name(slot)
        ),
    )
}

fn unbound_deref(vm: &Vm, code: &crate::object::code::Code, slot: usize) -> PyErr {
    if slot >= code.nlocalsplus() - code.nfree {
        let err = vm.name_error(format!(
            "cannot access free variable '{}' where it is not associated with a value in enclosing scope",
            code.slot_name(slot)
        ));
        ops::set_attr_in_dict(vm, &err.0, "name", code.localsplus[slot].clone());
        err
    } else {
        unbound_local(vm, code, slot)
    }
}

#[inline(always)]
fn load_deref(vm: &Vm, frame: &Frame, slot: usize) -> PyResult<Value> {
    if let Some(Payload::Cell(c)) = frame.fast[slot].as_ref().and_then(Value::payload) {
        if let Some(v) = &*c.borrow() {
            return Ok(v.clone());
        }
    }
    Err(unbound_deref(vm, &frame.core.code, slot))
}

fn name_not_defined(vm: &Vm, name: &Value) -> PyErr {
    let err = vm.name_error(format!(
        "name '{}' is not defined",
        name.as_str().unwrap_or("")
    ));
    ops::set_attr_in_dict(vm, &err.0, "name", name.clone());
    err
}

/// A str-keyed lookup in a dict object (globals, builtins).
fn dict_get_name(d: &ObjRef, name: &Value) -> Option<Value> {
    match &d.payload {
        Payload::Dict(dict) => dict.borrow().get_name(name),
        _ => None,
    }
}

fn frame_builtins_get(builtins: &ObjRef, name: &str) -> Option<Value> {
    match &builtins.payload {
        Payload::Dict(dict) => dict.borrow().get_str(name),
        _ => None,
    }
}

fn dict_set_name(d: &ObjRef, name: Value, v: Value) {
    if let Payload::Dict(dict) = &d.payload {
        dict.borrow_mut().insert_name(&name, v);
    }
}

fn dict_del_name(d: &ObjRef, name: &Value) -> bool {
    if let Payload::Dict(dict) = &d.payload {
        let mut dict = dict.borrow_mut();
        if let Some(s) = name.as_str() {
            let hash = crate::object::str::hash_str(s);
            if let Some(i) = dict.index_of_str(s, hash) {
                dict.remove_at(i);
                return true;
            }
        }
    }
    false
}

fn load_global(vm: &Vm, frame: &Frame, name: &Value) -> PyResult<Value> {
    if let Some(v) = dict_get_name(&frame.core.globals, name) {
        return Ok(v);
    }
    if let Some(v) = dict_get_name(&frame.core.builtins, name) {
        return Ok(v);
    }
    Err(name_not_defined(vm, name))
}

/// `LOAD_GLOBAL` through the code object's cache of where each name lives.
fn load_global_cached(
    vm: &Vm,
    frame: &Frame,
    code: &crate::object::code::Code,
    namei: usize,
) -> PyResult<Value> {
    use crate::object::code::GlobalCache;
    let name = &code.names[namei];
    let (Payload::Dict(globals), Payload::Dict(builtins)) =
        (&frame.core.globals.payload, &frame.core.builtins.payload)
    else {
        return load_global(vm, frame, name);
    };
    let slot = &code.global_cache[namei];
    match slot.get() {
        GlobalCache::Global { index } => {
            if let Some(v) = globals.borrow().value_if_key(index, name) {
                return Ok(v);
            }
        }
        GlobalCache::Builtin {
            globals_keys,
            index,
        } => {
            if globals.borrow().keys_version == globals_keys {
                if let Some(v) = builtins.borrow().value_if_key(index, name) {
                    return Ok(v);
                }
            }
        }
        GlobalCache::Empty => {}
    }
    let globals = globals.borrow();
    if let Some(index) = globals.index_of_name(name) {
        slot.set(GlobalCache::Global { index });
        return Ok(globals
            .entry(index)
            .map(|e| e.value.clone())
            .unwrap_or(Value::None));
    }
    let builtins = builtins.borrow();
    if let Some(index) = builtins.index_of_name(name) {
        slot.set(GlobalCache::Builtin {
            globals_keys: globals.keys_version,
            index,
        });
        return Ok(builtins
            .entry(index)
            .map(|e| e.value.clone())
            .unwrap_or(Value::None));
    }
    Err(name_not_defined(vm, name))
}

/// `mapping[name]`, or None when the key is missing.
fn mapping_get(vm: &Vm, mapping: &Value, name: &Value) -> PyResult<Option<Value>> {
    if let Value::Obj(o) = mapping {
        if matches!(o.payload, Payload::Dict(_)) && !o.has_explicit_class() {
            return Ok(dict_get_name(o, name));
        }
    }
    match ops::getitem(vm, mapping, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) if vm.err_matches(&e, &vm.types.key_error) => Ok(None),
        Err(e) => Err(e),
    }
}

fn load_name(vm: &Vm, frame: &Frame, name: &Value, hint: &Cell<u32>) -> PyResult<Value> {
    if let Some(locals) = &frame.locals {
        if let Value::Obj(o) = locals {
            if let (Payload::Dict(d), false) = (&o.payload, o.has_explicit_class()) {
                if let Some(v) = d.borrow().get_name_hinted(name, hint) {
                    return Ok(v);
                }
                return load_global(vm, frame, name);
            }
        }
        if let Some(v) = mapping_get(vm, locals, name)? {
            return Ok(v);
        }
    }
    load_global(vm, frame, name)
}

// ----- values -----------------------------------------------------------------------------

fn is_true(vm: &Vm, v: &Value) -> PyResult<bool> {
    match v {
        Value::Bool(b) => Ok(*b),
        Value::None => Ok(false),
        Value::Int(i) => Ok(*i != 0),
        _ => ops::truthy(vm, v),
    }
}

fn list_extend(vm: &Vm, list: &Value, iterable: &Value) -> PyResult<()> {
    let items = match ops::collect_iterable(vm, iterable) {
        Ok(items) => items,
        Err(e) => {
            let t = vm.type_of(iterable);
            let iterable_type = crate::object::typ::lookup(&t, "__iter__").is_some()
                || crate::object::typ::lookup(&t, "__getitem__").is_some();
            if vm.err_matches(&e, &vm.types.type_error) && !iterable_type {
                return Err(vm.type_error(format!(
                    "Value after * must be an iterable, not {}",
                    vm.type_name(iterable)
                )));
            }
            return Err(e);
        }
    };
    if let Some(Payload::List(l)) = list.payload() {
        l.borrow_mut().extend(items);
    }
    Ok(())
}

fn dict_update(vm: &Vm, d: &Value, update: &Value) -> PyResult<()> {
    if let Some(Payload::Dict(_)) = update.payload() {
        return ops::dict_update_from(vm, d, update);
    }
    let keys = ops::getattr(vm, update, "keys")?;
    let keys = ops::call0(vm, &keys)?;
    for k in ops::collect_iterable(vm, &keys)? {
        let v = ops::getitem(vm, update, &k)?;
        ops::dict_set(vm, d, k, v)?;
    }
    Ok(())
}

/// `f(**update)`: merges keyword arguments, rejecting duplicates.
fn dict_merge(vm: &Vm, d: &Value, update: &Value, func: &Value) -> PyResult<()> {
    let fname = || crate::builtins::function_description(vm, func);
    let pairs: Vec<(Value, Value)> = match update.payload() {
        Some(Payload::Dict(u)) if !update.obj().is_some_and(|o| o.has_explicit_class()) => {
            u.borrow().items()
        }
        _ => {
            let keys = match ops::getattr_opt(vm, update, "keys")? {
                Some(keys) => keys,
                None => {
                    return Err(vm.type_error(format!(
                        "{} argument after ** must be a mapping, not {}",
                        fname(),
                        vm.type_name(update)
                    )))
                }
            };
            let keys = ops::call0(vm, &keys)?;
            let mut pairs = Vec::new();
            for k in ops::collect_iterable(vm, &keys)? {
                let v = ops::getitem(vm, update, &k)?;
                pairs.push((k, v));
            }
            pairs
        }
    };
    for (k, v) in pairs {
        if k.as_str().is_none() {
            return Err(vm.type_error(format!("{} keywords must be strings", fname())));
        }
        if ops::dict_get(vm, d, &k)?.is_some() {
            return Err(vm.type_error(format!(
                "{} got multiple values for keyword argument '{}'",
                fname(),
                k.as_str().unwrap_or("")
            )));
        }
        ops::dict_set(vm, d, k, v)?;
    }
    Ok(())
}

/// Unpacks `seq` into exactly `before` items, or (with `after`) into `before`
/// items, a list of the middle, and `after` items.
fn unpack(vm: &Vm, seq: &Value, before: usize, after: Option<usize>) -> PyResult<Vec<Value>> {
    let it = match ops::iter(vm, seq) {
        Ok(it) => it,
        Err(e) => {
            if vm.err_matches(&e, &vm.types.type_error)
                && crate::object::typ::lookup(&vm.type_of(seq), "__iter__").is_none()
                && crate::object::typ::lookup(&vm.type_of(seq), "__getitem__").is_none()
            {
                return Err(vm.type_error(format!(
                    "cannot unpack non-iterable {} object",
                    vm.type_name(seq)
                )));
            }
            return Err(e);
        }
    };
    let mut items = Vec::with_capacity(before + after.unwrap_or(0) + 1);
    for i in 0..before {
        match ops::next(vm, &it)? {
            Some(v) => items.push(v),
            None => {
                return Err(vm.value_error(match after {
                    None => format!("not enough values to unpack (expected {before}, got {i})"),
                    Some(a) => format!(
                        "not enough values to unpack (expected at least {}, got {i})",
                        before + a
                    ),
                }))
            }
        }
    }
    match after {
        None => {
            if ops::next(vm, &it)?.is_some() {
                return Err(
                    vm.value_error(format!("too many values to unpack (expected {before})"))
                );
            }
            Ok(items)
        }
        Some(after) => {
            let mut rest = Vec::new();
            while let Some(v) = ops::next(vm, &it)? {
                rest.push(v);
            }
            if rest.len() < after {
                return Err(vm.value_error(format!(
                    "not enough values to unpack (expected at least {}, got {})",
                    before + after,
                    before + rest.len()
                )));
            }
            let tail = rest.split_off(rest.len() - after);
            items.push(crate::object::list::new_list(rest));
            items.extend(tail);
            Ok(items)
        }
    }
}

// ----- functions and calls -------------------------------------------------------------------

fn make_function(vm: &Vm, frame: &mut Frame, flags: u32) -> Value {
    let code_value = pop!(frame);
    let closure = if flags & 8 != 0 {
        Some(pop!(frame))
    } else {
        None
    };
    let annotations = if flags & 4 != 0 {
        pop!(frame)
    } else {
        Value::None
    };
    let kwdefaults = if flags & 2 != 0 {
        pop!(frame)
    } else {
        Value::None
    };
    let defaults = if flags & 1 != 0 {
        pop!(frame)
    } else {
        Value::None
    };
    let Some(Payload::Code(code)) = code_value.payload() else {
        return Value::None;
    };
    let code = code.clone();
    let code_object = std::cell::RefCell::new(code_value.clone());
    let doc = match code.consts.first() {
        Some(v) if v.as_str().is_some() => v.clone(),
        _ => Value::None,
    };
    let module = dict_get_name(&frame.core.globals, &vm.intern("__name__")).unwrap_or(Value::None);
    let func = Function {
        name: std::cell::RefCell::new(code.name.clone()),
        qualname: std::cell::RefCell::new(code.qualname.clone()),
        code: std::cell::RefCell::new(code),
        code_object,
        globals: frame.core.globals.clone(),
        builtins: frame.core.builtins.clone(),
        defaults: std::cell::RefCell::new(defaults),
        kwdefaults: std::cell::RefCell::new(kwdefaults),
        closure: closure.and_then(|c| c.obj().cloned()),
        annotations: std::cell::RefCell::new(annotations),
        module: std::cell::RefCell::new(module),
        doc: std::cell::RefCell::new(doc),
    };
    Value::Obj(Object::with_dict(
        Payload::Function(Box::new(func)),
        crate::object::new_dict_object(),
    ))
}

/// Calls `callable` from this frame: the builtins that look at their caller's
/// frame (`super()`, `locals()`, `globals()`, `vars()`, `dir()`, `eval`,
/// `exec`) get it here.
fn call_in_frame(vm: &Vm, frame: &Frame, callable: &Value, args: Args) -> PyResult<Value> {
    if let Value::Obj(o) = callable {
        match &o.payload {
            Payload::Function(_) => return super::call_function(vm, o, args),
            Payload::Type(_)
                if Rc::ptr_eq(o, &vm.types.super_)
                    && args.pos.is_empty()
                    && args.kw_names.is_empty() =>
            {
                return zero_arg_super(vm, frame);
            }
            Payload::Type(_) if Rc::ptr_eq(o, &vm.types.type_) && args.pos.len() == 3 => {
                // type(name, bases, ns) takes `__module__` from the caller's
                // globals, as class statements do.
                if let Some(Payload::Dict(ns)) = args.pos[2].payload() {
                    let missing = ns.borrow().get_str("__module__").is_none();
                    if missing {
                        if let Some(name) =
                            dict_get_name(&frame.core.globals, &vm.intern("__name__"))
                        {
                            ns.borrow_mut()
                                .insert_str_key(vm.intern("__module__"), name);
                        }
                    }
                }
            }
            Payload::Builtin(b) if b.kind == BuiltinKind::Function => {
                if b.uses_frame {
                    if let Some(result) =
                        crate::builtins::call_frame_builtin(vm, frame, b.name, args)?
                    {
                        return Ok(result);
                    }
                }
                return (b.func)(vm, args).map_err(|e| ops::qualify_call_error(vm, b, e));
            }
            // A method of a built-in type from `LOAD_METHOD` (`items.append(x)`):
            // the receiver is the first argument already.
            Payload::Builtin(b) if b.kind == BuiltinKind::Method && b.receiver.is_none() => {
                return (b.func)(vm, args).map_err(|e| ops::qualify_call_error(vm, b, e));
            }
            _ => {}
        }
    }
    ops::call(vm, callable, args)
}

/// `super()` with no arguments: the enclosing class (the `__class__` cell) and
/// the function's first argument.
fn zero_arg_super(vm: &Vm, frame: &Frame) -> PyResult<Value> {
    let code = &frame.core.code;
    if code.co.argcount == 0 && code.co.flags.0 & 0x4 == 0 {
        return Err(vm.runtime_error("super(): no arguments"));
    }
    let first = match &frame.fast[0] {
        Some(v) => {
            let is_cell = code
                .co
                .cellvars
                .first()
                .is_some_and(|_| code.co.cellvars.contains(&code.co.varnames[0]));
            if is_cell {
                match v.payload() {
                    Some(Payload::Cell(c)) => c.borrow().clone(),
                    _ => Some(v.clone()),
                }
            } else {
                Some(v.clone())
            }
        }
        None => None,
    };
    let Some(obj) = first else {
        return Err(vm.runtime_error("super(): arg[0] deleted"));
    };
    let nfree = code.nfree;
    let start = code.nlocalsplus() - nfree;
    let slot = (start..code.nlocalsplus()).find(|&i| code.slot_name(i) == "__class__");
    let Some(slot) = slot else {
        return Err(vm.runtime_error("super(): __class__ cell not found"));
    };
    let class = match frame.fast[slot].as_ref().and_then(Value::payload) {
        Some(Payload::Cell(c)) => c.borrow().clone(),
        _ => None,
    };
    let Some(class) = class else {
        return Err(vm.runtime_error("super(): empty __class__ cell"));
    };
    if !matches!(class.payload(), Some(Payload::Type(_))) {
        return Err(vm.runtime_error("super(): __class__ is not a type"));
    }
    crate::builtins::new_super(vm, &class, &obj)
}

/// The exception `raise exc [from cause]` raises.
fn make_raised(vm: &Vm, exc: &Value, cause: Option<&Value>) -> PyResult<PyErr> {
    let instance = instantiate_exception(vm, exc, "exceptions must derive from BaseException")?;
    if let Some(cause) = cause {
        let cause_value = if cause.is_none() {
            Value::None
        } else {
            Value::Obj(instantiate_exception(
                vm,
                cause,
                "exception causes must derive from BaseException",
            )?)
        };
        if let Payload::Exception(d) = &instance.payload {
            let mut d = d.borrow_mut();
            d.cause = cause_value;
            d.suppress_context = true;
        }
    }
    Ok(PyErr(instance))
}

/// An exception instance from a class (called with no arguments) or instance.
fn instantiate_exception(vm: &Vm, v: &Value, message: &str) -> PyResult<ObjRef> {
    if let Value::Obj(o) = v {
        if o.as_type().is_some() && crate::object::typ::is_subtype(o, &vm.types.base_exception) {
            let instance = ops::call0(vm, v)?;
            return match instance {
                Value::Obj(i) if matches!(i.payload, Payload::Exception(_)) => Ok(i),
                other => Err(vm.type_error(format!(
                    "calling {} should have returned an instance of BaseException, not {}",
                    ops::repr(vm, v)?,
                    vm.type_name(&other)
                ))),
            };
        }
        if matches!(o.payload, Payload::Exception(_)) {
            return Ok(o.clone());
        }
    }
    Err(vm.type_error(message))
}

fn check_except_class(vm: &Vm, class: &Value) -> PyResult<()> {
    let ok = |v: &Value| matches!(v, Value::Obj(o) if o.as_type().is_some() && crate::object::typ::is_subtype(o, &vm.types.base_exception));
    let valid = match class.payload() {
        Some(Payload::Tuple(items)) => items.iter().all(ok),
        _ => ok(class),
    };
    if !valid {
        return Err(
            vm.type_error("catching classes that do not inherit from BaseException is not allowed")
        );
    }
    Ok(())
}

fn before_with(
    vm: &Vm,
    manager: &Value,
    enter_name: &str,
    exit_name: &str,
) -> PyResult<(Value, Value)> {
    let t = vm.type_of(manager);
    let asynchronous = enter_name == "__aenter__";
    let protocol = if asynchronous {
        "asynchronous context manager"
    } else {
        "context manager"
    };
    let Some(enter) = crate::object::typ::lookup(&t, enter_name) else {
        return Err(vm.type_error(format!(
            "'{}' object does not support the {protocol} protocol",
            vm.type_name(manager)
        )));
    };
    let Some(exit) = crate::object::typ::lookup(&t, exit_name) else {
        return Err(vm.type_error(format!(
            "'{}' object does not support the {protocol} protocol (missed {exit_name} method)",
            vm.type_name(manager)
        )));
    };
    let exit = ops::descriptor_get(vm, &exit, Some(manager), None)?;
    let enter = ops::descriptor_get(vm, &enter, Some(manager), None)?;
    let entered = ops::call0(vm, &enter)?;
    Ok((exit, entered))
}

/// GET_AWAITABLE's error for what `__aenter__` (oparg 1) or `__aexit__`
/// (oparg 2) returned, when it has no `__await__` at all.
fn async_with_error(vm: &Vm, err: PyErr, v: &Value, oparg: u32) -> PyErr {
    let method = match oparg {
        1 => "__aenter__",
        2 => "__aexit__",
        _ => return err,
    };
    if crate::object::typ::lookup(&vm.type_of(v), "__await__").is_some() {
        return err;
    }
    vm.type_error(format!(
        "'async with' received an object from {method} that does not implement __await__: {}",
        vm.type_name(v)
    ))
}
