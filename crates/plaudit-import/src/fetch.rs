//! Every request an importer makes: conditional (`If-None-Match`, `If-Modified-Since`), at most
//! a few at a time per host, with timeouts and a size limit, naming itself with a clear
//! User-Agent, and only to public addresses. The address check happens where the name is
//! resolved, so a redirect or a DNS answer cannot lead to loopback or a private network either.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::StreamExt;
use reqwest::header::{self, HeaderMap, HeaderValue};
use reqwest::{StatusCode, dns};
use tokio::sync::Semaphore;
use url::Url;

use crate::{Failure, FailureKind, Validators};

/// How a [`Fetcher`] behaves.
#[derive(Debug, Clone)]
pub struct FetcherConfig {
    /// Names Plaudit and where to reach its operator, e.g. `Plaudit/0.1 (+https://awards.example)`.
    pub user_agent: String,
    /// For the whole request, body included.
    pub timeout: Duration,
    /// Bodies larger than this are refused as [`FailureKind::TooLarge`].
    pub max_bytes: usize,
    /// Requests in flight to one host at a time.
    pub per_host: usize,
    /// Lets the test suite reach its servers on loopback. Never set in production.
    pub allow_private_addresses: bool,
    /// An egress proxy every request goes through, named on purpose: the proxy resolves names,
    /// so only addresses written in the URL (and every redirect's) are checked here. Proxies
    /// from the environment are never used.
    pub proxy: Option<String>,
}

impl FetcherConfig {
    pub fn new(user_agent: impl Into<String>) -> Self {
        Self {
            user_agent: user_agent.into(),
            timeout: Duration::from_secs(20),
            max_bytes: 16 * 1024 * 1024,
            per_host: 2,
            allow_private_addresses: false,
            proxy: None,
        }
    }
}

/// One answer with a body.
#[derive(Debug, Clone)]
pub struct Response {
    /// Where the body came from after redirects.
    pub url: Url,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
    /// To send back next time.
    pub validators: Validators,
}

/// Why a request failed, with the refusing answer's body when there was one (see
/// [`Fetcher::get_explained`]).
#[derive(Debug, Clone)]
pub struct Refusal {
    pub failure: Failure,
    /// Empty when nothing was answered (a timeout, a refused address, a broken connection).
    pub body: Vec<u8>,
}

impl From<Failure> for Refusal {
    fn from(failure: Failure) -> Self {
        Self { failure, body: Vec::new() }
    }
}

#[derive(Debug, Clone)]
pub enum Fetched {
    /// 304: what we had is still current.
    NotModified,
    Body(Response),
}

/// Cheap to clone: clones share the connection pool and the per-host limits.
#[derive(Clone)]
pub struct Fetcher {
    http: reqwest::Client,
    hosts: Arc<Mutex<HashMap<String, Arc<Semaphore>>>>,
    config: Arc<FetcherConfig>,
}

impl std::fmt::Debug for Fetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fetcher").field("config", &self.config).finish_non_exhaustive()
    }
}

impl Fetcher {
    pub fn new(config: FetcherConfig) -> Result<Self, Failure> {
        // reqwest is built without a default crypto provider; ring is the binary's. Installing
        // fails harmlessly when one is already there.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let user_agent = HeaderValue::from_str(&config.user_agent).map_err(|_| {
            Failure::new(FailureKind::InvalidLocator, "the User-Agent cannot be a header")
        })?;
        let allow_private = config.allow_private_addresses;
        let mut builder = reqwest::Client::builder();
        if let Some(proxy) = &config.proxy {
            let proxy = reqwest::Proxy::all(proxy.as_str())
                .map_err(|e| Failure::new(FailureKind::InvalidLocator, format!("proxy: {e}")))?;
            builder = builder.proxy(proxy);
        } else {
            // A proxy from the environment would resolve names itself, past the check below.
            builder = builder.no_proxy();
        }
        let http = builder
            .user_agent(user_agent)
            .timeout(config.timeout)
            .connect_timeout(config.timeout.min(Duration::from_secs(10)))
            .dns_resolver(PublicOnly { allow_private })
            .redirect(reqwest::redirect::Policy::custom(move |attempt| {
                if attempt.previous().len() > 5 {
                    attempt.error("more than 5 redirects")
                } else if let Err(why) = check_url(attempt.url(), allow_private) {
                    attempt.error(why)
                } else {
                    attempt.follow()
                }
            }))
            .build()
            .map_err(|e| Failure::new(FailureKind::Network, e.to_string()))?;
        Ok(Self { http, hosts: Arc::default(), config: Arc::new(config) })
    }

    pub fn config(&self) -> &FetcherConfig {
        &self.config
    }

    /// GETs `url`, asking for `accept`, conditionally on `validators`.
    pub async fn get(
        &self,
        url: &str,
        accept: &str,
        validators: &Validators,
    ) -> Result<Fetched, Failure> {
        self.get_with(url, accept, validators, HeaderMap::new()).await
    }

    /// [`Fetcher::get`] with extra headers (an API's token, its version).
    pub async fn get_with(
        &self,
        url: &str,
        accept: &str,
        validators: &Validators,
        headers: HeaderMap,
    ) -> Result<Fetched, Failure> {
        self.fetch(url, accept, validators, headers, false).await.map_err(|refusal| refusal.failure)
    }

    /// [`Fetcher::get_with`] that keeps the body of an answer that is not a success, for APIs
    /// that say in it why they refused (Stack Exchange's `error_id`, its throttle's wait).
    pub async fn get_explained(
        &self,
        url: &str,
        accept: &str,
        validators: &Validators,
        headers: HeaderMap,
    ) -> Result<Fetched, Refusal> {
        self.fetch(url, accept, validators, headers, true).await
    }

    async fn fetch(
        &self,
        url: &str,
        accept: &str,
        validators: &Validators,
        mut headers: HeaderMap,
        keep_error_body: bool,
    ) -> Result<Fetched, Refusal> {
        let url = parse_http_url(url)?;
        check_url(&url, self.config.allow_private_addresses)
            .map_err(|why| Failure::new(FailureKind::AddressNotAllowed, why))?;
        if let Ok(accept) = HeaderValue::from_str(accept) {
            headers.insert(header::ACCEPT, accept);
        }
        if let Some(etag) = validators.etag.as_deref().and_then(|v| HeaderValue::from_str(v).ok()) {
            headers.insert(header::IF_NONE_MATCH, etag);
        }
        if let Some(since) =
            validators.last_modified.as_deref().and_then(|v| HeaderValue::from_str(v).ok())
        {
            headers.insert(header::IF_MODIFIED_SINCE, since);
        }

        let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
        let _slot =
            self.host_slot(&host).acquire_owned().await.map_err(|_| {
                Failure::new(FailureKind::Network, "the per-host limiter was closed")
            })?;

        let response = self
            .http
            .get(url.clone())
            .headers(headers)
            .send()
            .await
            .map_err(|e| failure_of(&e, &url))?;
        let status = response.status();
        if status == StatusCode::NOT_MODIFIED {
            return Ok(Fetched::NotModified);
        }
        if !status.is_success() {
            let failure = status_failure(status, response.headers(), &url);
            // An explanation that cannot be read (too large, cut off) leaves the status's.
            let body = if keep_error_body {
                self.read_limited(response, &url).await.unwrap_or_default()
            } else {
                Vec::new()
            };
            return Err(Refusal { failure, body });
        }
        let final_url = response.url().clone();
        let headers = response.headers().clone();
        let body = self.read_limited(response, &final_url).await?;
        Ok(Fetched::Body(Response {
            url: final_url,
            content_type: text_header(&headers, header::CONTENT_TYPE),
            body,
            validators: Validators {
                etag: text_header(&headers, header::ETAG),
                last_modified: text_header(&headers, header::LAST_MODIFIED),
            },
        }))
    }

    fn host_slot(&self, host: &str) -> Arc<Semaphore> {
        let mut hosts = self.hosts.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        hosts
            .entry(host.to_owned())
            .or_insert_with(|| Arc::new(Semaphore::new(self.config.per_host.max(1))))
            .clone()
    }

    async fn read_limited(
        &self,
        response: reqwest::Response,
        url: &Url,
    ) -> Result<Vec<u8>, Failure> {
        let limit = self.config.max_bytes;
        let too_large = || {
            Failure::new(FailureKind::TooLarge, format!("{url}: the body is over {limit} bytes"))
        };
        if response.content_length().is_some_and(|n| n > limit as u64) {
            return Err(too_large());
        }
        let mut body = Vec::with_capacity(
            response.content_length().map_or(64 * 1024, |n| n as usize).min(limit),
        );
        let mut chunks = response.bytes_stream();
        while let Some(chunk) = chunks.next().await {
            let chunk = chunk.map_err(|e| failure_of(&e, url))?;
            if body.len() + chunk.len() > limit {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}

/// Reads a person's http(s) address; anything else is an [`FailureKind::InvalidLocator`].
pub fn parse_http_url(input: &str) -> Result<Url, Failure> {
    let url = Url::parse(input.trim())
        .map_err(|e| Failure::new(FailureKind::InvalidLocator, format!("{input:?}: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(Failure::new(FailureKind::InvalidLocator, format!("{input:?}: not http(s)")));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Failure::new(
            FailureKind::InvalidLocator,
            format!("{input:?}: addresses with credentials are not fetched"),
        ));
    }
    Ok(url)
}

/// Refuses addresses written as a non-public IP (names are checked when resolved).
fn check_url(url: &Url, allow_private: bool) -> Result<(), String> {
    if allow_private {
        return Ok(());
    }
    let ip = match url.host() {
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip),
        Some(url::Host::Domain(name)) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            if name == "localhost" || name.ends_with(".localhost") {
                return Err(format!("{url}: localhost is not a public address"));
            }
            return Ok(());
        }
        None => return Err(format!("{url}: no host")),
    };
    if is_public(ip) { Ok(()) } else { Err(format!("{url}: {ip} is not a public address")) }
}

/// Whether an address is on the public internet: not loopback, private (RFC 1918, unique
/// local), link-local, carrier-grade NAT, documentation, benchmarking, multicast or reserved.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_unspecified()
                || v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_broadcast()
                || v4.is_documentation()
                || v4.is_multicast()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
                || (a == 192 && b == 0 && v4.octets()[2] == 0)
                || (a == 198 && (18..20).contains(&b))
                || a >= 240)
        }
        IpAddr::V6(v6) => {
            let segments = v6.segments();
            // Addresses that carry an IPv4 one reach it: mapped (::ffff:0:0/96), the old
            // compatible form (::/96) and 6to4 (2002::/16, the v4 in the next 32 bits).
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            if segments[..6] == [0; 6] && !v6.is_unspecified() && !v6.is_loopback() {
                return is_public(IpAddr::V4(v6.to_ipv4().unwrap_or(Ipv4Addr::UNSPECIFIED)));
            }
            if segments[0] == 0x2002 {
                let [a, b] = segments[1].to_be_bytes();
                let [c, d] = segments[2].to_be_bytes();
                return is_public(IpAddr::V4(Ipv4Addr::new(a, b, c, d)));
            }
            let first = segments[0];
            !(v6.is_unspecified()
                || v6.is_loopback()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00 // unique local
                || (first & 0xffc0) == 0xfe80 // link-local
                || first == 0x2001 && v6.segments()[1] == 0x0db8 // documentation
                || first == 0x0064 && v6.segments()[1] == 0xff9b) // NAT64, may reach private v4
        }
    }
}

/// Resolves names with the system resolver and keeps only public addresses.
struct PublicOnly {
    allow_private: bool,
}

impl dns::Resolve for PublicOnly {
    fn resolve(&self, name: dns::Name) -> dns::Resolving {
        let allow_private = self.allow_private;
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let found: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let kept: Vec<SocketAddr> =
                found.into_iter().filter(|a| allow_private || is_public(a.ip())).collect();
            if kept.is_empty() {
                return Err(format!("{host} resolves to no public address").into());
            }
            let addrs: dns::Addrs = Box::new(kept.into_iter());
            Ok(addrs)
        })
    }
}

fn text_header(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

/// `Retry-After` in seconds (the HTTP-date form is rare for feeds and read as absent).
pub fn retry_after(headers: &HeaderMap) -> Option<u64> {
    headers.get(header::RETRY_AFTER)?.to_str().ok()?.trim().parse().ok()
}

fn status_failure(status: StatusCode, headers: &HeaderMap, url: &Url) -> Failure {
    let kind = match status {
        StatusCode::NOT_FOUND | StatusCode::GONE => FailureKind::NotFound,
        StatusCode::TOO_MANY_REQUESTS => FailureKind::RateLimited,
        s if s.is_server_error() => FailureKind::ServerError,
        _ => FailureKind::Refused,
    };
    Failure { kind, detail: format!("{url} answered {status}"), retry_after: retry_after(headers) }
}

fn failure_of(error: &reqwest::Error, url: &Url) -> Failure {
    let kind = if error.is_timeout() {
        FailureKind::Timeout
    } else if error.is_redirect() || chain_mentions(error, "public address") {
        FailureKind::AddressNotAllowed
    } else {
        FailureKind::Network
    };
    Failure::new(kind, format!("{url}: {}", chain(error)))
}

fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

fn chain_mentions(error: &dyn std::error::Error, needle: &str) -> bool {
    chain(error).contains(needle)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn only_public_addresses_are_public() {
        for private in [
            "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
            "0.0.0.0", "::1", "fc00::1", "fe80::1", "::ffff:127.0.0.1", "198.18.0.1",
            "255.255.255.255", "::127.0.0.1", "::10.0.0.1", "2002:7f00:1::1", "2002:a9fe:a9fe::",
        ] {
            let ip: IpAddr = private.parse().unwrap();
            assert!(!is_public(ip), "{private} must not count as public");
        }
        for public in ["93.184.216.34", "140.82.112.3", "2606:4700::6810:85e5", "2002:5db8:d822::1"]
        {
            let ip: IpAddr = public.parse().unwrap();
            assert!(is_public(ip), "{public} is public");
        }
    }

    #[test]
    fn localhost_and_private_literals_are_refused_before_any_request() {
        for url in [
            "http://localhost:8080/feed", "http://127.0.0.1/", "http://[::1]/", "http://10.0.0.5/x",
        ] {
            let parsed = Url::parse(url).unwrap();
            assert!(check_url(&parsed, false).is_err(), "{url}");
            assert!(check_url(&parsed, true).is_ok(), "{url} in tests");
        }
    }
}
