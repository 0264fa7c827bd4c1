//! Calendar days and UTC minutes as view models carry them: typed, not preformatted text, so
//! each page writes them the way its language does (`i18n::day`, `i18n::minute`). Plain
//! numbers rather than chrono types, which the browser bundle does not link. In JSON they are
//! ISO 8601 strings (`2026-12-04`, `2026-12-04T14:05Z`), as the API has always written them.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    pub year: i32,
    /// 1–12
    pub month: u8,
    /// 1–31
    pub day: u8,
}

/// A moment to the minute, in UTC (what the database keeps).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Minute {
    pub day: Day,
    pub hour: u8,
    pub minute: u8,
}

impl Day {
    /// `YYYY-MM-DD`: what a date field holds (`<input type=date>`) whatever the language.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Reads `YYYY-MM-DD` (a real calendar day is not checked: only what [`Day::iso`] wrote).
    fn parse_iso(s: &str) -> Option<Day> {
        let mut parts = s.splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok().filter(|m| (1..=12).contains(m))?;
        let day = parts.next()?.parse().ok().filter(|d| (1..=31).contains(d))?;
        Some(Day { year, month, day })
    }
}

impl Minute {
    /// `YYYY-MM-DDTHH:MMZ`.
    pub fn iso(self) -> String {
        format!("{}T{:02}:{:02}Z", self.day.iso(), self.hour, self.minute)
    }

    fn parse_iso(s: &str) -> Option<Minute> {
        let (day, time) = s.strip_suffix('Z')?.split_once('T')?;
        let (hour, minute) = time.split_once(':')?;
        Some(Minute {
            day: Day::parse_iso(day)?,
            hour: hour.parse().ok().filter(|h| *h < 24)?,
            minute: minute.parse().ok().filter(|m| *m < 60)?,
        })
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Day, D::Error> {
        let text = String::deserialize(d)?;
        Day::parse_iso(&text).ok_or_else(|| serde::de::Error::custom("a YYYY-MM-DD date"))
    }
}

impl Serialize for Minute {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for Minute {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Minute, D::Error> {
        let text = String::deserialize(d)?;
        Minute::parse_iso(&text).ok_or_else(|| serde::de::Error::custom("a YYYY-MM-DDTHH:MMZ time"))
    }
}

/// In the API's schema a day is a `date` string.
#[cfg(feature = "ssr")]
impl utoipa::PartialSchema for Day {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
            .into()
    }
}

#[cfg(feature = "ssr")]
impl utoipa::ToSchema for Day {}

#[cfg(feature = "ssr")]
impl From<chrono::NaiveDate> for Day {
    fn from(d: chrono::NaiveDate) -> Day {
        use chrono::Datelike;
        Day { year: d.year(), month: d.month() as u8, day: d.day() as u8 }
    }
}

#[cfg(feature = "ssr")]
impl From<chrono::DateTime<chrono::Utc>> for Minute {
    fn from(t: chrono::DateTime<chrono::Utc>) -> Minute {
        use chrono::Timelike;
        Minute { day: t.date_naive().into(), hour: t.hour() as u8, minute: t.minute() as u8 }
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn chrono_values_keep_their_fields() {
        let t = chrono::DateTime::parse_from_rfc3339("2026-02-03T04:05:59Z").unwrap().to_utc();
        let m = Minute::from(t);
        assert_eq!(m, Minute { day: Day { year: 2026, month: 2, day: 3 }, hour: 4, minute: 5 });
        assert_eq!(m.day.iso(), "2026-02-03");
    }

    #[test]
    fn json_holds_iso_strings_both_ways() {
        let m = Minute { day: Day { year: 2026, month: 12, day: 4 }, hour: 14, minute: 5 };
        let json = serde_json::to_string(&(m, m.day)).unwrap();
        assert_eq!(json, r#"["2026-12-04T14:05Z","2026-12-04"]"#);
        assert_eq!(serde_json::from_str::<(Minute, Day)>(&json).unwrap(), (m, m.day));
        assert!(serde_json::from_str::<Day>(r#""2026-13-01""#).is_err());
    }
}
