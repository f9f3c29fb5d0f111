//! Code objects and their instructions.
//!
//! The instruction set is CPython 3.11's: the same opcode names, numbers, arguments
//! and stack effects, so `pyrite dis` reads like `python3 -m dis`. The encoding is
//! our own: one `Instruction` (opcode byte + 32-bit argument) per instruction, no
//! inline cache entries and no `EXTENDED_ARG`; jump arguments are absolute
//! instruction indices. `dis` shows CPython's byte offsets, which it computes from
//! each opcode's cache size.
//!
//! The stack effect of each opcode is written next to it in `stack_effect`.

use num_bigint::BigInt;

use crate::location::{Position, SourceRange};

macro_rules! opcodes {
    ($( $name:ident = $num:literal, caches $caches:literal; )*) => {
        /// A CPython 3.11 opcode (numbers as in `opcode.opmap`), plus the compiler's
        /// pseudo-instructions (numbers 240 and up), which never reach a code object.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u8)]
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        pub enum Opcode { $( $name = $num, )* }

        impl Opcode {
            pub fn name(self) -> &'static str {
                match self { $( Opcode::$name => stringify!($name), )* }
            }

            /// Inline cache entries CPython 3.11 reserves after the instruction
            /// (each one code unit); only `dis` offsets depend on it.
            pub fn cache_entries(self) -> u32 {
                match self { $( Opcode::$name => $caches, )* }
            }

            pub fn from_u8(byte: u8) -> Option<Opcode> {
                match byte { $( $num => Some(Opcode::$name), )* _ => None }
            }

            pub fn from_name(name: &str) -> Option<Opcode> {
                match name { $( stringify!($name) => Some(Opcode::$name), )* _ => None }
            }

            pub const ALL: &'static [Opcode] = &[ $( Opcode::$name, )* ];
        }
    };
}

opcodes! {
    CACHE = 0, caches 0;
    POP_TOP = 1, caches 0;
    PUSH_NULL = 2, caches 0;
    NOP = 9, caches 0;
    UNARY_POSITIVE = 10, caches 0;
    UNARY_NEGATIVE = 11, caches 0;
    UNARY_NOT = 12, caches 0;
    UNARY_INVERT = 15, caches 0;
    BINARY_SUBSCR = 25, caches 4;
    GET_LEN = 30, caches 0;
    MATCH_MAPPING = 31, caches 0;
    MATCH_SEQUENCE = 32, caches 0;
    MATCH_KEYS = 33, caches 0;
    PUSH_EXC_INFO = 35, caches 0;
    CHECK_EXC_MATCH = 36, caches 0;
    CHECK_EG_MATCH = 37, caches 0;
    WITH_EXCEPT_START = 49, caches 0;
    GET_AITER = 50, caches 0;
    GET_ANEXT = 51, caches 0;
    BEFORE_ASYNC_WITH = 52, caches 0;
    BEFORE_WITH = 53, caches 0;
    END_ASYNC_FOR = 54, caches 0;
    STORE_SUBSCR = 60, caches 1;
    DELETE_SUBSCR = 61, caches 0;
    GET_ITER = 68, caches 0;
    GET_YIELD_FROM_ITER = 69, caches 0;
    PRINT_EXPR = 70, caches 0;
    LOAD_BUILD_CLASS = 71, caches 0;
    LOAD_ASSERTION_ERROR = 74, caches 0;
    RETURN_GENERATOR = 75, caches 0;
    LIST_TO_TUPLE = 82, caches 0;
    RETURN_VALUE = 83, caches 0;
    IMPORT_STAR = 84, caches 0;
    SETUP_ANNOTATIONS = 85, caches 0;
    YIELD_VALUE = 86, caches 0;
    ASYNC_GEN_WRAP = 87, caches 0;
    PREP_RERAISE_STAR = 88, caches 0;
    POP_EXCEPT = 89, caches 0;
    STORE_NAME = 90, caches 0;
    DELETE_NAME = 91, caches 0;
    UNPACK_SEQUENCE = 92, caches 1;
    FOR_ITER = 93, caches 0;
    UNPACK_EX = 94, caches 0;
    STORE_ATTR = 95, caches 4;
    DELETE_ATTR = 96, caches 0;
    STORE_GLOBAL = 97, caches 0;
    DELETE_GLOBAL = 98, caches 0;
    SWAP = 99, caches 0;
    LOAD_CONST = 100, caches 0;
    LOAD_NAME = 101, caches 0;
    BUILD_TUPLE = 102, caches 0;
    BUILD_LIST = 103, caches 0;
    BUILD_SET = 104, caches 0;
    BUILD_MAP = 105, caches 0;
    LOAD_ATTR = 106, caches 4;
    COMPARE_OP = 107, caches 2;
    IMPORT_NAME = 108, caches 0;
    IMPORT_FROM = 109, caches 0;
    JUMP_FORWARD = 110, caches 0;
    JUMP_IF_FALSE_OR_POP = 111, caches 0;
    JUMP_IF_TRUE_OR_POP = 112, caches 0;
    POP_JUMP_FORWARD_IF_FALSE = 114, caches 0;
    POP_JUMP_FORWARD_IF_TRUE = 115, caches 0;
    LOAD_GLOBAL = 116, caches 5;
    IS_OP = 117, caches 0;
    CONTAINS_OP = 118, caches 0;
    RERAISE = 119, caches 0;
    COPY = 120, caches 0;
    BINARY_OP = 122, caches 1;
    SEND = 123, caches 0;
    LOAD_FAST = 124, caches 0;
    STORE_FAST = 125, caches 0;
    DELETE_FAST = 126, caches 0;
    POP_JUMP_FORWARD_IF_NOT_NONE = 128, caches 0;
    POP_JUMP_FORWARD_IF_NONE = 129, caches 0;
    RAISE_VARARGS = 130, caches 0;
    GET_AWAITABLE = 131, caches 0;
    MAKE_FUNCTION = 132, caches 0;
    BUILD_SLICE = 133, caches 0;
    JUMP_BACKWARD_NO_INTERRUPT = 134, caches 0;
    MAKE_CELL = 135, caches 0;
    LOAD_CLOSURE = 136, caches 0;
    LOAD_DEREF = 137, caches 0;
    STORE_DEREF = 138, caches 0;
    DELETE_DEREF = 139, caches 0;
    JUMP_BACKWARD = 140, caches 0;
    CALL_FUNCTION_EX = 142, caches 0;
    EXTENDED_ARG = 144, caches 0;
    LIST_APPEND = 145, caches 0;
    SET_ADD = 146, caches 0;
    MAP_ADD = 147, caches 0;
    LOAD_CLASSDEREF = 148, caches 0;
    COPY_FREE_VARS = 149, caches 0;
    RESUME = 151, caches 0;
    MATCH_CLASS = 152, caches 0;
    FORMAT_VALUE = 155, caches 0;
    BUILD_CONST_KEY_MAP = 156, caches 0;
    BUILD_STRING = 157, caches 0;
    LOAD_METHOD = 160, caches 10;
    LIST_EXTEND = 162, caches 0;
    SET_UPDATE = 163, caches 0;
    DICT_MERGE = 164, caches 0;
    DICT_UPDATE = 165, caches 0;
    PRECALL = 166, caches 1;
    CALL = 171, caches 4;
    KW_NAMES = 172, caches 0;
    POP_JUMP_BACKWARD_IF_NOT_NONE = 173, caches 0;
    POP_JUMP_BACKWARD_IF_NONE = 174, caches 0;
    POP_JUMP_BACKWARD_IF_FALSE = 175, caches 0;
    POP_JUMP_BACKWARD_IF_TRUE = 176, caches 0;
    // Pseudo-instructions of the code generator (CPython's negative opcodes).
    // Blocks: the exception table is computed from them, then they become NOPs.
    SETUP_FINALLY = 240, caches 0;
    SETUP_CLEANUP = 241, caches 0;
    SETUP_WITH = 242, caches 0;
    POP_BLOCK = 243, caches 0;
    // Jumps whose direction is decided when the blocks are laid out.
    JUMP = 244, caches 0;
    JUMP_NO_INTERRUPT = 245, caches 0;
    POP_JUMP_IF_FALSE = 246, caches 0;
    POP_JUMP_IF_TRUE = 247, caches 0;
    POP_JUMP_IF_NONE = 248, caches 0;
    POP_JUMP_IF_NOT_NONE = 249, caches 0;
}

/// `OPCODE_PROPERTIES` bits: see `Opcode::is_jump`, `Opcode::is_block_push`,
/// `Opcode::ends_flow` and `Opcode::is_scope_exit`.
const IS_JUMP: u8 = 1;
const IS_BLOCK_PUSH: u8 = 2;
const ENDS_FLOW: u8 = 4;
const IS_SCOPE_EXIT: u8 = 8;

/// Properties of each opcode, by number. Code generation and every assembly
/// pass ask them of each instruction, and one load answers where a `matches!`
/// over opcodes scattered from 93 to 249 costs a chain of tests.
static OPCODE_PROPERTIES: [u8; 256] = {
    use Opcode::*;
    let jumps = [
        FOR_ITER,
        JUMP_FORWARD,
        JUMP_BACKWARD,
        JUMP_BACKWARD_NO_INTERRUPT,
        JUMP_IF_FALSE_OR_POP,
        JUMP_IF_TRUE_OR_POP,
        POP_JUMP_FORWARD_IF_FALSE,
        POP_JUMP_FORWARD_IF_TRUE,
        POP_JUMP_FORWARD_IF_NONE,
        POP_JUMP_FORWARD_IF_NOT_NONE,
        POP_JUMP_BACKWARD_IF_FALSE,
        POP_JUMP_BACKWARD_IF_TRUE,
        POP_JUMP_BACKWARD_IF_NONE,
        POP_JUMP_BACKWARD_IF_NOT_NONE,
        SEND,
        JUMP,
        JUMP_NO_INTERRUPT,
        POP_JUMP_IF_FALSE,
        POP_JUMP_IF_TRUE,
        POP_JUMP_IF_NONE,
        POP_JUMP_IF_NOT_NONE,
    ];
    let block_pushes = [SETUP_FINALLY, SETUP_CLEANUP, SETUP_WITH];
    let scope_exits = [RETURN_VALUE, RAISE_VARARGS, RERAISE];
    let flow_ends = [
        JUMP,
        JUMP_NO_INTERRUPT,
        RETURN_VALUE,
        RAISE_VARARGS,
        RERAISE,
    ];
    let table = mark([0u8; 256], &jumps, IS_JUMP);
    let table = mark(table, &block_pushes, IS_BLOCK_PUSH);
    let table = mark(table, &flow_ends, ENDS_FLOW);
    mark(table, &scope_exits, IS_SCOPE_EXIT)
};

/// `table` with `bit` set for each of `ops` (a `while` loop: this runs at
/// compile time, where `for` cannot).
const fn mark(mut table: [u8; 256], ops: &[Opcode], bit: u8) -> [u8; 256] {
    let mut i = 0;
    while i < ops.len() {
        table[ops[i] as usize] |= bit;
        i += 1;
    }
    table
}

/// The first opcode that takes an argument (CPython's `HAVE_ARGUMENT`).
const HAVE_ARGUMENT: u8 = 90;

impl Opcode {
    pub fn has_arg(self) -> bool {
        self as u8 >= HAVE_ARGUMENT
    }

    pub fn is_pseudo(self) -> bool {
        self as u8 >= 240
    }

    /// Instructions whose argument is a jump target (CPython's `IS_JUMP_OPCODE`:
    /// the setup pseudo-instructions are not jumps, see `has_target`).
    pub fn is_jump(self) -> bool {
        OPCODE_PROPERTIES[self as usize] & IS_JUMP != 0
    }

    /// Jumps and the setup pseudo-instructions: everything that names a block.
    pub fn has_target(self) -> bool {
        OPCODE_PROPERTIES[self as usize] & (IS_JUMP | IS_BLOCK_PUSH) != 0
    }

    /// Jumps that always transfer control.
    pub fn is_unconditional_jump(self) -> bool {
        use Opcode::*;
        matches!(
            self,
            JUMP | JUMP_NO_INTERRUPT | JUMP_FORWARD | JUMP_BACKWARD | JUMP_BACKWARD_NO_INTERRUPT
        )
    }

    /// Instructions after which control never falls through.
    pub fn is_scope_exit(self) -> bool {
        OPCODE_PROPERTIES[self as usize] & IS_SCOPE_EXIT != 0
    }

    /// Setup pseudo-instructions: they push an exception handler.
    pub fn is_block_push(self) -> bool {
        OPCODE_PROPERTIES[self as usize] & IS_BLOCK_PUSH != 0
    }

    /// Instructions of the control-flow graph (before jumps get a direction)
    /// that nothing after them in their block follows: the unconditional
    /// jumps and the scope exits.
    pub fn ends_flow(self) -> bool {
        OPCODE_PROPERTIES[self as usize] & ENDS_FLOW != 0
    }

    /// Jumps, scope exits and handler pushes: the instructions the control-flow
    /// graph notes something about when one is added to a block (one lookup).
    pub fn shapes_flow(self) -> bool {
        OPCODE_PROPERTIES[self as usize] & (IS_JUMP | IS_BLOCK_PUSH | IS_SCOPE_EXIT) != 0
    }

    /// `has_target() || ends_flow()`, in one lookup: the stack depth pass asks
    /// it of every instruction, and most are neither.
    pub fn has_target_or_ends_flow(self) -> bool {
        OPCODE_PROPERTIES[self as usize] & (IS_JUMP | IS_BLOCK_PUSH | ENDS_FLOW) != 0
    }

    /// The instructions that read or write a name by scope: what the `codeobjs`
    /// dump lists.
    pub fn is_name_scope_op(self) -> bool {
        use Opcode::*;
        matches!(
            self,
            LOAD_FAST
                | STORE_FAST
                | DELETE_FAST
                | LOAD_DEREF
                | STORE_DEREF
                | DELETE_DEREF
                | LOAD_CLOSURE
                | LOAD_CLASSDEREF
                | LOAD_GLOBAL
                | STORE_GLOBAL
                | DELETE_GLOBAL
                | LOAD_NAME
                | STORE_NAME
                | DELETE_NAME
        )
    }

    /// Net change of the stack depth (CPython 3.11's `stack_effect`); `jump` says
    /// whether the jump is taken (for instructions that jump).
    // Inlined: the stack depth pass asks it of every instruction, and a call
    // cost about as much as the lookup.
    #[inline(always)]
    pub fn stack_effect(self, arg: u32, jump: bool) -> i32 {
        use Opcode::*;
        let n = arg as i32;
        match self {
            NOP | EXTENDED_ARG | RESUME | CACHE => 0,
            POP_TOP => -1,
            PUSH_NULL => 1,
            UNARY_POSITIVE | UNARY_NEGATIVE | UNARY_NOT | UNARY_INVERT => 0,
            SET_ADD | LIST_APPEND => -1,
            MAP_ADD => -2,
            BINARY_SUBSCR => -1,
            STORE_SUBSCR => -3,
            DELETE_SUBSCR => -2,
            GET_ITER => 0,
            PRINT_EXPR => -1,
            LOAD_BUILD_CLASS => 1,
            RETURN_VALUE => -1,
            IMPORT_STAR => -1,
            SETUP_ANNOTATIONS => 0,
            ASYNC_GEN_WRAP | YIELD_VALUE => 0,
            POP_BLOCK => 0,
            POP_EXCEPT => -1,
            STORE_NAME => -1,
            DELETE_NAME => 0,
            UNPACK_SEQUENCE => n - 1,
            UNPACK_EX => (n & 0xFF) + (n >> 8),
            FOR_ITER => {
                if jump {
                    -1
                } else {
                    1
                }
            }
            SEND => {
                if jump {
                    -1
                } else {
                    0
                }
            }
            STORE_ATTR => -2,
            DELETE_ATTR => -1,
            STORE_GLOBAL => -1,
            DELETE_GLOBAL => 0,
            LOAD_CONST => 1,
            LOAD_NAME => 1,
            BUILD_TUPLE | BUILD_LIST | BUILD_SET | BUILD_STRING => 1 - n,
            BUILD_MAP => 1 - 2 * n,
            BUILD_CONST_KEY_MAP => -n,
            LOAD_ATTR => 0,
            COMPARE_OP | IS_OP | CONTAINS_OP | BINARY_OP => -1,
            CHECK_EXC_MATCH => 0,
            CHECK_EG_MATCH => 0,
            IMPORT_NAME => -1,
            IMPORT_FROM => 1,
            JUMP_FORWARD
            | JUMP_BACKWARD
            | JUMP
            | JUMP_BACKWARD_NO_INTERRUPT
            | JUMP_NO_INTERRUPT => 0,
            JUMP_IF_TRUE_OR_POP | JUMP_IF_FALSE_OR_POP => {
                if jump {
                    0
                } else {
                    -1
                }
            }
            POP_JUMP_BACKWARD_IF_NONE
            | POP_JUMP_FORWARD_IF_NONE
            | POP_JUMP_IF_NONE
            | POP_JUMP_BACKWARD_IF_NOT_NONE
            | POP_JUMP_FORWARD_IF_NOT_NONE
            | POP_JUMP_IF_NOT_NONE
            | POP_JUMP_FORWARD_IF_FALSE
            | POP_JUMP_BACKWARD_IF_FALSE
            | POP_JUMP_IF_FALSE
            | POP_JUMP_FORWARD_IF_TRUE
            | POP_JUMP_BACKWARD_IF_TRUE
            | POP_JUMP_IF_TRUE => -1,
            LOAD_GLOBAL => 1 + (n & 1),
            SETUP_FINALLY => {
                if jump {
                    1
                } else {
                    0
                }
            }
            SETUP_CLEANUP => {
                if jump {
                    2
                } else {
                    0
                }
            }
            SETUP_WITH => {
                if jump {
                    1
                } else {
                    0
                }
            }
            PREP_RERAISE_STAR => -1,
            RERAISE => -1,
            PUSH_EXC_INFO => 1,
            WITH_EXCEPT_START => 1,
            LOAD_FAST => 1,
            STORE_FAST => -1,
            DELETE_FAST => 0,
            RETURN_GENERATOR => 0,
            RAISE_VARARGS => -n,
            KW_NAMES => 0,
            PRECALL => -n,
            CALL => -1,
            CALL_FUNCTION_EX => -2 - (n & 1),
            MAKE_FUNCTION => -((n & 1) + ((n >> 1) & 1) + ((n >> 2) & 1) + ((n >> 3) & 1)),
            BUILD_SLICE => {
                if n == 3 {
                    -2
                } else {
                    -1
                }
            }
            MAKE_CELL | COPY_FREE_VARS => 0,
            LOAD_CLOSURE => 1,
            LOAD_DEREF | LOAD_CLASSDEREF => 1,
            STORE_DEREF => -1,
            DELETE_DEREF => 0,
            GET_AWAITABLE => 0,
            BEFORE_ASYNC_WITH | BEFORE_WITH => 1,
            GET_AITER => 0,
            GET_ANEXT => 1,
            GET_YIELD_FROM_ITER => 0,
            END_ASYNC_FOR => -2,
            FORMAT_VALUE => {
                if n & 0x04 == 0x04 {
                    -1
                } else {
                    0
                }
            }
            LOAD_METHOD => 1,
            LOAD_ASSERTION_ERROR => 1,
            LIST_TO_TUPLE => 0,
            LIST_EXTEND | SET_UPDATE | DICT_MERGE | DICT_UPDATE => -1,
            COPY => 1,
            SWAP => 0,
            MATCH_CLASS => -2,
            GET_LEN | MATCH_MAPPING | MATCH_SEQUENCE | MATCH_KEYS => 1,
        }
    }
}

/// One instruction: 8 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Instruction {
    pub op: Opcode,
    pub arg: u32,
}

impl Instruction {
    pub fn new(op: Opcode, arg: u32) -> Self {
        Instruction { op, arg }
    }
}

/// `co_flags` bits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CodeFlags(pub u32);

impl CodeFlags {
    pub const OPTIMIZED: CodeFlags = CodeFlags(0x1);
    pub const NEWLOCALS: CodeFlags = CodeFlags(0x2);
    pub const VARARGS: CodeFlags = CodeFlags(0x4);
    pub const VARKEYWORDS: CodeFlags = CodeFlags(0x8);
    pub const NESTED: CodeFlags = CodeFlags(0x10);
    pub const GENERATOR: CodeFlags = CodeFlags(0x20);
    pub const NOFREE: CodeFlags = CodeFlags(0x40);
    pub const COROUTINE: CodeFlags = CodeFlags(0x80);
    pub const ITERABLE_COROUTINE: CodeFlags = CodeFlags(0x100);
    pub const ASYNC_GENERATOR: CodeFlags = CodeFlags(0x200);
    pub const FUTURE_BARRY_AS_BDFL: CodeFlags = CodeFlags(0x400000);
    pub const FUTURE_ANNOTATIONS: CodeFlags = CodeFlags(0x1000000);

    pub fn contains(self, other: CodeFlags) -> bool {
        self.0 & other.0 == other.0
    }
    pub fn insert(&mut self, other: CodeFlags) {
        self.0 |= other.0;
    }
}

/// An entry of the exception table: instructions `start..end` (indices) are
/// protected by the handler at `target`, which runs with the value stack cut to
/// `depth` entries (plus the last instruction's offset if `lasti`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExceptionEntry {
    pub start: u32,
    pub end: u32,
    pub target: u32,
    pub depth: u32,
    pub lasti: bool,
}

/// A value in `co_consts`.
#[derive(Clone, Debug)]
pub enum Constant {
    None,
    Ellipsis,
    Bool(bool),
    Int(BigInt),
    Float(f64),
    Complex { real: f64, imag: f64 },
    Str(String),
    Bytes(Vec<u8>),
    Tuple(Vec<Constant>),
    FrozenSet(Vec<Constant>),
    Code(Box<CodeObject>),
}

impl Constant {
    /// Equality as CPython's constant table uses it: same type and same value,
    /// floats compared by bits (so `0.0` and `-0.0` stay apart), code objects
    /// equal in every part.
    pub fn same_as(&self, other: &Constant) -> bool {
        use Constant::*;
        match (self, other) {
            (None, None) | (Ellipsis, Ellipsis) => true,
            (Bool(a), Bool(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (Float(a), Float(b)) => a.to_bits() == b.to_bits(),
            (Complex { real: a, imag: b }, Complex { real: c, imag: d }) => {
                a.to_bits() == c.to_bits() && b.to_bits() == d.to_bits()
            }
            (Str(a), Str(b)) => a == b,
            (Bytes(a), Bytes(b)) => a == b,
            (Tuple(a), Tuple(b)) | (FrozenSet(a), FrozenSet(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.same_as(y))
            }
            (Code(a), Code(b)) => a.same_as(b),
            _ => false,
        }
    }

    /// `repr()` of the constant, as `dis` shows it.
    pub fn repr(&self) -> String {
        use crate::literal::{bytes_repr, complex_repr, float_repr, str_repr};
        match self {
            Constant::None => "None".into(),
            Constant::Ellipsis => "Ellipsis".into(),
            Constant::Bool(b) => if *b { "True" } else { "False" }.into(),
            Constant::Int(i) => i.to_string(),
            Constant::Float(f) => float_repr(*f),
            Constant::Complex { real, imag } => complex_repr(*real, *imag),
            Constant::Str(s) => str_repr(s),
            Constant::Bytes(b) => bytes_repr(b),
            Constant::Tuple(items) => {
                let inner: Vec<String> = items.iter().map(Constant::repr).collect();
                if inner.len() == 1 {
                    format!("({},)", inner[0])
                } else {
                    format!("({})", inner.join(", "))
                }
            }
            Constant::FrozenSet(items) if items.is_empty() => "frozenset()".into(),
            Constant::FrozenSet(items) => {
                let inner: Vec<String> = items.iter().map(Constant::repr).collect();
                format!("frozenset({{{}}})", inner.join(", "))
            }
            Constant::Code(code) => format!("<code object {}>", code.name),
        }
    }

    /// Python's truth value of the constant.
    pub fn is_truthy(&self) -> bool {
        use Constant::*;
        match self {
            None => false,
            Ellipsis | Code(_) => true,
            Bool(b) => *b,
            Int(i) => i.sign() != num_bigint::Sign::NoSign,
            Float(f) => *f != 0.0,
            Complex { real, imag } => *real != 0.0 || *imag != 0.0,
            Str(s) => !s.is_empty(),
            Bytes(b) => !b.is_empty(),
            Tuple(t) | FrozenSet(t) => !t.is_empty(),
        }
    }
}

/// A compiled block: what CPython calls a code object.
#[derive(Clone, Debug)]
pub struct CodeObject {
    pub name: String,
    pub qualname: String,
    pub filename: String,
    pub firstlineno: u32,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: CodeFlags,
    /// Fast locals: arguments first, then other locals in order of first use.
    pub varnames: Vec<String>,
    /// Locals captured by nested blocks (sorted; arguments among them keep their
    /// `varnames` slot).
    pub cellvars: Vec<String>,
    /// Variables received through the closure (sorted).
    pub freevars: Vec<String>,
    /// Globals, attributes and imported names, in order of first use.
    pub names: Vec<String>,
    pub consts: Vec<Constant>,
    pub instructions: Vec<Instruction>,
    /// Source positions of each instruction (`None` for synthetic instructions
    /// that CPython also leaves without a line).
    pub locations: Vec<Option<SourceRange>>,
    pub exception_table: Vec<ExceptionEntry>,
    pub stacksize: u32,
    /// Where the defining node starts (the `def`/`class`/`lambda` keyword or the
    /// comprehension's bracket): orders sibling code objects in the dumps.
    pub definition_start: Position,
    /// The address `repr()` shows: the runtime object's, when a running
    /// program hands its code back to `dis`; otherwise this value's own.
    pub address: Option<usize>,
}

impl CodeObject {
    /// CPython's code object equality, which lets the constant table keep one
    /// copy of a block compiled twice (a `while` condition, a `finally` body):
    /// equal in everything, instructions, constants and positions included.
    pub fn same_as(&self, other: &CodeObject) -> bool {
        self.name == other.name
            && self.qualname == other.qualname
            && self.firstlineno == other.firstlineno
            && self.argcount == other.argcount
            && self.posonlyargcount == other.posonlyargcount
            && self.kwonlyargcount == other.kwonlyargcount
            && self.flags == other.flags
            && self.stacksize == other.stacksize
            && self.varnames == other.varnames
            && self.cellvars == other.cellvars
            && self.freevars == other.freevars
            && self.names == other.names
            && self.instructions == other.instructions
            && self.locations == other.locations
            && self.exception_table == other.exception_table
            && self.consts.len() == other.consts.len()
            && self
                .consts
                .iter()
                .zip(&other.consts)
                .all(|(a, b)| a.same_as(b))
    }

    /// The names of the "localsplus" slots that `LOAD_FAST`, `LOAD_DEREF`, ...
    /// index: `varnames`, then the cells that are not arguments, then `freevars`.
    pub fn localsplus_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.varnames.iter().map(String::as_str).collect();
        for cell in &self.cellvars {
            if !self.varnames.contains(cell) {
                names.push(cell);
            }
        }
        names.extend(self.freevars.iter().map(String::as_str));
        names
    }

    /// The `localsplus` slot of each cell variable, in `cellvars` order.
    pub fn cell_slots(&self) -> Vec<u32> {
        let mut next = self.varnames.len() as u32;
        self.cellvars
            .iter()
            .map(|cell| match self.varnames.iter().position(|v| v == cell) {
                Some(arg) => arg as u32,
                None => {
                    next += 1;
                    next - 1
                }
            })
            .collect()
    }

    /// Number of `localsplus` slots.
    pub fn nlocalsplus(&self) -> usize {
        self.localsplus_names().len()
    }

    /// The name an instruction's argument refers to, for the instructions that
    /// take a name.
    pub fn arg_name(&self, instruction: Instruction) -> Option<String> {
        use Opcode::*;
        let arg = instruction.arg as usize;
        match instruction.op {
            LOAD_FAST | STORE_FAST | DELETE_FAST | LOAD_DEREF | STORE_DEREF | DELETE_DEREF
            | LOAD_CLOSURE | LOAD_CLASSDEREF | MAKE_CELL => {
                self.localsplus_names().get(arg).map(|s| s.to_string())
            }
            LOAD_GLOBAL => self.names.get(arg >> 1).cloned(),
            STORE_GLOBAL | DELETE_GLOBAL | LOAD_NAME | STORE_NAME | DELETE_NAME | LOAD_ATTR
            | STORE_ATTR | DELETE_ATTR | LOAD_METHOD | IMPORT_NAME | IMPORT_FROM => {
                self.names.get(arg).cloned()
            }
            _ => None,
        }
    }

    /// `"OPNAME NAME"` for every name-scope instruction, in order.
    pub fn name_ops(&self) -> Vec<String> {
        self.instructions
            .iter()
            .filter(|i| i.op.is_name_scope_op())
            .map(|&i| format!("{} {}", i.op.name(), self.arg_name(i).unwrap_or_default()))
            .collect()
    }

    /// The code objects nested directly in this one.
    pub fn children(&self) -> impl Iterator<Item = &CodeObject> {
        self.consts.iter().filter_map(|c| match c {
            Constant::Code(code) => Some(code.as_ref()),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Opcode;

    #[test]
    fn opcode_properties_name_the_jumps_and_setups() {
        let jumps: Vec<&str> = Opcode::ALL
            .iter()
            .filter(|op| op.is_jump())
            .map(|op| op.name())
            .collect();
        assert_eq!(jumps.len(), 21);
        assert!(jumps
            .iter()
            .all(|name| name.contains("JUMP") || *name == "FOR_ITER" || *name == "SEND"));
        let setups: Vec<&str> = Opcode::ALL
            .iter()
            .filter(|op| op.is_block_push())
            .map(|op| op.name())
            .collect();
        assert_eq!(setups, ["SETUP_FINALLY", "SETUP_CLEANUP", "SETUP_WITH"]);
        for op in Opcode::ALL {
            assert_eq!(op.has_target(), op.is_jump() || op.is_block_push());
        }
    }
}
