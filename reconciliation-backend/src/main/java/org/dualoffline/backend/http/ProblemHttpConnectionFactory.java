package org.dualoffline.backend.http;

import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpChannelOverHttp;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.HttpConnectionFactory;

/**
 * Jetty's HTTP/1.1 connections, with two changes to how a request Jetty cannot parse is answered:
 * <ul>
 *   <li>400, never the 5xx some parse failures carry (505 for a request line with an unknown or
 *       no HTTP version, 501 for an unknown transfer coding): those are the client's errors, and
 *       a 5xx from this backend always means the backend failed;</li>
 *   <li>with its body even when the request line itself could not be parsed after a HEAD request
 *       on the same connection: Jetty took the method of the earlier request for this one's, and
 *       sent the problem's headers (Content-Length included) without the body, as to a HEAD.</li>
 * </ul>
 */
final class ProblemHttpConnectionFactory extends HttpConnectionFactory {

    ProblemHttpConnectionFactory(HttpConfiguration config) {
        super(config);
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        HttpConnection connection = new HttpConnection(getHttpConfiguration(), connector, endPoint, isRecordHttpComplianceViolations()) {
            @Override
            protected HttpChannelOverHttp newHttpChannel() {
                return new HttpChannelOverHttp(this, getConnector(), getHttpConfiguration(), getEndPoint(), this) {
                    private boolean requestLineParsed;

                    @Override
                    public void startRequest(String method, String uri, HttpVersion version) {
                        requestLineParsed = true;
                        super.startRequest(method, uri, version);
                    }

                    @Override
                    public void recycle() {
                        requestLineParsed = false;
                        super.recycle();
                    }

                    @Override
                    public void badMessage(BadMessageException failure) {
                        if (!requestLineParsed) {
                            super.startRequest(HttpMethod.GET.asString(), "/", HttpVersion.HTTP_1_1); // not the previous request's method
                        }
                        super.badMessage(failure.getCode() >= HttpStatus.INTERNAL_SERVER_ERROR_500
                                ? new BadMessageException(HttpStatus.BAD_REQUEST_400, failure.getReason(), failure) : failure);
                    }
                };
            }
        };
        connection.setUseInputDirectByteBuffers(isUseInputDirectByteBuffers());
        connection.setUseOutputDirectByteBuffers(isUseOutputDirectByteBuffers());
        return configure(connection, connector, endPoint);
    }
}
