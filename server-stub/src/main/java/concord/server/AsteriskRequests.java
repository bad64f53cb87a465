package concord.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import concord.wire.Problem;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Requests for {@code *} (the asterisk form, RFC 9112 §3.2.4), which no route sees: {@code OPTIONS *} asks what
 * the server as a whole supports and gets 204 with {@code Allow}; any other method with {@code *} is a 400
 * problem. Without this Jetty answered them with an empty 404.
 */
final class AsteriskRequests extends Handler.Wrapper {

    static final String ALLOW = "GET, HEAD, POST, PUT, DELETE, OPTIONS";

    private final ObjectMapper mapper;

    AsteriskRequests(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!"*".equals(request.getHttpURI().getPath())) {
            return super.handle(request, response, callback);
        }
        if ("OPTIONS".equals(request.getMethod())) {
            response.setStatus(204);
            response.getHeaders().put(HttpHeader.ALLOW, ALLOW);
            callback.succeeded();
            return true;
        }
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(new Problem("/problems/http-400", "Bad Request", 400,
                    "'*' is a request target only for OPTIONS; " + request.getMethod() + " needs a path such as /notes"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        response.setStatus(400);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
