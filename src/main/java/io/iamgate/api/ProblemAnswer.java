package io.iamgate.api;

import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A finished problem response thrown by a resource whose happy path returns its body directly (a
 * {@code String}, written by RESTEasy's fixed per-method writer instead of the dynamic writer lookup a
 * {@link Response} entity takes on every call). Thrown only on problems; it carries no stack trace.
 */
final class ProblemAnswer extends RuntimeException {
    private final transient Response response;

    ProblemAnswer(Response response) {
        super(null, null, false, false);
        this.response = response;
    }

    Response response() {
        return response;
    }

    /** Answers the problem as built. */
    static final class Mapper {
        @ServerExceptionMapper
        public Response answer(ProblemAnswer e) {
            return e.response();
        }
    }
}
