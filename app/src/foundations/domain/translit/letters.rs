//! Characters: Cyrillic and Latin letters to lowercase ASCII, Unicode composition, word breaks.

/// Core of [`to_latin`]; `search` additionally reads ё as е.
pub(super) fn lower_latin(chars: &[char], search: bool) -> String {
    let mut out = String::with_capacity(chars.len() + chars.len() / 4);
    let mut pending_break = false;
    let mut prev: Option<char> = None;
    for &c in chars {
        for lc in c.to_lowercase() {
            let lc = if search && lc == 'ё' { 'е' } else { lc };
            let piece = if lc.is_ascii_alphanumeric() {
                Piece::Char(lc)
            } else if is_apostrophe(lc) || is_combining_mark(lc) {
                Piece::Join
            } else if lc == 'е' {
                Piece::Str(if ye_context(prev) { "ye" } else { "e" })
            } else if let Some(s) = cyrillic(lc).or_else(|| latin_diacritic(lc)) {
                Piece::Str(s)
            } else {
                Piece::Break
            };
            match piece {
                Piece::Char(ch) => {
                    push_break(&mut out, &mut pending_break);
                    out.push(ch);
                }
                Piece::Str(s) if !s.is_empty() => {
                    push_break(&mut out, &mut pending_break);
                    out.push_str(s);
                }
                Piece::Str(_) | Piece::Join => {}
                Piece::Break => pending_break = true,
            }
            prev = Some(lc);
        }
    }
    out
}

enum Piece {
    Char(char),
    Str(&'static str),
    /// Belongs to the word but produces nothing (apostrophes, marks).
    Join,
    Break,
}

pub(super) fn push_break(out: &mut String, pending: &mut bool) {
    if *pending && !out.is_empty() {
        out.push(' ');
    }
    *pending = false;
}

/// Whether Cyrillic е after `prev` (lowercase) is pronounced "ye".
pub(super) fn ye_context(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(p) => !p.is_alphabetic() || is_vowel(p) || matches!(p, 'ъ' | 'ь'),
    }
}

/// Lowercase Cyrillic or basic Latin vowel.
pub(super) fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'а' | 'е'
            | 'ё'
            | 'и'
            | 'о'
            | 'у'
            | 'ы'
            | 'э'
            | 'ю'
            | 'я'
            | 'ә'
            | 'ө'
            | 'ұ'
            | 'ү'
            | 'і'
            | 'ӣ'
            | 'ӯ'
            | 'ў'
            | 'є'
            | 'ї'
            | 'a'
            | 'e'
            | 'i'
            | 'o'
            | 'u'
            | 'y'
    )
}

/// Romanization of one lowercase Cyrillic letter (е is context-dependent
/// and handled by the callers). `""` means the letter is silent.
pub(super) fn cyrillic(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ѐ' | 'э' => "e",
        'ё' => "yo",
        'ж' => "zh",
        'з' => "z",
        'и' | 'ѝ' => "i",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        // Kazakh, Kyrgyz, Tajik, Uzbek, Turkmen Cyrillic
        'ә' => "a",
        'ғ' => "gh",
        'қ' => "q",
        'ң' => "ng",
        'ө' => "o",
        'ұ' | 'ү' | 'ӯ' => "u",
        'һ' | 'ҳ' => "h",
        'і' | 'ӣ' => "i",
        'ҷ' | 'җ' => "j",
        'ў' => "o",
        // Ukrainian letters that turn up in imported data
        'є' => "ye",
        'ї' => "yi",
        'ґ' => "g",
        _ => return None,
    })
}

/// ASCII for lowercase Latin letters with diacritics, using the Turkic
/// (Turkmen, Kazakh Latin, Azerbaijani) value where accent stripping would
/// lose a distinction.
pub(super) fn latin_diacritic(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' | 'ə' => "a",
        'æ' => "ae",
        'ç' | 'č' | 'ć' | 'ĉ' | 'ċ' => "ch",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' | 'ǵ' => "gh",
        'ĝ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ň' | 'ŋ' => "ng",
        'ń' | 'ņ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ǒ' => "o",
        'œ' => "oe",
        'ŕ' | 'ř' | 'ŗ' => "r",
        'ś' => "s",
        // ISO 9 щ
        'ŝ' => "sh",
        'š' | 'ş' | 'ș' => "sh",
        'ß' => "ss",
        'ţ' | 'ť' | 'ț' | 'ŧ' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ǔ' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' => "z",
        'ž' => "zh",
        'þ' => "th",
        _ => return None,
    })
}

pub(super) fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '`'
            | '\u{b4}'
            | '\u{2b9}'
            | '\u{2ba}'
            | '\u{2bb}'
            | '\u{2bc}'
            | '\u{2bd}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201b}'
            | '\u{2032}'
            | '\u{2033}'
    )
}

pub(super) fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}')
}

/// Lowercase of a single char when it is a single char (true for Cyrillic).
pub(super) fn to_lower_char(c: char) -> char {
    let mut it = c.to_lowercase();
    match (it.next(), it.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Precomposes the decomposed sequences that change the transliteration
/// (и + breve is й, not и), since input may come from macOS or PDFs in NFD.
pub(super) fn compose(s: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(s.len());
    for c in s.chars() {
        if is_combining_mark(c)
            && let Some(prev) = out.last_mut()
            && let Some(composed) = precompose(*prev, c)
        {
            *prev = composed;
            continue;
        }
        out.push(c);
    }
    out
}

pub(super) fn precompose(base: char, mark: char) -> Option<char> {
    let lower = to_lower_char(base);
    let composed = match (lower, mark) {
        ('и', '\u{306}') => 'й',
        ('е', '\u{308}') => 'ё',
        ('у', '\u{306}') => 'ў',
        ('і', '\u{308}') => 'ї',
        ('s', '\u{327}') => 'ş',
        ('c', '\u{327}') => 'ç',
        ('s', '\u{30c}') => 'š',
        ('c', '\u{30c}') => 'č',
        ('z', '\u{30c}') => 'ž',
        ('n', '\u{30c}') => 'ň',
        ('g', '\u{306}') => 'ğ',
        ('n', '\u{303}') => 'ñ',
        _ => return None,
    };
    Some(if base.is_uppercase() {
        composed.to_uppercase().next().unwrap_or(composed)
    } else {
        composed
    })
}

pub(super) fn is_letters(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_lowercase())
}

/// Splits an ASCII token into runs of letters and runs of digits.
pub(super) fn split_letters_digits(token: &str) -> impl Iterator<Item = &str> {
    let b = token.as_bytes();
    let mut start = 0;
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            i += 1;
            if i == b.len() || b[i].is_ascii_digit() != b[i - 1].is_ascii_digit() {
                let part = &token[start..i];
                start = i;
                return Some(part);
            }
        }
        None
    })
}
