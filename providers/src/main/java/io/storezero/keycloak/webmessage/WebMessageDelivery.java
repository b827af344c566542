package io.storezero.keycloak.webmessage;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.ws.rs.core.Response;

import io.storezero.keycloak.adapters.KeycloakErrorPages;
import io.storezero.keycloak.answer.AnswerStep;
import io.storezero.keycloak.answer.AuthorizationAnswer;
import org.jboss.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.events.Details;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The answer step of a login asked for web_message: Keycloak's fragment redirect (success or error) becomes the
 * web_message page; any other login's answer passes unchanged.
 *
 * <p>The target is the redirect URI the authentication session really carries: whatever path the request took, a
 * message only goes to a Web Origin of the client, and a login asked for web_message never falls back to a redirect.
 */
public final class WebMessageDelivery implements AnswerStep {

    private static final Logger LOG = Logger.getLogger(WebMessageDelivery.class);

    @Override
    public Response shape(AuthorizationAnswer answer, Response fragmentRedirect) {
        AuthenticationSessionModel authSession = answer.authSession();
        if (!WebMessage.isRequested(authSession)) {
            return fragmentRedirect;
        }
        // Keycloak recorded the replayed "fragment" when this request began; the login event must say what the client asked for.
        answer.event().detail(Details.RESPONSE_MODE, WebMessage.RESPONSE_MODE);
        Optional<Response> page = WebMessageOrigins.target(answer.session(), authSession.getClient(), authSession.getRedirectUri())
                .flatMap(target -> WebMessageResponses.fromFragmentRedirect(answer.session(), fragmentRedirect, target,
                        authSession.getClientNote(OAuth2Constants.STATE), implicitExtras(answer.clientSessionCtx())));
        if (page.isEmpty()) {
            LOG.warnf("web_message response for client %s not delivered: its redirect URI's origin is not one of the client's Web Origins",
                    authSession.getClient().getClientId());
            return KeycloakErrorPages.page(answer.session(), authSession, Response.Status.BAD_REQUEST, WebMessage.NOT_A_WEB_ORIGIN_MESSAGE);
        }
        return page.get();
    }

    /**
     * Keycloak's implicit fragment carries no scope; web_message clients (auth0.js) read the granted scope from it.
     * Computed only for a response with an access token: a code response gets its scope from /token.
     */
    private static Supplier<Map<String, String>> implicitExtras(ClientSessionContext clientSessionCtx) {
        return clientSessionCtx == null ? Map::of : () -> Map.of(OAuth2Constants.SCOPE, clientSessionCtx.getScopeString());
    }
}
