//! Code objects to bytes and back: the payload of Pyrite's `.pyc` files.
//!
//! The encoding is documented in `docs/pyc-format.md`. Everything is
//! little-endian with fixed widths, and nothing depends on the machine: the
//! same code object always gives the same bytes.
//!
//! Loading never trusts its input: every length is checked against the bytes
//! that remain before anything is allocated, nesting is bounded, strings must
//! be UTF-8, opcodes must exist, and every instruction argument that indexes a
//! table (constants, names, local slots, jump targets) must be in range.

use num_bigint::{BigInt, Sign};

use crate::bytecode::{CodeFlags, CodeObject, Constant, ExceptionEntry, Instruction, Opcode};
use crate::location::{Position, SourceRange};

/// Constant tags.
const NONE: u8 = 0;
const ELLIPSIS: u8 = 1;
const FALSE: u8 = 2;
const TRUE: u8 = 3;
const INT: u8 = 4;
const FLOAT: u8 = 5;
const COMPLEX: u8 = 6;
const STR: u8 = 7;
const BYTES: u8 = 8;
const TUPLE: u8 = 9;
const FROZENSET: u8 = 10;
const CODE: u8 = 11;

/// How deeply constants (tuples in tuples, code in code) may nest in a file.
const MAX_DEPTH: u32 = 2000;

/// The bytes of a code object (and, inside its constants, of the code objects
/// nested in it).
pub fn dump(code: &CodeObject) -> Vec<u8> {
    let mut out = Vec::with_capacity(256 + code.instructions.len() * 24);
    write_code(&mut out, code);
    out
}

fn put_u8(out: &mut Vec<u8>, v: u8) {
    out.push(v);
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_u64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_u32(out, bytes.len() as u32);
    out.extend_from_slice(bytes);
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_bytes(out, s.as_bytes());
}

fn put_strs(out: &mut Vec<u8>, items: &[String]) {
    put_u32(out, items.len() as u32);
    for s in items {
        put_str(out, s);
    }
}

fn write_code(out: &mut Vec<u8>, code: &CodeObject) {
    put_str(out, &code.name);
    put_str(out, &code.qualname);
    put_str(out, &code.filename);
    for v in [
        code.firstlineno,
        code.argcount,
        code.posonlyargcount,
        code.kwonlyargcount,
        code.flags.0,
        code.stacksize,
        code.definition_start.line,
        code.definition_start.col,
    ] {
        put_u32(out, v);
    }
    put_strs(out, &code.varnames);
    put_strs(out, &code.cellvars);
    put_strs(out, &code.freevars);
    put_strs(out, &code.names);
    put_u32(out, code.consts.len() as u32);
    for constant in &code.consts {
        write_constant(out, constant);
    }
    put_u32(out, code.instructions.len() as u32);
    for instr in &code.instructions {
        put_u8(out, instr.op as u8);
        put_u32(out, instr.arg);
    }
    // One location per instruction.
    for location in &code.locations {
        match location {
            None => put_u8(out, 0),
            Some(range) => {
                put_u8(out, 1);
                put_u32(out, range.start.line);
                put_u32(out, range.start.col);
                put_u32(out, range.end.line);
                put_u32(out, range.end.col);
            }
        }
    }
    put_u32(out, code.exception_table.len() as u32);
    for entry in &code.exception_table {
        put_u32(out, entry.start);
        put_u32(out, entry.end);
        put_u32(out, entry.target);
        put_u32(out, entry.depth);
        put_u8(out, entry.lasti as u8);
    }
}

fn write_constant(out: &mut Vec<u8>, constant: &Constant) {
    match constant {
        Constant::None => put_u8(out, NONE),
        Constant::Ellipsis => put_u8(out, ELLIPSIS),
        Constant::Bool(false) => put_u8(out, FALSE),
        Constant::Bool(true) => put_u8(out, TRUE),
        Constant::Int(i) => {
            put_u8(out, INT);
            let (sign, magnitude) = i.to_bytes_le();
            put_u8(out, (sign == Sign::Minus) as u8);
            put_bytes(out, &magnitude);
        }
        Constant::Float(f) => {
            put_u8(out, FLOAT);
            put_u64(out, f.to_bits());
        }
        Constant::Complex { real, imag } => {
            put_u8(out, COMPLEX);
            put_u64(out, real.to_bits());
            put_u64(out, imag.to_bits());
        }
        Constant::Str(s) => {
            put_u8(out, STR);
            put_str(out, s);
        }
        Constant::Bytes(b) => {
            put_u8(out, BYTES);
            put_bytes(out, b);
        }
        Constant::Tuple(items) | Constant::FrozenSet(items) => {
            let tag = if matches!(constant, Constant::Tuple(_)) {
                TUPLE
            } else {
                FROZENSET
            };
            put_u8(out, tag);
            put_u32(out, items.len() as u32);
            for item in items {
                write_constant(out, item);
            }
        }
        Constant::Code(code) => {
            put_u8(out, CODE);
            write_code(out, code);
        }
    }
}

/// Why bytes are not a code object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError(pub String);

type Load<T> = Result<T, LoadError>;

fn bad<T>(why: impl Into<String>) -> Load<T> {
    Err(LoadError(why.into()))
}

/// The code object encoded in `bytes`, which must hold exactly one.
pub fn load(bytes: &[u8]) -> Load<CodeObject> {
    let mut reader = Reader {
        bytes,
        at: 0,
        depth: 0,
    };
    let code = reader.code()?;
    if reader.at != bytes.len() {
        return bad("trailing bytes after the code object");
    }
    Ok(code)
}

struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
    depth: u32,
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Load<&'b [u8]> {
        if self.bytes.len() - self.at < n {
            return bad("truncated");
        }
        let slice = &self.bytes[self.at..self.at + n];
        self.at += n;
        Ok(slice)
    }

    fn u8(&mut self) -> Load<u8> {
        Ok(self.take(1)?[0])
    }

    fn u32(&mut self) -> Load<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u64(&mut self) -> Load<u64> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }

    /// A count of items of at least `min_size` bytes each, checked against
    /// what remains so that no huge allocation follows a corrupt count.
    fn count(&mut self, min_size: usize) -> Load<usize> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min_size) > self.bytes.len() - self.at {
            return bad("a count larger than the file");
        }
        Ok(n)
    }

    fn bytes(&mut self) -> Load<&'b [u8]> {
        let n = self.count(1)?;
        self.take(n)
    }

    fn string(&mut self) -> Load<String> {
        match std::str::from_utf8(self.bytes()?) {
            Ok(s) => Ok(s.to_string()),
            Err(_) => bad("a string that is not UTF-8"),
        }
    }

    fn strings(&mut self) -> Load<Vec<String>> {
        let n = self.count(4)?;
        (0..n).map(|_| self.string()).collect()
    }

    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> Load<T>) -> Load<T> {
        if self.depth >= MAX_DEPTH {
            return bad("constants nested too deeply");
        }
        self.depth += 1;
        let result = f(self);
        self.depth -= 1;
        result
    }

    fn constant(&mut self) -> Load<Constant> {
        Ok(match self.u8()? {
            NONE => Constant::None,
            ELLIPSIS => Constant::Ellipsis,
            FALSE => Constant::Bool(false),
            TRUE => Constant::Bool(true),
            INT => {
                let sign = match self.u8()? {
                    0 => Sign::Plus,
                    1 => Sign::Minus,
                    _ => return bad("a bad int sign"),
                };
                Constant::Int(BigInt::from_bytes_le(sign, self.bytes()?))
            }
            FLOAT => Constant::Float(f64::from_bits(self.u64()?)),
            COMPLEX => Constant::Complex {
                real: f64::from_bits(self.u64()?),
                imag: f64::from_bits(self.u64()?),
            },
            STR => Constant::Str(self.string()?),
            BYTES => Constant::Bytes(self.bytes()?.to_vec()),
            tag @ (TUPLE | FROZENSET) => {
                let n = self.count(1)?;
                let items = self.nested(|r| (0..n).map(|_| r.constant()).collect())?;
                if tag == TUPLE {
                    Constant::Tuple(items)
                } else {
                    Constant::FrozenSet(items)
                }
            }
            CODE => Constant::Code(Box::new(self.nested(Reader::code)?)),
            tag => return bad(format!("an unknown constant tag {tag}")),
        })
    }

    fn code(&mut self) -> Load<CodeObject> {
        let name = self.string()?;
        let qualname = self.string()?;
        let filename = self.string()?;
        let mut fields = [0u32; 8];
        for field in &mut fields {
            *field = self.u32()?;
        }
        let [firstlineno, argcount, posonlyargcount, kwonlyargcount, flags, stacksize, def_line, def_col] =
            fields;
        let varnames = self.strings()?;
        let cellvars = self.strings()?;
        let freevars = self.strings()?;
        let names = self.strings()?;
        let nconsts = self.count(1)?;
        let consts = (0..nconsts)
            .map(|_| self.constant())
            .collect::<Load<Vec<_>>>()?;
        let ninstrs = self.count(5)?;
        let mut instructions = Vec::with_capacity(ninstrs);
        for _ in 0..ninstrs {
            let byte = self.u8()?;
            let Some(op) = Opcode::from_u8(byte) else {
                return bad(format!("an unknown opcode {byte}"));
            };
            instructions.push(Instruction::new(op, self.u32()?));
        }
        let mut locations = Vec::with_capacity(ninstrs);
        for _ in 0..ninstrs {
            locations.push(match self.u8()? {
                0 => None,
                1 => Some(SourceRange {
                    start: Position {
                        line: self.u32()?,
                        col: self.u32()?,
                    },
                    end: Position {
                        line: self.u32()?,
                        col: self.u32()?,
                    },
                }),
                _ => return bad("a bad location marker"),
            });
        }
        let nentries = self.count(17)?;
        let mut exception_table = Vec::with_capacity(nentries);
        for _ in 0..nentries {
            exception_table.push(ExceptionEntry {
                start: self.u32()?,
                end: self.u32()?,
                target: self.u32()?,
                depth: self.u32()?,
                lasti: match self.u8()? {
                    0 => false,
                    1 => true,
                    _ => return bad("a bad lasti flag"),
                },
            });
        }
        let code = CodeObject {
            name,
            qualname,
            filename,
            firstlineno,
            argcount,
            posonlyargcount,
            kwonlyargcount,
            flags: CodeFlags(flags),
            varnames,
            cellvars,
            freevars,
            names,
            consts,
            instructions,
            locations,
            exception_table,
            stacksize,
            definition_start: Position {
                line: def_line,
                col: def_col,
            },
            address: None,
        };
        check(&code)?;
        Ok(code)
    }
}

/// The consistency a running code object relies on: arguments that index a
/// table are in range, the argument counts fit the locals.
fn check(code: &CodeObject) -> Load<()> {
    use Opcode::*;
    let nlocalsplus = code.localsplus_names().len();
    let ninstrs = code.instructions.len();
    let arg_count = code.argcount as usize
        + code.kwonlyargcount as usize
        + code.flags.contains(CodeFlags::VARARGS) as usize
        + code.flags.contains(CodeFlags::VARKEYWORDS) as usize;
    if arg_count > code.varnames.len() || code.posonlyargcount > code.argcount {
        return bad("more arguments than local variables");
    }
    if code.instructions.is_empty() {
        return bad("a code object without instructions");
    }
    for instr in &code.instructions {
        let arg = instr.arg as usize;
        let in_range = match instr.op {
            LOAD_CONST | KW_NAMES => arg < code.consts.len(),
            LOAD_GLOBAL => arg >> 1 < code.names.len(),
            STORE_NAME | DELETE_NAME | STORE_ATTR | DELETE_ATTR | STORE_GLOBAL | DELETE_GLOBAL
            | LOAD_NAME | LOAD_ATTR | IMPORT_NAME | IMPORT_FROM | LOAD_METHOD => {
                arg < code.names.len()
            }
            LOAD_FAST | STORE_FAST | DELETE_FAST | MAKE_CELL | LOAD_CLOSURE | LOAD_DEREF
            | STORE_DEREF | DELETE_DEREF | LOAD_CLASSDEREF => arg < nlocalsplus,
            COPY_FREE_VARS => arg <= code.freevars.len(),
            COMPARE_OP => arg < 6,
            BINARY_OP => arg < 26,
            op if op.is_jump() => arg < ninstrs,
            _ => true,
        };
        if !in_range {
            return bad(format!("{} has an argument out of range", instr.op.name()));
        }
    }
    for entry in &code.exception_table {
        let in_range = entry.start <= entry.end
            && (entry.end as usize) <= ninstrs
            && (entry.target as usize) < ninstrs
            && entry.depth <= code.stacksize;
        if !in_range {
            return bad("an exception table entry out of range");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(source: &str) -> CodeObject {
        crate::compile(source, &crate::CompileOptions::new("m.py")).expect("compiles")
    }

    #[test]
    fn round_trip_gives_the_same_bytes() {
        let code = compile(
            "import sys\nx = (1, 2.5, -3j, 'é', b'\\x00', None, ..., 10**30, -7)\n\
             def f(a, /, b=2, *c, d, **e):\n    def g():\n        return a + b\n    \
             try:\n        return {a, frozenset()}\n    except E as err:\n        raise\n\
             class C:\n    def m(self):\n        return super().m()\n",
        );
        let bytes = dump(&code);
        let loaded = load(&bytes).expect("loads");
        assert_eq!(dump(&loaded), bytes);
        // The listings agree except for the objects' addresses.
        let listing = |code: &CodeObject| {
            let text = crate::dis::disassemble(code);
            text.split(" at 0x")
                .map(|part| part.trim_start_matches(|c: char| c.is_ascii_hexdigit()))
                .collect::<Vec<_>>()
                .join(" at ")
        };
        assert_eq!(listing(&loaded), listing(&code));
    }

    #[test]
    fn every_truncation_and_flipped_byte_is_an_error_or_a_valid_code_object() {
        let bytes = dump(&compile(
            "def f(x):\n    return [x * i for i in range(3)]\n",
        ));
        for len in 0..bytes.len() {
            assert!(load(&bytes[..len]).is_err(), "truncated to {len}");
        }
        for i in 0..bytes.len() {
            for bit in [0x01, 0x80, 0xff] {
                let mut flipped = bytes.clone();
                flipped[i] ^= bit;
                // Either rejected or well-formed: never a panic.
                let _ = load(&flipped);
            }
        }
    }

    #[test]
    fn absurd_counts_are_rejected_before_allocating() {
        let mut bytes = Vec::new();
        put_u32(&mut bytes, u32::MAX);
        assert!(load(&bytes).is_err());
    }
}
