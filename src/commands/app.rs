//! `signpost [TREE]`: the full-screen app, or the plain mode when the terminal cannot host it.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use std::path::Path;

use anyhow::Context;

use crate::cli::Global;
use signpost::catalog::{Catalog, Selection};
use signpost::config::Config;
use signpost::tui::app::App;
use signpost::tui::keymap::Keymap;
use signpost::tui::theme::{ThemeName, no_color_requested};

/// Runs the app (or plain mode) on the shipped trees, config folders, the user's trees folder
/// and `--trees`, opening `tree` when given.
pub fn run(global: &Global, tree: Option<&str>) -> Result<ExitCode> {
    if global.plain || signpost::plain::should_use_plain() {
        return super::ask::interactive(global, tree, false);
    }
    let mut app = build(global, tree)?;
    signpost::tui::run_in_terminal(&mut app, |_| {})?;
    Ok(ExitCode::SUCCESS)
}

/// `signpost present [TREE]`: the app in presentation mode.
pub fn present(global: &Global, tree: Option<&str>) -> Result<ExitCode> {
    if global.plain || signpost::plain::should_use_plain() {
        anyhow::bail!(
            "presentation mode needs a full-screen terminal; for a line-based walk use `signpost ask`"
        );
    }
    let mut app = build(global, tree)?;
    app.toggle_presentation();
    signpost::tui::run_in_terminal(&mut app, |_| {})?;
    Ok(ExitCode::SUCCESS)
}

/// The app as it starts: config read (problems shown in a banner), trees loaded, theme chosen.
pub fn build(global: &Global, tree: Option<&str>) -> Result<App> {
    let config = Config::load();
    let mut paths = super::tree_paths(global, &config);
    if let Some(arg) = tree.filter(|a| super::is_path(a)) {
        paths.push(PathBuf::from(arg));
    }
    let mut catalog =
        Catalog::load(&Selection::new(true, paths).with_packs(&config.packs, &config.trusted_keys));
    catalog.set_aside_trees_with_broken_neighbours();
    let index = match tree {
        Some(arg) => {
            let wanted = if super::is_path(arg) {
                PathBuf::from(arg).display().to_string()
            } else {
                String::new()
            };
            match catalog
                .trees
                .iter()
                .position(|t| t.id == arg || t.origin == wanted)
            {
                Some(i) => Some(i),
                // Not loaded: let resolve_tree explain why (diagnostics, or the list of ids).
                None => {
                    return Err(super::resolve_tree(global, arg)
                        .err()
                        .unwrap_or_else(|| anyhow::anyhow!("could not open {arg}")));
                }
            }
        }
        None => None,
    };
    let theme = theme(global.theme, config.theme);
    let records = signpost::record::records_dir().map_err(|e| e.to_string());
    // A refused update is said on the home screen, with the config file's problems.
    let mut banner = config.problems;
    banner.extend(catalog.refused_packs.iter().cloned());
    let mut app = with_config_keys(App::new(catalog, theme, banner, records), &config.keys);
    app.set_decided_by(config.name);
    if let Some(i) = index {
        app.open_tree(i);
    }
    Ok(app)
}

/// `app` with the keys changed in `config.ron`; problems with them join the banner.
fn with_config_keys(mut app: App, keys: &[signpost::config::KeyOverride]) -> App {
    let (keymap, problems) = Keymap::with_overrides(keys);
    app.set_keymap(keymap);
    app.add_to_banner(problems);
    app
}

/// `signpost preview FILE`: the app on one file, reloading on every save.
pub fn preview(global: &Global, file: &Path, sources: Option<&Path>) -> Result<ExitCode> {
    use signpost::tui::preview;
    if global.plain || signpost::plain::should_use_plain() {
        anyhow::bail!(
            "preview needs a terminal; to check the file from a script use `signpost check {}`",
            file.display()
        );
    }
    let config = Config::load();
    let records = signpost::record::records_dir().map_err(|e| e.to_string());
    let mut app = with_config_keys(
        App::new(
            Catalog::default(),
            theme(global.theme, config.theme),
            config.problems,
            records,
        ),
        &config.keys,
    );
    app.start_preview(file.to_path_buf());
    let (tree, diagnostics) = load_for_preview(file, sources);
    let watched = preview::watched_files(file, tree.as_ref(), sources);
    app.reload(tree, diagnostics, &now());
    let mut watcher = signpost::tui::watch::FileWatcher::of(&watched)
        .with_context(|| format!("cannot watch {}", file.display()))?;
    signpost::tui::run_in_terminal(&mut app, |app| {
        if watcher.changed() {
            let (tree, diagnostics) = load_for_preview(file, sources);
            app.reload(tree, diagnostics, &now());
        }
    })?;
    Ok(ExitCode::SUCCESS)
}

/// The previewed tree and its diagnostics, with every quote checked when `sources` is given.
fn load_for_preview(
    file: &Path,
    sources: Option<&Path>,
) -> (
    Option<signpost::tree::Tree>,
    Vec<signpost::diagnostic::Diagnostic>,
) {
    let catalog = signpost::tui::preview::load_catalog(file, signpost::tree::today());
    let mut diagnostics = catalog.diagnostics.clone();
    if let Some(dir) = sources {
        diagnostics.extend(super::check::check_quotes(&catalog, dir).0);
    }
    (catalog.trees.into_iter().next(), diagnostics)
}

fn now() -> String {
    chrono::Local::now().format("%H:%M:%S").to_string()
}

fn theme(arg: Option<ThemeName>, configured: Option<ThemeName>) -> ThemeName {
    if no_color_requested() {
        return ThemeName::Monochrome;
    }
    arg.or(configured).unwrap_or(ThemeName::Default)
}
