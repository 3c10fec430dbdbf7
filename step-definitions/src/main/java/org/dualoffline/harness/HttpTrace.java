package org.dualoffline.harness;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.util.ArrayList;
import java.util.List;

/** Every HTTP exchange of one scenario with the backend, as evidence; the operator token is masked. */
public final class HttpTrace implements Filter {
    /** One request and its response. */
    public record Exchange(int seq, String method, String uri, String requestBody, int status, String responseBody, long millis) {}

    /** The status of an exchange the backend never answered. */
    public static final int NO_ANSWER = -1;

    private final List<Exchange> exchanges = new ArrayList<>();
    private final boolean recording;

    /** A trace that records every exchange (a scenario's evidence). */
    public HttpTrace() {
        this(true);
    }

    private HttpTrace(boolean recording) {
        this.recording = recording;
    }

    /**
     * A trace that records nothing, for traffic no report shows exchange by exchange (a simulated
     * town's thousands of wallets): requests through it run concurrently, unserialised.
     */
    public static HttpTrace notRecording() {
        return new HttpTrace(false);
    }

    @Override
    public Response filter(FilterableRequestSpecification req, FilterableResponseSpecification res, FilterContext ctx) {
        if (!recording) {
            return ctx.next(req, res);
        }
        synchronized (this) {
            long t0 = System.nanoTime();
            Object body = req.getBody();
            Response response;
            try {
                response = ctx.next(req, res);
            } catch (AnswerDeadline.NoAnswerException e) {
                exchanges.add(new Exchange(exchanges.size() + 1, req.getMethod(), req.getURI(), body == null ? "" : body.toString(),
                        NO_ANSWER, "(no answer: " + e.getMessage() + ")", (System.nanoTime() - t0) / 1_000_000));
                throw e;
            }
            exchanges.add(new Exchange(exchanges.size() + 1, req.getMethod(), req.getURI(), body == null ? "" : body.toString(),
                    response.getStatusCode(), response.getBody().asString(), (System.nanoTime() - t0) / 1_000_000));
            return response;
        }
    }

    public synchronized List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    public synchronized String render() {
        StringBuilder sb = new StringBuilder("# HTTP exchanges with the reconciliation backend\n");
        for (Exchange e : exchanges) {
            sb.append(String.format("%n%3d %s %s  (%d ms)%n", e.seq(), e.method(), e.uri(), e.millis()));
            if (!e.requestBody().isEmpty()) {
                sb.append("    > ").append(e.requestBody().replace("\n", "\n    > ")).append('\n');
            }
            sb.append("    < ").append(e.status()).append(' ').append(e.responseBody().replace("\n", "\n    < ")).append('\n');
        }
        return sb.toString();
    }
}
