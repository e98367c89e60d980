//! The worker that drains the mail outbox over SMTP.
//!
//! Delivery is at least once. "Exactly once" is impossible with SMTP: the server may accept a
//! mail and the connection break before its answer arrives, or the process die before
//! `mark_sent` is written, and the mail then goes out again once its lease expires. In the
//! normal case nothing is sent twice: a mail is marked sent right after the server accepts it,
//! and two workers never send the same mail because a claim leases it and a worker starts a
//! send only while the lease has time left for the whole send.
//!
//! A mail the server refuses for good (a 5xx reply, such as 550 for an unknown mailbox) or that
//! cannot be written at all is given up on instead of retried: an admin sees it at
//! `/admin/jobs` and may retry it. Everything else (a 4xx reply, a server that does not
//! answer) is retried with backoff.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

use jiff::Timestamp;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use plaudit_domain::clock::Clock;
use plaudit_store::mail::{self, QueuedMail};
use plaudit_store::{Db, StoreError};

use super::{MailError, MailSettings};

/// The first retry waits this long; each further one twice as long as the one before.
const FIRST_RETRY: Duration = Duration::from_secs(30);
const LONGEST_RETRY: Duration = Duration::from_secs(60 * 60);

pub struct MailWorker {
    db: Db,
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    clock: Arc<dyn Clock>,
    /// The pause between looks at the outbox when it is empty or the mail server failed.
    pub poll: Duration,
    /// How many mails one claim takes.
    pub batch: i64,
    /// How long a claim keeps other workers off its mails.
    pub lease: Duration,
    /// The longest one mail may take to send before it counts as failed.
    pub send_timeout: Duration,
}

impl MailWorker {
    /// A worker sending as `settings.from` through `settings.smtp_url`. Call it inside the
    /// Tokio runtime: the SMTP connection pool starts its clean-up task here.
    pub fn new(
        db: Db,
        settings: &MailSettings,
        clock: Arc<dyn Clock>,
    ) -> Result<MailWorker, MailError> {
        let send_timeout = Duration::from_secs(60);
        Ok(MailWorker {
            db,
            transport: settings.transport(send_timeout)?,
            from: settings.sender()?,
            clock,
            poll: Duration::from_secs(5),
            batch: 20,
            lease: Duration::from_secs(5 * 60),
            send_timeout,
        })
    }

    /// Claims one batch of due mails and sends them. Returns how many the server accepted.
    pub async fn run_once(&self) -> Result<usize, StoreError> {
        self.send_batch(&AtomicBool::new(false)).await
    }

    /// Sends the outbox until `shutdown` resolves, then finishes the mail in flight and stops.
    /// Mails of the batch that were not started stay leased and are sent after the lease.
    pub async fn run(self, shutdown: impl Future<Output = ()>) {
        crate::polling::run_passes("mail worker", self.poll, shutdown, &self).await;
    }

    async fn send_batch(&self, stopping: &AtomicBool) -> Result<usize, StoreError> {
        let claimed_at = self.clock.now();
        let mails = mail::claim_due(&self.db, claimed_at, self.lease, self.batch).await?;
        let lease_ends = claimed_at.saturating_add(self.lease).unwrap_or(Timestamp::MAX);
        let mut sent = 0;
        for mail in &mails {
            if stopping.load(Ordering::Relaxed) {
                break;
            }
            let left = Duration::try_from(lease_ends.duration_since(self.clock.now()))
                .unwrap_or(Duration::ZERO);
            if left < self.send_timeout.min(self.lease) {
                // Another worker may claim these once the lease ends; sending now could overlap.
                tracing::info!(id = mail.id, "lease running out; the rest of the batch waits");
                break;
            }
            match self.send(mail, left.min(self.send_timeout)).await {
                Ok(()) => {
                    mail::mark_sent(&self.db, mail.id, self.clock.now()).await?;
                    sent += 1;
                    tracing::info!(
                        id = mail.id,
                        kind = %mail.kind,
                        attempts = mail.attempts,
                        "mail sent"
                    );
                }
                Err(SendError { error, permanent: true }) => {
                    mail::mark_gave_up(&self.db, mail.id, &error, self.clock.now()).await?;
                    tracing::warn!(
                        id = mail.id,
                        kind = %mail.kind,
                        attempts = mail.attempts,
                        %error,
                        "mail refused for good; given up until an admin retries it"
                    );
                }
                Err(SendError { error, permanent: false }) => {
                    let retry_at = self
                        .clock
                        .now()
                        .saturating_add(retry_delay(mail.attempts))
                        .unwrap_or(Timestamp::MAX);
                    mail::mark_failed(&self.db, mail.id, &error, retry_at).await?;
                    tracing::warn!(
                        id = mail.id,
                        kind = %mail.kind,
                        attempts = mail.attempts,
                        %error,
                        %retry_at,
                        "mail not sent; it stays in the outbox"
                    );
                }
            }
        }
        Ok(sent)
    }

    /// Sends one mail as text and HTML alternatives. The error is what the outbox records.
    async fn send(&self, mail: &QueuedMail, timeout: Duration) -> Result<(), SendError> {
        let to: Mailbox = mail.to.parse().map_err(|e| {
            SendError::permanent(format!("the address {:?} is not valid: {e}", mail.to))
        })?;
        let date = SystemTime::try_from(self.clock.now()).unwrap_or_else(|_| SystemTime::now());
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&mail.subject)
            .date(date)
            .message_id(Some(format!(
                "<{}@{}>",
                uuid::Uuid::new_v4().simple(),
                self.from.email.domain()
            )))
            // RFC 3834: a notification, so vacation responders do not answer it.
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("Auto-Submitted"),
                "auto-generated".to_owned(),
            ))
            .multipart(MultiPart::alternative_plain_html(
                mail.body_text.clone(),
                mail.body_html.clone(),
            ))
            .map_err(|e| SendError::permanent(format!("the message could not be built: {e}")))?;
        match tokio::time::timeout(timeout, self.transport.send(message)).await {
            Ok(Ok(_response)) => Ok(()),
            Ok(Err(e)) => Err(SendError { permanent: e.is_permanent(), error: e.to_string() }),
            Err(_) => Err(SendError {
                error: format!("the mail server did not finish within {} s", timeout.as_secs()),
                permanent: false,
            }),
        }
    }
}

/// Why a mail was not sent, and whether trying again could help.
struct SendError {
    error: String,
    /// The server refused the mail for good, or it cannot be written: retrying cannot help.
    permanent: bool,
}

impl SendError {
    fn permanent(error: String) -> SendError {
        SendError { error, permanent: true }
    }
}

/// How long to wait before attempt `attempts + 1`: 30 s after the first, doubling, at most 1 h.
pub fn retry_delay(attempts: i64) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 16)).unwrap_or(16);
    FIRST_RETRY.saturating_mul(1 << doublings).min(LONGEST_RETRY)
}

impl crate::polling::Pass for MailWorker {
    async fn pass(&self, stopping: &AtomicBool) -> Result<bool, StoreError> {
        let sent = self.send_batch(stopping).await?;
        Ok(i64::try_from(sent).is_ok_and(|sent| sent == self.batch))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_from_thirty_seconds_to_at_most_an_hour() {
        let secs = |attempts| retry_delay(attempts).as_secs();
        assert_eq!(secs(1), 30);
        assert_eq!(secs(2), 60);
        assert_eq!(secs(3), 120);
        assert_eq!(secs(7), 1920);
        assert_eq!(secs(8), 3600);
        assert_eq!(secs(1000), 3600);
        assert_eq!(secs(0), 30);
        assert_eq!(secs(i64::MAX), 3600);
    }
}
