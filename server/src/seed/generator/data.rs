//! The hand-written tables demo producers are made of: products by trade, regions with their
//! trades, name words, legal forms and description phrases per country and language.

/// A catalogue entry: HS code, typical unit, typical annual capacity, names (ru, en, uz).
pub(super) struct Product {
    pub(super) hs: &'static str,
    pub(super) unit: &'static str,
    pub(super) cap: f64,
    pub(super) ru: &'static str,
    pub(super) en: &'static str,
    pub(super) uz: &'static str,
}

#[rustfmt::skip]
pub(super) const fn p(hs: &'static str, unit: &'static str, cap: f64, ru: &'static str, en: &'static str, uz: &'static str) -> Product {
    Product { hs, unit, cap, ru, en, uz }
}

// Group flags: drive legal forms (farms only grow things) and certification kinds.
pub(super) const FOOD: u8 = 1;
pub(super) const AGRI: u8 = 2;
pub(super) const ORGANIC: u8 = 4;
pub(super) const INDUSTRY: u8 = 8;

/// A product family with the words a company in that trade would put in its name.
pub(super) struct Group {
    pub(super) flags: u8,
    /// Russian genitive ("производитель зерна и муки"), English, Uzbek.
    pub(super) ru: &'static str,
    pub(super) en: &'static str,
    pub(super) uz: &'static str,
    pub(super) cyr: &'static [&'static str],
    pub(super) uzw: &'static [&'static str],
    pub(super) tkw: &'static [&'static str],
    pub(super) products: &'static [Product],
}

/// Indices into GROUPS, in the same order.
#[rustfmt::skip]
#[derive(Clone, Copy, PartialEq, Debug)]
pub(super) enum G {
    Grain, Oilseed, Cotton, Garments, SilkWool, Carpets, Fruit, DriedFruit, Nuts, Veg, Meat, Dairy,
    Honey, Fish, Drinks, OilGas, CoalOre, Polymers, Copper, ZincLead, Ferro, Steel, Aluminium,
    Building, Fertilizer, FoodOther, Energy, Furniture,
}
pub(super) use G::*;

/// Trades found everywhere, mixed into every region's own specialities.
pub(super) const COMMON: &[G] =
    &[Grain, Veg, Meat, Dairy, Building, Garments, Furniture, FoodOther, Fruit];

#[rustfmt::skip]
pub(super) static GROUPS: [Group; 28] = [
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
pub(super) type Region =
    (&'static str, &'static str, &'static str, &'static str, u32, &'static [G]);

#[rustfmt::skip]
pub(super) static REGIONS: [Region; 54] = [
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
pub(super) const COUNTRIES: [&str; 5] = ["KZ", "KG", "TJ", "TM", "UZ"];

pub(super) fn country_index(country: &str) -> usize {
    COUNTRIES.iter().position(|c| *c == country).unwrap_or(0)
}

/// Country-flavoured name words, per COUNTRIES order.
#[rustfmt::skip]
pub(super) const NAME_WORDS: [&[&str]; 5] = [
    &["Алтын", "Нұр", "Береке", "Дала", "Жұлдыз", "Сұңқар", "Самал", "Тұлпар", "Арман", "Шұғыла", "Ақ Жол", "Байтерек"],
    &["Ала-Тоо", "Ак-Жол", "Нур", "Береке", "Жибек", "Тулпар", "Ынтымак", "Манас", "Ак-Суу", "Кут", "Бакыт", "Эл"],
    &["Сомон", "Ориён", "Нур", "Барака", "Зарафшон", "Помир", "Тоҷ", "Суғдиён", "Ваҳдат", "Истиқлол", "Ситора"],
    &["Altyn", "Ak", "Ýyldyz", "Bereket", "Miras", "Gündogar", "Ynam", "Parahat", "Nur", "Zaman", "Döwlet"],
    &["Nur", "Baraka", "Oltin", "Zamin", "Ipak Yo‘li", "Sharq", "Vodiy", "Zarafshon", "Diyor", "Yulduz", "Ravnaq"],
];

/// Suffix-style words for "<word> <suffix>" names, per COUNTRIES order.
pub(super) const SUFFIXES: [&[&str]; 5] = [
    &["Инвест", "Трейд", "Групп", "Сервис", "Азия", "Компани"],
    &["Инвест", "Трейд", "Групп", "Сервис", "Азия"],
    &["Инвест", "Трейд", "Групп", "Сервис", "Осиё"],
    &["Trade", "Group", "Inžiniring", "Hyzmat"],
    &["Invest", "Trade", "Group", "Servis", "Lyuks", "Plyus"],
];

/// Optional leading words ("Торговый дом …"): more distinct names from the same word lists.
pub(super) const LEADS: [&[&str]; 5] = [
    &["Торговый дом", "Компания", "Завод", "Комбинат", "Холдинг"],
    &["Торговый дом", "Компания", "Завод", "Комбинат"],
    &["Торговый дом", "Ширкати", "Завод", "Комбинат"],
    &["Söwda öýi", "Kompaniýa", "Zawod"],
    &["Savdo uyi", "Kompaniya", "Zavod", "Kombinat", "Holding"],
];

#[rustfmt::skip]
pub(super) const FAMILY_NAMES: [&[&str]; 5] = [
    &["Ахметов", "Сейткали", "Жумабаев", "Нурланов", "Абенов", "Касымов", "Оспанов", "Тулегенов", "Искаков", "Бекова"],
    &["Асанов", "Токтогулов", "Мамытов", "Осмонов", "Абдыраев", "Исаков", "Турдубаев", "Маматов", "Эсенова"],
    &["Раҳимов", "Саидов", "Шарипов", "Назаров", "Ҷӯраев", "Ҳамидов", "Иброҳимов", "Давлатов", "Қурбонов"],
    &["Annaýew", "Orazow", "Atayew", "Hojayew", "Saparow", "Meredow", "Durdyýew", "Batyrow", "Amanowa"],
    &["Yusupov", "Tursunov", "Rahimov", "Abdullayev", "Xolmatov", "Ergashev", "Qodirov", "Saidov", "Mirzayeva"],
];

#[rustfmt::skip]
pub(super) const STREETS: [&[&str]; 5] = [
    &["ул. Абая", "ул. Толе би", "ул. Сейфуллина", "ул. Байтурсынова", "ул. Жамбыла", "пр. Республики", "ул. Промышленная"],
    &["ул. Манаса", "ул. Токтогула", "ул. Чуй", "ул. Ибраимова", "ул. Курманжан Датки", "ул. Ленина"],
    &["кӯчаи Рӯдакӣ", "кӯчаи Айнӣ", "кӯчаи Сомонӣ", "кӯчаи Фирдавсӣ", "кӯчаи Истиқлол"],
    &["Magtymguly şaýoly", "Garaşsyzlyk şaýoly", "Azatlyk köçesi", "Oguzhan köçesi", "Bitarap Türkmenistan şaýoly"],
    &["Amir Temur ko‘chasi", "Mustaqillik ko‘chasi", "Navoiy ko‘chasi", "Bobur ko‘chasi", "Istiqlol ko‘chasi"],
];

/// Export destinations per country, most frequent first.
#[rustfmt::skip]
pub(super) const MARKETS: [&[&str]; 5] = [
    &["RU", "CN", "UZ", "KG", "TR", "DE", "IT", "NL", "AF", "TJ", "AZ", "IR", "KR", "AE"],
    &["RU", "KZ", "UZ", "CN", "TR", "AE", "DE", "TJ", "AF"],
    &["RU", "KZ", "CN", "AF", "TR", "UZ", "IR", "KG", "DE"],
    &["TR", "CN", "AF", "IR", "RU", "GE", "AZ", "IT", "KZ"],
    &["RU", "KZ", "CN", "TR", "AF", "KG", "TJ", "IR", "DE", "AE", "PL", "LV"],
];

/// Fixed wording per language (indexed by `Lang as usize`), so descriptions read naturally.
pub(super) struct Phrases {
    pub(super) countries: [&'static str; 5],
    pub(super) lead: &'static [&'static str],
    pub(super) mid: &'static str,
    pub(super) since: (&'static str, &'static str),
    pub(super) extras: &'static [&'static str],
    pub(super) made_in: &'static str,
    pub(super) packs: &'static [&'static str],
    pub(super) terms: &'static str,
}

#[rustfmt::skip]
pub(super) static PHRASES: [Phrases; 3] = [
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

#[rustfmt::skip]
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Kind { Company, Jsc, Sole, Farm }

/// Legal form: abbreviation stored, spelling in the name, written before the name?, weight,
/// kind, named after the owner?
pub(super) type Form = (&'static str, &'static str, bool, u32, Kind, bool);

#[rustfmt::skip]
pub(super) const FORMS: [&[Form]; 5] = [
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
pub(super) enum Lang { Ru, En, Uz }

/// Qualities and lots that tell one producer's listings of a product apart (ru, en, uz).
pub(super) const GRADES: [&[&str]; 3] = [
    &[
        "экспортное качество",
        "стандартное качество",
        "оптовая партия",
        "розничная фасовка",
        "собственное производство",
    ],
    &["export quality", "standard quality", "wholesale lot", "retail packing", "own production"],
    &[
        "eksport sifati",
        "standart sifat",
        "ulgurji partiya",
        "chakana qadoq",
        "o‘z ishlab chiqarishimiz",
    ],
];
