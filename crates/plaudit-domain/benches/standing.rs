//! How long one candidate's standing takes: 500 contributions of mixed types
//! over a year, with heavy-tailed reach, the lasting kinds (moderation,
//! leadership, mentoring) running for up to a year, against the standard rubric.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::ToSpan;
use jiff::civil::date;
use plaudit_domain::cycle::DateRange;
use plaudit_domain::kinds::ContributionType;
use plaudit_domain::rubric::Rubric;
use plaudit_domain::standing::{ContributionFacts, standing, standing_fast};

/// A tiny deterministic generator, so the bench needs no rng crate.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
}

fn contributions(n: usize) -> Vec<ContributionFacts> {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    // Lengths come from a generator of their own, so the other figures stay those of
    // earlier runs.
    let mut lengths = XorShift(0x2545_F491_4F6C_DD1D);
    let start = date(2025, 4, 1);
    (0..n)
        .map(|i| {
            let t =
                ContributionType::ALL[(rng.next() % ContributionType::ALL.len() as u64) as usize];
            let day = (rng.next() % 365) as i32;
            // Heavy tail: reach = 2^k with k skewed low, up to ~8 million.
            let k = (rng.next() % 24).min(rng.next() % 24);
            let reach =
                t.reach_metrics().iter().map(|&m| (m, (1u64 << k) + rng.next() % 100)).collect();
            let date = start.saturating_add(day.days());
            let end = matches!(
                t,
                ContributionType::ForumModeration
                    | ContributionType::CommunityLeadership
                    | ContributionType::Mentorship
            )
            .then(|| date.saturating_add(((lengths.next() % 366) as i32).days()));
            ContributionFacts { id: i as i64, contribution_type: t, date, end, reach }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let rubric = Rubric::standard();
    let window = DateRange { start: date(2025, 4, 1), end: date(2026, 3, 31) };
    let cs = contributions(500);
    c.bench_function("standing/500 contributions", |b| {
        b.iter(|| standing(black_box(&rubric), black_box(&window), black_box(&cs)))
    });
    c.bench_function("standing_fast/500 contributions", |b| {
        b.iter(|| standing_fast(black_box(&rubric), black_box(&window), black_box(&cs)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
