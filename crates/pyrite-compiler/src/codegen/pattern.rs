//! `match` statements (PEP 634).
//!
//! Every pattern routine consumes the subject on top of the stack and jumps to a
//! "fail pop" block when it does not match. `on_top` counts the values kept on the
//! stack above the subject; captured values are kept *under* them, so that names
//! are only bound once the whole pattern has matched. The fail-pop blocks form a
//! ladder of `POP_TOP`s: jumping to `fail_pop[n]` pops `n` values on the way out.

use ruff_python_ast::{self as ast, Expr, ExprContext, Pattern, Singleton};
use ruff_text_size::Ranged;

use super::cfg::BlockId;
use super::{Compiler, Emit};
use crate::bytecode::{Constant, Opcode};

use Opcode::*;

#[derive(Default, Clone)]
struct PatternContext {
    /// Names captured so far, in stack order.
    stores: Vec<String>,
    /// May this pattern be irrefutable (a capture or wildcard)?
    allow_irrefutable: bool,
    /// `fail_pop[n]`: the block that pops `n` values and fails.
    fail_pop: Vec<BlockId>,
    /// Values above the subject that must be popped on failure.
    on_top: usize,
}

fn is_wildcard(pattern: &Pattern) -> bool {
    matches!(pattern, Pattern::MatchAs(p) if p.pattern.is_none() && p.name.is_none())
}

fn is_star_wildcard(pattern: &Pattern) -> bool {
    matches!(pattern, Pattern::MatchStar(p) if p.name.is_none())
}

impl<'a> Compiler<'a> {
    pub(super) fn compile_match(&mut self, match_: &'a ast::StmtMatch) -> Emit {
        self.compile_expr(&match_.subject)?;
        let end = self.new_block();
        let cases = &match_.cases;
        let n = cases.len();
        let has_default = n > 1 && is_wildcard(&cases[n - 1].pattern);
        let mut pc = PatternContext::default();
        for (i, case) in cases[..n - usize::from(has_default)].iter().enumerate() {
            self.set_loc(case.pattern.range());
            let last = i + 1 == n - usize::from(has_default);
            if !last {
                self.emit_arg(COPY, 1);
            }
            pc.stores.clear();
            pc.allow_irrefutable = case.guard.is_some() || i + 1 == n;
            pc.fail_pop.clear();
            pc.on_top = 0;
            self.compile_pattern(&case.pattern, &mut pc)?;
            for name in pc.stores.clone() {
                self.name_op(&name, ExprContext::Store)?;
            }
            if let Some(guard) = &case.guard {
                self.ensure_fail_pop(&mut pc, 0);
                let fail = pc.fail_pop[0];
                self.compile_jump_if(guard, fail, false)?;
            }
            if !last {
                self.emit(POP_TOP);
            }
            self.compile_stmts(&case.body)?;
            self.emit_jump(JUMP, end);
            // The cleanup of a failed match belongs to the pattern's line.
            self.set_loc(case.pattern.range());
            self.emit_and_reset_fail_pop(&mut pc);
        }
        if has_default {
            let case = &cases[n - 1];
            self.set_loc(case.pattern.range());
            if n == 1 {
                self.emit(POP_TOP);
            } else {
                self.emit(NOP);
            }
            if let Some(guard) = &case.guard {
                self.compile_jump_if(guard, end, false)?;
            }
            self.compile_stmts(&case.body)?;
        }
        self.use_next_block(end);
        Ok(())
    }

    fn ensure_fail_pop(&mut self, pc: &mut PatternContext, n: usize) {
        while pc.fail_pop.len() < n + 1 {
            let block = self.new_block();
            pc.fail_pop.push(block);
        }
    }

    /// Jumps (with `op`) to the block that pops everything this pattern holds.
    fn jump_to_fail_pop(&mut self, pc: &mut PatternContext, op: Opcode) {
        let pops = pc.on_top + pc.stores.len();
        self.ensure_fail_pop(pc, pops);
        self.emit_jump(op, pc.fail_pop[pops]);
        self.next_block();
    }

    fn emit_and_reset_fail_pop(&mut self, pc: &mut PatternContext) {
        if pc.fail_pop.is_empty() {
            self.next_block();
            return;
        }
        for i in (1..pc.fail_pop.len()).rev() {
            self.use_next_block(pc.fail_pop[i]);
            self.emit(POP_TOP);
        }
        self.use_next_block(pc.fail_pop[0]);
        pc.fail_pop.clear();
    }

    /// CPython 3.10's `ROT_N`, written with SWAPs.
    fn pattern_rotate(&mut self, mut count: usize) {
        while count > 1 {
            self.emit_arg(SWAP, count as u32);
            count -= 1;
        }
    }

    fn pattern_store_name(&mut self, name: Option<&str>, pc: &mut PatternContext) -> Emit {
        let Some(name) = name else {
            self.emit(POP_TOP);
            return Ok(());
        };
        if name == "__debug__" {
            return Err(self.error("cannot assign to __debug__"));
        }
        if pc.stores.iter().any(|s| s == name) {
            return Err(self.error(format!("multiple assignments to name '{name}' in pattern")));
        }
        let rotations = pc.on_top + pc.stores.len() + 1;
        self.pattern_rotate(rotations);
        pc.stores.push(name.to_string());
        Ok(())
    }

    fn compile_subpattern(&mut self, pattern: &Pattern, pc: &mut PatternContext) -> Emit {
        let allow = pc.allow_irrefutable;
        pc.allow_irrefutable = true;
        self.compile_pattern(pattern, pc)?;
        pc.allow_irrefutable = allow;
        Ok(())
    }

    fn compile_pattern(&mut self, pattern: &Pattern, pc: &mut PatternContext) -> Emit {
        self.enter_recursion()?;
        self.set_loc(pattern.range());
        match pattern {
            Pattern::MatchValue(p) => {
                let value = p.value.as_ref();
                if self.constant_of(value).is_none() && !matches!(value, Expr::Attribute(_)) {
                    return Err(
                        self.error("patterns may only match literals and attribute lookups")
                    );
                }
                self.compile_expr(value)?;
                self.emit_arg(COMPARE_OP, 2);
                self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
            }
            Pattern::MatchSingleton(p) => {
                self.load_const(match p.value {
                    Singleton::None => Constant::None,
                    Singleton::True => Constant::Bool(true),
                    Singleton::False => Constant::Bool(false),
                });
                self.emit_arg(IS_OP, 0);
                self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
            }
            Pattern::MatchSequence(p) => self.compile_pattern_sequence(&p.patterns, pc)?,
            Pattern::MatchMapping(p) => self.compile_pattern_mapping(p, pc)?,
            Pattern::MatchClass(p) => self.compile_pattern_class(p, pc)?,
            Pattern::MatchStar(p) => {
                self.pattern_store_name(p.name.as_ref().map(|n| n.as_str()), pc)?
            }
            Pattern::MatchAs(p) => match &p.pattern {
                None => {
                    if !pc.allow_irrefutable {
                        return Err(match &p.name {
                            Some(name) => self.error(format!(
                                "name capture '{name}' makes remaining patterns unreachable"
                            )),
                            None => self.error("wildcard makes remaining patterns unreachable"),
                        });
                    }
                    self.pattern_store_name(p.name.as_ref().map(|n| n.as_str()), pc)?;
                }
                Some(inner) => {
                    // Keep a copy to store if the inner pattern matches.
                    pc.on_top += 1;
                    self.emit_arg(COPY, 1);
                    self.compile_pattern(inner, pc)?;
                    pc.on_top -= 1;
                    self.pattern_store_name(p.name.as_ref().map(|n| n.as_str()), pc)?;
                }
            },
            Pattern::MatchOr(p) => self.compile_pattern_or(&p.patterns, pc)?,
        }
        self.leave_recursion();
        Ok(())
    }

    fn compile_pattern_sequence(&mut self, patterns: &[Pattern], pc: &mut PatternContext) -> Emit {
        let size = patterns.len();
        let mut star: Option<usize> = None;
        let mut only_wildcard = true;
        let mut star_wildcard = false;
        for (i, pattern) in patterns.iter().enumerate() {
            if let Pattern::MatchStar(_) = pattern {
                if star.is_some() {
                    return Err(self.error("multiple starred names in sequence pattern"));
                }
                star_wildcard = is_star_wildcard(pattern);
                only_wildcard &= star_wildcard;
                star = Some(i);
                continue;
            }
            only_wildcard &= is_wildcard(pattern);
        }
        pc.on_top += 1;
        self.emit(MATCH_SEQUENCE);
        self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
        match star {
            None => {
                self.emit(GET_LEN);
                self.load_const(Constant::Int(size.into()));
                self.emit_arg(COMPARE_OP, 2);
                self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
            }
            Some(_) if !star_wildcard => {
                self.emit(GET_LEN);
                self.load_const(Constant::Int((size - 1).into()));
                self.emit_arg(COMPARE_OP, 5);
                self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
            }
            Some(_) => {}
        }
        pc.on_top -= 1;
        if only_wildcard {
            self.emit(POP_TOP);
        } else if star_wildcard {
            self.pattern_sequence_subscr(patterns, star.unwrap_or(size), pc)?;
        } else {
            self.pattern_sequence_unpack(patterns, pc)?;
        }
        Ok(())
    }

    fn pattern_sequence_unpack(&mut self, patterns: &[Pattern], pc: &mut PatternContext) -> Emit {
        let n = patterns.len();
        match patterns
            .iter()
            .position(|p| matches!(p, Pattern::MatchStar(_)))
        {
            Some(i) => {
                if i >= 1 << 8 || n - i > (i32::MAX >> 8) as usize {
                    return Err(
                        self.error("too many expressions in star-unpacking sequence pattern")
                    );
                }
                self.emit_arg(UNPACK_EX, (i + ((n - i - 1) << 8)) as u32);
            }
            None => self.emit_arg(UNPACK_SEQUENCE, n as u32),
        }
        pc.on_top += n;
        for pattern in patterns {
            pc.on_top -= 1;
            self.compile_subpattern(pattern, pc)?;
        }
        Ok(())
    }

    /// `[first, *_, last]`: index the subject instead of unpacking it all.
    fn pattern_sequence_subscr(
        &mut self,
        patterns: &[Pattern],
        star: usize,
        pc: &mut PatternContext,
    ) -> Emit {
        pc.on_top += 1;
        let size = patterns.len();
        for (i, pattern) in patterns.iter().enumerate() {
            if is_wildcard(pattern) || i == star {
                continue;
            }
            self.emit_arg(COPY, 1);
            if i < star {
                self.load_const(Constant::Int(i.into()));
            } else {
                // The subject may not support negative indices.
                self.emit(GET_LEN);
                self.load_const(Constant::Int((size - i).into()));
                self.emit_arg(BINARY_OP, 10);
            }
            self.emit(BINARY_SUBSCR);
            self.compile_subpattern(pattern, pc)?;
        }
        pc.on_top -= 1;
        self.emit(POP_TOP);
        Ok(())
    }

    fn compile_pattern_mapping(
        &mut self,
        p: &ast::PatternMatchMapping,
        pc: &mut PatternContext,
    ) -> Emit {
        let size = p.keys.len();
        pc.on_top += 1;
        self.emit(MATCH_MAPPING);
        self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
        if size == 0 && p.rest.is_none() {
            pc.on_top -= 1;
            self.emit(POP_TOP);
            return Ok(());
        }
        if size > 0 {
            self.emit(GET_LEN);
            self.load_const(Constant::Int(size.into()));
            self.emit_arg(COMPARE_OP, 5);
            self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
        }
        let mut seen: Vec<Constant> = Vec::new();
        for key in p.keys.iter() {
            if let Some(constant) = self.constant_of(key) {
                if seen
                    .iter()
                    .any(|s| s.same_as(&constant) || keys_equal(s, &constant))
                {
                    let repr = super::unparse::constant_repr(&constant);
                    return Err(
                        self.error(format!("mapping pattern checks duplicate key ({repr})"))
                    );
                }
                seen.push(constant);
            } else if !matches!(key, Expr::Attribute(_)) {
                return Err(self
                    .error("mapping pattern keys may only match literals and attribute lookups"));
            }
            self.compile_expr(key)?;
        }
        self.emit_arg(BUILD_TUPLE, size as u32);
        self.emit(MATCH_KEYS);
        pc.on_top += 2;
        self.emit_arg(COPY, 1);
        self.load_const(Constant::None);
        self.emit_arg(IS_OP, 1);
        self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
        self.emit_arg(UNPACK_SEQUENCE, size as u32);
        pc.on_top += size;
        pc.on_top -= 1;
        for pattern in p.patterns.iter() {
            pc.on_top -= 1;
            self.compile_subpattern(pattern, pc)?;
        }
        // The keys tuple and the subject are consumed below.
        pc.on_top -= 2;
        match &p.rest {
            Some(rest) => {
                // rest = dict(subject); del rest[key] for each key.
                self.emit_arg(BUILD_MAP, 0);
                self.emit_arg(SWAP, 3);
                self.emit_arg(DICT_UPDATE, 2);
                self.emit_arg(UNPACK_SEQUENCE, size as u32);
                let mut remaining = size;
                while remaining > 0 {
                    self.emit_arg(COPY, 1 + remaining as u32);
                    remaining -= 1;
                    self.emit_arg(SWAP, 2);
                    self.emit(DELETE_SUBSCR);
                }
                self.pattern_store_name(Some(rest.as_str()), pc)?;
            }
            None => {
                self.emit(POP_TOP);
                self.emit(POP_TOP);
            }
        }
        Ok(())
    }

    fn compile_pattern_class(
        &mut self,
        p: &ast::PatternMatchClass,
        pc: &mut PatternContext,
    ) -> Emit {
        let positional = &p.arguments.patterns;
        let keywords = &p.arguments.keywords;
        let nargs = positional.len();
        let nattrs = keywords.len();
        if nattrs > 0 {
            for (i, keyword) in keywords.iter().enumerate() {
                self.set_loc(keyword.pattern.range());
                if keyword.attr.as_str() == "__debug__" {
                    return Err(self.error("cannot assign to __debug__"));
                }
                if let Some(repeat) = keywords[i + 1..]
                    .iter()
                    .find(|other| other.attr.as_str() == keyword.attr.as_str())
                {
                    self.set_loc(repeat.pattern.range());
                    return Err(self.error(format!(
                        "attribute name repeated in class pattern: {}",
                        keyword.attr
                    )));
                }
            }
            self.set_loc(p.range);
        }
        self.compile_expr(&p.cls)?;
        let names: Vec<Constant> = keywords
            .iter()
            .map(|k| Constant::Str(k.attr.to_string()))
            .collect();
        self.load_const(Constant::Tuple(names));
        self.emit_arg(MATCH_CLASS, nargs as u32);
        self.emit_arg(COPY, 1);
        self.load_const(Constant::None);
        self.emit_arg(IS_OP, 1);
        pc.on_top += 1;
        self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
        self.emit_arg(UNPACK_SEQUENCE, (nargs + nattrs) as u32);
        pc.on_top += nargs + nattrs;
        pc.on_top -= 1;
        let subpatterns = positional.iter().chain(keywords.iter().map(|k| &k.pattern));
        for pattern in subpatterns {
            pc.on_top -= 1;
            if is_wildcard(pattern) {
                self.emit(POP_TOP);
                continue;
            }
            self.compile_subpattern(pattern, pc)?;
        }
        Ok(())
    }

    fn compile_pattern_or(&mut self, alternatives: &[Pattern], pc: &mut PatternContext) -> Emit {
        let end = self.new_block();
        let old = pc.clone();
        let mut control: Option<Vec<String>> = None;
        for (i, alt) in alternatives.iter().enumerate() {
            self.set_loc(alt.range());
            pc.stores = Vec::new();
            pc.allow_irrefutable = i + 1 == alternatives.len() && old.allow_irrefutable;
            pc.fail_pop = Vec::new();
            pc.on_top = 0;
            self.emit_arg(COPY, 1);
            self.compile_pattern(alt, pc)?;
            match &control {
                None => control = Some(pc.stores.clone()),
                Some(control) => {
                    if pc.stores.len() != control.len() {
                        return Err(self.error("alternative patterns bind different names"));
                    }
                    // Reorder this alternative's captures to the first one's order.
                    for icontrol in (0..control.len()).rev() {
                        let name = &control[icontrol];
                        let Some(istores) = pc.stores.iter().position(|s| s == name) else {
                            return Err(self.error("alternative patterns bind different names"));
                        };
                        if icontrol != istores {
                            let rotations = istores + 1;
                            let rotated: Vec<String> = pc.stores.drain(..rotations).collect();
                            let at = icontrol - istores;
                            for (k, name) in rotated.into_iter().enumerate() {
                                pc.stores.insert(at + k, name);
                            }
                            for _ in 0..rotations {
                                self.pattern_rotate(icontrol + 1);
                            }
                        }
                    }
                }
            }
            self.emit_jump(JUMP, end);
            self.emit_and_reset_fail_pop(pc);
        }
        let control = control.unwrap_or_default();
        *pc = old;
        // No alternative matched: pop the copy of the subject and fail.
        self.emit(POP_TOP);
        self.jump_to_fail_pop(pc, JUMP);
        self.use_next_block(end);
        let nstores = control.len();
        let nrots = nstores + 1 + pc.on_top + pc.stores.len();
        for name in control {
            self.pattern_rotate(nrots);
            if pc.stores.contains(&name) {
                return Err(self.error(format!("multiple assignments to name '{name}' in pattern")));
            }
            pc.stores.push(name);
        }
        self.emit(POP_TOP);
        Ok(())
    }
}

/// Mapping keys that Python considers equal although they are different
/// constants (`1`, `1.0` and `True`).
fn keys_equal(a: &Constant, b: &Constant) -> bool {
    fn numeric(c: &Constant) -> Option<f64> {
        use num_traits::ToPrimitive;
        match c {
            Constant::Bool(b) => Some(f64::from(u8::from(*b))),
            Constant::Int(i) => i.to_f64(),
            Constant::Float(f) => Some(*f),
            _ => None,
        }
    }
    match (numeric(a), numeric(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}
