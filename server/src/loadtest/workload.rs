//! The benchmark's workload: search requests as buyers send them, drawn from the catalogue's own
//! words in every script it holds.
//!
//! Words are picked by a Zipf law over the vocabulary ranked by frequency (a few words are
//! searched very often, most rarely), one or two per query, sometimes with a typo; filters are
//! combined at random (country, region of that country, certification, verified, HS heading or
//! chapter, section), sorts vary, some requests go to deep pages and a tenth ask for the
//! producers view. A query can be drawn *new*: neither its words (as the search folds them) nor
//! its filters were seen before in this run, so no cache can answer it.

use app::catalogue::query::{SearchRequest, params::View};
use std::collections::{HashMap, HashSet};

/// A small deterministic generator (SplitMix64): runs with the same seed send the same stream.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// Ranks `0..n` drawn with probability ∝ 1 / (rank + 1): the shape of real query logs.
pub struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    pub fn new(n: usize) -> Self {
        let mut total = 0.0;
        let cumulative = (1..=n.max(1))
            .map(|rank| {
                total += 1.0 / rank as f64;
                total
            })
            .collect();
        Zipf { cumulative }
    }

    pub fn sample(&self, rng: &mut Rng) -> usize {
        let last = *self.cumulative.last().unwrap_or(&1.0);
        let x = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * last;
        self.cumulative.partition_point(|&c| c < x).min(self.cumulative.len() - 1)
    }
}

/// Words of three letters or more, lower-cased, most frequent first (ties alphabetical, so the
/// ranking does not depend on hash order).
pub fn vocabulary(texts: &[String], max_words: usize) -> Vec<String> {
    let mut counts: HashMap<String, u32> = HashMap::new();
    for text in texts {
        for word in text.split(|c: char| !c.is_alphanumeric()) {
            if word.chars().count() >= 3 && !word.chars().all(|c| c.is_ascii_digit()) {
                *counts.entry(word.to_lowercase()).or_default() += 1;
            }
        }
    }
    let mut ranked: Vec<(String, u32)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked.into_iter().take(max_words).map(|(w, _)| w).collect()
}

/// One request of the stream: the query string (for the API or the page) and the request the
/// engine receives for it (for the same stream without HTTP).
#[derive(Clone, Debug)]
pub struct Query {
    pub query: String,
    pub request: SearchRequest,
}

impl Query {
    pub fn api_path(&self) -> String {
        let endpoint = match self.request.view {
            View::Producers => "producers",
            View::Listings => "listings",
        };
        format!("/api/v1/{endpoint}?{}", self.query)
    }

    pub fn page_path(&self) -> String {
        format!("/search?{}", self.query)
    }
}

const COUNTRIES: [&str; 5] = ["KZ", "KG", "TJ", "TM", "UZ"];
const CERTS: [&str; 7] = ["iso9001", "iso22000", "haccp", "halal", "organic", "gost", "other"];
/// Headings and chapters of the region's common products.
const HS: [&str; 36] = [
    "1001", "1101", "1006", "1003", "1103", "0402", "0406", "0401", "0813", "0806", "0805", "0808",
    "0809", "1512", "2523", "5101", "5201", "5205", "5208", "0303", "0302", "2204", "5702", "0201",
    "0204", "0409", "1701", "6109", "6203", "7601", "3102", "52", "10", "08", "04", "25",
];

pub struct Workload {
    rng: Rng,
    vocabulary: Vec<String>,
    zipf: Zipf,
    regions: Vec<String>,
    seen_words: HashSet<String>,
    seen_summaries: HashSet<String>,
}

impl Workload {
    /// `regions`: ISO 3166-2 codes (their first two letters are the country).
    pub fn new(vocabulary: Vec<String>, regions: Vec<String>, seed: u64) -> Self {
        let zipf = Zipf::new(vocabulary.len());
        Workload {
            rng: Rng::new(seed),
            vocabulary,
            zipf,
            regions,
            seen_words: HashSet::new(),
            seen_summaries: HashSet::new(),
        }
    }

    pub fn vocabulary_len(&self) -> usize {
        self.vocabulary.len()
    }

    /// A query no earlier query of this workload shares words or filters with.
    pub fn new_query(&mut self) -> Query {
        for attempt in 0..10_000 {
            // Popular words get used up: later attempts add words to stay new.
            let extra_words = attempt / 200;
            let candidate = self.candidate(extra_words);
            let words = app::catalogue::services::search::text_key(&candidate.request.q);
            let summary = app::catalogue::services::search::summary_key(&candidate.request, 0);
            let words_new = candidate.request.q.is_empty() || !self.seen_words.contains(&words);
            if words_new && !self.seen_summaries.contains(&summary) {
                if !candidate.request.q.is_empty() {
                    self.seen_words.insert(words);
                }
                self.seen_summaries.insert(summary);
                return candidate;
            }
        }
        panic!("the vocabulary is too small for this many new queries")
    }

    /// `n` requests of which about `repeat_share` repeat an earlier one of the same stream
    /// (popular ones more often), the rest new.
    pub fn stream(&mut self, n: usize, repeat_share: f64) -> Vec<Query> {
        let mut stream: Vec<Query> = Vec::with_capacity(n);
        let mut distinct: Vec<usize> = Vec::new();
        for _ in 0..n {
            if !distinct.is_empty() && self.rng.chance(repeat_share) {
                let popular = Zipf::new(distinct.len()).sample(&mut self.rng);
                stream.push(stream[distinct[popular]].clone());
            } else {
                distinct.push(stream.len());
                stream.push(self.new_query());
            }
        }
        stream
    }

    fn word(&mut self) -> String {
        let word = self.vocabulary[self.zipf.sample(&mut self.rng)].clone();
        if word.chars().count() >= 5 && self.rng.chance(0.08) { self.typo(&word) } else { word }
    }

    /// One slip of the finger: a letter dropped, doubled, swapped with the next or replaced.
    fn typo(&mut self, word: &str) -> String {
        let mut letters: Vec<char> = word.chars().collect();
        let at = self.rng.below(letters.len() - 1);
        match self.rng.below(4) {
            0 => {
                letters.remove(at);
            }
            1 => letters.insert(at, letters[at]),
            2 => letters.swap(at, at + 1),
            _ => letters[at] = letters[self.rng.below(letters.len())],
        }
        letters.into_iter().collect()
    }

    fn filters(&mut self, how_many: usize, pairs: &mut Vec<(&'static str, String)>) {
        for _ in 0..how_many {
            match self.rng.below(6) {
                0 | 1 => {
                    let country = COUNTRIES[self.rng.below(COUNTRIES.len())];
                    pairs.push(("country", country.to_owned()));
                    if self.rng.chance(0.4) {
                        let of_country: Vec<&String> =
                            self.regions.iter().filter(|r| r.starts_with(country)).collect();
                        if !of_country.is_empty() {
                            let region = of_country[self.rng.below(of_country.len())].clone();
                            pairs.push(("region", region));
                        }
                    }
                }
                2 => pairs.push(("cert", CERTS[self.rng.below(CERTS.len())].to_owned())),
                3 => pairs.push(("verified", "1".to_owned())),
                4 => pairs.push(("hs", HS[self.rng.below(HS.len())].to_owned())),
                _ => pairs.push(("section", (1 + self.rng.below(21)).to_string())),
            }
        }
    }

    fn candidate(&mut self, extra_words: usize) -> Query {
        loop {
            let mut pairs: Vec<(&'static str, String)> = Vec::new();
            let shape = self.rng.below(100);
            let text = shape < 65 || (shape >= 85 && self.rng.chance(0.3));
            if text {
                let n = 1 + usize::from(self.rng.chance(0.25)) + extra_words;
                let words: Vec<String> = (0..n).map(|_| self.word()).collect();
                pairs.push(("q", words.join(" ")));
            }
            match shape {
                0..40 => {}
                40..65 => {
                    let n = 1 + self.rng.below(2);
                    self.filters(n, &mut pairs);
                }
                65..85 => {
                    let n = 1 + self.rng.below(3);
                    self.filters(n, &mut pairs);
                }
                _ => {
                    // Deep pages: browsing a filtered list (a new query needs new filters).
                    let n = usize::from(!text) + self.rng.below(2);
                    self.filters(n, &mut pairs);
                }
            }
            let deep = shape >= 85;
            let page = if deep {
                2 + self.rng.below(if text { 19 } else { 499 })
            } else if self.rng.chance(0.15) {
                2 + self.rng.below(4)
            } else {
                1
            };
            if page > 1 {
                pairs.push(("page", page.to_string()));
            }
            match self.rng.below(20) {
                0..3 => pairs.push(("sort", "newest".into())),
                3..6 => pairs.push(("sort", "name".into())),
                _ => {}
            }
            if self.rng.chance(0.1) {
                pairs.push(("view", "producers".into()));
            }
            let mut query = form_urlencoded::Serializer::new(String::new());
            for (k, v) in &pairs {
                query.append_pair(k, v);
            }
            let query = query.finish();
            let (request, problems) = app::catalogue::query::params::parse(&query);
            // Pages past the end are fine (buyers hit them); contradictions are not sent.
            if problems.is_empty() {
                return Query { query, request };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workload() -> Workload {
        let texts = vec![
            "Мука пшеничная высший сорт wheat flour premium".to_owned(),
            "Paxta tolasi cotton fibre хлопок".to_owned(),
            "Cement Portland цемент Shymkentcement".to_owned(),
        ];
        let mut vocabulary = vocabulary(&texts, 100);
        for i in 0..3000 {
            vocabulary.push(format!("word{i}x"));
        }
        Workload::new(vocabulary, vec!["KZ-39".into(), "UZ-FA".into()], 7)
    }

    #[test]
    fn new_queries_share_neither_words_nor_filters() {
        let mut w = workload();
        let stream = w.stream(2000, 0.0);
        let mut words = HashSet::new();
        let mut summaries = HashSet::new();
        for q in &stream {
            if !q.request.q.is_empty() {
                assert!(
                    words.insert(app::catalogue::services::search::text_key(&q.request.q)),
                    "{}",
                    q.query
                );
            }
            assert!(summaries.insert(app::catalogue::services::search::summary_key(&q.request, 0)));
        }
        assert!(words.len() > 1000, "most queries have words: {}", words.len());
    }

    #[test]
    fn the_realistic_stream_repeats_about_the_share_asked() {
        let mut w = workload();
        let stream = w.stream(3000, 0.3);
        let distinct: HashSet<&String> = stream.iter().map(|q| &q.query).collect();
        let repeats = 1.0 - distinct.len() as f64 / stream.len() as f64;
        assert!((0.25..0.35).contains(&repeats), "{repeats}");
    }

    #[test]
    fn the_mix_has_every_shape() {
        let mut w = workload();
        let stream = w.stream(1000, 0.0);
        let share = |f: &dyn Fn(&Query) -> bool| stream.iter().filter(|q| f(q)).count();
        assert!(share(&|q| q.request.q.is_empty()) > 100, "filter-only queries");
        assert!(share(&|q| q.request.page > 20) > 30, "deep pages");
        assert!(share(&|q| q.request.view == View::Producers) > 50, "producers view");
        assert!(share(&|q| !q.request.countries.is_empty()) > 100, "country filters");
        assert!(share(&|q| q.request.hs.is_some()) > 50, "HS filters");
        assert!(
            stream.iter().any(|q| q.request.q.chars().any(|c| ('а'..='я').contains(&c))),
            "Cyrillic words"
        );
    }

    #[test]
    fn zipf_favours_the_first_ranks() {
        let zipf = Zipf::new(1000);
        let mut rng = Rng::new(1);
        let draws: Vec<usize> = (0..10_000).map(|_| zipf.sample(&mut rng)).collect();
        let top10 = draws.iter().filter(|&&r| r < 10).count();
        assert!((2500..4500).contains(&top10), "{top10}");
        assert!(draws.iter().any(|&r| r > 900));
    }
}
