//! The control-flow graph of one code object, and its assembly.
//!
//! Code generation appends instructions to basic blocks. Jumps name blocks, not
//! offsets, and exception handling is written with the pseudo-instructions
//! `SETUP_FINALLY`/`SETUP_CLEANUP`/`SETUP_WITH` ... `POP_BLOCK`. Assembly then runs
//! CPython 3.11's passes in CPython's order, because each is visible in the result:
//!
//! 1. `normalize` + `extend_block`: mark exit blocks; a jump to a small exit block
//!    without a line number (an implicit `return None`) is replaced by a copy of it.
//! 2. `optimize_cfg`: the peephole pass (constant conditions become plain jumps,
//!    jump threading, tuple folding, static `SWAP`s, `PUSH_NULL`+`LOAD_GLOBAL`),
//!    then unreachable blocks are emptied. Their instructions are gone, but the
//!    names they used stay in `co_names`/`co_varnames`: they were added during
//!    code generation.
//! 3. Exit blocks without a line number that several jumps reach are duplicated,
//!    trailing unused constants are trimmed, line numbers propagated.
//! 4. Stack depth; exception targets from the setup/pop pairs, which become the
//!    exception table; jump directions (`POP_JUMP_FORWARD_IF_FALSE`, ...).

use crate::bytecode::{Constant, ExceptionEntry, Instruction, Opcode};
use crate::location::{Position, SourceRange};

use Opcode::*;

/// The instructions a new block has room for (CPython's `DEFAULT_BLOCK_SIZE`).
const BLOCK_CAPACITY: usize = 16;

/// The largest exit block `extend_block` copies.
const MAX_COPY_SIZE: usize = 4;

/// The instructions without a target that `optimize_block` rewrites from, by
/// opcode number. Most instructions are none of these, and one lookup passes
/// them by.
static PEEPHOLE_STARTS: [bool; 256] = {
    let starts = [LOAD_CONST, BUILD_TUPLE, SWAP, PUSH_NULL];
    let mut table = [false; 256];
    let mut i = 0;
    while i < starts.len() {
        table[starts[i] as usize] = true;
        i += 1;
    }
    table
};

/// A block, by its index in `Cfg::blocks`. It holds the index plus one, so that
/// an `Option<BlockId>` (a jump target, a handler) takes 4 bytes and an `Instr`
/// 32: the assembly passes go over every instruction many times.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct BlockId(std::num::NonZeroU32);

impl BlockId {
    /// The entry block.
    const ENTRY: BlockId = BlockId(std::num::NonZeroU32::MIN);

    fn new(index: usize) -> BlockId {
        let id = u32::try_from(index + 1).expect("fewer than 2^32 blocks");
        BlockId(std::num::NonZeroU32::new(id).expect("index + 1 is never zero"))
    }

    fn index(self) -> usize {
        self.0.get() as usize - 1
    }
}

/// A source location as the compiler tracks it; `line == -1` means "no line"
/// (an artificial instruction).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Loc {
    pub line: i32,
    pub end_line: i32,
    pub col: i32,
    pub end_col: i32,
}

impl Loc {
    pub const NONE: Loc = Loc {
        line: -1,
        end_line: -1,
        col: -1,
        end_col: -1,
    };

    pub fn from_range(range: SourceRange) -> Loc {
        Loc {
            line: range.start.line as i32,
            end_line: range.end.line as i32,
            col: range.start.col as i32,
            end_col: range.end.col as i32,
        }
    }

    fn to_range(self) -> Option<SourceRange> {
        if self.line < 0 {
            return None;
        }
        let column = |c: i32| u32::try_from(c).unwrap_or(crate::location::NO_COLUMN);
        let (col, end_col) = (column(self.col), column(self.end_col));
        Some(SourceRange {
            start: Position {
                line: self.line as u32,
                col,
            },
            end: Position {
                line: self.end_line.max(self.line) as u32,
                col: end_col,
            },
        })
    }
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Instr {
    pub op: Opcode,
    pub arg: u32,
    pub target: Option<BlockId>,
    pub loc: Loc,
    /// The innermost exception handler in effect (filled in by assembly).
    except: Option<BlockId>,
}

// The size the `BlockId` representation is chosen for.
const _: () = assert!(std::mem::size_of::<Instr>() == 32);

impl Instr {
    pub fn new(op: Opcode, arg: u32, target: Option<BlockId>, loc: Loc) -> Instr {
        Instr {
            op,
            arg,
            target,
            loc,
            except: None,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Block {
    pub instrs: Vec<Instr>,
    /// The next block in layout order (CPython's `b_next`).
    pub next: Option<BlockId>,
    /// A `RETURN_VALUE` was added to it.
    pub has_return: bool,
    exit: bool,
    nofallthrough: bool,
    predecessors: u32,
    visited: bool,
    start_depth: Option<i32>,
    preserve_lasti: bool,
    except_stack: Option<Vec<BlockId>>,
    offset: u32,
    /// Known to hold no NOP: `clean_block` found none or removed them all, and
    /// nothing has made one since. The later cleaning walks pass such a block
    /// by without looking at its instructions; whatever turns an instruction
    /// into a NOP after the first cleaning clears this.
    nop_free: bool,
}

/// The blocks of one code object. Block 0 is the entry.
#[derive(Default)]
pub(crate) struct Cfg {
    pub blocks: Vec<Block>,
    /// Some block pushes an exception handler (found by `normalize`). Most code
    /// objects have none, and then every instruction's handler is `None`.
    has_handlers: bool,
}

/// What assembly produces.
pub(crate) struct Assembled {
    pub instructions: Vec<Instruction>,
    pub locations: Vec<Option<SourceRange>>,
    pub exception_table: Vec<ExceptionEntry>,
    pub stacksize: u32,
}

impl Cfg {
    pub fn new() -> Cfg {
        Cfg {
            // A code object has six blocks on average over the standard library:
            // room for eight saves most of the growing.
            blocks: Vec::with_capacity(8),
            has_handlers: false,
        }
    }

    pub fn new_block(&mut self) -> BlockId {
        self.blocks.push(Block {
            // Room for a typical block's instructions, so that it seldom grows.
            instrs: Vec::with_capacity(BLOCK_CAPACITY),
            ..Block::default()
        });
        BlockId::new(self.blocks.len() - 1)
    }

    pub fn block(&self, id: BlockId) -> &Block {
        &self.blocks[id.index()]
    }

    pub fn block_mut(&mut self, id: BlockId) -> &mut Block {
        &mut self.blocks[id.index()]
    }

    /// Blocks in CPython's `b_list` order: most recently allocated first (the
    /// blocks that exist now; blocks added while it is walked are not visited).
    fn allocation_order_rev(&self) -> impl Iterator<Item = BlockId> + use<> {
        (0..self.blocks.len()).rev().map(BlockId::new)
    }

    /// Runs `f` on every block in layout order, reading each block's `next`
    /// after `f` has seen it. For the passes that do not relink blocks this is
    /// the walk of a `layout()` snapshot without allocating one; it runs about
    /// ten times per code object.
    fn each_in_layout(&mut self, mut f: impl FnMut(&mut Cfg, BlockId)) {
        let mut cur = Some(BlockId::ENTRY);
        while let Some(b) = cur {
            f(self, b);
            cur = self.block(b).next;
        }
    }

    /// Blocks in layout order, from the entry along `next`: a snapshot, for the
    /// passes that relink blocks as they go.
    fn layout(&self) -> Vec<BlockId> {
        let mut order = Vec::with_capacity(self.blocks.len());
        let mut cur = Some(BlockId::ENTRY);
        while let Some(id) = cur {
            order.push(id);
            cur = self.block(id).next;
        }
        order
    }

    fn has_lineno(&self, id: BlockId) -> bool {
        self.block(id).instrs.iter().any(|i| i.loc.line >= 0)
    }

    fn is_exit_without_lineno(&self, id: BlockId) -> bool {
        self.block(id).exit && !self.has_lineno(id)
    }

    /// Skips empty blocks along `next`.
    fn first_nonempty(&self, mut id: BlockId) -> BlockId {
        while self.block(id).instrs.is_empty() {
            match self.block(id).next {
                Some(next) => id = next,
                None => break,
            }
        }
        id
    }

    /// Appends an instruction to block `b`, noting what it says about the
    /// block: it returns or exits the scope, control never falls out of it, it
    /// pushes a handler. Code generation adds every instruction here (or, for
    /// one that `Opcode::shapes_flow` says none of this about, pushes it
    /// directly), and starts a new block after a jump: a jump is only ever the
    /// last instruction of its block. `normalize` relies on both.
    pub fn append(&mut self, b: BlockId, instr: Instr) {
        let op = instr.op;
        if op.is_block_push() {
            self.has_handlers = true;
        }
        let block = self.block_mut(b);
        if op.is_scope_exit() {
            block.exit = true;
            block.nofallthrough = true;
        }
        if matches!(op, JUMP | JUMP_NO_INTERRUPT) {
            block.nofallthrough = true;
        }
        block.has_return |= op == RETURN_VALUE;
        block.instrs.push(instr);
    }

    /// Points jumps past empty blocks. (The exit and no-fall-through marks were
    /// made by `append`, as each instruction came; a walk over every
    /// instruction here cost as much as a whole pass.)
    pub fn normalize(&mut self) {
        for b in 0..self.blocks.len() {
            // Only the last instruction of a block can jump (see `append`).
            let Some(last) = self.blocks[b].instrs.last() else {
                continue;
            };
            if !matches!(
                last.op,
                JUMP | JUMP_NO_INTERRUPT
                    | POP_JUMP_IF_NOT_NONE
                    | POP_JUMP_IF_NONE
                    | POP_JUMP_IF_FALSE
                    | POP_JUMP_IF_TRUE
                    | JUMP_IF_FALSE_OR_POP
                    | JUMP_IF_TRUE_OR_POP
                    | FOR_ITER
            ) {
                continue;
            }
            if let Some(target) = last.target {
                if self.block(target).instrs.is_empty() {
                    let target = self.first_nonempty(target);
                    if let Some(last) = self.blocks[b].instrs.last_mut() {
                        last.target = Some(target);
                    }
                }
            }
        }
    }

    /// A block ending in an unconditional jump to a small exit block without line
    /// numbers (an implicit `return None`) gets a copy of that block instead.
    fn extend_block(&mut self, b: BlockId) {
        let Some(last) = self.block(b).instrs.last().copied() else {
            return;
        };
        if !matches!(last.op, JUMP | JUMP_FORWARD | JUMP_BACKWARD) {
            return;
        }
        let Some(target) = last.target else {
            return;
        };
        let to_copy = self.block(target);
        if !to_copy.exit || to_copy.instrs.len() > MAX_COPY_SIZE || self.has_lineno(target) {
            return;
        }
        let copied = to_copy.instrs.clone();
        let block = self.block_mut(b);
        let n = block.instrs.len();
        block.instrs[n - 1].op = NOP;
        block.instrs[n - 1].target = None;
        block.instrs.extend(copied);
        block.exit = true;
        block.nop_free = false;
    }

    pub fn extend_blocks(&mut self) {
        for b in self.allocation_order_rev() {
            self.extend_block(b);
        }
    }

    /// Inserts instructions at the start of the entry block.
    pub fn insert_prefix(&mut self, index: usize, instr: Instr) {
        self.blocks[0].instrs.insert(index, instr);
    }

    /// The whole of CPython 3.11's `assemble` after code generation.
    pub fn assemble(
        &mut self,
        consts: &mut Vec<Constant>,
        firstlineno: u32,
    ) -> Result<Assembled, String> {
        self.optimize(consts);
        self.duplicate_exits_without_lineno();
        let used_consts = self.propagate_line_numbers();
        trim_unused_consts(consts, used_consts);
        self.guarantee_lineno_for_exits(firstlineno as i32);
        let maxdepth = self.stackdepth()?;
        if self.has_handlers {
            self.label_exception_targets();
            self.convert_exception_handlers_to_nops();
        }
        self.each_in_layout(Cfg::clean_block);
        self.normalize_jumps();
        Ok(self.emit(maxdepth))
    }

    fn optimize(&mut self, consts: &mut Vec<Constant>) {
        self.each_in_layout(|cfg, b| {
            cfg.optimize_block(b, consts);
            cfg.clean_block(b);
        });
        self.extend_blocks();
        self.mark_reachable();
        self.each_in_layout(|cfg, b| {
            if cfg.block(b).predecessors == 0 {
                let block = cfg.block_mut(b);
                block.instrs.clear();
                block.nofallthrough = false;
            }
        });
        self.each_in_layout(Cfg::clean_block);
        self.eliminate_empty_blocks();
        // A jump to the block that follows anyway is redundant.
        let mut maybe_empty = false;
        self.each_in_layout(|cfg, b| {
            let block = cfg.block_mut(b);
            let next = block.next;
            if let Some(last) = block.instrs.last_mut() {
                if matches!(last.op, JUMP | JUMP_NO_INTERRUPT) && last.target == next {
                    last.op = NOP;
                    last.target = None;
                    block.nofallthrough = false;
                    block.nop_free = false;
                    maybe_empty = true;
                }
            }
        });
        if maybe_empty {
            self.each_in_layout(Cfg::clean_block);
            self.eliminate_empty_blocks();
        }
    }

    fn optimize_block(&mut self, b: BlockId, consts: &mut Vec<Constant>) {
        // The rewrites below make NOPs in this block only.
        self.block_mut(b).nop_free = false;
        let mut i = 0;
        while i < self.block(b).instrs.len() {
            let instrs = &self.blocks[b.index()].instrs;
            let op = instrs[i].op;
            if !op.has_target() && !PEEPHOLE_STARTS[op as usize] {
                i += 1;
                continue;
            }
            let inst = instrs[i];
            let next_op = instrs.get(i + 1).map(|n| n.op);
            let target_instr = match inst.target {
                Some(t) if inst.op.has_target() => {
                    let t = self.first_nonempty(t);
                    self.blocks[b.index()].instrs[i].target = Some(t);
                    self.block(t).instrs.first().copied()
                }
                _ => None,
            };
            let target_op = target_instr.map(|t| t.op);
            match inst.op {
                LOAD_CONST => match next_op {
                    Some(op @ (POP_JUMP_IF_FALSE | POP_JUMP_IF_TRUE)) => {
                        let is_true = consts[inst.arg as usize].is_truthy();
                        let block = self.block_mut(b);
                        block.instrs[i].op = NOP;
                        if is_true == (op == POP_JUMP_IF_TRUE) {
                            block.instrs[i + 1].op = JUMP;
                            block.nofallthrough = true;
                        } else {
                            block.instrs[i + 1].op = NOP;
                            block.instrs[i + 1].target = None;
                        }
                    }
                    Some(op @ (JUMP_IF_FALSE_OR_POP | JUMP_IF_TRUE_OR_POP)) => {
                        let is_true = consts[inst.arg as usize].is_truthy();
                        let block = self.block_mut(b);
                        if is_true == (op == JUMP_IF_TRUE_OR_POP) {
                            block.instrs[i + 1].op = JUMP;
                            block.nofallthrough = true;
                        } else {
                            block.instrs[i].op = NOP;
                            block.instrs[i + 1].op = NOP;
                            block.instrs[i + 1].target = None;
                        }
                    }
                    Some(IS_OP) => {
                        let block = self.block_mut(b);
                        let jump_op = block.instrs.get(i + 2).map(|n| n.op);
                        if matches!(consts[inst.arg as usize], Constant::None)
                            && matches!(jump_op, Some(POP_JUMP_IF_FALSE | POP_JUMP_IF_TRUE))
                        {
                            let negated = block.instrs[i + 1].arg != 0;
                            let jumps_if_false = jump_op == Some(POP_JUMP_IF_FALSE);
                            block.instrs[i].op = NOP;
                            block.instrs[i + 1].op = NOP;
                            block.instrs[i + 2].op = if negated ^ jumps_if_false {
                                POP_JUMP_IF_NOT_NONE
                            } else {
                                POP_JUMP_IF_NONE
                            };
                        }
                    }
                    _ => {}
                },
                BUILD_TUPLE => {
                    let n = inst.arg as usize;
                    if next_op == Some(UNPACK_SEQUENCE)
                        && self.block(b).instrs[i + 1].arg == inst.arg
                        && (1..=3).contains(&n)
                    {
                        let block = self.block_mut(b);
                        block.instrs[i].op = NOP;
                        if n == 1 {
                            block.instrs[i + 1].op = NOP;
                        } else {
                            block.instrs[i + 1].op = SWAP;
                        }
                        i += 1;
                        continue;
                    }
                    if i >= n {
                        self.fold_tuple_on_constants(b, i, n, consts);
                    }
                }
                JUMP_IF_FALSE_OR_POP => match target_op {
                    Some(POP_JUMP_IF_FALSE) if self.jump_thread(b, i, POP_JUMP_IF_FALSE) => {
                        continue;
                    }
                    Some(JUMP | JUMP_IF_FALSE_OR_POP)
                        if self.jump_thread(b, i, JUMP_IF_FALSE_OR_POP) =>
                    {
                        continue;
                    }
                    Some(JUMP_IF_TRUE_OR_POP | POP_JUMP_IF_TRUE)
                        if self.retarget_past(b, i, POP_JUMP_IF_FALSE) =>
                    {
                        continue;
                    }
                    _ => {}
                },
                JUMP_IF_TRUE_OR_POP => match target_op {
                    Some(POP_JUMP_IF_TRUE) if self.jump_thread(b, i, POP_JUMP_IF_TRUE) => {
                        continue;
                    }
                    Some(JUMP | JUMP_IF_TRUE_OR_POP)
                        if self.jump_thread(b, i, JUMP_IF_TRUE_OR_POP) =>
                    {
                        continue;
                    }
                    Some(JUMP_IF_FALSE_OR_POP | POP_JUMP_IF_FALSE)
                        if self.retarget_past(b, i, POP_JUMP_IF_TRUE) =>
                    {
                        continue;
                    }
                    _ => {}
                },
                POP_JUMP_IF_NOT_NONE | POP_JUMP_IF_NONE | POP_JUMP_IF_FALSE | POP_JUMP_IF_TRUE
                | JUMP
                    if target_op == Some(JUMP) && self.jump_thread(b, i, inst.op) =>
                {
                    continue;
                }
                SWAP => {
                    if inst.arg == 1 {
                        self.block_mut(b).instrs[i].op = NOP;
                    } else {
                        i = self.swaptimize(b, i);
                        self.apply_static_swaps(b, i);
                    }
                }
                PUSH_NULL if next_op == Some(LOAD_GLOBAL) => {
                    let block = self.block_mut(b);
                    block.instrs[i].op = NOP;
                    block.instrs[i].arg = 0;
                    block.instrs[i + 1].arg |= 1;
                }
                _ => {}
            }
            i += 1;
        }
    }

    /// Jumps to an unconditional jump go straight to its target (same line only,
    /// so that line events do not change). Returns whether it changed anything.
    fn jump_thread(&mut self, b: BlockId, i: usize, op: Opcode) -> bool {
        let inst = self.block(b).instrs[i];
        let Some(target_block) = inst.target else {
            return false;
        };
        let Some(target) = self.block(target_block).instrs.first().copied() else {
            return false;
        };
        if inst.loc.line == target.loc.line && inst.target != target.target {
            let inst = &mut self.block_mut(b).instrs[i];
            inst.target = target.target;
            inst.op = op;
            return true;
        }
        false
    }

    /// `x: JUMP_IF_FALSE_OR_POP y` where `y` tests the opposite way: the first
    /// test's outcome decides the second, so jump just past it (when both are
    /// on one line, as CPython requires).
    fn retarget_past(&mut self, b: BlockId, i: usize, op: Opcode) -> bool {
        let inst = self.block(b).instrs[i];
        let Some(target) = inst.target else {
            return false;
        };
        let same_line = self
            .block(target)
            .instrs
            .first()
            .is_some_and(|t| t.loc.line == inst.loc.line);
        if !same_line {
            return false;
        }
        match self.block(target).next {
            Some(next) => {
                let inst = &mut self.block_mut(b).instrs[i];
                inst.op = op;
                inst.target = Some(next);
                true
            }
            None => false,
        }
    }

    /// `LOAD_CONST a; LOAD_CONST b; BUILD_TUPLE 2` becomes `LOAD_CONST (a, b)`.
    fn fold_tuple_on_constants(
        &mut self,
        b: BlockId,
        build_index: usize,
        n: usize,
        consts: &mut Vec<Constant>,
    ) {
        let instrs = &self.block(b).instrs;
        let start = build_index - n;
        if !instrs[start..build_index]
            .iter()
            .all(|i| i.op == LOAD_CONST)
        {
            return;
        }
        let items: Vec<Constant> = instrs[start..build_index]
            .iter()
            .map(|i| consts[i.arg as usize].clone())
            .collect();
        let tuple = Constant::Tuple(items);
        let index = match consts.iter().position(|c| c.same_as(&tuple)) {
            Some(index) => index,
            None => {
                consts.push(tuple);
                consts.len() - 1
            }
        };
        let block = self.block_mut(b);
        for instr in &mut block.instrs[start..build_index] {
            instr.op = NOP;
        }
        block.instrs[build_index].op = LOAD_CONST;
        block.instrs[build_index].arg = index as u32;
    }

    /// Replaces a run of SWAPs (and NOPs) by the fewest SWAPs with the same
    /// effect. Returns the index of the run's last instruction.
    fn swaptimize(&mut self, b: BlockId, ix: usize) -> usize {
        let instrs = &mut self.blocks[b.index()].instrs;
        let mut depth = instrs[ix].arg as usize;
        let mut len = 0;
        let mut more = false;
        let limit = instrs.len() - ix;
        loop {
            len += 1;
            if len >= limit {
                break;
            }
            match instrs[ix + len].op {
                SWAP => {
                    depth = depth.max(instrs[ix + len].arg as usize);
                    more = true;
                }
                NOP => {}
                _ => break,
            }
        }
        if !more {
            return ix;
        }
        const VISITED: i64 = -1;
        let mut stack: Vec<i64> = (0..depth as i64).collect();
        for k in 0..len {
            let inst = instrs[ix + k];
            if inst.op == SWAP {
                let arg = inst.arg as usize;
                stack.swap(0, arg - 1);
            }
        }
        let mut current = len as i64 - 1;
        for i in 0..depth {
            if stack[i] == VISITED || stack[i] == i as i64 {
                continue;
            }
            let mut j = i;
            loop {
                if j != 0 {
                    let slot = &mut instrs[ix + current as usize];
                    slot.op = SWAP;
                    slot.arg = j as u32 + 1;
                    current -= 1;
                }
                if stack[j] == VISITED {
                    break;
                }
                let next_j = stack[j] as usize;
                stack[j] = VISITED;
                j = next_j;
            }
        }
        while current >= 0 {
            instrs[ix + current as usize].op = NOP;
            current -= 1;
        }
        ix + len - 1
    }

    fn next_swappable(&self, b: BlockId, mut i: usize, lineno: Option<i32>) -> Option<usize> {
        let instrs = &self.block(b).instrs;
        loop {
            i += 1;
            let instr = instrs.get(i)?;
            if let Some(line) = lineno {
                if instr.loc.line != line {
                    return None;
                }
            }
            match instr.op {
                NOP => continue,
                STORE_FAST | POP_TOP => return Some(i),
                _ => return None,
            }
        }
    }

    /// Applies SWAPs by exchanging the stores that consume the swapped values
    /// (only `STORE_FAST`/`POP_TOP` on one line): `a, b = b, a` stores in the
    /// other order instead of swapping.
    fn apply_static_swaps(&mut self, b: BlockId, mut i: usize) {
        loop {
            let swap = self.block(b).instrs[i];
            if swap.op != SWAP {
                if !matches!(swap.op, NOP | STORE_FAST | POP_TOP) {
                    return;
                }
            } else {
                let Some(j) = self.next_swappable(b, i, None) else {
                    return;
                };
                let lineno = self.block(b).instrs[j].loc.line;
                let mut k = j;
                for _ in 1..swap.arg {
                    match self.next_swappable(b, k, Some(lineno)) {
                        Some(next) => k = next,
                        None => return,
                    }
                }
                // Not safe if the two stores (or one in between) write the same
                // variable: `a, a, b = x, y, z` must leave `a` bound to `y`.
                let instrs = &mut self.block_mut(b).instrs;
                let stores_to = |instr: &Instr| (instr.op == STORE_FAST).then_some(instr.arg);
                let (store_j, store_k) = (stores_to(&instrs[j]), stores_to(&instrs[k]));
                if store_j.is_some() || store_k.is_some() {
                    if store_j == store_k {
                        return;
                    }
                    let clash = instrs[j + 1..k]
                        .iter()
                        .filter_map(stores_to)
                        .any(|s| Some(s) == store_j || Some(s) == store_k);
                    if clash {
                        return;
                    }
                }
                instrs[i].op = NOP;
                instrs.swap(j, k);
            }
            if i == 0 {
                return;
            }
            i -= 1;
        }
    }

    /// Removes NOPs that carry no line number of their own.
    ///
    /// Inlined down to the test of `nop_free`: most calls find the block
    /// known to be free of NOPs, and as a call of its own that answer cost more
    /// in saved registers than the test.
    #[inline]
    fn clean_block(&mut self, b: BlockId) {
        let block = self.block(b);
        debug_assert!(
            !block.nop_free || block.instrs.iter().all(|i| i.op != NOP),
            "a block marked free of NOPs holds one"
        );
        if !block.nop_free {
            self.clean_block_with_nops(b);
        }
    }

    /// `clean_block` of a block that may hold a NOP.
    #[inline(never)]
    fn clean_block_with_nops(&mut self, b: BlockId) {
        let block = self.block_mut(b);
        // Most blocks have no NOP at all, and then there is nothing to do; in the
        // others, what comes before the first NOP stays as it is.
        let Some(first_nop) = block.instrs.iter().position(|i| i.op == NOP) else {
            block.nop_free = true;
            return;
        };
        // The first line of the next non-empty block, for a trailing NOP.
        let mut next = self.block(b).next;
        while let Some(n) = next {
            if !self.block(n).instrs.is_empty() {
                break;
            }
            next = self.block(n).next;
        }
        let next_first_line = next.and_then(|n| self.block(n).instrs.first().map(|i| i.loc.line));
        let instrs = &mut self.blocks[b.index()].instrs;
        // Compacts in place: `kept` instructions survive at the front.
        let mut kept = first_nop;
        let mut prev_lineno = match first_nop {
            0 => -1,
            _ => instrs[first_nop - 1].loc.line,
        };
        let count = instrs.len();
        let mut kept_nop = false;
        for src in first_nop..count {
            let instr = instrs[src];
            let lineno = instr.loc.line;
            if instr.op == NOP {
                if lineno < 0 || prev_lineno == lineno {
                    continue;
                }
                if src + 1 < count {
                    let next_lineno = instrs[src + 1].loc.line;
                    // A next instruction on the same line keeps its own
                    // columns; one with no line takes the NOP's location.
                    if next_lineno == lineno {
                        continue;
                    }
                    if next_lineno < 0 {
                        instrs[src + 1].loc = instr.loc;
                        continue;
                    }
                } else if next_first_line == Some(lineno) {
                    continue;
                }
            }
            if kept != src {
                instrs[kept] = instr;
            }
            kept += 1;
            prev_lineno = lineno;
            kept_nop |= instr.op == NOP;
        }
        instrs.truncate(kept);
        self.block_mut(b).nop_free = !kept_nop;
    }

    fn mark_reachable(&mut self) {
        for block in &mut self.blocks {
            block.predecessors = 0;
            block.visited = false;
        }
        // Room for every block at once: the walks below never grow their stacks
        // in practice.
        let mut stack = Vec::with_capacity(self.blocks.len());
        stack.push(BlockId::ENTRY);
        self.blocks[0].predecessors = 1;
        while let Some(b) = stack.pop() {
            self.block_mut(b).visited = true;
            let block = self.block(b);
            if let Some(next) = block.next {
                if !block.nofallthrough {
                    if !self.block(next).visited {
                        stack.push(next);
                    }
                    self.block_mut(next).predecessors += 1;
                }
            }
            // Only a block's last instruction can jump (see `append`; the
            // optimizations keep a jump where it was): without handlers, whose
            // setup instructions may be anywhere, that is the only one to read.
            let named = |instr: &Instr| instr.target.filter(|_| instr.op.has_target());
            if !self.has_handlers {
                if let Some(target) = self.block(b).instrs.last().and_then(named) {
                    let target_block = self.block_mut(target);
                    if !target_block.visited {
                        stack.push(target);
                    }
                    target_block.predecessors += 1;
                }
                continue;
            }
            // The instructions are read in place while the targets' counts change
            // (a block may jump to itself, whose count and mark stay in the block).
            let instrs = std::mem::take(&mut self.block_mut(b).instrs);
            for target in instrs.iter().filter_map(named) {
                let target_block = self.block_mut(target);
                if !target_block.visited {
                    stack.push(target);
                }
                target_block.predecessors += 1;
            }
            self.block_mut(b).instrs = instrs;
        }
    }

    fn eliminate_empty_blocks(&mut self) {
        for b in self.layout() {
            let mut next = self.block(b).next;
            while let Some(n) = next {
                let block = self.block(n);
                if block.instrs.is_empty() && block.next.is_some() {
                    next = block.next;
                } else {
                    break;
                }
            }
            self.block_mut(b).next = next;
        }
        self.each_in_layout(|cfg, b| {
            let Some(last) = cfg.block(b).instrs.last().copied() else {
                return;
            };
            if last.op.is_jump() {
                if let Some(target) = last.target {
                    let target = cfg.first_nonempty(target);
                    if let Some(last) = cfg.block_mut(b).instrs.last_mut() {
                        last.target = Some(target);
                    }
                }
            }
        });
    }

    /// Exit blocks without a line number reached by several jumps get one copy
    /// per jump, so each can take the line of the jump that leads there.
    fn duplicate_exits_without_lineno(&mut self) {
        for b in self.allocation_order_rev() {
            let Some(last) = self.block(b).instrs.last().copied() else {
                continue;
            };
            if !last.op.is_jump() {
                continue;
            }
            let Some(target) = last.target else {
                continue;
            };
            if self.is_exit_without_lineno(target) && self.block(target).predecessors > 1 {
                let mut copy = self.block(target).clone();
                copy.instrs[0].loc = last.loc;
                copy.predecessors = 1;
                copy.next = self.block(target).next;
                let new_id = BlockId::new(self.blocks.len());
                self.blocks.push(copy);
                self.block_mut(target).predecessors -= 1;
                self.block_mut(target).next = Some(new_id);
                if let Some(last) = self.block_mut(b).instrs.last_mut() {
                    last.target = Some(new_id);
                }
            }
        }
        for b in self.allocation_order_rev() {
            let mut next = self.block(b).next;
            while let Some(n) = next {
                if self.block(n).instrs.is_empty() {
                    next = self.block(n).next;
                } else {
                    break;
                }
            }
            self.block_mut(b).next = next;
        }
        for b in self.allocation_order_rev() {
            let block = self.block(b);
            if block.nofallthrough || block.instrs.is_empty() {
                continue;
            }
            let Some(next) = block.next else {
                continue;
            };
            if self.is_exit_without_lineno(next) {
                let loc = self.block(b).instrs.last().map_or(Loc::NONE, |i| i.loc);
                self.block_mut(next).instrs[0].loc = loc;
            }
        }
    }

    /// Propagates line numbers, and returns how many constants the instructions
    /// use (one more than the highest index a `LOAD_CONST` or `KW_NAMES` names),
    /// for `trim_unused_consts`: one walk over the instructions serves both.
    fn propagate_line_numbers(&mut self) -> usize {
        let mut used_consts = 0;
        self.each_in_layout(|cfg, b| {
            used_consts = used_consts.max(cfg.propagate_line_numbers_in(b));
        });
        used_consts
    }

    /// `propagate_line_numbers` for one block; returns the constants it uses.
    fn propagate_line_numbers_in(&mut self, b: BlockId) -> usize {
        // A path falls into or jumps to a block reached no other way: that block
        // continues the line where the path left off.
        if self.block(b).instrs.is_empty() {
            return 0;
        }
        let mut prev = Loc::NONE;
        let mut used_consts = 0;
        for instr in &mut self.block_mut(b).instrs {
            if matches!(instr.op, LOAD_CONST | KW_NAMES) {
                used_consts = used_consts.max(instr.arg as usize + 1);
            }
            if instr.loc.line < 0 {
                instr.loc = prev;
            } else {
                prev = instr.loc;
            }
        }
        let block = self.block(b);
        if !block.nofallthrough {
            if let Some(next) = block.next {
                if self.block(next).predecessors == 1 {
                    if let Some(first) = self.block_mut(next).instrs.first_mut() {
                        if first.loc.line < 0 {
                            first.loc = prev;
                        }
                    }
                }
            }
        }
        let last = *self.block(b).instrs.last().expect("non-empty block");
        if last.op.is_jump() {
            if let Some(target) = last.target {
                if self.block(target).predecessors == 1 {
                    if let Some(first) = self.block_mut(target).instrs.first_mut() {
                        if first.loc.line < 0 {
                            first.loc = prev;
                        }
                    }
                }
            }
        }
        used_consts
    }

    fn guarantee_lineno_for_exits(&mut self, firstlineno: i32) {
        let mut lineno = firstlineno;
        self.each_in_layout(|cfg, b| {
            let block = cfg.block_mut(b);
            let Some(last) = block.instrs.last().copied() else {
                return;
            };
            if last.loc.line < 0 {
                if last.op == RETURN_VALUE {
                    for instr in &mut block.instrs {
                        instr.loc.line = lineno;
                    }
                }
            } else {
                lineno = last.loc.line;
            }
        });
    }

    fn stackdepth(&mut self) -> Result<u32, String> {
        // The depth at the start of each block, by index; kept apart from the
        // blocks so that their instructions can be read in place.
        let mut start: Vec<Option<i32>> = vec![None; self.blocks.len()];
        let mut maxdepth = 0i32;
        // A block is pushed at most once.
        let mut stack: Vec<BlockId> = Vec::with_capacity(self.blocks.len());
        // A block is analysed once, from the first path that reaches it.
        let push = |start: &mut [Option<i32>], stack: &mut Vec<BlockId>, b: BlockId, depth: i32| {
            let slot = &mut start[b.index()];
            if slot.is_none() {
                *slot = Some(depth);
                stack.push(b);
            }
        };
        push(&mut start, &mut stack, BlockId::ENTRY, 0);
        while let Some(b) = stack.pop() {
            let block = self.block(b);
            let mut depth = start[b.index()].unwrap_or(0);
            let mut next = block.next;
            for instr in &block.instrs {
                // A generator's frame is resumed with the sent value on the stack,
                // which the POP_TOP after RETURN_GENERATOR discards.
                let effect = if instr.op == RETURN_GENERATOR {
                    1
                } else {
                    instr.op.stack_effect(instr.arg, false)
                };
                let new_depth = depth + effect;
                if new_depth < 0 {
                    return Err(format!(
                        "stack underflow at {} in the compiler's output",
                        instr.op.name()
                    ));
                }
                maxdepth = maxdepth.max(new_depth);
                if !instr.op.has_target_or_ends_flow() {
                    depth = new_depth;
                    continue;
                }
                if instr.op.has_target() {
                    let target_depth = depth + instr.op.stack_effect(instr.arg, true);
                    maxdepth = maxdepth.max(target_depth);
                    if let Some(target) = instr.target {
                        push(&mut start, &mut stack, target, target_depth);
                    }
                }
                depth = new_depth;
                if instr.op.ends_flow() {
                    next = None;
                    break;
                }
            }
            if let Some(next) = next {
                push(&mut start, &mut stack, next, depth);
            }
        }
        for (block, depth) in self.blocks.iter_mut().zip(start) {
            block.start_depth = depth;
        }
        Ok(maxdepth as u32)
    }

    /// Decides, for every instruction, which handler catches its exceptions, by
    /// following the setup/pop pseudo-instructions along every path.
    fn label_exception_targets(&mut self) {
        for block in &mut self.blocks {
            block.visited = false;
            block.except_stack = None;
        }
        let mut todo = Vec::with_capacity(self.blocks.len());
        todo.push(BlockId::ENTRY);
        self.blocks[0].visited = true;
        self.blocks[0].except_stack = Some(Vec::new());
        while let Some(b) = todo.pop() {
            let mut except_stack = self.block_mut(b).except_stack.take();
            let mut handler = except_stack.as_ref().and_then(|s| s.last().copied());
            let count = self.block(b).instrs.len();
            for i in 0..count {
                let instr = self.block(b).instrs[i];
                if instr.op.is_block_push() {
                    let target = instr.target.expect("setup instructions have a target");
                    if !self.block(target).visited {
                        self.block_mut(target).except_stack = except_stack.clone();
                        self.block_mut(target).visited = true;
                        todo.push(target);
                    }
                    if matches!(instr.op, SETUP_WITH | SETUP_CLEANUP) {
                        self.block_mut(target).preserve_lasti = true;
                    }
                    if let Some(stack) = except_stack.as_mut() {
                        stack.push(target);
                    }
                    handler = Some(target);
                } else if instr.op == POP_BLOCK {
                    if let Some(stack) = except_stack.as_mut() {
                        stack.pop();
                        handler = stack.last().copied();
                    }
                } else if instr.op.is_jump() {
                    self.block_mut(b).instrs[i].except = handler;
                    let target = instr.target.expect("jumps have a target");
                    if !self.block(target).visited {
                        let nofallthrough = self.block(b).nofallthrough;
                        let stack = if nofallthrough {
                            except_stack.take()
                        } else {
                            except_stack.clone()
                        };
                        self.block_mut(target).except_stack = stack;
                        self.block_mut(target).visited = true;
                        todo.push(target);
                    }
                } else {
                    self.block_mut(b).instrs[i].except = handler;
                }
            }
            let block = self.block(b);
            if !block.nofallthrough {
                if let Some(next) = block.next {
                    if !self.block(next).visited {
                        self.block_mut(next).except_stack = except_stack;
                        self.block_mut(next).visited = true;
                        todo.push(next);
                    }
                }
            }
        }
    }

    fn convert_exception_handlers_to_nops(&mut self) {
        for block in &mut self.blocks {
            for instr in &mut block.instrs {
                if instr.op.is_block_push() || instr.op == POP_BLOCK {
                    instr.op = NOP;
                    instr.target = None;
                    block.nop_free = false;
                }
            }
        }
    }

    /// Gives jumps their direction, now that the layout is final.
    fn normalize_jumps(&mut self) {
        let mut seen = vec![false; self.blocks.len()];
        self.each_in_layout(|cfg, b| {
            seen[b.index()] = true;
            let Some(last) = cfg.block_mut(b).instrs.last_mut() else {
                return;
            };
            let Some(target) = last.target else {
                return;
            };
            let forward = !seen[target.index()];
            last.op = match (last.op, forward) {
                (JUMP, true) | (JUMP_NO_INTERRUPT, true) => JUMP_FORWARD,
                (JUMP, false) => JUMP_BACKWARD,
                (JUMP_NO_INTERRUPT, false) => JUMP_BACKWARD_NO_INTERRUPT,
                (POP_JUMP_IF_NOT_NONE, true) => POP_JUMP_FORWARD_IF_NOT_NONE,
                (POP_JUMP_IF_NOT_NONE, false) => POP_JUMP_BACKWARD_IF_NOT_NONE,
                (POP_JUMP_IF_NONE, true) => POP_JUMP_FORWARD_IF_NONE,
                (POP_JUMP_IF_NONE, false) => POP_JUMP_BACKWARD_IF_NONE,
                (POP_JUMP_IF_FALSE, true) => POP_JUMP_FORWARD_IF_FALSE,
                (POP_JUMP_IF_FALSE, false) => POP_JUMP_BACKWARD_IF_FALSE,
                (POP_JUMP_IF_TRUE, true) => POP_JUMP_FORWARD_IF_TRUE,
                (POP_JUMP_IF_TRUE, false) => POP_JUMP_BACKWARD_IF_TRUE,
                (op, _) => op,
            };
        });
    }

    /// Lays the blocks out as one instruction sequence with absolute jump targets,
    /// and builds the exception table.
    fn emit(&mut self, maxdepth: u32) -> Assembled {
        let mut offset = 0u32;
        self.each_in_layout(|cfg, b| {
            let block = cfg.block_mut(b);
            block.offset = offset;
            offset += block.instrs.len() as u32;
        });
        // Each output is filled block by block with `extend`, which writes into
        // the reserved room without a capacity check per instruction.
        let mut instructions = Vec::with_capacity(offset as usize);
        let mut locations = Vec::with_capacity(offset as usize);
        let blocks = &self.blocks;
        let mut cur = Some(BlockId::ENTRY);
        while let Some(b) = cur {
            let block = &blocks[b.index()];
            instructions.extend(block.instrs.iter().map(|instr| {
                let arg = match instr.target {
                    Some(t) => blocks[t.index()].offset,
                    None => instr.arg,
                };
                Instruction::new(instr.op, arg)
            }));
            locations.extend(block.instrs.iter().map(|instr| instr.loc.to_range()));
            cur = block.next;
        }
        let exception_table = if self.has_handlers {
            self.exception_table()
        } else {
            Vec::new()
        };
        Assembled {
            instructions,
            locations,
            exception_table,
            stacksize: maxdepth,
        }
    }

    /// The ranges of instructions that share a handler, in layout order.
    fn exception_table(&self) -> Vec<ExceptionEntry> {
        let mut exception_table: Vec<ExceptionEntry> = Vec::new();
        let mut current: Option<(BlockId, u32)> = None;
        let mut index = 0u32;
        let mut cur = Some(BlockId::ENTRY);
        while let Some(b) = cur {
            let block = self.block(b);
            for instr in &block.instrs {
                if current.map(|c| c.0) != instr.except {
                    if let Some((handler, start)) = current {
                        exception_table.push(self.exception_entry(handler, start, index));
                    }
                    current = instr.except.map(|h| (h, index));
                }
                index += 1;
            }
            cur = block.next;
        }
        if let Some((handler, start)) = current {
            exception_table.push(self.exception_entry(handler, start, index));
        }
        exception_table
    }

    fn exception_entry(&self, handler: BlockId, start: u32, end: u32) -> ExceptionEntry {
        let block = self.block(handler);
        let mut depth = block.start_depth.unwrap_or(1) - 1;
        if block.preserve_lasti {
            depth -= 1;
        }
        ExceptionEntry {
            start,
            end,
            target: block.offset,
            depth: depth.max(0) as u32,
            lasti: block.preserve_lasti,
        }
    }
}

/// Drops the constants after the last one an instruction uses (`used` of them,
/// by `Cfg::propagate_line_numbers`). The first constant is always kept: it may
/// be the docstring.
fn trim_unused_consts(consts: &mut Vec<Constant>, used: usize) {
    consts.truncate(used.max(1));
}
