package org.dualoffline.se;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The trace keeps its notes where they were made among the exchanges, and renders them there. */
class ApduTraceTest {
    private static final byte[] SELECT = {0x00, (byte) 0xA4, 0x04, 0x00, 0x01, (byte) 0xF0};
    private static final byte[] GET_STATUS = {(byte) 0x80, 0x10, 0x00, 0x00, 0x00};

    private static ApduTrace payment() {
        ApduTrace trace = new ApduTrace("Wei pays Ming");
        trace.note("field on: Ming's POS powers the field");
        trace.record("Wei SE", "nfc", "SELECT", SELECT, new byte[] {(byte) 0x90, 0x00}, 10, null);
        trace.note("Wei: selected");
        trace.note("Wei: status next");
        trace.record("Wei SE", "nfc", "GET STATUS", GET_STATUS, new byte[] {0x01, 0x02, 0x69, 0x11}, 20, null);
        trace.record("Ming SE", "internal", "GET STATUS", GET_STATUS, null, 30, null);
        trace.note("field off: torn");
        return trace;
    }

    @Test
    void eachNoteRemembersHowManyExchangesCameBeforeIt() {
        assertThat(payment().notes()).containsExactly(
                new ApduTrace.Note(0, "field on: Ming's POS powers the field"),
                new ApduTrace.Note(1, "Wei: selected"),
                new ApduTrace.Note(1, "Wei: status next"),
                new ApduTrace.Note(3, "field off: torn"));
    }

    @Test
    void theRenderedTraceShowsTheNotesBetweenTheExchangesTheyFollow() {
        assertThat(payment().render()).isEqualTo(String.join("\n", List.of(
                "# APDU trace: Wei pays Ming",
                "    -- field on: Ming's POS powers the field",
                "  1 Wei SE                 nfc      SELECT           >> 00 A4 04 00 01 F0",
                "                                                     << 9000 OK",
                "    -- Wei: selected",
                "    -- Wei: status next",
                "  2 Wei SE                 nfc      GET STATUS       >> 80 10 00 00 00",
                "                                                     << 01 02 6911 LIMIT_SINGLE",
                "  3 Ming SE                internal GET STATUS       >> 80 10 00 00 00",
                "                                                     << (no response)",
                "    -- field off: torn",
                "")));
    }
}
