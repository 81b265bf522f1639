//! The colour themes by name, as people write them in `config.ron` and after `--theme`: the one
//! list the config, the command line and the app read.

/// The themes a person can choose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThemeName {
    /// The 16 named terminal colours, so the user's palette applies.
    Default,
    /// White on black, bold, for projectors and low vision.
    HighContrast,
    /// No colour at all: bold, underline and reverse video only.
    Monochrome,
}

impl ThemeName {
    /// Every theme, in the order the theme key cycles through them.
    pub const ALL: [ThemeName; 3] = [
        ThemeName::Default,
        ThemeName::HighContrast,
        ThemeName::Monochrome,
    ];

    /// The next theme, for the theme key.
    pub fn next(self) -> Self {
        let i = Self::ALL.iter().position(|t| *t == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    /// The name as written in `config.ron` and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ThemeName::Default => "default",
            ThemeName::HighContrast => "high-contrast",
            ThemeName::Monochrome => "monochrome",
        }
    }

    /// What the theme is for, for `--help`.
    pub fn description(self) -> &'static str {
        match self {
            ThemeName::Default => "The terminal's own 16 colours.",
            ThemeName::HighContrast => "White on black, bold: for projectors and low vision.",
            ThemeName::Monochrome => "No colour: bold, underline and reverse video only.",
        }
    }

    /// The theme called `name`, if there is one.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == name)
    }

    /// Every name, quoted, for messages: `"default", "high-contrast" or "monochrome"`.
    pub fn names() -> String {
        let quoted: Vec<String> = Self::ALL
            .iter()
            .map(|t| format!("\"{}\"", t.as_str()))
            .collect();
        crate::wording::or_list(&quoted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_the_theme_key_visits_every_theme() {
        for theme in ThemeName::ALL {
            assert_eq!(ThemeName::parse(theme.as_str()), Some(theme));
        }
        assert_eq!(ThemeName::parse("purple"), None);
        let mut seen = vec![ThemeName::Default];
        while seen.len() < 4 {
            seen.push(seen.last().unwrap().next());
        }
        assert_eq!(seen[3], ThemeName::Default);
        assert_eq!(
            ThemeName::names(),
            "\"default\", \"high-contrast\" or \"monochrome\""
        );
    }
}
