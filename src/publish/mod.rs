//! Trees as web pages that work offline: one self-contained HTML file per tree (style, script
//! and data inline, nothing fetched), and an index page. With a script the page walks the tree
//! one question at a time; without one it reads as the whole tree. Written with maud, which
//! escapes every text; links only to `http`, `https` and `mailto` addresses; a
//! Content-Security-Policy lets only the page's own style and script apply.

mod machine;
mod markup;
mod names;
mod safe_url;

use base64::Engine as _;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use sha2::{Digest, Sha256};

use crate::tree::provenance::DRAFT_BANNER;
use crate::tree::{NodeKind, Provenance, Tree};

/// The page's style.
const STYLE: &str = include_str!("page.css");

/// The page's script: the walk.
const SCRIPT: &str = include_str!("walk.js");

/// Every page of a published folder: each tree's (under the name [`names::file_names`] gives
/// it) and the index, as (file name, HTML).
pub fn site(trees: &[Tree]) -> Vec<(String, String)> {
    let names = names::file_names(trees);
    let mut pages: Vec<(String, String)> = trees
        .iter()
        .zip(&names)
        .map(|(tree, name)| (name.clone(), page(tree)))
        .collect();
    pages.push(("index.html".to_string(), index(trees, &names)));
    pages
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
        @if tree.provenance.is_draft() {
            p.draft-banner { strong { (DRAFT_BANNER) } ": " (local_file(&tree.provenance).unwrap_or_default()) }
        }
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
        p.notice #version-notice role="status" hidden {
            "This link was made with another version of the tree (" span #link-version {} "; this page is version " (tree.version) "): check each answer below, as a question may have changed."
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
            p.start-again { a href="#answers=" data-restart { "Start again" } }
        }
        p.print-only #printed {}
    };
    document(
        &tree.title,
        body,
        Some((&machine::script_text(&machine), &tree.version)),
        &footer(tree),
    )
}

/// The index of published trees: each tree's title, summary and page (`names`, one per tree).
fn index(trees: &[Tree], names: &[String]) -> String {
    let body = html! {
        h1 { "Which tool should I use?" }
        p.lead { "Answer a few questions to find the approved way to share information, with the guidance behind each answer and who to ask." }
        ul.trees {
            @for (tree, name) in trees.iter().zip(names) {
                li {
                    a href=(name) { (tree.title) }
                    @if tree.provenance.is_draft() { " " strong { "(" (DRAFT_BANNER) ")" } }
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
        p { "Source: " (source(&tree.provenance)) ". Made with signpost " (env!("CARGO_PKG_VERSION")) "." }
        p.no-print { "Every passage is quoted word for word from the document named under it. This page works offline and fetches nothing." }
    }
}

/// Where the tree came from, as [`Provenance::describe`] says it but naming a local file by
/// its name alone: a page put on a shared drive does not give away the author's folders.
fn source(provenance: &Provenance) -> String {
    match (provenance, local_file(provenance)) {
        (Provenance::Local { draft: true, .. }, Some(file)) => format!("{DRAFT_BANNER}: {file}"),
        (_, Some(file)) => file,
        (_, None) => provenance.describe(),
    }
}

/// "local file share.ron (SHA-256 ff0e664f8bec…)", for a tree from a local file.
fn local_file(provenance: &Provenance) -> Option<String> {
    let Provenance::Local { path, sha256, .. } = provenance else {
        return None;
    };
    let name = std::path::Path::new(path)
        .file_name()
        .map_or(path.clone(), |n| n.to_string_lossy().into_owned());
    let short = sha256.get(..12).unwrap_or(sha256);
    Some(format!("local file {name} (SHA-256 {short}…)"))
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

/// The Content-Security-Policy of every page: the page's own style and script, each named by
/// its hash, and nothing else — no other style or script, no image, no request anywhere.
fn security_policy() -> String {
    format!(
        "default-src 'none'; style-src '{}'; script-src '{}'; img-src 'none'; base-uri 'none'; form-action 'none'",
        hash_source(STYLE),
        hash_source(SCRIPT)
    )
}

/// A policy's name for an inline style or script: `sha256-` and its digest in base64.
fn hash_source(text: &str) -> String {
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text))
    )
}

/// A whole HTML document: style inline, the walk's script and its data when the page has a
/// tree, and a policy that lets nothing else run or load.
fn document(title: &str, main: Markup, walk: Option<(&str, &str)>, footer: &Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="en-GB" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="Content-Security-Policy" content=(security_policy());
                title { (title) }
                style { (PreEscaped(STYLE)) }
                @if let Some((machine, _)) = walk {
                    script #machine type="application/json" { (PreEscaped(machine)) }
                    script { (PreEscaped(SCRIPT)) }
                }
            }
            body data-title=(title) data-version=[walk.map(|(_, version)| version)] {
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
    fn the_policy_lets_the_shipped_style_and_script_apply_and_nothing_else() {
        let page = page(&crate::catalog::shipped("share"));
        assert!(page.contains(&format!("script-src '{}'", hash_source(SCRIPT))));
        assert!(page.contains(&format!("style-src '{}'", hash_source(STYLE))));
        // Verbatim, or the hashes would not match.
        assert!(page.contains(&format!("<script>{SCRIPT}</script>")));
        assert!(page.contains(&format!("<style>{STYLE}</style>")));
        assert!(!page.contains("unsafe-inline") && !page.contains(" style=\""));
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
    fn a_local_file_is_named_without_its_folders() {
        let draft = Provenance::local("/home/author/drafts/share.ron", "text", true);
        let said = source(&draft);
        assert!(
            said.starts_with(
                "LOCAL DRAFT — not the published advice: local file share.ron (SHA-256 "
            ),
            "{said}"
        );
        assert!(!said.contains("/home"));
    }
}
