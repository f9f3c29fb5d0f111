//! Expressions, conditional jumps, calls and comprehensions.

use ruff_python_ast::{
    self as ast, BoolOp, CmpOp, Comprehension, ConversionFlag, Expr, ExprContext, FStringPart,
    InterpolatedStringElement, Operator, UnaryOp,
};
use ruff_text_size::Ranged;

use super::cfg::{BlockId, Loc};
use super::{CompileError, Compiler, Emit, FBlockKind, Folder, UnitKind, STACK_USE_GUIDELINE};
use crate::bytecode::{Constant, Opcode};
use crate::symtable::{node_key, ComprehensionKind};

use Opcode::*;

/// `BINARY_OP`'s argument for an operator (CPython's `NB_*`).
pub(super) fn binary_op_arg(op: Operator) -> u32 {
    match op {
        Operator::Add => 0,
        Operator::BitAnd => 1,
        Operator::FloorDiv => 2,
        Operator::LShift => 3,
        Operator::MatMult => 4,
        Operator::Mult => 5,
        Operator::Mod => 6,
        Operator::BitOr => 7,
        Operator::Pow => 8,
        Operator::RShift => 9,
        Operator::Sub => 10,
        Operator::Div => 11,
        Operator::BitXor => 12,
    }
}

/// One piece of an f-string, after merging adjacent literal text.
enum FStringPiece<'e> {
    Literal(String),
    Value {
        expr: &'e Expr,
        conversion: ConversionFlag,
        spec: Option<&'e [InterpolatedStringElement]>,
    },
}

impl<'e> FStringPiece<'e> {
    fn push_literal(pieces: &mut Vec<FStringPiece<'e>>, text: &str) {
        if text.is_empty() {
            return;
        }
        if let Some(FStringPiece::Literal(last)) = pieces.last_mut() {
            last.push_str(text);
        } else {
            pieces.push(FStringPiece::Literal(text.to_string()));
        }
    }

    fn from_elements(
        pieces: &mut Vec<FStringPiece<'e>>,
        elements: &'e [InterpolatedStringElement],
    ) {
        for element in elements {
            match element {
                InterpolatedStringElement::Literal(literal) => {
                    FStringPiece::push_literal(pieces, &literal.value)
                }
                InterpolatedStringElement::Interpolation(value) => {
                    let mut conversion = value.conversion;
                    if let Some(debug) = &value.debug_text {
                        // `f"{x=}"`: the text "x=" then the value, repr by default.
                        FStringPiece::push_literal(pieces, debug.as_str());
                        if conversion == ConversionFlag::None && value.format_spec.is_none() {
                            conversion = ConversionFlag::Repr;
                        }
                    }
                    pieces.push(FStringPiece::Value {
                        expr: &value.expression,
                        conversion,
                        spec: value.format_spec.as_ref().map(|s| &s.elements[..]),
                    });
                }
            }
        }
    }
}

impl Compiler<'_> {
    /// The constant an expression is, literally or after folding.
    // Inlined, like `name_expr_op`: most calls end at the one test of the kind.
    #[inline]
    pub(super) fn constant_of(&self, expr: &Expr) -> Option<Constant> {
        match expr {
            Expr::List(_) | Expr::Set(_) => self.folder.constant(expr, self.is_iterated(expr)),
            Expr::BinOp(_) | Expr::UnaryOp(_) | Expr::Tuple(_) | Expr::Subscript(_) => {
                self.folder.constant(expr, false)
            }
            Expr::Name(name) if name.id.as_str() == "__debug__" => {
                self.folder.constant(expr, false)
            }
            // A literal, or (names, calls, attributes: most expressions) never a
            // constant, which one test of the kind says.
            _ => super::fold::literal(expr),
        }
    }

    /// Whether `expr` is being compiled by `compile_iterable`.
    fn is_iterated(&self, expr: &Expr) -> bool {
        node_key(expr) == self.iterated
    }

    /// Compiles an expression that is only iterated: the iterable of a `for`
    /// statement or of a comprehension, or the right operand of a comparison's
    /// last `in`/`not in`. A list display there is built as a tuple, and a list
    /// or set display of constants is one constant.
    pub(super) fn compile_iterable(&mut self, expr: &Expr) -> Emit {
        let outer = std::mem::replace(&mut self.iterated, node_key(expr));
        let compiled = self.compile_expr(expr);
        self.iterated = outer;
        compiled
    }

    pub(super) fn compile_expr(&mut self, expr: &Expr) -> Emit {
        self.enter_recursion()?;
        let saved = self.unit().loc;
        self.set_loc(expr.range());
        self.compile_expr_inner(expr)?;
        self.unit_mut().loc = saved;
        self.leave_recursion();
        Ok(())
    }

    fn compile_expr_inner(&mut self, expr: &Expr) -> Emit {
        // A string literal is its own constant (folding never replaces one).
        if let Expr::StringLiteral(literal) = expr {
            let index = self.add_str_const(literal.value.to_str());
            self.emit_arg(LOAD_CONST, index);
            return Ok(());
        }
        if let Some(constant) = self.constant_of(expr) {
            self.load_const(constant);
            return Ok(());
        }
        match expr {
            Expr::Named(named) => {
                self.compile_expr(&named.value)?;
                self.emit_arg(COPY, 1);
                self.compile_expr(&named.target)?;
            }
            Expr::BoolOp(bool_op) => self.compile_boolop(bool_op)?,
            Expr::BinOp(bin) => match self.folder.format(expr) {
                Some(pieces) => {
                    let Expr::Tuple(tuple) = bin.right.as_ref() else {
                        return Err(self.error("compiler: %-format without a tuple"));
                    };
                    self.compile_percent_format(&pieces, &tuple.elts)?;
                }
                None => {
                    self.compile_expr(&bin.left)?;
                    self.compile_expr(&bin.right)?;
                    self.emit_arg(BINARY_OP, binary_op_arg(bin.op));
                }
            },
            Expr::UnaryOp(unary) => {
                if let Some(compare) = Folder::inverted_compare(unary) {
                    return self.compile_compare(compare, true);
                }
                self.compile_expr(&unary.operand)?;
                self.emit(match unary.op {
                    UnaryOp::Invert => UNARY_INVERT,
                    UnaryOp::Not => UNARY_NOT,
                    UnaryOp::UAdd => UNARY_POSITIVE,
                    UnaryOp::USub => UNARY_NEGATIVE,
                });
            }
            Expr::Lambda(lambda) => self.compile_lambda(lambda)?,
            Expr::If(if_) => {
                let end = self.new_block();
                let next = self.new_block();
                self.compile_jump_if(&if_.test, next, false)?;
                self.compile_expr(&if_.body)?;
                self.emit_jump_noline(JUMP, end);
                self.use_next_block(next);
                self.compile_expr(&if_.orelse)?;
                self.use_next_block(end);
            }
            Expr::Dict(dict) => self.compile_dict(dict)?,
            Expr::Set(set) => {
                self.starunpack(&set.elts, 0, BUILD_SET, SET_ADD, SET_UPDATE, false)?
            }
            Expr::Generator(gen) => self.compile_comprehension(
                expr,
                ComprehensionKind::Generator,
                &gen.generators,
                &gen.elt,
                None,
            )?,
            Expr::ListComp(comp) => self.compile_comprehension(
                expr,
                ComprehensionKind::List,
                &comp.generators,
                &comp.elt,
                None,
            )?,
            Expr::SetComp(comp) => self.compile_comprehension(
                expr,
                ComprehensionKind::Set,
                &comp.generators,
                &comp.elt,
                None,
            )?,
            Expr::DictComp(comp) => {
                let Some(key) = &comp.key else {
                    return Err(self.error("dict unpacking cannot be used in dict comprehension"));
                };
                self.compile_comprehension(
                    expr,
                    ComprehensionKind::Dict,
                    &comp.generators,
                    key,
                    Some(&comp.value),
                )?
            }
            Expr::Yield(yield_) => {
                if self.scope().kind != crate::symtable::ScopeKind::Function {
                    return Err(self.error("'yield' outside function"));
                }
                match &yield_.value {
                    Some(value) => self.compile_expr(value)?,
                    None => self.load_const(Constant::None),
                }
                self.emit_yield();
            }
            Expr::YieldFrom(yield_from) => {
                if self.scope().kind != crate::symtable::ScopeKind::Function {
                    return Err(self.error("'yield' outside function"));
                }
                if self.unit().kind == UnitKind::AsyncFunction {
                    return Err(self.error("'yield from' inside async function"));
                }
                self.compile_expr(&yield_from.value)?;
                self.emit(GET_YIELD_FROM_ITER);
                self.load_const(Constant::None);
                self.add_yield_from(false);
            }
            Expr::Await(await_) => {
                if !self.is_top_level_await() {
                    if self.scope().kind != crate::symtable::ScopeKind::Function {
                        return Err(self.error("'await' outside function"));
                    }
                    if !matches!(
                        self.unit().kind,
                        UnitKind::AsyncFunction | UnitKind::Comprehension
                    ) {
                        return Err(self.error("'await' outside async function"));
                    }
                }
                self.compile_expr(&await_.value)?;
                self.emit_arg(GET_AWAITABLE, 0);
                self.load_const(Constant::None);
                self.add_yield_from(true);
            }
            Expr::Compare(compare) => self.compile_compare(compare, false)?,
            Expr::Call(call) => self.compile_call(call)?,
            Expr::FString(fstring) => self.compile_fstring(fstring)?,
            Expr::TString(_) | Expr::IpyEscapeCommand(_) => {
                return Err(self.error("invalid syntax"))
            }
            Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_) => {
                // Literals always have a constant; reaching here means the literal
                // could not be represented (e.g. an invalid number).
                return Err(self.error("invalid literal"));
            }
            Expr::Attribute(attr) => {
                self.compile_expr(&attr.value)?;
                self.set_attr_loc(attr);
                match attr.ctx {
                    ExprContext::Load => self.emit_name(LOAD_ATTR, &attr.attr),
                    ExprContext::Store => {
                        if attr.attr.as_str() == "__debug__" {
                            return Err(self.error("cannot assign to __debug__"));
                        }
                        self.emit_name(STORE_ATTR, &attr.attr)
                    }
                    _ => self.emit_name(DELETE_ATTR, &attr.attr),
                }
            }
            Expr::Subscript(sub) => {
                let op = match sub.ctx {
                    ExprContext::Load => BINARY_SUBSCR,
                    ExprContext::Store => STORE_SUBSCR,
                    _ => DELETE_SUBSCR,
                };
                self.compile_expr(&sub.value)?;
                self.compile_expr(&sub.slice)?;
                self.emit(op);
            }
            Expr::Starred(starred) => {
                return Err(if starred.ctx == ExprContext::Store {
                    self.error("starred assignment target must be in a list or tuple")
                } else {
                    self.error("can't use starred expression here")
                });
            }
            Expr::Slice(slice) => {
                let mut n = 2;
                match &slice.lower {
                    Some(lower) => self.compile_expr(lower)?,
                    None => self.load_const(Constant::None),
                }
                match &slice.upper {
                    Some(upper) => self.compile_expr(upper)?,
                    None => self.load_const(Constant::None),
                }
                if let Some(step) = &slice.step {
                    n += 1;
                    self.compile_expr(step)?;
                }
                self.emit_arg(BUILD_SLICE, n);
            }
            Expr::Name(name) => self.name_expr_op(name, name.ctx)?,
            Expr::List(list) => match list.ctx {
                ExprContext::Store => self.assignment_helper(&list.elts)?,
                ExprContext::Load if Folder::is_list_as_tuple(expr, self.is_iterated(expr)) => {
                    self.starunpack(&list.elts, 0, BUILD_LIST, LIST_APPEND, LIST_EXTEND, true)?
                }
                ExprContext::Load => {
                    self.starunpack(&list.elts, 0, BUILD_LIST, LIST_APPEND, LIST_EXTEND, false)?
                }
                _ => {
                    for elt in &list.elts {
                        self.compile_expr(elt)?;
                    }
                }
            },
            Expr::Tuple(tuple) => match tuple.ctx {
                ExprContext::Store => self.assignment_helper(&tuple.elts)?,
                ExprContext::Load => {
                    self.starunpack(&tuple.elts, 0, BUILD_LIST, LIST_APPEND, LIST_EXTEND, true)?
                }
                _ => {
                    for elt in &tuple.elts {
                        self.compile_expr(elt)?;
                    }
                }
            },
        }
        Ok(())
    }

    /// For `obj.attr` spanning lines, the instruction takes the attribute's line.
    pub(super) fn set_attr_loc(&mut self, attr: &ast::ExprAttribute) {
        let attr_line = self.line_of(attr.attr.range) as i32;
        let unit = self.unit_mut();
        if unit.loc.line >= 0 && attr_line != unit.loc.line {
            unit.loc.line = attr_line;
        }
    }

    fn emit_yield(&mut self) {
        let scope = self.scope();
        if scope.is_generator && scope.is_coroutine {
            self.emit(ASYNC_GEN_WRAP);
        }
        self.emit(YIELD_VALUE);
        self.emit_arg(RESUME, 1);
    }

    /// `SEND` / `YIELD_VALUE` loop delegating to a sub-iterator or awaitable.
    pub(super) fn add_yield_from(&mut self, is_await: bool) {
        let start = self.new_block();
        let resume = self.new_block();
        let exit = self.new_block();
        self.use_next_block(start);
        self.emit_jump(SEND, exit);
        self.use_next_block(resume);
        self.emit_arg(YIELD_VALUE, 0);
        self.emit_arg(RESUME, if is_await { 3 } else { 2 });
        self.emit_jump(JUMP_NO_INTERRUPT, start);
        self.use_next_block(exit);
    }

    fn compile_boolop(&mut self, bool_op: &ast::ExprBoolOp) -> Emit {
        let jump = if bool_op.op == BoolOp::And {
            JUMP_IF_FALSE_OR_POP
        } else {
            JUMP_IF_TRUE_OR_POP
        };
        let end = self.new_block();
        let (last, rest) = bool_op
            .values
            .split_last()
            .ok_or_else(|| self.error("invalid syntax"))?;
        for value in rest {
            self.compile_expr(value)?;
            self.emit_jump(jump, end);
            self.next_block();
        }
        self.compile_expr(last)?;
        self.use_next_block(end);
        Ok(())
    }

    fn compare_op(&mut self, op: CmpOp) {
        match op {
            CmpOp::Lt => self.emit_arg(COMPARE_OP, 0),
            CmpOp::LtE => self.emit_arg(COMPARE_OP, 1),
            CmpOp::Eq => self.emit_arg(COMPARE_OP, 2),
            CmpOp::NotEq => self.emit_arg(COMPARE_OP, 3),
            CmpOp::Gt => self.emit_arg(COMPARE_OP, 4),
            CmpOp::GtE => self.emit_arg(COMPARE_OP, 5),
            CmpOp::Is => self.emit_arg(IS_OP, 0),
            CmpOp::IsNot => self.emit_arg(IS_OP, 1),
            CmpOp::In => self.emit_arg(CONTAINS_OP, 0),
            CmpOp::NotIn => self.emit_arg(CONTAINS_OP, 1),
        }
    }

    fn invert(op: CmpOp) -> CmpOp {
        match op {
            CmpOp::Is => CmpOp::IsNot,
            CmpOp::IsNot => CmpOp::Is,
            CmpOp::In => CmpOp::NotIn,
            CmpOp::NotIn => CmpOp::In,
            other => other,
        }
    }

    /// The `i`-th right operand of a comparison; the last one is only iterated
    /// when the last operator is `in` or `not in`.
    fn compile_comparator(&mut self, compare: &ast::ExprCompare, i: usize) -> Emit {
        let operand = &compare.comparators[i];
        let is_last = i + 1 == compare.comparators.len();
        if is_last && matches!(compare.ops.last(), Some(CmpOp::In | CmpOp::NotIn)) {
            self.compile_iterable(operand)
        } else {
            self.compile_expr(operand)
        }
    }

    /// `a < b < c` evaluates `b` once: compare, and stop at the first false.
    fn compile_compare(&mut self, compare: &ast::ExprCompare, inverted: bool) -> Emit {
        self.compile_expr(&compare.left)?;
        let n = compare.ops.len() - 1;
        let op_at = |i: usize| {
            if inverted {
                Self::invert(compare.ops[i])
            } else {
                compare.ops[i]
            }
        };
        if n == 0 {
            self.compile_comparator(compare, 0)?;
            self.compare_op(op_at(0));
            return Ok(());
        }
        let cleanup = self.new_block();
        for i in 0..n {
            self.compile_expr(&compare.comparators[i])?;
            self.emit_arg(SWAP, 2);
            self.emit_arg(COPY, 2);
            self.compare_op(op_at(i));
            self.emit_jump(JUMP_IF_FALSE_OR_POP, cleanup);
            self.next_block();
        }
        self.compile_comparator(compare, n)?;
        self.compare_op(op_at(n));
        let end = self.new_block();
        self.emit_jump_noline(JUMP, end);
        self.use_next_block(cleanup);
        self.emit_arg(SWAP, 2);
        self.emit(POP_TOP);
        self.use_next_block(end);
        Ok(())
    }

    /// Jumps to `next` if `expr` is true (`cond`) or false (`!cond`), without
    /// materialising a bool where `and`/`or`/`not`/comparisons allow.
    pub(super) fn compile_jump_if(&mut self, expr: &Expr, next: BlockId, cond: bool) -> Emit {
        self.enter_recursion()?;
        self.compile_jump_if_inner(expr, next, cond)?;
        self.leave_recursion();
        Ok(())
    }

    fn compile_jump_if_inner(&mut self, expr: &Expr, next: BlockId, cond: bool) -> Emit {
        // A comparison's location stays in effect after it, as in CPython: its jump
        // (and whatever follows until the next statement) belongs to it. Other
        // tests jump with the location of the statement that tests them.
        if matches!(expr, Expr::Compare(_)) {
            self.set_loc(expr.range());
        }
        if self.constant_of(expr).is_none() {
            match expr {
                Expr::UnaryOp(unary)
                    if unary.op == UnaryOp::Not && Folder::inverted_compare(unary).is_none() =>
                {
                    return self.compile_jump_if(&unary.operand, next, !cond);
                }
                Expr::BoolOp(bool_op) => {
                    let cond2 = bool_op.op == BoolOp::Or;
                    let next2 = if cond2 != cond {
                        self.new_block()
                    } else {
                        next
                    };
                    let (last, rest) = bool_op
                        .values
                        .split_last()
                        .ok_or_else(|| self.error("invalid syntax"))?;
                    for value in rest {
                        self.compile_jump_if(value, next2, cond2)?;
                    }
                    self.compile_jump_if(last, next, cond)?;
                    if next2 != next {
                        self.use_next_block(next2);
                    }
                    return Ok(());
                }
                Expr::If(if_) => {
                    let end = self.new_block();
                    let next2 = self.new_block();
                    self.compile_jump_if(&if_.test, next2, false)?;
                    self.compile_jump_if(&if_.body, next, cond)?;
                    self.emit_jump_noline(JUMP, end);
                    self.use_next_block(next2);
                    self.compile_jump_if(&if_.orelse, next, cond)?;
                    self.use_next_block(end);
                    return Ok(());
                }
                Expr::Compare(compare) if compare.ops.len() > 1 => {
                    let n = compare.ops.len() - 1;
                    let cleanup = self.new_block();
                    self.compile_expr(&compare.left)?;
                    for i in 0..n {
                        self.compile_expr(&compare.comparators[i])?;
                        self.emit_arg(SWAP, 2);
                        self.emit_arg(COPY, 2);
                        self.compare_op(compare.ops[i]);
                        self.emit_jump(POP_JUMP_IF_FALSE, cleanup);
                        self.next_block();
                    }
                    self.compile_comparator(compare, n)?;
                    self.compare_op(compare.ops[n]);
                    self.emit_jump(
                        if cond {
                            POP_JUMP_IF_TRUE
                        } else {
                            POP_JUMP_IF_FALSE
                        },
                        next,
                    );
                    self.next_block();
                    let end = self.new_block();
                    self.emit_jump_noline(JUMP, end);
                    self.use_next_block(cleanup);
                    self.emit(POP_TOP);
                    if !cond {
                        self.emit_jump_noline(JUMP, next);
                    }
                    self.use_next_block(end);
                    return Ok(());
                }
                _ => {}
            }
        }
        self.compile_expr(expr)?;
        self.emit_jump(
            if cond {
                POP_JUMP_IF_TRUE
            } else {
                POP_JUMP_IF_FALSE
            },
            next,
        );
        Ok(())
    }

    // ----- collections --------------------------------------------------------

    /// Builds a list/tuple/set from elements that may include `*starred` ones.
    pub(super) fn starunpack(
        &mut self,
        elts: &[Expr],
        pushed: u32,
        build: Opcode,
        add: Opcode,
        extend: Opcode,
        tuple: bool,
    ) -> Emit {
        let n = elts.len();
        if n > 2 {
            let constants: Option<Vec<Constant>> =
                elts.iter().map(|e| self.constant_of(e)).collect();
            if let Some(constants) = constants {
                if tuple && pushed == 0 {
                    self.load_const(Constant::Tuple(constants));
                } else {
                    let folded = if add == SET_ADD {
                        Constant::FrozenSet(constants)
                    } else {
                        Constant::Tuple(constants)
                    };
                    self.emit_arg(build, pushed);
                    self.load_const(folded);
                    self.emit_arg(extend, 1);
                    if tuple {
                        self.emit(LIST_TO_TUPLE);
                    }
                }
                return Ok(());
            }
        }
        let big = n + pushed as usize > STACK_USE_GUIDELINE;
        let seen_star = elts.iter().any(|e| matches!(e, Expr::Starred(_)));
        if !seen_star && !big {
            for elt in elts {
                self.compile_expr(elt)?;
            }
            let op = if tuple { BUILD_TUPLE } else { build };
            self.emit_arg(op, n as u32 + pushed);
            return Ok(());
        }
        let mut sequence_built = false;
        if big {
            self.emit_arg(build, pushed);
            sequence_built = true;
        }
        for (i, elt) in elts.iter().enumerate() {
            if let Expr::Starred(starred) = elt {
                if !sequence_built {
                    self.emit_arg(build, i as u32 + pushed);
                    sequence_built = true;
                }
                self.compile_expr(&starred.value)?;
                self.emit_arg(extend, 1);
            } else {
                self.compile_expr(elt)?;
                if sequence_built {
                    self.emit_arg(add, 1);
                }
            }
        }
        if tuple {
            self.emit(LIST_TO_TUPLE);
        }
        Ok(())
    }

    /// Unpacking assignment: `a, *b, c = ...`.
    fn assignment_helper(&mut self, elts: &[Expr]) -> Emit {
        let n = elts.len();
        let mut seen_star = false;
        for (i, elt) in elts.iter().enumerate() {
            if matches!(elt, Expr::Starred(_)) {
                if seen_star {
                    return Err(self.error("multiple starred expressions in assignment"));
                }
                if i >= 1 << 8 || n - i > (i32::MAX >> 8) as usize {
                    return Err(self.error("too many expressions in star-unpacking assignment"));
                }
                self.emit_arg(UNPACK_EX, (i + ((n - i - 1) << 8)) as u32);
                seen_star = true;
            }
        }
        if !seen_star {
            self.emit_arg(UNPACK_SEQUENCE, n as u32);
        }
        for elt in elts {
            match elt {
                Expr::Starred(starred) => self.compile_expr(&starred.value)?,
                _ => self.compile_expr(elt)?,
            }
        }
        Ok(())
    }

    fn compile_subdict(&mut self, items: &[ast::DictItem]) -> Emit {
        let n = items.len();
        let big = n * 2 > STACK_USE_GUIDELINE;
        if n > 1 && !big {
            let keys: Option<Vec<Constant>> = items
                .iter()
                .map(|item| item.key.as_ref().and_then(|k| self.constant_of(k)))
                .collect();
            if let Some(keys) = keys {
                for item in items {
                    self.compile_expr(&item.value)?;
                }
                self.load_const(Constant::Tuple(keys));
                self.emit_arg(BUILD_CONST_KEY_MAP, n as u32);
                return Ok(());
            }
        }
        if big {
            self.emit_arg(BUILD_MAP, 0);
        }
        for item in items {
            if let Some(key) = &item.key {
                self.compile_expr(key)?;
            }
            self.compile_expr(&item.value)?;
            if big {
                self.emit_arg(MAP_ADD, 1);
            }
        }
        if !big {
            self.emit_arg(BUILD_MAP, n as u32);
        }
        Ok(())
    }

    fn compile_dict(&mut self, dict: &ast::ExprDict) -> Emit {
        let items = &dict.items;
        let n = items.len();
        let mut have_dict = false;
        let mut elements = 0;
        for i in 0..n {
            if items[i].key.is_none() {
                if elements > 0 {
                    self.compile_subdict(&items[i - elements..i])?;
                    if have_dict {
                        self.emit_arg(DICT_UPDATE, 1);
                    }
                    have_dict = true;
                    elements = 0;
                }
                if !have_dict {
                    self.emit_arg(BUILD_MAP, 0);
                    have_dict = true;
                }
                self.compile_expr(&items[i].value)?;
                self.emit_arg(DICT_UPDATE, 1);
            } else if elements * 2 > STACK_USE_GUIDELINE {
                self.compile_subdict(&items[i - elements..=i])?;
                if have_dict {
                    self.emit_arg(DICT_UPDATE, 1);
                }
                have_dict = true;
                elements = 0;
            } else {
                elements += 1;
            }
        }
        if elements > 0 {
            self.compile_subdict(&items[n - elements..])?;
            if have_dict {
                self.emit_arg(DICT_UPDATE, 1);
            }
            have_dict = true;
        }
        if !have_dict {
            self.emit_arg(BUILD_MAP, 0);
        }
        Ok(())
    }

    // ----- calls ----------------------------------------------------------------

    fn compile_call(&mut self, call: &ast::ExprCall) -> Emit {
        if self.try_method_call(call)? {
            return Ok(());
        }
        let saved = self.unit().loc;
        self.set_loc(call.func.range());
        self.emit(PUSH_NULL);
        self.unit_mut().loc = saved;
        self.compile_expr(&call.func)?;
        self.compile_call_helper(0, &call.arguments.args, &call.arguments.keywords)
    }

    /// `obj.meth(args)` as `LOAD_METHOD` + `CALL`, which skips creating a bound
    /// method. Not for `module.func(...)` where `module` is imported at the top.
    fn try_method_call(&mut self, call: &ast::ExprCall) -> Result<bool, CompileError> {
        let Expr::Attribute(meth) = call.func.as_ref() else {
            return Ok(false);
        };
        if meth.ctx != ExprContext::Load {
            return Ok(false);
        }
        if let Expr::Name(base) = meth.value.as_ref() {
            let module = self.table.module();
            if module
                .symbol(&base.id)
                .is_some_and(|s| s.has(crate::symtable::flags::DEF_IMPORT))
            {
                return Ok(false);
            }
        }
        let args = &call.arguments.args;
        let keywords = &call.arguments.keywords;
        let nkw = keywords.len();
        if args.len() + nkw + usize::from(nkw != 0) >= STACK_USE_GUIDELINE
            || args.iter().any(|a| matches!(a, Expr::Starred(_)))
            || keywords.iter().any(|k| k.arg.is_none())
        {
            return Ok(false);
        }
        self.compile_expr(&meth.value)?;
        let saved = self.unit().loc;
        // LOAD_METHOD is at the attribute; PRECALL and CALL at the call. When
        // the attribute ends on a later line than the object it is taken from
        // (`obj\n    .meth()`), both start at the method's name instead.
        let meth_range = self.index.range(meth.range);
        let mut meth_loc = Loc::from_range(meth_range);
        let mut call_loc = saved;
        if meth_range.start.line != meth_range.end.line {
            let name_col = meth_range.end.col.saturating_sub(meth.attr.len() as u32) as i32;
            for loc in [&mut meth_loc, &mut call_loc] {
                loc.line = meth_range.end.line as i32;
                loc.col = name_col;
            }
        }
        self.unit_mut().loc = meth_loc;
        self.emit_name(LOAD_METHOD, &meth.attr);
        for arg in args.iter() {
            self.compile_expr(arg)?;
        }
        if nkw > 0 {
            for keyword in keywords {
                self.compile_expr(&keyword.value)?;
            }
            self.kw_names(keywords);
        }
        let count = (args.len() + nkw) as u32;
        self.unit_mut().loc = call_loc;
        self.emit_arg(PRECALL, count);
        self.emit_arg(CALL, count);
        self.unit_mut().loc = saved;
        Ok(true)
    }

    // ----- f-strings ------------------------------------------------------------

    fn compile_fstring(&mut self, fstring: &ast::ExprFString) -> Emit {
        let mut pieces: Vec<FStringPiece> = Vec::new();
        for part in fstring.value.iter() {
            match part {
                FStringPart::Literal(literal) => {
                    FStringPiece::push_literal(&mut pieces, &literal.value)
                }
                FStringPart::FString(f) => FStringPiece::from_elements(&mut pieces, &f.elements),
            }
        }
        self.compile_fstring_pieces(&pieces)
    }

    fn compile_fstring_pieces(&mut self, pieces: &[FStringPiece]) -> Emit {
        if pieces.len() > STACK_USE_GUIDELINE {
            self.load_const(Constant::Str(String::new()));
            self.emit_name(LOAD_METHOD, "join");
            self.emit_arg(BUILD_LIST, 0);
            for piece in pieces {
                self.compile_fstring_piece(piece)?;
                self.emit_arg(LIST_APPEND, 1);
            }
            self.emit_arg(PRECALL, 1);
            self.emit_arg(CALL, 1);
        } else {
            for piece in pieces {
                self.compile_fstring_piece(piece)?;
            }
            if pieces.len() != 1 {
                self.emit_arg(BUILD_STRING, pieces.len() as u32);
            }
        }
        Ok(())
    }

    fn compile_fstring_piece(&mut self, piece: &FStringPiece) -> Emit {
        match piece {
            FStringPiece::Literal(text) => self.load_const(Constant::Str(text.clone())),
            FStringPiece::Value {
                expr,
                conversion,
                spec,
            } => {
                self.compile_expr(expr)?;
                let mut arg = match conversion {
                    ConversionFlag::None => 0,
                    ConversionFlag::Str => 1,
                    ConversionFlag::Repr => 2,
                    ConversionFlag::Ascii => 3,
                };
                if let Some(spec) = spec {
                    let mut spec_pieces = Vec::new();
                    FStringPiece::from_elements(&mut spec_pieces, spec);
                    self.compile_fstring_pieces(&spec_pieces)?;
                    arg |= 0x04;
                }
                self.emit_arg(FORMAT_VALUE, arg);
            }
        }
        Ok(())
    }

    /// `'%s=%r' % (a, b)` as the f-string `f'{a!s}={b!r}'`.
    fn compile_percent_format(
        &mut self,
        pieces: &[super::fold::FormatPiece],
        items: &[Expr],
    ) -> Emit {
        use super::fold::FormatPiece;
        if pieces.len() > STACK_USE_GUIDELINE {
            self.load_const(Constant::Str(String::new()));
            self.emit_name(LOAD_METHOD, "join");
            self.emit_arg(BUILD_LIST, 0);
        }
        let big = pieces.len() > STACK_USE_GUIDELINE;
        // The pieces CPython synthesises have no location of their own; each
        // formatted value takes its item's.
        let saved = self.unit().loc;
        for piece in pieces {
            match piece {
                FormatPiece::Literal(text) => {
                    let index = self.add_const(Constant::Str(text.clone()));
                    self.emit_noline(LOAD_CONST, index);
                }
                FormatPiece::Value {
                    index,
                    conversion,
                    spec,
                } => {
                    self.set_loc(items[*index].range());
                    self.compile_expr(&items[*index])?;
                    let mut arg = match conversion {
                        's' => 1,
                        'r' => 2,
                        _ => 3,
                    };
                    if let Some(spec) = spec {
                        let spec_index = self.add_const(Constant::Str(spec.clone()));
                        self.emit_noline(LOAD_CONST, spec_index);
                        arg |= 0x04;
                    }
                    self.emit_arg(FORMAT_VALUE, arg);
                    self.unit_mut().loc = saved;
                }
            }
            if big {
                self.emit_arg(LIST_APPEND, 1);
            }
        }
        if big {
            self.emit_arg(PRECALL, 1);
            self.emit_arg(CALL, 1);
        } else if pieces.len() != 1 {
            self.emit_arg(BUILD_STRING, pieces.len() as u32);
        }
        Ok(())
    }

    // ----- functions ------------------------------------------------------------

    fn compile_lambda(&mut self, lambda: &ast::ExprLambda) -> Emit {
        let empty = ast::Parameters::default();
        let parameters = lambda.parameters.as_deref().unwrap_or(&empty);
        for param in parameters.iter() {
            if param.name().as_str() == "__debug__" {
                return Err(self.error_at("cannot assign to __debug__", param.name().range));
            }
        }
        let flags = self.compile_default_values(parameters)?;
        let scope = self.child_scope(lambda)?;
        let line = self.line_of(lambda.range);
        let start = self.definition_start(lambda.range);
        self.enter_scope("<lambda>", UnitKind::Lambda, scope, line, start)?;
        // None is the first constant, so a lambda never has a docstring.
        self.add_const(Constant::None);
        self.unit_mut().argcount = parameters.args.len() as u32;
        self.unit_mut().posonlyargcount = parameters.posonlyargs.len() as u32;
        self.unit_mut().kwonlyargcount = parameters.kwonlyargs.len() as u32;
        self.compile_expr(&lambda.body)?;
        let code = if self.scope().is_generator {
            self.exit_scope(false)?
        } else {
            self.emit(RETURN_VALUE);
            self.exit_scope(true)?
        };
        self.make_closure(code, flags)
    }

    /// Defaults of a lambda (functions go through the statement compiler).
    fn compile_default_values(
        &mut self,
        parameters: &ast::Parameters,
    ) -> Result<u32, CompileError> {
        let mut flags = 0;
        let positional: Vec<&Expr> = parameters
            .posonlyargs
            .iter()
            .chain(&parameters.args)
            .filter_map(|p| p.default.as_deref())
            .collect();
        if !positional.is_empty() {
            for default in &positional {
                self.compile_expr(default)?;
            }
            self.emit_arg(BUILD_TUPLE, positional.len() as u32);
            flags |= 0x01;
        }
        let mut keys = Vec::new();
        for param in &parameters.kwonlyargs {
            if let Some(default) = &param.default {
                let mangled =
                    crate::symtable::mangle(self.unit().private.as_deref(), &param.parameter.name)
                        .into_owned();
                keys.push(Constant::Str(mangled));
                self.compile_expr(default)?;
            }
        }
        if !keys.is_empty() {
            let n = keys.len() as u32;
            self.load_const(Constant::Tuple(keys));
            self.emit_arg(BUILD_CONST_KEY_MAP, n);
            flags |= 0x02;
        }
        Ok(flags)
    }

    // ----- comprehensions -------------------------------------------------------

    fn compile_comprehension(
        &mut self,
        expr: &Expr,
        kind: ComprehensionKind,
        generators: &[Comprehension],
        elt: &Expr,
        value: Option<&Expr>,
    ) -> Emit {
        let outer_kind = self.unit().kind;
        let scope = self.child_scope(expr)?;
        let ste = self.table.scope(scope);
        let line = ste.start.line;
        let start = ste.start;
        let outermost = &generators[0];
        self.enter_scope(
            kind.code_name(),
            UnitKind::Comprehension,
            scope,
            line,
            start,
        )?;
        self.set_loc(expr.range());
        let is_async_generator = self.scope().is_coroutine;
        if is_async_generator
            && kind != ComprehensionKind::Generator
            && !matches!(
                outer_kind,
                UnitKind::AsyncFunction | UnitKind::Comprehension
            )
            && !self.is_top_level_await()
        {
            return Err(
                self.error("asynchronous comprehension outside of an asynchronous function")
            );
        }
        match kind {
            ComprehensionKind::List => self.emit_arg(BUILD_LIST, 0),
            ComprehensionKind::Set => self.emit_arg(BUILD_SET, 0),
            ComprehensionKind::Dict => self.emit_arg(BUILD_MAP, 0),
            ComprehensionKind::Generator => {}
        }
        self.comprehension_generator(generators, 0, 0, elt, value, kind)?;
        if kind != ComprehensionKind::Generator {
            self.emit(RETURN_VALUE);
        }
        let code = self.exit_scope(true)?;
        self.make_closure(code, 0)?;
        self.compile_iterable(&outermost.iter)?;
        if outermost.is_async {
            self.emit(GET_AITER);
        } else {
            self.emit(GET_ITER);
        }
        self.emit_arg(PRECALL, 0);
        self.emit_arg(CALL, 0);
        if is_async_generator && kind != ComprehensionKind::Generator {
            self.emit_arg(GET_AWAITABLE, 0);
            self.load_const(Constant::None);
            self.add_yield_from(true);
        }
        Ok(())
    }

    fn comprehension_generator(
        &mut self,
        generators: &[Comprehension],
        index: usize,
        depth: u32,
        elt: &Expr,
        value: Option<&Expr>,
        kind: ComprehensionKind,
    ) -> Emit {
        if generators[index].is_async {
            self.async_comprehension_generator(generators, index, depth, elt, value, kind)
        } else {
            self.sync_comprehension_generator(generators, index, depth, elt, value, kind)
        }
    }

    fn comprehension_element(
        &mut self,
        depth: u32,
        elt: &Expr,
        value: Option<&Expr>,
        kind: ComprehensionKind,
    ) -> Emit {
        match kind {
            ComprehensionKind::Generator => {
                self.compile_expr(elt)?;
                self.emit_yield();
                self.emit(POP_TOP);
            }
            ComprehensionKind::List => {
                self.compile_expr(elt)?;
                self.emit_arg(LIST_APPEND, depth + 1);
            }
            ComprehensionKind::Set => {
                self.compile_expr(elt)?;
                self.emit_arg(SET_ADD, depth + 1);
            }
            ComprehensionKind::Dict => {
                self.compile_expr(elt)?;
                if let Some(value) = value {
                    self.compile_expr(value)?;
                }
                self.emit_arg(MAP_ADD, depth + 1);
            }
        }
        Ok(())
    }

    fn sync_comprehension_generator(
        &mut self,
        generators: &[Comprehension],
        index: usize,
        mut depth: u32,
        elt: &Expr,
        value: Option<&Expr>,
        kind: ComprehensionKind,
    ) -> Emit {
        let mut start = Some(self.new_block());
        let if_cleanup = self.new_block();
        let anchor = self.new_block();
        let gen = &generators[index];
        if index == 0 {
            // The outermost iterator arrives as the implicit argument `.0`.
            self.unit_mut().argcount = 1;
            self.emit_arg(LOAD_FAST, 0);
        } else {
            // `for y in [f(x)]`: a one-element display just binds its element.
            let single = match &gen.iter {
                Expr::List(l) if l.elts.len() == 1 => Some(&l.elts[0]),
                Expr::Tuple(t) if t.elts.len() == 1 => Some(&t.elts[0]),
                _ => None,
            };
            match single {
                Some(only) if !matches!(only, Expr::Starred(_)) => {
                    self.compile_expr(only)?;
                    start = None;
                }
                _ => {
                    self.compile_iterable(&gen.iter)?;
                    self.emit(GET_ITER);
                }
            }
        }
        if let Some(start) = start {
            depth += 1;
            self.use_next_block(start);
            self.emit_jump(FOR_ITER, anchor);
        }
        self.compile_expr(&gen.target)?;
        for condition in &gen.ifs {
            self.compile_jump_if(condition, if_cleanup, false)?;
        }
        if index + 1 < generators.len() {
            self.comprehension_generator(generators, index + 1, depth, elt, value, kind)?;
        } else {
            self.comprehension_element(depth, elt, value, kind)?;
        }
        self.use_next_block(if_cleanup);
        if let Some(start) = start {
            self.emit_jump(JUMP, start);
            self.use_next_block(anchor);
        }
        Ok(())
    }

    fn async_comprehension_generator(
        &mut self,
        generators: &[Comprehension],
        index: usize,
        mut depth: u32,
        elt: &Expr,
        value: Option<&Expr>,
        kind: ComprehensionKind,
    ) -> Emit {
        let start = self.new_block();
        let except = self.new_block();
        let if_cleanup = self.new_block();
        let gen = &generators[index];
        if index == 0 {
            self.unit_mut().argcount = 1;
            self.emit_arg(LOAD_FAST, 0);
        } else {
            self.compile_iterable(&gen.iter)?;
            self.emit(GET_AITER);
        }
        self.use_next_block(start);
        self.push_fblock(FBlockKind::AsyncComprehensionGenerator, Some(start), None)?;
        self.emit_jump(SETUP_FINALLY, except);
        self.emit(GET_ANEXT);
        self.load_const(Constant::None);
        self.add_yield_from(true);
        self.emit(POP_BLOCK);
        self.compile_expr(&gen.target)?;
        for condition in &gen.ifs {
            self.compile_jump_if(condition, if_cleanup, false)?;
        }
        depth += 1;
        if index + 1 < generators.len() {
            self.comprehension_generator(generators, index + 1, depth, elt, value, kind)?;
        } else {
            self.comprehension_element(depth, elt, value, kind)?;
        }
        self.use_next_block(if_cleanup);
        self.emit_jump(JUMP, start);
        self.pop_fblock();
        self.use_next_block(except);
        self.emit(END_ASYNC_FOR);
        Ok(())
    }
}
