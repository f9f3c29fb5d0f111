//! `pyrite scopes --explain`: every name of every block gets the class
//! CPython 3.11's symbol table gives it (the oracle's dumps in
//! `tests/expected/scopes`, written by `tests/regen.py`), and a reason that
//! points at the source positions that decided it.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

mod common;
use common::root;

/// One explained name: the block header (without its position), the name,
/// its class and the reason.
#[derive(Debug)]
struct Line {
    block: String,
    name: String,
    class: String,
    reason: String,
}

fn explain(file: &str) -> Vec<Line> {
    let out = Command::new(env!("CARGO_BIN_EXE_pyrite"))
        .args(["scopes", "--explain", file])
        .current_dir(root())
        .output()
        .expect("pyrite runs");
    assert!(
        out.status.success(),
        "{file}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    parse(&String::from_utf8(out.stdout).expect("utf-8 output"))
}

/// Reads the text format back: block headers are the lines without " — ",
/// each name line is `name  class  — reason` under its block.
fn parse(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut block = String::new();
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        match line.split_once(" — ") {
            None => {
                let header = line.trim();
                block = match header.rfind(" at ") {
                    Some(at) => header[..at].to_string(),
                    None => header.to_string(),
                };
            }
            Some((left, reason)) => {
                let left = left.trim();
                let (name, class) = left.split_once(' ').expect("name and class");
                lines.push(Line {
                    block: block.clone(),
                    name: name.to_string(),
                    class: class.trim().to_string(),
                    reason: reason.to_string(),
                });
            }
        }
    }
    lines
}

/// The oracle's classes, as a multiset of (name, class) over all blocks.
fn oracle_classes(jsonl: &Path) -> BTreeMap<(String, String), usize> {
    let text = std::fs::read_to_string(jsonl).expect("expected dump exists");
    let mut classes = BTreeMap::new();
    for record in text.lines() {
        let record: serde_json::Value = serde_json::from_str(record).expect("JSON line");
        let Some(symbols) = record["symbols"].as_object() else {
            continue;
        };
        for (name, facts) in symbols {
            let class = match facts[0].as_str().expect("scope word") {
                "global_explicit" => "global (explicit)",
                "global_implicit" => "global (implicit)",
                other => other,
            };
            *classes
                .entry((name.clone(), class.to_string()))
                .or_default() += 1;
        }
    }
    classes
}

fn check_against_oracle(source: &str, jsonl: &Path) {
    let lines = explain(source);
    let mut ours: BTreeMap<(String, String), usize> = BTreeMap::new();
    for line in &lines {
        assert!(
            line.reason.len() > 20,
            "{source}: {} in {} has no real reason: {:?}",
            line.name,
            line.block,
            line.reason
        );
        *ours
            .entry((line.name.clone(), line.class.clone()))
            .or_default() += 1;
    }
    assert_eq!(ours, oracle_classes(jsonl), "{source}");
}

#[test]
fn every_name_of_the_scope_tests_is_explained_with_cpythons_class() {
    let dir = root().join("tests/scopes");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/scopes")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".py"))
        .collect();
    names.sort();
    assert!(names.len() >= 5);
    for name in names {
        let stem = name.trim_end_matches(".py");
        check_against_oracle(
            &format!("tests/scopes/{name}"),
            &root().join(format!("tests/expected/scopes/{stem}.scopes.jsonl")),
        );
    }
}

/// The shared oracle examples, when the workplace's `../shared` is present
/// next to the repository (it is not part of a clone).
#[test]
fn every_name_of_the_shared_examples_is_explained() {
    let dir = root().join("../shared/oracle/examples");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("no shared examples at {}: nothing to check", dir.display());
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().into_string().expect("utf-8 name");
        let Some(stem) = name.strip_suffix(".py") else {
            continue;
        };
        if stem.starts_with("error_") {
            continue;
        }
        check_against_oracle(
            &format!("../shared/oracle/examples/{name}"),
            &dir.join(format!("expected/{stem}.scopes.jsonl")),
        );
    }
}

fn reason<'a>(lines: &'a [Line], block: &str, name: &str) -> &'a Line {
    lines
        .iter()
        .find(|l| l.block == block && l.name == name)
        .unwrap_or_else(|| panic!("no line for {name} in {block}: {lines:#?}"))
}

fn assert_says(line: &Line, class: &str, parts: &[&str]) {
    assert_eq!(line.class, class, "{line:?}");
    for part in parts {
        assert!(
            line.reason.contains(part),
            "the reason for {} in {} should say {part:?}: {}",
            line.name,
            line.block,
            line.reason
        );
    }
}

/// The classic cases, each with the positions (line:column, columns from 0)
/// of the source that decided it, read off tests/scopes/explain_classic.py.
#[test]
fn the_classic_cases_are_explained() {
    let lines = explain("tests/scopes/explain_classic.py");

    // Local by assignment.
    assert_says(
        reason(&lines, "function local_by_assignment()", "total"),
        "local",
        &[
            "assigned at 7:4",
            "local to all of local_by_assignment()",
            "read at 8:11",
        ],
    );
    // Local despite an earlier read: the global of the same name is not used.
    assert_says(
        reason(&lines, "function local_despite_earlier_read()", "message"),
        "local",
        &[
            "assigned at 13:4",
            "read at 12:10",
            "before",
            "UnboundLocalError",
        ],
    );
    // Free through an intermediate function that never names it.
    assert_says(
        reason(&lines, "function mid()", "y"),
        "free",
        &[
            "passed through mid()",
            "never names it",
            "outer()",
            "inner()",
        ],
    );
    assert_says(
        reason(&lines, "function inner()", "y"),
        "free",
        &[
            "read at 21:19 in inner()",
            "not bound there",
            "outer()",
            "17:4",
            "passes through mid()",
        ],
    );
    // A cell: bound here, used by a nested function.
    assert_says(
        reason(&lines, "function outer()", "y"),
        "cell",
        &["assigned at 17:4", "inner() (read at 21:19)", "cell"],
    );
    // Nonlocal.
    assert_says(
        reason(&lines, "function bump()", "count"),
        "free",
        &["declared nonlocal at 30:8", "make_counter()", "27:4"],
    );
    assert_says(
        reason(&lines, "function make_counter()", "count"),
        "cell",
        &["bump() (declared nonlocal at 30:8)"],
    );
    // Global, explicit and implicit.
    assert_says(
        reason(&lines, "function explicit_global()", "counter"),
        "global (explicit)",
        &["declared global at 37:4", "STORE_GLOBAL"],
    );
    assert_says(
        reason(&lines, "module", "counter"),
        "global (explicit)",
        &["explicit_global()", "37:4", "STORE_GLOBAL", "2:0"],
    );
    assert_says(
        reason(&lines, "function implicit_global()", "message"),
        "global (implicit)",
        &[
            "read at 42:15",
            "never bound in implicit_global()",
            "3:0",
            "LOAD_GLOBAL",
        ],
    );
    assert_says(
        reason(&lines, "function implicit_global()", "len"),
        "global (implicit)",
        &["read at 42:11", "builtin"],
    );
    // A class body's name is invisible to its method.
    assert_says(
        reason(&lines, "function show()", "level"),
        "global (implicit)",
        &["read at 49:15", "class Config", "46:4", "not visible"],
    );
    assert_says(
        reason(&lines, "class Config", "level"),
        "local",
        &["assigned at 46:4", "class"],
    );
    // A comprehension's iteration variable.
    assert_says(
        reason(&lines, "comprehension <listcomp>", "i"),
        "local",
        &["iteration variable", "53:22", "does not leak"],
    );
    // Walrus in a comprehension binds in the enclosing function.
    assert_says(
        reason(&lines, "comprehension <genexpr>", "hit"),
        "free",
        &["`:=` at 57:12", "enclosing function", "first_big()"],
    );
    assert_says(
        reason(&lines, "function first_big()", "hit"),
        "cell",
        &["`:=` at 57:12", "<genexpr>"],
    );
}

#[test]
fn explain_reports_compile_errors_like_python() {
    let out = Command::new(env!("CARGO_BIN_EXE_pyrite"))
        .args(["scopes", "--explain", "tests/programs/bad_empty.py"])
        .current_dir(root())
        .output()
        .expect("pyrite runs");
    assert!(out.status.success());
    let out = Command::new(env!("CARGO_BIN_EXE_pyrite"))
        .args([
            "scopes",
            "--explain",
            "--jsonl",
            "tests/scopes/explain_classic.py",
        ])
        .current_dir(root())
        .output()
        .expect("pyrite runs");
    assert_eq!(out.status.code(), Some(2));
}
