//! The interactive prompt: `pyrite` on a terminal with no program, or `-i`.
//!
//! Line editing and history come from `rustyline`; what an entry means (is it
//! complete, what does it print) is the VM's `repl` module. History is kept in
//! `~/.pyrite_history`.

use pyrite_vm::repl::{self, Entry};
use rustyline::error::ReadlineError;

/// Runs the prompt until Ctrl-D or `exit()`; returns the exit status.
/// `main` is the module whose namespace the entries run in.
pub fn interact(vm: &pyrite_vm::Vm, main: &pyrite_vm::value::ObjRef, quiet: bool) -> i32 {
    if !std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        return interact_piped(vm, main);
    }
    let mut editor = match rustyline::DefaultEditor::new() {
        Ok(editor) => editor,
        Err(e) => {
            eprintln!("pyrite: cannot start the line editor: {e}");
            return 1;
        }
    };
    let history =
        std::env::var_os("HOME").map(|home| std::path::PathBuf::from(home).join(".pyrite_history"));
    if let Some(path) = &history {
        let _ = editor.load_history(path);
    }
    if !quiet {
        eprintln!("{}", repl::banner());
    }
    let mut entry = String::new();
    let status = loop {
        let prompt = if entry.is_empty() { ">>> " } else { "... " };
        match editor.readline(prompt) {
            Ok(line) => {
                if !line.trim().is_empty() {
                    let _ = editor.add_history_entry(line.as_str());
                }
                entry.push_str(&line);
                entry.push('\n');
                match repl::run_entry(vm, main, &entry) {
                    Entry::Incomplete => continue,
                    Entry::Done => entry.clear(),
                    Entry::Exit(status) => break status,
                }
            }
            // Ctrl-C drops what was typed of the current entry.
            Err(ReadlineError::Interrupted) => {
                eprintln!("KeyboardInterrupt");
                entry.clear();
            }
            // Ctrl-D on an empty line leaves; at a `... ` prompt it ends the
            // entry, as in CPython. Either way the line editor has already
            // moved to a new line, as GNU readline does for CPython.
            Err(ReadlineError::Eof) if entry.is_empty() => break 0,
            Err(ReadlineError::Eof) => match repl::run_entry_as_is(vm, main, &entry) {
                Entry::Exit(status) => break status,
                Entry::Incomplete | Entry::Done => entry.clear(),
            },
            Err(e) => {
                eprintln!("pyrite: {e}");
                break 1;
            }
        }
    };
    if let Some(path) = &history {
        let _ = editor.save_history(path);
    }
    status
}

/// `pyrite -i` with standard input not a terminal: plain lines, and the
/// prompts on stderr, as CPython does.
fn interact_piped(vm: &pyrite_vm::Vm, main: &pyrite_vm::value::ObjRef) -> i32 {
    let stdin = std::io::stdin();
    let mut entry = String::new();
    loop {
        eprint!("{}", if entry.is_empty() { ">>> " } else { "... " });
        let mut line = String::new();
        match std::io::BufRead::read_line(&mut stdin.lock(), &mut line) {
            // The end of input in the middle of an entry runs it as it
            // stands, as in CPython; the next prompt then meets the end again.
            Ok(0) if !entry.is_empty() => {
                eprintln!();
                match repl::run_entry_as_is(vm, main, &entry) {
                    Entry::Exit(status) => return status,
                    Entry::Incomplete | Entry::Done => entry.clear(),
                }
                continue;
            }
            Ok(0) | Err(_) => {
                eprintln!();
                return 0;
            }
            Ok(_) => {}
        }
        if !line.ends_with('\n') {
            line.push('\n');
        }
        entry.push_str(&line);
        match repl::run_entry(vm, main, &entry) {
            Entry::Incomplete => {}
            Entry::Done => entry.clear(),
            Entry::Exit(status) => return status,
        }
    }
}
