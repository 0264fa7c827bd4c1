//! Place names' other spellings (exonyms), folded to one canonical key.

use super::fold;
use super::letters::{compose, lower_latin};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Canonical spellings and their variants (any script; they are run through
/// the same pipeline). Deliberately omitted: names that are also common
/// words or street names (Frunze, Akmola region, Qo'qon = "кокон"/cocoon,
/// Navoi, Shevchenko), which would create misleading matches.
pub(super) const EXONYMS: &[(&str, &[&str])] = &[
    // Countries
    ("Kazakhstan", &["Qazaqstan", "Kazakstan", "Kasachstan", "Казахстан", "Қазақстан"]),
    (
        "Kyrgyzstan",
        &[
            "Qyrgyzstan",
            "Kirgizstan",
            "Kirghizstan",
            "Kirgizia",
            "Kirghizia",
            "Kirgisistan",
            "Qirg'iziston",
            "Кыргызстан",
            "Киргизстан",
            "Киргизия",
            "Қирғизистон",
        ],
    ),
    (
        "Tajikistan",
        &[
            "Tojikiston",
            "Tadzhikistan",
            "Tadjikistan",
            "Tadschikistan",
            "Таджикистан",
            "Тоҷикистон",
            "Тожикистон",
        ],
    ),
    ("Turkmenistan", &["Türkmenistan", "Turkmenia", "Туркменистан", "Туркмения"]),
    (
        "Uzbekistan",
        &["O'zbekiston", "Ozbekiston", "Uzbekiston", "Usbekistan", "Узбекистан", "Ўзбекистон"],
    ),
    // Kazakhstan
    ("Almaty", &["Alma-Ata", "Almaata", "Almati", "Алматы", "Алма-Ата"]),
    ("Astana", &["Nur-Sultan", "Nursultan", "Tselinograd", "Астана", "Нур-Султан", "Целиноград"]),
    ("Shymkent", &["Chimkent", "Шымкент", "Чимкент"]),
    ("Karaganda", &["Qaraghandy", "Karagandy", "Qaragandy", "Караганда", "Қарағанды"]),
    ("Aktobe", &["Aqtobe", "Aktyubinsk", "Актобе", "Ақтөбе", "Актюбинск"]),
    ("Kostanay", &["Qostanay", "Kustanai", "Kustanay", "Костанай", "Қостанай", "Кустанай"]),
    ("Oskemen", &["Öskemen", "Ust-Kamenogorsk", "Өскемен", "Усть-Каменогорск"]),
    ("Semey", &["Semipalatinsk", "Семей", "Семипалатинск"]),
    ("Kyzylorda", &["Qyzylorda", "Кызылорда", "Қызылорда"]),
    ("Taldykorgan", &["Taldyqorghan", "Taldyqorgan", "Талдыкорган", "Талдықорған"]),
    ("Kokshetau", &["Kökşetau", "Kokchetav", "Кокшетау", "Көкшетау", "Кокчетав"]),
    ("Aktau", &["Aqtau", "Актау", "Ақтау"]),
    ("Oral", &["Uralsk", "Орал", "Уральск"]),
    ("Petropavl", &["Petropavlovsk", "Петропавл", "Петропавловск"]),
    ("Turkistan", &["Turkestan", "Türkistan", "Туркестан", "Түркістан"]),
    // Kyrgyzstan
    ("Bishkek", &["Pishpek", "Бишкек"]),
    ("Jalal-Abad", &["Jalalabad", "Djalal-Abad", "Dzhalal-Abad", "Жалал-Абад", "Джалал-Абад"]),
    ("Karakol", &["Qaraqol", "Przhevalsk", "Каракол", "Пржевальск"]),
    ("Issyk-Kul", &["Ysyk-Kol", "Issykkul", "Иссык-Куль", "Ысык-Көл"]),
    ("Tokmok", &["Tokmak", "Токмок", "Токмак"]),
    // Tajikistan
    ("Dushanbe", &["Stalinabad", "Душанбе", "Сталинабад"]),
    (
        "Khujand",
        &[
            "Xujand",
            "Hujand",
            "Khodzhent",
            "Khodjent",
            "Khojent",
            "Leninabad",
            "Худжанд",
            "Хуҷанд",
            "Ходжент",
            "Ленинабад",
        ],
    ),
    ("Kulob", &["Kulyab", "Куляб", "Кӯлоб"]),
    (
        "Bokhtar",
        &["Qurghonteppa", "Kurgonteppa", "Kurgan-Tyube", "Бохтар", "Курган-Тюбе", "Қӯрғонтеппа"],
    ),
    ("Istaravshan", &["Ura-Tyube", "Ura-Tube", "Истаравшан", "Ура-Тюбе"]),
    (
        "Panjakent",
        &["Penjikent", "Pendzhikent", "Panjikent", "Пенджикент", "Панджакент", "Панҷакент"],
    ),
    ("Sughd", &["Sogd", "Soghd", "Sugd", "Согд", "Суғд"]),
    ("Badakhshan", &["Badaxshon", "Badakhshon", "Бадахшан", "Бадахшон"]),
    // Turkmenistan
    (
        "Ashgabat",
        &["Ashkhabad", "Ashgabad", "Asgabat", "Aşgabat", "Poltoratsk", "Ашхабад", "Ашгабат"],
    ),
    (
        "Turkmenabat",
        &[
            "Türkmenabat",
            "Turkmenabad",
            "Chardzhou",
            "Chardzhev",
            "Chardjou",
            "Charjew",
            "Chärjew",
            "Туркменабад",
            "Туркменабат",
            "Чарджоу",
            "Чарджев",
        ],
    ),
    (
        "Dashoguz",
        &["Daşoguz", "Dashhowuz", "Dashkhovuz", "Tashauz", "Дашогуз", "Дашховуз", "Ташауз"],
    ),
    ("Balkanabat", &["Balkanabad", "Nebit-Dag", "Nebitdag", "Балканабад", "Небит-Даг"]),
    ("Turkmenbashi", &["Türkmenbaşy", "Turkmenbashy", "Krasnovodsk", "Туркменбаши", "Красноводск"]),
    // Uzbekistan
    ("Tashkent", &["Toshkent", "Taschkent", "Ташкент", "Тошкент"]),
    ("Samarkand", &["Samarqand", "Samarkand", "Самарканд", "Самарқанд"]),
    ("Bukhara", &["Buxoro", "Bukhoro", "Bokhara", "Бухара", "Бухоро"]),
    ("Fergana", &["Farg'ona", "Fargona", "Ferghana", "Фергана", "Фарғона"]),
    ("Andijan", &["Andijon", "Andizhan", "Андижан", "Андижон"]),
    ("Namangan", &["Наманган"]),
    ("Kokand", &["Khokand", "Коканд"]),
    ("Khorezm", &["Xorazm", "Khorazm", "Khwarezm", "Khwarazm", "Chorasmia", "Хорезм", "Хоразм"]),
    ("Jizzakh", &["Jizzax", "Jizzak", "Djizak", "Dzhizak", "Джизак", "Жиззах"]),
    (
        "Karakalpakstan",
        &["Qoraqalpog'iston", "Qoraqalpogiston", "Каракалпакстан", "Қорақалпоғистон"],
    ),
    ("Kashkadarya", &["Qashqadaryo", "Кашкадарья", "Қашқадарё"]),
    ("Surkhandarya", &["Surxondaryo", "Сурхандарья", "Сурхондарё"]),
    ("Syrdarya", &["Sirdaryo", "Sirdarya", "Сырдарья", "Сирдарё"]),
    ("Termez", &["Termiz", "Термез", "Термиз"]),
    ("Urgench", &["Urganch", "Ургенч", "Урганч"]),
    ("Gulistan", &["Guliston", "Гулистан", "Гулистон"]),
    ("Margilan", &["Marg'ilon", "Margilon", "Маргилан", "Марғилон"]),
];

pub(super) struct Exonyms {
    /// Folded variant (multi-word variants joined) → folded canonical.
    pub(super) map: HashMap<String, String>,
    /// Folded first words of multi-word variants.
    pub(super) first_words: HashSet<String>,
}

/// The exonym index, built once on first use.
pub(super) fn exonyms() -> &'static Exonyms {
    static EX: OnceLock<Exonyms> = OnceLock::new();
    EX.get_or_init(|| {
        let mut ex = Exonyms { map: HashMap::new(), first_words: HashSet::new() };
        for (canonical, variants) in EXONYMS {
            let canon = phrase_key(canonical);
            for v in variants.iter().chain(std::iter::once(canonical)) {
                let latin = lower_latin(&compose(v), true);
                if let Some((first, _)) = latin.split_once(' ') {
                    ex.first_words.insert(fold(first));
                }
                ex.map.insert(phrase_key(v), canon.clone());
            }
        }
        ex
    })
}

/// Folds a possibly multi-word name into one token (`Alma-Ata` → `almaata`).
pub(super) fn phrase_key(s: &str) -> String {
    fold(&lower_latin(&compose(s), true).replace(' ', ""))
}
