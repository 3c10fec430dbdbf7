package org.dualoffline.backend.http;

import io.javalin.security.RouteRole;

/** Who may call a route. Wallet uploads are open: they are authenticated by the entries' signatures. */
public enum Access implements RouteRole {
    ANYONE, OPERATOR
}
