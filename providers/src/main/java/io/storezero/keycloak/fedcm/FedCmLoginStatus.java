package io.storezero.keycloak.fedcm;

import java.util.Arrays;

import jakarta.ws.rs.core.Response;

import io.storezero.keycloak.answer.AnswerStep;
import io.storezero.keycloak.answer.AuthorizationAnswer;
import org.keycloak.OAuth2Constants;

/**
 * The login status FedCM needs from Keycloak: {@code Set-Login: logged-in} on the response that ends a successful
 * login, as a step of every authorization answer (after the response mode's delivery: the header goes on the page or
 * redirect the browser actually gets). Chromium asks an identity provider for accounts only while it believes the user
 * is signed in there; once an accounts answer came back empty it stops asking, and a session cookie alone never
 * changes its mind (the FedCM probe showed it). Chromium ignores the header from a cross-site frame, so only top-level and same-site answers count.
 *
 * <p>Not on {@code prompt=none} answers: a silent authentication changes no login state (the user was signed in
 * already, or gets {@code login_required}), and in Chromium 156 the header cost a web_message answer about 40 ms in a
 * frame and 60 ms in a popup ({@code ./storezero bench}: web_message implicit went from 0.32 to 0.66 of check-sso with
 * it, back to 0.32 without).
 *
 * <p>Keycloak behaviour relied on: the authorization endpoint keeps the request's {@code prompt} as the
 * authentication session's client note of that name ({@code OIDCLoginProtocol.PROMPT_PARAM} is
 * {@link OAuth2Constants#PROMPT}).
 */
public final class FedCmLoginStatus implements AnswerStep {

    /** The {@code prompt} value of a silent authentication (OpenID Connect Core 3.1.2.1). */
    private static final String NONE = "none";

    /** {@code response} with {@code Set-Login: logged-in} added, unless the answer is an error or the login was {@code prompt=none}. */
    @Override
    public Response shape(AuthorizationAnswer answer, Response response) {
        if (!answer.granted() || response == null || isSilent(answer.authSession().getClientNote(OAuth2Constants.PROMPT))) {
            return response;
        }
        return Response.fromResponse(response).header(FedCm.SET_LOGIN_HEADER, FedCm.LOGGED_IN).build();
    }

    /** Whether a {@code prompt} value (space-separated, as sent) asks for no user interaction. */
    static boolean isSilent(String prompt) {
        return prompt != null && Arrays.asList(prompt.trim().split("\\s+")).contains(NONE);
    }
}
