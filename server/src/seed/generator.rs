//! Deterministic synthetic producers for the five Central Asian countries.
//!
//! Every producer is a pure function of `(seed, index)`: batches can be generated in any order
//! or in parallel and still agree. Nothing here needs a crate: a SplitMix64 stream per producer
//! and small hand-written tables are enough for plausible demo data.

#[derive(Debug, Clone, PartialEq)]
pub struct SeedProducer {
    pub legal_name: String,
    pub name_latin: String,
    pub legal_form: String,
    pub tax_id: String,
    pub country: &'static str,
    pub region: &'static str,
    pub city: String,
    pub address: String,
    pub website: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub show_phone: bool,
    pub show_email: bool,
    pub year_founded: Option<i32>,
    pub workforce: Option<&'static str>,
    pub description: String,
    pub verified: bool,
    pub certifications: Vec<SeedCert>,
    pub listings: Vec<SeedListing>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SeedCert {
    pub kind: &'static str,
    pub issuer: String,
    pub number: String,
    pub valid_from: (i32, u32, u32),
    pub valid_until: Option<(i32, u32, u32)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SeedListing {
    pub hs_code: &'static str,
    pub national_code: Option<String>,
    pub product_name: String,
    pub description: String,
    pub capacity: Option<f64>,
    pub capacity_unit: Option<&'static str>,
    pub min_order: Option<f64>,
    pub min_order_unit: Option<&'static str>,
    pub lead_time_days: Option<i32>,
    pub export_markets: Vec<&'static str>,
    pub certifications: Vec<SeedCert>,
}

// ---------------------------------------------------------------------------------------------
// PRNG

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64 finaliser: a bijection on u64 with good avalanche.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

struct Rng(u64);

impl Rng {
    /// Each (seed, index) gets its own stream, so a producer never depends on its neighbours.
    fn new(seed: u64, index: u64) -> Self {
        Rng(mix(seed ^ mix(index.wrapping_mul(GOLDEN).wrapping_add(GOLDEN))))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN);
        mix(self.0)
    }

    /// Uniform in 0..n (n = 0 yields 0), by multiply-shift: no modulo bias worth caring about.
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in lo..=hi.
    fn range(&mut self, lo: i32, hi: i32) -> i32 {
        lo + self.below((hi - lo + 1) as u64) as i32
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Every table passed here is a non-empty constant (checked by the tests).
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// Index into a list ordered by popularity: the minimum of two draws favours the front.
    fn front_biased(&mut self, len: usize) -> usize {
        let n = len as u64;
        self.below(n).min(self.below(n)) as usize
    }
}

/// An index drawn with probability proportional to its weight.
fn weighted(rng: &mut Rng, weights: impl Iterator<Item = u32> + Clone) -> usize {
    let mut r = rng.below(weights.clone().map(u64::from).sum());
    for (i, w) in weights.enumerate() {
        match r.checked_sub(u64::from(w)) {
            Some(rest) => r = rest,
            None => return i,
        }
    }
    0
}

/// Two significant digits, so capacities read like "12,000 t" rather than "11,873.4 t".
fn round_nice(x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    // Divide by a power of ten rather than multiply by 0.1: 19 * 0.1 prints as 1.9000000000000001.
    let e = x.log10().floor() as i32 - 1;
    let nice = if e >= 0 {
        (x / 10f64.powi(e)).round() * 10f64.powi(e)
    } else {
        (x * 10f64.powi(-e)).round() / 10f64.powi(-e)
    };
    nice.max(1.0)
}

// ---------------------------------------------------------------------------------------------
// Products

/// A catalogue entry: HS code, typical unit, typical annual capacity, names (ru, en, uz).
struct Product {
    hs: &'static str,
    unit: &'static str,
    cap: f64,
    ru: &'static str,
    en: &'static str,
    uz: &'static str,
}

#[rustfmt::skip]
const fn p(hs: &'static str, unit: &'static str, cap: f64, ru: &'static str, en: &'static str, uz: &'static str) -> Product {
    Product { hs, unit, cap, ru, en, uz }
}

// Group flags: drive legal forms (farms only grow things) and certification kinds.
const FOOD: u8 = 1;
const AGRI: u8 = 2;
const ORGANIC: u8 = 4;
const INDUSTRY: u8 = 8;

/// A product family with the words a company in that trade would put in its name.
struct Group {
    flags: u8,
    /// Russian genitive ("производитель зерна и муки"), English, Uzbek.
    ru: &'static str,
    en: &'static str,
    uz: &'static str,
    cyr: &'static [&'static str],
    uzw: &'static [&'static str],
    tkw: &'static [&'static str],
    products: &'static [Product],
}

/// Indices into GROUPS, in the same order.
#[rustfmt::skip]
#[derive(Clone, Copy, PartialEq, Debug)]
enum G {
    Grain, Oilseed, Cotton, Garments, SilkWool, Carpets, Fruit, DriedFruit, Nuts, Veg, Meat, Dairy,
    Honey, Fish, Drinks, OilGas, CoalOre, Polymers, Copper, ZincLead, Ferro, Steel, Aluminium,
    Building, Fertilizer, FoodOther, Energy, Furniture,
}
use G::*;

/// Trades found everywhere, mixed into every region's own specialities.
const COMMON: &[G] = &[Grain, Veg, Meat, Dairy, Building, Garments, Furniture, FoodOther, Fruit];

#[rustfmt::skip]
static GROUPS: [Group; 28] = [
    Group { flags: FOOD | AGRI, ru: "зерна и муки", en: "grain and flour", uz: "g‘alla va un", cyr: &["Астык", "Агро", "Нан", "Дала"], uzw: &["G‘alla", "Don", "Agro"], tkw: &["Bugdaý", "Galla", "Agro"], products: &[
        p("100199", "t", 20e3, "Пшеница мягкая 3 класса", "Milling wheat, class 3", "3-sinf yumshoq bug‘doy"),
        p("100390", "t", 10e3, "Ячмень фуражный", "Feed barley", "Yem arpa"),
        p("110100", "t", 12e3, "Мука пшеничная высшего сорта", "Wheat flour, premium grade", "Oliy navli bug‘doy uni"),
        p("110311", "t", 3e3, "Крупа манная", "Semolina", "Manna yormasi"),
        p("100630", "t", 5e3, "Рис шлифованный", "Milled rice", "Oqlangan guruch"),
    ]},
    Group { flags: FOOD | AGRI, ru: "масличных культур и масла", en: "oilseeds and vegetable oil", uz: "moyli ekinlar va o‘simlik yog‘i", cyr: &["Агро", "Май", "Ойл"], uzw: &["Yog‘", "Moy", "Agro"], tkw: &["Ýag", "Agro"], products: &[
        p("120600", "t", 8e3, "Семена подсолнечника", "Sunflower seeds", "Kungaboqar urug‘i"),
        p("151211", "t", 5e3, "Масло подсолнечное нерафинированное", "Crude sunflower oil", "Xom kungaboqar yog‘i"),
        p("151219", "t", 4e3, "Масло подсолнечное рафинированное", "Refined sunflower oil", "Tozalangan kungaboqar yog‘i"),
        p("151229", "t", 3e3, "Масло хлопковое рафинированное", "Refined cottonseed oil", "Tozalangan paxta yog‘i"),
    ]},
    Group { flags: AGRI, ru: "хлопка и пряжи", en: "cotton fibre and yarn", uz: "paxta tolasi va ip-kalava", cyr: &["Пахта", "Коттон", "Текстиль"], uzw: &["Paxta", "Tola", "Tekstil"], tkw: &["Pagta", "Tekstil"], products: &[
        p("520100", "t", 5e3, "Хлопок-волокно", "Raw cotton fibre", "Paxta tolasi"),
        p("520512", "t", 2e3, "Пряжа хлопчатобумажная Ne 30/1", "Cotton yarn Ne 30/1", "Paxta ipi Ne 30/1"),
        p("520942", "m2", 5e5, "Ткань джинсовая (деним)", "Denim fabric", "Jinsi mato"),
    ]},
    Group { flags: 0, ru: "швейных изделий", en: "garments", uz: "tikuvchilik mahsulotlari", cyr: &["Текстиль", "Стиль", "Мода"], uzw: &["Tekstil", "Moda", "Kiyim"], tkw: &["Tekstil", "Moda", "Eşik"], products: &[
        p("610910", "pcs", 2e5, "Футболки трикотажные из хлопка", "Cotton knitted T-shirts", "Paxtali trikotaj futbolkalar"),
        p("620342", "pcs", 1e5, "Брюки мужские хлопчатобумажные", "Men's cotton trousers", "Erkaklar paxta shimlari"),
        p("620462", "pcs", 1e5, "Брюки женские из хлопка", "Women's cotton trousers", "Ayollar paxta shimlari"),
    ]},
    Group { flags: AGRI, ru: "шёлка и шерсти", en: "silk and wool", uz: "ipak va jun", cyr: &["Жибек", "Абрешим", "Шерсть"], uzw: &["Ipak", "Jun", "Pilla"], tkw: &["Ýüpek", "Ýüň"], products: &[
        p("500100", "t", 300.0, "Коконы тутового шелкопряда", "Silkworm cocoons", "Tut ipak qurti pillasi"),
        p("500200", "t", 100.0, "Шёлк-сырец", "Raw silk", "Xom ipak"),
        p("510111", "t", 500.0, "Шерсть овечья немытая", "Greasy shorn wool", "Yuvilmagan qo‘y juni"),
    ]},
    Group { flags: 0, ru: "ковров", en: "carpets", uz: "gilamlar", cyr: &["Ковры", "Гилам"], uzw: &["Gilam", "Ipak"], tkw: &["Haly", "Gölli", "Keşde"], products: &[
        p("570110", "m2", 2e4, "Ковры ручной работы из шерсти", "Hand-knotted wool carpets", "Qo‘lda to‘qilgan jun gilamlar"),
        p("570242", "m2", 1e5, "Ковры машинной работы", "Machine-woven carpets", "Mashinada to‘qilgan gilamlar"),
    ]},
    Group { flags: FOOD | AGRI, ru: "фруктов и бахчевых", en: "fresh fruit and melons", uz: "meva va poliz mahsulotlari", cyr: &["Сад", "Мева", "Агро"], uzw: &["Bog‘", "Meva", "Agro"], tkw: &["Bag", "Miwe", "Agro"], products: &[
        p("080810", "t", 3e3, "Яблоки свежие", "Fresh apples", "Yangi olma"),
        p("080610", "t", 3e3, "Виноград столовый", "Table grapes", "Xo‘raki uzum"),
        p("080719", "t", 5e3, "Дыни свежие", "Fresh melons", "Yangi qovun"),
        p("080929", "t", 1e3, "Черешня свежая", "Fresh sweet cherries", "Yangi gilos"),
    ]},
    Group { flags: FOOD | AGRI | ORGANIC, ru: "сухофруктов", en: "dried fruit", uz: "quritilgan mevalar", cyr: &["Мева", "Сухофрукт", "Шарк"], uzw: &["Meva", "Mayiz", "Sharq"], tkw: &["Miwe", "Kişmiş"], products: &[
        p("080620", "t", 1500.0, "Изюм (кишмиш)", "Raisins", "Mayiz (kishmish)"),
        p("081310", "t", 1e3, "Курага", "Dried apricots", "Quritilgan o‘rik (turshak)"),
        p("081320", "t", 800.0, "Чернослив", "Prunes", "Olxo‘ri qoqisi"),
        p("081350", "t", 500.0, "Смесь сухофруктов и орехов", "Mixed nuts and dried fruit", "Quruq meva va yong‘oq aralashmasi"),
    ]},
    Group { flags: FOOD | AGRI | ORGANIC, ru: "орехов", en: "nuts", uz: "yong‘oq", cyr: &["Орех", "Жаңгак", "Чормағз"], uzw: &["Yong‘oq", "Bodom"], tkw: &["Hoz", "Pisse"], products: &[
        p("080231", "t", 500.0, "Грецкий орех в скорлупе", "Walnuts in shell", "Po‘choqli yong‘oq"),
        p("080232", "t", 300.0, "Ядро грецкого ореха", "Shelled walnut kernels", "Yong‘oq mag‘zi"),
        p("080212", "t", 200.0, "Миндаль очищенный", "Shelled almonds", "Tozalangan bodom"),
        p("080251", "t", 200.0, "Фисташки в скорлупе", "Pistachios in shell", "Po‘choqli pista"),
    ]},
    Group { flags: FOOD | AGRI, ru: "овощей и бобовых", en: "vegetables and pulses", uz: "sabzavot va dukkakli ekinlar", cyr: &["Агро", "Фермер", "Дехкан"], uzw: &["Sabzavot", "Dehqon", "Agro"], tkw: &["Daýhan", "Agro", "Bereket"], products: &[
        p("070200", "t", 3e3, "Томаты свежие", "Fresh tomatoes", "Yangi pomidor"),
        p("070310", "t", 4e3, "Лук репчатый", "Onions", "Piyoz"),
        p("070190", "t", 8e3, "Картофель продовольственный", "Ware potatoes", "Oziq-ovqat kartoshkasi"),
        p("071320", "t", 1e3, "Нут", "Chickpeas", "No‘xat"),
        p("200290", "t", 2e3, "Томатная паста", "Tomato paste", "Tomat pastasi"),
    ]},
    Group { flags: FOOD | AGRI, ru: "мяса", en: "meat", uz: "go‘sht", cyr: &["Мясо", "Ет", "Агро"], uzw: &["Go‘sht", "Chorva", "Agro"], tkw: &["Et", "Mal", "Agro"], products: &[
        p("020130", "t", 1500.0, "Говядина бескостная охлаждённая", "Chilled boneless beef", "Sovutilgan suyaksiz mol go‘shti"),
        p("020423", "t", 800.0, "Баранина бескостная", "Boneless lamb", "Suyaksiz qo‘y go‘shti"),
        p("020500", "t", 300.0, "Конина", "Horse meat", "Ot go‘shti"),
        p("020714", "t", 2e3, "Мясо птицы замороженное (части тушек)", "Frozen chicken cuts", "Muzlatilgan tovuq go‘shti"),
        p("010410", "pcs", 5e3, "Овцы живые", "Live sheep", "Tirik qo‘ylar"),
    ]},
    Group { flags: FOOD | AGRI, ru: "молочной продукции", en: "dairy products", uz: "sut mahsulotlari", cyr: &["Сүт", "Молоко", "Агро"], uzw: &["Sut", "Agro"], tkw: &["Süýt", "Agro"], products: &[
        p("040120", "l", 2e6, "Молоко питьевое 2,5%", "Drinking milk 2.5%", "Ichimlik suti 2,5%"),
        p("040610", "t", 300.0, "Творог и курт", "Curd and kurt", "Tvorog va qurt"),
        p("040690", "t", 300.0, "Сыр твёрдый", "Hard cheese", "Qattiq pishloq"),
        p("040510", "t", 200.0, "Масло сливочное 82,5%", "Butter 82.5%", "Sariyog‘ 82,5%"),
        p("040721", "pcs", 2e7, "Яйца куриные столовые", "Table eggs", "Tovuq tuxumi"),
    ]},
    Group { flags: FOOD | AGRI | ORGANIC, ru: "мёда", en: "honey", uz: "asal", cyr: &["Бал", "Асал", "Мёд"], uzw: &["Asal", "Bol"], tkw: &["Bal"], products: &[
        p("040900", "t", 50.0, "Мёд натуральный горный", "Natural mountain honey", "Tabiiy tog‘ asali"),
    ]},
    Group { flags: FOOD, ru: "рыбы", en: "fish", uz: "baliq", cyr: &["Балык", "Фиш", "Каспий"], uzw: &["Baliq", "Orol"], tkw: &["Balyk", "Hazar"], products: &[
        p("030211", "t", 200.0, "Форель охлаждённая", "Chilled trout", "Sovutilgan gulmoy (forel)"),
        p("030389", "t", 500.0, "Рыба мороженая (судак, сазан)", "Frozen fish (zander, carp)", "Muzlatilgan baliq (sudak, zog‘ora)"),
    ]},
    Group { flags: FOOD, ru: "чая и напитков", en: "tea and beverages", uz: "choy va ichimliklar", cyr: &["Шай", "Чай", "Су"], uzw: &["Choy", "Suv", "Buloq"], tkw: &["Çaý", "Suw"], products: &[
        p("090230", "t", 500.0, "Чай чёрный байховый", "Black tea", "Qora choy"),
        p("090210", "t", 300.0, "Чай зелёный", "Green tea", "Ko‘k choy"),
        p("220110", "l", 5e6, "Вода минеральная", "Mineral water", "Mineral suv"),
    ]},
    Group { flags: INDUSTRY, ru: "нефти и газа", en: "oil and gas", uz: "neft va gaz", cyr: &["Мунай", "Ойл", "Газ", "Энерджи"], uzw: &["Neft", "Gaz", "Energiya"], tkw: &["Nebit", "Gaz", "Energiýa"], products: &[
        p("270900", "t", 1e6, "Нефть сырая", "Crude oil", "Xom neft"),
        p("271111", "t", 2e5, "Газ природный сжиженный", "Liquefied natural gas", "Suyultirilgan tabiiy gaz"),
        p("271121", "m3", 1e9, "Газ природный", "Natural gas", "Tabiiy gaz"),
        p("271019", "t", 1e5, "Топливо дизельное", "Diesel fuel", "Dizel yoqilg‘isi"),
    ]},
    Group { flags: INDUSTRY, ru: "угля и руды", en: "coal and ore", uz: "ko‘mir va ruda", cyr: &["Кен", "Комир", "Майнинг"], uzw: &["Ko‘mir", "Kon", "Ruda"], tkw: &["Kömür", "Magdan"], products: &[
        p("270112", "t", 5e5, "Уголь каменный энергетический", "Steam coal", "Energetik toshko‘mir"),
        p("260111", "t", 3e5, "Концентрат железорудный", "Iron ore concentrate", "Temir ruda konsentrati"),
    ]},
    Group { flags: INDUSTRY, ru: "полимеров", en: "polymers", uz: "polimerlar", cyr: &["Полимер", "Пласт", "Кемикал"], uzw: &["Polimer", "Kimyo"], tkw: &["Polimer", "Himiýa"], products: &[
        p("390110", "t", 2e4, "Полиэтилен низкой плотности", "Low-density polyethylene", "Past zichlikdagi polietilen"),
        p("390210", "t", 2e4, "Полипропилен гранулированный", "Polypropylene granules", "Polipropilen granulalari"),
        p("390410", "t", 1e4, "Поливинилхлорид (ПВХ)", "PVC resin", "Polivinilxlorid (PVX)"),
    ]},
    Group { flags: INDUSTRY, ru: "меди", en: "copper", uz: "mis", cyr: &["Мыс", "Медь", "Металл"], uzw: &["Mis", "Metall"], tkw: &["Mis", "Metal"], products: &[
        p("740311", "t", 2e4, "Катоды медные", "Copper cathodes", "Mis katodlari"),
        p("740811", "t", 1e4, "Катанка медная", "Copper wire rod", "Mis katanka"),
    ]},
    Group { flags: INDUSTRY, ru: "цинка и свинца", en: "zinc and lead", uz: "rux va qo‘rg‘oshin", cyr: &["Металл", "Кен", "Полиметалл"], uzw: &["Rux", "Metall"], tkw: &["Metal"], products: &[
        p("790111", "t", 1e4, "Цинк SHG 99,995%", "SHG zinc 99.995%", "Rux SHG 99,995%"),
        p("780110", "t", 5e3, "Свинец рафинированный", "Refined lead", "Tozalangan qo‘rg‘oshin"),
    ]},
    Group { flags: INDUSTRY, ru: "ферросплавов", en: "ferroalloys", uz: "ferroqotishmalar", cyr: &["Ферро", "Хром", "Металл"], uzw: &["Ferro", "Metall"], tkw: &["Ferro", "Metal"], products: &[
        p("720241", "t", 5e4, "Феррохром высокоуглеродистый", "High-carbon ferrochrome", "Yuqori uglerodli ferroxrom"),
        p("720221", "t", 3e4, "Ферросилиций ФС75", "Ferrosilicon FeSi75", "Ferrosilitsiy FS75"),
        p("720211", "t", 2e4, "Ферромарганец", "Ferromanganese", "Ferromarganets"),
    ]},
    Group { flags: INDUSTRY, ru: "металлопроката", en: "rolled steel", uz: "metall prokat", cyr: &["Темир", "Сталь", "Металл"], uzw: &["Temir", "Po‘lat", "Metall"], tkw: &["Demir", "Polat"], products: &[
        p("721420", "t", 5e4, "Арматура А500С", "Rebar A500C", "Armatura A500S"),
        p("720890", "t", 5e4, "Прокат листовой горячекатаный", "Hot-rolled steel sheet", "Issiq prokatlangan list"),
    ]},
    Group { flags: INDUSTRY, ru: "алюминия", en: "aluminium", uz: "alyuminiy", cyr: &["Алюминий", "Металл"], uzw: &["Alyuminiy"], tkw: &["Alýumin"], products: &[
        p("760110", "t", 5e4, "Алюминий первичный А7", "Primary aluminium A7", "Birlamchi alyuminiy A7"),
        p("760120", "t", 2e4, "Сплавы алюминиевые", "Aluminium alloys", "Alyuminiy qotishmalari"),
        p("281820", "t", 2e4, "Глинозём", "Alumina", "Glinozem"),
    ]},
    Group { flags: INDUSTRY, ru: "строительных материалов", en: "building materials", uz: "qurilish materiallari", cyr: &["Строй", "Курулуш", "Бина"], uzw: &["Qurilish", "Sement", "Bino"], tkw: &["Gurluşyk", "Sement"], products: &[
        p("252329", "t", 2e5, "Цемент ЦЕМ I 42,5Н", "Portland cement CEM I 42.5N", "Portlandsement CEM I 42,5N"),
        p("690410", "pcs", 1e7, "Кирпич керамический", "Ceramic bricks", "Keramik g‘isht"),
    ]},
    Group { flags: INDUSTRY, ru: "минеральных удобрений", en: "mineral fertilizers", uz: "mineral o‘g‘itlar", cyr: &["Азот", "Химпром", "Агрохим"], uzw: &["Azot", "Kimyo", "O‘g‘it"], tkw: &["Azot", "Dökün"], products: &[
        p("310210", "t", 1e5, "Карбамид (мочевина)", "Urea", "Karbamid"),
        p("310230", "t", 1e5, "Аммиачная селитра", "Ammonium nitrate", "Ammiakli selitra"),
        p("310311", "t", 5e4, "Суперфосфат", "Superphosphate", "Superfosfat"),
        p("310420", "t", 5e4, "Калий хлористый", "Potassium chloride", "Kaliy xlorid"),
    ]},
    Group { flags: FOOD, ru: "пищевой продукции", en: "food products", uz: "oziq-ovqat mahsulotlari", cyr: &["Фуд", "Продукт", "Азык"], uzw: &["Oziq", "Food", "Mahsulot"], tkw: &["Azyk", "Önüm"], products: &[
        p("170199", "t", 2e4, "Сахар белый", "White sugar", "Oq shakar"),
        p("250100", "t", 2e4, "Соль поваренная йодированная", "Iodized table salt", "Yodlangan osh tuzi"),
        p("190219", "t", 5e3, "Макаронные изделия", "Pasta", "Makaron mahsulotlari"),
    ]},
    Group { flags: INDUSTRY, ru: "электроэнергии", en: "electricity", uz: "elektr energiyasi", cyr: &["Энерго", "Гидро", "Пауэр"], uzw: &["Energo", "Quyosh"], tkw: &["Energo"], products: &[
        p("271600", "kWh", 5e8, "Электроэнергия", "Electricity", "Elektr energiyasi"),
    ]},
    Group { flags: 0, ru: "мебели", en: "furniture", uz: "mebel", cyr: &["Мебель", "Интерьер", "Дизайн"], uzw: &["Mebel", "Dizayn"], tkw: &["Mebel"], products: &[
        p("940360", "pcs", 5e3, "Мебель корпусная из дерева", "Wooden cabinet furniture", "Yog‘och korpus mebeli"),
    ]},
];

// ---------------------------------------------------------------------------------------------
// Regions and names

/// ISO 3166-2 code, country, main city, place word used in company names, weight, trades.
/// Cities are spelled as locally written: Russian/Kazakh/Kyrgyz/Tajik Cyrillic, Uzbek and
/// Turkmen Latin.
type Region = (&'static str, &'static str, &'static str, &'static str, u32, &'static [G]);

#[rustfmt::skip]
static REGIONS: [Region; 54] = [
    ("KZ-10", "KZ", "Семей", "Абай", 3, &[Meat, Dairy, Grain, Honey]),
    ("KZ-11", "KZ", "Кокшетау", "Көкше", 3, &[Grain, Oilseed, Meat]),
    ("KZ-15", "KZ", "Актобе", "Ақтөбе", 3, &[Ferro, OilGas, Grain]),
    ("KZ-19", "KZ", "Конаев", "Алатау", 3, &[Fruit, Veg, FoodOther, Dairy]),
    ("KZ-23", "KZ", "Атырау", "Каспий", 3, &[OilGas, Polymers, Fish]),
    ("KZ-27", "KZ", "Уральск", "Орал", 3, &[OilGas, Grain, Meat]),
    ("KZ-31", "KZ", "Тараз", "Тараз", 3, &[Fertilizer, FoodOther, Meat]),
    ("KZ-33", "KZ", "Талдыкорган", "Жетісу", 3, &[Fruit, Oilseed, Honey, FoodOther]),
    ("KZ-35", "KZ", "Караганда", "Сарыарқа", 3, &[Steel, CoalOre, Copper, Building]),
    ("KZ-39", "KZ", "Костанай", "Костанай", 3, &[Grain, Oilseed, Meat, CoalOre]),
    ("KZ-43", "KZ", "Кызылорда", "Сырдария", 3, &[Grain, OilGas, Fish]),
    ("KZ-47", "KZ", "Актау", "Маңғыстау", 3, &[OilGas, Fish, Building]),
    ("KZ-55", "KZ", "Павлодар", "Ертіс", 3, &[Aluminium, Ferro, CoalOre, Energy, Grain]),
    ("KZ-59", "KZ", "Петропавловск", "Есіл", 3, &[Grain, Oilseed, Dairy]),
    ("KZ-61", "KZ", "Туркестан", "Түркістан", 3, &[Cotton, Veg, Fruit, Meat]),
    ("KZ-62", "KZ", "Жезказган", "Ұлытау", 2, &[Copper, Meat]),
    ("KZ-63", "KZ", "Усть-Каменогорск", "Алтай", 3, &[ZincLead, Copper, Honey, Energy]),
    ("KZ-71", "KZ", "Астана", "Астана", 5, &[Building, Furniture, Grain, Garments]),
    ("KZ-75", "KZ", "Алматы", "Алматы", 6, &[FoodOther, Garments, Furniture, Drinks, Dairy]),
    ("KZ-79", "KZ", "Шымкент", "Шымкент", 4, &[OilGas, Building, Cotton, Garments]),
    ("KG-B", "KG", "Баткен", "Баткен", 1, &[DriedFruit, Fruit, CoalOre]),
    ("KG-C", "KG", "Токмок", "Чүй", 2, &[Grain, FoodOther, Dairy, Building]),
    ("KG-GB", "KG", "Бишкек", "Бишкек", 3, &[Garments, FoodOther, Furniture, Dairy]),
    ("KG-GO", "KG", "Ош", "Ош", 2, &[Garments, FoodOther, DriedFruit]),
    ("KG-J", "KG", "Джалал-Абад", "Жалал-Абад", 2, &[Nuts, Energy, Cotton, Fruit]),
    ("KG-N", "KG", "Нарын", "Нарын", 1, &[Meat, SilkWool, Energy]),
    ("KG-O", "KG", "Ош", "Ош", 2, &[DriedFruit, Cotton, Fruit, Veg]),
    ("KG-T", "KG", "Талас", "Талас", 1, &[Veg, Grain]),
    ("KG-Y", "KG", "Каракол", "Ысык-Көл", 1, &[Fruit, Honey, Fish]),
    ("TJ-DU", "TJ", "Душанбе", "Душанбе", 3, &[Garments, Building, FoodOther, Furniture]),
    ("TJ-GB", "TJ", "Хоруғ", "Помир", 1, &[DriedFruit, Nuts, Honey, Meat]),
    ("TJ-KT", "TJ", "Бохтар", "Хатлон", 2, &[Cotton, Fruit, Veg, FoodOther]),
    ("TJ-RA", "TJ", "Турсунзода", "Ҳисор", 2, &[Aluminium, Energy, DriedFruit]),
    ("TJ-SU", "TJ", "Хуҷанд", "Суғд", 2, &[DriedFruit, Fruit, Cotton, ZincLead]),
    ("TM-A", "TM", "Änew", "Ahal", 1, &[Carpets, Building, FoodOther]),
    ("TM-B", "TM", "Balkanabat", "Balkan", 1, &[OilGas, Polymers, Fish]),
    ("TM-D", "TM", "Daşoguz", "Daşoguz", 1, &[Cotton, SilkWool, Grain]),
    ("TM-L", "TM", "Türkmenabat", "Lebap", 1, &[Cotton, Fertilizer, OilGas]),
    ("TM-M", "TM", "Mary", "Mary", 1, &[Cotton, OilGas, Fertilizer, Grain]),
    ("TM-S", "TM", "Aşgabat", "Aşgabat", 2, &[Carpets, Garments, Building, FoodOther]),
    ("UZ-AN", "UZ", "Andijon", "Andijon", 3, &[Cotton, Fruit, Garments, Veg]),
    ("UZ-BU", "UZ", "Buxoro", "Buxoro", 3, &[Cotton, OilGas, Carpets, SilkWool]),
    ("UZ-FA", "UZ", "Farg‘ona", "Farg‘ona", 3, &[Cotton, SilkWool, Garments, Fertilizer]),
    ("UZ-JI", "UZ", "Jizzax", "Jizzax", 2, &[Grain, Veg, Building]),
    ("UZ-NG", "UZ", "Namangan", "Namangan", 3, &[Cotton, Garments, SilkWool, Fruit]),
    ("UZ-NW", "UZ", "Navoiy", "Navoiy", 2, &[Fertilizer, Polymers, Building]),
    ("UZ-QA", "UZ", "Qarshi", "Qashqadaryo", 3, &[OilGas, Polymers, Grain, Meat]),
    ("UZ-QR", "UZ", "Nukus", "Orol", 2, &[Cotton, Fish, Polymers]),
    ("UZ-SA", "UZ", "Samarqand", "Samarqand", 4, &[DriedFruit, Fruit, Drinks, Carpets]),
    ("UZ-SI", "UZ", "Guliston", "Sirdaryo", 2, &[Cotton, Grain, Veg]),
    ("UZ-SU", "UZ", "Termiz", "Surxon", 2, &[Cotton, Fruit, Veg]),
    ("UZ-TK", "UZ", "Toshkent", "Toshkent", 7, &[Garments, FoodOther, Furniture, Building, Drinks]),
    ("UZ-TO", "UZ", "Olmaliq", "Toshkent", 3, &[Copper, ZincLead, Steel, Fertilizer, CoalOre]),
    ("UZ-XO", "UZ", "Urganch", "Xorazm", 2, &[Cotton, Fruit, Veg]),
];

/// The five countries in the order used by the per-country tables below.
const COUNTRIES: [&str; 5] = ["KZ", "KG", "TJ", "TM", "UZ"];

fn country_index(country: &str) -> usize {
    COUNTRIES.iter().position(|c| *c == country).unwrap_or(0)
}

/// Country-flavoured name words, per COUNTRIES order.
#[rustfmt::skip]
const NAME_WORDS: [&[&str]; 5] = [
    &["Алтын", "Нұр", "Береке", "Дала", "Жұлдыз", "Сұңқар", "Самал", "Тұлпар", "Арман", "Шұғыла", "Ақ Жол", "Байтерек"],
    &["Ала-Тоо", "Ак-Жол", "Нур", "Береке", "Жибек", "Тулпар", "Ынтымак", "Манас", "Ак-Суу", "Кут", "Бакыт", "Эл"],
    &["Сомон", "Ориён", "Нур", "Барака", "Зарафшон", "Помир", "Тоҷ", "Суғдиён", "Ваҳдат", "Истиқлол", "Ситора"],
    &["Altyn", "Ak", "Ýyldyz", "Bereket", "Miras", "Gündogar", "Ynam", "Parahat", "Nur", "Zaman", "Döwlet"],
    &["Nur", "Baraka", "Oltin", "Zamin", "Ipak Yo‘li", "Sharq", "Vodiy", "Zarafshon", "Diyor", "Yulduz", "Ravnaq"],
];

/// Suffix-style words for "<word> <suffix>" names, per COUNTRIES order.
const SUFFIXES: [&[&str]; 5] = [
    &["Инвест", "Трейд", "Групп", "Сервис", "Азия", "Компани"],
    &["Инвест", "Трейд", "Групп", "Сервис", "Азия"],
    &["Инвест", "Трейд", "Групп", "Сервис", "Осиё"],
    &["Trade", "Group", "Inžiniring", "Hyzmat"],
    &["Invest", "Trade", "Group", "Servis", "Lyuks", "Plyus"],
];

/// Optional leading words ("Торговый дом …"): more distinct names from the same word lists.
const LEADS: [&[&str]; 5] = [
    &["Торговый дом", "Компания", "Завод", "Комбинат", "Холдинг"],
    &["Торговый дом", "Компания", "Завод", "Комбинат"],
    &["Торговый дом", "Ширкати", "Завод", "Комбинат"],
    &["Söwda öýi", "Kompaniýa", "Zawod"],
    &["Savdo uyi", "Kompaniya", "Zavod", "Kombinat", "Holding"],
];

#[rustfmt::skip]
const FAMILY_NAMES: [&[&str]; 5] = [
    &["Ахметов", "Сейткали", "Жумабаев", "Нурланов", "Абенов", "Касымов", "Оспанов", "Тулегенов", "Искаков", "Бекова"],
    &["Асанов", "Токтогулов", "Мамытов", "Осмонов", "Абдыраев", "Исаков", "Турдубаев", "Маматов", "Эсенова"],
    &["Раҳимов", "Саидов", "Шарипов", "Назаров", "Ҷӯраев", "Ҳамидов", "Иброҳимов", "Давлатов", "Қурбонов"],
    &["Annaýew", "Orazow", "Atayew", "Hojayew", "Saparow", "Meredow", "Durdyýew", "Batyrow", "Amanowa"],
    &["Yusupov", "Tursunov", "Rahimov", "Abdullayev", "Xolmatov", "Ergashev", "Qodirov", "Saidov", "Mirzayeva"],
];

#[rustfmt::skip]
const STREETS: [&[&str]; 5] = [
    &["ул. Абая", "ул. Толе би", "ул. Сейфуллина", "ул. Байтурсынова", "ул. Жамбыла", "пр. Республики", "ул. Промышленная"],
    &["ул. Манаса", "ул. Токтогула", "ул. Чуй", "ул. Ибраимова", "ул. Курманжан Датки", "ул. Ленина"],
    &["кӯчаи Рӯдакӣ", "кӯчаи Айнӣ", "кӯчаи Сомонӣ", "кӯчаи Фирдавсӣ", "кӯчаи Истиқлол"],
    &["Magtymguly şaýoly", "Garaşsyzlyk şaýoly", "Azatlyk köçesi", "Oguzhan köçesi", "Bitarap Türkmenistan şaýoly"],
    &["Amir Temur ko‘chasi", "Mustaqillik ko‘chasi", "Navoiy ko‘chasi", "Bobur ko‘chasi", "Istiqlol ko‘chasi"],
];

/// Export destinations per country, most frequent first.
#[rustfmt::skip]
const MARKETS: [&[&str]; 5] = [
    &["RU", "CN", "UZ", "KG", "TR", "DE", "IT", "NL", "AF", "TJ", "AZ", "IR", "KR", "AE"],
    &["RU", "KZ", "UZ", "CN", "TR", "AE", "DE", "TJ", "AF"],
    &["RU", "KZ", "CN", "AF", "TR", "UZ", "IR", "KG", "DE"],
    &["TR", "CN", "AF", "IR", "RU", "GE", "AZ", "IT", "KZ"],
    &["RU", "KZ", "CN", "TR", "AF", "KG", "TJ", "IR", "DE", "AE", "PL", "LV"],
];

/// Fixed wording per language (indexed by `Lang as usize`), so descriptions read naturally.
struct Phrases {
    countries: [&'static str; 5],
    lead: &'static [&'static str],
    mid: &'static str,
    since: (&'static str, &'static str),
    extras: &'static [&'static str],
    made_in: &'static str,
    packs: &'static [&'static str],
    terms: &'static str,
}

#[rustfmt::skip]
static PHRASES: [Phrases; 3] = [
    Phrases {
        countries: ["Казахстан", "Кыргызстан", "Таджикистан", "Туркменистан", "Узбекистан"],
        lead: &["Производитель ", "Поставщик ", "Производство и поставка "], mid: ". ",
        since: (" На рынке с ", " года."),
        extras: &["Собственная производственная база.", "Отгрузка автомобильным и железнодорожным транспортом.", "Открыты для долгосрочных контрактов."],
        made_in: "Производство: ", terms: " Условия поставки: ",
        packs: &["Упаковка по согласованию", "Отгрузка навалом или в таре покупателя", "Фасовка под заказ", "Сертификат качества на каждую партию"],
    },
    Phrases {
        countries: ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"],
        lead: &["Producer of ", "Supplier of "], mid: " based in ",
        since: (" Founded in ", "."),
        extras: &["Own production facilities.", "Rail and road shipments.", "Open to long-term contracts."],
        made_in: "Produced in ", terms: " Delivery terms: ",
        packs: &["Packaging as agreed", "Bulk or buyer's packaging", "Custom packing available", "Quality certificate with every lot"],
    },
    Phrases {
        countries: ["Qozog‘iston", "Qirg‘iziston", "Tojikiston", "Turkmaniston", "O‘zbekiston"],
        lead: &[""], mid: " ishlab chiqaruvchisi. ",
        since: (" ", "-yildan beri faoliyat yuritamiz."),
        extras: &["O‘z ishlab chiqarish bazamiz bor.", "Temir yo‘l va avtomobil orqali yetkazib beramiz.", "Uzoq muddatli shartnomalarga ochiqmiz."],
        made_in: "Ishlab chiqarish joyi: ", terms: " Yetkazib berish sharti: ",
        packs: &["Qadoqlash kelishuv asosida", "Quyma yoki xaridor qadog‘ida jo‘natish", "Buyurtma bo‘yicha qadoqlash"],
    },
];

use app::domain::units::WORKFORCE;

#[rustfmt::skip]
#[derive(Clone, Copy, PartialEq)]
enum Kind { Company, Jsc, Sole, Farm }

/// Legal form: abbreviation stored, spelling in the name, written before the name?, weight,
/// kind, named after the owner?
type Form = (&'static str, &'static str, bool, u32, Kind, bool);

#[rustfmt::skip]
const FORMS: [&[Form]; 5] = [
    &[("ТОО", "ТОО", true, 60, Kind::Company, false), ("АО", "АО", true, 8, Kind::Jsc, false),
      ("ИП", "ИП", true, 17, Kind::Sole, true), ("КХ", "КХ", true, 15, Kind::Farm, true)],
    &[("ОсОО", "ОсОО", true, 60, Kind::Company, false), ("ОАО", "ОАО", true, 8, Kind::Jsc, false),
      ("ИП", "ИП", true, 15, Kind::Sole, true), ("КХ", "КХ", true, 17, Kind::Farm, true)],
    &[("ҶДММ", "ҶДММ", true, 62, Kind::Company, false), ("ҶСК", "ҶСК", true, 8, Kind::Jsc, false),
      ("СИ", "СИ", true, 12, Kind::Sole, true), ("ХД", "ХД", true, 18, Kind::Farm, true)],
    &[("HJ", "HJ", false, 60, Kind::Company, false),
      ("Hususy kärhana", "hususy kärhanasy", false, 22, Kind::Sole, false),
      ("Daýhan hojalygy", "daýhan hojalygy", false, 18, Kind::Farm, true)],
    &[("MChJ", "MChJ", false, 50, Kind::Company, false), ("ООО", "ООО", true, 12, Kind::Company, false),
      ("AJ", "AJ", false, 8, Kind::Jsc, false), ("XK", "XK", false, 12, Kind::Sole, false),
      ("FX", "FX", false, 18, Kind::Farm, true)],
];

#[rustfmt::skip]
#[derive(Clone, Copy, PartialEq)]
enum Lang { Ru, En, Uz }

/// The first draws of every producer; split out so tests can check ids without the rest.
fn region_and_tax_id(
    rng: &mut Rng,
    seed: u64,
    index: u64,
) -> (&'static Region, (String, Option<i32>)) {
    // The first 432 producers walk through every region, so small seeds still cover the map.
    let region = if index < REGIONS.len() as u64 * 8 {
        &REGIONS[(index % REGIONS.len() as u64) as usize]
    } else {
        &REGIONS[weighted(rng, REGIONS.iter().map(|r| r.4))]
    };
    (region, tax_id(region.1, seed, index, rng))
}

/// Deterministic: same (seed, index) → same producer, independent of other indices.
pub fn producer(seed: u64, index: u64) -> SeedProducer {
    let mut rng = Rng::new(seed, index);
    let (region, (tax_id, registered)) = region_and_tax_id(&mut rng, seed, index);
    let (code, country, city, place, _, specialities) = *region;
    let ci = country_index(country);

    // One to three trades, mostly the region's own, all in one sector (food, light or heavy
    // industry): a dairy that also sells crude oil would look odd.
    let main = if rng.chance(75) { *rng.pick(specialities) } else { *rng.pick(COMMON) };
    let sector = |g: G| GROUPS[g as usize].flags & (FOOD | INDUSTRY);
    let mut groups = vec![main];
    for (percent, pool) in [(50, specialities), (20, COMMON)] {
        let g = *rng.pick(pool);
        if rng.chance(percent) && !groups.contains(&g) && sector(g) == sector(main) {
            groups.push(g);
        }
    }
    let agri = GROUPS[main as usize].flags & AGRI != 0;

    // Legal form: farms only for agricultural producers, else the country's usual company.
    let forms = FORMS[ci];
    let mut form = forms[weighted(&mut rng, forms.iter().map(|f| f.3))];
    if form.4 == Kind::Farm && !agri {
        form = forms[0];
    }
    let (abbr, written, prefix, _, kind, personal) = form;

    let words: &[&str] = match country {
        "UZ" => GROUPS[main as usize].uzw,
        "TM" => GROUPS[main as usize].tkw,
        _ => GROUPS[main as usize].cyr,
    };
    let local = *rng.pick(NAME_WORDS[ci]);
    let core = if personal && (kind != Kind::Farm || rng.chance(60)) {
        // Family name and initials, as sole traders and farms are registered.
        let family = *rng.pick(FAMILY_NAMES[ci]);
        let letters: Vec<char> =
            if ci >= 3 { "ABDEGIKMNORSTUXY" } else { "АБГДЕЖЗИКЛМНОРСТУШЭ" }.chars().collect();
        format!("{family} {}.{}.", rng.pick(&letters), rng.pick(&letters))
    } else {
        let name = match rng.below(10) {
            0..=2 => format!("{place} {}", rng.pick(words)),
            3..=5 => format!("{local} {}", rng.pick(words)),
            6 => format!("{local} {} {}", rng.pick(words), rng.pick(SUFFIXES[ci])),
            7..=8 => format!("{local} {}", rng.pick(SUFFIXES[ci])),
            _ => format!("{place} {}", rng.pick(SUFFIXES[ci])),
        };
        if rng.chance(25) { format!("{} {name}", rng.pick(LEADS[ci])) } else { name }
    };
    let legal_name =
        if prefix { format!("{written} «{core}»") } else { format!("«{core}» {written}") };
    let name_latin = translit(&legal_name);

    let year_founded = rng
        .chance(92)
        .then(|| registered.unwrap_or_else(|| 1991 + rng.below(35).max(rng.below(35)) as i32));

    let lang = match country {
        "TM" if rng.chance(60) => Lang::En,
        "UZ" if abbr != "ООО" && rng.chance(75) => Lang::Uz,
        _ => Lang::Ru,
    };

    let street = *rng.pick(STREETS[ci]);
    let number = rng.range(1, 250);
    let address = match country {
        "UZ" => format!("{street}, {number}-uy"),
        "TJ" => format!("{street} {number}"),
        _ => format!("{street}, {number}"),
    };

    let phone = rng.chance(85).then(|| phone(ci, &mut rng));
    // Owners' initials make poor domain names: sole traders and farms use the family name.
    let slug =
        slug(&translit(if personal { core.split(' ').next().unwrap_or(&core) } else { &core }));
    let tld = ["kz", "kg", "tj", "tm", "uz"][ci];
    let corporate = matches!(kind, Kind::Company | Kind::Jsc);
    let website = rng.chance(if corporate { 40 } else { 5 }).then(|| {
        let www = if rng.chance(50) { "www." } else { "" };
        format!("https://{www}{slug}.{tld}")
    });
    let email = rng.chance(75).then(|| match &website {
        Some(_) => format!("{}@{slug}.{tld}", rng.pick(&["info", "sales", "office", "export"])),
        None => {
            let host = rng.pick(&["gmail.com", "mail.ru", "inbox.ru", "yandex.ru"]);
            format!("{}{}@{host}", slug.replace('-', "."), rng.range(1, 99))
        }
    });
    let show_phone = phone.is_some() && rng.chance(70);
    let show_email = email.is_some() && rng.chance(60);

    let weights: [u32; 5] = match kind {
        Kind::Sole | Kind::Farm => [60, 35, 5, 0, 0],
        Kind::Company => [20, 40, 28, 9, 3],
        Kind::Jsc => [0, 5, 30, 40, 25],
    };
    let workforce = rng.chance(90).then(|| WORKFORCE[weighted(&mut rng, weights.into_iter())]);

    let description = producer_description(&mut rng, lang, &groups, city, ci, year_founded);
    let verified = rng.chance(20);

    let since = year_founded.unwrap_or(1991);
    let certifications = if rng.chance(40) {
        let pool = cert_kinds(GROUPS[main as usize].flags, country);
        let n = (rng.range(1, 3) as usize).min(pool.len());
        let start = rng.below(pool.len() as u64) as usize;
        (0..n).map(|i| cert(&mut rng, pool[(start + i) % pool.len()], ci, since)).collect()
    } else {
        Vec::new()
    };

    // Uniform 1..=19: ten listings on average.
    let count = rng.range(1, 19);
    // Turkmen and Uzbek cities are already Latin; keep their letters.
    let cyrillic = city.chars().any(|c| ('\u{400}'..='\u{52f}').contains(&c));
    let city_latin = if cyrillic { translit(city) } else { city.to_string() };
    let listings = (0..count)
        .map(|_| listing(&mut rng, &groups, ci, lang, [city, &city_latin], since))
        .collect();

    SeedProducer {
        legal_name,
        name_latin,
        legal_form: abbr.to_string(),
        tax_id,
        country,
        region: code,
        city: city.to_string(),
        address,
        website,
        phone,
        email,
        show_phone,
        show_email,
        year_founded,
        workforce,
        description,
        verified,
        certifications,
        listings,
    }
}

fn listing(
    rng: &mut Rng,
    groups: &[G],
    ci: usize,
    lang: Lang,
    [city, city_latin]: [&str; 2],
    since: i32,
) -> SeedListing {
    let g = if rng.chance(60) { groups[0] } else { *rng.pick(groups) };
    let group = &GROUPS[g as usize];
    let prod = rng.pick(group.products);
    // Some sellers only know the heading: use the 4-digit parent, which always exists.
    let hs_code = if rng.chance(6) { prod.hs.get(..4).unwrap_or(prod.hs) } else { prod.hs };
    let national_code = (hs_code.len() == 6 && rng.chance(30)).then(|| {
        let tail = if rng.chance(50) { 0 } else { rng.below(100) * 100 };
        format!("{hs_code}{tail:04}")
    });
    let lang = if rng.chance(15) { Lang::En } else { lang };
    let product_name = match lang {
        Lang::Ru => prod.ru,
        Lang::En => prod.en,
        Lang::Uz => prod.uz,
    }
    .to_string();

    let ph = &PHRASES[lang as usize];
    // English text gets the city in Latin letters too.
    let city = if lang == Lang::En { city_latin } else { city };
    let (made_in, country, pack) = (ph.made_in, ph.countries[ci], rng.pick(ph.packs));
    let mut description = String::with_capacity(product_name.len() + 160);
    for part in [product_name.as_str(), ". ", made_in, city, ", ", country, ". ", pack, "."] {
        description.push_str(part);
    }
    if rng.chance(50) {
        for part in [ph.terms, *rng.pick(&["FCA", "DAP", "EXW", "CPT", "FOB"]), "."] {
            description.push_str(part);
        }
    }

    let capacity = rng.chance(80).then(|| round_nice(prod.cap * (0.05 + 5.0 * rng.unit().powi(2))));
    let min_order = rng.chance(65).then(|| {
        let base = capacity.unwrap_or(prod.cap);
        round_nice(base * (0.002 + 0.05 * rng.unit()))
    });
    let lead_time_days =
        rng.chance(75).then(|| *rng.pick(&[3, 5, 7, 10, 14, 15, 20, 21, 30, 45, 60]));

    let markets = MARKETS[ci];
    let wanted = *rng.pick(&[0, 0, 1, 1, 2, 2, 3, 4]);
    let mut export_markets = Vec::with_capacity(wanted);
    for _ in 0..wanted * 3 {
        let m = markets[rng.front_biased(markets.len())];
        if export_markets.len() < wanted && !export_markets.contains(&m) {
            export_markets.push(m);
        }
    }

    let certifications = if rng.chance(8) {
        let kind = *rng.pick(cert_kinds(group.flags, COUNTRIES[ci]));
        vec![cert(rng, kind, ci, since)]
    } else {
        Vec::new()
    };

    SeedListing {
        hs_code,
        national_code,
        product_name,
        description,
        capacity,
        capacity_unit: capacity.map(|_| prod.unit),
        min_order,
        min_order_unit: min_order.map(|_| prod.unit),
        lead_time_days,
        export_markets,
        certifications,
    }
}

fn producer_description(
    rng: &mut Rng,
    lang: Lang,
    groups: &[G],
    city: &str,
    ci: usize,
    founded: Option<i32>,
) -> String {
    let ph = &PHRASES[lang as usize];
    let field = |g: &G| {
        let g = &GROUPS[*g as usize];
        [g.ru, g.en, g.uz][lang as usize]
    };
    let trades = groups.iter().map(field).collect::<Vec<_>>().join(", ");
    let mut text = format!("{}{trades}{}{city}, {}.", rng.pick(ph.lead), ph.mid, ph.countries[ci]);
    // Uzbek puts the trade first: capitalise it.
    if let Some(first) = text.get(..1).filter(|f| f.is_ascii()) {
        text.replace_range(..1, &first.to_ascii_uppercase());
    }
    if let Some(year) = founded {
        text.push_str(&format!("{}{year}{}", ph.since.0, ph.since.1));
    }
    if rng.chance(60) {
        text.push(' ');
        text.push_str(rng.pick::<&str>(ph.extras));
    }
    text
}

/// Mobile and city codes per country; national numbers have 10 (KZ), 9 (KG, TJ, UZ) or 8 (TM)
/// digits.
#[rustfmt::skip]
const PHONE_CODES: [&[&str]; 5] = [
    &["+7 701", "+7 705", "+7 707", "+7 747", "+7 775", "+7 777"],
    &["+996 555", "+996 700", "+996 770", "+996 550", "+996 312"],
    &["+992 90", "+992 91", "+992 92", "+992 93", "+992 98"],
    &["+993 61", "+993 62", "+993 63", "+993 65", "+993 12"],
    &["+998 90", "+998 91", "+998 93", "+998 94", "+998 97", "+998 99"],
];

fn phone(ci: usize, rng: &mut Rng) -> String {
    let code = rng.pick(PHONE_CODES[ci]);
    let (a, b, c) = (rng.below(1000), rng.below(100), rng.below(100));
    match ci {
        1 => format!("{code} {a:03} {:03}", rng.below(1000)),
        3 => format!("{code} {:02} {b:02} {c:02}", a % 100),
        _ => format!("{code} {a:03} {b:02} {c:02}"),
    }
}

/// Lower-case ASCII words joined by hyphens, for domains and mailboxes.
fn slug(latin: &str) -> String {
    let words: Vec<String> = latin
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() { "company".to_string() } else { words.join("-") }
}

/// One letter's Latin spelling: Cyrillic of all four Cyrillic-script languages, Turkmen and
/// Uzbek diacritics folded away. `None` keeps the character as it is.
#[rustfmt::skip]
fn latin(c: char) -> Option<&'static str> {
    Some(match c {
        'а' | 'ә' | 'ä' => "a", 'б' => "b", 'в' => "v", 'г' => "g", 'ғ' => "gh", 'д' => "d",
        'е' | 'э' | 'é' => "e", 'ё' => "yo", 'ж' => "zh", 'з' => "z", 'и' | 'і' | 'ӣ' => "i",
        'й' | 'ы' | 'ý' => "y", 'к' => "k", 'қ' => "q", 'л' => "l", 'м' => "m", 'н' => "n",
        'ң' => "ng", 'о' | 'ө' | 'ö' => "o", 'п' => "p", 'р' => "r", 'с' | 'ş' => "s", 'т' => "t",
        'у' | 'ұ' | 'ү' | 'ӯ' | 'ü' => "u", 'ф' => "f", 'х' => "kh", 'һ' | 'ҳ' => "h",
        'ц' => "ts", 'ч' => "ch", 'ҷ' => "j", 'ш' => "sh", 'щ' => "shch", 'ю' => "yu", 'я' => "ya",
        'ç' => "c", 'ň' => "n", 'ž' => "z",
        _ if c.is_ascii() && !matches!(c, '\'' | '"' | '`') => return None,
        _ => "", // quotes, apostrophes (o‘, g‘), hard/soft signs and anything unknown
    })
}

/// Latin rendering of a name: "ТОО «Костанай Астык»" → "TOO Kostanay Astyk".
fn translit(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    let mut prev_upper = false;
    while let Some(c) = chars.next() {
        let upper = c.is_uppercase();
        let next_upper = chars.peek().is_some_and(|n| n.is_uppercase());
        let lower = if upper { c.to_lowercase().next().unwrap_or(c) } else { c };
        match latin(lower) {
            // Dropped quotes must not leave double or leading spaces.
            None if c == ' ' && (out.is_empty() || out.ends_with(' ')) => {}
            None => out.push(c),
            Some(l) if !upper => out.push_str(l),
            // Abbreviations stay upper-case (ҶДММ → JDMM), words are capitalised (Шымкент).
            Some(l) if prev_upper || next_upper => out.push_str(&l.to_ascii_uppercase()),
            Some(l) => {
                let mut letters = l.chars();
                out.extend(letters.next().map(|f| f.to_ascii_uppercase()));
                out.push_str(letters.as_str());
            }
        }
        prev_upper = upper;
    }
    out.truncate(out.trim_end().len());
    out
}

// ---------------------------------------------------------------------------------------------
// Tax identifiers

/// KZ BIN/IIN check digit over the first 11 digits (the rule lives with `TaxId`).
fn kz_check_digit(d: &[u8]) -> Option<u8> {
    app::domain::kz_check_digit(d.try_into().ok()?)
}

/// KZ BIN: YYMM of registration, 4 (resident legal entity), 0 (head office), serial, check.
/// The index, permuted below 10,000,000, splits into a slot of four registration months
/// (within 1991-01..2024-04) and a 5-digit serial, so numbers are unique for index < 10,000,000.
/// A month whose check digit fails is skipped; the spare months 2024-05..2025-12 and the
/// serial bump only guard against panics (a test shows they are never needed).
fn kz_bin(index: u64, seed: u64) -> ([u8; 12], i32) {
    let n = permute(index, 10_000_000, SCRAMBLE, seed);
    for bump in 0..100_000 {
        let serial = (n / 100 + bump) % 100_000;
        for ym in kz_months(n % 100).chain(400..420) {
            let year = 1991 + (ym / 12) as i32;
            let body = (year as u64 % 100) * 1_000_000_000
                + (ym % 12 + 1) * 10_000_000
                + 4_000_000
                + serial;
            let mut d = [0u8; 12];
            for (k, digit) in d.iter_mut().take(11).enumerate() {
                *digit = (body / 10u64.pow(10 - k as u32) % 10) as u8;
            }
            if let Some(c) = kz_check_digit(&d[..11]) {
                d[11] = c;
                return (d, year);
            }
        }
    }
    ([9, 4, 0, 1, 4, 0, 0, 0, 0, 3, 8, 5], 1994) // unreachable: a known valid BIN
}

/// The four registration months (0 = 1991-01) of a slot: slot + 100·k is injective, and ×37
/// (a bijection modulo 400) spreads each slot over the years and all twelve months.
fn kz_months(slot: u64) -> impl Iterator<Item = u64> {
    (0..4).map(move |k| (slot + 100 * k) * 37 % 400)
}

/// Coprime to 10, hence a valid multiplier for `permute` modulo any power of ten.
const SCRAMBLE: u64 = 7_919_393;

/// A bijection on 0..m when `a` is coprime to m: unique numbers that do not look sequential.
fn permute(x: u64, m: u64, a: u64, seed: u64) -> u64 {
    ((u128::from(x % m) * u128::from(a) + u128::from(mix(seed) % m)) % u128::from(m)) as u64
}

/// The tax id and, where the number encodes it, the registration year.
fn tax_id(country: &str, seed: u64, index: u64, rng: &mut Rng) -> (String, Option<i32>) {
    match country {
        "KZ" => {
            let (d, year) = kz_bin(index, seed);
            (d.iter().map(|d| char::from(b'0' + d)).collect(), Some(year))
        }
        "KG" => {
            // 0 + DDMMYYYY + serial. The index, permuted below 11,424 days (1..=28 of each
            // month of 1991-2024) × 100,000 serials, splits into both: unique up to 1.1e9.
            const DAYS: u64 = 34 * 12 * 28;
            // 62,491 = 11·13·19·23 shares no factor with 2^10·3·5^5·7·17.
            let n = permute(index, DAYS * 100_000, 62_491, seed);
            let (date, serial) = (n % DAYS, n / DAYS);
            let year = 1991 + (date % 34) as i32;
            let (month, day) = ((date / 34) % 12 + 1, date / 408 + 1);
            (format!("0{day:02}{month:02}{year}{serial:05}"), Some(year))
        }
        // Legal entities start with 2 or 3; the other eight digits alone are unique.
        "UZ" => {
            let tail = permute(index, 100_000_000, SCRAMBLE, seed);
            (format!("{}{tail:08}", 2 + rng.below(2)), None)
        }
        "TJ" => (format!("0{:08}", permute(index, 100_000_000, SCRAMBLE, seed ^ 1)), None),
        _ => (format!("1{:011}", permute(index, 100_000_000_000, SCRAMBLE, seed ^ 2)), None),
    }
}

// ---------------------------------------------------------------------------------------------
// Certifications

fn cert_kinds(flags: u8, country: &str) -> &'static [&'static str] {
    if flags & ORGANIC != 0 {
        &["organic", "haccp", "halal", "iso22000"]
    } else if flags & FOOD != 0 {
        &["halal", "haccp", "iso22000", "iso9001"]
    } else if flags & INDUSTRY != 0 && country == "KZ" {
        &["gost", "iso9001", "other"]
    } else {
        &["iso9001", "other"]
    }
}

const HALAL: [&str; 5] = [
    "Центр «Халал Стандарт» ДУМК",
    "Центр стандартизации «Халал» ДУМК",
    "Маркази «Ҳалол»",
    "Halal Certification Centre",
    "Halol sertifikatlash markazi",
];
const NATIONAL: [&str; 5] =
    ["РГП «КазСтандарт»", "Кыргызстандарт", "Таджикстандарт", "Türkmenstandartlary", "O‘zstandart"];

fn cert(rng: &mut Rng, kind: &'static str, ci: usize, since: i32) -> SeedCert {
    let issuer = match kind {
        "iso9001" => *rng.pick(&["TÜV Rheinland", "Bureau Veritas", "SGS", "DQS", "TÜV SÜD"]),
        "iso22000" => *rng.pick(&["SGS", "Bureau Veritas", "TÜV SÜD", "DNV"]),
        "haccp" => *rng.pick(&["SGS", "Intertek", "Bureau Veritas", NATIONAL[ci]]),
        "halal" => HALAL[ci],
        "organic" => *rng.pick(&["Ecocert", "Control Union", "Kiwa BCS", "CERES"]),
        _ => NATIONAL[ci],
    };
    let year = rng.range(2019, 2025).max(since).min(2025);
    let (month, day) = (rng.range(1, 12) as u32, rng.range(1, 28) as u32);
    let serial = rng.below(100_000);
    let cc = COUNTRIES[ci];
    let number = match kind {
        "gost" => format!("ЕАЭС KZ {:07}.{:02}.01.{serial:05}", rng.below(10_000_000), year % 100),
        "iso9001" => format!("QMS-{cc}-{year}-{serial:05}"),
        "iso22000" => format!("FSMS-{cc}-{year}-{serial:05}"),
        "haccp" => format!("HACCP-{cc}-{year}-{serial:05}"),
        "halal" => format!("HAL-{cc}-{year}-{serial:05}"),
        "organic" => format!("ORG-{cc}-{year}-{serial:05}"),
        _ => format!("{cc}.{year}.{serial:05}"),
    };
    // Halal and organic certificates are renewed yearly or every two years, the rest every three.
    let term = if matches!(kind, "halal" | "organic") { rng.range(1, 2) } else { 3 };
    let valid_until = rng.chance(85).then_some((year + term, month, day));
    SeedCert {
        kind,
        issuer: issuer.to_string(),
        number,
        valid_from: (year, month, day),
        valid_until,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashMap, HashSet};

    const HS: &str = include_str!("../../../migrations/data/hs2022/harmonized-system.csv");
    const REGIONS_CSV: &str = include_str!("../../../migrations/data/regions.csv");

    fn valid_bin(bin: &str) -> bool {
        let d: Vec<u8> = bin.bytes().map(|b| b.wrapping_sub(b'0')).collect();
        d.len() == 12 && d.iter().all(|&x| x < 10) && kz_check_digit(&d[..11]) == Some(d[11])
    }

    /// HS code → level (4 or 6); descriptions contain commas, so read the level from the end.
    fn hs_levels() -> HashMap<&'static str, &'static str> {
        HS.lines()
            .skip(1)
            .filter_map(|l| Some((l.split(',').nth(1)?, l.rsplit(',').next()?)))
            .collect()
    }

    #[test]
    fn deterministic_and_seed_dependent() {
        for i in [0, 1, 431, 432, 99_999, 1 << 40, u64::MAX] {
            assert_eq!(producer(7, i), producer(7, i));
        }
        assert!((0..50).all(|i| producer(1, i) != producer(2, i)));
    }

    #[test]
    fn kz_check_digit_accepts_known_bins() {
        for bin in ["940140000385", "950341000052", "070941024691", "961141000023", "190340000805"]
        {
            assert!(valid_bin(bin), "{bin}");
        }
        assert!(!valid_bin("949940000385"));
    }

    #[test]
    fn kz_bin_stays_in_its_own_months_below_ten_million() {
        // Proves uniqueness: (serial, slot) is a bijection of the index, and each BIN keeps
        // its serial and a month of its own slot.
        // Exhaustive in release (`cargo test --release`), sampled in debug builds.
        let step = if cfg!(debug_assertions) { 31 } else { 1 };
        for seed in [0, 42] {
            for i in (0..10_000_000).step_by(step) {
                let (d, year) = kz_bin(i, seed);
                let ym = (year as u64 - 1991) * 12 + u64::from(d[2] * 10 + d[3]) - 1;
                let n = permute(i, 10_000_000, SCRAMBLE, seed);
                let serial = d[6..11].iter().fold(0, |acc, &x| acc * 10 + u64::from(x));
                assert!(kz_months(n % 100).any(|m| m == ym), "{i}");
                assert_eq!(serial, n / 100, "{i}");
            }
        }
    }

    #[test]
    fn tax_ids_valid_and_unique_per_country() {
        let mut seen: HashMap<&str, HashSet<String>> = HashMap::new();
        for i in 0..200_000 {
            let (region, (id, _)) = region_and_tax_id(&mut Rng::new(42, i), 42, i);
            if i % 1000 == 0 {
                assert_eq!(producer(42, i).tax_id, id);
            }
            let t = id.as_str();
            assert!(t.bytes().all(|b| b.is_ascii_digit()), "{t}");
            let ok = match region.1 {
                "KZ" => {
                    valid_bin(t)
                        && (1..=12).contains(&t[2..4].parse().unwrap_or(0))
                        && &t[4..6] == "40"
                }
                "KG" => {
                    let (day, month): (u32, u32) =
                        (t[1..3].parse().unwrap(), t[3..5].parse().unwrap());
                    t.len() == 14
                        && t.starts_with('0')
                        && (1..=28).contains(&day)
                        && (1..=12).contains(&month)
                }
                "UZ" => t.len() == 9 && (t.starts_with('2') || t.starts_with('3')),
                "TJ" => t.len() == 9,
                _ => t.len() == 12,
            };
            assert!(ok, "{} {t}", region.1);
            assert!(seen.entry(region.1).or_default().insert(t.to_string()), "duplicate {t}");
        }
        assert_eq!(seen.len(), 5);
    }

    #[test]
    fn all_regions_appear_early_and_exist() {
        let known: HashSet<(&str, &str)> = REGIONS_CSV
            .lines()
            .skip(1)
            .filter_map(|l| Some((l.split(',').next()?, l.split(',').nth(1)?)))
            .collect();
        assert_eq!(known.len(), 54);
        assert!(REGIONS.iter().all(|r| known.contains(&(r.0, r.1))));
        let seen: HashSet<&str> = (0..2000).map(|i| producer(3, i).region).collect();
        assert_eq!(seen.len(), 54);
    }

    #[test]
    fn all_hs_codes_exist() {
        let levels = hs_levels();
        assert_eq!(GROUPS.len(), Furniture as usize + 1);
        assert_eq!(GROUPS[Cotton as usize].en, "cotton fibre and yarn");
        assert_eq!(GROUPS[Furniture as usize].en, "furniture");
        for p in GROUPS.iter().flat_map(|g| g.products) {
            assert_eq!(levels.get(p.hs), Some(&"6"), "{}", p.hs);
            assert_eq!(levels.get(&p.hs[..4]), Some(&"4"), "{}", p.hs);
        }
    }

    #[test]
    fn listings_are_well_formed_and_average_ten() {
        let levels = hs_levels();
        let (n, mut listings, mut national, mut verified) = (20_000, 0, 0, 0);
        for i in 0..n {
            let p = producer(11, i);
            listings += p.listings.len();
            verified += usize::from(p.verified);
            assert!(p.name_latin.is_ascii() && !p.name_latin.is_empty(), "{}", p.name_latin);
            assert!(p.legal_name.chars().count() <= 300 && p.address.len() <= 300);
            assert!(p.year_founded.is_none_or(|y| (1991..=2025).contains(&y)));
            let code = ["+7 ", "+996 ", "+992 ", "+993 ", "+998 "][country_index(p.country)];
            assert!(p.phone.as_ref().is_none_or(|ph| ph.starts_with(code)));
            let certs =
                p.certifications.iter().chain(p.listings.iter().flat_map(|l| &l.certifications));
            for c in certs {
                assert!(
                    ["iso9001", "iso22000", "haccp", "halal", "organic", "gost", "other"]
                        .contains(&c.kind)
                );
                assert!(c.valid_until.is_none_or(|u| u > c.valid_from));
            }
            for l in &p.listings {
                assert!(levels.contains_key(l.hs_code) && matches!(l.hs_code.len(), 4 | 6));
                if let Some(nc) = &l.national_code {
                    national += 1;
                    assert!(nc.len() == 10 && l.hs_code.len() == 6 && nc.starts_with(l.hs_code));
                    assert!(nc.bytes().all(|b| b.is_ascii_digit()));
                }
                assert!(l.capacity_unit.is_some() == l.capacity.is_some());
                assert!(l.export_markets.iter().all(|m| m.len() == 2 && *m != p.country));
            }
        }
        let average = listings as f64 / n as f64;
        assert!((9.7..10.3).contains(&average), "{average}");
        assert!((0.25..0.32).contains(&(national as f64 / listings as f64)));
        assert!((0.18..0.22).contains(&(verified as f64 / n as f64)));
    }

    #[test]
    fn translit_examples() {
        assert_eq!(translit("ТОО «Костанай Астык»"), "TOO Kostanay Astyk");
        assert_eq!(translit("«Farg‘ona Paxta» MChJ"), "Fargona Paxta MChJ");
        assert_eq!(translit("ҶДММ «Суғд Агро»"), "JDMM Sughd Agro");
        assert_eq!(translit("ОсОО «Ош Жибек»"), "OsOO Osh Zhibek");
        assert_eq!(translit("«Daşoguz Ýüpek» daýhan hojalygy"), "Dasoguz Yupek dayhan hojalygy");
        assert_eq!(translit("КХ «Сұңқар Ет»"), "KKH Sungqar Et");
    }

    #[test]
    #[ignore = "timing: run with --release -- --ignored --nocapture"]
    fn hundred_thousand_producers_fast() {
        let start = std::time::Instant::now();
        let listings: usize = (0..100_000).map(|i| producer(1, i).listings.len()).sum();
        let elapsed = start.elapsed();
        println!("100,000 producers, {listings} listings in {elapsed:?}");
        assert!(elapsed.as_secs_f64() < 3.0);
    }
}
