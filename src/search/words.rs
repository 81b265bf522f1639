//! Words as the search compares them: split, lower-cased, in one normal form, and the words of
//! a query with what each means for its answers (said with a negation, or a common word).
//!
//! The same normal form is applied to the trees' text and to the query, so "can't" and
//! "cannot", "papers" and "paper", "O-S" and "OFFICIAL-SENSITIVE" meet. A tool's other names
//! (the register's `aliases`) are written as its name before the query is matched.

/// Calls `f` with each word of `text` in its normal form ([`normal`]), in order. Apostrophes
/// are dropped ("Don't" → "dont"); any other character that is not a letter or digit ends a
/// word.
pub fn for_each_word(text: &str, f: impl FnMut(&str)) {
    Splitter::default().words(text, f);
}

/// By byte: whether it is an ASCII letter or digit, and whether an upper-case letter. One look
/// per byte of text instead of several comparisons.
const ASCII_CLASS: [u8; 256] = {
    let mut class = [0; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() {
            class[b] |= LETTER_OR_DIGIT;
        }
        if byte.is_ascii_uppercase() {
            class[b] |= UPPER;
        }
        b += 1;
    }
    class
};
const LETTER_OR_DIGIT: u8 = 1;
const UPPER: u8 = 2;

/// Splits text into words as [`for_each_word`] does, keeping one buffer for every text it
/// splits: indexing a large tree splits a lot of text.
#[derive(Default)]
pub struct Splitter {
    word: String,
}

impl Splitter {
    /// Calls `f` with each word of `text` in its normal form, in order (see [`for_each_word`]).
    /// A word of ASCII letters and digits followed by ASCII (nearly every word) is read in
    /// place, and copied only to lower its case.
    pub fn words(&mut self, text: &str, mut f: impl FnMut(&str)) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let start = i;
            let mut upper = 0;
            while let Some(&b) = bytes.get(i)
                && ASCII_CLASS[usize::from(b)] & LETTER_OR_DIGIT != 0
            {
                upper |= ASCII_CLASS[usize::from(b)] & UPPER;
                i += 1;
            }
            let upper = upper != 0;
            match bytes.get(i) {
                Some(&b) if !b.is_ascii() || b == b'\'' => {
                    // The word may go on after an apostrophe or a letter beyond ASCII.
                    self.word.clear();
                    self.word.push_str(&text[start..i]);
                    self.word.make_ascii_lowercase();
                    i = self.rest_of_word(text, i);
                    if !self.word.is_empty() {
                        f(normal(&self.word));
                    }
                }
                // Ended by an ASCII separator, or by the end of the text.
                end => {
                    if i > start {
                        let run = &text[start..i];
                        if upper {
                            self.word.clear();
                            self.word.push_str(run);
                            self.word.make_ascii_lowercase();
                            f(normal(&self.word));
                        } else {
                            f(normal(run));
                        }
                    }
                    i += usize::from(end.is_some());
                }
            }
        }
    }

    /// Adds the rest of the word that goes on at byte `at` of `text` to the buffer, character
    /// by character, and returns where the next word may start (after the character that ends
    /// this one).
    fn rest_of_word(&mut self, text: &str, at: usize) -> usize {
        for (i, c) in text[at..].char_indices() {
            if c.is_ascii_alphanumeric() {
                self.word.push(c.to_ascii_lowercase());
            } else if c.is_alphanumeric() {
                self.word.extend(c.to_lowercase());
            } else if c != '\'' && c != '’' {
                return at + i + c.len_utf8();
            }
        }
        text.len()
    }
}

/// The words of `text`, as [`for_each_word`] gives them.
pub fn split_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for_each_word(text, |w| words.push(w.to_string()));
    words
}

/// One form for words that mean the same: "cant" → "cannot", and a plural's final "s" dropped
/// ("papers" → "paper", "teams" → "team"; not from "ss", "us" or "is" endings, nor from words of
/// three letters or fewer).
pub fn normal(word: &str) -> &str {
    match word {
        "cant" | "couldnt" | "unable" => return "cannot",
        "dont" | "doesnt" | "didnt" | "isnt" | "arent" | "wont" | "wouldnt" | "shouldnt" => {
            return "not";
        }
        _ => {}
    }
    let bytes = word.as_bytes();
    let plural = bytes.len() > 3
        && bytes[bytes.len() - 1] == b's'
        && !matches!(bytes[bytes.len() - 2], b's' | b'u' | b'i');
    if plural {
        &word[..word.len() - 1]
    } else {
        word
    }
}

/// Words that carry no meaning in "can I use zoom?" or "send files to the police": question
/// words, pronouns, and the verbs of sharing that every tree is about (in normal form).
const STOP_WORDS: &[&str] = &[
    "a", "about", "am", "an", "and", "are", "as", "at", "be", "by", "can", "could", "do", "doe",
    "for", "from", "get", "has", "have", "how", "i", "if", "im", "in", "into", "is", "it", "me",
    "my", "need", "of", "on", "or", "our", "please", "send", "sending", "share", "sharing",
    "should", "so", "that", "the", "their", "them", "they", "this", "to", "use", "using", "via",
    "want", "was", "we", "what", "when", "which", "who", "will", "with", "would", "you", "your",
];

/// Words that say the words after them do not hold ("cannot use Teams", "without permission").
const NEGATIONS: &[&str] = &["cannot", "never", "no", "none", "nor", "not", "without"];

/// How many meaningful words after a negation it reaches: "can't use Teams, CJSM or Egress"
/// negates all three tools.
const NEGATION_REACH: usize = 4;

/// Common words a negation reaches across; any other common word ends it ("can't use Teams,
/// send it by email" does not negate email).
const NEGATION_GOES_ON: &[&str] = &["a", "an", "and", "any", "nor", "or", "the", "use", "using"];

/// Whether `word` (in normal form) is a common word that a search ignores.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word) || NEGATIONS.contains(&word)
}

/// Whether `word` (in normal form) is a negation.
pub fn is_negation(word: &str) -> bool {
    NEGATIONS.contains(&word)
}

/// One word of a query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryWord {
    /// The word in normal form.
    pub word: String,
    /// Whether a negation comes shortly before it.
    pub negated: bool,
}

/// Another name for something and the name the trees use, both as words in normal form.
#[derive(Clone, Debug, Default)]
pub struct Aliases {
    pairs: Vec<(Vec<String>, Vec<String>)>,
}

impl Aliases {
    /// The forms every query knows ("O-S" is OFFICIAL-SENSITIVE, "MS" is Microsoft), then one
    /// entry for each `(alias, name)` whose words are not already all in the name: "MS Teams" →
    /// "Microsoft Teams", "Hangouts" → "Google Meet" (but "Teams", being part of its name,
    /// needs nothing).
    pub fn new<'a>(names: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut aliases = Aliases::default();
        for (alias, name) in [
            ("o s", "official sensitive"),
            ("os", "official sensitive"),
            ("ms", "microsoft"),
        ]
        .into_iter()
        .chain(names)
        {
            let (alias, name) = (split_words(alias), split_words(name));
            if !alias.is_empty() && !alias.iter().all(|w| name.contains(w)) {
                aliases.pairs.push((alias, name));
            }
        }
        // Longer aliases first, so "Google Hangouts" is replaced whole before "Hangouts".
        aliases
            .pairs
            .sort_by_key(|(alias, _)| std::cmp::Reverse(alias.len()));
        aliases
    }

    /// `words` with every alias written as its name.
    fn rewrite(&self, words: Vec<String>) -> Vec<String> {
        let mut out = Vec::with_capacity(words.len());
        let mut i = 0;
        'words: while i < words.len() {
            for (alias, name) in &self.pairs {
                if words[i..].starts_with(alias) {
                    out.extend(name.iter().cloned());
                    i += alias.len();
                    continue 'words;
                }
            }
            out.push(words[i].clone());
            i += 1;
        }
        out
    }
}

/// The words of a query, each with whether it is negated; aliases written as names.
pub fn query_words(query: &str, aliases: &Aliases) -> Vec<QueryWord> {
    let words = aliases.rewrite(split_words(query));
    // Meaningful words since the last negation, while it still reaches.
    let mut reach: Option<usize> = None;
    words
        .into_iter()
        .map(|word| {
            if is_negation(&word) {
                reach = Some(0);
                return QueryWord {
                    word,
                    negated: false,
                };
            }
            reach = match reach {
                Some(n) if !is_stop_word(&word) && n < NEGATION_REACH => Some(n + 1),
                Some(n) if NEGATION_GOES_ON.contains(&word.as_str()) => Some(n),
                _ => None,
            };
            QueryWord {
                negated: reach.is_some(),
                word,
            }
        })
        .collect()
}

/// The words a query is matched on: all but the common words and the words said with a
/// negation ("cannot use Teams" is not about Teams: it decides an answer, see
/// [`super::picks`]), without repeats; all the words when that leaves none.
pub fn terms(words: &[QueryWord]) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    let meaningful = words
        .iter()
        .filter(|w| !is_stop_word(&w.word) && !w.negated);
    let chosen: Vec<&QueryWord> = if meaningful.clone().next().is_some() {
        meaningful.collect()
    } else {
        words.iter().collect()
    };
    for w in chosen {
        if !terms.contains(&w.word) {
            terms.push(w.word.clone());
        }
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_that_mean_the_same_meet() {
        assert_eq!(
            split_words("Can't use MS Teams"),
            ["cannot", "use", "ms", "team"]
        );
        assert_eq!(split_words("case papers"), ["case", "paper"]);
        assert_eq!(split_words("access this bus"), ["access", "this", "bus"]);
        assert_eq!(split_words("OFFICIAL-SENSITIVE"), ["official", "sensitive"]);
    }

    #[test]
    fn words_go_on_past_apostrophes_and_letters_beyond_ascii() {
        assert_eq!(
            split_words("Don’t rock'n'roll 'quoted' CAFÉ café—Straße x"),
            ["not", "rocknroll", "quoted", "café", "café", "straße", "x"]
        );
        assert_eq!(split_words("  Ünïcode's, end'"), ["ünïcode", "end"]);
        assert_eq!(split_words(""), Vec::<String>::new());
        assert_eq!(split_words("'"), Vec::<String>::new());
    }

    /// Words read char by char: what [`Splitter`] does quicker.
    fn words_char_by_char(text: &str) -> Vec<String> {
        let (mut words, mut word) = (Vec::new(), String::new());
        for c in text.chars().chain([' ']) {
            if c.is_alphanumeric() {
                word.extend(c.to_lowercase());
            } else if c != '\'' && c != '’' && !word.is_empty() {
                words.push(normal(&word).to_string());
                word.clear();
            }
        }
        words
    }

    proptest::proptest! {
        #[test]
        fn the_splitter_reads_words_as_char_by_char(text in "[a-zA-Z0-9 '’.,—éÉßİ\\-]{0,40}") {
            proptest::prop_assert_eq!(split_words(&text), words_char_by_char(&text));
        }
    }

    #[test]
    fn aliases_are_written_as_names() {
        let aliases = Aliases::new([
            ("MS Teams", "Microsoft Teams"),
            ("Teams", "Microsoft Teams"),
            ("Google Hangouts", "Google Meet"),
            ("Hangouts", "Google Meet"),
        ]);
        let words = |q: &str| -> Vec<String> {
            query_words(q, &aliases)
                .into_iter()
                .map(|w| w.word)
                .collect()
        };
        assert_eq!(words("MS Teams call"), ["microsoft", "team", "call"]);
        assert_eq!(words("teams"), ["team"]);
        assert_eq!(words("google hangouts"), ["google", "meet"]);
        assert_eq!(words("hangouts"), ["google", "meet"]);
        assert_eq!(
            words("an O-S document"),
            ["an", "official", "sensitive", "document"]
        );
    }

    #[test]
    fn a_negation_reaches_the_next_few_words() {
        let words = query_words(
            "a police force that can't use Teams or CJSM, send it by email",
            &Aliases::default(),
        );
        let negated: Vec<&str> = words
            .iter()
            .filter(|w| w.negated)
            .map(|w| w.word.as_str())
            .collect();
        assert_eq!(negated, ["use", "team", "or", "cjsm"]);
        let words = query_words("can't use Teams, CJSM or Egress", &Aliases::default());
        assert!(
            words
                .iter()
                .filter(|w| w.word == "egress")
                .all(|w| w.negated)
        );
    }

    #[test]
    fn common_words_are_left_out_unless_there_is_nothing_else() {
        let aliases = Aliases::default();
        assert_eq!(
            terms(&query_words("can I use the zoom app? zoom", &aliases)),
            ["zoom", "app"]
        );
        assert_eq!(terms(&query_words("to be", &aliases)), ["to", "be"]);
        assert_eq!(
            terms(&query_words("police who can't use Teams", &aliases)),
            ["police"]
        );
    }
}
