//! The app's keys, one row per binding: where it works, its keys, what it does, and how the
//! footer, the `?` help and the user guide describe it. Rows are grouped by screen; within a
//! context the footer and the help list them in this order.

use ratatui::crossterm::event::KeyCode::{
    Backspace, Char, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

use super::Context::{
    Changing, ChangingChecklist, Checklist, Help, HomeEmpty, HomeTyping, Map, MapTyping, Note,
    Outcome, Present, Question, Quitting, RoomDone, RoomMarked, RoomWalk, Search, Trail,
};
use super::{Action, Binding, Context, Does, Hint, Key};

/// Every context.
const EVERYWHERE: &[Context] = &Context::ALL;
/// Walking a tree: a question, an outcome, a checklist, or any of them in presentation mode.
const WALKING: &[Context] = &[Question, Outcome, Checklist, Present, RoomWalk];
/// Presenting a step to a room: presentation mode, and the quiz for a room.
const PRESENTING: &[Context] = &[Present, RoomWalk];
/// Where the digits and ↑ ↓ choose an answer: answering, and the quiz for a room.
const CHOOSING: &[Context] = &joined::<7>(ANSWERING, &[RoomWalk]);
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

/// `a` then `b`, as one list of `N` contexts (`N` is their lengths added).
const fn joined<const N: usize>(a: &[Context], b: &[Context]) -> [Context; N] {
    assert!(a.len() + b.len() == N, "N is the two lists' lengths added");
    let mut out = [Context::HomeEmpty; N];
    let mut i = 0;
    while i < a.len() {
        out[i] = a[i];
        i += 1;
    }
    let mut j = 0;
    while j < b.len() {
        out[i + j] = b[j];
        j += 1;
    }
    out
}

const fn code(code: ratatui::crossterm::event::KeyCode) -> Key {
    Key::Code(code)
}

const fn act(action: Action) -> Does {
    Does::Act(action)
}

const fn hint(on: &'static [Context], keys: &'static str, says: &'static str) -> Hint {
    Hint { on, keys, says }
}

/// A row: `on` these contexts, these `keys` do that. With no words (`.says`), the help shows it
/// together with the row before it (↓ with ↑).
const fn bind(on: &'static [Context], keys: &'static [Key], does: Does) -> Binding {
    Binding {
        on,
        keys,
        does,
        label: "",
        help: "",
        footer: &[],
    }
}

/// The bindings, in the order the footer and the help list them.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    // The help.
    bind(&[Help], &[code(Down), code(PageDown), code(Char('j'))], act(Action::ScrollDown))
        .says("↓  PgDn  j  ↑  PgUp  k", "scroll this help, when it is longer than the window")
        .footer(&[hint(&[Help], "↑↓", "scroll")]),
    bind(&[Help], &[code(Up), code(PageUp), code(Char('k'))], act(Action::ScrollUp)),
    bind(&[Help], &[Key::Any], act(Action::Close))
        .says("any other key", "close this help")
        .footer(&[hint(&[Help], "any other key", "close")]),
    // The home screen and the search pop-up.
    bind(SEARCHING, &[Key::Typed], Does::Type)
        .says("type", "search every tree (questions, answers, outcomes, guidance)")
        .footer(&[hint(SEARCHING, "type", "search")]),
    bind(&[HomeEmpty], &[Key::Digits], Does::Choose)
        .says("1-9  /", "open the tree with that number (two digits past nine trees: the footer says how far they go); `/` or a letter starts a search")
        .footer(&[hint(&[HomeEmpty], "1-9", "open")]),
    bind(&[HomeEmpty], &[code(Char('/'))], act(Action::Search)),
    bind(SEARCHING, &[code(Up)], act(Action::Up))
        .says("↑ ↓  Tab", "move through the trees, or through the search results")
        .footer(&[hint(SEARCHING, "↑↓", "move")]),
    bind(SEARCHING, &[code(Down), code(Tab)], act(Action::Down)),
    bind(SEARCHING, &[code(Enter)], act(Action::Select))
        .says("Enter", "open the selected tree, or the selected result")
        .footer(&[hint(SEARCHING, "Enter", "open")]),
    bind(SEARCHING, &[code(Backspace)], act(Action::Erase))
        .says("Backspace", "delete the last letter of the search"),
    bind(&[HomeEmpty], &[code(Char('?')), code(F(1))], act(Action::Help))
        .says("?  F1", "this list of keys (`?` only while the search box is empty: otherwise it is typed)")
        .footer(&[hint(&[HomeEmpty], "?", "help")]),
    bind(&[HomeTyping], &[code(F(1))], act(Action::Help))
        .says("F1", "this list of keys"),
    bind(SEARCHING, &[code(Esc)], act(Action::Close))
        .says("Esc", "clear the search; with an empty search, quit (in the search pop-up: close it)")
        .footer(&[hint(&[HomeEmpty], "Esc", "quit"), hint(&[HomeTyping], "Esc", "clear the search"), hint(&[Search], "Esc", "close")]),
    // Walking a tree.
    bind(PRESENTING, &[code(Char(' ')), code(Right), code(Char('l'))], act(Action::Reveal))
        .says("Space  →  l", "show the next part of the step: the options, what they mean, the help, the guidance, who to ask; on an outcome the guidance, the verdict, its conditions, what to do if it is not possible, who to ask; once all is shown, page down what is below")
        .footer(&[hint(PRESENTING, "Space", "reveal next")]),
    bind(ANSWERING, &[code(Char('s'))], act(Action::Save))
        .says("s", "save a decision record (on an outcome)")
        .footer(&[hint(&[Outcome], "s", "save record")]),
    bind(TICKING, &[code(Char(' '))], act(Action::Toggle))
        .says("Space", "tick or untick the selected item")
        .footer(&[hint(&[Checklist], "Space 1-9", "tick"), hint(&[ChangingChecklist], "Space", "tick")]),
    bind(CHOOSING, &[Key::Digits], Does::Choose)
        .says("1-9", "choose the answer with that number (two digits past nine answers: the footer says how far they go); where several answers can apply, tick or untick that one")
        .footer(&[hint(&[Question, Present, RoomWalk], "1-9", "choose"), hint(&[Changing], "1-9", "choose the new answer")]),
    bind(CHOOSING, &[code(Up), code(Char('k'))], act(Action::Up))
        .says("↑ ↓  k j", "move the selection (on an outcome: scroll the outcome)")
        .footer(&[hint(&[Question, Checklist, Changing, ChangingChecklist], "↑↓", "move"), hint(&[Outcome], "↑↓", "scroll")]),
    bind(CHOOSING, &[code(Down), code(Char('j'))], act(Action::Down)),
    bind(PRESENTING, &[code(Enter)], act(Action::Select))
        .says("Enter", "reveal the next part; once everything is shown, choose the highlighted answer"),
    bind(PRESENTING, &[code(PageUp)], act(Action::ScrollUp))
        .says("PgUp  PgDn", "scroll the step when it is longer than the screen (its line says \"more below\")")
        .footer(&[hint(PRESENTING, "PgDn", "more")]),
    bind(PRESENTING, &[code(PageDown)], act(Action::ScrollDown)),
    bind(&[RoomWalk], &[code(Char('+')), code(Char('='))], act(Action::HandUp))
        .says("+  =  -", "one more, or one fewer, hand up for the selected answer (recorded in the summary)")
        .footer(&[hint(&[RoomWalk], "+ -", "hands")]),
    bind(&[RoomWalk], &[code(Char('-'))], act(Action::HandDown)),
    bind(&[RoomMarked], &[code(Enter), code(Char(' ')), code(Right)], act(Action::Select))
        .says("Enter  Space  →", "the next scenario (after the last: the score)")
        .footer(&[hint(&[RoomMarked], "Enter", "next scenario")]),
    bind(&[RoomMarked], &[code(PageUp)], act(Action::ScrollUp))
        .says("PgUp  PgDn", "scroll the mark when it is longer than the screen")
        .footer(&[hint(&[RoomMarked], "PgDn", "more")]),
    bind(&[RoomMarked], &[code(PageDown)], act(Action::ScrollDown)),
    bind(&[RoomDone], &[code(Char('s'))], act(Action::Save))
        .says("s", "save the summary for the trainer (the results, the most-missed question, the hands)")
        .footer(&[hint(&[RoomDone], "s", "save summary")]),
    bind(&[RoomWalk, RoomMarked], &[code(Char('f'))], act(Action::Facilitator))
        .says("f", "the trainer's view: the expected answer, the way there and the deck's notes (hide it before the room sees)")
        .footer(&[hint(&[RoomWalk, RoomMarked], "f", "trainer's view")]),
    bind(PRESENTING, &[code(Char('e'))], act(Action::Clock))
        .says("e", "show or hide the time since the presentation started, in the top corner"),
    bind(ON_SCREEN, &[code(Enter)], act(Action::Select))
        .says("Enter", "choose the selected answer (where several can apply: confirm the ticked ones)")
        .footer(&[hint(&[Checklist], "Enter", "confirm"), hint(&[Changing], "Enter", "choose"), hint(&[ChangingChecklist], "Enter", "confirm the new answer")]),
    bind(WALKING, &[code(Left), code(Backspace), code(Char('h'))], act(Action::Back))
        .says("←  Backspace  h", "go back one answer")
        .footer(&[hint(WALKING, "←", "back")]),
    bind(&[Changing, ChangingChecklist], &[code(Esc), code(Left), code(Backspace), code(Char('h'))], act(Action::Close))
        .says("Esc  ←  Backspace  h", "cancel the change: the answer stays as it was")
        .footer(&[hint(&[Changing], "Esc ←", "cancel"), hint(&[ChangingChecklist], "Esc", "cancel")]),
    bind(ANSWERING, &[code(Tab)], act(Action::Trail))
        .says("Tab", "go to your answers, to change one (← → to pick, Enter to change)")
        .footer(&[hint( &[Question, Outcome, Checklist], "Tab", "change an answer", )]),
    bind(ANSWERING, &[code(Char('r'))], act(Action::Restart))
        .says("r", "start this tree again (all answers are cleared)")
        .footer(&[hint(&[Outcome], "r", "restart")]),
    bind(ANSWERING, &[code(Char('/'))], act(Action::Search))
        .says("/", "search every tree, in a pop-up over the walk")
        .footer(&[hint(&[Question, Outcome], "/", "search")]),
    bind(ANSWERING, &[code(Char('t')), code(Home)], act(Action::Home))
        .says("t  Home", "back to the list of trees (the walk is not kept)"),
    bind(SCROLLING, &[code(PageUp)], act(Action::ScrollUp))
        .says("PgUp  PgDn  Space", "scroll the guidance"),
    bind(SCROLLING, &[code(PageDown), code(Char(' '))], act(Action::ScrollDown)),
    bind(TICKING, &[code(PageUp)], act(Action::ScrollUp))
        .says("PgUp  PgDn", "scroll the guidance (Space ticks here)"),
    bind(TICKING, &[code(PageDown)], act(Action::ScrollDown)),
    bind(ANSWERING, &[code(Char('c'))], act(Action::Theme))
        .says("c", "switch colours: default, high contrast, monochrome"),
    bind(ANSWERING, &[code(Char('m'))], act(Action::Map))
        .says("m", "a map of the whole tree (↑ ↓ move, ← → or Space fold and unfold, Enter go to that step, Esc or m close)")
        .footer(&[hint(&[Present], "m", "map")]),
    bind(ANSWERING, &[code(Char('p'))], act(Action::Present))
        .says("p", "presentation mode, for training: Space reveals each step part by part; p again ends it")
        .footer(&[hint(&[Present], "p", "end presentation")]),
    bind(&[Question, Outcome, Checklist, Present, Changing, ChangingChecklist, Trail, Map, RoomWalk, RoomMarked, RoomDone], &[code(Char('?')), code(F(1))], act(Action::Help))
        .says("?  F1", "the list of keys (↑ ↓ scroll it; any other key closes it)")
        .footer(&[hint(&[Question, Outcome, Checklist], "?", "help")]),
    bind(&[Question, Outcome, Checklist], &[code(Char('q')), code(Esc)], act(Action::Quit))
        .says("q  Esc", "quit")
        .footer(&[hint(&[Question, Outcome, Checklist], "q", "quit")]),
    bind(&[Present, RoomWalk, RoomMarked, RoomDone], &[code(Char('q'))], act(Action::Quit))
        .says("q", "end the session (asks first once the walk is under way; Esc never ends it)")
        .footer(&[hint(&[Present, RoomWalk, RoomMarked, RoomDone], "q", "end")]),
    bind(&[Changing, ChangingChecklist], &[code(Char('q'))], act(Action::Quit))
        .says("q", "quit"),
    // The trail of answers.
    bind(&[Trail], &[code(Left), code(Char('h')), code(Up), code(Char('k'))], act(Action::Left))
        .says("← →  ↑ ↓  h l  k j", "pick one of your answers")
        .footer(&[hint(&[Trail], "← →", "pick an answer")]),
    bind(&[Trail], &[code(Right), code(Char('l')), code(Down), code(Char('j'))], act(Action::Right)),
    bind(&[Trail], &[code(Enter)], act(Action::Select))
        .says("Enter", "change the picked answer")
        .footer(&[hint(&[Trail], "Enter", "change it")]),
    bind(&[Trail], &[code(Tab), code(Esc)], act(Action::Close))
        .says("Tab  Esc", "back to the question")
        .footer(&[hint(&[Trail], "Tab", "back to the question")]),
    bind(&[Trail, Map], &[code(Char('q'))], act(Action::Quit))
        .says("q", "quit"),
    // The tree map.
    bind(&[Map], &[code(Up), code(Char('k'))], act(Action::Up))
        .says("↑ ↓  k j", "move through the map")
        .footer(&[hint(&[Map], "↑↓", "move")]),
    bind(&[Map], &[code(Down), code(Char('j'))], act(Action::Down)),
    bind(&[Map], &[code(Enter)], act(Action::Select))
        .says("Enter", "go to the selected step")
        .footer(&[hint(&[Map], "Enter", "go to this step")]),
    bind(&[Map], &[code(Char(' ')), code(Left), code(Right), code(Char('h')), code(Char('l'))], act(Action::Toggle))
        .says("Space  ← →  h l", "fold or unfold the selected question")
        .footer(&[hint(&[Map], "Space ← →", "fold")]),
    bind(&[Map], &[code(PageUp)], act(Action::PageUp))
        .says("PgUp  PgDn  Home  End", "a page up or down, the first or the last row"),
    bind(&[Map], &[code(PageDown)], act(Action::PageDown)),
    bind(&[Map], &[code(Home)], act(Action::First)),
    bind(&[Map], &[code(End)], act(Action::Last)),
    bind(&[Map], &[code(Char('-'))], act(Action::FoldAll))
        .says("-  +  =", "fold every question, or unfold them all")
        .footer(&[hint(&[Map], "- +", "fold all")]),
    bind(&[Map], &[code(Char('+')), code(Char('='))], act(Action::UnfoldAll)),
    bind(&[Map], &[code(Char('/'))], act(Action::Search))
        .says("/  n", "find words in the map (type them, Enter); n finds the next row with them")
        .footer(&[hint(&[Map], "/", "find")]),
    bind(&[Map], &[code(Char('n'))], act(Action::FindNext)),
    bind(&[Map], &[code(Esc), code(Char('m'))], act(Action::Close))
        .says("Esc  m", "close the map")
        .footer(&[hint(&[Map], "Esc", "close map")]),
    // Typing what to find in the map.
    bind(&[MapTyping], &[Key::Typed], Does::Type)
        .says("type", "the words to find: the selection moves to the first row with them")
        .footer(&[hint(&[MapTyping], "type", "find")]),
    bind(&[MapTyping], &[code(Backspace)], act(Action::Erase))
        .says("Backspace", "delete the last letter"),
    bind(&[MapTyping], &[code(Enter), code(Esc)], act(Action::Close))
        .says("Enter  Esc", "stop typing (n then finds the next row)")
        .footer(&[hint(&[MapTyping], "Enter", "done")]),
    // Writing a record's note.
    bind(&[Note], &[Key::Typed], Does::Type)
        .says("type", "who or what the decision was sent to (optional)")
        .footer(&[hint(&[Note], "type", "a note")]),
    bind(&[Note], &[code(Backspace)], act(Action::Erase))
        .says("Backspace", "delete the last letter"),
    bind(&[Note], &[code(Enter)], act(Action::Select))
        .says("Enter", "save the record")
        .footer(&[hint(&[Note], "Enter", "save")]),
    bind(&[Note], &[code(Esc)], act(Action::Close))
        .says("Esc", "cancel: nothing is saved")
        .footer(&[hint(&[Note], "Esc", "cancel")]),
    // "End the session?"
    bind(&[Quitting], &[code(Char('y')), code(Enter)], act(Action::Quit))
        .says("y  Enter", "end the session (the walk is not kept)")
        .footer(&[hint(&[Quitting], "y", "end the session")]),
    bind(&[Quitting], &[Key::Any], act(Action::Close))
        .says("any other key", "carry on")
        .footer(&[hint(&[Quitting], "any other key", "carry on")]),
    // Anywhere; last, so the help lists it last.
    bind(EVERYWHERE, &[Key::Ctrl('c')], act(Action::Interrupt))
        .says("Ctrl-C", "quit at once"),
    // What adding a key takes, in test builds only: this row, and the handler for
    // `Action::Count` in `App::next` (see the test `a_new_key_is_one_row_and_its_handler`).
    #[cfg(test)]
    bind(&[Question], &[code(Char('#'))], act(Action::Count))
        .says("#", "count the questions answered so far")
        .footer(&[hint(&[Question], "#", "count")]),
];
