//! Length-bounded free text (names, descriptions, notes).

use crate::foundations::domain::error::DomainError;

/// The items of a comma-separated column (export markets, a request's countries), empty ones
/// left out: what `join(",")` stored.
pub fn comma_list(stored: &str) -> Vec<String> {
    stored.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

/// One CSV cell, quoted when needed. A leading `=`, `+`, `-` or `@` would be a formula in a
/// spreadsheet: it is kept text.
pub fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_owned() };
    if s.contains([',', '"', '\n', '\r']) || s != s.trim() {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// Trims `input` and checks its length in characters (not bytes, so a
/// Cyrillic name gets the same limit as a Latin one).
///
/// * `Empty` when `min > 0` and nothing but whitespace was given;
/// * `TooShort { min }` / `TooLong { max }` otherwise out of range;
/// * `ControlCharacter` for control characters other than newline, carriage
///   return and tab — NUL in particular is rejected by PostgreSQL `text`, and
///   the others are invisible copy-paste debris.
///
/// With `min == 0` an empty input is accepted and returns `""`.
pub fn bounded(input: &str, min: usize, max: usize) -> Result<String, DomainError> {
    let s = input.trim();
    if s.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Err(DomainError::ControlCharacter);
    }
    let n = s.chars().count();
    if n == 0 && min > 0 {
        return Err(DomainError::Empty);
    }
    if n < min {
        return Err(DomainError::TooShort { min });
    }
    if n > max {
        return Err(DomainError::TooLong { max });
    }
    Ok(s.to_owned())
}

/// [`bounded`] for single-line values such as company names: every run of
/// whitespace (including newlines and tabs) becomes one space first, so
/// "ТОО  Агро\n" and "ТОО Агро" are stored identically.
pub fn bounded_line(input: &str, min: usize, max: usize) -> Result<String, DomainError> {
    let collapsed = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if input.chars().any(|c| c.is_control() && !c.is_whitespace()) {
        return Err(DomainError::ControlCharacter);
    }
    bounded(&collapsed, min, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_when_needed_and_never_formulas() {
        assert_eq!(csv_field("wheat"), "wheat");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(csv_field("+7 701"), "'+7 701");
        assert_eq!(csv_field(" padded"), "\" padded\"");
    }

    #[test]
    fn trims_and_accepts_in_range() {
        assert_eq!(bounded("  Agro  ", 1, 10), Ok("Agro".to_owned()));
        assert_eq!(bounded("abc", 3, 3), Ok("abc".to_owned()));
    }

    #[test]
    fn counts_chars_not_bytes() {
        // 7 Cyrillic letters = 14 bytes.
        assert_eq!(bounded("Шымкент", 1, 7), Ok("Шымкент".to_owned()));
        assert_eq!(bounded("Шымкент", 1, 6), Err(DomainError::TooLong { max: 6 }));
        assert_eq!(bounded("ǵ🌾", 2, 2), Ok("ǵ🌾".to_owned()));
    }

    #[test]
    fn empty_and_short() {
        assert_eq!(bounded("", 1, 10), Err(DomainError::Empty));
        assert_eq!(bounded(" \n\t ", 1, 10), Err(DomainError::Empty));
        assert_eq!(bounded("", 0, 10), Ok(String::new()));
        assert_eq!(bounded("ab", 3, 10), Err(DomainError::TooShort { min: 3 }));
    }

    #[test]
    fn too_long() {
        assert_eq!(bounded(&"x".repeat(201), 1, 200), Err(DomainError::TooLong { max: 200 }));
        assert!(bounded(&"x".repeat(200), 1, 200).is_ok());
    }

    #[test]
    fn control_characters() {
        assert_eq!(bounded("a\u{0}b", 0, 10), Err(DomainError::ControlCharacter));
        assert_eq!(bounded("a\u{1b}b", 0, 10), Err(DomainError::ControlCharacter));
        assert_eq!(
            bounded("line one\nline two\tend", 0, 100),
            Ok("line one\nline two\tend".to_owned())
        );
    }

    #[test]
    fn single_line_collapses_whitespace() {
        assert_eq!(
            bounded_line("  ТОО \n\t Агро   Шымкент ", 1, 50),
            Ok("ТОО Агро Шымкент".to_owned())
        );
        assert_eq!(bounded_line(" \n ", 1, 50), Err(DomainError::Empty));
        assert_eq!(bounded_line("a\u{0}", 1, 50), Err(DomainError::ControlCharacter));
        // The limit applies after collapsing.
        assert_eq!(bounded_line("a     b", 1, 3), Ok("a b".to_owned()));
    }
}
