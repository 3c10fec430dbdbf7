package org.dualoffline.fuzz;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The routes of protocol spec v1 section 7 as any backend under test must serve them: which
 * paths are the operator's, which are open (health, issuer, the API description, a wallet's
 * upload). The fuzzer's judge of who may get a 2xx answer.
 */
public final class ApiRoutes {
    /** One route: method, path template ({walletId} for a path segment), and whether it needs the operator token. */
    public record Route(String method, String template, boolean operator) {
        Pattern pattern() {
            return Pattern.compile(String.join("[^/]+", Arrays.stream(template.split("\\{walletId}", -1)).map(Pattern::quote).toList())
                    + "/?", Pattern.CASE_INSENSITIVE);
        }
    }

    public static final List<Route> ROUTES = List.of(
            new Route("GET", "/v1/health", false),
            new Route("GET", "/v1/issuer", false),
            new Route("GET", "/v1/openapi.json", false),
            new Route("POST", "/v1/wallets", true),
            new Route("GET", "/v1/wallets/{walletId}", true),
            new Route("POST", "/v1/wallets/{walletId}/deposits", true),
            new Route("POST", "/v1/wallets/{walletId}/load-tokens", true),
            new Route("POST", "/v1/wallets/{walletId}/sync", false),
            new Route("PUT", "/v1/wallets/{walletId}/limits", true),
            new Route("GET", "/v1/wallets/{walletId}/exposure", true),
            new Route("GET", "/v1/payments", true),
            new Route("POST", "/v1/blocklist", true),
            new Route("GET", "/v1/blocklist", true),
            new Route("GET", "/v1/audit", true));

    private static final Map<Route, Pattern> PATTERNS = ROUTES.stream().collect(Collectors.toMap(r -> r, Route::pattern));

    private ApiRoutes() {}

    /**
     * True when a request may be answered 2xx without the operator token: its method is the one an
     * open route serves (HEAD with GET) and its path, with dot segments and repeated slashes
     * removed and unreserved characters decoded, is that route's. Anything else answered 2xx
     * without the token reached what only the operator may reach.
     */
    public static boolean openWithoutToken(FuzzRequest request) {
        String method = request.method().toUpperCase(Locale.ROOT);
        String path = normalized(request.path());
        for (Route r : ROUTES) {
            boolean methodServed = r.method().equals(method) || (method.equals("HEAD") && r.method().equals("GET"));
            if (!r.operator() && methodServed && PATTERNS.get(r).matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }

    /** True when the path, normalized, is one that an operator route serves (whatever the method). */
    public static boolean operatorPath(String rawPath) {
        String path = normalized(rawPath);
        boolean operator = ROUTES.stream().filter(Route::operator).anyMatch(r -> PATTERNS.get(r).matcher(path).matches());
        return operator && ROUTES.stream().filter(r -> !r.operator()).noneMatch(r -> PATTERNS.get(r).matcher(path).matches());
    }

    /** The path as a lenient server may read it: unreserved characters decoded, "." and ".." segments applied, "//" as "/". */
    static String normalized(String rawPath) {
        String path = decodeUnreserved(rawPath.startsWith("http://") || rawPath.startsWith("https://")
                ? rawPath.replaceFirst("^https?://[^/]*", "") : rawPath);
        String[] segments = path.split("/+", -1);
        ArrayDeque<String> kept = new ArrayDeque<>();
        for (String s : segments) {
            if (s.equals("..")) {
                kept.pollLast();
            } else if (!s.equals(".") && !s.isEmpty()) {
                kept.addLast(s);
            }
        }
        return "/" + String.join("/", kept) + (path.endsWith("/") && !kept.isEmpty() ? "/" : "");
    }

    private static String decodeUnreserved(String path) {
        StringBuilder sb = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length() && isHex(path.charAt(i + 1)) && isHex(path.charAt(i + 2))) {
                char decoded = (char) Integer.parseInt(path.substring(i + 1, i + 3), 16);
                if (Character.isLetterOrDigit(decoded) && decoded < 0x80 || "-._~".indexOf(decoded) >= 0) {
                    sb.append(decoded);
                    i += 2;
                    continue;
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
