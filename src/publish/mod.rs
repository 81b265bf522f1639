//! Trees as web pages that work offline: one self-contained HTML file per tree (style, script
//! and data inline, nothing fetched), and an index page. With a script the page walks the tree
//! one question at a time; without one it reads as the whole tree. Written with maud, which
//! escapes every text; links only to `http`, `https` and `mailto` addresses; a
//! Content-Security-Policy lets only the page's own script run.

mod machine;
mod markup;
mod safe_url;

use base64::Engine as _;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use sha2::{Digest, Sha256};

use crate::tree::{NodeKind, Tree};

/// The page's style.
const STYLE: &str = include_str!("page.css");

/// The page's script: the walk.
const SCRIPT: &str = include_str!("walk.js");

/// The file a tree's page is published as: its id, made safe for a file name, and `.html`.
pub fn file_name(tree: &Tree) -> String {
    file_name_of(&tree.id)
}

fn file_name_of(id: &str) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("{safe}.html")
}

/// The page of one tree.
pub fn page(tree: &Tree) -> String {
    let mut nodes = markup::Nodes::new(tree);
    let order = nodes.order();
    let sections: Vec<Markup> = order.iter().map(|&id| nodes.section(id)).collect();
    let contents = contents(tree, &nodes, &order);
    let start = nodes.anchor(tree.start).to_string();
    let machine = machine::machine(tree, &mut nodes.into_conditions());
    let body = html! {
        h1 { (tree.title) }
        p.lead { (tree.summary) }
        a.back-link.js-only #back href="#answers=" hidden { "Back" }
        div.error-summary #error-summary role="alert" tabindex="-1" hidden {
            h2 { "There is a problem" }
            ul { li { a href="#" { "Select an answer" } } }
        }
        p.notice #notice role="status" hidden {
            "The answers in this link do not fit this version of the tree: the ones that fit are kept."
        }
        div.nojs-only {
            p { "This page holds every question and outcome of the tree. Start at "
                a href={ "#" (start) } { "the first question" } " and follow the answers." }
            (contents)
        }
        @for section in &sections { (section) }
        section.js-only #your-answers aria-labelledby="your-answers-heading" hidden {
            h2 #your-answers-heading { "Your answers" }
            dl.summary #answer-list {}
            p.start-again { a href="#answers=" { "Start again" } }
        }
        p.print-only #printed {}
    };
    document(
        &tree.title,
        body,
        Some(&machine::script_text(&machine)),
        &footer(tree),
    )
}

/// The index of published trees: each tree's title, summary and page.
pub fn index(trees: &[Tree]) -> String {
    let body = html! {
        h1 { "Which tool should I use?" }
        p.lead { "Answer a few questions to find the approved way to share information, with the guidance behind each answer and who to ask." }
        ul.trees {
            @for tree in trees {
                li {
                    a href=(file_name(tree)) { (tree.title) }
                    br;
                    span.meta { (tree.summary) }
                }
            }
        }
    };
    let footer = html! {
        p { "Made with signpost " (env!("CARGO_PKG_VERSION")) ". Each page works offline and fetches nothing." }
    };
    document("Which tool should I use?", body, None, &footer)
}

/// Who owns the tree, its version and review date, and where it came from.
fn footer(tree: &Tree) -> Markup {
    html! {
        p { "Tree " code { (tree.id) } ", version " (tree.version) ", owned by " (tree.owner) "; due for review by " (tree.review_by) "." }
        p { "Source: " (tree.provenance.describe()) ". Made with signpost " (env!("CARGO_PKG_VERSION")) "." }
        p.no-print { "Every passage is quoted word for word from the document named under it. This page works offline and fetches nothing." }
    }
}

/// The list of questions and outcomes, for reading without a script.
fn contents(tree: &Tree, nodes: &markup::Nodes, order: &[crate::tree::NodeId]) -> Markup {
    let asks = |kind: &NodeKind| matches!(kind, NodeKind::Question(_) | NodeKind::Checklist(_));
    html! {
        nav.contents aria-labelledby="contents-heading" {
            h2 #contents-heading { "Contents" }
            h3 { "Questions" }
            ol {
                @for &id in order.iter().filter(|&&id| asks(&tree.node(id).kind)) {
                    li { a href={ "#" (nodes.anchor(id)) } { (tree.node(id).title()) } }
                }
            }
            h3 { "Outcomes" }
            ol {
                @for &id in order.iter().filter(|&&id| tree.outcome(id).is_some()) {
                    li { a href={ "#" (nodes.anchor(id)) } { (tree.node(id).title()) } }
                }
            }
        }
    }
}

/// The Content-Security-Policy of every page: inline style, the walk's own script (named by
/// its hash) and nothing else — no other script, no image, no request anywhere.
fn security_policy() -> String {
    let script_hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(SCRIPT));
    format!(
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{script_hash}'; img-src 'none'; base-uri 'none'; form-action 'none'"
    )
}

/// A whole HTML document: style inline, the walk's script and its data when the page has a
/// tree, and a policy that lets nothing else run or load.
fn document(title: &str, main: Markup, machine: Option<&str>, footer: &Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="en-GB" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="Content-Security-Policy" content=(security_policy());
                title { (title) }
                style { (PreEscaped(STYLE)) }
                @if let Some(machine) = machine {
                    script #machine type="application/json" { (PreEscaped(machine)) }
                    script { (PreEscaped(SCRIPT)) }
                }
            }
            body data-title=(title) {
                a.skip-link href="#main" { "Skip to main content" }
                header.masthead {
                    div.width { p { "signpost " span { "· which tool should I use?" } } }
                }
                div.width {
                    main #main tabindex="-1" { (main) }
                }
                footer { div.width { (footer) } }
            }
        }
    }
    .into_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::export::Numbering;

    #[test]
    fn the_policy_lets_the_shipped_script_run_and_nothing_else() {
        let page = page(&crate::catalog::shipped("share"));
        let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(SCRIPT));
        assert!(page.contains(&format!("script-src 'sha256-{hash}'")));
        assert!(
            page.contains(&format!("<script>{SCRIPT}</script>")),
            "verbatim, or the hash would not match"
        );
        assert!(page.contains("default-src 'none'"));
    }

    #[test]
    fn every_node_has_a_section_at_its_handbook_anchor() {
        let tree = crate::catalog::shipped("share");
        let page = page(&tree);
        let numbering = Numbering::of(&tree);
        for id in tree.node_ids() {
            let anchor = numbering.anchor(id).expect("an anchor");
            assert!(page.contains(&format!("id=\"{anchor}\"")), "{anchor}");
        }
    }

    #[test]
    fn file_names_keep_to_safe_characters() {
        assert_eq!(file_name_of("share"), "share.html");
        assert_eq!(file_name_of("../etc/x y"), "---etc-x-y.html");
    }
}
