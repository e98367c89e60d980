use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use jiff::Timestamp;

/// The time and the waiting the client does for rate limits and retries. Tests pass one that
/// records the waits and returns at once (`fake::ManualClock`).
pub trait Clock: Send + Sync {
    /// Now, to turn `X-RateLimit-Reset` (epoch seconds) into a wait.
    fn now(&self) -> Timestamp;
    /// Waits `duration`.
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send + 'static>>;
}

/// The real clock: the system time and tokio's timer.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }

    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send + 'static>> {
        Box::pin(tokio::time::sleep(duration))
    }
}
