package org.dualoffline.harness;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Request bodies keep one field order on every JVM, so that the HTTP evidence is the same for a
 * seed (Map.of, which the limits renewal and the blocklist request used, iterates in an order
 * salted per JVM).
 */
class ApiRequestsTest {
    @Test
    void aLimitsRenewalSendsOnlyTheLimitsGivenInTheEnrolmentsOrder() {
        assertThat(ApiRequests.limitsRenewal(LimitsRenewal.singlePaymentAndPinFree(5_000)))
                .containsExactly(entry("maxSingle", 5_000L), entry("pinFreeThreshold", 5_000L));
        assertThat(ApiRequests.limitsRenewal(new LimitsRenewal(1L, 2L, 3L, 4L, 5L)).keySet())
                .containsExactly("maxSingle", "maxCumulative", "maxCount", "holdingCap", "pinFreeThreshold");
    }

    @Test
    void aBlocklistRequestNamesTheWalletFirstThenWhy() {
        assertThat(ApiRequests.blocklist("000000000000008a", "reported stolen"))
                .containsExactly(entry("walletId", "000000000000008a"), entry("detail", "reported stolen"));
    }
}
