//! Runs `pyrite` on the programs under `tests/` and compares what it prints
//! with what CPython 3.11 printed (the expected outputs `tests/regen.py`
//! writes): stdout, stderr and the exit status of every program, the `dis`
//! listings, and the symbol-table and code-object dumps.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::root;

struct Output {
    status: i32,
    stdout: String,
    stderr: String,
}

/// Runs the `pyrite` binary from the repository root, killing it after
/// `limit` (a hang is a failure, not a stuck test run).
fn pyrite(args: &[&str], limit: Duration) -> Result<Output, String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pyrite"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run pyrite: {e}"))?;
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut stderr = child.stderr.take().expect("piped stderr");
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stdout, &mut buf);
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stderr, &mut buf);
        buf
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("timed out after {limit:?}"));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(format!("wait failed: {e}")),
        }
    };
    let stdout = out_reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();
    Ok(Output {
        // Death by a signal is minus its number, as Python's subprocess
        // reports it (an uncaught KeyboardInterrupt ends by SIGINT: -2).
        status: status.code().unwrap_or_else(|| {
            use std::os::unix::process::ExitStatusExt;
            status.signal().map_or(-1000, |signal| -signal)
        }),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    })
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

/// The first line where two texts differ, for failure messages.
fn first_difference(expected: &str, actual: &str) -> String {
    for (i, (e, a)) in expected.lines().zip(actual.lines()).enumerate() {
        if e != a {
            return format!("line {}:\n  expected: {e:?}\n  actual:   {a:?}", i + 1);
        }
    }
    format!(
        "lengths differ: expected {} lines, got {}\n  expected tail: {:?}\n  actual tail:   {:?}",
        expected.lines().count(),
        actual.lines().count(),
        expected.lines().last().unwrap_or(""),
        actual.lines().last().unwrap_or("")
    )
}

/// Names of the `.py` files in a directory, sorted.
fn python_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("listing {}: {e}", dir.display()))
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".py").map(str::to_string)
        })
        .collect();
    names.sort();
    names
}

/// Runs `check` on every name with two worker threads; panics listing every
/// failure.
fn check_all(names: Vec<String>, check: impl Fn(&str) -> Result<(), String> + Sync) {
    let queue = std::sync::Mutex::new(names.clone());
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| loop {
                let next = queue.lock().expect("queue").pop();
                let Some(name) = next else {
                    break;
                };
                if let Err(why) = check(&name) {
                    failures
                        .lock()
                        .expect("failures")
                        .push(format!("{name}: {why}"));
                }
            });
        }
    });
    let mut failures = failures.into_inner().expect("failures");
    failures.sort();
    assert!(
        failures.is_empty(),
        "{} of {} differ from CPython 3.11:\n\n{}",
        failures.len(),
        names.len(),
        failures.join("\n\n")
    );
}

/// Runs every program of `rel_dir` and compares with
/// `tests/expected/{expected}/NAME.json`.
fn programs_match(rel_dir: &str, expected: &str) {
    let dir = root().join(rel_dir);
    let dir_text = dir.to_string_lossy().into_owned();
    check_all(python_files(&dir), |name| {
        let expected_path = root().join(format!("tests/expected/{expected}/{name}.json"));
        let record: serde_json::Value = serde_json::from_str(&read(&expected_path))
            .map_err(|e| format!("bad expected file: {e}"))?;
        let program = format!("{rel_dir}/{name}.py");
        let out = pyrite(&[&program], Duration::from_secs(120))?;
        // Object addresses differ between runs and implementations.
        let normalize = |s: &str| mask_addresses(&s.replace(&dir_text, "{DIR}"));
        let want_status = record["status"].as_i64().unwrap_or(-1) as i32;
        let want_stdout = mask_addresses(record["stdout"].as_str().unwrap_or(""));
        let want_stderr = mask_addresses(record["stderr"].as_str().unwrap_or(""));
        let stdout = normalize(&out.stdout);
        let stderr = normalize(&out.stderr);
        if stdout != want_stdout {
            return Err(format!(
                "stdout differs, {}",
                first_difference(&want_stdout, &stdout)
            ));
        }
        if stderr != want_stderr {
            return Err(format!(
                "stderr differs, {}",
                first_difference(&want_stderr, &stderr)
            ));
        }
        if out.status != want_status {
            return Err(format!(
                "exit status {} instead of {want_status}",
                out.status
            ));
        }
        Ok(())
    });
}

/// The command lines of `tests/regen.py`'s COMMANDS (options such as `-m`),
/// each run from its directory with its environment.
#[test]
fn commands_match_cpython() {
    let dir = root().join("tests/expected/commands");
    let programs = root().join("tests/programs").to_string_lossy().into_owned();
    let names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/expected/commands")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".json").map(str::to_string)
        })
        .collect();
    assert!(!names.is_empty());
    check_all(names, |name| {
        let record: serde_json::Value =
            serde_json::from_str(&read(&dir.join(format!("{name}.json"))))
                .map_err(|e| format!("bad expected file: {e}"))?;
        let args: Vec<&str> = record["args"]
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
            .unwrap_or_default();
        let mut command = Command::new(env!("CARGO_BIN_EXE_pyrite"));
        command
            .args(&args)
            .current_dir(root().join(record["cwd"].as_str().unwrap_or(".")));
        if let Some(env) = record["env"].as_object() {
            for (key, value) in env {
                command.env(key, value.as_str().unwrap_or(""));
            }
        }
        let stdin = record["stdin"].as_str().unwrap_or("").to_string();
        command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command
            .spawn()
            .map_err(|e| format!("cannot run pyrite: {e}"))?;
        if let Some(mut input) = child.stdin.take() {
            std::io::Write::write_all(&mut input, stdin.as_bytes())
                .map_err(|e| format!("cannot write stdin: {e}"))?;
        }
        let out = child
            .wait_with_output()
            .map_err(|e| format!("cannot run pyrite: {e}"))?;
        let normalize = |bytes: &[u8]| {
            String::from_utf8_lossy(bytes)
                .replace(env!("CARGO_BIN_EXE_pyrite"), "{PROGRAM}")
                .replace(&programs, "{DIR}")
        };
        let (stdout, stderr) = (normalize(&out.stdout), normalize(&out.stderr));
        let want_stdout = record["stdout"].as_str().unwrap_or("");
        let want_stderr = record["stderr"].as_str().unwrap_or("");
        if stdout != want_stdout {
            return Err(format!(
                "stdout differs, {}",
                first_difference(want_stdout, &stdout)
            ));
        }
        if stderr != want_stderr {
            return Err(format!(
                "stderr differs, {}",
                first_difference(want_stderr, &stderr)
            ));
        }
        let want_status = record["status"].as_i64().unwrap_or(-1) as i32;
        if out.status.code() != Some(want_status) {
            return Err(format!(
                "exit status {:?} instead of {want_status}",
                out.status.code()
            ));
        }
        Ok(())
    });
}

#[test]
fn programs_match_cpython() {
    programs_match("tests/programs", "programs");
}

#[test]
fn examples_match_cpython() {
    programs_match("examples", "examples");
}

/// Replaces `0x...` addresses (which differ between runs) with `0x?`.
fn mask_addresses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("0x") {
        out.push_str(&rest[..i]);
        let digits = rest[i + 2..]
            .chars()
            .take_while(|c| c.is_ascii_hexdigit())
            .count();
        out.push_str(if digits > 0 { "0x?" } else { "0x" });
        rest = &rest[i + 2 + digits..];
    }
    out.push_str(rest);
    out
}

#[test]
fn dis_matches_cpython() {
    let dir = root().join("tests/dis");
    check_all(python_files(&dir), |name| {
        let expected = read(&root().join(format!("tests/expected/dis/{name}.dis")));
        let out = pyrite(
            &["dis", &format!("tests/dis/{name}.py")],
            Duration::from_secs(60),
        )?;
        if out.status != 0 {
            return Err(format!("status {}: {}", out.status, out.stderr));
        }
        let (want, got) = (mask_addresses(&expected), mask_addresses(&out.stdout));
        if want != got {
            return Err(format!("dis differs, {}", first_difference(&want, &got)));
        }
        Ok(())
    });
}

/// The closure example's disassembly shows the closure machinery by name.
#[test]
fn dis_shows_the_closure_instructions() {
    let out =
        pyrite(&["dis", "tests/dis/closure.py"], Duration::from_secs(60)).expect("pyrite runs");
    let listing = &out.stdout;
    let inner_start = listing
        .find("Disassembly of <code object inner")
        .expect("inner is listed");
    let (outer_part, inner_part) = listing.split_at(inner_start);
    for op in [
        "MAKE_CELL",
        "STORE_DEREF",
        "LOAD_CLOSURE",
        "BUILD_TUPLE",
        "MAKE_FUNCTION            8 (closure)",
    ] {
        assert!(outer_part.contains(op), "outer lacks {op}:\n{outer_part}");
    }
    for op in ["COPY_FREE_VARS", "LOAD_DEREF"] {
        assert!(inner_part.contains(op), "inner lacks {op}:\n{inner_part}");
    }
}

/// Compares `pyrite scopes|codeobjs --jsonl` with the oracle's JSON Lines.
fn jsonl_matches(dir: &Path, expected_dir: &Path, rel_dir: &str) {
    check_all(python_files(dir), |name| {
        for mode in ["scopes", "codeobjs"] {
            let path = expected_dir.join(format!("{name}.{mode}.jsonl"));
            let expected = read(&path);
            let file = format!("{rel_dir}/{name}.py");
            let out = pyrite(&[mode, &file, "--jsonl"], Duration::from_secs(60))?;
            if out.status != 0 {
                return Err(format!("{mode}: status {}", out.status));
            }
            let parse = |text: &str| -> Result<Vec<serde_json::Value>, String> {
                text.lines()
                    .map(|l| {
                        let mut v: serde_json::Value =
                            serde_json::from_str(l).map_err(|e| e.to_string())?;
                        // The oracle names the file as it was given; only the content counts.
                        if let Some(obj) = v.as_object_mut() {
                            obj.remove("file");
                        }
                        Ok(v)
                    })
                    .collect()
            };
            let (want, got) = (parse(&expected)?, parse(&out.stdout)?);
            if want != got {
                let detail = want
                    .iter()
                    .zip(&got)
                    .find(|(w, g)| w != g)
                    .map(|(w, g)| format!("expected {w}\n  actual   {g}"))
                    .unwrap_or_else(|| format!("{} records instead of {}", got.len(), want.len()));
                return Err(format!("{mode}: {detail}"));
            }
        }
        Ok(())
    });
}

#[test]
fn scopes_and_codeobjs_match_the_oracle() {
    jsonl_matches(
        &root().join("tests/scopes"),
        &root().join("tests/expected/scopes"),
        "tests/scopes",
    );
}

/// The shared oracle examples, when the workplace's `../shared` is present
/// next to the repository (it is not part of a clone).
#[test]
fn shared_oracle_examples() {
    let examples = root().join("../shared/oracle/examples");
    if !examples.is_dir() {
        eprintln!(
            "shared oracle examples not present at {}: nothing to compare",
            examples.display()
        );
        return;
    }
    jsonl_matches(
        &examples,
        &examples.join("expected"),
        "../shared/oracle/examples",
    );
}

#[test]
fn usage_errors_exit_2() {
    let out = pyrite(&["-Z"], Duration::from_secs(10)).expect("pyrite runs");
    assert_eq!(out.status, 2);
    assert!(out.stderr.contains("usage"));
    // With no program and standard input not a terminal, the program is read
    // from standard input (here empty, as `python3 < /dev/null`).
    let out = pyrite(&[], Duration::from_secs(10)).expect("pyrite runs");
    assert_eq!((out.status, out.stdout.as_str()), (0, ""));
    let out =
        pyrite(&["tests/programs/no_such_file.py"], Duration::from_secs(10)).expect("pyrite runs");
    assert_eq!(out.status, 2);
    assert!(out.stderr.contains("can't open file"), "{}", out.stderr);
    assert!(
        out.stderr.contains("[Errno 2] No such file or directory"),
        "{}",
        out.stderr
    );
}

#[test]
fn dash_c_runs_code() {
    let out = pyrite(
        &["-c", "import sys; print(sys.argv, 6 * 7)", "a"],
        Duration::from_secs(10),
    )
    .expect("runs");
    assert_eq!(out.stdout, "['-c', 'a'] 42\n");
    assert_eq!(out.status, 0);
    let out = pyrite(&["-c", "1/0"], Duration::from_secs(10)).expect("runs");
    assert_eq!(out.status, 1);
    assert_eq!(
        out.stderr,
        "Traceback (most recent call last):\n  File \"<string>\", line 1, in <module>\nZeroDivisionError: division by zero\n"
    );
}
