//! Instants are stored as BIGINT microseconds since the Unix epoch (UTC) on both backends:
//! integers sort and compare correctly everywhere, and precision is the same on both.
//! Calendar dates are stored as 'YYYY-MM-DD' text, which sorts as text.

use jiff::Timestamp;
use jiff::civil::Date;

use crate::StoreError;

pub fn to_micros(at: Timestamp) -> i64 {
    at.as_microsecond()
}

pub fn from_micros(micros: i64) -> Result<Timestamp, StoreError> {
    Timestamp::from_microsecond(micros)
        .map_err(|e| StoreError::Invalid(format!("stored instant {micros} is out of range: {e}")))
}

pub fn date_to_text(date: Date) -> String {
    date.to_string()
}

pub fn date_from_text(text: &str) -> Result<Date, StoreError> {
    text.parse()
        .map_err(|e| StoreError::Invalid(format!("stored date {text:?} is not a date: {e}")))
}
