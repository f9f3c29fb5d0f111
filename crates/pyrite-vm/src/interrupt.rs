//! SIGINT becomes KeyboardInterrupt. The signal handler only sets the VM's
//! flag; the eval loop raises the exception at its next check (a backward
//! jump or a call, where CPython checks its "eval breaker"), so `finally`
//! blocks and `except KeyboardInterrupt` run as in CPython. A program that
//! ends with KeyboardInterrupt uncaught exits as if killed by SIGINT.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::vm::Vm;

/// Set when the program ended with an uncaught KeyboardInterrupt.
static EXIT_BY_SIGNAL: AtomicBool = AtomicBool::new(false);

/// Routes SIGINT to `vm`'s flag. Only the command line does this: a VM
/// embedded in another program (a test, a fuzz target) leaves the signal
/// alone.
pub fn install_handler(vm: &Vm) -> std::io::Result<()> {
    signal_hook::flag::register(signal_hook::consts::SIGINT, vm.interrupt.clone())?;
    Ok(())
}

/// Sleeps for `duration`, waking for a SIGINT (which it raises).
pub fn sleep(vm: &Vm, duration: std::time::Duration) -> crate::vm::PyResult<()> {
    const SLICE: std::time::Duration = std::time::Duration::from_millis(20);
    let deadline = std::time::Instant::now() + duration;
    loop {
        vm.check_interrupt()?;
        let now = std::time::Instant::now();
        if now >= deadline {
            return Ok(());
        }
        std::thread::sleep((deadline - now).min(SLICE));
    }
}

/// A reported KeyboardInterrupt ends the process by SIGINT unless more code
/// runs after it (as at the prompt, where CPython forgets it too).
pub(crate) fn note_exit_by_signal() {
    EXIT_BY_SIGNAL.store(true, Ordering::Relaxed);
}

pub(crate) fn forget_exit_by_signal() {
    EXIT_BY_SIGNAL.store(false, Ordering::Relaxed);
}

/// Ends the process as an uncaught KeyboardInterrupt does in CPython: by
/// SIGINT with its default action (the shell sees status 130). Returns
/// normally if the program did not end that way.
pub fn exit_like_cpython() {
    if EXIT_BY_SIGNAL.load(Ordering::Relaxed) {
        let _ = std::io::Write::flush(&mut std::io::stdout());
        let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGINT);
        std::process::exit(130);
    }
}
