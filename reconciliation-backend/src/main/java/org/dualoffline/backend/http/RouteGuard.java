package org.dualoffline.backend.http;

import io.javalin.config.RouterConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.matcher.PathParser;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dualoffline.backend.BackendException;

/**
 * Runs before every request, whatever its method, and decides by the request's PATH which routes
 * it addresses (with Javalin's own path matching, so both agree on every path): a path of an
 * operator route needs the operator token for every method, also the ones no route serves (HEAD,
 * OPTIONS, TRACE, unknown methods); then a method the path does not serve is 405 with
 * {@code Allow}, and a path whose percent-encoding does not decode is 400 (Javalin's decoding of
 * a path parameter threw: a 500). A path of no route goes on to Javalin's 404.
 */
public final class RouteGuard {
    private final Map<ApiRoute, PathParser> routes;
    private final OperatorAuth auth;

    public RouteGuard(List<ApiRoute> routes, RouterConfig router, OperatorAuth auth) {
        this.routes = routes.stream().collect(Collectors.toMap(Function.identity(), r -> new PathParser(r.path(), router),
                (a, b) -> a, java.util.LinkedHashMap::new));
        this.auth = auth;
    }

    public void check(Context ctx) {
        String path = ctx.path().substring(Math.min(ctx.contextPath().length(), ctx.path().length()));
        HandlerType method = ctx.method();
        boolean addressed = false;
        boolean operator = false;
        boolean served = false;
        for (Map.Entry<ApiRoute, PathParser> e : routes.entrySet()) { // every route, no early exit: an operator route anywhere counts
            if (e.getValue().matches(path)) {
                ApiRoute route = e.getKey();
                addressed = true;
                operator |= route.access() == Access.OPERATOR;
                served |= route.serves(method);
            }
        }
        if (!addressed) {
            return;
        }
        if (operator) {
            auth.authenticate(ctx);
        }
        if (!served) {
            throw new MethodNotAllowed(path, allowed(path));
        }
        if (path.indexOf('%') < 0) {
            return; // nothing for a decoder to refuse
        }
        try {
            URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8); // as Javalin decodes path parameters
        } catch (IllegalArgumentException e) {
            throw BackendException.invalid("the path has a % that is not followed by two hexadecimal digits");
        }
    }

    /** The methods the routes of {@code path} serve, for {@code Allow}: HEAD wherever GET. */
    private String allowed(String path) {
        TreeSet<String> allowed = new TreeSet<>();
        routes.forEach((r, parser) -> {
            if (parser.matches(path)) {
                allowed.add(r.method().name());
                if (r.method() == HandlerType.GET) {
                    allowed.add(HandlerType.HEAD.name());
                }
            }
        });
        return String.join(", ", allowed);
    }
}
