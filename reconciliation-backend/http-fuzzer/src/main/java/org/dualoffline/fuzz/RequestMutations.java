package org.dualoffline.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.BiFunction;

/** What the fuzzer does to a request's line and headers: paths, queries, methods, headers, framing. */
final class RequestMutations {
    static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "get",
            "Post", "FUZZ", "PROPFIND", "M-SEARCH", "GET\u0000", "G ET");
    static final List<String> CONTENT_TYPES = List.of("text/plain", "application/json; charset=ISO-8859-1", "application/jsonx",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/problem+json", "", "*/*", "json",
            "application/json;;", "APPLICATION/JSON", "application/json, text/plain", "application/json\u0000");

    static final List<BiFunction<FuzzRequest, Random, FuzzRequest>> ALL = List.of(
            RequestMutations::path, RequestMutations::path, RequestMutations::path,
            RequestMutations::walletIdInPath, RequestMutations::query, RequestMutations::query,
            (r, random) -> r.withMethod(Junk.pick(random, METHODS)),
            (r, random) -> r.withMethod(Junk.pick(random, METHODS)),
            RequestMutations::contentType, RequestMutations::header, RequestMutations::header, RequestMutations::header,
            RequestMutations::framing);

    private RequestMutations() {}

    static FuzzRequest path(FuzzRequest r, Random random) {
        String path = r.path();
        String query = r.target().substring(path.length());
        int at = random.nextInt(path.length() + 1);
        String changed = switch (random.nextInt(9)) {
            case 0 -> path.substring(0, at) + Junk.pick(random, Junk.TEXT) + path.substring(at);
            case 1 -> path + Junk.pick(random, List.of("/", "/%00", "/..", "/.", "//", "/x", ";", "%20", "~", "/" + Junk.pick(random, Junk.TEXT)));
            case 2 -> path.replaceFirst("/v1/", Junk.pick(random, List.of("/v1/../v1/", "/v1/./", "/v1//", "//v1/", "/V1/", "/v2/", "/v1/%2e/",
                    "/x/../v1/", "/v1%2f", "/")));
            case 3 -> path + "/" + "a".repeat(Junk.pick(random, List.of(1_000, 7_000, 9_000, 70_000)));
            case 4 -> path.toUpperCase(Locale.ROOT);
            case 5 -> percentEncodeOne(path, random);
            case 6 -> Junk.pick(random, List.of("*", "http://" + r.headerValues("Host").stream().findFirst().orElse("x") + path, "", "v1/health",
                    "/" + FuzzRequest.latin1("\u00e9\u4e2d\ud83d\ude00"), "/%ff%fe", "/v1/wallets/%00/deposits", "/v1/audit%00", "/v1/audit/..",
                    "/v1/wallets/x/../../audit", "/v1/wallets/..%2f..%2faudit", "/v1/health/../audit"));
            case 7 -> path + "#" + Junk.pick(random, Junk.TEXT);
            default -> randomPath(random);
        };
        return r.withTarget(changed + query).withLabel("path");
    }

    static FuzzRequest walletIdInPath(FuzzRequest r, Random random) {
        String variant = Junk.pick(random, List.of("00000000DEADBEEF", "000000000000001", "00000000000000001", "-000000000000001",
                "0x00000000000001", "ffffffffffffffff", "00000000deadbeef", "0000000000000000", "%20000000000000001", "000000000000000%0a",
                "%30000000000000001", "abcdefghijklmnop", "0000000000000001;x", FuzzRequest.latin1("\u0660".repeat(16))));
        return r.withTarget(r.target().replaceFirst("/wallets/[0-9a-f]{16}", "/wallets/" + variant)).withLabel("path: wallet id");
    }

    static FuzzRequest query(FuzzRequest r, Random random) {
        String q = Junk.pick(random, List.of("walletId=", "walletId=00000000deadbeef", "walletId=xyz", "walletId=%00", "after=-1", "after=",
                "after=99999999999999999999", "after=1.5", "after=0&after=5", "walletId=0000000000000001&walletId=0000000000000002",
                "a=" + "b".repeat(10_000), "%zz=1", "=", "&&&", "x", "walletId=" + Junk.pick(random, Junk.TEXT), Junk.pick(random, Junk.TEXT),
                "after=" + FuzzRequest.latin1("\u0661"), "access_token=x"));
        String path = r.path();
        return r.withTarget(path + (random.nextBoolean() || !r.target().contains("?") ? "?" + q : r.target().substring(path.length()) + "&" + q))
                .withLabel("query");
    }

    static FuzzRequest contentType(FuzzRequest r, Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> r.withoutHeader("Content-Type").withLabel("headers: no content type");
            case 1 -> r.replacingHeader("Content-Type", Junk.pick(random, CONTENT_TYPES)).withLabel("headers: content type");
            default -> r.withHeader("Content-Type", Junk.pick(random, CONTENT_TYPES)).withLabel("headers: two content types");
        };
    }

    static FuzzRequest header(FuzzRequest r, Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> r.withHeader("X-Fuzz", "v".repeat(Junk.pick(random, List.of(4_000, 8_000, 9_000, 70_000)))).withLabel("headers: huge");
            case 1 -> r.withHeader("X-Fuzz", "a" + Junk.pick(random, List.of("\u0000", "\u0001", "\u007f", "\u00ff", "\r", "\u000b")) + "b")
                    .withLabel("headers: control character");
            case 2 -> r.withHeader(Junk.pick(random, List.of("No-Colon", "Bad Name", "", "X\u0000", ":", "X-\u00e9")), random.nextBoolean() ? null : "v")
                    .withLabel("headers: malformed line");
            case 3 -> r.withHeader("X-Fuzz", FuzzRequest.latin1("\u00e9\u4e2d\ud83d\ude00")).withLabel("headers: UTF-8 value");
            case 4 -> many(r, random);
            case 5 -> r.withHeader("Expect", "100-continue").withLabel("headers: expect");
            case 6 -> r.replacingHeader("Accept", Junk.pick(random, List.of("text/html", "application/xml", "*/*", "text/plain", "image/png")))
                    .withLabel("headers: accept");
            case 7 -> r.withHeader("Connection", "close").withLabel("headers: connection close");
            case 8 -> r.withHeader("Content-Encoding", Junk.pick(random, List.of("gzip", "br", "identity", "x"))).withLabel("headers: encoding");
            case 9 -> r.withoutHeader("Host").withLabel("headers: no host");
            case 10 -> r.withHeader("Host", Junk.pick(random, List.of("evil.example", "", "a b", "[::1"))).withLabel("headers: two hosts");
            default -> r.withHeader(Junk.pick(random, List.of("X-Forwarded-For", "X-Real-IP", "Forwarded", "X-HTTP-Method-Override", "Cookie",
                    "Range", "If-None-Match", "Origin")), Junk.pick(random, Junk.TEXT)).withLabel("headers: extra");
        };
    }

    /** Framing: chunked bodies, bodies shorter or longer than Content-Length says, transfer codings. Sent alone on a connection. */
    static FuzzRequest framing(FuzzRequest r, Random random) {
        byte[] body = r.body() == null ? "{}".getBytes(StandardCharsets.UTF_8) : r.body();
        return switch (random.nextInt(5)) {
            case 0 -> r.withoutHeader("Content-Length").withHeader("Transfer-Encoding", "chunked").withBody(chunked(body, random))
                    .withLabel("framing: chunked");
            case 1 -> r.withHeader("Content-Length", Integer.toString(random.nextInt(body.length + 1))).withBody(body)
                    .withLabel("framing: Content-Length shorter than the body");
            case 2 -> r.withHeader("Transfer-Encoding", Junk.pick(random, List.of("gzip", "chunked, gzip", "identity", "x"))).withBody(body)
                    .withLabel("framing: transfer coding");
            case 3 -> r.withHeader("Content-Length", Integer.toString(body.length)).withHeader("Transfer-Encoding", "chunked")
                    .withBody(chunked(body, random)).withLabel("framing: Content-Length and chunked");
            default -> r.withHeader("Content-Length", Junk.pick(random, List.of("-1", "abc", "1 1", "+5", "99999999999999999999", "0x10")))
                    .withBody(body).withLabel("framing: Content-Length not a length");
        };
    }

    private static FuzzRequest many(FuzzRequest r, Random random) {
        FuzzRequest m = r;
        int n = Junk.pick(random, List.of(50, 150, 400));
        for (int i = 0; i < n; i++) {
            m = m.withHeader("X-F" + i, "v");
        }
        return m.withLabel("headers: many");
    }

    private static byte[] chunked(byte[] body, Random random) {
        StringBuilder sb = new StringBuilder();
        String text = new String(body, StandardCharsets.ISO_8859_1);
        for (int i = 0; i < text.length(); ) {
            int n = Math.min(text.length() - i, 1 + random.nextInt(64));
            sb.append(Integer.toHexString(n)).append("\r\n").append(text, i, i + n).append("\r\n");
            i += n;
        }
        return sb.append("0\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String percentEncodeOne(String path, Random random) {
        int at = 1 + random.nextInt(Math.max(1, path.length() - 1));
        return at >= path.length() ? path : path.substring(0, at) + String.format("%%%02X", (int) path.charAt(at)) + path.substring(at + 1);
    }

    private static String randomPath(Random random) {
        ApiRoutes.Route route = Junk.pick(random, ApiRoutes.ROUTES);
        return route.template().replace("{walletId}", Junk.pick(random, List.of("0000000000000001", "x", "%00", "..", "")));
    }
}
