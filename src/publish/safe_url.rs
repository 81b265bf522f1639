//! Which addresses from a tree may become links in a published page: only `http`, `https` and
//! `mailto`. Anything else (`javascript:`, `data:`, `file:`, a relative path) is shown as text,
//! never followed.

/// `url` when it may be a link's `href`, else `None`.
pub fn href(url: &str) -> Option<&str> {
    let url = url.trim();
    let (scheme, rest) = url.split_once(':')?;
    let allowed = ["http", "https", "mailto"]
        .iter()
        .any(|s| scheme.eq_ignore_ascii_case(s));
    // A scheme is letters only; anything before the first `:` with other characters (a
    // path like `./a:b`) is not a scheme at all.
    let clean = !url.chars().any(|c| c.is_control() || c.is_whitespace());
    (allowed && clean && !rest.is_empty()).then_some(url)
}

/// The `mailto:` link of an email address, when the address reads as one.
pub fn mailto(email: &str) -> Option<String> {
    let email = email.trim();
    let looks_like_address = email.contains('@')
        && !email.contains(':')
        && !email.chars().any(|c| c.is_control() || c.is_whitespace());
    looks_like_address.then(|| format!("mailto:{email}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_and_mail_addresses_are_links() {
        assert_eq!(href("https://www.gov.uk/x"), Some("https://www.gov.uk/x"));
        assert_eq!(href("HTTP://example.org"), Some("HTTP://example.org"));
        assert_eq!(href("mailto:a@b.org"), Some("mailto:a@b.org"));
        assert_eq!(
            mailto("security@justice.gov.uk").as_deref(),
            Some("mailto:security@justice.gov.uk")
        );
    }

    #[test]
    fn scripts_data_files_and_relative_paths_are_not() {
        for url in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
            "vbscript:x",
            "./guidance.pdf",
            "//evil.example/x",
            "https:",
            "https://example.org/a b",
        ] {
            assert_eq!(href(url), None, "{url}");
        }
        assert_eq!(mailto("javascript:alert(1)//@x"), None);
        assert_eq!(mailto("not an address"), None);
    }
}
