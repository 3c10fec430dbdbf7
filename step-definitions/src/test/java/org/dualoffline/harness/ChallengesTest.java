package org.dualoffline.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What gives a wallet's nonces away as foreseeable, and that draws of a real generator pass. */
class ChallengesTest {
    @Test
    void drawsOfASeededGeneratorAreNotForeseeable() {
        for (long seed = 1; seed <= 200; seed++) {
            assertThat(Challenges.foreseeable(random(seed, 24), null)).as("seed " + seed).isEmpty();
        }
    }

    @Test
    void aRepeatAfterAPowerLossIsForeseeable() {
        List<byte[]> nonces = random(7, 8);
        nonces.addAll(random(7, 8)); // the generator seeded the same at power-up
        assertThat(Challenges.foreseeable(nonces, null)).anyMatch(s -> s.startsWith("nonce 9 ") && s.endsWith("repeats an earlier one"));
    }

    @Test
    void zerosAndTheReadersOwnBytesAreForeseeable() {
        List<byte[]> nonces = random(3, 8);
        nonces.set(2, new byte[16]);
        byte[] sent = new byte[16];
        sent[0] = 0x5A;
        nonces.set(5, sent.clone());
        assertThat(Challenges.foreseeable(nonces, sent)).contains("nonce 3 (00000000000000000000000000000000) is all zeros",
                "nonce 6 (5a000000000000000000000000000000) is the 16 bytes the reader sent");
    }

    @Test
    void aCounterIsForeseeableInEitherByteOrder() {
        byte[] start = random(5, 1).get(0);
        List<byte[]> bigEndian = new ArrayList<>();
        List<byte[]> littleEndian = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            byte[] n = plus(start, i * 3L);
            bigEndian.add(n);
            littleEndian.add(reversed(n));
        }
        assertThat(Challenges.foreseeable(bigEndian, null)).anyMatch(s -> s.endsWith("a step of less than 2^32 from the nonce before it"));
        assertThat(Challenges.foreseeable(littleEndian, null)).anyMatch(s -> s.endsWith("a step of less than 2^32 from the nonce before it"));
    }

    @Test
    void aByteThatNeverChangesIsForeseeable() {
        List<byte[]> nonces = random(11, 8);
        nonces.forEach(n -> n[4] = 0x11);
        assertThat(Challenges.foreseeable(nonces, null)).containsExactly("byte 4 is 11 in every one of the 8 nonces");
    }

    private static List<byte[]> random(long seed, int count) {
        Random r = new Random(seed);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] n = new byte[16];
            r.nextBytes(n);
            out.add(n);
        }
        return out;
    }

    private static byte[] plus(byte[] n, long k) {
        byte[] sum = new BigInteger(1, n).add(BigInteger.valueOf(k)).mod(BigInteger.ONE.shiftLeft(128)).toByteArray();
        byte[] out = new byte[16];
        int from = Math.max(0, sum.length - 16);
        System.arraycopy(sum, from, out, 16 - (sum.length - from), sum.length - from);
        return out;
    }

    private static byte[] reversed(byte[] a) {
        byte[] r = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[a.length - 1 - i];
        }
        return r;
    }
}
