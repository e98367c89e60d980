//! Where "now" comes from.
//!
//! Rules never read the system clock themselves: they take a [`Clock`] (or a
//! date computed from one), so tests and demos can pin time with [`FixedClock`].

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

/// A source of the current instant.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> Timestamp;

    /// Today's date in the given time zone (usually the program's).
    fn today(&self, tz: &TimeZone) -> Date {
        tz.to_datetime(self.now()).date()
    }
}

/// The real clock of the machine.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// A clock stopped at one instant, for tests and reproducible demos.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FixedClock(pub Timestamp);

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        self.0
    }
}

impl<C: Clock + ?Sized> Clock for &C {
    fn now(&self) -> Timestamp {
        (**self).now()
    }
}

impl<C: Clock + ?Sized> Clock for std::sync::Arc<C> {
    fn now(&self) -> Timestamp {
        (**self).now()
    }
}

impl<C: Clock + ?Sized> Clock for Box<C> {
    fn now(&self) -> Timestamp {
        (**self).now()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_fixed_clock_always_tells_the_same_time() {
        let at: Timestamp = "2026-03-31T22:30:00Z".parse().unwrap();
        let clock = FixedClock(at);
        assert_eq!(clock.now(), at);
        assert_eq!(clock.now(), at);
    }

    #[test]
    fn today_depends_on_the_time_zone() {
        let clock = FixedClock("2026-03-31T22:30:00Z".parse().unwrap());
        assert_eq!(clock.today(&TimeZone::UTC).to_string(), "2026-03-31");
        let paris = TimeZone::get("Europe/Paris").unwrap();
        assert_eq!(clock.today(&paris).to_string(), "2026-04-01");
    }

    #[test]
    fn a_clock_behind_a_trait_object_still_works() {
        let clock: std::sync::Arc<dyn Clock> =
            std::sync::Arc::new(FixedClock(Timestamp::UNIX_EPOCH));
        assert_eq!(clock.now(), Timestamp::UNIX_EPOCH);
    }
}
