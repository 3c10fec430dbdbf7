package org.dualoffline.backend.model;

/**
 * Raw generated material for one step, read by {@link HistoryBuilder} against the devices so far:
 * {@code device} and {@code other} pick devices (modulo their number), {@code amount} an amount,
 * {@code mode}, {@code p} and {@code q} which entries an upload takes. Every field shrinks
 * towards 0 and the kind towards {@link Kind#UPLOAD}.
 */
record Action(Kind kind, int device, int other, int amount, int mode, int p, int q) {

    enum Kind {
        UPLOAD, PAY, FUND, UNLOAD, CONCURRENT_UPLOADS,
        /**
         * adversarial: a cloned SE; an SE and its clone both paying (a double spend when at one
         * counter); a broken SE that signs beyond its balance, receives a PAY entry twice or
         * redeems a load token twice
         */
        CLONE, DOUBLE_SPEND, OVERSPEND_PAY, OVERSPEND_UNLOAD, RECEIVE_AGAIN, REUSE_LOAD_TOKEN
    }
}
