//! Pass 2: code generation.
//!
//! The AST is walked again, with the finished symbol table in hand. Every block of
//! the table becomes a compilation *unit* and then a code object. The instruction
//! for a name follows from its scope alone (`name_op`):
//!
//! | scope (in this block)        | load            | store          | delete          |
//! |------------------------------|-----------------|----------------|-----------------|
//! | local, in a function         | `LOAD_FAST`     | `STORE_FAST`   | `DELETE_FAST`   |
//! | cell or free                 | `LOAD_DEREF` (`LOAD_CLASSDEREF` in a class body) | `STORE_DEREF` | `DELETE_DEREF` |
//! | global explicit              | `LOAD_GLOBAL`   | `STORE_GLOBAL` | `DELETE_GLOBAL` |
//! | global implicit, in a function | `LOAD_GLOBAL` | `STORE_GLOBAL` | `DELETE_GLOBAL` |
//! | anything else (module/class) | `LOAD_NAME`     | `STORE_NAME`   | `DELETE_NAME`   |
//!
//! A function that captures variables is built with `LOAD_CLOSURE` for each free
//! variable of the new code, `BUILD_TUPLE`, then `MAKE_FUNCTION` with the closure
//! flag; the new code starts with `COPY_FREE_VARS` and `MAKE_CELL` for its cells.
//!
//! The structure follows CPython 3.11's `compile.c` closely, statement by statement,
//! because the order in which names are first used decides `co_names` and
//! `co_varnames`, and the emitted code decides which name instructions survive.

mod cfg;
mod expr;
mod fold;
mod names;
mod pattern;
mod stmt;
mod unparse;

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

use crate::bytecode::{CodeFlags, CodeObject, Constant, Opcode};
use crate::error::{CompileError, ErrorKind};
use crate::future::FutureFeatures;
use crate::location::{LineIndex, Position};
use crate::parse::syntax_error_at;
use crate::symtable::{flags, keyword_start, mangle, ScopeId, ScopeKind, SymbolScope, SymbolTable};

use cfg::{BlockId, Cfg, Instr, Loc};
pub use fold::Folder;
use names::NameTable;

/// CPython's `STACK_USE_GUIDELINE`: beyond this many items, build collections and
/// calls incrementally instead of all on the stack.
const STACK_USE_GUIDELINE: usize = 30;
/// CPython's `CO_MAXBLOCKS`: nested loops/try/with blocks in one function.
const MAX_BLOCKS: usize = 20;

#[derive(Clone, Copy, Debug)]
pub struct CodegenOptions {
    /// `-O` level: 1 drops asserts (and `__debug__` is False), 2 also docstrings.
    pub optimize: u8,
    /// Compiling for the interactive prompt: expression statements print.
    pub interactive: bool,
    /// Compiling for `eval`: the source is one expression, whose value the code
    /// returns.
    pub eval: bool,
    pub recursion_limit: u32,
}

impl Default for CodegenOptions {
    fn default() -> Self {
        CodegenOptions {
            optimize: 0,
            interactive: false,
            eval: false,
            recursion_limit: 1000,
        }
    }
}

/// Compiles a module whose symbol table has been built.
pub fn compile_module(
    module: &ast::ModModule,
    table: &SymbolTable,
    future: FutureFeatures,
    index: &LineIndex,
    filename: &str,
    options: CodegenOptions,
) -> Result<CodeObject, CompileError> {
    let mut compiler = Compiler {
        table,
        index,
        filename,
        future,
        folder: Folder::new(options.optimize),
        iterated: 0,
        units: Vec::new(),
        options,
        depth: 0,
        limit: options.recursion_limit * 3,
    };
    compiler.compile_module(module)
}

/// What kind of code a unit compiles to (CPython's `COMPILER_SCOPE_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum UnitKind {
    Module,
    Class,
    Function,
    AsyncFunction,
    Lambda,
    Comprehension,
}

/// The kinds of frame blocks: the statements whose exit needs cleanup when a
/// `return`, `break` or `continue` leaves them early.
#[derive(Clone, Debug)]
enum FBlockKind<'a> {
    WhileLoop,
    ForLoop,
    TryExcept,
    /// The `try` body of a `try/finally`; carries the `finally` body to inline.
    FinallyTry(&'a [Stmt]),
    FinallyEnd,
    /// A `with`; carries the statement's range for the exit call's location.
    With(TextRange),
    AsyncWith(TextRange),
    /// An `except` handler's body; carries the `as` name, if any.
    HandlerCleanup(Option<String>),
    PopValue,
    ExceptionHandler,
    ExceptionGroupHandler,
    AsyncComprehensionGenerator,
}

#[derive(Clone, Debug)]
struct FBlock<'a> {
    kind: FBlockKind<'a>,
    block: Option<BlockId>,
    exit: Option<BlockId>,
}

/// A hash of a constant that agrees with `Constant::same_as`: constants that are
/// the same hash alike. The constant table is looked up with the constant
/// itself, so a lookup neither clones it nor builds a separate key.
fn constant_hash(constant: &Constant) -> u64 {
    use std::hash::{Hash, Hasher};
    fn feed(constant: &Constant, state: &mut rustc_hash::FxHasher) {
        std::mem::discriminant(constant).hash(state);
        match constant {
            Constant::None | Constant::Ellipsis | Constant::Code(_) => {}
            Constant::Bool(b) => b.hash(state),
            Constant::Int(i) => i.hash(state),
            Constant::Float(f) => f.to_bits().hash(state),
            Constant::Complex { real, imag } => {
                real.to_bits().hash(state);
                imag.to_bits().hash(state);
            }
            Constant::Str(s) => s.hash(state),
            Constant::Bytes(b) => b.hash(state),
            Constant::Tuple(items) | Constant::FrozenSet(items) => {
                items.len().hash(state);
                for item in items {
                    feed(item, state);
                }
            }
        }
    }
    let mut state = rustc_hash::FxHasher::default();
    feed(constant, &mut state);
    state.finish()
}

/// `constant_hash` of `Constant::Str(text)`, without building the constant.
fn str_constant_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut state = rustc_hash::FxHasher::default();
    std::mem::discriminant(&Constant::Str(String::new())).hash(&mut state);
    text.hash(&mut state);
    state.finish()
}

/// The constants a new unit has room for.
const CONSTS_CAPACITY: usize = 8;

/// A symbol's `Unit::name_slots` entry before its first use.
const NO_SLOT: u32 = u32::MAX;

/// One code object being compiled.
struct Unit<'a> {
    scope: ScopeId,
    kind: UnitKind,
    name: String,
    qualname: String,
    consts: Vec<Constant>,
    /// Indices into `consts`, by `constant_hash` (code objects are not in it).
    const_index: hashbrown::HashTable<u32>,
    names: NameTable,
    varnames: NameTable,
    cellvars: NameTable,
    freevars: NameTable,
    /// By the index of a symbol of this block: its index in `varnames` or
    /// `names`, once a name instruction has used it (`NO_SLOT` before). A name
    /// is then hashed once per use instead of twice.
    name_slots: Vec<u32>,
    /// The class whose body (or method) this is, for name mangling.
    private: Option<String>,
    argcount: u32,
    posonlyargcount: u32,
    kwonlyargcount: u32,
    cfg: Cfg,
    current: BlockId,
    fblocks: Vec<FBlock<'a>>,
    firstlineno: u32,
    /// The location given to the next instruction.
    loc: Loc,
    definition_start: Position,
}

struct Compiler<'a> {
    table: &'a SymbolTable,
    index: &'a LineIndex<'a>,
    filename: &'a str,
    future: FutureFeatures,
    folder: Folder,
    /// The identity (`node_key`) of the expression being compiled as one that
    /// is only iterated (see `Folder::constant`), or 0.
    iterated: usize,
    units: Vec<Unit<'a>>,
    options: CodegenOptions,
    depth: u32,
    limit: u32,
}

type Emit = Result<(), CompileError>;

impl<'a> Compiler<'a> {
    // ----- units --------------------------------------------------------------

    fn unit(&self) -> &Unit<'a> {
        self.units.last().expect("a unit is being compiled")
    }

    fn unit_mut(&mut self) -> &mut Unit<'a> {
        self.units.last_mut().expect("a unit is being compiled")
    }

    fn scope(&self) -> &'a crate::symtable::Scope {
        self.table.scope(self.unit().scope)
    }

    fn enter_scope(
        &mut self,
        name: &str,
        kind: UnitKind,
        scope: ScopeId,
        firstlineno: u32,
        definition_start: Position,
    ) -> Emit {
        let ste = self.table.scope(scope);
        // The block's symbol count bounds its co_varnames and is a fair guess at
        // its co_names: sized so, the tables seldom grow (and rehash) while
        // names are added.
        let room = ste.symbols.len();
        let mut varnames = NameTable::with_capacity(room);
        for name in &ste.varnames {
            varnames.index_of(name);
        }
        let mut cellvars = sorted_names(ste, |s, _| s == SymbolScope::Cell);
        if ste.needs_class_closure {
            // The implicit `__class__` cell of a class whose methods use `super()`.
            cellvars.index_of("__class__");
        }
        let freevars = sorted_names(ste, |s, f| {
            s == SymbolScope::Free || f & flags::DEF_FREE_CLASS != 0
        });
        let private = self.units.last().and_then(|u| u.private.clone());
        let mut cfg = Cfg::new();
        let entry = cfg.new_block();
        self.units.push(Unit {
            scope,
            kind,
            name: name.to_string(),
            qualname: name.to_string(),
            // Room for a typical code object's constants: most have a few, and
            // growing the table rehashes it.
            consts: Vec::with_capacity(CONSTS_CAPACITY),
            const_index: hashbrown::HashTable::with_capacity(CONSTS_CAPACITY),
            names: NameTable::with_capacity(room),
            varnames,
            cellvars,
            freevars,
            name_slots: vec![NO_SLOT; ste.symbols.len()],
            private,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            cfg,
            current: entry,
            fblocks: Vec::new(),
            firstlineno,
            loc: Loc {
                line: firstlineno as i32,
                end_line: firstlineno as i32,
                col: 0,
                end_col: 0,
            },
            definition_start,
        });
        if kind == UnitKind::Module {
            self.unit_mut().loc.line = 0;
        } else {
            self.set_qualname();
        }
        self.emit_arg(Opcode::RESUME, 0);
        if kind == UnitKind::Module {
            self.unit_mut().loc.line = -1;
        }
        Ok(())
    }

    /// `f`, `C.m`, `f.<locals>.g`: the path to a definition, through the
    /// functions (`.<locals>`) and classes that enclose it.
    fn set_qualname(&mut self) {
        let depth = self.units.len();
        if depth < 2 {
            return;
        }
        let (parents, current) = self.units.split_at_mut(depth - 1);
        let parent = parents.last().expect("checked above");
        let unit = &mut current[0];
        let mut force_global = false;
        if matches!(
            unit.kind,
            UnitKind::Function | UnitKind::AsyncFunction | UnitKind::Class
        ) && parent.kind != UnitKind::Module
        {
            let mangled = mangle(parent.private.as_deref(), &unit.name);
            let parent_scope = self.table.scope(parent.scope);
            if parent_scope.scope_of(&mangled) == SymbolScope::GlobalExplicit {
                force_global = true;
            }
        }
        if parent.kind == UnitKind::Module || force_global {
            // The qualified name is the name, which it already is.
            return;
        }
        let in_function = matches!(
            parent.kind,
            UnitKind::Function | UnitKind::AsyncFunction | UnitKind::Lambda
        );
        // Built by hand: `format!` cost ten times as much, for nearly every
        // code object that is not at module level.
        const LOCALS: &str = ".<locals>";
        let mut qualname =
            String::with_capacity(parent.qualname.len() + LOCALS.len() + 1 + unit.name.len());
        qualname.push_str(&parent.qualname);
        if in_function {
            qualname.push_str(LOCALS);
        }
        qualname.push('.');
        qualname.push_str(&unit.name);
        unit.qualname = qualname;
    }

    /// Assembles the current unit into a code object and leaves it.
    fn exit_scope(&mut self, add_none: bool) -> Result<CodeObject, CompileError> {
        let current = self.unit().current;
        if !self.unit().cfg.block(current).has_return {
            self.unit_mut().loc.line = -1;
            if add_none {
                self.load_const(Constant::None);
            }
            self.emit(Opcode::RETURN_VALUE);
        }
        let unit = self.units.pop().expect("a unit is being compiled");
        self.assemble(unit)
    }

    fn assemble(&self, mut unit: Unit<'a>) -> Result<CodeObject, CompileError> {
        unit.cfg.normalize();
        unit.cfg.extend_blocks();

        let flags = self.code_flags(&unit);
        // Where each cell and free variable lives among the "localsplus" slots.
        let nlocals = unit.varnames.len() as u32;
        let ncells = unit.cellvars.len();
        let mut fixed: Vec<u32> = (0..(ncells + unit.freevars.len()) as u32)
            .map(|i| nlocals + i)
            .collect();
        for (cell_index, name) in unit.cellvars.iter().enumerate() {
            if let Some(arg) = unit.varnames.get_index_of(name) {
                fixed[cell_index] = arg as u32;
            }
        }
        let mut dropped = 0;
        for (i, slot) in fixed.iter_mut().enumerate() {
            if *slot == nlocals + i as u32 {
                *slot -= dropped;
            } else {
                dropped += 1;
            }
        }

        // Prefix: COPY_FREE_VARS, MAKE_CELL for each cell (in slot order), and
        // RETURN_GENERATOR + POP_TOP for generators and coroutines.
        if flags.contains(CodeFlags::GENERATOR)
            || flags.contains(CodeFlags::COROUTINE)
            || flags.contains(CodeFlags::ASYNC_GENERATOR)
        {
            let line = unit.firstlineno as i32;
            let loc = Loc {
                line,
                end_line: line,
                col: -1,
                end_col: -1,
            };
            unit.cfg
                .insert_prefix(0, Instr::new(Opcode::RETURN_GENERATOR, 0, None, loc));
            unit.cfg
                .insert_prefix(1, Instr::new(Opcode::POP_TOP, 0, None, Loc::NONE));
        }
        let mut cells_by_slot: Vec<(u32, u32)> =
            (0..ncells as u32).map(|i| (fixed[i as usize], i)).collect();
        cells_by_slot.sort();
        for (position, &(_, cell)) in cells_by_slot.iter().enumerate() {
            unit.cfg.insert_prefix(
                position,
                Instr::new(Opcode::MAKE_CELL, cell, None, Loc::NONE),
            );
        }
        if !unit.freevars.is_empty() {
            unit.cfg.insert_prefix(
                0,
                Instr::new(
                    Opcode::COPY_FREE_VARS,
                    unit.freevars.len() as u32,
                    None,
                    Loc::NONE,
                ),
            );
        }
        // Cell and free variable instructions were emitted with indices into
        // cellvars + freevars; now they become slot numbers. (Most code has
        // neither, and then no such instruction.)
        if !fixed.is_empty() {
            for block in &mut unit.cfg.blocks {
                for instr in &mut block.instrs {
                    if matches!(
                        instr.op,
                        Opcode::MAKE_CELL
                            | Opcode::LOAD_CLOSURE
                            | Opcode::LOAD_DEREF
                            | Opcode::STORE_DEREF
                            | Opcode::DELETE_DEREF
                            | Opcode::LOAD_CLASSDEREF
                    ) {
                        instr.arg = fixed[instr.arg as usize];
                    }
                }
            }
        }

        let firstlineno = if unit.firstlineno == 0 {
            unit.cfg.blocks[0]
                .instrs
                .first()
                .map(|i| i.loc.line)
                .filter(|&l| l > 0)
                .unwrap_or(1) as u32
        } else {
            unit.firstlineno
        };
        let mut consts = std::mem::take(&mut unit.consts);
        let assembled = unit
            .cfg
            .assemble(&mut consts, firstlineno)
            .map_err(|msg| CompileError::new(ErrorKind::SyntaxError, msg))?;

        // co_cellvars lists the cells in slot order: argument cells first.
        let mut cellvars: Vec<(u32, String)> = unit
            .cellvars
            .iter()
            .enumerate()
            .map(|(i, name)| (fixed[i], name.clone()))
            .collect();
        cellvars.sort();
        Ok(CodeObject {
            name: unit.name,
            qualname: unit.qualname,
            filename: self.filename.to_string(),
            firstlineno,
            argcount: unit.argcount + unit.posonlyargcount,
            posonlyargcount: unit.posonlyargcount,
            kwonlyargcount: unit.kwonlyargcount,
            flags,
            varnames: unit.varnames.into_vec(),
            cellvars: cellvars.into_iter().map(|(_, n)| n).collect(),
            freevars: unit.freevars.into_vec(),
            names: unit.names.into_vec(),
            consts,
            instructions: assembled.instructions,
            locations: assembled.locations,
            exception_table: assembled.exception_table,
            stacksize: assembled.stacksize,
            definition_start: unit.definition_start,
            address: None,
        })
    }

    fn code_flags(&self, unit: &Unit<'a>) -> CodeFlags {
        let ste = self.table.scope(unit.scope);
        let mut flags = CodeFlags::default();
        if ste.kind == ScopeKind::Function {
            flags.insert(CodeFlags::NEWLOCALS);
            flags.insert(CodeFlags::OPTIMIZED);
            if ste.nested {
                flags.insert(CodeFlags::NESTED);
            }
            match (ste.is_generator, ste.is_coroutine) {
                (true, false) => flags.insert(CodeFlags::GENERATOR),
                (false, true) => flags.insert(CodeFlags::COROUTINE),
                (true, true) => flags.insert(CodeFlags::ASYNC_GENERATOR),
                _ => {}
            }
            if ste.has_varargs {
                flags.insert(CodeFlags::VARARGS);
            }
            if ste.has_varkeywords {
                flags.insert(CodeFlags::VARKEYWORDS);
            }
        }
        if self.future.annotations {
            flags.insert(CodeFlags::FUTURE_ANNOTATIONS);
        }
        if self.future.barry_as_bdfl {
            flags.insert(CodeFlags::FUTURE_BARRY_AS_BDFL);
        }
        flags
    }

    // ----- emitting -----------------------------------------------------------

    fn emit_instr(&mut self, instr: Instr) {
        let unit = self.unit_mut();
        let block = unit.cfg.block_mut(unit.current);
        // Nearly every instruction is only appended to a block with room. That
        // path makes no call, so it saves and restores no registers: with the
        // rest inlined, each of the half a million instructions the standard
        // library sample emits paid for fourteen pushes and pops.
        if !instr.op.shapes_flow() && block.instrs.len() < block.instrs.capacity() {
            block.instrs.push(instr);
            return;
        }
        self.emit_instr_slow(instr);
    }

    /// `emit_instr` of a jump, a scope exit or a handler push, or into a full
    /// block.
    #[inline(never)]
    fn emit_instr_slow(&mut self, instr: Instr) {
        let unit = self.unit_mut();
        unit.cfg.append(unit.current, instr);
        // A jump always ends its basic block: what follows starts a new one.
        if instr.op.is_jump() {
            self.next_block();
        }
    }

    fn emit(&mut self, op: Opcode) {
        let loc = self.unit().loc;
        self.emit_instr(Instr::new(op, 0, None, loc));
    }

    fn emit_arg(&mut self, op: Opcode, arg: u32) {
        let loc = self.unit().loc;
        self.emit_instr(Instr::new(op, arg, None, loc));
    }

    fn emit_noline(&mut self, op: Opcode, arg: u32) {
        self.emit_instr(Instr::new(op, arg, None, Loc::NONE));
    }

    fn emit_jump(&mut self, op: Opcode, target: BlockId) {
        let loc = self.unit().loc;
        self.emit_instr(Instr::new(op, 0, Some(target), loc));
    }

    fn emit_jump_noline(&mut self, op: Opcode, target: BlockId) {
        self.emit_instr(Instr::new(op, 0, Some(target), Loc::NONE));
    }

    fn new_block(&mut self) -> BlockId {
        self.unit_mut().cfg.new_block()
    }

    /// Makes `block` the current block, following the current one in layout.
    fn use_next_block(&mut self, block: BlockId) {
        let unit = self.unit_mut();
        let current = unit.current;
        unit.cfg.block_mut(current).next = Some(block);
        unit.current = block;
    }

    fn next_block(&mut self) {
        let block = self.new_block();
        self.use_next_block(block);
    }

    fn add_const(&mut self, constant: Constant) -> u32 {
        let unit = self.unit_mut();
        if let Constant::Code(code) = &constant {
            // A block compiled twice gives one constant (few code objects per
            // unit: a scan is cheap).
            let twin = unit.consts.iter().position(|c| match c {
                Constant::Code(other) => other.same_as(code),
                _ => false,
            });
            if let Some(index) = twin {
                return index as u32;
            }
        }
        let index = unit.consts.len() as u32;
        if !matches!(constant, Constant::Code(_)) {
            let hash = constant_hash(&constant);
            let consts = &unit.consts;
            if let Some(&found) = unit
                .const_index
                .find(hash, |&i| consts[i as usize].same_as(&constant))
            {
                return found;
            }
            let consts = &unit.consts;
            unit.const_index
                .insert_unique(hash, index, |&i| constant_hash(&consts[i as usize]));
        }
        unit.consts.push(constant);
        index
    }

    /// `add_const` of a str, which allocates it only when it is new: string
    /// literals are most of a module's constants, and many repeat.
    fn add_str_const(&mut self, text: &str) -> u32 {
        let hash = str_constant_hash(text);
        debug_assert_eq!(hash, constant_hash(&Constant::Str(text.to_string())));
        let unit = self.unit_mut();
        let consts = &unit.consts;
        let found = unit.const_index.find(
            hash,
            |&i| matches!(&consts[i as usize], Constant::Str(s) if s == text),
        );
        match found {
            Some(&index) => index,
            None => self.add_const(Constant::Str(text.to_string())),
        }
    }

    fn load_const(&mut self, constant: Constant) {
        let index = self.add_const(constant);
        self.emit_arg(Opcode::LOAD_CONST, index);
    }

    fn add_name(&mut self, name: &str) -> u32 {
        let unit = self.unit_mut();
        let mangled = mangle(unit.private.as_deref(), name);
        unit.names.index_of(&mangled)
    }

    /// An instruction whose argument is an entry of `co_names` (mangled).
    fn emit_name(&mut self, op: Opcode, name: &str) {
        let index = self.add_name(name);
        self.emit_arg(op, index);
    }

    // ----- locations ----------------------------------------------------------

    fn loc_of(&self, range: TextRange) -> Loc {
        Loc::from_range(self.index.range(range))
    }

    fn set_loc(&mut self, range: TextRange) {
        let loc = self.loc_of(range);
        self.unit_mut().loc = loc;
    }

    fn unset_loc(&mut self) {
        self.unit_mut().loc.line = -1;
    }

    /// The range CPython's AST gives a statement: a decorated `def` or `class`
    /// starts at its keyword, not at the first decorator.
    fn stmt_range(&self, stmt: &Stmt) -> TextRange {
        match stmt {
            Stmt::FunctionDef(def) => TextRange::new(
                keyword_start(self.index.source(), def.name.range.start(), def.is_async),
                def.range.end(),
            ),
            Stmt::ClassDef(class) => TextRange::new(
                keyword_start(self.index.source(), class.name.range.start(), false),
                class.range.end(),
            ),
            _ => stmt.range(),
        }
    }

    fn line_of(&self, range: TextRange) -> u32 {
        self.index.position(range.start()).line
    }

    // ----- errors -------------------------------------------------------------

    /// A SyntaxError at the current location (CPython's `compiler_error`).
    fn error(&self, msg: impl Into<String>) -> CompileError {
        let loc = self.unit().loc;
        let line = loc.line.max(1) as u32;
        let start = self.index.line_start(line);
        let from = TextRange::empty(ruff_text_size::TextSize::new(
            (start + loc.col.max(0) as usize) as u32,
        ));
        let end_line = loc.end_line.max(loc.line).max(1) as u32;
        let end = ruff_text_size::TextSize::new(
            (self.index.line_start(end_line) + loc.end_col.max(0) as usize)
                .min(self.index.source().len()) as u32,
        );
        let range = TextRange::new(from.start(), end.max(from.start()));
        syntax_error_at(
            ErrorKind::SyntaxError,
            msg,
            range,
            self.index,
            self.filename,
        )
    }

    fn error_at(&self, msg: impl Into<String>, range: TextRange) -> CompileError {
        syntax_error_at(
            ErrorKind::SyntaxError,
            msg,
            range,
            self.index,
            self.filename,
        )
    }

    fn enter_recursion(&mut self) -> Emit {
        self.depth += 1;
        if self.depth > self.limit {
            return Err(CompileError::recursion());
        }
        Ok(())
    }

    fn leave_recursion(&mut self) {
        self.depth -= 1;
    }

    // ----- frame blocks -------------------------------------------------------

    fn push_fblock(
        &mut self,
        kind: FBlockKind<'a>,
        block: Option<BlockId>,
        exit: Option<BlockId>,
    ) -> Emit {
        if self.unit().fblocks.len() >= MAX_BLOCKS {
            return Err(self.error("too many statically nested blocks"));
        }
        self.unit_mut().fblocks.push(FBlock { kind, block, exit });
        Ok(())
    }

    fn pop_fblock(&mut self) {
        self.unit_mut().fblocks.pop();
    }

    // ----- names --------------------------------------------------------------

    /// Loads, stores or deletes a name with the instruction its scope calls for.
    fn name_op(&mut self, name: &str, ctx: ast::ExprContext) -> Emit {
        self.name_op_hinted(name, ctx, None)
    }

    /// `name_op` of a name expression: pass 1 left the index of its symbol in
    /// the node, which spares hashing the name when it is right (it is, unless
    /// the expression is compiled in another block than pass 1 saw it in).
    // Inlined, as is `constant_of`: as calls of their own, the two spent more
    // on the call than most uses need (0.5% of the sample's instructions).
    #[inline]
    fn name_expr_op(&mut self, name: &ast::ExprName, ctx: ast::ExprContext) -> Emit {
        let hint = name.node_index.load().as_u32();
        self.name_op_hinted(&name.id, ctx, hint)
    }

    fn name_op_hinted(&mut self, name: &str, ctx: ast::ExprContext, hint: Option<u32>) -> Emit {
        use ast::ExprContext::*;
        if name == "__debug__" {
            match ctx {
                Store => return Err(self.error("cannot assign to __debug__")),
                Del => return Err(self.error("cannot delete __debug__")),
                _ => {}
            }
        }
        let mangled = mangle(self.unit().private.as_deref(), name);
        let ste = self.scope();
        let hinted = hint.and_then(|at| {
            let (key, symbol) = ste.symbols.get_index(at as usize)?;
            (key.as_str() == mangled.as_ref()).then_some((at as usize, symbol))
        });
        let (symbol, scope) = match hinted.or_else(|| {
            let (at, _, symbol) = ste.symbols.get_full(mangled.as_ref())?;
            Some((at, symbol))
        }) {
            Some((at, symbol)) => (Some(at), symbol.scope),
            None => (None, SymbolScope::Undecided),
        };
        let is_function = ste.kind == ScopeKind::Function;
        enum Kind {
            Fast,
            Global,
            Deref,
            Name,
        }
        let kind = match scope {
            SymbolScope::Free | SymbolScope::Cell => Kind::Deref,
            SymbolScope::Local if is_function => Kind::Fast,
            SymbolScope::GlobalImplicit if is_function => Kind::Global,
            SymbolScope::GlobalExplicit => Kind::Global,
            _ => Kind::Name,
        };
        match kind {
            Kind::Fast => {
                let op = match ctx {
                    Load => Opcode::LOAD_FAST,
                    Store => Opcode::STORE_FAST,
                    _ => Opcode::DELETE_FAST,
                };
                let index = self.name_slot(symbol, |unit| unit.varnames.index_of(&mangled));
                self.emit_arg(op, index);
            }
            Kind::Deref => {
                let op = match ctx {
                    Load if ste.kind == ScopeKind::Class => Opcode::LOAD_CLASSDEREF,
                    Load => Opcode::LOAD_DEREF,
                    Store => Opcode::STORE_DEREF,
                    _ => Opcode::DELETE_DEREF,
                };
                let index = self.deref_index(&mangled, scope == SymbolScope::Cell);
                self.emit_arg(op, index);
            }
            Kind::Global => {
                let index = self.name_slot(symbol, |unit| unit.names.index_of(&mangled));
                match ctx {
                    Load => self.emit_arg(Opcode::LOAD_GLOBAL, index << 1),
                    Store => self.emit_arg(Opcode::STORE_GLOBAL, index),
                    _ => self.emit_arg(Opcode::DELETE_GLOBAL, index),
                }
            }
            Kind::Name => {
                let op = match ctx {
                    Load => Opcode::LOAD_NAME,
                    Store => Opcode::STORE_NAME,
                    _ => Opcode::DELETE_NAME,
                };
                let index = self.name_slot(symbol, |unit| unit.names.index_of(&mangled));
                self.emit_arg(op, index);
            }
        }
        Ok(())
    }

    /// The index `find` gives a symbol in its name table, remembered for the
    /// symbol's next use. (Cells and free variables are not remembered: their
    /// index depends on how many cells there are.)
    fn name_slot(&mut self, symbol: Option<usize>, find: impl FnOnce(&mut Unit<'a>) -> u32) -> u32 {
        let unit = self.unit_mut();
        let Some(at) = symbol else {
            return find(unit);
        };
        if unit.name_slots[at] == NO_SLOT {
            unit.name_slots[at] = find(unit);
        }
        unit.name_slots[at]
    }

    /// The index of a cell (or free variable, after the cells) before slot fixing.
    fn deref_index(&mut self, name: &str, is_cell: bool) -> u32 {
        let unit = self.unit_mut();
        if is_cell {
            unit.cellvars.index_of(name)
        } else {
            let ncells = unit.cellvars.len() as u32;
            ncells + unit.freevars.index_of(name)
        }
    }

    /// Builds a function object from a compiled code object: `LOAD_CLOSURE` for
    /// each of its free variables (found here as cells or as our own free
    /// variables), `BUILD_TUPLE`, `LOAD_CONST code`, `MAKE_FUNCTION flags`.
    fn make_closure(&mut self, code: CodeObject, mut flags: u32) -> Emit {
        if !code.freevars.is_empty() {
            for name in &code.freevars {
                let is_class_cell = self.unit().kind == UnitKind::Class && name == "__class__";
                let scope = self.scope().scope_of(name);
                let index = if is_class_cell || scope == SymbolScope::Cell {
                    self.unit().cellvars.get_index_of(name.as_str())
                } else {
                    self.unit()
                        .freevars
                        .get_index_of(name.as_str())
                        .map(|i| i + self.unit().cellvars.len())
                };
                let Some(index) = index else {
                    return Err(CompileError::new(
                        ErrorKind::SyntaxError,
                        format!(
                            "compiler: no cell for free variable '{name}' of {}",
                            code.name
                        ),
                    ));
                };
                self.emit_arg(Opcode::LOAD_CLOSURE, index as u32);
            }
            flags |= 0x08;
            self.emit_arg(Opcode::BUILD_TUPLE, code.freevars.len() as u32);
        }
        self.load_const(Constant::Code(Box::new(code)));
        self.emit_arg(Opcode::MAKE_FUNCTION, flags);
        Ok(())
    }

    /// The scope of a nested block, found by its defining AST node.
    fn child_scope<T>(&self, node: &T) -> Result<ScopeId, CompileError> {
        self.table.scope_of_node(node).ok_or_else(|| {
            CompileError::new(
                ErrorKind::SyntaxError,
                "compiler: a nested block has no symbol table entry",
            )
        })
    }

    fn is_top_level_await(&self) -> bool {
        false
    }

    // ----- the module ---------------------------------------------------------

    fn compile_module(&mut self, module: &'a ast::ModModule) -> Result<CodeObject, CompileError> {
        self.enter_scope(
            "<module>",
            UnitKind::Module,
            ScopeId::MODULE,
            1,
            Position { line: 1, col: 0 },
        )?;
        self.unit_mut().loc.line = 1;
        if self.options.eval {
            let [Stmt::Expr(stmt)] = module.body.as_slice() else {
                let at = module
                    .body
                    .first()
                    .map_or(TextRange::default(), |s| s.range());
                let at = TextRange::empty(at.start());
                return Err(syntax_error_at(
                    ErrorKind::SyntaxError,
                    "invalid syntax",
                    at,
                    self.index,
                    self.filename,
                ));
            };
            self.compile_expr(&stmt.value)?;
            return self.exit_scope(false);
        }
        if self.options.interactive {
            if find_annotations(&module.body) {
                self.emit(Opcode::SETUP_ANNOTATIONS);
            }
            for stmt in &module.body {
                self.compile_stmt(stmt)?;
            }
        } else {
            self.compile_body(&module.body)?;
        }
        self.exit_scope(true)
    }

    /// A module or class body: `__annotations__` set up if any annotation needs
    /// it, the docstring stored as `__doc__`, then the statements.
    fn compile_body(&mut self, body: &'a [Stmt]) -> Emit {
        if self.unit().kind == UnitKind::Module {
            if let Some(first) = body.first() {
                let range = self.stmt_range(first);
                self.set_loc(range);
            }
        }
        if find_annotations(body) {
            self.emit(Opcode::SETUP_ANNOTATIONS);
        }
        if body.is_empty() {
            return Ok(());
        }
        let mut rest = body;
        if self.options.optimize < 2 {
            if let Some(doc) = crate::future::docstring(body) {
                self.compile_expr(&Expr::StringLiteral(doc.clone()))?;
                let range = self.stmt_range(&body[0]);
                self.set_loc(range);
                self.name_op("__doc__", ast::ExprContext::Store)?;
                rest = &body[1..];
            }
        }
        for stmt in rest {
            self.compile_stmt(stmt)?;
        }
        Ok(())
    }
}

/// The names of a block's symbols that pass `keep`, sorted (CPython's `dictbytype`).
fn sorted_names(
    scope: &crate::symtable::Scope,
    keep: impl Fn(SymbolScope, u16) -> bool,
) -> NameTable {
    let mut names: Vec<&str> = scope
        .symbols
        .iter()
        .filter(|(_, s)| keep(s.scope, s.flags))
        .map(|(n, _)| n.as_str())
        .collect();
    names.sort_unstable();
    let mut table = NameTable::with_capacity(names.len());
    for name in names {
        table.index_of(name);
    }
    table
}

/// Does a body contain an annotated assignment (outside nested functions and
/// classes)? Then a module or class needs `__annotations__`. Like CPython 3.11,
/// `match` statements are not searched.
fn find_annotations(body: &[Stmt]) -> bool {
    body.iter().any(|stmt| match stmt {
        Stmt::AnnAssign(_) => true,
        Stmt::For(s) => find_annotations(&s.body) || find_annotations(&s.orelse),
        Stmt::While(s) => find_annotations(&s.body) || find_annotations(&s.orelse),
        Stmt::If(s) => {
            find_annotations(&s.body)
                || s.elif_else_clauses
                    .iter()
                    .any(|c| find_annotations(&c.body))
        }
        Stmt::With(s) => find_annotations(&s.body),
        Stmt::Try(s) => {
            s.handlers.iter().any(|h| {
                let ast::ExceptHandler::ExceptHandler(h) = h;
                find_annotations(&h.body)
            }) || find_annotations(&s.body)
                || find_annotations(&s.finalbody)
                || find_annotations(&s.orelse)
        }
        _ => false,
    })
}
