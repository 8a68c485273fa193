//! The fit as it was before the three starts ran in one pass (commit d315cb1), kept verbatim
//! as a test oracle: [`super::best_of`] must give the same [`Fit`] bit for bit. Only change:
//! `best_of` also returns each start's iteration count.

use super::{Fit, FLAT, MAX_ITER, NONE, OFFSETS, PRIOR, TABLE};
use crate::stats::profile::{self, FEATURES, PROFILES};

/// The non-empty cells of the histogram, sorted by row count: each one's observed features as
/// flat indices ([`NONE`] for a missing one) and its histogram cell.
struct Cells {
    idx: Vec<[u8; FEATURES.len()]>,
    cell: Vec<usize>,
    /// Per run of cells with the same row count, where it ends and the count.
    runs: Vec<(usize, f64)>,
    n: f64,
    /// Rows with each flat category observed (the one-class counts).
    marg: [f64; TABLE],
}

impl Cells {
    fn new(counts: &[u64], missing: bool) -> Option<Cells> {
        const K: usize = FEATURES.len();
        if counts.len() != PROFILES {
            return None;
        }
        let mut cells = Cells {
            idx: Vec::new(),
            cell: Vec::new(),
            runs: Vec::new(),
            n: 0.0,
            marg: [0.0; TABLE],
        };
        let mut order: Vec<(u64, usize)> = counts
            .iter()
            .enumerate()
            .filter(|(_, &c)| c > 0)
            .map(|(i, &c)| (c, i))
            .collect();
        order.sort_unstable();
        for (c, i) in order {
            let x = profile::decode(i);
            let o = if missing {
                profile::observed(&x)
            } else {
                [true; K]
            };
            let mut idx = [NONE; K];
            for (((slot, &v), &obs), &off) in idx.iter_mut().zip(&x).zip(&o).zip(&OFFSETS) {
                if obs {
                    // Below FLAT (74): a byte.
                    *slot = (off + v).min(FLAT) as u8;
                }
            }
            let c = c as f64;
            for &j in &idx {
                cells.marg[usize::from(j)] += c;
            }
            match cells.runs.last_mut() {
                Some((end, last)) if *last == c => *end += 1,
                _ => cells.runs.push((cells.idx.len() + 1, c)),
            }
            cells.idx.push(idx);
            cells.cell.push(i);
            cells.n += c;
        }
        cells.marg[usize::from(NONE)] = 0.0;
        (cells.n >= 1.0).then_some(cells)
    }
}

pub(super) fn best_of(counts: &[u64], missing: bool) -> Option<(Fit, Vec<usize>)> {
    let cells = Cells::new(counts, missing)?;
    let mut best: Option<Fit> = None;
    let mut iterations = Vec::new();
    for pi0 in [0.05, 0.15, 0.3] {
        let (mut f, it) = fit_from(&cells, pi0);
        iterations.push(it);
        if f.pi > 0.5 {
            f.pi = 1.0 - f.pi;
            std::mem::swap(&mut f.g, &mut f.f);
            std::mem::swap(&mut f.g_counts, &mut f.f_counts);
            for (p, &c) in f.posterior.iter_mut().zip(counts) {
                if c > 0 {
                    *p = 1.0 - *p;
                }
            }
        }
        if best.as_ref().is_none_or(|b| f.ll2 > b.ll2 + 1e-9) {
            best = Some(f);
        }
    }
    best.map(|b| (b, iterations))
}

/// Per feature, `(count + PRIOR) / (total + PRIOR · categories)` of the flat counts.
fn normalise_flat(counts: &[f64; TABLE], out: &mut [f64; TABLE]) {
    for (&off, &k) in OFFSETS.iter().zip(FEATURES.iter()) {
        let (Some(c), Some(o)) = (counts.get(off..off + k), out.get_mut(off..off + k)) else {
            continue;
        };
        let total: f64 = c.iter().sum::<f64>() + PRIOR * k as f64;
        for (o, c) in o.iter_mut().zip(c) {
            *o = (c + PRIOR) / total;
        }
    }
}

fn unflatten(t: &[f64; TABLE]) -> Vec<Vec<f64>> {
    OFFSETS
        .iter()
        .zip(FEATURES.iter())
        .map(|(&off, &k)| t.get(off..off + k).unwrap_or(&[]).to_vec())
        .collect()
}

fn fit_from(cells: &Cells, pi0: f64) -> (Fit, usize) {
    let n = cells.n;
    let marg = &cells.marg;
    // One class: the marginals of the observed values.
    let mut one = [1.0f64; TABLE];
    normalise_flat(marg, &mut one);
    let ll1: f64 = marg
        .iter()
        .zip(&one)
        .take(FLAT)
        .map(|(&m, &p)| m * p.ln())
        .sum();

    // Two classes. The minority starts uniform over the categories seen in the sample.
    let mut g = one;
    let mut f = [1.0f64; TABLE];
    for (&off, &k) in OFFSETS.iter().zip(FEATURES.iter()) {
        let (Some(m), Some(out)) = (marg.get(off..off + k), f.get_mut(off..off + k)) else {
            continue;
        };
        let seen = m.iter().filter(|&&c| c > 0.0).count().max(1) as f64;
        for (o, &c) in out.iter_mut().zip(m) {
            *o = if c > 0.0 { 1.0 / seen } else { 1e-6 };
        }
    }
    let mut pi: f64 = pi0;
    let mut post = vec![0.0; cells.idx.len()];
    let mut ll2 = f64::NEG_INFINITY;
    let (mut gc, mut fc) = ([0.0f64; TABLE], [0.0f64; TABLE]);
    // Per flat category, f / g and log g (1 and 0 in the unused slots, NONE included).
    let (mut ratio, mut ln_g) = ([1.0f64; TABLE], [0.0f64; TABLE]);
    let mut iterations = 0;
    for _ in 0..MAX_ITER {
        iterations += 1;
        // E step, without exp: a cell's odds of the minority are π / (1 − π) times the
        // product of f / g over its observed features (every probability is at least
        // PRIOR / (n + 16) — a category no row has never enters a product — so for any row count the
        // product of six ratios and π / (1 − π) stays within 1e±130: no overflow, no
        // underflow); its posterior odds / (1 + odds); its log-likelihood
        // log((1 − π) Π g) + log(1 + odds), whose first term summed over the cells is
        // Σ marg · log g + n log(1 − π).
        for j in 0..FLAT {
            ratio[j] = f[j] / g[j];
            ln_g[j] = g[j].ln();
        }
        let ln_not_pi = (1.0 - pi).ln();
        let mut ll = marg
            .iter()
            .zip(&ln_g)
            .take(FLAT)
            .map(|(&m, &l)| m * l)
            .sum::<f64>()
            + n * ln_not_pi;
        let rho = pi / (1.0 - pi);
        fc = [0.0; TABLE];
        let mut nf = 0.0;
        let mut start = 0;
        for &(end, c) in &cells.runs {
            // The cells of one row count c: Σ c log(1 + odds) = c log Π (1 + odds), the
            // product kept in [1, 2) by moving its binary exponent into `exponent` after
            // each factor: one logarithm per run of cells instead of one per cell.
            let (mut prod, mut exponent) = (1.0f64, 0i64);
            let w_run = cells.idx.get(start..end).unwrap_or(&[]);
            let p_run = post.get_mut(start..end).unwrap_or(&mut []);
            for (idx, p) in w_run.iter().zip(p_run.iter_mut()) {
                let mut odds = rho;
                for &i in idx {
                    odds *= ratio[usize::from(i)];
                }
                // 1 / (1 + 1 / odds): 0 for odds 0 and 1 for infinite odds, never NaN.
                let q = 1.0 / (1.0 + odds.recip());
                *p = q;
                let bits = (prod * (1.0 + odds)).to_bits();
                exponent += ((bits >> 52) & 0x7ff) as i64 - 1023;
                prod = f64::from_bits((bits & ((1u64 << 52) - 1)) | (1023u64 << 52));
                // M step's expected counts of the minority; the majority's are the rest.
                let w = c * q;
                nf += w;
                for &i in idx {
                    fc[usize::from(i)] += w;
                }
            }
            ll += c * (prod.ln() + exponent as f64 * std::f64::consts::LN_2);
            start = end;
        }
        for ((g, &m), &f) in gc.iter_mut().zip(marg).zip(&fc) {
            *g = (m - f).max(0.0);
        }
        // M step.
        pi = (nf / n).clamp(1e-6, 1.0 - 1e-6);
        normalise_flat(&gc, &mut g);
        normalise_flat(&fc, &mut f);
        let done = (ll - ll2).abs() < 1e-9 * n.max(1.0);
        ll2 = ll;
        if done {
            break;
        }
    }
    let mut posterior = vec![0.0; PROFILES];
    for (&i, &p) in cells.cell.iter().zip(&post) {
        if let Some(slot) = posterior.get_mut(i) {
            *slot = p;
        }
    }
    let fit = Fit {
        pi,
        g: unflatten(&g),
        f: unflatten(&f),
        ll2,
        ll1,
        n: n as u64,
        posterior,
        f_counts: unflatten(&fc),
        g_counts: unflatten(&gc),
    };
    (fit, iterations)
}
