//! A two-class latent-class model of the row profiles ([`crate::stats::profile`]): the rows are
//! explained either by one population whose features are independent, or by a majority class
//! and a minority class, each with its own feature distributions. The minority class starts
//! from uniform distributions (what generators that pick each field independently and evenly
//! produce) and is then fitted by expectation–maximisation on the histogram of profiles, so its
//! cost does not grow with the row count. Each row's score is the probability, under the
//! fitted model, that it belongs to the minority class.
//!
//! A feature a row does not have (no age or province without a valid ID, a given name that
//! tells no sex, an address that cannot be compared) is **missing**, not a category: it adds
//! nothing to the row's likelihood (see [`profile::observed`]). Counted as categories, the
//! "unknowns" of invalid rows (no age, no province, no address comparison, all at once) form a
//! cluster by construction, and the model would find that cluster instead of the generated rows.

use crate::stats::profile::{self, FEATURES, PROFILES};

/// Pseudo-count added to every category (a Dirichlet prior; keeps every probability positive).
const PRIOR: f64 = 0.5;
const MAX_ITER: usize = 500;

/// A fitted model.
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    /// Weight of the minority (generated-looking) class.
    pub pi: f64,
    /// Per feature, the majority class's category probabilities.
    pub g: Vec<Vec<f64>>,
    /// Per feature, the minority class's category probabilities.
    pub f: Vec<Vec<f64>>,
    /// Log-likelihood of the two-class model and of the one-class (independent features) model.
    pub ll2: f64,
    pub ll1: f64,
    /// Rows in the fit.
    pub n: u64,
    /// Posterior probability of the minority class per histogram cell (0 for empty cells).
    pub posterior: Vec<f64>,
    /// Per feature and category, the expected number of rows of the minority and of the
    /// majority class with that value observed (missing values are not counted).
    pub f_counts: Vec<Vec<f64>>,
    pub g_counts: Vec<Vec<f64>>,
}

impl Fit {
    /// Expected number of minority rows.
    pub fn expected_minority(&self) -> f64 {
        self.pi * self.n as f64
    }
}

fn normalise(counts: &[f64]) -> Vec<f64> {
    let total: f64 = counts.iter().sum::<f64>() + PRIOR * counts.len() as f64;
    counts.iter().map(|c| (c + PRIOR) / total).collect()
}

/// Fits the model to the histogram `counts` (one count per profile cell), with missing
/// features left out of the likelihood: EM from three starting weights of the minority class
/// (5, 15 and 30 %), keeping the best likelihood, with the classes named so that the minority
/// has weight at most one half.
pub fn fit(counts: &[u64]) -> Option<Fit> {
    best_of(counts, true)
}

/// The same fit with "unknown" counted as a category of each feature: rows with invalid IDs
/// (no age, no province, no address comparison at once) then form a crisp class, which is how
/// rows of random digits are best isolated.
pub fn fit_crisp(counts: &[u64]) -> Option<Fit> {
    best_of(counts, false)
}

fn best_of(counts: &[u64], missing: bool) -> Option<Fit> {
    let mut best: Option<Fit> = None;
    for pi0 in [0.05, 0.15, 0.3] {
        let mut f = fit_from(counts, pi0, missing)?;
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
    best
}

fn fit_from(counts: &[u64], pi0: f64, missing: bool) -> Option<Fit> {
    const K: usize = FEATURES.len();
    let cells: Vec<(usize, [usize; K], [bool; K], f64)> = counts
        .iter()
        .enumerate()
        .filter(|(_, &c)| c > 0)
        .map(|(i, &c)| {
            let x = profile::decode(i);
            (
                i,
                x,
                if missing {
                    profile::observed(&x)
                } else {
                    [true; K]
                },
                c as f64,
            )
        })
        .collect();
    let n: f64 = cells.iter().map(|c| c.3).sum();
    if n < 1.0 || counts.len() != PROFILES {
        return None;
    }
    // The log-probability of a cell's observed features under per-feature log tables.
    let cell_ll = |x: &[usize; K], o: &[bool; K], ln: &[Vec<f64>]| -> f64 {
        x.iter()
            .zip(o)
            .zip(ln)
            .filter(|((_, &o), _)| o)
            .map(|((&v, _), d)| d[v])
            .sum::<f64>()
    };
    let ln = |t: &[Vec<f64>]| -> Vec<Vec<f64>> {
        t.iter()
            .map(|d| d.iter().map(|x| x.ln()).collect())
            .collect()
    };

    // One class: the marginals of the observed values.
    let mut marg: Vec<Vec<f64>> = FEATURES.iter().map(|&k| vec![0.0; k]).collect();
    for (_, x, o, c) in &cells {
        for ((m, &v), &o) in marg.iter_mut().zip(x).zip(o) {
            if o {
                m[v] += c;
            }
        }
    }
    let one: Vec<Vec<f64>> = marg.iter().map(|m| normalise(m)).collect();
    let ln_one = ln(&one);
    let ll1: f64 = cells
        .iter()
        .map(|(_, x, o, c)| c * cell_ll(x, o, &ln_one))
        .sum();

    // Two classes. The minority starts uniform over the categories seen in the sample.
    let mut g = one.clone();
    let mut f: Vec<Vec<f64>> = marg
        .iter()
        .map(|m| {
            let seen = m.iter().filter(|&&c| c > 0.0).count().max(1) as f64;
            m.iter()
                .map(|&c| if c > 0.0 { 1.0 / seen } else { 1e-6 })
                .collect()
        })
        .collect();
    let mut pi: f64 = pi0;
    let mut post = vec![0.0; cells.len()];
    let mut ll2 = f64::NEG_INFINITY;
    let mut gc: Vec<Vec<f64>> = FEATURES.iter().map(|&k| vec![0.0; k]).collect();
    let mut fc = gc.clone();
    // Each cell's observed features as indices into one flat table of all features'
    // categories, so the E step sums the same terms in the same order without the nested
    // tables; the log tables are written into two reused buffers.
    let offsets: [usize; K] = {
        let mut o = [0; K];
        let mut at = 0;
        for (slot, &k) in o.iter_mut().zip(FEATURES.iter()) {
            *slot = at;
            at += k;
        }
        o
    };
    let flat_len: usize = FEATURES.iter().sum();
    let flat: Vec<([usize; K], usize)> = cells
        .iter()
        .map(|(_, x, o, _)| {
            let mut idx = [0; K];
            let mut len = 0;
            for ((&v, &obs), &off) in x.iter().zip(o).zip(&offsets) {
                if obs {
                    if let Some(slot) = idx.get_mut(len) {
                        *slot = off + v;
                        len += 1;
                    }
                }
            }
            (idx, len)
        })
        .collect();
    let fill_ln = |t: &[Vec<f64>], out: &mut Vec<f64>| {
        out.clear();
        out.extend(t.iter().flat_map(|d| d.iter().map(|x| x.ln())));
    };
    let (mut ln_g, mut ln_f) = (Vec::with_capacity(flat_len), Vec::with_capacity(flat_len));
    for _ in 0..MAX_ITER {
        // E step. The logarithms once per iteration, not once per cell.
        let mut ll = 0.0;
        fill_ln(&g, &mut ln_g);
        fill_ln(&f, &mut ln_f);
        let (ln_not_pi, ln_pi) = ((1.0 - pi).ln(), pi.ln());
        for (((_, _, _, c), (idx, len)), p) in cells.iter().zip(&flat).zip(post.iter_mut()) {
            // Sums from -0.0 like `Iterator::sum`, in feature order: bit for bit the same.
            let (mut sg, mut sf) = (-0.0f64, -0.0f64);
            for &i in idx.get(..*len).unwrap_or(&[]) {
                sg += ln_g.get(i).copied().unwrap_or(0.0);
                sf += ln_f.get(i).copied().unwrap_or(0.0);
            }
            let lg = sg + ln_not_pi;
            let lf = sf + ln_pi;
            let m = lg.max(lf);
            // exp(0) is exactly 1, so the larger term needs no exp.
            let lse = if lg >= lf {
                m + (1.0 + (lf - m).exp()).ln()
            } else {
                m + ((lg - m).exp() + 1.0).ln()
            };
            *p = (lf - lse).exp();
            ll += c * lse;
        }
        // M step.
        // The expected counts in the flat layout, added in cell order as before.
        let (mut gflat, mut fflat) = (vec![0.0; flat_len], vec![0.0; flat_len]);
        let mut nf = 0.0;
        for (((_, _, _, c), (idx, len)), p) in cells.iter().zip(&flat).zip(&post) {
            nf += c * p;
            let (wg, wf) = (c * (1.0 - p), c * p);
            for &i in idx.get(..*len).unwrap_or(&[]) {
                if let (Some(a), Some(b)) = (gflat.get_mut(i), fflat.get_mut(i)) {
                    *a += wg;
                    *b += wf;
                }
            }
        }
        let unflatten = |t: &[f64]| -> Vec<Vec<f64>> {
            FEATURES
                .iter()
                .zip(&offsets)
                .map(|(&k, &off)| t.get(off..off + k).unwrap_or(&[]).to_vec())
                .collect()
        };
        gc = unflatten(&gflat);
        fc = unflatten(&fflat);
        pi = (nf / n).clamp(1e-6, 1.0 - 1e-6);
        g = gc.iter().map(|m| normalise(m)).collect();
        f = fc.iter().map(|m| normalise(m)).collect();
        let done = (ll - ll2).abs() < 1e-9 * n.max(1.0);
        ll2 = ll;
        if done {
            break;
        }
    }
    let mut posterior = vec![0.0; PROFILES];
    for ((i, _, _, _), p) in cells.iter().zip(&post) {
        posterior[*i] = *p;
    }
    Some(Fit {
        pi,
        g,
        f,
        ll2,
        ll1,
        n: n as u64,
        posterior,
        f_counts: fc,
        g_counts: gc,
    })
}

/// Shannon entropy (nats) of a distribution restricted to `cats` (renormalised).
pub fn entropy(p: &[f64], cats: std::ops::Range<usize>) -> f64 {
    let total: f64 = p[cats.clone()].iter().sum();
    if total <= 0.0 {
        return 0.0;
    }
    p[cats]
        .iter()
        .map(|&x| x / total)
        .filter(|&x| x > 0.0)
        .map(|x| -x * x.ln())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::profile::Profile;

    fn lcg(seed: &mut u64) -> f64 {
        *seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (*seed >> 11) as f64 / (1u64 << 53) as f64
    }

    #[test]
    fn finds_a_uniform_minority() {
        let mut counts = vec![0u64; PROFILES];
        let mut s = 7;
        let mut truth = Vec::new();
        for i in 0..4000 {
            let gen = i % 10 == 0;
            let p = if gen {
                Profile {
                    age: Some(18 + (lcg(&mut s) * 62.0) as u32),
                    province: Some((lcg(&mut s) * 31.0) as usize),
                    surname: 2,
                    validity: 0,
                    lean: (lcg(&mut s) * 2.0) as usize,
                    address: 3,
                }
            } else {
                Profile {
                    age: Some(20 + (lcg(&mut s) * 30.0) as u32),
                    province: Some((lcg(&mut s) * 4.0) as usize + 10),
                    surname: (lcg(&mut s) * 2.0) as usize,
                    validity: 0,
                    lean: if lcg(&mut s) < 0.95 { 0 } else { 1 },
                    address: 3,
                }
            };
            counts[p.index() as usize] += 1;
            truth.push((p.index(), gen));
        }
        let fit = fit(&counts).unwrap();
        assert!((0.07..0.14).contains(&fit.pi), "{}", fit.pi);
        assert!(fit.ll2 - fit.ll1 > 100.0);
        let hits = truth
            .iter()
            .filter(|(c, g)| *g == (fit.posterior[*c as usize] >= 0.5))
            .count();
        assert!(hits as f64 / truth.len() as f64 > 0.97, "{hits}");
        assert!(entropy(&fit.f[1], 0..31) > entropy(&fit.g[1], 0..31));
    }

    #[test]
    fn empty_and_constant() {
        assert!(fit(&vec![0; PROFILES]).is_none());
        let mut c = vec![0u64; PROFILES];
        c[5] = 1000;
        let f = fit(&c).unwrap();
        assert!((f.ll2 - f.ll1).abs() < 1.0, "{} {}", f.ll2, f.ll1);
    }
}
