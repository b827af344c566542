package io.storezero.keycloak.answer;

import java.util.List;

import jakarta.ws.rs.core.Response;

/**
 * The one owner of the authorization answers of the bundle's {@code openid-connect} protocol: every answer, success or
 * error, passes the same steps once, in the order given, each on what the previous one left. A new concern of the
 * answer is a new step in that list, not one more call in the protocol.
 */
public final class AuthorizationAnswers {

    private final List<AnswerStep> steps;

    public AuthorizationAnswers(List<AnswerStep> steps) {
        this.steps = List.copyOf(steps);
    }

    /** {@code keycloaks}, the answer Keycloak built, as the steps leave it. */
    public Response shape(AuthorizationAnswer answer, Response keycloaks) {
        Response response = keycloaks;
        for (AnswerStep step : steps) {
            response = step.shape(answer, response);
        }
        return response;
    }
}
