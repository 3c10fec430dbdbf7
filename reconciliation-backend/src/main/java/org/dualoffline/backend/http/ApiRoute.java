package org.dualoffline.backend.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/** One route of the API: method, path (Javalin syntax, {@code {walletId}}), the controller method behind it, and who may call it. */
public record ApiRoute(HandlerType method, String path, Handler handler, Access access) {

    public static ApiRoute get(String path, Handler handler, Access access) {
        return new ApiRoute(HandlerType.GET, path, handler, access);
    }

    public static ApiRoute post(String path, Handler handler, Access access) {
        return new ApiRoute(HandlerType.POST, path, handler, access);
    }

    public static ApiRoute put(String path, Handler handler, Access access) {
        return new ApiRoute(HandlerType.PUT, path, handler, access);
    }

    /** True when this route answers {@code method}; HEAD is answered by a GET route. */
    public boolean serves(HandlerType requested) {
        return requested == method || (requested == HandlerType.HEAD && method == HandlerType.GET);
    }
}
