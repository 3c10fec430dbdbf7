package org.dualoffline.harness;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.restassured.specification.RequestSpecification;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;

/**
 * How long the harness waits for each answer of the backend under test: a vendor's backend that
 * takes a request and never answers fails the scenario that asked, with the reason, instead of
 * holding the certification forever. The same bound applies to connecting.
 */
final class AnswerDeadline implements Filter {
    /** Far above what any answer of a working backend takes, even on a loaded machine. */
    static final Duration DEFAULT = Duration.ofSeconds(30);

    private final Duration timeout;
    private final RestAssuredConfig config;

    AnswerDeadline(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a deadline for the backend's answers is a positive time, got " + timeout);
        }
        this.timeout = timeout;
        int millis = (int) timeout.toMillis();
        this.config = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.connection.timeout", millis).setParam("http.socket.timeout", millis));
    }

    /** {@code spec} waiting at most this long for its connection and its answer. */
    RequestSpecification applyTo(RequestSpecification spec) {
        return spec.config(config).filter(this);
    }

    @Override
    public Response filter(FilterableRequestSpecification req, FilterableResponseSpecification res, FilterContext ctx) {
        try {
            return ctx.next(req, res);
        } catch (Exception e) { // RestAssured rethrows the HTTP client's checked exceptions undeclared
            if (timedOut(e)) {
                throw new NoAnswerException("the backend at " + req.getBaseUri() + " did not answer " + req.getMethod() + " "
                        + URI.create(req.getURI()).getPath() + " within " + timeout.toSeconds() + " s");
            }
            throw e;
        }
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    /** The backend did not answer in time: the scenario that asked fails with this reason. */
    public static final class NoAnswerException extends RuntimeException {
        NoAnswerException(String message) {
            super(message);
        }
    }
}
