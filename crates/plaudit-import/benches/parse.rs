#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! How long reading a whole 10,000-entry feed takes, from bytes to suggested contributions:
//! decoding, the format's parser, the entry check, dates, plain-text titles and summaries,
//! canonical URLs.
//! The whole import of such a feed is meant to take about 0.2 s.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use plaudit_import::fake::feeds::{atom, rss};
use plaudit_import::feed::{self, FeedKind};
use url::Url;

const ENTRIES: usize = 10_000;

fn parse(c: &mut Criterion) {
    let url = Url::parse("https://generated.example.org/feed/").unwrap();
    let mut group = c.benchmark_group("feed::parse");
    group.sample_size(20);
    for (name, body, content_type) in [
        ("rss_10000", rss(ENTRIES), "application/rss+xml; charset=UTF-8"),
        ("atom_10000", atom(ENTRIES), "application/atom+xml; charset=UTF-8"),
    ] {
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                let batch = feed::parse(
                    black_box(body.as_bytes()),
                    Some(content_type),
                    &url,
                    FeedKind::Blog,
                )
                .unwrap();
                assert_eq!(batch.items.len(), ENTRIES);
                batch
            })
        });
    }
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
