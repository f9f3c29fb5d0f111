//! The interactive prompt's engine: deciding whether what was typed so far is
//! a complete entry, and running complete entries in `__main__` the way
//! CPython's REPL does (expression values echoed with `repr` and bound to
//! `_`, errors reported without ending the session). Reading lines belongs
//! to the front end (`pyrite`'s line editor); this part needs none.

use crate::value::{ObjRef, Value};
use crate::vm::Vm;

/// What became of an entry.
pub enum Entry {
    /// More lines are needed (an open block, bracket, string or `\`).
    Incomplete,
    /// It ran, or failed and was reported.
    Done,
    /// `exit()`, `sys.exit(n)` or an uncaught `SystemExit`: leave with this status.
    Exit(i32),
}

/// Sets up `__main__` and `sys` for an interactive session; returns the
/// module whose dict the entries run in.
pub fn start(vm: &Vm, argv: &[String]) -> ObjRef {
    let mut args = vec![String::new()];
    args.extend_from_slice(argv);
    crate::set_argv(vm, &args);
    crate::set_path0(vm, "");
    crate::main_module(vm, None)
}

/// The banner printed when the session starts.
pub fn banner() -> String {
    format!(
        "Pyrite {} (Python 3.11 semantics) on {}\nType \"exit()\" or press Ctrl-D to leave.",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS
    )
}

/// Runs `source` (every line typed for this entry, each ending in '\n') if it
/// is complete.
pub fn run_entry(vm: &Vm, main: &ObjRef, source: &str) -> Entry {
    if needs_more(source) {
        return Entry::Incomplete;
    }
    run_entry_as_is(vm, main, source)
}

/// Runs `source` as a whole entry even if it looks unfinished. This is what
/// CPython does when input ends (Ctrl-D) at a `... ` prompt: an open block is
/// closed and runs, an open bracket is reported as a SyntaxError, and the
/// session goes on.
pub fn run_entry_as_is(vm: &Vm, main: &ObjRef, source: &str) -> Entry {
    crate::interrupt::forget_exit_by_signal();
    if source.trim().is_empty() {
        return Entry::Done;
    }
    let result = crate::compile_text(vm, source, "<stdin>", "single")
        .and_then(|code| crate::module::exec_code(vm, main, code));
    vm.run_finalizers();
    vm.flush_stdout();
    match result {
        Ok(_) => Entry::Done,
        Err(err) => {
            if vm.err_matches(&err, &vm.types.system_exit) {
                return Entry::Exit(crate::report_uncaught(vm, &err));
            }
            crate::report_uncaught(vm, &err);
            // As in CPython, the last exception is kept for inspection.
            crate::module::set_attr(vm, &vm.sys, "last_value", Value::Obj(err.0.clone()));
            Entry::Done
        }
    }
}

/// Whether the entry so far cannot be complete: an open bracket, an
/// unterminated triple-quoted string, a trailing backslash, or a compound
/// statement (or decorator) whose block has not been ended by an empty line.
pub fn needs_more(source: &str) -> bool {
    let scan = scan(source);
    if scan.open_brackets > 0 || scan.in_triple_string || scan.continued {
        return true;
    }
    let lines: Vec<&str> = source.lines().collect();
    let opens_block = lines.iter().any(|line| {
        let code = scan_line_code(line);
        code.ends_with(':') || code.starts_with('@')
    });
    // A block ends with an empty line.
    opens_block && !source.ends_with("\n\n") && lines.last().is_some_and(|l| !l.trim().is_empty())
}

struct Scan {
    open_brackets: i32,
    in_triple_string: bool,
    continued: bool,
}

/// A light tokenizer pass: brackets and strings, comments skipped.
fn scan(source: &str) -> Scan {
    let bytes = source.as_bytes();
    let mut depth = 0i32;
    let mut i = 0;
    let mut in_triple = false;
    let mut continued = false;
    while i < bytes.len() {
        let b = bytes[i];
        continued = false;
        match b {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'\\' if bytes.get(i + 1) == Some(&b'\n') => {
                continued = i + 2 >= bytes.len();
                i += 2;
                continue;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth -= 1,
            b'\'' | b'"' => {
                let triple = bytes.get(i + 1) == Some(&b) && bytes.get(i + 2) == Some(&b);
                let mut j = i + if triple { 3 } else { 1 };
                let mut closed = false;
                while j < bytes.len() {
                    if bytes[j] == b'\\' {
                        j += 2;
                        continue;
                    }
                    if !triple && bytes[j] == b'\n' {
                        break;
                    }
                    if bytes[j] == b
                        && (!triple
                            || (bytes.get(j + 1) == Some(&b) && bytes.get(j + 2) == Some(&b)))
                    {
                        j += if triple { 3 } else { 1 };
                        closed = true;
                        break;
                    }
                    j += 1;
                }
                if triple && !closed {
                    in_triple = true;
                }
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    Scan {
        open_brackets: depth,
        in_triple_string: in_triple,
        continued,
    }
}

/// A line without its comment and surrounding blanks (strings are not
/// parsed: a `#` inside one only shortens what is looked at).
fn scan_line_code(line: &str) -> &str {
    let code = match line.find('#') {
        Some(at) if !line[..at].contains(['\'', '"']) => &line[..at],
        _ => line,
    };
    code.trim()
}

#[cfg(test)]
mod tests {
    use super::needs_more;

    #[test]
    fn complete_and_incomplete_entries() {
        assert!(!needs_more("1 + 2\n"));
        assert!(!needs_more("x = [1,\n 2]\n"));
        assert!(needs_more("x = [1,\n"));
        assert!(needs_more("s = '''abc\n"));
        assert!(needs_more("if x:\n"));
        assert!(needs_more("if x:\n    y = 1\n"));
        assert!(!needs_more("if x:\n    y = 1\n\n"));
        assert!(needs_more("@decorator\n"));
        assert!(needs_more("x = 1 + \\\n"));
        assert!(!needs_more("d = {'a': 1}  # a comment with (\n"));
        assert!(!needs_more("print('x:')\n"));
    }
}
