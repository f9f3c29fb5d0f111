//! Byte offsets to CPython's positions.
//!
//! Ruff gives every node a byte range into the source. CPython's AST positions are a
//! 1-based line and a 0-based column counted in UTF-8 bytes from the start of that
//! line (`col_offset`); `SyntaxError.offset` is 1-based and counted in characters.
//! Lines end at `\n`, `\r\n` or a lone `\r`, as in CPython's tokenizer.

use std::cell::Cell;

use ruff_text_size::TextSize;

/// A position as CPython's AST records it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// 1-based line.
    pub line: u32,
    /// 0-based column in UTF-8 bytes.
    pub col: u32,
}

/// The column of a position that has a line only (CPython's -1): the prologue
/// of a generator has no columns.
pub const NO_COLUMN: u32 = u32::MAX;

/// Start and end of a source range in CPython's terms (`lineno`, `col_offset`,
/// `end_lineno`, `end_col_offset`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SourceRange {
    pub start: Position,
    pub end: Position,
}

pub struct LineIndex<'src> {
    source: &'src str,
    /// Byte offset where each line starts; `line_starts[0] == 0`.
    line_starts: Vec<u32>,
    /// The line of the last lookup: code generation asks about nearby offsets
    /// again and again, so this usually answers without a search.
    last_line: Cell<usize>,
    /// The line of the last range end that was not on its start's line. The
    /// ends of a compound statement and of the statements in it are far from
    /// their starts; keeping them apart saves `last_line` for the starts.
    last_end_line: Cell<usize>,
}

impl<'src> LineIndex<'src> {
    pub fn new(source: &'src str) -> Self {
        let bytes = source.as_bytes();
        let mut line_starts = Vec::with_capacity(bytes.len() / 32 + 1);
        line_starts.push(0u32);
        let mut ends = memchr::memchr2_iter(b'\n', b'\r', bytes);
        while let Some(i) = ends.next() {
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                // "\r\n" is one line end: the '\n' is the next match.
                ends.next();
                line_starts.push(i as u32 + 2);
            } else {
                line_starts.push(i as u32 + 1);
            }
        }
        LineIndex {
            source,
            line_starts,
            last_line: Cell::new(0),
            last_end_line: Cell::new(0),
        }
    }

    pub fn source(&self) -> &'src str {
        self.source
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    pub fn position(&self, offset: TextSize) -> Position {
        self.position_near(offset, &self.last_line)
    }

    /// The position of `offset`, trying the line in `hint` and the one after
    /// it before searching; `hint` is left at the line found.
    fn position_near(&self, offset: TextSize, hint: &Cell<usize>) -> Position {
        let offset = u32::from(offset).min(self.source.len() as u32);
        let guess = hint.get();
        let line = if self.line_holds(guess, offset) {
            guess
        } else if self.line_holds(guess + 1, offset) {
            guess + 1
        } else {
            match self.line_starts.binary_search(&offset) {
                Ok(exact) => exact,
                Err(next) => next - 1,
            }
        };
        hint.set(line);
        Position {
            line: line as u32 + 1,
            col: offset - self.line_starts[line],
        }
    }

    /// Whether the 0-based `line` exists and contains byte `offset`.
    fn line_holds(&self, line: usize, offset: u32) -> bool {
        let starts = &self.line_starts;
        line < starts.len()
            && starts[line] <= offset
            && starts.get(line + 1).is_none_or(|&next| offset < next)
    }

    pub fn range(&self, range: ruff_text_size::TextRange) -> SourceRange {
        let start = self.position(range.start());
        let end_offset = u32::from(range.end()).min(self.source.len() as u32);
        // Most ranges end on the line they start on.
        let start_line = start.line as usize - 1;
        let end = if self.line_holds(start_line, end_offset) {
            Position {
                line: start.line,
                col: end_offset - self.line_starts[start_line],
            }
        } else {
            self.position_near(range.end(), &self.last_end_line)
        };
        SourceRange { start, end }
    }

    /// Byte offset of the start of a 1-based line (clamped to the end of the source).
    pub fn line_start(&self, line: u32) -> usize {
        let index = (line.max(1) - 1) as usize;
        self.line_starts
            .get(index)
            .map(|&o| o as usize)
            .unwrap_or(self.source.len())
    }

    /// The text of a 1-based line without its terminator.
    pub fn line_text(&self, line: u32) -> &'src str {
        let start = self.line_start(line);
        let end = self.line_start(line + 1);
        self.source[start..end].trim_end_matches(['\n', '\r'])
    }

    /// 1-based character column of a byte position, as `SyntaxError.offset` counts.
    pub fn char_offset(&self, pos: Position) -> u32 {
        let line = self.line_text(pos.line);
        let col = (pos.col as usize).min(line.len());
        let mut boundary = col;
        while !line.is_char_boundary(boundary) {
            boundary -= 1;
        }
        line[..boundary].chars().count() as u32 + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_follow_cpython_line_endings() {
        let index = LineIndex::new("a\nbc\r\nd\re");
        assert_eq!(
            index.position(TextSize::new(0)),
            Position { line: 1, col: 0 }
        );
        assert_eq!(
            index.position(TextSize::new(3)),
            Position { line: 2, col: 1 }
        );
        assert_eq!(
            index.position(TextSize::new(6)),
            Position { line: 3, col: 0 }
        );
        assert_eq!(
            index.position(TextSize::new(8)),
            Position { line: 4, col: 0 }
        );
        assert_eq!(index.line_text(2), "bc");
        assert_eq!(index.line_text(3), "d");
    }

    #[test]
    fn char_offset_counts_characters() {
        let index = LineIndex::new("é = x");
        // 'x' is at byte 5 but character 4 (0-based), so offset 5.
        assert_eq!(index.char_offset(Position { line: 1, col: 5 }), 5);
    }
}
