//! Offset maps from normalised text back to the original text.
//!
//! Every normalisation step (HTML reduction, mojibake repair, pinyin stripping,
//! script conversion, width folding) is written as a sequence of *pieces*: a run
//! of output that is either a verbatim copy of the step's input or a replacement
//! standing for a span of it. Composing the steps' maps gives, for any span of the
//! final text, the span of the original it came from. This is what lets every
//! extracted fact point at the characters it was read from.
//!
//! Takes: the pieces a step emits. Gives: [`OffsetMap`] with `start`/`end` lookups.
//! Never: looks at the text itself; it only knows byte offsets.

/// One run of output text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    /// Byte offset of the run in the output text.
    out: usize,
    /// Byte offset in the input text that the run starts at.
    src: usize,
    /// Length in bytes of the input span it stands for.
    src_len: usize,
    /// A copy maps byte for byte; a replacement maps every byte to its whole source span.
    copy: bool,
}

/// Maps byte offsets of a derived text to byte offsets of the text it came from.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    pieces: Vec<Piece>,
    out_len: usize,
}

impl OffsetMap {
    /// The identity map of a text of `len` bytes.
    pub fn identity(len: usize) -> Self {
        let mut map = OffsetMap::default();
        map.push_copy(0, len);
        map
    }

    /// Whether the map sends every offset to itself (the map of an unchanged text).
    pub fn is_identity(&self) -> bool {
        match self.pieces.as_slice() {
            [] => true,
            [p] => p.copy && p.src == 0 && p.out == 0,
            _ => false,
        }
    }

    /// Length of the derived text this map covers.
    pub fn out_len(&self) -> usize {
        self.out_len
    }

    /// Appends `len` output bytes copied from input offset `src`.
    pub fn push_copy(&mut self, src: usize, len: usize) {
        if len == 0 {
            return;
        }
        // Merge with the previous piece when it continues it, so that long
        // unchanged runs cost one piece.
        if let Some(last) = self.pieces.last_mut()
            && last.copy
            && last.src + last.src_len == src
            && last.out + last.src_len == self.out_len
        {
            last.src_len += len;
            self.out_len += len;
            return;
        }
        self.pieces.push(Piece { out: self.out_len, src, src_len: len, copy: true });
        self.out_len += len;
    }

    /// Appends `out_len` output bytes that stand for input bytes `src..src + src_len`.
    pub fn push_replace(&mut self, src: usize, src_len: usize, out_len: usize) {
        if out_len == 0 {
            return;
        }
        self.pieces.push(Piece { out: self.out_len, src, src_len, copy: false });
        self.out_len += out_len;
    }

    fn piece_at(&self, pos: usize) -> Option<&Piece> {
        let idx = self.pieces.partition_point(|p| p.out <= pos);
        idx.checked_sub(1).and_then(|i| self.pieces.get(i))
    }

    fn piece_end(&self, idx: usize) -> usize {
        self.pieces.get(idx + 1).map_or(self.out_len, |p| p.out)
    }

    /// Input offset where the output byte at `pos` comes from.
    pub fn start(&self, pos: usize) -> usize {
        match self.piece_at(pos) {
            Some(p) if p.copy => p.src + (pos - p.out).min(p.src_len),
            Some(p) => p.src,
            None => 0,
        }
    }

    /// Input offset just past the source of the output byte before `pos`
    /// (the end of a span that ends at `pos`).
    pub fn end(&self, pos: usize) -> usize {
        if pos == 0 {
            return self.start(0);
        }
        match self.piece_at(pos - 1) {
            Some(p) if p.copy => p.src + (pos - p.out).min(p.src_len),
            Some(p) => p.src + p.src_len,
            None => 0,
        }
    }

    /// Maps through `inner` as well: `self` maps text C to B, `inner` maps B to A;
    /// the result maps C to A.
    pub fn compose(&self, inner: &OffsetMap) -> OffsetMap {
        let mut out = OffsetMap::default();
        for (i, p) in self.pieces.iter().enumerate() {
            let out_end = self.piece_end(i);
            if p.copy {
                // Split the copied run along the inner map's pieces.
                let mut pos = p.src;
                let end = p.src + p.src_len;
                while pos < end {
                    let Some(ip_idx) = inner.pieces.partition_point(|q| q.out <= pos).checked_sub(1) else {
                        break;
                    };
                    let Some(ip) = inner.pieces.get(ip_idx) else { break };
                    let ip_end = inner.piece_end(ip_idx).min(end);
                    let run = ip_end.saturating_sub(pos);
                    if run == 0 {
                        break;
                    }
                    if ip.copy {
                        out.push_copy(ip.src + (pos - ip.out), run);
                    } else {
                        out.push_replace(ip.src, ip.src_len, run);
                    }
                    pos += run;
                }
            } else {
                let s = inner.start(p.src);
                let e = inner.end(p.src + p.src_len).max(s);
                out.push_replace(s, e - s, out_end - p.out);
            }
        }
        out
    }
}

/// Builds a derived text together with its [`OffsetMap`].
#[derive(Debug, Default)]
pub struct MappedBuilder {
    /// The text built so far.
    pub text: String,
    /// Its map back to the input.
    pub map: OffsetMap,
}

impl MappedBuilder {
    /// An empty builder with room for `cap` bytes.
    pub fn with_capacity(cap: usize) -> Self {
        MappedBuilder { text: String::with_capacity(cap), map: OffsetMap::default() }
    }

    /// Appends `s`, an unchanged copy of the input at `src`.
    pub fn copy(&mut self, s: &str, src: usize) {
        self.text.push_str(s);
        self.map.push_copy(src, s.len());
    }

    /// Appends `s`, which replaces input bytes `src..src + src_len`.
    pub fn replace(&mut self, s: &str, src: usize, src_len: usize) {
        self.text.push_str(s);
        self.map.push_replace(src, src_len, s.len());
    }

    /// Appends one character standing for input bytes `src..src + src_len`;
    /// a copy when the input there is that same character.
    pub fn push_char(&mut self, c: char, src: usize, src_len: usize, same: bool) {
        let mut buf = [0u8; 4];
        let s = c.encode_utf8(&mut buf);
        if same {
            self.copy(s, src);
        } else {
            self.replace(s, src, src_len);
        }
    }

    /// The text and its map.
    pub fn finish(self) -> (String, OffsetMap) {
        (self.text, self.map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_maps_to_itself() {
        let m = OffsetMap::identity(10);
        assert_eq!(m.start(3), 3);
        assert_eq!(m.end(7), 7);
    }

    #[test]
    fn replacement_maps_to_whole_source() {
        // "ab&amp;c" -> "ab&c"
        let mut b = MappedBuilder::default();
        b.copy("ab", 0);
        b.replace("&", 2, 5);
        b.copy("c", 7);
        let (text, m) = b.finish();
        assert_eq!(text, "ab&c");
        assert_eq!(m.start(2), 2);
        assert_eq!(m.end(3), 7);
        assert_eq!(m.start(3), 7);
        assert_eq!(m.end(4), 8);
    }

    #[test]
    fn composition_follows_both_maps() {
        // A = "xx<b>hello</b>", B = "hello" (copy of 5..10), C = "ell" (copy of B 1..4)
        let mut inner = OffsetMap::default();
        inner.push_copy(5, 5);
        let mut outer = OffsetMap::default();
        outer.push_copy(1, 3);
        let m = outer.compose(&inner);
        assert_eq!(m.start(0), 6);
        assert_eq!(m.end(3), 9);
    }

    #[test]
    fn composing_with_the_identity_changes_nothing() {
        let mut outer = OffsetMap::default();
        outer.push_copy(0, 2);
        outer.push_replace(2, 3, 1);
        outer.push_copy(5, 4);
        let composed = outer.compose(&OffsetMap::identity(9));
        assert!(OffsetMap::identity(9).is_identity());
        assert!(!outer.is_identity());
        for pos in 0..=outer.out_len() {
            assert_eq!((composed.start(pos), composed.end(pos)), (outer.start(pos), outer.end(pos)));
        }
        assert_eq!(composed.pieces, outer.pieces);
    }

    #[test]
    fn composition_through_replacement() {
        let mut inner = OffsetMap::default();
        inner.push_copy(0, 2);
        inner.push_replace(2, 5, 1);
        inner.push_copy(7, 3);
        let outer = OffsetMap::identity(6);
        let m = outer.compose(&inner);
        assert_eq!(m.start(2), 2);
        assert_eq!(m.end(3), 7);
        assert_eq!(m.start(3), 7);
        assert_eq!(m.end(6), 10);
    }
}
