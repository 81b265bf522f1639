//! Choosing a row of a numbered list by typing its number: answers on a question, trees on the
//! home screen. On a list of more than nine rows a number can take two digits, so a digit that
//! could still begin a larger number that exists waits for the second one.

/// What a typed digit did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Typed {
    /// Row `n` (1-based) is chosen.
    Chosen(usize),
    /// Row `n` (1-based) is selected, waiting for a second digit (Enter takes `n` as it is).
    Waiting(usize),
    /// The number names no row: `0`, or a number past the end of the list.
    NoSuchRow(usize),
}

/// The row that `digit` names on a list of `rows` rows, given the `first` digit typed before it
/// (if that one was waiting for a second).
pub fn typed(first: Option<usize>, digit: usize, rows: usize) -> Typed {
    let number = match first {
        Some(first) if first * 10 + digit <= rows => first * 10 + digit,
        _ => digit,
    };
    if number == 0 || number > rows {
        Typed::NoSuchRow(number)
    } else if number * 10 <= rows {
        Typed::Waiting(number)
    } else {
        Typed::Chosen(number)
    }
}

/// What to tell the person while `number` waits for a second digit on a list of `rows` rows.
pub fn waiting_message(number: usize, rows: usize) -> String {
    let next = match number.to_string().len() {
        1 => "second",
        2 => "third",
        _ => "next",
    };
    format!(
        "{number}… type a {next} digit for {}-{}, or press Enter for {number}.",
        number * 10,
        rows.min(number * 10 + 9)
    )
}

/// What to tell the person when `number` names none of the `rows` rows, which are `what`
/// ("answers", "trees").
pub fn no_such_row_message(number: usize, rows: usize, what: &str) -> String {
    match rows {
        0 => format!("There are no {what} to choose here."),
        1 => format!("There is no {number} here: only 1 is on the list."),
        _ => format!("There is no {number} here: the {what} are numbered 1 to {rows}."),
    }
}

/// The footer's key for choosing by number, `prefix` then the range: "1-14", or "1" for one row.
pub fn range_key(prefix: &str, rows: usize) -> String {
    match rows {
        1 => format!("{prefix}1"),
        _ => format!("{prefix}1-{rows}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn on_nine_rows_or_fewer_every_digit_chooses_at_once() {
        assert_eq!(typed(None, 1, 9), Typed::Chosen(1));
        assert_eq!(typed(None, 9, 9), Typed::Chosen(9));
        assert_eq!(typed(None, 6, 5), Typed::NoSuchRow(6));
        assert_eq!(typed(None, 0, 5), Typed::NoSuchRow(0));
    }

    #[test]
    fn a_digit_that_could_begin_a_larger_number_waits_for_the_second() {
        assert_eq!(typed(None, 1, 14), Typed::Waiting(1));
        assert_eq!(typed(Some(1), 4, 14), Typed::Chosen(14));
        assert_eq!(typed(Some(1), 0, 14), Typed::Chosen(10));
        // No 2x row exists, so 2 chooses at once.
        assert_eq!(typed(None, 2, 14), Typed::Chosen(2));
        // "1" then "7" on 14 rows: 17 does not exist, so the 7 starts again and chooses row 7.
        assert_eq!(typed(Some(1), 7, 14), Typed::Chosen(7));
        // On 25 rows, 2 waits too, and 2 then 5 is row 25.
        assert_eq!(typed(None, 2, 25), Typed::Waiting(2));
        assert_eq!(typed(Some(2), 5, 25), Typed::Chosen(25));
    }

    #[test]
    fn three_digit_lists_wait_twice() {
        assert_eq!(typed(None, 1, 150), Typed::Waiting(1));
        assert_eq!(typed(Some(1), 2, 150), Typed::Waiting(12));
        assert_eq!(typed(Some(12), 3, 150), Typed::Chosen(123));
    }

    #[test]
    fn messages_say_what_to_type() {
        assert_eq!(
            waiting_message(1, 14),
            "1… type a second digit for 10-14, or press Enter for 1."
        );
        assert_eq!(
            waiting_message(12, 150),
            "12… type a third digit for 120-129, or press Enter for 12."
        );
        assert_eq!(
            no_such_row_message(7, 5, "trees"),
            "There is no 7 here: the trees are numbered 1 to 5."
        );
        assert_eq!(
            no_such_row_message(3, 1, "answers"),
            "There is no 3 here: only 1 is on the list."
        );
        assert_eq!(range_key("Space ", 1), "Space 1");
        assert_eq!(range_key("", 14), "1-14");
    }
}
