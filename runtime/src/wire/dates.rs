//! Date and time formats: RFC 3339 and RFC 1123 date-times, full dates, times of day, unix
//! time.

use time::{OffsetDateTime, UtcOffset};

/// A date-time in UTC, or in its own offset when UTC would leave the years 0 to 9999 (a
/// service's `9999-12-31T23:59:59-14:00`): converting must never fail.
fn in_utc_if_possible(value: OffsetDateTime) -> OffsetDateTime {
    value.checked_to_offset(UtcOffset::UTC).unwrap_or(value)
}

/// RFC 3339 date-times. Reads any number of fractional digits (the service sends seven), `Z`
/// or a numeric offset in either case, and a date-time without an offset as UTC (some services
/// leave it out); writes UTC with `Z`.
pub mod rfc3339 {
    use super::*;
    use time::format_description::well_known::Rfc3339;

    /// Parses an RFC 3339 date-time.
    pub fn parse(text: &str) -> Result<OffsetDateTime, String> {
        let mut normal = text.trim().to_ascii_uppercase();
        // A time without `Z` or an offset is taken as UTC.
        if let Some(t) = normal.find('T')
            && !normal[t..].contains(['Z', '+', '-'])
        {
            normal.push('Z');
        }
        // time parses at most nine fractional digits; more precision than that is dropped.
        if let Some(dot) = normal.find('.') {
            let digits = normal[dot + 1..]
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
            if digits > 9 {
                normal.replace_range(dot + 10..dot + 1 + digits, "");
            }
        }
        OffsetDateTime::parse(&normal, &Rfc3339)
            .map_err(|e| format!("`{text}` is not an RFC 3339 date-time: {e}"))
    }

    /// Formats in UTC with `Z` (in the value's own offset when UTC is out of range).
    pub fn format(value: OffsetDateTime) -> String {
        in_utc_if_possible(value)
            .format(&Rfc3339)
            .unwrap_or_else(|_| value.to_string())
    }

    text_format!(time::OffsetDateTime, "RFC 3339");
}

/// RFC 1123 date-times (`Fri, 02 Oct 2020 12:00:00 GMT`), as HTTP headers carry them.
pub mod rfc1123 {
    use super::*;
    use time::{Date, Month, PrimitiveDateTime, Time};

    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];

    /// Formats in GMT. Written out by hand: it runs for every signed request.
    pub fn format(value: OffsetDateTime) -> String {
        use std::fmt::Write as _;
        let t = in_utc_if_possible(value);
        let mut out = String::with_capacity(29);
        let _ = write!(
            out,
            "{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT",
            DAYS[t.weekday().number_days_from_monday() as usize],
            t.day(),
            MONTHS[t.month() as usize - 1],
            t.year(),
            t.hour(),
            t.minute(),
            t.second()
        );
        out
    }

    /// Parses `Fri, 02 Oct 2020 12:00:00 GMT`, in any case, with a one- or two-digit day.
    pub fn parse(text: &str) -> Result<OffsetDateTime, String> {
        let bad = |why: &str| format!("`{text}` is not an RFC 1123 date-time: {why}");
        let mut parts = text.split_ascii_whitespace();
        let mut next = |what: &str| parts.next().ok_or_else(|| bad(&format!("no {what}")));
        let weekday = next("weekday")?;
        let weekday = weekday
            .strip_suffix(',')
            .filter(|w| DAYS.iter().any(|d| d.eq_ignore_ascii_case(w)))
            .ok_or_else(|| bad("the weekday is not `Mon,` to `Sun,`"))?;
        let day: u8 = number(next("day")?, 2).ok_or_else(|| bad("the day is not a number"))?;
        let month = next("month")?;
        let month = MONTHS
            .iter()
            .position(|m| m.eq_ignore_ascii_case(month))
            .and_then(|i| Month::try_from(i as u8 + 1).ok())
            .ok_or_else(|| bad("the month is not `Jan` to `Dec`"))?;
        let year: i32 = number(next("year")?, 4).ok_or_else(|| bad("the year is not 4 digits"))?;
        let clock: Vec<u8> = next("time")?
            .split(':')
            .map(|part| number(part, 2))
            .collect::<Option<_>>()
            .ok_or_else(|| bad("the time is not `hh:mm:ss`"))?;
        let zone = next("zone")?;
        if !zone.eq_ignore_ascii_case("GMT") || parts.next().is_some() {
            return Err(bad("the zone is not `GMT`"));
        }
        let [hour, minute, second] = clock[..] else {
            return Err(bad("the time is not `hh:mm:ss`"));
        };
        let date = Date::from_calendar_date(year, month, day).map_err(|e| bad(&e.to_string()))?;
        let time = Time::from_hms(hour, minute, second).map_err(|e| bad(&e.to_string()))?;
        let value = PrimitiveDateTime::new(date, time).assume_utc();
        if DAYS[value.weekday().number_days_from_monday() as usize].eq_ignore_ascii_case(weekday) {
            Ok(value)
        } else {
            Err(bad("the weekday does not match the date"))
        }
    }

    /// Parses up to `digits` ASCII digits.
    fn number<T: std::str::FromStr>(text: &str, digits: usize) -> Option<T> {
        (!text.is_empty() && text.len() <= digits && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| text.parse().ok())
            .flatten()
    }

    text_format!(time::OffsetDateTime, "RFC 1123");
}

/// Full dates (`2020-10-02`).
pub mod date {
    use time::Date;
    use time::format_description::FormatItem;
    use time::macros::format_description;

    const FORMAT: &[FormatItem<'static>] = format_description!("[year]-[month]-[day]");

    /// Formats as `YYYY-MM-DD`.
    pub fn format(value: Date) -> String {
        value.format(FORMAT).unwrap_or_else(|_| value.to_string())
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Date, String> {
        Date::parse(text, FORMAT).map_err(|e| format!("`{text}` is not a date: {e}"))
    }

    text_format!(time::Date, "date");
}

/// Times of day (`13:45:30`, with a fraction when there is one; `format: time`).
pub mod time_of_day {
    use time::Time;
    use time::format_description::FormatItem;
    use time::macros::format_description;

    const WHOLE: &[FormatItem<'static>] = format_description!("[hour]:[minute]:[second]");
    const FRACTION: &[FormatItem<'static>] =
        format_description!("[hour]:[minute]:[second].[subsecond]");

    /// Formats as `hh:mm:ss`, or `hh:mm:ss.fff` when there is a fraction of a second.
    pub fn format(value: Time) -> String {
        let format = if value.nanosecond() == 0 {
            WHOLE
        } else {
            FRACTION
        };
        value.format(format).unwrap_or_else(|_| value.to_string())
    }

    /// Parses `hh:mm:ss` with an optional fraction.
    pub fn parse(text: &str) -> Result<Time, String> {
        let format = if text.contains('.') { FRACTION } else { WHOLE };
        Time::parse(text, format).map_err(|e| format!("`{text}` is not a time of day: {e}"))
    }

    text_format!(time::Time, "time of day");
}

/// Unix time in whole seconds (`format: unixtime`), a JSON number.
pub mod unix_time {
    use super::*;
    use serde::{Deserialize, Deserializer, Serializer, de::Error as _};

    /// Serializes as seconds since the epoch.
    pub fn serialize<S: Serializer>(value: &OffsetDateTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(value.unix_timestamp())
    }

    /// Deserializes from seconds since the epoch.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<OffsetDateTime, D::Error> {
        from_seconds(i64::deserialize(d)?).map_err(D::Error::custom)
    }

    /// The date-time `secs` seconds after the epoch; out of range is an error.
    pub fn from_seconds(secs: i64) -> Result<OffsetDateTime, String> {
        OffsetDateTime::from_unix_timestamp(secs)
            .map_err(|_| format!("{secs} is out of range for a unix time"))
    }

    /// Parses seconds since the epoch written as text (a header).
    pub fn parse(text: &str) -> Result<OffsetDateTime, String> {
        let secs = text
            .trim()
            .parse::<i64>()
            .map_err(|_| format!("`{text}` is not a unix time in whole seconds"))?;
        from_seconds(secs)
    }

    option_module!(time::OffsetDateTime);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_reads_what_services_send() {
        let max = rfc3339::parse("9999-12-31t23:59:59.9999999z").unwrap();
        assert_eq!(rfc3339::format(max), "9999-12-31T23:59:59.9999999Z");
        // No offset: UTC.
        let min = rfc3339::parse("0001-01-01T00:00:00").unwrap();
        assert_eq!(rfc3339::format(min), "0001-01-01T00:00:00Z");
        for bad in [
            "201O-18-90D00:89:56.9AX",
            "0000-00-00T00:00:00.000+00:00",
            "",
            "T",
        ] {
            assert!(rfc3339::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_date_time_past_the_years_utc_can_hold_is_written_in_its_own_offset() {
        let late = rfc3339::parse("9999-12-31T23:59:59.999-14:00").unwrap();
        assert_eq!(rfc3339::format(late), "9999-12-31T23:59:59.999-14:00");
        assert_eq!(rfc1123::format(late), "Fri, 31 Dec 9999 23:59:59 GMT");
    }

    #[test]
    fn rfc1123_reads_any_case_and_short_days() {
        let max = rfc1123::parse("fri, 31 dec 9999 23:59:59 gmt").unwrap();
        assert_eq!(rfc1123::format(max), "Fri, 31 Dec 9999 23:59:59 GMT");
        let min = rfc1123::parse("Mon, 1 Jan 0001 00:00:00 GMT").unwrap();
        assert_eq!(rfc1123::format(min), "Mon, 01 Jan 0001 00:00:00 GMT");
        for bad in [
            "Tue, 01 Dec 2000 00:00:0A ABC",
            "Sat, 1 Jan 10000 00:00:00 GMT",
            "Tue, 00 Jan 0000 00:00:00 GMT",
            "Fri, 02 Oct 2020 12:00:00 GMT extra",
            "Mon, 02 Oct 2020 12:00:00 GMT",
            "",
        ] {
            assert!(rfc1123::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn times_of_day_keep_their_fraction() {
        for text in ["11:34:56", "08:07:56.5", "23:59:59.999999999"] {
            assert_eq!(time_of_day::format(time_of_day::parse(text).unwrap()), text);
        }
        assert!(time_of_day::parse("25:00:00").is_err());
    }
}
