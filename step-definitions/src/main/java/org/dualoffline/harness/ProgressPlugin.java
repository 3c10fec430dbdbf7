package org.dualoffline.harness;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.TestCaseFinished;
import java.util.concurrent.atomic.AtomicInteger;

/** One line per finished scenario on stderr, so a long certification shows its progress. */
public final class ProgressPlugin implements ConcurrentEventListener {
    private final AtomicInteger done = new AtomicInteger();

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestCaseFinished.class, e -> {
            String status = e.getResult().getStatus().name();
            System.err.printf("  %3d %-7s %s (%d ms)%n", done.incrementAndGet(), status, e.getTestCase().getName(),
                    e.getResult().getDuration().toMillis());
            if (e.getResult().getError() != null && !"PASSED".equals(status)) {
                System.err.println("          " + String.valueOf(e.getResult().getError().getMessage()).lines().findFirst().orElse(""));
            }
        });
    }
}
