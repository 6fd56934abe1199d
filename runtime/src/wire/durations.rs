//! ISO 8601 durations (`P3Y6M4DT12H30M5S`, `PT0.5S`), kept as written: years and months have
//! no fixed length, so they are held apart from the days and the time.

use std::fmt;
use std::time::Duration;

/// An ISO 8601 duration (`format: duration`). Years and months are kept as given, since their
/// length depends on the calendar; weeks are counted as days. Convert with
/// [`IsoDuration::to_std`] when there are none, and build one from a `std::time::Duration`
/// with `From`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct IsoDuration {
    /// A duration back in time (`-P1D`).
    pub negative: bool,
    /// Years.
    pub years: u32,
    /// Months.
    pub months: u32,
    /// Days (weeks count seven each).
    pub days: u32,
    /// Hours, minutes and seconds.
    pub time: Duration,
}

impl IsoDuration {
    /// The same length as a `std::time::Duration`, when it has no years or months and is not
    /// negative.
    pub fn to_std(&self) -> Option<Duration> {
        if self.negative || self.years > 0 || self.months > 0 {
            return None;
        }
        Duration::from_secs(u64::from(self.days) * 86_400).checked_add(self.time)
    }
}

impl From<Duration> for IsoDuration {
    /// Whole days are written as days, the rest as hours, minutes and seconds.
    fn from(value: Duration) -> Self {
        let days = value.as_secs() / 86_400;
        let (days, time) = match u32::try_from(days) {
            Ok(d) => (d, value - Duration::from_secs(days * 86_400)),
            Err(_) => (0, value),
        };
        Self {
            days,
            time,
            ..Self::default()
        }
    }
}

impl fmt::Display for IsoDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&duration::format(*self))
    }
}

impl std::str::FromStr for IsoDuration {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        duration::parse(text)
    }
}

/// The `duration` format: [`IsoDuration`] as ISO 8601 text.
pub mod duration {
    use super::*;

    /// The largest number a duration's part may hold: the seconds of a `u32` count of days, far
    /// past any real value, so nothing a server sends can overflow.
    const MAX_PART: f64 = 4_294_967_295.0 * 86_400.0;

    /// Parses `[-]PnYnMnWnDTnHnMnS`; each part is optional, the seconds may have a fraction (`.`
    /// or `,`), and at least one part must be there.
    pub fn parse(text: &str) -> Result<IsoDuration, String> {
        let bad = |why: &str| format!("`{text}` is not an ISO 8601 duration: {why}");
        let (negative, rest) = match text.trim().strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.trim().strip_prefix('+').unwrap_or(text.trim())),
        };
        let rest = rest
            .strip_prefix(['P', 'p'])
            .ok_or_else(|| bad("it does not start with `P`"))?;
        let mut value = IsoDuration {
            negative,
            ..IsoDuration::default()
        };
        let (mut in_time, mut parts) = (false, 0);
        // Hours and minutes (a fraction is rare there) add up as floats; seconds are read
        // exactly, to the nanosecond.
        let (mut clock, mut seconds) = (0f64, Duration::ZERO);
        let mut number = String::new();
        for c in rest.chars() {
            match c.to_ascii_uppercase() {
                'T' if !in_time && number.is_empty() => in_time = true,
                '0'..='9' => number.push(c),
                '.' | ',' if in_time => number.push('.'),
                'S' if in_time => {
                    seconds = exact_seconds(&number)
                        .ok_or_else(|| bad("the seconds are not a number"))?;
                    number.clear();
                    parts += 1;
                }
                unit => {
                    let n: f64 = number
                        .parse()
                        .ok()
                        .filter(|n: &f64| n.is_finite() && *n <= MAX_PART)
                        .ok_or_else(|| bad("a part is not a number"))?;
                    let whole = || {
                        (n.fract() == 0.0 && n <= f64::from(u32::MAX))
                            .then_some(n as u32)
                            .ok_or_else(|| bad("years, months, weeks and days are whole numbers"))
                    };
                    match (in_time, unit) {
                        (false, 'Y') => value.years = whole()?,
                        (false, 'M') => value.months = whole()?,
                        (false, 'W') => {
                            value.days = value.days.saturating_add(whole()?.saturating_mul(7))
                        }
                        (false, 'D') => value.days = value.days.saturating_add(whole()?),
                        (true, 'H') => clock += n * 3_600.0,
                        (true, 'M') => clock += n * 60.0,
                        _ => return Err(bad(&format!("`{unit}` is not a unit here"))),
                    }
                    number.clear();
                    parts += 1;
                }
            }
        }
        if !number.is_empty() || parts == 0 {
            return Err(bad("a number has no unit, or there is no part at all"));
        }
        value.time = Duration::try_from_secs_f64(clock)
            .ok()
            .and_then(|c| c.checked_add(seconds))
            .ok_or_else(|| bad("it is too long"))?;
        Ok(value)
    }

    /// `12.011` as a duration, exactly (digits past nanoseconds are dropped).
    fn exact_seconds(text: &str) -> Option<Duration> {
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        if whole.is_empty() && fraction.is_empty() {
            return None;
        }
        let secs: u64 = if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        };
        if secs as f64 > MAX_PART {
            return None;
        }
        let digits: String = fraction
            .chars()
            .chain(std::iter::repeat('0'))
            .take(9)
            .collect();
        Some(Duration::new(secs, digits.parse().ok()?))
    }

    /// Formats as `[-]PnYnMnDTnHnMnS`, leaving out the parts that are zero (`PT0S` for none).
    pub fn format(value: IsoDuration) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        if value.negative {
            out.push('-');
        }
        out.push('P');
        for (n, unit) in [(value.years, 'Y'), (value.months, 'M'), (value.days, 'D')] {
            if n > 0 {
                let _ = write!(out, "{n}{unit}");
            }
        }
        let total = value.time.as_secs();
        let (hours, minutes, secs) = (total / 3_600, total / 60 % 60, total % 60);
        let nanos = value.time.subsec_nanos();
        let empty = out.ends_with('P');
        if !value.time.is_zero() || empty {
            out.push('T');
            if hours > 0 {
                let _ = write!(out, "{hours}H");
            }
            if minutes > 0 {
                let _ = write!(out, "{minutes}M");
            }
            if nanos > 0 {
                let fraction = format!("{nanos:09}");
                let _ = write!(out, "{secs}.{}S", fraction.trim_end_matches('0'));
            } else if secs > 0 || (hours == 0 && minutes == 0) {
                let _ = write!(out, "{secs}S");
            }
        }
        out
    }

    text_format!(crate::wire::IsoDuration, "duration");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_back_as_written() {
        for text in [
            "P3Y6M4DT12H30M5S",
            "P123DT22H14M12.011S",
            "PT0S",
            "PT1H",
            "P1D",
            "-P1DT0.5S",
            "PT36H",
            "P1Y",
            "PT0.0000001S",
        ] {
            let value = duration::parse(text).unwrap();
            assert_eq!(duration::format(value), text);
        }
        assert_eq!(duration::format(duration::parse("P2W").unwrap()), "P14D");
        assert_eq!(
            duration::format(duration::parse("PT90M").unwrap()),
            "PT1H30M"
        );
        assert_eq!(
            duration::format(duration::parse("PT1,5S").unwrap()),
            "PT1.5S"
        );
    }

    #[test]
    fn malformed_durations_are_refused() {
        for text in [
            "",
            "P",
            "PT",
            "123ABC",
            "P1H",
            "PT1D",
            "P1.5Y",
            "P1",
            "PTS",
            "P1e400D",
            "PT1e400S",
            "P99999999999D",
        ] {
            assert!(duration::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn std_durations_convert_both_ways() {
        let d = Duration::from_secs(2 * 86_400 + 3_661);
        let iso = IsoDuration::from(d);
        assert_eq!(iso.to_string(), "P2DT1H1M1S");
        assert_eq!(iso.to_std(), Some(d));
        assert_eq!(duration::parse("P1M").unwrap().to_std(), None);
    }
}
