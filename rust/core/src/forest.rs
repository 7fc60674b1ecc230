//! Gradient-boosted oblivious trees: the learned models' shared part
//! (the text cleaner's line model, [`crate::text::model`], and the HTML
//! extractor's block model, [`crate::html::model`]), with the row-major
//! feature matrix they read and the model files' common rows.

use std::sync::OnceLock;

use crate::vocab::{data_lines, DataLine};

/// Features as a row-major matrix, one row per line, block or page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Matrix {
    pub columns: usize,
    pub data: Vec<f32>,
}

impl Matrix {
    pub fn new(rows: usize, columns: usize) -> Matrix {
        Matrix { columns, data: vec![0.0; rows * columns] }
    }

    pub fn rows(&self) -> usize {
        self.data.len().checked_div(self.columns).unwrap_or(0)
    }

    pub fn row(&self, i: usize) -> &[f32] {
        &self.data[i * self.columns..(i + 1) * self.columns]
    }

    pub fn set_column(&mut self, j: usize, values: impl IntoIterator<Item = f32>) {
        let columns = self.columns;
        for (row, v) in values.into_iter().enumerate() {
            self.data[row * columns + j] = v;
        }
    }
}

pub fn logistic(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// One level of a tree: rows whose `feature` is above `threshold` take
/// the level's bit of the leaf index.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Split {
    feature: u32,
    threshold: f32,
}

impl Split {
    /// The split's feature in `block` (BLOCK rows, column by column).
    fn column(self, block: &[f32]) -> &[f32] {
        &block[self.feature as usize * BLOCK..][..BLOCK]
    }
}

/// Gradient-boosted oblivious trees over a row of features: every node of
/// a level splits on the same feature at the same threshold, so a row's
/// leaf is the bits of `depth` comparisons that do not wait on one another,
/// made for a block of rows at once (a vector instruction compares four or
/// more), where a tree of one split per node walks each row down alone.
#[derive(Clone, Debug, PartialEq)]
pub struct Forest {
    bias: f32,
    /// The features a row has; every split's is one of them.
    columns: usize,
    depth: u32,
    /// Each tree's `depth` splits, the first giving the leaf index's lowest bit.
    splits: Vec<Split>,
    /// Each tree's `2^depth` leaf values, by leaf index.
    leaves: Vec<f32>,
}

/// How many rows [`Forest::margins`] takes through the trees together.
const BLOCK: usize = 64;

impl Forest {
    /// The log-odds the trees give each row of `x`.
    pub fn margins(&self, x: &Matrix) -> Vec<f32> {
        assert_eq!(x.columns, self.columns, "the forest's features are the matrix's columns");
        self.margins_of(x.rows(), |i, row| row.copy_from_slice(x.row(i)))
    }

    /// The log-odds the trees give `rows` rows that `fill(i, row)` writes
    /// in turn (each row's features, all of them), for rows that are not
    /// kept as a matrix.
    pub fn margins_of(&self, rows: usize, mut fill: impl FnMut(usize, &mut [f32])) -> Vec<f32> {
        let mut z = Vec::with_capacity(rows);
        let mut row = vec![0.0f32; self.columns];
        // A block's rows column by column, so a split reads one column's values in a row.
        let mut block = vec![0.0f32; self.columns * BLOCK];
        for start in (0..rows).step_by(BLOCK) {
            let end = (start + BLOCK).min(rows);
            // `j` runs over `0..BLOCK`, so the writes below need no index checks.
            for (j, i) in (0..BLOCK).zip(start..end) {
                fill(i, &mut row);
                for (column, &v) in block.chunks_exact_mut(BLOCK).zip(&row) {
                    column[j] = v;
                }
            }
            let sums = self.block_margins(&block, end - start);
            z.extend_from_slice(&sums[..end - start]);
        }
        z
    }

    /// The log-odds of the first `rows` rows of `block` (BLOCK rows, column
    /// by column), in the widest vectors the processor has. A last block
    /// part full (a page of 20 blocks is one) is scored in as few vectors
    /// as hold its rows, each count its own loop of a fixed length; past
    /// `rows` the sums are of whatever the block holds there.
    fn block_margins(&self, block: &[f32], rows: usize) -> [f32; BLOCK] {
        #[cfg(target_arch = "x86_64")]
        if self.depth == 6 && std::is_x86_feature_detected!("avx512f") {
            // SAFETY: the processor has AVX-512F, just detected; the trees are of depth 6.
            return unsafe {
                match rows.div_ceil(16) {
                    0 | 1 => self.block_margins_avx512::<1>(block),
                    2 => self.block_margins_avx512::<2>(block),
                    3 => self.block_margins_avx512::<3>(block),
                    _ => self.block_margins_avx512::<4>(block),
                }
            };
        }
        #[cfg(target_arch = "x86_64")]
        if std::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2, just detected.
            return unsafe {
                match rows.div_ceil(8) {
                    0 | 1 => self.block_margins_avx2::<1>(block),
                    2 => self.block_margins_avx2::<2>(block),
                    3 => self.block_margins_avx2::<3>(block),
                    4 => self.block_margins_avx2::<4>(block),
                    5 => self.block_margins_avx2::<5>(block),
                    6 => self.block_margins_avx2::<6>(block),
                    7 => self.block_margins_avx2::<7>(block),
                    _ => self.block_margins_avx2::<8>(block),
                }
            };
        }
        self.block_margins_portable(block)
    }

    fn block_margins_portable(&self, block: &[f32]) -> [f32; BLOCK] {
        let mut z = [self.bias; BLOCK];
        for (splits, leaves) in self.trees() {
            let mut leaf = [0u32; BLOCK];
            for (bit, split) in splits.iter().enumerate() {
                let column = split.column(block);
                for (leaf, &v) in leaf.iter_mut().zip(column) {
                    *leaf |= u32::from(v > split.threshold) << bit;
                }
            }
            for (z, &leaf) in z.iter_mut().zip(&leaf) {
                *z += leaves[leaf as usize];
            }
        }
        z
    }

    /// [`Forest::block_margins_portable`] in AVX2: eight rows to a
    /// comparison and to a gather of their leaves (the x86-64 baseline
    /// compares four and fetches leaves one by one). The same sums in the
    /// same order, so the same numbers.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn block_margins_avx2<const VECTORS: usize>(&self, block: &[f32]) -> [f32; BLOCK] {
        use std::arch::x86_64::*;
        const LANES: usize = 8;
        const { assert!(VECTORS * LANES <= BLOCK, "a block's vectors") };
        assert_eq!(block.len(), self.columns * BLOCK, "a block holds BLOCK rows of every column");
        let mut z = [_mm256_set1_ps(self.bias); VECTORS];
        for (splits, leaves) in self.trees() {
            let mut leaf = [_mm256_setzero_si256(); VECTORS];
            for (bit, split) in splits.iter().enumerate() {
                // SAFETY: a split's feature is one of the columns (`Forest::parse`), so its
                // BLOCK floats lie inside the block, asserted above: no check a split.
                let column = unsafe { block.as_ptr().add(split.feature as usize * BLOCK) };
                let (threshold, set) = (_mm256_set1_ps(split.threshold), _mm256_set1_epi32(1 << bit));
                for (k, leaf) in leaf.iter_mut().enumerate() {
                    // SAFETY: VECTORS * LANES <= BLOCK floats of the column; the load may be unaligned.
                    let v = unsafe { _mm256_loadu_ps(column.add(k * LANES)) };
                    let above = _mm256_castps_si256(_mm256_cmp_ps::<_CMP_GT_OQ>(v, threshold));
                    *leaf = _mm256_or_si256(*leaf, _mm256_and_si256(above, set));
                }
            }
            for (z, &leaf) in z.iter_mut().zip(&leaf) {
                // SAFETY: a leaf index has `depth` bits, so it is under
                // `2^depth`, the tree's leaves ([`Forest::trees`]).
                *z = _mm256_add_ps(*z, unsafe { _mm256_i32gather_ps::<4>(leaves.as_ptr(), leaf) });
            }
        }
        let mut sums = [0.0; BLOCK];
        for (eight, z) in sums.chunks_exact_mut(LANES).zip(z) {
            // SAFETY: `eight` holds eight floats; the store may be unaligned.
            unsafe { _mm256_storeu_ps(eight.as_mut_ptr(), z) };
        }
        sums
    }

    /// [`Forest::block_margins_portable`] in AVX-512 for trees of depth 6:
    /// sixteen rows to a comparison (into a mask that sets the level's
    /// bit), and their leaves looked up in registers, not gathered from
    /// memory: the tree's 64 leaves are four vectors, two two-vector
    /// permutes pick from the lower and upper 32 and the index's top bit
    /// chooses. The same sums in the same order, so the same numbers.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f")]
    unsafe fn block_margins_avx512<const VECTORS: usize>(&self, block: &[f32]) -> [f32; BLOCK] {
        use std::arch::x86_64::*;
        const LANES: usize = 16;
        const { assert!(VECTORS * LANES <= BLOCK, "a block's vectors") };
        assert_eq!(block.len(), self.columns * BLOCK, "a block holds BLOCK rows of every column");
        let mut z = [_mm512_set1_ps(self.bias); VECTORS];
        let top = _mm512_set1_epi32(32);
        for (splits, leaves) in self.trees() {
            let mut leaf = [_mm512_setzero_si512(); VECTORS];
            for (bit, split) in splits.iter().enumerate() {
                // SAFETY: as in `block_margins_avx2`.
                let column = unsafe { block.as_ptr().add(split.feature as usize * BLOCK) };
                let (threshold, set) = (_mm512_set1_ps(split.threshold), _mm512_set1_epi32(1 << bit));
                for (k, leaf) in leaf.iter_mut().enumerate() {
                    // SAFETY: VECTORS * LANES <= BLOCK floats of the column; the load may be unaligned.
                    let v = unsafe { _mm512_loadu_ps(column.add(k * LANES)) };
                    let above = _mm512_cmp_ps_mask::<_CMP_GT_OQ>(v, threshold);
                    *leaf = _mm512_mask_or_epi32(*leaf, above, *leaf, set);
                }
            }
            // SAFETY: a tree of depth 6 has 64 leaves ([`Forest::trees`]).
            let [a, b, c, d] = std::array::from_fn(|k| unsafe { _mm512_loadu_ps(leaves.as_ptr().add(LANES * k)) });
            for (z, &leaf) in z.iter_mut().zip(&leaf) {
                let low = _mm512_permutex2var_ps(a, leaf, b);
                let high = _mm512_permutex2var_ps(c, leaf, d);
                let value = _mm512_mask_blend_ps(_mm512_test_epi32_mask(leaf, top), low, high);
                *z = _mm512_add_ps(*z, value);
            }
        }
        let mut sums = [0.0; BLOCK];
        for (sixteen, z) in sums.chunks_exact_mut(LANES).zip(z) {
            // SAFETY: `sixteen` holds sixteen floats; the store may be unaligned.
            unsafe { _mm512_storeu_ps(sixteen.as_mut_ptr(), z) };
        }
        sums
    }

    /// Each tree's `depth` splits and its `2^depth` leaves.
    fn trees(&self) -> impl Iterator<Item = (&[Split], &[f32])> {
        let depth = self.depth as usize;
        self.splits.chunks_exact(depth).zip(self.leaves.chunks_exact(1 << depth))
    }

    /// The probability the trees give each row of `x`.
    pub fn probabilities(&self, x: &Matrix) -> Vec<f32> {
        probabilities(self.margins(x))
    }

    /// The probability the trees give each row that `fill` writes ([`Forest::margins_of`]).
    pub fn probabilities_of(&self, rows: usize, fill: impl FnMut(usize, &mut [f32])) -> Vec<f32> {
        probabilities(self.margins_of(rows, fill))
    }
}

fn probabilities(mut z: Vec<f32>) -> Vec<f32> {
    z.iter_mut().for_each(|z| *z = logistic(*z));
    z
}

/// The numbers of a field, separated by white space.
pub fn numbers(field: &str) -> Result<Vec<f32>, String> {
    field.split_whitespace().map(|v| v.parse::<f32>().map_err(|e| format!("{v:?}: {e}"))).collect()
}

/// The most levels a tree may have (one of 12 has 4096 leaves).
const MAX_DEPTH: u32 = 12;

impl Forest {
    /// Reads a forest: a `bias<TAB>value` row, a `depth<TAB>levels` row, a
    /// `features<TAB>names` row (the code's columns, in order), then one
    /// `tree<TAB>features<TAB>thresholds<TAB>leaves` row per tree: its levels'
    /// feature columns and thresholds, from the leaf index's lowest bit up,
    /// then its `2^depth` leaf values.
    pub fn parse(rows: &[&str], names: &[String]) -> Result<Forest, String> {
        let bias = bias(rows)?;
        let depth: u32 = field(rows.get(1), "depth")?.trim().parse().map_err(|e| format!("depth: {e}"))?;
        if !(1..=MAX_DEPTH).contains(&depth) {
            return Err(format!("depth {depth}: trees have 1 to {MAX_DEPTH} levels"));
        }
        let written = field(rows.get(2), "features")?;
        if !written.split_whitespace().eq(names.iter().map(String::as_str)) {
            return Err("the features are not the code's columns, in order".to_owned());
        }
        let (splits, leaf_count) = (depth as usize, 1usize << depth);
        let mut forest = Forest { bias, columns: names.len(), depth, splits: Vec::new(), leaves: Vec::new() };
        for (k, row) in rows[3..].iter().enumerate() {
            let fields: Vec<&str> = field(Some(row), "tree")?.split('\t').collect();
            let [features, thresholds, leaves] = fields[..] else {
                return Err(format!("tree {k}: not tree<TAB>features<TAB>thresholds<TAB>leaves"));
            };
            let features: Vec<u32> = features
                .split_whitespace()
                .map(|f| f.parse().ok().filter(|&f: &u32| (f as usize) < names.len()))
                .collect::<Option<_>>()
                .ok_or(format!("tree {k}: a split's feature is not a column"))?;
            let (thresholds, leaves) = (numbers(thresholds)?, numbers(leaves)?);
            if features.len() != splits || thresholds.len() != splits || leaves.len() != leaf_count {
                return Err(format!("tree {k}: a tree of depth {depth} has {splits} splits and {leaf_count} leaves"));
            }
            if thresholds.iter().any(|t| t.is_nan()) || leaves.iter().any(|v| !v.is_finite()) {
                return Err(format!("tree {k}: thresholds must be numbers and leaves finite"));
            }
            forest
                .splits
                .extend(features.into_iter().zip(thresholds).map(|(feature, threshold)| Split { feature, threshold }));
            forest.leaves.extend(leaves);
        }
        Ok(forest)
    }
}

/// What follows `key<TAB>` in `row`.
pub fn field<'r>(row: Option<&&'r str>, key: &str) -> Result<&'r str, String> {
    let row = row.ok_or(format!("no {key} row"))?;
    row.strip_prefix(key).and_then(|r| r.strip_prefix('\t')).ok_or(format!("{row:?}: not {key}<TAB>..."))
}

/// A model's first row, `bias<TAB>value`.
pub fn bias(rows: &[&str]) -> Result<f32, String> {
    field(rows.first(), "bias")?.trim().parse().map_err(|e| format!("bias: {e}"))
}

/// Running sums of `K` columns (a row of `K` sums per row), for the means
/// of their windows: one column by default, several to read them a row at
/// a time.
pub struct Prefix<const K: usize = 1>(Vec<[f64; K]>);

impl Prefix {
    pub fn new(values: &[f32]) -> Prefix {
        Prefix::of_rows(values.iter().map(|&v| [v]))
    }

    /// The mean of `values[lo..hi]`, 0 when it is empty.
    pub fn mean(&self, lo: usize, hi: usize) -> f32 {
        self.means(lo, hi)[0]
    }

    /// Means over the windows `[i - w, i + w]`, clipped to the column.
    pub fn window_means(&self, w: usize) -> impl Iterator<Item = f32> + '_ {
        (0..self.len()).map(move |i| self.window(i, w)[0])
    }

    /// Means over the `w` rows before each row (`after`: the `w` rows
    /// after it); 0 where there are none.
    pub fn side_means(&self, w: usize, after: bool) -> impl Iterator<Item = f32> + '_ {
        (0..self.len()).map(move |i| self.side(i, w, after)[0])
    }
}

impl<const K: usize> Prefix<K> {
    /// The running sums of `rows` (each row one value of every column).
    pub fn of_rows(rows: impl ExactSizeIterator<Item = [f32; K]>) -> Prefix<K> {
        let mut sums = Vec::with_capacity(rows.len() + 1);
        let mut sum = [0.0f64; K];
        sums.push(sum);
        for row in rows {
            for (s, v) in sum.iter_mut().zip(row) {
                *s += f64::from(v);
            }
            sums.push(sum);
        }
        Prefix(sums)
    }

    fn len(&self) -> usize {
        self.0.len() - 1
    }

    /// The means of rows `lo..hi`, 0 when there are none.
    pub fn means(&self, lo: usize, hi: usize) -> [f32; K] {
        if hi <= lo {
            return [0.0; K];
        }
        let (from, to, count) = (&self.0[lo], &self.0[hi], (hi - lo) as f64);
        std::array::from_fn(|k| ((to[k] - from[k]) / count) as f32)
    }

    /// The means over rows `[i - w, i + w]`, clipped to the rows.
    pub fn window(&self, i: usize, w: usize) -> [f32; K] {
        self.means(i.saturating_sub(w), (i + w + 1).min(self.len()))
    }

    /// The means over the `w` rows before row `i` (`after`: the `w` rows
    /// after it); 0 where there are none.
    pub fn side(&self, i: usize, w: usize, after: bool) -> [f32; K] {
        if after {
            self.means(i + 1, (i + 1 + w).min(self.len()))
        } else {
            self.means(i.saturating_sub(w), i)
        }
    }
}

/// A model file's `[section]`s and their rows, in order.
pub struct Sections<'t>(Vec<(&'t str, Vec<&'t str>)>);

impl<'t> Sections<'t> {
    pub fn parse(text: &'t str) -> Result<Sections<'t>, String> {
        let mut sections: Vec<(&str, Vec<&str>)> = Vec::new();
        for line in data_lines(text) {
            match (line, sections.last_mut()) {
                (DataLine::Section(name), _) => sections.push((name, Vec::new())),
                (DataLine::Row(_, row), Some((_, rows))) => rows.push(row),
                (DataLine::Row(number, _), None) => return Err(format!("line {number}: a row before any section")),
            }
        }
        Ok(Sections(sections))
    }

    /// The rows of `[name]`.
    pub fn get(&self, name: &str) -> Result<&[&'t str], String> {
        self.0.iter().find(|(n, _)| *n == name).map(|(_, rows)| rows.as_slice()).ok_or(format!("no [{name}]"))
    }

    /// The forest of `[name]` ([`Forest::parse`]), over the features `names`.
    pub fn forest(&self, name: &str, names: &[String]) -> Result<Forest, String> {
        Forest::parse(self.get(name)?, names).map_err(|e| format!("[{name}]: {e}"))
    }

    /// The number of the `name<TAB>value` row of `[thresholds]`.
    pub fn threshold(&self, name: &str) -> Result<f32, String> {
        let rows = self.get("thresholds")?;
        let row = rows.iter().find_map(|r| r.strip_prefix(name).and_then(|r| r.strip_prefix('\t')));
        row.ok_or(format!("[thresholds]: no {name}"))?.trim().parse().map_err(|e| format!("[thresholds] {name}: {e}"))
    }
}

/// `ln(1 + n)`, from a table for the small counts nearly every line and
/// block has (the same bits as the standard library's).
pub fn log1p(n: usize) -> f32 {
    const SMALL: usize = 1024;
    static TABLE: OnceLock<Vec<f32>> = OnceLock::new();
    let table = TABLE.get_or_init(|| (0..SMALL).map(|n| (n as f32).ln_1p()).collect());
    table.get(n).copied().unwrap_or_else(|| (n as f32).ln_1p())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_counts_log_as_the_standard_library_does() {
        // Every entry of the table, and the first counts past it.
        for n in 0..1100 {
            assert_eq!(log1p(n).to_bits(), (n as f32).ln_1p().to_bits(), "{n}");
        }
    }

    #[test]
    fn window_means_clip_at_the_ends() {
        let got: Vec<f32> = Prefix::new(&[1.0, 0.0, 0.0, 1.0]).window_means(1).collect();
        assert_eq!(got, vec![0.5, 1.0 / 3.0, 1.0 / 3.0, 0.5]);
    }

    #[test]
    fn rows_above_a_levels_threshold_take_its_bit() {
        // Depth 2: the first level splits on feature 0 at 1 (bit 0), the
        // second on feature 1 at 5 (bit 1); leaves 1..=4 by index.
        let forest = Forest {
            bias: 0.5,
            columns: 2,
            depth: 2,
            splits: [(0, 1.0), (1, 5.0)].map(|(feature, threshold)| Split { feature, threshold }).to_vec(),
            leaves: vec![1.0, 2.0, 3.0, 4.0],
        };
        let cases = [([0.0, 0.0], 1.0), ([1.0, 5.0], 1.0), ([1.5, 5.0], 2.0), ([1.0, 5.5], 3.0), ([3.5, 9.0], 4.0)];
        let x = Matrix { columns: 2, data: cases.iter().flat_map(|(row, _)| *row).collect() };
        let want: Vec<f32> = cases.iter().map(|(_, leaf)| 0.5 + leaf).collect();
        assert_eq!(forest.margins(&x), want);
        // A second tree adds its leaf: a stump on feature 1 at 0.
        let two = Forest {
            depth: 1,
            splits: vec![Split { feature: 1, threshold: 0.0 }; 2],
            leaves: vec![-1.0, 1.0, 10.0, 20.0],
            ..forest
        };
        let x = Matrix { columns: 2, data: vec![0.0, 0.0, 0.0, 0.5] };
        assert_eq!(two.margins(&x), vec![0.5 - 1.0 + 10.0, 0.5 + 1.0 + 20.0]);
        // Rows past a block, and a last block part full, score as rows alone do.
        let rows: Vec<[f32; 2]> = (0..2 * BLOCK + 3).map(|i| [(i % 4) as f32, (i % 7) as f32 * 2.0]).collect();
        let x = Matrix { columns: 2, data: rows.iter().flatten().copied().collect() };
        let alone: Vec<f32> =
            rows.iter().flat_map(|row| forest.margins(&Matrix { columns: 2, data: row.to_vec() })).collect();
        assert_eq!(forest.margins(&x), alone);
    }

    #[test]
    #[cfg(target_arch = "x86_64")]
    fn vector_margins_are_the_portable_ones() {
        if !std::is_x86_feature_detected!("avx2") {
            return;
        }
        let (text, page) = (crate::text::model::LineModel::builtin(), crate::html::model::BlockModel::builtin());
        for forest in [&text.lines, &text.context, &page.blocks] {
            // Every column's values spread over its thresholds' range and beyond.
            let mut state = 7u64;
            let block: Vec<f32> = (0..forest.columns * BLOCK)
                .map(|_| {
                    state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    ((state >> 40) as f32 / (1u64 << 24) as f32) * 8.0 - 2.0
                })
                .collect();
            let portable = forest.block_margins_portable(&block);
            // A full block, and part-full ones ending inside a vector and at its end.
            for rows in [BLOCK, 1, 8, 13, 16, 40, 57] {
                assert_eq!(forest.block_margins(&block, rows)[..rows], portable[..rows], "{rows} rows");
            }
            // SAFETY: the processor has AVX2, detected above.
            assert_eq!(unsafe { forest.block_margins_avx2::<8>(&block) }, portable);
            if std::is_x86_feature_detected!("avx512f") {
                // SAFETY: the processor has AVX-512F, just detected; the model's trees are of depth 6.
                assert_eq!(unsafe { forest.block_margins_avx512::<4>(&block) }, portable);
            }
        }
    }
}
