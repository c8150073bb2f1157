//! Post dates as Jekyll reads them: `YYYY-MM-DD`, optionally a time and an offset, turned into
//! the site's time zone (`Utils.parse_date` calls `Time#localtime`, and Jekyll sets `TZ` from
//! `timezone:`), because the URL shows the date in that zone.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{Offset, TimeZone};

/// Parses the dates Jekyll documents: `YYYY-MM-DD`, optionally followed by ` HH:MM[:SS[.frac]]`
/// (or `T`) and a `Z`/`±HHMM`/`±HH:MM` offset. Returns the local date-time as written and the
/// offset in seconds when one was given.
pub fn parse(text: &str) -> Option<(DateTime, Option<i32>)> {
    let text = text.trim();
    let (date, rest) = text.split_at(text.find([' ', 'T', 't']).unwrap_or(text.len()));
    let mut parts = date.split('-');
    let year: i16 = digits(parts.next()?, 2, 4)?;
    let month: i8 = digits(parts.next()?, 1, 2)?;
    let day: i8 = digits(parts.next()?, 1, 2)?;
    if parts.next().is_some() {
        return None;
    }
    let date = Date::new(year, month, day).ok()?;
    let rest = rest.trim_start_matches(['T', 't']).trim();
    if rest.is_empty() {
        return Some((date.to_datetime(Time::midnight()), None));
    }
    let split = rest.find([' ', 'Z', 'z', '+', '-']).unwrap_or(rest.len());
    let (time, offset) = rest.split_at(split);
    let time = parse_time(time)?;
    // Ruby's `Time.parse` skips a stray year after the time (`18:30:22 2023 -0800`).
    let offset = offset.trim();
    let offset = match offset.split_once(char::is_whitespace) {
        Some((year, rest)) if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) => {
            rest.trim()
        }
        _ => offset,
    };
    let offset = parse_offset(offset)?;
    Some((date.to_datetime(time), offset))
}

/// The date-time a post's URL shows: written with an offset, it is moved into `zone` (the
/// site's `timezone`, or UTC when unset, as on GitHub Pages); without one, it is taken as
/// already local.
pub fn in_zone(written: (DateTime, Option<i32>), zone: &TimeZone) -> DateTime {
    let (local, offset) = written;
    let Some(seconds) = offset else { return local };
    let Ok(offset) = Offset::from_seconds(seconds) else {
        return local;
    };
    match offset.to_timestamp(local) {
        Ok(ts) => zone.to_datetime(ts),
        Err(_) => local,
    }
}

/// The zone named by `timezone:` (an IANA name such as `Asia/Seoul`); UTC when absent or
/// unknown.
pub fn zone(name: Option<&str>) -> TimeZone {
    name.and_then(|n| jiff::tz::db().get(n).ok())
        .unwrap_or(TimeZone::UTC)
}

fn parse_time(time: &str) -> Option<Time> {
    let mut fields = time.split(':');
    let hour: i8 = digits(fields.next()?, 1, 2)?;
    let minute: i8 = digits(fields.next()?, 2, 2)?;
    let second: i8 = match fields.next() {
        None => 0,
        Some(sec) => {
            let (whole, frac) = sec.split_once('.').unwrap_or((sec, "0"));
            if !frac.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            // Ruby accepts a leap second and rolls it over; 59 keeps the same date.
            digits::<i8>(whole, 2, 2).filter(|s| *s <= 60)?.min(59)
        }
    };
    if fields.next().is_some() {
        return None;
    }
    Time::new(hour, minute, second, 0).ok()
}

/// `Some(None)` for no offset, `Some(Some(seconds))` for a valid one, `None` when malformed.
fn parse_offset(offset: &str) -> Option<Option<i32>> {
    if offset.is_empty() {
        return Some(None);
    }
    if offset.eq_ignore_ascii_case("z") {
        return Some(Some(0));
    }
    let sign = match offset.as_bytes().first() {
        Some(b'+') => 1,
        Some(b'-') => -1,
        _ => return None,
    };
    let digits_only = offset.get(1..)?.replace(':', "");
    if !matches!(digits_only.len(), 2 | 4) || !digits_only.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = digits_only.get(..2)?.parse().ok()?;
    let minutes: i32 = digits_only
        .get(2..)
        .filter(|m| !m.is_empty())
        .map_or(Some(0), |m| m.parse().ok())?;
    Some(Some(sign * (hours * 3600 + minutes * 60)))
}

fn digits<T: std::str::FromStr>(s: &str, min: usize, max: usize) -> Option<T> {
    (s.len() >= min && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())?
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn parses_what_jekyll_documents() {
        let (dt, off) = parse("2016-05-13").unwrap();
        assert_eq!((dt, off), (date(2016, 5, 13).at(0, 0, 0, 0), None));
        let (dt, off) = parse("2016-5-3 9:05:07 +0900").unwrap();
        assert_eq!((dt, off), (date(2016, 5, 3).at(9, 5, 7, 0), Some(9 * 3600)));
        assert_eq!(parse("2016-05-13T23:30:00Z").unwrap().1, Some(0));
        assert_eq!(
            parse("2016-05-13 23:30 -05:30").unwrap().1,
            Some(-(5 * 3600 + 1800))
        );
        for bad in [
            "2016-13-01",
            "2016-02-30",
            "16",
            "2016-05-13 25:00",
            "2016-05-13 10:00 +9",
            "어제",
        ] {
            assert!(parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn offsets_move_into_the_site_zone() {
        let seoul = zone(Some("Asia/Seoul"));
        let written = parse("2016-05-13 23:30:00 +0000").unwrap();
        assert_eq!(in_zone(written, &seoul), date(2016, 5, 14).at(8, 30, 0, 0));
        let written = parse("2016-05-14 01:00:00 +0900").unwrap();
        assert_eq!(
            in_zone(written, &zone(None)),
            date(2016, 5, 13).at(16, 0, 0, 0)
        );
        let local = parse("2016-05-14 01:00:00").unwrap();
        assert_eq!(
            in_zone(local, &zone(None)),
            date(2016, 5, 14).at(1, 0, 0, 0)
        );
        assert_eq!(zone(Some("Not/AZone")), TimeZone::UTC);
    }
}
