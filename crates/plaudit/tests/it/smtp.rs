//! A small SMTP server for the tests: it speaks enough of RFC 5321 for a real client (greeting,
//! EHLO/HELO, MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT), records what it
//! receives, and can be stopped and started again on the same port to play an outage, or
//! refuse a recipient for good (550) to play a mailbox that does not exist.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

/// One message as the server received it.
#[derive(Debug, Clone)]
pub struct Received {
    /// The envelope sender, from `MAIL FROM:<…>`.
    pub from: String,
    /// The envelope recipients, from each `RCPT TO:<…>`.
    pub to: Vec<String>,
    /// The message after dot-unstuffing, without the terminating `.` line.
    pub data: String,
}

impl Received {
    /// The message's Subject header as it was sent (the tests' subjects fit on one line).
    pub fn subject(&self) -> String {
        self.data.lines().find_map(|l| l.strip_prefix("Subject: ")).unwrap_or_default().to_owned()
    }
}

pub struct SmtpServer {
    port: u16,
    received: Arc<Mutex<Vec<Received>>>,
    rejected: Rejected,
    accepting: Option<JoinHandle<()>>,
}

/// Recipients refused with 550.
type Rejected = Arc<Mutex<HashSet<String>>>;

impl SmtpServer {
    /// Starts a server on a free port of 127.0.0.1.
    pub async fn start() -> SmtpServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
        let port = listener.local_addr().expect("a bound address").port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let rejected = Rejected::default();
        let accepting = Some(tokio::spawn(accept(listener, received.clone(), rejected.clone())));
        SmtpServer { port, received, rejected, accepting }
    }

    /// Refuses `address` at RCPT TO with 550 from now on, as for a mailbox that does not exist.
    pub fn reject(&self, address: &str) {
        self.rejected.lock().unwrap().insert(address.to_owned());
    }

    /// Accepts every recipient again.
    pub fn accept_all(&self) {
        self.rejected.lock().unwrap().clear();
    }

    /// The URL a client uses to reach the server, without TLS.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Closes the listener and every open connection: new connections are refused.
    pub async fn stop(&mut self) {
        if let Some(accepting) = self.accepting.take() {
            accepting.abort();
            // Waiting for the task to end makes sure the listener is closed on return.
            let _ = accepting.await;
        }
    }

    /// Listens again on the same port, keeping what was received before.
    pub async fn restart(&mut self) {
        self.stop().await;
        let listener =
            TcpListener::bind(("127.0.0.1", self.port)).await.expect("the same port again");
        let (received, rejected) = (self.received.clone(), self.rejected.clone());
        self.accepting = Some(tokio::spawn(accept(listener, received, rejected)));
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// Waits until at least `n` messages have arrived, failing the test after `timeout`.
    pub async fn wait_for(&self, n: usize, timeout: Duration) -> Vec<Received> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let received = self.received();
            if received.len() >= n {
                return received;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{} of {n} messages arrived within {timeout:?}",
                received.len()
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        if let Some(accepting) = self.accepting.take() {
            accepting.abort();
        }
    }
}

/// Accepts connections until aborted. The connections live in a JoinSet owned here, so
/// aborting this task drops the listener and closes every connection with it.
async fn accept(listener: TcpListener, received: Arc<Mutex<Vec<Received>>>, rejected: Rejected) {
    let mut connections = JoinSet::new();
    loop {
        while connections.try_join_next().is_some() {}
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        connections.spawn(serve(stream, received.clone(), rejected.clone()));
    }
}

#[derive(Default)]
struct Transaction {
    from: Option<String>,
    to: Vec<String>,
}

/// One SMTP session. I/O errors end it, as a dropped connection would.
async fn serve(
    stream: TcpStream,
    received: Arc<Mutex<Vec<Received>>>,
    rejected: Rejected,
) -> std::io::Result<()> {
    let (reader, mut writer) = stream.into_split();
    let mut reader = BufReader::new(reader);
    writer.write_all(b"220 127.0.0.1 ESMTP test server ready\r\n").await?;
    let mut greeted = false;
    let mut transaction = Transaction::default();
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).await? == 0 {
            return Ok(());
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        let (verb, argument) = text.split_once(' ').unwrap_or((text, ""));
        let reply: &[u8] = match verb.to_ascii_uppercase().as_str() {
            "EHLO" if !argument.is_empty() => {
                greeted = true;
                transaction = Transaction::default();
                b"250-127.0.0.1 greets you\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n"
            }
            "HELO" if !argument.is_empty() => {
                greeted = true;
                transaction = Transaction::default();
                b"250 127.0.0.1\r\n"
            }
            "EHLO" | "HELO" => b"501 5.5.4 a domain or address is required\r\n",
            "MAIL" if !greeted => b"503 5.5.1 send EHLO or HELO first\r\n",
            "MAIL" if transaction.from.is_some() => b"503 5.5.1 a transaction is in progress\r\n",
            "MAIL" => match path(argument, "FROM:") {
                Some(from) => {
                    transaction.from = Some(from);
                    b"250 2.1.0 OK\r\n"
                }
                None => b"501 5.5.4 use MAIL FROM:<address>\r\n",
            },
            "RCPT" if transaction.from.is_none() => b"503 5.5.1 send MAIL first\r\n",
            "RCPT" => match path(argument, "TO:") {
                Some(to) if rejected.lock().unwrap().contains(&to) => {
                    b"550 5.1.1 no such mailbox here\r\n"
                }
                Some(to) if !to.is_empty() => {
                    transaction.to.push(to);
                    b"250 2.1.5 OK\r\n"
                }
                _ => b"501 5.5.4 use RCPT TO:<address>\r\n",
            },
            "DATA" if transaction.to.is_empty() => b"503 5.5.1 send RCPT first\r\n",
            "DATA" => {
                writer.write_all(b"354 end data with <CR><LF>.<CR><LF>\r\n").await?;
                let data = read_data(&mut reader).await?;
                let Transaction { from, to } = std::mem::take(&mut transaction);
                let from = from.unwrap_or_default();
                received.lock().unwrap().push(Received { from, to, data });
                b"250 2.0.0 OK queued\r\n"
            }
            "RSET" => {
                transaction = Transaction::default();
                b"250 2.0.0 OK\r\n"
            }
            "NOOP" => b"250 2.0.0 OK\r\n",
            "QUIT" => {
                writer.write_all(b"221 2.0.0 bye\r\n").await?;
                return Ok(());
            }
            _ => b"500 5.5.2 command not recognized\r\n",
        };
        writer.write_all(reply).await?;
    }
}

/// The address of `FROM:<a@b> PARAMS` or `TO:<a@b>`; an empty `<>` is the null sender.
fn path(argument: &str, prefix: &str) -> Option<String> {
    let head = argument.get(..prefix.len())?;
    if !head.eq_ignore_ascii_case(prefix) {
        return None;
    }
    let rest = argument[prefix.len()..].trim_start();
    let rest = rest.strip_prefix('<')?;
    let (address, _parameters) = rest.split_once('>')?;
    Some(address.to_owned())
}

/// Reads the message up to the line holding a single dot, removing the dot a client doubles
/// at the start of a line (RFC 5321 §4.5.2).
async fn read_data<R: AsyncBufReadExt + Unpin>(reader: &mut R) -> std::io::Result<String> {
    let mut data = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).await? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        if line == b".\r\n" {
            return Ok(String::from_utf8_lossy(&data).into_owned());
        }
        let unstuffed = line.strip_prefix(b".").unwrap_or(&line);
        data.extend_from_slice(unstuffed);
    }
}
