package io.storezero.keycloak.answer;

import jakarta.ws.rs.core.Response;

/** One thing that shapes an authorization answer: a response mode's delivery, a header the browser needs, ... */
@FunctionalInterface
public interface AnswerStep {

    /**
     * @param response the answer as Keycloak built it for the login's response mode, or as the previous step left it
     * @return the answer as this step leaves it: {@code response} itself where the step has nothing to do
     */
    Response shape(AuthorizationAnswer answer, Response response);
}
