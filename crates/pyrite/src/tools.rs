//! The subcommands that show how Pyrite compiles a file: `scopes`, `codeobjs`, `dis`.

use std::borrow::Cow;
use std::io::Write;

use pyrite_compiler::pyc::{self, Invalidation};
use pyrite_compiler::report;
use pyrite_compiler::source::DecodeStyle;
use pyrite_compiler::{CompileError, CompileOptions, ErrorKind};

/// Runs `pyrite scopes|codeobjs|dis FILE... [--jsonl]`. The JSON Lines
/// outputs report compile errors as error records (status 0, as the oracles
/// do); the readable outputs report them as `python3` would (status 1).
pub fn run(args: &[String]) -> i32 {
    let Some((command, rest)) = args.split_first() else {
        return 2;
    };
    if command == "compile" {
        return compile_paths(rest);
    }
    let jsonl = rest.iter().any(|a| a == "--jsonl");
    let explain = rest.iter().any(|a| a == "--explain");
    let known = |a: &str| a == "--jsonl" || (a == "--explain" && command == "scopes");
    if let Some(bad) = rest.iter().find(|a| a.starts_with("--") && !known(a)) {
        eprintln!("pyrite {command}: unknown option {bad}");
        return 2;
    }
    if jsonl && explain {
        eprintln!("pyrite scopes: --jsonl and --explain exclude each other");
        return 2;
    }
    if command == "codeobjs" && !jsonl {
        eprintln!("pyrite codeobjs: only the --jsonl format exists");
        return 2;
    }
    let files: Vec<&String> = rest.iter().filter(|a| !a.starts_with("--")).collect();
    let mut status = 0;
    let mut out = std::io::stdout().lock();
    for file in files {
        let result = match command.as_str() {
            "scopes" if jsonl => Ok(scopes_jsonl(file)),
            "scopes" if explain => scopes_explained(file),
            "scopes" => scopes_text(file),
            "codeobjs" => Ok(codeobjs(file)),
            _ => dis(file),
        };
        match result {
            Ok(text) => {
                let _ = out.write_all(text.as_bytes());
            }
            Err(err) => {
                let _ = out.flush();
                eprint!("{}", error_text(&err));
                status = 1;
            }
        }
    }
    status
}

/// A compile error as `python3` reports it.
fn error_text(err: &CompileError) -> String {
    let mut out = String::new();
    if let Some(loc) = &err.location {
        out.push_str(&format!(
            "  File \"{}\", line {}\n",
            err.filename, loc.lineno
        ));
        if let Some(text) = &err.text {
            let stripped = text.trim_start_matches([' ', '\t', '\x0c']);
            let spaces = text.chars().count() - stripped.chars().count();
            out.push_str(&format!("    {stripped}\n"));
            let col = (loc.offset as usize).saturating_sub(1 + spaces);
            let width = if loc.end_lineno == loc.lineno && loc.end_offset > loc.offset {
                (loc.end_offset - loc.offset) as usize
            } else {
                1
            };
            out.push_str(&format!("    {}{}\n", " ".repeat(col), "^".repeat(width)));
        }
    }
    out.push_str(&format!("{}: {}\n", err.kind.name(), err.msg));
    out
}

fn read(file: &str) -> Result<Vec<u8>, CompileError> {
    std::fs::read(file).map_err(|e| {
        let kind = match e.kind() {
            std::io::ErrorKind::NotFound => "FileNotFoundError",
            std::io::ErrorKind::PermissionDenied => "PermissionError",
            _ => "OSError",
        };
        let mut err = CompileError::new(ErrorKind::ValueError, format!("{kind}: {e}"));
        err.filename = file.to_string();
        err
    })
}

fn source_text(file: &str) -> Result<String, CompileError> {
    let bytes = read(file)?;
    pyrite_compiler::source::decode_source(&bytes, file, DecodeStyle::CompileBytes)
        .map(Cow::into_owned)
}

fn scopes_jsonl(file: &str) -> String {
    let options = CompileOptions::new(file);
    let result = source_text(file).and_then(|text| pyrite_compiler::symbol_table(&text, &options));
    match result {
        Ok(analysis) => report::scopes_records(file, &analysis.table)
            .iter()
            .map(|r| format!("{r}\n"))
            .collect(),
        Err(err) => format!("{}\n", report::error_record(file, &err)),
    }
}

fn scopes_text(file: &str) -> Result<String, CompileError> {
    let options = CompileOptions::new(file);
    let text = source_text(file)?;
    let analysis = pyrite_compiler::symbol_table(&text, &options)?;
    Ok(report::scopes_text(file, &analysis.table))
}

fn scopes_explained(file: &str) -> Result<String, CompileError> {
    let options = CompileOptions::new(file);
    let text = source_text(file)?;
    let analysis = pyrite_compiler::symbol_table(&text, &options)?;
    Ok(pyrite_compiler::explain::explain(
        file,
        &text,
        &analysis.table,
    ))
}

fn codeobjs(file: &str) -> String {
    let options = CompileOptions::new(file);
    let result = source_text(file).and_then(|text| pyrite_compiler::compile(&text, &options));
    match result {
        Ok(code) => report::codeobjs_records(file, &code)
            .iter()
            .map(|r| format!("{r}\n"))
            .collect(),
        Err(err) => format!("{}\n", report::error_record(file, &err)),
    }
}

fn dis(file: &str) -> Result<String, CompileError> {
    let options = CompileOptions::new(file);
    let text = source_text(file)?;
    let code = pyrite_compiler::compile(&text, &options)?;
    Ok(pyrite_compiler::dis::disassemble(&code))
}

/// `pyrite compile [--no-write] [-f] [--invalidation-mode MODE] [-j N] PATH...`:
/// compiles every `.py` file under the paths (directories recursively, in
/// sorted order) on N threads, writes each one's `__pycache__` file (unless
/// `--no-write`; up-to-date ones are kept unless `-f`), and reports failures
/// the way `python3 -m compileall -q` does. Status 1 if any file failed.
fn compile_paths(args: &[String]) -> i32 {
    // `-j N` as in compileall: N worker threads, 0 for one per core (the default).
    let mut jobs = 0usize;
    let mut paths = Vec::new();
    let mut write = Some(Writing {
        mode: Invalidation::Timestamp,
        force: false,
    });
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if arg == "--no-write" {
            write = None;
            continue;
        }
        if arg == "-f" {
            if let Some(w) = write.as_mut() {
                w.force = true;
            }
            continue;
        }
        if arg == "--invalidation-mode" {
            let mode = match rest.next().map(String::as_str) {
                Some("timestamp") => Invalidation::Timestamp,
                Some("checked-hash") => Invalidation::CheckedHash,
                Some("unchecked-hash") => Invalidation::UncheckedHash,
                _ => {
                    eprintln!(
                        "pyrite compile: --invalidation-mode is one of timestamp, checked-hash, \
                         unchecked-hash"
                    );
                    return 2;
                }
            };
            if let Some(w) = write.as_mut() {
                w.mode = mode;
            }
            continue;
        }
        if let Some(count) = arg.strip_prefix("-j") {
            let count = if count.is_empty() {
                rest.next().map(String::as_str).unwrap_or("")
            } else {
                count
            };
            match count.parse() {
                Ok(n) => jobs = n,
                Err(_) => {
                    eprintln!("pyrite compile: -j needs a number of workers");
                    return 2;
                }
            }
            continue;
        }
        if arg.starts_with('-') {
            eprintln!("pyrite compile: unknown option {arg}");
            return 2;
        }
        paths.push(arg);
    }
    let mut files = Vec::new();
    for path in paths {
        collect_python_files(std::path::Path::new(path), &mut files);
    }
    // Files are independent: compile them on every core, report in order.
    if jobs == 0 {
        jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    }
    let workers = jobs.min(files.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut reports: Vec<Option<String>> = vec![None; files.len()];
    let slots: Vec<std::sync::Mutex<Option<String>>> = (0..files.len())
        .map(|_| std::sync::Mutex::new(None))
        .collect();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let spawned = std::thread::Builder::new()
                .stack_size(pyrite_compiler::COMPILER_STACK_SIZE)
                .spawn_scoped(scope, || loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(file) = files.get(i) else {
                        break;
                    };
                    if let Some(report) = compile_one(file, write) {
                        if let Ok(mut slot) = slots[i].lock() {
                            *slot = Some(report);
                        }
                    }
                });
            if let Err(e) = spawned {
                eprintln!("pyrite compile: cannot start a worker thread: {e}");
            }
        }
    });
    for (report, slot) in reports.iter_mut().zip(slots) {
        *report = slot.into_inner().ok().flatten();
    }
    let mut status = 0;
    let mut err = std::io::stderr().lock();
    for report in reports.into_iter().flatten() {
        status = 1;
        let _ = err.write_all(report.as_bytes());
    }
    status
}

/// Compiles one file; the compileall-style report if it fails.
/// Whether and how `pyrite compile` writes `__pycache__` files.
#[derive(Clone, Copy)]
struct Writing {
    mode: Invalidation,
    /// Rewrite caches that are up to date too (`-f`).
    force: bool,
}

fn compile_one(file: &std::path::Path, write: Option<Writing>) -> Option<String> {
    let name = file.to_string_lossy().into_owned();
    let cache = pyc::cache_path(file);
    // The stamp is taken before the source is read: an edit in between makes
    // the cache look stale, never a stale cache look fresh.
    let stamp = pyc::SourceStamp::of(file);
    if let (Some(w), Ok(stamp)) = (write, &stamp) {
        if !w.force {
            let fresh = std::fs::read(&cache).ok().is_some_and(|bytes| {
                pyc::mode_of(&bytes) == Some(w.mode)
                    && pyc::decode(&bytes, *stamp, || std::fs::read(file).ok()).is_ok()
            });
            if fresh {
                return None;
            }
        }
    }
    let options = CompileOptions::new(name.as_str());
    let source = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(e) => return Some(format!("*** Error reading '{name}': {e}\n")),
    };
    let code = match pyrite_compiler::compile_bytes(&source, &options, DecodeStyle::File) {
        Ok(code) => code,
        Err(e) => {
            return Some(format!(
                "*** Error compiling '{name}'...\n{}",
                error_text(&e)
            ))
        }
    };
    let (Some(w), Ok(stamp)) = (write, stamp) else {
        return None;
    };
    let bytes = pyc::encode(&code, &source, stamp, w.mode);
    pyc::write_atomically(&cache, &bytes)
        .err()
        .map(|e| format!("*** Error writing '{}': {e}\n", cache.display()))
}

/// The `.py` files at or under `path`, in sorted order.
fn collect_python_files(path: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<std::path::PathBuf> = match std::fs::read_dir(path) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                eprintln!("Can't list '{}': {e}", path.display());
                return;
            }
        };
        entries.sort();
        for entry in entries {
            if entry.is_dir() || entry.extension().is_some_and(|x| x == "py") {
                collect_python_files(&entry, out);
            }
        }
    } else {
        out.push(path.to_path_buf());
    }
}
