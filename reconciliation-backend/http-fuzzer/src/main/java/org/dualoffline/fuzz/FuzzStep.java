package org.dualoffline.fuzz;

/**
 * One move of the fuzzer: the request, and how it is sent.
 *
 * @param request   the mutated request
 * @param primer    a valid request sent first on the same connection (the right token before a near miss), or null
 * @param isolated  sent on a connection of its own, closed after the first answer: its bytes may hold more than one request
 * @param tokenOnly only the Authorization header differs from a valid request: an operator path must answer exactly 401
 */
public record FuzzStep(FuzzRequest request, FuzzRequest primer, boolean isolated, boolean tokenOnly) {

    static FuzzStep of(FuzzRequest request) {
        String head = request.method() + request.target() + request.version()
                + request.headers().stream().map(h -> h.name() + h.value()).reduce("", String::concat);
        boolean emptyName = request.headers().stream().anyMatch(h -> h.name().isEmpty());
        return new FuzzStep(request, null, head.indexOf('\r') >= 0 || head.indexOf('\n') >= 0 || emptyName
                || request.label().startsWith("framing"), false);
    }

    FuzzStep isolatedStep() {
        return new FuzzStep(request, primer, true, tokenOnly);
    }
}
