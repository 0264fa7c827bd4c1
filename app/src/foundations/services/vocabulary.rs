//! The multilingual product vocabulary (`app/data/product_vocabulary.csv`, sources in its
//! header): folded word → the HS chapters and headings it names. A query word found here also
//! matches the heading tokens every listing carries (`services::search_keys`), so `хлопок`,
//! `cotton`, `paxta` and `pagta` find the same listings whatever language those are named in.

use crate::foundations::domain::translit::search_tokens;
use std::collections::HashMap;
use std::sync::OnceLock;

const CSV: &str = include_str!("../../../data/product_vocabulary.csv");

/// Folded word → HS codes (2 or 4 digits), sorted and unique.
fn table() -> &'static HashMap<String, Vec<String>> {
    static TABLE: OnceLock<HashMap<String, Vec<String>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for (code, word) in entries() {
            // One-word entries only (checked by a test); anything else is skipped.
            if let [token] = search_tokens(word).as_slice() {
                let codes = map.entry(token.clone()).or_default();
                if !codes.iter().any(|c| c == code) {
                    codes.push(code.to_owned());
                    codes.sort();
                }
            }
        }
        map
    })
}

/// Every (code, word) of the file, as written.
fn entries() -> impl Iterator<Item = (&'static str, &'static str)> {
    CSV.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with("hs,"))
        .flat_map(|line| {
            let mut cells = line.split(',');
            let code = cells.next().unwrap_or_default();
            cells.flat_map(|cell| cell.split('|')).filter(|w| !w.is_empty()).map(move |w| (code, w))
        })
}

/// The HS codes a folded word names (empty if none).
pub fn codes(folded_word: &str) -> &'static [String] {
    table().get(folded_word).map_or(&[], Vec::as_slice)
}

/// Every folded word of the vocabulary (the typo dictionary includes them).
pub fn words() -> impl Iterator<Item = &'static str> {
    table().keys().map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foundations::domain::translit::search_key;

    #[test]
    fn every_entry_is_one_word_with_a_code() {
        let mut rows = 0;
        for (code, word) in entries() {
            assert!(matches!(code.len(), 2 | 4), "{code}");
            assert!(code.bytes().all(|b| b.is_ascii_digit()), "{code}");
            assert_eq!(search_tokens(word).len(), 1, "{word:?} ({code}) must be one word");
            rows += 1;
        }
        assert!(rows > 400, "{rows}");
        let headings: std::collections::HashSet<&str> = entries().map(|(c, _)| c).collect();
        assert!(headings.len() >= 60, "{}", headings.len());
    }

    #[test]
    fn one_product_in_every_language() {
        for word in ["wheat", "пшеница", "bidai", "bugʻdoy", "bugdaý", "гандум", "буудай"]
        {
            assert_eq!(codes(&search_key(word)), ["1001"], "{word}");
        }
        for word in ["cotton", "хлопок", "paxta", "pagta", "мақта", "пахта"] {
            assert_eq!(codes(&search_key(word)), ["52"], "{word}");
        }
        for word in ["flour", "мука", "un", "ун", "ұн"] {
            assert_eq!(codes(&search_key(word)), ["1101"], "{word}");
        }
        assert_eq!(codes(&search_key("цемент")), ["2523"]);
        assert!(codes("nosuchword").is_empty());
    }
}
