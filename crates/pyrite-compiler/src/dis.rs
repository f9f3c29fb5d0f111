//! Disassembly text in CPython 3.11's `dis` layout.
//!
//! Our instructions have no inline caches and no `EXTENDED_ARG`, but `dis` shows
//! what CPython's encoding of the same instructions would look like: offsets count
//! 2 bytes per code unit plus each opcode's cache entries, an `EXTENDED_ARG` line
//! precedes an argument above 255, and jump arguments are relative, as in CPython.

use std::fmt::Write;

use crate::bytecode::{CodeObject, Constant, Instruction, Opcode};

/// One instruction as `dis` describes it.
#[derive(Clone, Debug)]
pub struct DisInstruction {
    pub opname: &'static str,
    pub opcode: u8,
    /// The argument in CPython's encoding (relative for jumps); `None` for
    /// opcodes without an argument.
    pub arg: Option<u32>,
    pub argrepr: String,
    /// Byte offset in CPython's layout.
    pub offset: u32,
    pub starts_line: Option<u32>,
    pub is_jump_target: bool,
    /// Index of the instruction in our own encoding (`None` for `EXTENDED_ARG`).
    pub index: Option<usize>,
}

fn extended_args(arg: u32) -> u32 {
    match arg {
        0..=0xff => 0,
        0x100..=0xffff => 1,
        0x1_0000..=0xff_ffff => 2,
        _ => 3,
    }
}

fn is_backward(op: Opcode) -> bool {
    matches!(
        op,
        Opcode::JUMP_BACKWARD
            | Opcode::JUMP_BACKWARD_NO_INTERRUPT
            | Opcode::POP_JUMP_BACKWARD_IF_FALSE
            | Opcode::POP_JUMP_BACKWARD_IF_TRUE
            | Opcode::POP_JUMP_BACKWARD_IF_NONE
            | Opcode::POP_JUMP_BACKWARD_IF_NOT_NONE
    )
}

/// CPython's byte offset where each instruction starts (its `EXTENDED_ARG`
/// prefix included; one more entry for the end), and the argument each one has in
/// CPython's encoding.
pub fn cpython_layout(code: &CodeObject) -> (Vec<u32>, Vec<u32>) {
    let instrs = &code.instructions;
    let mut ext = vec![0u32; instrs.len()];
    loop {
        let mut offsets = Vec::with_capacity(instrs.len() + 1);
        let mut offset = 0u32;
        for (i, instr) in instrs.iter().enumerate() {
            offsets.push(offset);
            offset += 2 * (ext[i] + 1 + instr.op.cache_entries());
        }
        offsets.push(offset);
        let args: Vec<u32> = instrs
            .iter()
            .enumerate()
            .map(|(i, instr)| cpython_arg(instr, i, &offsets))
            .collect();
        let new_ext: Vec<u32> = args.iter().map(|&a| extended_args(a)).collect();
        if new_ext == ext {
            return (offsets, args);
        }
        ext = new_ext;
    }
}

fn cpython_arg(instr: &Instruction, index: usize, offsets: &[u32]) -> u32 {
    if !instr.op.is_jump() {
        return instr.arg;
    }
    let target = offsets[instr.arg as usize];
    let after = offsets[index + 1];
    if is_backward(instr.op) {
        after.saturating_sub(target) / 2
    } else {
        target.saturating_sub(after) / 2
    }
}

/// Offsets where a new source line starts (CPython's `findlinestarts`).
fn line_starts(code: &CodeObject) -> Vec<Option<u32>> {
    let mut last: Option<u32> = None;
    code.locations
        .iter()
        .map(|loc| {
            let line = loc.map(|l| l.start.line);
            match line {
                Some(l) if Some(l) != last => {
                    last = Some(l);
                    Some(l)
                }
                _ => None,
            }
        })
        .collect()
}

/// `dis.get_instructions(code)`.
pub fn instructions(code: &CodeObject) -> Vec<DisInstruction> {
    let (offsets, args) = cpython_layout(code);
    let starts = line_starts(code);
    let localsplus = code.localsplus_names();
    let mut targets: std::collections::HashSet<u32> = code
        .instructions
        .iter()
        .filter(|i| i.op.is_jump())
        .map(|i| offsets[i.arg as usize])
        .collect();
    for entry in &code.exception_table {
        targets.insert(offsets[entry.target as usize]);
    }
    let mut out = Vec::new();
    for (i, instr) in code.instructions.iter().enumerate() {
        let arg = args[i];
        let prefixes = extended_args(arg);
        // The first code unit (an EXTENDED_ARG, if any) carries the line start
        // and is what jumps point at.
        let mut offset = offsets[i];
        for shift in (1..=prefixes).rev() {
            out.push(DisInstruction {
                opname: "EXTENDED_ARG",
                opcode: Opcode::EXTENDED_ARG as u8,
                arg: Some(arg >> (8 * shift)),
                argrepr: String::new(),
                offset,
                starts_line: if shift == prefixes { starts[i] } else { None },
                is_jump_target: shift == prefixes && targets.contains(&offsets[i]),
                index: None,
            });
            offset += 2;
        }
        out.push(DisInstruction {
            opname: instr.op.name(),
            opcode: instr.op as u8,
            arg: instr.op.has_arg().then_some(arg),
            argrepr: argrepr(code, instr, &offsets, &localsplus),
            offset,
            starts_line: if prefixes > 0 { None } else { starts[i] },
            is_jump_target: prefixes == 0 && targets.contains(&offsets[i]),
            index: Some(i),
        });
    }
    out
}

fn argrepr(code: &CodeObject, instr: &Instruction, offsets: &[u32], localsplus: &[&str]) -> String {
    use Opcode::*;
    let arg = instr.arg;
    match instr.op {
        LOAD_CONST => code
            .consts
            .get(arg as usize)
            .map(const_argrepr)
            .unwrap_or_default(),
        LOAD_GLOBAL => {
            let name = code
                .names
                .get((arg >> 1) as usize)
                .cloned()
                .unwrap_or_default();
            if arg & 1 == 1 {
                format!("NULL + {name}")
            } else {
                name
            }
        }
        STORE_NAME | DELETE_NAME | STORE_ATTR | DELETE_ATTR | STORE_GLOBAL | DELETE_GLOBAL
        | LOAD_NAME | LOAD_ATTR | IMPORT_NAME | IMPORT_FROM | LOAD_METHOD => {
            code.names.get(arg as usize).cloned().unwrap_or_default()
        }
        LOAD_FAST | STORE_FAST | DELETE_FAST | MAKE_CELL | LOAD_CLOSURE | LOAD_DEREF
        | STORE_DEREF | DELETE_DEREF | LOAD_CLASSDEREF => localsplus
            .get(arg as usize)
            .map(|s| s.to_string())
            .unwrap_or_default(),
        COMPARE_OP => ["<", "<=", "==", "!=", ">", ">="]
            .get(arg as usize)
            .map(|s| s.to_string())
            .unwrap_or_default(),
        FORMAT_VALUE => {
            let mut text = ["", "str", "repr", "ascii"][(arg & 3) as usize].to_string();
            if arg & 4 != 0 {
                if !text.is_empty() {
                    text.push_str(", ");
                }
                text.push_str("with format");
            }
            text
        }
        MAKE_FUNCTION => ["defaults", "kwdefaults", "annotations", "closure"]
            .iter()
            .enumerate()
            .filter(|(i, _)| arg & (1 << i) != 0)
            .map(|(_, s)| *s)
            .collect::<Vec<_>>()
            .join(", "),
        BINARY_OP => [
            "+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^", "+=", "&=", "//=",
            "<<=", "@=", "*=", "%=", "|=", "**=", ">>=", "-=", "/=", "^=",
        ]
        .get(arg as usize)
        .map(|s| s.to_string())
        .unwrap_or_default(),
        op if op.is_jump() => format!("to {}", offsets[arg as usize]),
        _ => String::new(),
    }
}

fn const_argrepr(constant: &Constant) -> String {
    match constant {
        Constant::Code(child) => code_repr(child),
        other => other.repr(),
    }
}

/// `repr(code)`: `<code object f at 0x..., file "x.py", line 3>`. Outside a
/// running program the address is a stand-in: where this value lives.
pub fn code_repr(code: &CodeObject) -> String {
    let address = code.address.unwrap_or(code as *const CodeObject as usize);
    format!(
        "<code object {} at {:#x}, file \"{}\", line {}>",
        code.name, address, code.filename, code.firstlineno
    )
}

/// The text of `dis.dis(code)`, nested code objects included.
pub fn disassemble(code: &CodeObject) -> String {
    let mut out = String::new();
    disassemble_recursive(code, &mut out);
    out
}

fn disassemble_recursive(code: &CodeObject, out: &mut String) {
    disassemble_one(code, out);
    for child in code.children() {
        out.push('\n');
        let _ = writeln!(out, "Disassembly of {}:", code_repr(child));
        disassemble_recursive(child, out);
    }
}

/// The text of `dis.disassemble(code)` for one code object.
pub fn disassemble_one(code: &CodeObject, out: &mut String) {
    let instrs = instructions(code);
    let max_line = instrs.iter().filter_map(|i| i.starts_line).max();
    let show_lineno = max_line.is_some();
    let lineno_width = match max_line {
        Some(m) if m >= 1000 => m.to_string().len(),
        Some(_) => 3,
        None => 0,
    };
    let (offsets, _) = cpython_layout(code);
    let max_offset = offsets.last().copied().unwrap_or(0).saturating_sub(2);
    let offset_width = if max_offset >= 10000 {
        max_offset.to_string().len()
    } else {
        4
    };
    for instr in &instrs {
        if show_lineno && instr.starts_line.is_some() && instr.offset > 0 {
            out.push('\n');
        }
        let mut fields: Vec<String> = Vec::new();
        if lineno_width > 0 {
            fields.push(match instr.starts_line {
                Some(line) => format!("{line:>lineno_width$}"),
                None => " ".repeat(lineno_width),
            });
        }
        fields.push("   ".into());
        fields.push(if instr.is_jump_target { ">>" } else { "  " }.into());
        fields.push(format!("{:>offset_width$}", instr.offset));
        fields.push(format!("{:<20}", instr.opname));
        if let Some(arg) = instr.arg {
            fields.push(format!("{arg:>5}"));
            if !instr.argrepr.is_empty() {
                fields.push(format!("({})", instr.argrepr));
            }
        }
        let _ = writeln!(out, "{}", fields.join(" ").trim_end());
    }
    if !code.exception_table.is_empty() {
        out.push_str("ExceptionTable:\n");
        for entry in &code.exception_table {
            let start = offsets[entry.start as usize];
            let end = offsets[entry.end as usize];
            let target = offsets[entry.target as usize];
            let lasti = if entry.lasti { " lasti" } else { "" };
            let _ = writeln!(
                out,
                "  {} to {} -> {} [{}]{}",
                start,
                end - 2,
                target,
                entry.depth,
                lasti
            );
        }
    }
}

/// `co_code`: the instructions as CPython 3.11 lays them out, two bytes per
/// unit (`EXTENDED_ARG` prefixes for wide arguments, zeroed inline caches).
pub fn code_bytes(code: &CodeObject) -> Vec<u8> {
    let (offsets, args) = cpython_layout(code);
    let mut out = Vec::with_capacity(*offsets.last().unwrap_or(&0) as usize);
    for (instr, &arg) in code.instructions.iter().zip(&args) {
        for k in (1..=extended_args(arg)).rev() {
            out.push(Opcode::EXTENDED_ARG as u8);
            out.push((arg >> (8 * k)) as u8);
        }
        out.push(instr.op as u8);
        out.push(arg as u8);
        for _ in 0..instr.op.cache_entries() {
            out.extend_from_slice(&[0, 0]);
        }
    }
    out
}

/// `co_lines()`: byte ranges of the code with the line each belongs to
/// (`None` for instructions without one). CPython's line table has an entry
/// per instruction, cut into pieces of at most eight code units, and
/// `co_lines()` gives one range per entry.
pub fn line_ranges(code: &CodeObject) -> Vec<(u32, u32, Option<u32>)> {
    let (offsets, _) = cpython_layout(code);
    let mut ranges = Vec::with_capacity(code.locations.len());
    for (i, location) in code.locations.iter().enumerate() {
        let line = location.map(|r| r.start.line);
        let mut start = offsets[i];
        while start < offsets[i + 1] {
            let end = (start + 16).min(offsets[i + 1]);
            ranges.push((start, end, line));
            start = end;
        }
    }
    ranges
}

/// A source position as `co_positions()` gives it: start line, end line,
/// start column, end column.
pub type Positions = (Option<u32>, Option<u32>, Option<u32>, Option<u32>);

/// `co_positions()`: one entry per two-byte unit of `co_code`.
pub fn unit_positions(code: &CodeObject) -> Vec<Positions> {
    let (offsets, _) = cpython_layout(code);
    let mut out = Vec::with_capacity(*offsets.last().unwrap_or(&0) as usize / 2);
    for (i, location) in code.locations.iter().enumerate() {
        let units = (offsets[i + 1] - offsets[i]) / 2;
        let column = |c: u32| (c != crate::location::NO_COLUMN).then_some(c);
        let entry = match location {
            Some(r) => (
                Some(r.start.line),
                Some(r.end.line),
                column(r.start.col),
                column(r.end.col),
            ),
            None => (None, None, None, None),
        };
        out.extend(std::iter::repeat_n(entry, units as usize));
    }
    out
}
