//! Frames and calls: binding arguments to a function's parameters, running a
//! frame, and running module code.
//!
//! A call of a Python function from Python code that needs only its
//! positional arguments bound runs in the caller's eval loop (`eval::execute`
//! switches frames; `sys.getrecursionlimit()` bounds the depth). Every other
//! call (keywords, defaults, `*args`, generators, calls from native code) runs
//! `eval::run_frame` on a fresh `Frame`, recursively on the Rust stack,
//! bounded by the recursion limit and by the stack space actually left. A
//! generator's frame outlives the call: `RETURN_GENERATOR` hands it to a
//! generator object, which resumes it on each `send`.

mod args;
pub mod attr_cache;
pub mod eval;
pub(crate) mod fast_paths;

use std::rc::Rc;

use crate::object::code::Code;
use crate::object::frame::FrameCore;
use crate::object::function::{Args, Function};
use crate::object::Payload;
use crate::value::{ObjRef, Value};
use crate::vm::{PyResult, Vm};

pub use eval::Exit;

/// An executing (or suspended) piece of code.
pub struct Frame {
    /// The code, globals, builtins and instruction counter, shared with the
    /// stack of live frames (`Vm::frames`) and the frame object.
    pub core: Rc<FrameCore>,
    /// The locals mapping of module and class bodies (None in functions, whose
    /// locals are the fast slots).
    pub locals: Option<Value>,
    /// Fast locals: arguments, locals, cells and free variables, by slot.
    pub fast: Vec<Option<Value>>,
    pub stack: Vec<Value>,
    /// The function's closure (a tuple of cells), for `COPY_FREE_VARS`.
    pub closure: Option<ObjRef>,
    /// The keyword names `KW_NAMES` set for the next `CALL` (a const index).
    pub kw_names: Option<u32>,
    /// What its return gives the caller, when it runs in the caller's eval
    /// loop.
    pub returns: Returns,
}

/// What a callee frame's return gives the caller's value stack.
pub enum Returns {
    /// The value returned.
    Value,
    /// Nothing: the frame ran `__init__` for a class call, which must return
    /// None; the call's result, the instance, is on the caller's stack
    /// already.
    Init,
    /// The frame ran `a.__op__(b)` for a binary operator: NotImplemented
    /// goes on to the rest of the protocol.
    Operator(Box<Operator>),
}

/// A binary operation whose first method runs as a callee frame.
pub struct Operator {
    pub op: crate::ops::BinaryOp,
    pub a: Value,
    pub b: Value,
    /// `b`'s reflected method, tried if `a`'s gives NotImplemented.
    pub reflected: Option<Value>,
}

impl Frame {
    pub fn new(code: Rc<Code>, globals: ObjRef, builtins: ObjRef, locals: Option<Value>) -> Frame {
        let nslots = code.nlocalsplus();
        let stacksize = code.co.stacksize as usize;
        Frame {
            core: Rc::new(FrameCore::new(code, globals, builtins, locals.clone())),
            locals,
            fast: vec![None; nslots],
            stack: Vec::with_capacity(stacksize + 1),
            closure: None,
            kw_names: None,
            returns: Returns::Value,
        }
    }

    /// The next instruction.
    pub fn pc(&self) -> usize {
        self.core.pc.get()
    }

    pub fn set_pc(&self, pc: usize) {
        self.core.pc.set(pc);
    }

    /// The line being executed (for tracebacks and `f_lineno`).
    pub fn lineno(&self) -> u32 {
        self.core.lineno()
    }
}

/// Calls a Python function.
pub fn call_function(vm: &Vm, func_obj: &ObjRef, args: Args) -> PyResult<Value> {
    let Payload::Function(func) = &func_obj.payload else {
        return Err(vm.type_error("expected a function"));
    };
    let mut frame = new_function_frame(vm, func);
    empty_slots(&mut frame);
    if let Err(e) = args::bind(vm, func, &mut frame, args) {
        vm.recycle_frame(frame);
        return Err(e);
    }
    run_function_frame(vm, func, frame)
}

/// The frame of a call of a Python function that takes the positional
/// arguments `stack[first..]`, and, if `defaults`, its defaults for the
/// parameters after them (see `Code::takes_positional_with_defaults`). The
/// arguments move off the caller's value stack into the parameters.
pub fn positional_frame(
    vm: &Vm,
    func: &Function,
    stack: &mut Vec<Value>,
    first: usize,
    defaults: bool,
) -> Box<Frame> {
    let mut frame = new_function_frame(vm, func);
    bind_positional(func, &mut frame, stack, first, defaults);
    frame
}

/// `positional_frame` in a finished frame an eval loop kept for reuse (see
/// `Frame::finish`): the frame of the previous call at the same depth,
/// usually of the same function, so that its code, globals and builtins are
/// already the callee's.
pub fn reuse_positional_frame(
    frame: &mut Frame,
    func: &Function,
    stack: &mut Vec<Value>,
    first: usize,
    defaults: bool,
) {
    prepare_frame(frame, func);
    bind_positional(func, frame, stack, first, defaults);
}

/// Binds the parameters of a frame whose slots are not made yet to the
/// positional arguments `stack[first..]` (moved off the stack) and, if
/// `defaults`, the defaults after them; the other slots are unbound.
#[inline(always)]
fn bind_positional(
    func: &Function,
    frame: &mut Frame,
    stack: &mut Vec<Value>,
    first: usize,
    defaults: bool,
) {
    let given = stack.len() - first;
    // The arguments are the top of the stack, the last one the last given
    // parameter's: they are popped into the slots, which are then put in
    // order. (Cheaper than making unbound slots to overwrite.)
    for _ in 0..given {
        frame.fast.push(stack.pop());
    }
    frame.fast.reverse();
    if defaults {
        push_defaults(func, frame);
    }
    empty_slots(frame);
}

/// Binds the parameters after the given ones (the slots made so far) to the
/// function's defaults.
fn push_defaults(func: &Function, frame: &mut Frame) {
    let argcount = frame.core.code.co.argcount as usize;
    if let Some(Payload::Tuple(defaults)) = func.defaults.borrow().payload() {
        let missing = argcount - frame.fast.len();
        let from = &defaults[defaults.len() - missing..];
        for value in from {
            frame.fast.push(Some(value.clone()));
        }
    }
}

/// Gives a new frame the rest of its fast-local slots, unbound. (A plain loop:
/// `resize` costs more than the few slots a frame has.)
#[inline(always)]
fn empty_slots(frame: &mut Frame) {
    for _ in frame.fast.len()..frame.core.code.nlocalsplus() {
        frame.fast.push(None);
    }
}

/// Runs a function's frame whose arguments are bound.
fn run_function_frame(vm: &Vm, func: &Function, mut frame: Box<Frame>) -> PyResult<Value> {
    if let Err(e) = vm.enter_recursion("") {
        vm.recycle_frame(frame);
        return Err(e);
    }
    let result = eval::run_frame(vm, &mut frame, None);
    vm.leave_recursion();
    let exit = match result {
        Ok(exit) => exit,
        Err(e) => {
            vm.recycle_frame(frame);
            return Err(e);
        }
    };
    match exit {
        Exit::Return(v) => {
            vm.recycle_frame(frame);
            Ok(v)
        }
        Exit::Generator => Ok(crate::object::generator::new_generator(frame, func)),
        Exit::Yield(_) => {
            Err(vm.new_error(&vm.types.system_error, "yield outside a generator frame"))
        }
    }
}

/// A frame for a call of `func`, its parameters still unbound: a finished
/// frame from the pool when there is one (its buffers and core reused, so a
/// call allocates nothing), else a new one.
fn new_function_frame(vm: &Vm, func: &Function) -> Box<Frame> {
    let pooled = vm.frame_pool.borrow_mut().pop();
    match pooled {
        Some(mut frame) => {
            prepare_frame(&mut frame, func);
            frame
        }
        None => {
            let code = func.code.borrow();
            let mut frame = Box::new(Frame {
                core: Rc::new(FrameCore::new(
                    code.clone(),
                    func.globals.clone(),
                    func.builtins.clone(),
                    None,
                )),
                locals: None,
                fast: Vec::new(),
                stack: Vec::new(),
                closure: None,
                kw_names: None,
                returns: Returns::Value,
            });
            drop(code);
            reserve_frame(&mut frame, func);
            frame
        }
    }
}

/// Makes a finished, emptied frame the frame of a call of `func`.
#[inline(always)]
fn prepare_frame(frame: &mut Frame, func: &Function) {
    let code = func.code.borrow();
    let (globals, builtins) = (&func.globals, &func.builtins);
    // A finished frame's core is unshared unless its frame object lives.
    match Rc::get_mut(&mut frame.core) {
        Some(core) => core.reuse(&code, globals, builtins),
        None => new_core(frame, &code, func),
    }
    drop(code);
    reserve_frame(frame, func);
}

/// Gives a frame whose frame object holds its core a new core for a call of
/// `func`.
#[cold]
#[inline(never)]
fn new_core(frame: &mut Frame, code: &Rc<Code>, func: &Function) {
    frame.core = Rc::new(FrameCore::new(
        code.clone(),
        func.globals.clone(),
        func.builtins.clone(),
        None,
    ));
}

/// Room for the frame's slots and value stack, and its closure.
#[inline(always)]
fn reserve_frame(frame: &mut Frame, func: &Function) {
    let code = &frame.core.code;
    let (nslots, stacksize) = (code.nlocalsplus(), code.co.stacksize as usize + 1);
    frame.fast.reserve(nslots);
    frame.stack.reserve(stacksize);
    frame.closure = func.closure.clone();
}

impl Frame {
    /// Empties a function frame that finished in an eval loop, which keeps it
    /// for its next call at the same depth (`reuse_positional_frame`): its
    /// locals go now, as a finished frame's do, and its frame object, if one
    /// lives, is told its final locals and keeps the core. The globals and
    /// builtins stay only when they are `bottom`'s, the frame the eval loop
    /// was handed, which outlives it: keeping the frame keeps nothing alive.
    #[inline(always)]
    pub(crate) fn finish(&mut self, vm: &Vm, bottom: &FrameCore) {
        match Rc::get_mut(&mut self.core) {
            // Unshared: no frame object lives (it would hold the core).
            Some(core) => {
                core.forget_object();
                if !Rc::ptr_eq(&core.globals, &bottom.globals)
                    || !Rc::ptr_eq(&core.builtins, &bottom.builtins)
                {
                    core.release(vm.builtins_dict());
                }
            }
            None => self.hand_over_core(vm),
        }
        self.fast.clear();
        self.stack.clear();
        self.closure = None;
        self.locals = None;
        self.kw_names = None;
        // (A callee that raised still says what its return would give.)
        self.returns = Returns::Value;
    }

    /// Leaves a finished frame's core to its frame object, which holds it,
    /// telling the object its final locals, and gives the frame an empty
    /// core of the same code.
    #[cold]
    #[inline(never)]
    fn hand_over_core(&mut self, vm: &Vm) {
        if let Some(obj) = self.core.object() {
            finish_frame_object(vm, &obj, std::mem::take(&mut self.fast));
        }
        let placeholder = vm.builtins_dict();
        self.core = Rc::new(FrameCore::new(
            self.core.code.clone(),
            placeholder.clone(),
            placeholder.clone(),
            None,
        ));
    }
}

impl Vm {
    /// Returns a finished function frame to the pool for the next call to
    /// reuse, emptied. A frame whose core is shared (its frame object lives
    /// on) is dropped instead.
    pub(crate) fn recycle_frame(&self, mut frame: Box<Frame>) {
        if let Some(obj) = frame.core.object() {
            // Someone holds its frame object: it keeps the final locals.
            finish_frame_object(self, &obj, std::mem::take(&mut frame.fast));
        }
        frame.fast.clear();
        frame.stack.clear();
        frame.closure = None;
        frame.locals = None;
        frame.kw_names = None;
        frame.returns = Returns::Value;
        let Some(core) = Rc::get_mut(&mut frame.core) else {
            return;
        };
        // A pooled core keeps its code (the next call is usually of the same
        // function, which then costs no reference counting), unless the code
        // has died meanwhile with its function: the frame goes with them.
        if Rc::strong_count(&core.code) == 1 {
            return;
        }
        core.release(self.builtins_dict());
        let mut pool = self.frame_pool.borrow_mut();
        if pool.len() < 64 {
            pool.push(frame);
        }
    }
}

/// Tells a finished frame's frame object its final fast locals and its
/// caller (the frame now at the top of the stack).
fn finish_frame_object(vm: &Vm, obj: &ObjRef, fast: Vec<Option<Value>>) {
    if let Payload::Frame(f) = &obj.payload {
        let caller = vm.frames.borrow().last().cloned();
        f.finish(fast, caller.as_ref());
    }
}

/// Runs module-level (or `exec`) code with the given globals and locals.
pub fn run_code(
    vm: &Vm,
    code: Rc<Code>,
    globals: &ObjRef,
    locals: Option<Value>,
) -> PyResult<Value> {
    let builtins = builtins_for(vm, globals);
    let locals = locals.or_else(|| Some(Value::Obj(globals.clone())));
    let mut frame = Frame::new(code, globals.clone(), builtins, locals);
    vm.enter_recursion("")?;
    let result = eval::run_frame(vm, &mut frame, None);
    vm.leave_recursion();
    if let Some(obj) = frame.core.object() {
        finish_frame_object(vm, &obj, Vec::new());
    }
    match result? {
        Exit::Return(v) => Ok(v),
        _ => Ok(Value::None),
    }
}

/// The builtins dict a globals dict uses: its `__builtins__` entry (a module or
/// a dict), else the interpreter's.
pub fn builtins_for(vm: &Vm, globals: &ObjRef) -> ObjRef {
    if let Payload::Dict(d) = &globals.payload {
        let found = d.borrow().get_str("__builtins__");
        if let Some(b) = found {
            match b {
                Value::Obj(o) if matches!(o.payload, Payload::Dict(_)) => return o,
                Value::Obj(o) if matches!(o.payload, Payload::Module(_)) => {
                    if let Some(d) = &o.dict {
                        return d.clone();
                    }
                }
                _ => {}
            }
        } else {
            d.borrow_mut()
                .insert_str_key(vm.intern("__builtins__"), Value::Obj(vm.builtins.clone()));
        }
    }
    vm.builtins_dict().clone()
}
