package org.dualoffline.applet;

import static org.assertj.core.api.Assertions.assertThat;

import org.dualoffline.protocol.Sw;

/** Status word assertions that read as names: "expected 6911 LIMIT_SINGLE but was 9000 OK". */
final class ApduAssert {

    private ApduAssert() {
    }

    static Response assertSw(Response response, int expectedSw) {
        assertThat(Sw.describe(response.sw()))
                .as("status word of %s", response)
                .isEqualTo(Sw.describe(expectedSw));
        return response;
    }

    static Response assertOk(Response response) {
        return assertSw(response, Sw.OK);
    }

    /** 63Cx: wrong PIN with x tries left. */
    static int pinWrong(int triesLeft) {
        return 0x63C0 | triesLeft;
    }
}
