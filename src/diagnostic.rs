//! Problems found in a tree, a contacts file, a deck or a config file, with their position, and
//! how to show them: rustc style for people, one line for editors, JSON for tools.

use std::fmt::Write as _;
use std::ops::Range;

use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file cannot be used until this is fixed.
    Error,
    /// The file works, but something is probably wrong.
    Warning,
}

impl Severity {
    /// The word used in output (`error` or `warning`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

macro_rules! codes {
    ($($variant:ident = $code:literal, $severity:ident, $summary:literal;)*) => {
        /// Every diagnostic signpost can report. The codes are stable: documented in
        /// `docs/authoring.md` and safe to match on in scripts.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Code { $(#[doc = $summary] $variant,)* }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable code, such as `E011`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// Whether this code is an error or a warning.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// One line saying what the code means.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary,)* }
            }
        }
    };
}

codes! {
    Syntax = "E001", Error, "RON syntax error";
    UnknownField = "E002", Error, "unknown field";
    MissingField = "E003", Error, "required field missing";
    UnknownKind = "E004", Error, "unknown node kind, verdict or struct name";
    WrongValue = "E005", Error, "a value of the wrong kind";
    DuplicateNode = "E010", Error, "two nodes with the same id";
    UnknownNode = "E011", Error, "an option or `start` points to a node that does not exist";
    MissingStart = "E012", Error, "the start node does not exist";
    Cycle = "E013", Error, "answers lead round in a circle";
    NoOptions = "E014", Error, "a question with no options";
    UnknownContact = "E015", Error, "unknown contact id";
    UnknownSource = "E016", Error, "unknown source id";
    EmptyText = "E017", Error, "empty text or label";
    ControlCharacter = "E018", Error, "control, invisible or direction-changing character in text";
    FileTooLarge = "E019", Error, "file larger than the 8 MiB limit";
    InvalidUtf8 = "E020", Error, "file is not valid UTF-8";
    Unreadable = "E021", Error, "file or folder cannot be read";
    DuplicateKey = "E022", Error, "two sources or contacts with the same id";
    BadDate = "E023", Error, "review date is not a valid YYYY-MM-DD date";
    DuplicateTree = "E024", Error, "two trees with the same id";
    StaleQuote = "E025", Error, "quote not found in its source document";
    MissingDocument = "E026", Error, "source document not found";
    SectionNotFound = "E027", Error, "section heading not found in its source document";
    ContactUnreachable = "E028", Error, "contact with no way to reach them";
    DeckUnknownTree = "E030", Error, "scenario deck names a tree that does not exist";
    DeckUnknownOutcome = "E031", Error, "scenario expects an outcome that does not exist";
    DeckUnreachableOutcome = "E032", Error, "scenario expects an outcome that cannot be reached";
    DeckAnswersMismatch = "E033", Error, "scenario answers do not lead to the expected outcome";
    BadConfig = "E040", Error, "config file problem";
    UnknownFact = "E041", Error, "a condition tests a fact no question remembers";
    UnknownValue = "E042", Error, "a condition names a value the fact does not have";
    FactNeverSet = "E043", Error, "a route rule tests a fact no path sets before it";
    RememberedTwice = "E044", Error, "a fact is remembered by two questions on one path";
    WrongTest = "E045", Error, "a test of the wrong kind for its fact";
    NeedsFormat2 = "E046", Error, "a format-2 feature in a file without `format: 2`";
    UnknownFormat = "E047", Error, "unknown format version";
    DuplicateValue = "E048", Error, "two answers of one question with the same value";
    UnknownQuote = "E049", Error, "a cited quote is not in the tree's `quotes`";
    BadOtherwise = "E050", Error, "a route without a last `Otherwise`";
    TooManyValues = "E051", Error, "a fact with more than 64 values, or a checklist with more than 32 items";
    FactKindClash = "E052", Error, "one fact remembered by both a question and a checklist";
    RuleBroken = "E053", Error, "a path breaks a policy rule (the tree's, the shared policy's or a register tool's)";
    UnknownTool = "E054", Error, "an outcome or rule names a tool that is not in the register";
    DuplicateTool = "E055", Error, "two register tools with the same id, name or alias";
    NotInVocabulary = "E056", Error, "a tree gives a shared fact a value or kind the shared vocabulary does not have";
    TooManyOptions = "E057", Error, "a question with more than 65,535 options";
    TooManyNodes = "E058", Error, "a tree with more than 10,000 nodes";
    ShadowsOfficial = "E059", Error, "a local file replaces or removes an official contact, rule or tool";
    PackRefused = "E060", Error, "a content pack was refused: not signed by a trusted key, changed after signing, or older than the built-in content";
    Unreachable = "W001", Warning, "node cannot be reached from the start";
    OutcomeWithoutGuidance = "W002", Warning, "outcome without a guidance passage";
    ReviewOverdue = "W003", Warning, "review date has passed";
    QuestionWithoutGuidance = "W004", Warning, "question without a guidance passage";
    RuleNeverMatches = "W005", Warning, "a route rule that can never match";
    WhenNeverTrue = "W006", Warning, "a `when:` that is false on every path reaching it";
    UnusedQuote = "W007", Warning, "a shared quote no node cites";
    RuleNeverApplies = "W008", Warning, "a policy rule no path can meet";
    Inconsistent = "W009", Warning, "two answer paths the policy cannot tell apart end on different verdicts";
    ZeroWidth = "W010", Warning, "a zero-width character in a tree's text (kept as its visible escape)";
    ContactReplaced = "W011", Warning, "a contact replaces one with the same id from another file, with another way to reach them";
    OneOption = "W012", Warning, "a question with only one option";
    LocalDraft = "W013", Warning, "a local tree with the id of a built-in tree: a draft, never used in its place";
    PolicyDraft = "W014", Warning, "a local policy changes or removes an official rule or tool (the author's preview)";
}

/// One problem, with where it is and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The stable code.
    pub code: Code,
    /// The file, as the user named it (or `<embedded>/name.ron`).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// How many characters to underline (at least 1).
    pub width: usize,
    /// The offending line of the file, with control characters made visible.
    pub source_line: Option<String>,
    /// What is wrong, quoting the bad value.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic at a byte range of `source`.
    pub fn at(code: Code, file: &str, source: &str, span: Range<usize>, message: String) -> Self {
        let position = Position::of(source, span.start);
        let end = span.end.max(span.start).min(source.len());
        let line_end = source[position.line_start..]
            .find('\n')
            .map_or(source.len(), |i| position.line_start + i);
        let width = source
            .get(span.start.min(line_end)..end.min(line_end))
            .map_or(1, |s| s.chars().count().max(1));
        Diagnostic {
            code,
            file: escaped(file),
            line: position.line,
            column: position.column,
            width,
            source_line: Some(visible(&source[position.line_start..line_end])),
            message: escaped(&message),
            help: None,
        }
    }

    /// A diagnostic about a whole file, with no source line to show.
    pub fn whole_file(code: Code, file: &str, message: String) -> Self {
        Diagnostic {
            code,
            file: escaped(file),
            line: 1,
            column: 1,
            width: 1,
            source_line: None,
            message: escaped(&message),
            help: None,
        }
    }

    /// Adds a hint on how to fix the problem.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(escaped(&help.into()));
        self
    }

    /// Error or warning.
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }

    /// `file:line:col: error[E011]: message` — the form editors and CI logs understand.
    pub fn short(&self) -> String {
        format!(
            "{}:{}:{}: {}[{}]: {}",
            self.file,
            self.line,
            self.column,
            self.severity().as_str(),
            self.code.as_str(),
            self.message
        )
    }

    /// The rustc-style rendering: message, location, the source line with a caret, the hint.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}[{}]: {}",
            self.severity().as_str(),
            self.code.as_str(),
            self.message
        );
        let gutter = self.line.to_string().len();
        let pad = " ".repeat(gutter);
        let _ = writeln!(out, "{pad}--> {}:{}:{}", self.file, self.line, self.column);
        if let Some(line) = &self.source_line {
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{} | {}", self.line, line);
            let _ = writeln!(
                out,
                "{pad} | {}{}",
                " ".repeat(self.column.saturating_sub(1)),
                "^".repeat(self.width)
            );
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "{pad} = help: {help}");
        }
        out
    }

    /// The JSON object `signpost check --format json` prints.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "code": self.code.as_str(),
            "severity": self.severity().as_str(),
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "help": self.help,
        })
    }
}

/// A 1-based line and character column of a byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
    /// Byte offset where the line starts.
    pub line_start: usize,
}

impl Position {
    /// The position of byte `offset` in `source` (clamped to the text, rounded down to a
    /// character boundary).
    pub fn of(source: &str, offset: usize) -> Self {
        let mut offset = offset.min(source.len());
        while !source.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &source[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position {
            line: before.bytes().filter(|&b| b == b'\n').count() + 1,
            column: source[line_start..offset].chars().count() + 1,
            line_start,
        }
    }

    /// The byte offset of a 1-based line and character column (as ron reports them).
    pub fn offset_of(source: &str, line: usize, column: usize) -> usize {
        let line_start = if line <= 1 {
            0
        } else {
            source
                .match_indices('\n')
                .nth(line - 2)
                .map_or(source.len(), |(i, _)| i + 1)
        };
        source[line_start..]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(source.len(), |(i, _)| line_start + i)
    }
}

/// The line with tabs turned into spaces and every other control character replaced, so that
/// nothing from a file can drive the terminal and the caret stays under the right character.
/// A source line as a diagnostic quotes it: tabs as spaces, hidden characters as U+FFFD.
pub(crate) fn visible(line: &str) -> String {
    line.trim_end_matches('\r')
        .chars()
        .map(|c| match c {
            '\t' => ' ',
            c if is_hidden(c) => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// Whether `c` could change what a terminal shows without being seen: a control character
/// other than newline (ESC starts escape sequences; C1 controls too), a character that changes
/// the direction of text (U+202E can make "Use WhatsApp" display in place of something else),
/// or an invisible one (zero-width spaces and joiners, the byte-order mark).
pub fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c,
            '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// `text` with every hidden character (see [`is_hidden`]) written as `\u{1b}`, so that a
/// diagnostic quoting a file's text or name can never send an escape sequence to the terminal.
pub fn escaped(text: &str) -> String {
    if !text.chars().any(is_hidden) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// `N errors, M warnings` counts over a list.
pub fn count(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    (errors, diagnostics.len() - errors)
}

/// "1 error" / "2 errors".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_counts_characters_not_bytes() {
        let src = "ab\n é x";
        let p = Position::of(src, src.find('x').unwrap());
        assert_eq!((p.line, p.column), (2, 4));
        assert_eq!(Position::offset_of(src, 2, 4), src.find('x').unwrap());
    }

    #[test]
    fn render_puts_caret_under_span() {
        let src = "a: 1,\nnext: \"nowhere\",\n";
        let start = src.find("\"nowhere\"").unwrap();
        let d = Diagnostic::at(
            Code::UnknownNode,
            "t.ron",
            src,
            start..start + 9,
            "no node".into(),
        )
        .with_help("fix it");
        let text = d.render();
        assert!(text.contains("error[E011]: no node"), "{text}");
        assert!(text.contains("--> t.ron:2:7"), "{text}");
        assert!(text.contains("2 | next: \"nowhere\","), "{text}");
        assert!(text.contains("  |       ^^^^^^^^^\n"), "{text}");
        assert!(text.contains("= help: fix it"), "{text}");
        assert_eq!(d.short(), "t.ron:2:7: error[E011]: no node");
    }

    #[test]
    fn control_characters_never_reach_the_output() {
        let src = "text: \"a\u{1b}[31mb\",";
        let d = Diagnostic::at(Code::ControlCharacter, "t.ron", src, 6..7, "x".into());
        assert!(!d.render().contains('\u{1b}'));
    }

    #[test]
    fn codes_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "{}", code.as_str());
        }
    }
}
