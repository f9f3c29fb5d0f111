//! Frame objects: what `sys._getframe()`, `tb_frame` and `gi_frame` return.
//!
//! Every running frame (`interp::Frame`) shares a `FrameCore` with the
//! interpreter's stack of live frames (`Vm::frames`): the code, the globals,
//! the builtins, a module or class body's locals mapping, and the instruction
//! counter. A frame object is made from a core the first time one is asked
//! for, and the core remembers it (weakly), so asking again gives the same
//! object while it lives, as in CPython.
//!
//! A frame object reads the live core: `f_lineno` moves on while its frame
//! runs, and `f_back` is the frame below it on the stack. When its frame
//! finishes, the frame object keeps the final values of the fast locals (what
//! `f_locals` of a traceback's frames shows) and the frame's caller as
//! `f_back`.
//!
//! A function's fast locals live in the `interp::Frame` its eval loop is
//! running, out of reach of native code, so `f_locals` is a dict brought up
//! to date from them where the eval loop can see the frame: at `LOAD_ATTR
//! f_locals` on a frame of the same eval loop, and when the frame finishes.
//! A frame suspended under a native call (in an outer eval loop) shows the
//! values of the last such update.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use super::code::Code;
use super::{Object, Payload};
use crate::value::{ObjRef, Value};
use crate::vm::{PyResult, Vm};

/// What a frame shares with the stack of live frames and its frame object.
pub struct FrameCore {
    pub code: Rc<Code>,
    pub globals: ObjRef,
    pub builtins: ObjRef,
    /// A module or class body's locals mapping (None in functions).
    pub locals: Option<Value>,
    /// The next instruction.
    pub pc: Cell<usize>,
    /// The frame object, once one was made.
    object: RefCell<Weak<Object>>,
}

impl FrameCore {
    pub fn new(code: Rc<Code>, globals: ObjRef, builtins: ObjRef, locals: Option<Value>) -> Self {
        FrameCore {
            code,
            globals,
            builtins,
            locals,
            pc: Cell::new(0),
            object: RefCell::new(Weak::new()),
        }
    }

    /// Makes a finished core (one nothing else refers to, emptied by
    /// `release` or `forget_object`) the core of a new function frame. (What
    /// it already holds, usually the same code and builtins, is kept rather
    /// than replaced by an equal reference.)
    #[inline]
    pub fn reuse(&mut self, code: &Rc<Code>, globals: &ObjRef, builtins: &ObjRef) {
        if !Rc::ptr_eq(&self.code, code) {
            self.code = code.clone();
        }
        if !Rc::ptr_eq(&self.globals, globals) {
            self.globals = globals.clone();
        }
        if !Rc::ptr_eq(&self.builtins, builtins) {
            self.builtins = builtins.clone();
        }
        self.pc.set(0);
    }

    /// Lets go of a finished core's namespaces while it waits for reuse, so
    /// that pooling it keeps no module's objects alive; `placeholder` is a
    /// dict that lives anyway. (The code stays: the next call is usually of
    /// the same function.)
    #[inline]
    pub fn release(&mut self, placeholder: &ObjRef) {
        if !Rc::ptr_eq(&self.globals, placeholder) {
            self.globals = placeholder.clone();
        }
        if !Rc::ptr_eq(&self.builtins, placeholder) {
            self.builtins = placeholder.clone();
        }
        self.locals = None;
        self.forget_object();
    }

    /// Forgets the frame object a finished function frame's core had, which
    /// has died (else the core would be shared).
    #[inline]
    pub fn forget_object(&mut self) {
        *self.object.get_mut() = Weak::new();
    }

    /// The line of the instruction being executed.
    pub fn lineno(&self) -> u32 {
        self.code.line_of(self.pc.get().saturating_sub(1))
    }

    /// The frame object, if one is alive.
    pub fn object(&self) -> Option<ObjRef> {
        self.object.borrow().upgrade()
    }
}

/// A frame object's own state.
pub struct FrameObject {
    pub core: Rc<FrameCore>,
    state: RefCell<State>,
}

struct State {
    /// `f_locals` of a function frame, updated in place.
    locals: Option<ObjRef>,
    /// The fast locals as the frame finished (kept until `f_locals` reads
    /// them into the dict).
    final_fast: Option<Vec<Option<Value>>>,
    finished: bool,
    /// `f_back` of a finished frame.
    back: Value,
}

/// The frame object of `core`, made now if none is alive.
pub fn frame_object(core: &Rc<FrameCore>) -> ObjRef {
    if let Some(obj) = core.object() {
        return obj;
    }
    let obj = Object::new(Payload::Frame(Box::new(FrameObject {
        core: core.clone(),
        state: RefCell::new(State {
            locals: None,
            final_fast: None,
            finished: false,
            back: Value::None,
        }),
    })));
    *core.object.borrow_mut() = Rc::downgrade(&obj);
    obj
}

impl FrameObject {
    /// Brings `f_locals` up to date from the frame's fast locals.
    pub fn update_locals(&self, vm: &Vm, fast: &[Option<Value>]) -> PyResult<()> {
        let dict = self.locals_dict();
        fill_locals(vm, &self.core.code, fast, &dict)
    }

    fn locals_dict(&self) -> ObjRef {
        let mut state = self.state.borrow_mut();
        state
            .locals
            .get_or_insert_with(crate::object::new_dict_object)
            .clone()
    }

    /// `f_locals`.
    pub fn f_locals(&self, vm: &Vm) -> PyResult<Value> {
        if let Some(locals) = &self.core.locals {
            return Ok(locals.clone());
        }
        let final_fast = self.state.borrow_mut().final_fast.take();
        if let Some(fast) = final_fast {
            self.update_locals(vm, &fast)?;
        }
        Ok(Value::Obj(self.locals_dict()))
    }

    /// Called when the frame finishes, with its fast locals and its caller's
    /// core (None at the bottom of the stack).
    pub fn finish(&self, fast: Vec<Option<Value>>, caller: Option<&Rc<FrameCore>>) {
        let back = caller.map_or(Value::None, |c| Value::Obj(frame_object(c)));
        let mut state = self.state.borrow_mut();
        state.finished = true;
        state.back = back;
        if self.core.locals.is_none() {
            state.final_fast = Some(fast);
        }
    }

    /// `f_back`.
    pub fn f_back(&self, vm: &Vm) -> Value {
        {
            let state = self.state.borrow();
            if state.finished {
                return state.back.clone();
            }
        }
        let frames = vm.frames.borrow();
        let below = frames
            .iter()
            .rposition(|c| Rc::ptr_eq(c, &self.core))
            .and_then(|i| i.checked_sub(1))
            .map(|i| frames[i].clone());
        drop(frames);
        below.map_or(Value::None, |c| Value::Obj(frame_object(&c)))
    }

    /// The values the cycle collector follows from here: the state, and the
    /// core's references when nothing else shares the core.
    pub fn for_each_value(&self, f: &mut dyn FnMut(&Value)) -> bool {
        let Ok(state) = self.state.try_borrow() else {
            return false;
        };
        if let Some(d) = &state.locals {
            f(&Value::Obj(d.clone()));
        }
        state
            .final_fast
            .iter()
            .flatten()
            .flatten()
            .for_each(&mut *f);
        f(&state.back);
        if Rc::strong_count(&self.core) == 1 {
            f(&Value::Obj(self.core.globals.clone()));
            f(&Value::Obj(self.core.builtins.clone()));
            if let Some(l) = &self.core.locals {
                f(l);
            }
        }
        true
    }

    /// Empties the state (the cycle collector breaking a cycle).
    pub fn take_values(&self, taken: &mut Vec<Value>) {
        if let Ok(mut state) = self.state.try_borrow_mut() {
            taken.extend(state.locals.take().map(Value::Obj));
            taken.extend(state.final_fast.take().into_iter().flatten().flatten());
            taken.push(std::mem::replace(&mut state.back, Value::None));
        }
    }
}

/// Writes a function frame's fast locals into `dict` the way `locals()` shows
/// them: bound locals by name, cells and free variables by their contents;
/// unbound names are removed.
pub fn fill_locals(vm: &Vm, code: &Code, fast: &[Option<Value>], dict: &ObjRef) -> PyResult<()> {
    let ncells_start = code.co.varnames.len();
    let Payload::Dict(d) = &dict.payload else {
        return Ok(());
    };
    for (slot, value) in fast.iter().enumerate() {
        let name = code.localsplus[slot].clone();
        let is_cell_slot =
            slot >= ncells_start || code.co.cellvars.contains(&code.co.varnames[slot]);
        let value = match value {
            Some(v) if is_cell_slot => match v.payload() {
                Some(Payload::Cell(c)) => c.borrow().clone(),
                _ => Some(v.clone()),
            },
            other => other.clone(),
        };
        match value {
            Some(v) => crate::ops::dict_set(vm, &Value::Obj(dict.clone()), name, v)?,
            None => {
                let mut d = d.borrow_mut();
                if let Some(i) = d.index_of_name(&name) {
                    d.remove_at(i);
                }
            }
        }
    }
    Ok(())
}
