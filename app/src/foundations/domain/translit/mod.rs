//! Transliteration and cross-script search normalization.
//!
//! Producer names, places and products in Central Asia are written in
//! Cyrillic (Russian, Kazakh, Kyrgyz, Tajik, older Uzbek) and in Latin
//! (Uzbek, Turkmen, Kazakh since 2021, English). A buyer typing `Toshkent`
//! must find `Ташкент`, and `ООО` must find `OOO`.
//!
//! # Transliteration scheme ([`to_latin`], [`transliterate_name`])
//!
//! Russian letters follow a BGN/PCGN-like, passport-friendly scheme:
//!
//! | Cyrillic | Latin | | Cyrillic | Latin |
//! |---|---|---|---|---|
//! | ж | zh | | х | kh |
//! | ц | ts | | ч | ch |
//! | ш | sh | | щ | shch |
//! | ы, й | y | | ъ, ь | (dropped) |
//! | ю | yu | | я | ya |
//! | ё | yo | | э | e |
//! | е | ye at word start and after a vowel/ъ/ь, else e | | | |
//!
//! Central Asian letters follow the official Latin alphabets of Kazakhstan
//! (2021) and Uzbekistan, reduced to ASCII: қ → **q** (not k, so the result
//! reads like Kazakh/Uzbek Latin, e.g. `Qostanay`; search folds q to k
//! anyway), ғ → gh, ң → ng, ә → a, ө → o, ұ/ү → u, һ/ҳ → h, і/ӣ → i, ӯ → u,
//! ҷ/җ → j, ў → o (`o'` in [`transliterate_name`], as in `O'zbekiston`).
//!
//! Latin letters with diacritics are reduced to ASCII, with the Turkic
//! values where they differ from plain accent stripping: ç/č → ch, ş/š → sh,
//! ž → zh, ğ → gh, ñ/ň/ŋ → ng, ı → i, ə/ä → a, ö → o, ü → u, ý → y.
//! Apostrophe-like characters (' ‘ ’ ʻ ʼ ´ and the backtick) are dropped
//! without splitting the word, so `Farg‘ona` becomes `fargona`.
//!
//! # Search folding ([`search_tokens`], [`search_key`])
//!
//! Tokens from [`to_latin`] are folded so spelling variants across scripts
//! meet. The same function runs at index and at query time, so a rule can
//! only add false positives, never lose a match that exact spelling would
//! find. Each token is first checked against the legal forms (rule 8);
//! otherwise rules 2–6 fold it left to right and rule 7 maps exonyms:
//!
//! 1. `ё` is read as `е` first (Russian text usually omits the dots).
//! 2. Digraphs: `shch`, `sch` → `sh`; `dzh`, `dj`, `zh` → `j` (ж, ҷ, Uzbek
//!    j); `kh`, `x`, lone `h` → `kh` (Uzbek x = х, Tajik ҳ and English h
//!    are all rendered х in Russian); `gh` → `g`; `ph` → `f`; `th` → `t`;
//!    `ck` → `k`; `ou` → `u` (`Group`/`Груп`). ISO 9 `j` for й (after a vowel, before a consonant or at
//!    the end: `Kostanaj`) → `i`; ISO 9 `ŝ` (щ) → `sh`.
//! 3. Letters: `q` → `k`, `w` → `v` (Turkmen w = в), `y` → `i` (ы/й/i and
//!    passport spellings `Iurii`/`Yuriy`), `c` → `ts` before e/i/y else `k`.
//! 4. A leading `ex` → `eks` (export/экспорт).
//! 5. Doubled letters are collapsed (`Jizzax`/`Джизак`, `-iy`/`-yy` endings);
//!    then `n` + `g` → `n` (ң is `ng`, `ñ`, `ň`, `ń` or plain `n`, and is
//!    often followed by ғ: `Маңғыстау`, `Mangystau`, `Мангистау`, `mańğystau`
//!    all meet), and `io` → `e` (ё written `yo`, `io`, `e` or `ë`).
//! 6. An `ie` → `e`: at word start or after a vowel (`Yerlan`/`Ерлан`,
//!    `Zayev`/`Заев`), and after a consonant (Uzbek `Diyor`/`Диёр`).
//! 7. Known exonyms and historical names map to one canonical token
//!    (`Buxoro`/`Bukhara`, `Alma-Ata`/`Almaty`), also across two tokens
//!    (`Nur-Sultan`).
//! 8. Legal-form abbreviations with doubled letters (`ООО`, `ТОО`, `ОсОО`)
//!    are kept whole instead of collapsing to one letter.
//!
//! Known limitations: `x` is always Uzbek `kh`, so English `Alexander` does
//! not meet Russian `Александр`; vowel alternations (a/o, e/a) are only
//! bridged through the exonym list; Latin `c` as ц (Polish/ISO 9 style, e.g.
//! `pshenica`) reads as `k`.

mod exonyms;
mod letters;

use exonyms::exonyms;
use letters::{
    compose, cyrillic, is_letters, is_vowel, lower_latin, split_letters_digits, to_lower_char,
    ye_context,
};

/// Transliterates to lowercase ASCII: Cyrillic is romanized, Latin
/// diacritics are stripped, digits are kept and every other character
/// (punctuation, emoji, other scripts) becomes a word break. Runs of breaks
/// are a single space, with none at either end.
pub fn to_latin(s: &str) -> String {
    lower_latin(&compose(s), false)
}

/// Romanizes a Cyrillic name for display, keeping the input's case pattern
/// so `ТОО Агрофирма Шымкент` becomes `TOO Agrofirma Shymkent` and `ШЫМКЕНТ`
/// becomes `SHYMKENT`. In all-caps words without vowels (legal-form
/// abbreviations) and single capitals (initials) digraphs are title-cased,
/// `ЖШС` → `ZhShS`, `ЧП` → `ChP`, `Х.` → `Kh.`, as customarily written. Everything that is not Cyrillic (Latin letters with
/// their diacritics, digits, punctuation) is kept as typed, except that
/// typographic quotes become `"` so the suggestion is easy to type.
pub fn transliterate_name(s: &str) -> String {
    let chars = compose(s);
    let shout = all_caps_words(&chars);
    let mut out = String::with_capacity(s.len() + s.len() / 4);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let lc = to_lower_char(c);
        let latin = match lc {
            'е' => Some(if ye_context(prev.map(to_lower_char)) { "ye" } else { "e" }),
            'ў' => Some("o'"),
            _ => cyrillic(lc),
        };
        let Some(latin) = latin else {
            out.push(match c {
                '«' | '»' | '„' | '“' | '”' => '"',
                _ => c,
            });
            continue;
        };
        if !c.is_uppercase() {
            out.push_str(latin);
            continue;
        }
        if shout[i] {
            out.push_str(&latin.to_ascii_uppercase());
        } else {
            let mut it = latin.chars();
            if let Some(first) = it.next() {
                out.push(first.to_ascii_uppercase());
                out.push_str(it.as_str());
            }
        }
    }
    out
}

/// Per char: whether it belongs to an all-caps word of two or more letters
/// that contains a vowel, i.e. a shouted word rather than an abbreviation.
fn all_caps_words(chars: &[char]) -> Vec<bool> {
    let mut shapes = vec![false; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_alphabetic() {
            i += 1;
        }
        let word = &chars[start..i];
        let shouted = word.len() >= 2
            && word.iter().all(|c| !c.is_lowercase())
            && word.iter().any(|&c| is_vowel(to_lower_char(c)));
        shapes[start..i].fill(shouted);
    }
    shapes
}

/// Normalized search tokens of `s`; see the module docs for the rules.
/// Letters and digits are separate tokens (`Agro2000` → `agro`, `2000`) so
/// `Agro-2000`, `Agro 2000` and `Agro2000` all match.
pub fn search_tokens(s: &str) -> Vec<String> {
    let latin = lower_latin(&compose(s), true);
    let raw: Vec<&str> = latin.split(' ').flat_map(split_letters_digits).collect();
    let ex = exonyms();
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let tok = raw[i];
        i += 1;
        if !is_letters(tok) {
            out.push(tok.to_owned());
            continue;
        }
        if let Some(form) = legal_form(tok) {
            out.push(form.to_owned());
            continue;
        }
        let folded = fold(tok);
        // Two-word names (Alma-Ata, Nur-Sultan); the first-word check keeps
        // the extra fold off the hot path of bulk indexing.
        if ex.first_words.contains(&folded)
            && let Some(next) = raw.get(i)
            && is_letters(next)
            && let Some(canon) = ex.map.get(&fold(&[tok, *next].concat()))
        {
            out.push(canon.clone());
            i += 1;
            continue;
        }
        out.push(ex.map.get(&folded).cloned().unwrap_or(folded));
    }
    out
}

/// [`search_tokens`] joined by single spaces: the value stored in the
/// full-text index column next to the original text, and the form queries
/// are converted to before matching.
pub fn search_key(s: &str) -> String {
    search_tokens(s).join(" ")
}

/// Legal-form abbreviations whose doubled letters would otherwise collapse
/// (ООО → `o`), plus the one whose two scripts differ (МЧЖ → `mchzh`).
fn legal_form(raw: &str) -> Option<&'static str> {
    Some(match raw {
        "ooo" => "ooo",             // RU/UZ/TJ LLC
        "too" => "too",             // KZ LLP
        "osoo" => "osoo",           // KG LLC (ОсОО)
        "jdmm" => "jdmm",           // TJ LLC (ҶДММ)
        "mchj" | "mchzh" => "mchj", // UZ LLC (MChJ / МЧЖ)
        _ => return None,
    })
}

/// Applies the folding rules 2–6 from the module docs to one lowercase
/// ASCII letter token.
fn fold(token: &str) -> String {
    let raw = iso9_short_i(token.as_bytes());
    let b = raw.as_slice();
    let mut out: Vec<u8> = Vec::with_capacity(b.len() + 4);
    let mut i = 0;
    if b.starts_with(b"ex") {
        out.extend_from_slice(b"eks");
        i = 2;
    }
    while i < b.len() {
        let rest = &b[i..];
        let (emit, used): (&[u8], usize) = if rest.starts_with(b"shch") {
            (b"sh", 4)
        } else if rest.starts_with(b"sch") {
            (b"sh", 3)
        } else if rest.starts_with(b"dzh") {
            (b"j", 3)
        } else if rest.starts_with(b"dj") || rest.starts_with(b"zh") {
            (b"j", 2)
        } else if rest.starts_with(b"kh") {
            (b"kh", 2)
        } else if rest.starts_with(b"sh") {
            (b"sh", 2)
        } else if rest.starts_with(b"ch") {
            (b"ch", 2)
        } else if rest.starts_with(b"gh") {
            (b"g", 2)
        } else if rest.starts_with(b"ph") {
            (b"f", 2)
        } else if rest.starts_with(b"th") {
            (b"t", 2)
        } else if rest.starts_with(b"ck") {
            (b"k", 2)
        } else if rest.starts_with(b"ou") {
            // English `ou` is Russian у (`Group`, `Груп`; `Tourist`, `Турист`).
            (b"u", 2)
        } else {
            let one: &[u8] = match rest[0] {
                b'x' | b'h' => b"kh",
                b'q' => b"k",
                b'w' => b"v",
                b'y' => b"i",
                b'c' if matches!(rest.get(1), Some(b'e' | b'i' | b'y')) => b"ts",
                b'c' => b"k",
                _ => &rest[..1],
            };
            (one, 1)
        };
        out.extend_from_slice(emit);
        i += used;
    }
    out.dedup();
    // ң is `ng` (BGN), `n` (Russian, English), `ñ`/`ň` (Kazakh, Turkmen Latin) or `ń` (Kazakh
    // 2021), and is often followed by ғ (`Маңғыстау`): `n` + `g` is one `n` whatever followed.
    out = drop_g_after_n(&out);
    // ё and йо/ьо: `yo`, `io`, `e`, `ë` all meet at `e` (`Semyonov`, `Semenov`, `Семёнов`).
    replace_io_with_e(&mut out);
    out.dedup();
    drop_glide_before_e(&mut out);
    out.dedup();
    // Only ASCII bytes were pushed.
    String::from_utf8(out).unwrap_or_default()
}

/// ISO 9 writes й as `j` (`Kostanaj`); Uzbek, Kazakh and Turkmen Latin use `j` for ж/дж, which
/// comes before a vowel. A `j` after a vowel and before a consonant or at the word's end is
/// read as й (`i`).
fn iso9_short_i(b: &[u8]) -> Vec<u8> {
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let mut out = b.to_vec();
    for i in 1..b.len() {
        if b[i] == b'j' && vowel(b[i - 1]) && b.get(i + 1).is_none_or(|&n| !vowel(n)) {
            out[i] = b'i';
        }
    }
    out
}

fn drop_g_after_n(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    for (i, &c) in b.iter().enumerate() {
        if c == b'g' && i > 0 && b[i - 1] == b'n' {
            continue;
        }
        out.push(c);
    }
    out
}

fn replace_io_with_e(out: &mut Vec<u8>) {
    let mut i = 0;
    while i + 1 < out.len() {
        if out[i] == b'i' && out[i + 1] == b'o' {
            out.splice(i..i + 2, [b'e']);
        }
        i += 1;
    }
}

/// `ie` → `e`: at word start and after a vowel, Russian е is written `ye` by some and `e` by
/// others; after a consonant, Uzbek иё (`Диёр`) is written `iyo` in Latin (`Diyor`), which
/// the rules above have already made `e`.
fn drop_glide_before_e(out: &mut Vec<u8>) {
    let mut i = 0;
    while i + 1 < out.len() {
        if out[i] == b'i' && out[i + 1] == b'e' && out.len() > 2 {
            out.remove(i);
        } else {
            i += 1;
        }
    }
}

/// Changes whenever [`search_key`] gives different keys for the same text, or the stored
/// search columns hold other text (3: region names in the producer's text; 4: `ie` → `e` after
/// consonants, `ou` → `u`): stored keys of an
/// older version are recomputed at startup (`search_keys::rekey_if_stale`).
pub const SEARCH_KEY_VERSION: i64 = 4;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod variants;
