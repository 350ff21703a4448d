//! How a work center's booked intervals are stored: in pieces, one record
//! per stretch of [`PIECE_MINUTES`] working minutes, so booking or freeing
//! an operation rewrites the piece it starts in instead of every interval
//! the work center has booked (a cost that grew with the open order book).
//!
//! A piece is the record [`CAPACITY_LOAD`] under `"{code} {piece}"` (codes
//! hold no whitespace; the piece number is zero-padded so keys sort in time
//! order): the intervals starting in it as a flat list of calendar positions
//! `[from, to, from, to, …]`, sorted. An empty piece has no record. Stores
//! written before pieces kept one record per work center under its code;
//! [`split_whole_loads`] rewrites those when such a store is opened.

use std::collections::BTreeSet;

use super::planning::records::CAPACITY_LOAD;
use super::records::{decode, store_record};
use crate::error::Result;
use crate::store::Tx;

/// Working minutes per piece: about a working week and a half at eight
/// hours a day.
pub const PIECE_MINUTES: i64 = 4096;

/// The piece an interval starting at `from` is stored in.
pub fn piece_of(from: i64) -> i64 {
    from.div_euclid(PIECE_MINUTES)
}

/// The pieces the intervals start in.
pub fn pieces_of(pairs: &[(i64, i64)]) -> BTreeSet<i64> {
    pairs.iter().map(|&(from, _)| piece_of(from)).collect()
}

fn prefix(code: &str) -> String {
    format!("{code} ")
}

fn key(code: &str, piece: i64) -> String {
    format!("{code} {piece:012}")
}

fn pairs_of(kind_key: &str, value: serde_json::Value) -> Result<Vec<(i64, i64)>> {
    let flat: Vec<i64> = decode(CAPACITY_LOAD, kind_key, value)?;
    Ok(flat.chunks_exact(2).map(|p| (p[0], p[1])).collect())
}

/// Every booked interval of a work center, sorted.
pub fn read_load(tx: &mut dyn Tx, code: &str) -> Result<Vec<(i64, i64)>> {
    let mut pairs = Vec::new();
    for (key, value) in tx.docs_with_prefix(CAPACITY_LOAD, &prefix(code))? {
        pairs.extend(pairs_of(&key, value)?);
    }
    // Pieces come in key order, which is time order; sorting keeps a
    // hand-edited record from breaking the planner's index.
    pairs.sort_unstable();
    Ok(pairs)
}

/// Stores the pieces of `pairs` (all of a work center's intervals, sorted)
/// named in `pieces`: those whose intervals may have changed.
pub fn write_pieces(
    tx: &mut dyn Tx,
    code: &str,
    pairs: &[(i64, i64)],
    pieces: &BTreeSet<i64>,
) -> Result<()> {
    for &piece in pieces {
        let start = pairs.partition_point(|&(from, _)| piece_of(from) < piece);
        let end = pairs.partition_point(|&(from, _)| piece_of(from) <= piece);
        let key = key(code, piece);
        if start == end {
            tx.delete_doc(CAPACITY_LOAD, &key)?;
            continue;
        }
        let flat: Vec<i64> = pairs[start..end]
            .iter()
            .flat_map(|&(from, to)| [from, to])
            .collect();
        store_record(tx, CAPACITY_LOAD, &key, &flat)?;
    }
    Ok(())
}

/// Rewrites every whole-work-center load record (keyed by the bare code)
/// as pieces. Running it again finds none and changes nothing.
pub fn split_whole_loads(tx: &mut dyn Tx) -> Result<()> {
    for (code, value) in tx.docs(CAPACITY_LOAD)? {
        if code.contains(' ') {
            continue;
        }
        let mut pairs = pairs_of(&code, value)?;
        pairs.sort_unstable();
        tx.delete_doc(CAPACITY_LOAD, &code)?;
        write_pieces(tx, &code, &pairs, &pieces_of(&pairs))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::memory::MemoryStore;
    use crate::store::{Store, TxMode};
    use serde_json::json;

    fn keys(tx: &mut dyn Tx) -> Vec<String> {
        tx.docs(CAPACITY_LOAD)
            .unwrap()
            .into_iter()
            .map(|(k, _)| k)
            .collect()
    }

    /// A whole-load record of an older store becomes pieces holding the
    /// same intervals; a work center whose code starts like another's
    /// keeps its own; running it again changes nothing.
    #[test]
    fn whole_loads_are_split_into_pieces() {
        let store = MemoryStore::new();
        let mut tx = store.begin(TxMode::Write).unwrap();
        let far = PIECE_MINUTES * 3 + 10;
        tx.put_doc(
            CAPACITY_LOAD,
            "POUR",
            &json!([far, far + 60, 0, 300, 500, 4200]),
        )
        .unwrap();
        tx.put_doc(CAPACITY_LOAD, "POUR2", &json!([100, 200]))
            .unwrap();
        split_whole_loads(&mut *tx).unwrap();
        assert_eq!(
            keys(&mut *tx),
            [
                "POUR 000000000000",
                "POUR 000000000003",
                "POUR2 000000000000"
            ]
        );
        assert_eq!(
            read_load(&mut *tx, "POUR").unwrap(),
            [(0, 300), (500, 4200), (far, far + 60)]
        );
        assert_eq!(read_load(&mut *tx, "POUR2").unwrap(), [(100, 200)]);
        split_whole_loads(&mut *tx).unwrap();
        assert_eq!(keys(&mut *tx).len(), 3);
    }

    /// Only the pieces named are written; a piece left empty is removed.
    #[test]
    fn writing_touches_only_the_pieces_named() {
        let store = MemoryStore::new();
        let mut tx = store.begin(TxMode::Write).unwrap();
        let pairs = [(10, 20), (PIECE_MINUTES + 5, PIECE_MINUTES + 9)];
        write_pieces(&mut *tx, "MIX", &pairs, &pieces_of(&pairs)).unwrap();
        assert_eq!(read_load(&mut *tx, "MIX").unwrap(), pairs);
        // The second interval is freed: only its piece is rewritten.
        tx.put_doc(CAPACITY_LOAD, "MIX 000000000000", &json!([1, 2]))
            .unwrap();
        write_pieces(&mut *tx, "MIX", &pairs[..1], &BTreeSet::from([1])).unwrap();
        assert_eq!(keys(&mut *tx), ["MIX 000000000000"]);
        assert_eq!(read_load(&mut *tx, "MIX").unwrap(), [(1, 2)]);
    }
}
