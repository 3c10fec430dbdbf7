package org.dualoffline.backend.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dualoffline.backend.Failure;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * The HTTP server's own errors, for requests it refuses before any route (a NUL in a header,
 * {@code %00} in the path, a URI or headers too long, broken framing), as the API's
 * {@code application/problem+json}, never Jetty's HTML page. The detail is the API's words, with
 * Jetty's short reason when it is plain (e.g. "Illegal character CNTL=0x0"), never a class name.
 */
public final class ProblemErrorHandler extends ErrorHandler {
    private static final List<String> NOT_PLAIN = List.of("org.", "java", "jakarta", "Exception", "jetty", "Jetty", "$");
    private final ObjectMapper mapper;

    public ProblemErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
        setShowStacks(false);
        setShowServlet(false);
    }

    /** Errors of requests Jetty could not even parse: only a body and headers can be given, the status is Jetty's. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        return ByteBuffer.wrap(body(status, reason));
    }

    /** Errors Jetty sends for a request it parsed ({@code sendError}), whatever the method. */
    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response) throws IOException {
        baseRequest.setHandled(true);
        byte[] body = body(response.getStatus(), null);
        response.setContentType(Problem.CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    private byte[] body(int status, String reason) {
        Failure failure = ProblemMapper.fromStatus(status);
        Problem problem = Problem.of(failure, status, detail(status, reason));
        try {
            return mapper.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            return ("{\"type\":\"" + failure.type() + "\",\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        }
    }

    static String detail(int status, String reason) {
        String words = switch (status) {
            case 400 -> "the request is not well-formed HTTP";
            case 413 -> "the request is larger than the server accepts";
            case 414 -> "the request's URI is longer than the server accepts";
            case 431 -> "the request's headers are larger than the server accepts";
            case 408 -> "the request did not arrive in time";
            default -> status >= 500 ? "the server could not answer the request; see the backend log" : "the request cannot be served";
        };
        String plain = reason == null ? "" : reason.replaceAll("[^A-Za-z0-9 ,.:;=_'()/-]", "?");
        if (plain.isBlank() || plain.length() > 80 || NOT_PLAIN.stream().anyMatch(plain::contains)
                || plain.equalsIgnoreCase(HttpStatus.getMessage(status))) {
            return words;
        }
        return words + " (" + plain + ")";
    }
}
