//! The app's keys, one row per binding: where it works, its keys, what it does, and how the
//! footer, the `?` help and the user guide describe it. Rows are grouped by screen; within a
//! context the footer and the help list them in this order.

use ratatui::crossterm::event::KeyCode::{
    Backspace, Char, Down, Enter, Esc, F, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

use super::Context::{
    Changing, ChangingChecklist, Checklist, Help, HomeEmpty, HomeTyping, Map, Outcome, Present,
    Question, Search, Trail,
};
use super::{Action, Binding, Context, Does, Hint, Key};

/// Every context.
const EVERYWHERE: &[Context] = &Context::ALL;
/// Walking a tree: a question, an outcome, a checklist, or any of them in presentation mode.
const WALKING: &[Context] = &[Question, Outcome, Checklist, Present];
/// Walking a tree or changing an earlier answer.
const ANSWERING: &[Context] = &[
    Question,
    Outcome,
    Checklist,
    Present,
    Changing,
    ChangingChecklist,
];
/// Walking a tree or changing an earlier answer, outside presentation mode.
const ON_SCREEN: &[Context] = &[Question, Outcome, Checklist, Changing, ChangingChecklist];
/// Where Space scrolls the guidance.
const SCROLLING: &[Context] = &[Question, Outcome, Changing];
/// A checklist, where Space ticks.
const TICKING: &[Context] = &[Checklist, ChangingChecklist];
/// The home screen and the search pop-up: typing searches.
const SEARCHING: &[Context] = &[HomeEmpty, HomeTyping, Search];

const fn code(code: ratatui::crossterm::event::KeyCode) -> Key {
    Key::Code(code)
}

const fn act(action: Action) -> Does {
    Does::Act(action)
}

const fn hint(on: &'static [Context], keys: &'static str, says: &'static str) -> Hint {
    Hint { on, keys, says }
}

/// The bindings, in the order the footer and the help list them.
pub const BINDINGS: &[Binding] = &[
    // The help.
    Binding {
        on: &[Help],
        keys: &[Key::Any],
        does: act(Action::Close),
        label: "any key",
        help: "close this help",
        footer: &[hint(&[Help], "any key", "close")],
    },
    // The home screen and the search pop-up.
    Binding {
        on: SEARCHING,
        keys: &[Key::Typed],
        does: Does::Type,
        label: "type",
        help: "search every tree (questions, answers, outcomes, guidance)",
        footer: &[hint(SEARCHING, "type", "search")],
    },
    Binding {
        on: SEARCHING,
        keys: &[code(Up)],
        does: act(Action::Up),
        label: "↑ ↓  Tab",
        help: "move through the trees, or through the search results",
        footer: &[hint(SEARCHING, "↑↓", "move")],
    },
    Binding {
        on: SEARCHING,
        keys: &[code(Down), code(Tab)],
        does: act(Action::Down),
        label: "",
        help: "",
        footer: &[],
    },
    Binding {
        on: SEARCHING,
        keys: &[code(Enter)],
        does: act(Action::Select),
        label: "Enter",
        help: "open the selected tree, or the selected result",
        footer: &[hint(SEARCHING, "Enter", "open")],
    },
    Binding {
        on: SEARCHING,
        keys: &[code(Backspace)],
        does: act(Action::Erase),
        label: "Backspace",
        help: "delete the last letter of the search",
        footer: &[],
    },
    Binding {
        on: &[HomeEmpty],
        keys: &[code(Char('?')), code(F(1))],
        does: act(Action::Help),
        label: "?  F1",
        help: "this list of keys (`?` only while the search box is empty: otherwise it is typed)",
        footer: &[hint(&[HomeEmpty], "?", "help")],
    },
    Binding {
        on: &[HomeTyping],
        keys: &[code(F(1))],
        does: act(Action::Help),
        label: "F1",
        help: "this list of keys",
        footer: &[],
    },
    Binding {
        on: SEARCHING,
        keys: &[code(Esc)],
        does: act(Action::Close),
        label: "Esc",
        help: "clear the search; with an empty search, quit (in the search pop-up: close it)",
        footer: &[
            hint(&[HomeEmpty], "Esc", "quit"),
            hint(&[HomeTyping], "Esc", "clear the search"),
            hint(&[Search], "Esc", "close"),
        ],
    },
    // Walking a tree.
    Binding {
        on: &[Present],
        keys: &[code(Char(' ')), code(Right), code(Char('l'))],
        does: act(Action::Reveal),
        label: "Space  →  l",
        help: "show the next part of the step: the options, the guidance, then the verdict",
        footer: &[hint(&[Present], "Space", "reveal next")],
    },
    Binding {
        on: ANSWERING,
        keys: &[code(Char('s'))],
        does: act(Action::Save),
        label: "s",
        help: "save a decision record (on an outcome)",
        footer: &[hint(&[Outcome], "s", "save record")],
    },
    Binding {
        on: TICKING,
        keys: &[code(Char(' '))],
        does: act(Action::Toggle),
        label: "Space",
        help: "tick or untick the selected item",
        footer: &[
            hint(&[Checklist], "Space 1-9", "tick"),
            hint(&[ChangingChecklist], "Space", "tick"),
        ],
    },
    Binding {
        on: ANSWERING,
        keys: &[Key::Digits],
        does: Does::Choose,
        label: "1-9",
        help: "choose that answer (where several answers can apply: tick or untick that one)",
        footer: &[
            hint(&[Question, Present], "1-9", "choose"),
            hint(&[Changing], "1-9", "choose the new answer"),
        ],
    },
    Binding {
        on: ANSWERING,
        keys: &[code(Up), code(Char('k'))],
        does: act(Action::Up),
        label: "↑ ↓  k j",
        help: "move the selection (on an outcome: scroll the outcome)",
        footer: &[
            hint(
                &[Question, Checklist, Changing, ChangingChecklist],
                "↑↓",
                "move",
            ),
            hint(&[Outcome], "↑↓", "scroll"),
        ],
    },
    Binding {
        on: ANSWERING,
        keys: &[code(Down), code(Char('j'))],
        does: act(Action::Down),
        label: "",
        help: "",
        footer: &[],
    },
    Binding {
        on: &[Present],
        keys: &[code(Enter)],
        does: act(Action::Select),
        label: "Enter",
        help: "reveal the next part; once everything is shown, choose the highlighted answer",
        footer: &[],
    },
    Binding {
        on: ON_SCREEN,
        keys: &[code(Enter)],
        does: act(Action::Select),
        label: "Enter",
        help: "choose the selected answer (where several can apply: confirm the ticked ones)",
        footer: &[
            hint(&[Checklist], "Enter", "confirm"),
            hint(&[Changing], "Enter", "choose"),
            hint(&[ChangingChecklist], "Enter", "confirm the new answer"),
        ],
    },
    Binding {
        on: WALKING,
        keys: &[code(Left), code(Backspace), code(Char('h'))],
        does: act(Action::Back),
        label: "←  Backspace  h",
        help: "go back one answer",
        footer: &[hint(WALKING, "←", "back")],
    },
    Binding {
        on: &[Changing, ChangingChecklist],
        keys: &[code(Esc), code(Left), code(Backspace), code(Char('h'))],
        does: act(Action::Close),
        label: "Esc  ←  Backspace  h",
        help: "cancel the change: the answer stays as it was",
        footer: &[
            hint(&[Changing], "Esc ←", "cancel"),
            hint(&[ChangingChecklist], "Esc", "cancel"),
        ],
    },
    Binding {
        on: ANSWERING,
        keys: &[code(Tab)],
        does: act(Action::Trail),
        label: "Tab",
        help: "go to your answers, to change one (← → to pick, Enter to change)",
        footer: &[hint(
            &[Question, Outcome, Checklist],
            "Tab",
            "change an answer",
        )],
    },
    Binding {
        on: ANSWERING,
        keys: &[code(Char('r'))],
        does: act(Action::Restart),
        label: "r",
        help: "start this tree again (all answers are cleared)",
        footer: &[hint(&[Outcome], "r", "restart")],
    },
    Binding {
        on: ANSWERING,
        keys: &[code(Char('/'))],
        does: act(Action::Search),
        label: "/",
        help: "search every tree, in a pop-up over the walk",
        footer: &[hint(&[Question, Outcome], "/", "search")],
    },
    Binding {
        on: ANSWERING,
        keys: &[code(Char('t')), code(Home)],
        does: act(Action::Home),
        label: "t  Home",
        help: "back to the list of trees (the walk is not kept)",
        footer: &[],
    },
    Binding {
        on: SCROLLING,
        keys: &[code(PageUp)],
        does: act(Action::ScrollUp),
        label: "PgUp  PgDn  Space",
        help: "scroll the guidance",
        footer: &[],
    },
    Binding {
        on: SCROLLING,
        keys: &[code(PageDown), code(Char(' '))],
        does: act(Action::ScrollDown),
        label: "",
        help: "",
        footer: &[],
    },
    Binding {
        on: TICKING,
        keys: &[code(PageUp)],
        does: act(Action::ScrollUp),
        label: "PgUp  PgDn",
        help: "scroll the guidance (Space ticks here)",
        footer: &[],
    },
    Binding {
        on: TICKING,
        keys: &[code(PageDown)],
        does: act(Action::ScrollDown),
        label: "",
        help: "",
        footer: &[],
    },
    Binding {
        on: ANSWERING,
        keys: &[code(Char('c'))],
        does: act(Action::Theme),
        label: "c",
        help: "switch colours: default, high contrast, monochrome",
        footer: &[],
    },
    Binding {
        on: ANSWERING,
        keys: &[code(Char('m'))],
        does: act(Action::Map),
        label: "m",
        help: "a map of the whole tree (↑ ↓ move, ← → or Space fold and unfold, Enter go to that step, Esc or m close)",
        footer: &[hint(&[Present], "m", "map")],
    },
    Binding {
        on: ANSWERING,
        keys: &[code(Char('p'))],
        does: act(Action::Present),
        label: "p",
        help: "presentation mode, for training: Space reveals the options, the guidance, then the verdict; p again ends it",
        footer: &[hint(&[Present], "p", "end presentation")],
    },
    Binding {
        on: &[
            Question,
            Outcome,
            Checklist,
            Present,
            Changing,
            ChangingChecklist,
            Trail,
            Map,
        ],
        keys: &[code(Char('?')), code(F(1))],
        does: act(Action::Help),
        label: "?  F1",
        help: "the list of keys; any key closes it",
        footer: &[hint(&[Question, Outcome, Checklist], "?", "help")],
    },
    Binding {
        on: WALKING,
        keys: &[code(Char('q')), code(Esc)],
        does: act(Action::Quit),
        label: "q  Esc",
        help: "quit",
        footer: &[hint(WALKING, "q", "quit")],
    },
    Binding {
        on: &[Changing, ChangingChecklist],
        keys: &[code(Char('q'))],
        does: act(Action::Quit),
        label: "q",
        help: "quit",
        footer: &[],
    },
    // The trail of answers.
    Binding {
        on: &[Trail],
        keys: &[code(Left), code(Char('h')), code(Up), code(Char('k'))],
        does: act(Action::Left),
        label: "← →  ↑ ↓  h l  k j",
        help: "pick one of your answers",
        footer: &[hint(&[Trail], "← →", "pick an answer")],
    },
    Binding {
        on: &[Trail],
        keys: &[code(Right), code(Char('l')), code(Down), code(Char('j'))],
        does: act(Action::Right),
        label: "",
        help: "",
        footer: &[],
    },
    Binding {
        on: &[Trail],
        keys: &[code(Enter)],
        does: act(Action::Select),
        label: "Enter",
        help: "change the picked answer",
        footer: &[hint(&[Trail], "Enter", "change it")],
    },
    Binding {
        on: &[Trail],
        keys: &[code(Tab), code(Esc)],
        does: act(Action::Close),
        label: "Tab  Esc",
        help: "back to the question",
        footer: &[hint(&[Trail], "Tab", "back to the question")],
    },
    Binding {
        on: &[Trail, Map],
        keys: &[code(Char('q'))],
        does: act(Action::Quit),
        label: "q",
        help: "quit",
        footer: &[],
    },
    // The tree map.
    Binding {
        on: &[Map],
        keys: &[code(Up), code(Char('k'))],
        does: act(Action::Up),
        label: "↑ ↓  k j",
        help: "move through the map",
        footer: &[hint(&[Map], "↑↓", "move")],
    },
    Binding {
        on: &[Map],
        keys: &[code(Down), code(Char('j'))],
        does: act(Action::Down),
        label: "",
        help: "",
        footer: &[],
    },
    Binding {
        on: &[Map],
        keys: &[code(Enter)],
        does: act(Action::Select),
        label: "Enter",
        help: "go to the selected step",
        footer: &[hint(&[Map], "Enter", "go to this step")],
    },
    Binding {
        on: &[Map],
        keys: &[
            code(Char(' ')),
            code(Left),
            code(Right),
            code(Char('h')),
            code(Char('l')),
        ],
        does: act(Action::Toggle),
        label: "Space  ← →  h l",
        help: "fold or unfold the selected question",
        footer: &[hint(&[Map], "Space ← →", "fold")],
    },
    Binding {
        on: &[Map],
        keys: &[code(Esc), code(Char('m'))],
        does: act(Action::Close),
        label: "Esc  m",
        help: "close the map",
        footer: &[hint(&[Map], "Esc", "close map")],
    },
    // Anywhere; last, so the help lists it last.
    Binding {
        on: EVERYWHERE,
        keys: &[Key::Ctrl('c')],
        does: act(Action::Quit),
        label: "Ctrl-C",
        help: "quit",
        footer: &[],
    },
    // What adding a key takes, in test builds only: this row, and the handler for
    // `Action::Count` in `App::next` (see the test `a_new_key_is_one_row_and_its_handler`).
    #[cfg(test)]
    Binding {
        on: &[Question],
        keys: &[code(Char('#'))],
        does: act(Action::Count),
        label: "#",
        help: "count the questions answered so far",
        footer: &[hint(&[Question], "#", "count")],
    },
];
