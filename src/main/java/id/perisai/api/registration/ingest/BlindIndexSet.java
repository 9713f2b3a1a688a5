package id.perisai.api.registration.ingest;

/**
 * The NIKs seen so far in one batch, by blind index, with the index of the record each was first seen at: a compact
 * open-addressing table (three primitive arrays) so that even a batch of a million records needs a few tens of
 * megabytes. A blind index is an HMAC-SHA256 value; its first 128 bits identify it (a collision among a million values
 * has a probability near 10⁻²⁷).
 */
final class BlindIndexSet {

    private long[] high = new long[1024];
    private long[] low = new long[1024];
    private int[] first = new int[1024];
    private int size;

    /** Remembers the key at this record index; returns the index it was first seen at, or -1 if it is new. */
    int putIfAbsent(byte[] key, int index) {
        long h = bytes(key, 0);
        long l = bytes(key, 8);
        if ((size + 1) * 2 > first.length) {
            grow();
        }
        int mask = first.length - 1;
        int slot = (int) (l ^ (l >>> 32)) & mask;
        while (first[slot] != 0) {
            if (high[slot] == h && low[slot] == l) {
                return first[slot];
            }
            slot = (slot + 1) & mask;
        }
        high[slot] = h;
        low[slot] = l;
        first[slot] = index;
        size++;
        return -1;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] oldHigh = high;
        long[] oldLow = low;
        int[] oldFirst = first;
        high = new long[oldFirst.length * 2];
        low = new long[oldFirst.length * 2];
        first = new int[oldFirst.length * 2];
        int mask = first.length - 1;
        for (int i = 0; i < oldFirst.length; i++) {
            if (oldFirst[i] != 0) {
                int slot = (int) (oldLow[i] ^ (oldLow[i] >>> 32)) & mask;
                while (first[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                high[slot] = oldHigh[i];
                low[slot] = oldLow[i];
                first[slot] = oldFirst[i];
            }
        }
    }

    private static long bytes(byte[] b, int from) {
        long v = 0;
        for (int i = from; i < from + 8; i++) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }
}
