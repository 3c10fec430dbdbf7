package org.dualoffline.fuzz;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What every answer of a backend must be, whatever it was sent (protocol spec v1 section 7):
 * 2xx or 4xx, never a 5xx or no answer; every 4xx an {@code application/problem+json} object
 * with type, title, status (the answer's own) and detail, and 405 with {@code Allow}, 401 with
 * {@code WWW-Authenticate}; no Java package, class, exception or library name in an error or in
 * any header; no 2xx to a body that is not one JSON value (content after it, a key twice); and no
 * 2xx without the operator token except on the open routes. A near miss of
 * the token on an otherwise valid operator request is exactly 401 (or 400 when the token is not
 * even a valid header value).
 */
final class Oracle {
    /** Names that betray the implementation, checked only when the request itself did not carry them. */
    static final List<String> INTERNAL_NAMES = List.of("org.", "java.", "javax.", "jakarta.", "com.fasterxml", "$", "exception", "jackson",
            "fail_on_", "feature", "jetty", "javalin", "\tat ", "caused by", "stacktrace", "hibernate", "springframework", "sqlstate", "psql",
            "h2 database", "nullpointer");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper STRICT = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final String token;

    Oracle(String token) {
        this.token = token;
    }

    /** The rules {@code response} breaks as the answer to {@code step}; empty when it keeps them all. */
    List<String> judge(FuzzStep step, RawResponse response) {
        FuzzRequest request = step.request();
        List<String> broken = new ArrayList<>();
        int status = response.status();
        if (status >= 500) {
            broken.add("a " + status + " answer, so the backend failed");
        } else if (status < 200 || (status >= 300 && status < 400)) {
            broken.add("a " + status + " answer, neither 2xx nor 4xx");
        }
        if (status >= 200 && status < 300 && !carriesTheToken(request) && !ApiRoutes.openWithoutToken(request)) {
            broken.add("a " + status + " answer without the operator token, to a request no open route serves");
        }
        if (status >= 200 && status < 300 && !isOneJsonObject(request)) {
            broken.add("a " + status + " answer to a body that is not one JSON object (content after it, a key twice, or not JSON)");
        }
        if (step.tokenOnly() && !carriesTheToken(request) && ApiRoutes.operatorPath(request.path()) && status != 401 && status != 400) {
            broken.add("a " + status + " answer to a near miss of the operator token (expected 401)");
        }
        if (status >= 400) {
            broken.addAll(problemRules(request, response));
        }
        String requestText = new String(request.bytes(), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        String answerText = (response.head() + "\n" + (status >= 400 ? response.text() : "")).toLowerCase(Locale.ROOT);
        for (String name : INTERNAL_NAMES) {
            if (answerText.contains(name) && !requestText.contains(name)) {
                broken.add("the answer names \"" + name + "\", a name of the implementation");
            }
        }
        return broken;
    }

    private List<String> problemRules(FuzzRequest request, RawResponse response) {
        List<String> broken = new ArrayList<>();
        int status = response.status();
        if (!response.mediaType().equals("application/problem+json")) {
            broken.add("a " + status + " answer of type \"" + response.mediaType() + "\", not application/problem+json");
        }
        if (status == 405 && response.header("Allow") == null) {
            broken.add("a 405 answer without an Allow header");
        }
        if (status == 401 && response.header("WWW-Authenticate") == null) {
            broken.add("a 401 answer without a WWW-Authenticate header");
        }
        if (request.isHead() || !response.mediaType().equals("application/problem+json")) {
            return broken;
        }
        try {
            JsonNode p = JSON.readTree(response.body());
            if (p == null || !p.isObject() || !p.path("type").isTextual() || !p.path("title").isTextual() || !p.path("detail").isTextual()
                    || p.path("status").asInt() != status) {
                broken.add("a problem body without type, title and detail, or with another status than the answer's");
            }
        } catch (IOException e) {
            broken.add("a problem body that is not JSON");
        }
        return broken;
    }

    /** True unless the request is a POST or PUT whose body, sent plainly, is not one well-formed JSON value alone with each key once. */
    static boolean isOneJsonObject(FuzzRequest request) {
        boolean write = request.method().equals("POST") || request.method().equals("PUT");
        if (!write || request.body() == null || request.body().length == 0 || !request.headerValues("Transfer-Encoding").isEmpty()
                || !request.headerValues("Content-Length").isEmpty()) {
            return true;
        }
        try (JsonParser p = STRICT.createParser(request.body())) {
            STRICT.readTree(p);
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    /** Exactly one Authorization header, the Bearer scheme (any case), and the token, whitespace around it aside. */
    boolean carriesTheToken(FuzzRequest request) {
        List<String> values = request.headerValues("Authorization");
        if (values.size() != 1) {
            return false;
        }
        String v = values.get(0).strip();
        return v.regionMatches(true, 0, "Bearer ", 0, 7) && v.substring(7).strip().equals(token);
    }
}
