//! The HS headings' Russian names (`migrations/data/hs2022/heading-names.csv`: the migrations
//! load the same file for display) read as search vocabulary. A Russian word that is a word of
//! a few headings' names reaches those headings, so `фанера` finds plywood listings written in
//! English and `трактор` the tractors of heading 8701, as the product vocabulary does for the
//! region's common products.
//!
//! Words meet by stem (inflection endings cut): a buyer types the singular, the nomenclature
//! writes plurals and adjectives (`цемент` / `Цементы портландские`). A name's first word is
//! its head noun, what the heading *is* (`Цементы…` is cement; `Изделия из цемента` is not):
//! a word reaches the headings it heads, up to four; a word that heads none reaches the one or
//! two headings whose names hold it anywhere.

use crate::foundations::domain::translit::search_tokens;
use std::collections::HashMap;
use std::sync::OnceLock;

const CSV: &str = include_str!("../../../../migrations/data/hs2022/heading-names.csv");

/// A head noun of more headings than this names a kind of goods, not a product: it reaches none
/// of them (the lookup for producers still lists them).
const MAX_HEADED: usize = 4;
/// A word further inside the names reaches at most this many headings.
const MAX_HOLDING: usize = 2;

/// Russian inflection endings, longest first. Enough to meet a singular with the nomenclature's
/// plurals and adjectives; not a full stemmer.
const ENDINGS: [&str; 38] = [
    "ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ых", "их", "ый", "ий", "ой", "ая",
    "яя", "ое", "ее", "ые", "ие", "ов", "ев", "ей", "ам", "ям", "ах", "ях", "ом", "ем", "ую", "юю",
    "а", "я", "ы", "и", "о", "е", "у", "ь",
];

/// Stems of the nomenclature's own glue ("прочие", "изделия", "товарной позиции"): they match
/// nothing by themselves.
const STOP_STEMS: [&str; 18] = [
    "проч",
    "издели",
    "товарн",
    "позици",
    "включа",
    "кром",
    "аналогичн",
    "част",
    "или",
    "для",
    "без",
    "них",
    "друг",
    "так",
    "котор",
    "эт",
    "все",
    "сво",
];

fn is_cyrillic(word: &str) -> bool {
    word.chars().any(|c| ('а'..='я').contains(&c) || c == 'ё')
}

/// The stem of one lower-case Cyrillic word, or `None` for glue and words too short to say much.
fn stem(word: &str) -> Option<&str> {
    let stem = ENDINGS
        .iter()
        .find_map(|e| word.strip_suffix(e).filter(|s| s.chars().count() >= 3))
        .unwrap_or(word);
    (stem.chars().count() >= 3 && !STOP_STEMS.contains(&stem)).then_some(stem)
}

/// Folded stems (as `search_tokens` writes them) of the Cyrillic words of `text`, each once.
pub fn stems(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    for word in lower.split(|c: char| !c.is_alphabetic()).filter(|w| is_cyrillic(w)) {
        if let Some(stem) = stem(word)
            && let [folded] = search_tokens(stem).as_slice()
            && !out.contains(folded)
        {
            out.push(folded.clone());
        }
    }
    out
}

struct Table {
    /// four-digit heading → folded stems of its name
    by_heading: HashMap<String, Vec<String>>,
    /// folded stem → the headings it reaches (see the module's doc)
    by_stem: HashMap<String, Vec<String>>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut by_heading = HashMap::new();
        let mut headed: HashMap<String, Vec<String>> = HashMap::new();
        let mut holding: HashMap<String, Vec<String>> = HashMap::new();
        let mut reader = csv::Reader::from_reader(CSV.as_bytes());
        for row in reader.records().flatten() {
            let (Some(heading), Some(name)) = (row.get(0), row.get(1)) else { continue };
            let head = name.split(|c: char| !c.is_alphabetic()).find(|w| !w.is_empty());
            if let Some(head) = head.and_then(|w| stems(w).pop()) {
                headed.entry(head).or_default().push(heading.to_owned());
            }
            let stems = stems(name);
            for s in &stems {
                holding.entry(s.clone()).or_default().push(heading.to_owned());
            }
            by_heading.insert(heading.to_owned(), stems);
        }
        headed.retain(|_, headings| headings.len() <= MAX_HEADED);
        holding
            .retain(|stem, headings| headings.len() <= MAX_HOLDING && !headed.contains_key(stem));
        let mut by_stem = headed;
        by_stem.extend(holding);
        Table { by_heading, by_stem }
    })
}

/// The folded stems of heading `code`'s Russian name (none for other codes).
pub fn of_heading(code: &str) -> &'static [String] {
    table().by_heading.get(code).map_or(&[], Vec::as_slice)
}

/// For each Cyrillic word of the query `q` that names a few headings: its folded token (as
/// `search_tokens(q)` has it) → those headings.
pub fn named_in(q: &str) -> HashMap<String, Vec<String>> {
    let mut out = HashMap::new();
    for word in q.split(|c: char| !c.is_alphabetic()).filter(|w| is_cyrillic(&w.to_lowercase())) {
        let (lower, tokens) = (word.to_lowercase(), search_tokens(word));
        let (Some(stem), [token]) = (stem(&lower), tokens.as_slice()) else { continue };
        let Some(folded) = search_tokens(stem).pop() else { continue };
        if let Some(headings) = table().by_stem.get(&folded) {
            out.insert(token.clone(), headings.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_meet_the_nomenclatures_plurals_and_adjectives() {
        let name = stems("Цементы портландские, прочие изделия; тракторы");
        assert!(name.contains(&stems("цемент")[0]));
        assert!(name.contains(&stems("трактор")[0]));
        assert!(name.contains(&stems("портландский")[0]));
        assert_eq!(stems("прочие изделия из них"), Vec::<String>::new());
        assert_eq!(stems("мука"), stems("Мука пшеничная")[..1]);
        assert!(stems("cement").is_empty(), "Latin words are the English side's");
    }

    #[test]
    fn every_heading_has_its_names_stems_and_product_words_name_their_heading() {
        assert_eq!(table().by_heading.len(), 1229);
        assert!(of_heading("2523").contains(&stems("цемент")[0]));
        let named = named_in("цемент Шымкент");
        assert_eq!(named.len(), 1, "{named:?}");
        assert!(named.values().all(|h| h.contains(&"2523".to_owned())), "{named:?}");
        let plywood = named_in("Фанера");
        assert!(plywood.values().any(|h| h.contains(&"4412".to_owned())), "{plywood:?}");
        // Glue and kinds of goods name no heading.
        assert!(named_in("прочие изделия").is_empty());
    }
}
