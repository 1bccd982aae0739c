package io.iamgate.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every exception that reaches the REST layer into a problem document. Framework errors (404,
 * 405, 415, …) keep their status; anything unexpected is logged with its stack trace and answered as
 * a 500 problem — the decision endpoints themselves never get here, they fail closed.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response r = e.getResponse();
        int status = r == null ? 500 : r.getStatus();
        String title = r == null || r.getStatusInfo() == null ? "Error" : r.getStatusInfo().getReasonPhrase();
        String detail = switch (status) {
            case 415 -> "send Content-Type: application/json";
            case 406 -> "this endpoint answers application/json";
            case 404 -> "no such endpoint";
            case 405 -> "method not allowed on this endpoint";
            default -> e.getMessage() == null ? title : e.getMessage();
        };
        return Problems.simple(status, title, detail, "");
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected error answering a request", e);
        return Problems.simple(500, "Internal Server Error", "internal error; see the sidecar log", "");
    }
}
