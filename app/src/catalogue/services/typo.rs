//! Typo tolerance over the vocabulary of indexed words, as search engines do it: a query word
//! of 5–8 letters may be 1 edit away from an indexed word, one of 9 or more letters 2 edits
//! (insertion, deletion, substitution or swap of neighbours), measured on folded keys so a
//! spelling variant is never counted as a typo. Words found in the vocabulary as typed are
//! never corrected.
//!
//! The dictionary holds each distinct folded word once (product names, companies and cities,
//! HS descriptions, the product vocabulary), bucketed by length with a letter-set mask: a
//! lookup compares against the words of the few lengths within reach whose letter sets are
//! close enough, never against listings.

/// The distinct folded words of the catalogue, built with the facet index.
#[derive(Default)]
pub struct TermDict {
    /// Sorted: exact and prefix lookups.
    sorted: Vec<Box<str>>,
    /// By length: (letter mask, position in `sorted`).
    by_len: Vec<Vec<(u32, u32)>>,
}

/// Corrections offered for one word at most.
const MAX_CORRECTIONS: usize = 6;
/// Shorter words are neither corrected nor offered as corrections.
const MIN_LEN: usize = 4;

/// Edits allowed for a word of `len` letters.
pub fn max_edits(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

fn mask(word: &str) -> u32 {
    word.bytes().filter(u8::is_ascii_lowercase).fold(0, |m, b| m | 1 << (b - b'a'))
}

impl TermDict {
    /// From folded tokens (duplicates and non-words are dropped).
    pub fn build<'a>(tokens: impl IntoIterator<Item = &'a str>) -> TermDict {
        let mut sorted: Vec<Box<str>> = tokens
            .into_iter()
            .filter(|t| t.len() >= MIN_LEN && t.bytes().all(|b| b.is_ascii_lowercase()))
            .map(Box::from)
            .collect();
        sorted.sort_unstable();
        sorted.dedup();
        sorted.shrink_to_fit();
        let longest = sorted.iter().map(|t| t.len()).max().unwrap_or(0);
        let mut by_len = vec![Vec::new(); longest + 1];
        for (i, t) in sorted.iter().enumerate() {
            by_len[t.len()].push((mask(t), i as u32));
        }
        TermDict { sorted, by_len }
    }

    pub fn len(&self) -> usize {
        self.sorted.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sorted.is_empty()
    }

    pub fn contains(&self, word: &str) -> bool {
        self.sorted.binary_search_by(|t| (**t).cmp(word)).is_ok()
    }

    /// Whether some word starts with `prefix`.
    pub fn has_prefix(&self, prefix: &str) -> bool {
        let at = self.sorted.partition_point(|t| **t < *prefix);
        self.sorted.get(at).is_some_and(|t| t.starts_with(prefix))
    }

    /// Indexed words within the edit budget of `word`, nearest first; none when `word` itself
    /// is indexed (or, for the word being typed, when some indexed word starts with it).
    pub fn corrections(&self, word: &str, being_typed: bool) -> Vec<String> {
        let k = max_edits(word.len());
        if k == 0 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
            return Vec::new();
        }
        if self.contains(word) || (being_typed && self.has_prefix(word)) {
            return Vec::new();
        }
        let m = mask(word);
        let mut found: Vec<(usize, &str)> = Vec::new();
        let lo = word.len().saturating_sub(k);
        let hi = (word.len() + k).min(self.by_len.len().saturating_sub(1));
        for bucket in self.by_len.get(lo..=hi).unwrap_or_default() {
            for &(tm, i) in bucket {
                if (tm ^ m).count_ones() as usize > 2 * k {
                    continue;
                }
                let term = &self.sorted[i as usize];
                if let Some(d) = osa_distance(word.as_bytes(), term.as_bytes(), k) {
                    found.push((d, term));
                }
            }
        }
        found.sort_unstable();
        found.into_iter().take(MAX_CORRECTIONS).map(|(_, t)| t.to_owned()).collect()
    }
}

/// Optimal-string-alignment distance (Levenshtein plus swaps of neighbours) when it is at
/// most `max`.
fn osa_distance(a: &[u8], b: &[u8], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let w = b.len() + 1;
    let mut prev2 = vec![0usize; w];
    let mut prev: Vec<usize> = (0..w).collect();
    let mut cur = vec![0usize; w];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..w {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[b.len()]).filter(|d| *d <= max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foundations::domain::translit::search_key;

    fn dict(words: &[&str]) -> TermDict {
        let keys: Vec<String> = words.iter().map(|w| search_key(w)).collect();
        TermDict::build(keys.iter().map(String::as_str))
    }

    #[test]
    fn distance() {
        assert_eq!(osa_distance(b"shimknet", b"shimkent", 1), Some(1));
        assert_eq!(osa_distance(b"kitten", b"sitting", 3), Some(3));
        assert_eq!(osa_distance(b"kitten", b"sitting", 2), None);
        assert_eq!(osa_distance(b"abc", b"abc", 0), Some(0));
        assert_eq!(osa_distance(b"", b"ab", 2), Some(2));
    }

    #[test]
    fn budget_by_length() {
        assert_eq!(max_edits(4), 0);
        assert_eq!(max_edits(5), 1);
        assert_eq!(max_edits(8), 1);
        assert_eq!(max_edits(9), 2);
    }

    #[test]
    fn corrects_typos_on_folded_keys() {
        let d = dict(&["Шымкент", "Костанай", "пшеница", "cement", "Ferrosilicon"]);
        assert_eq!(d.corrections(&search_key("shymknet"), false), [search_key("Шымкент")]);
        assert_eq!(d.corrections(&search_key("пшенца"), false), [search_key("пшеница")]);
        // A spelling variant is no typo: it folds to the indexed word itself.
        assert!(d.corrections(&search_key("kostanai"), false).is_empty());
        assert!(d.contains(&search_key("kostanai")));
        // Two edits only from nine letters on.
        assert_eq!(d.corrections(&search_key("ferosilicn"), false), [search_key("Ferrosilicon")]);
        assert!(d.corrections(&search_key("cemnt"), false).len() == 1);
        assert!(d.corrections(&search_key("cmnt"), false).is_empty());
    }

    #[test]
    fn typed_prefixes_are_not_typos() {
        let d = dict(&["пшеница"]);
        assert!(d.corrections("pshen", true).is_empty());
        assert!(d.has_prefix("pshen"));
        assert!(!d.has_prefix("pshex"));
    }
}
