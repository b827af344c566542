package io.storezero.keycloak.fedcm;

import jakarta.ws.rs.core.Response;

/**
 * The login status FedCM needs from Keycloak: {@code Set-Login: logged-in} on the response that ends a successful
 * login. Chromium asks an identity provider for accounts only while it believes the user is signed in there; once an
 * accounts answer came back empty it stops asking, and a session cookie alone never changes its mind (the FedCM probe
 * showed it). Chromium ignores the header from a cross-site frame, so only top-level and same-site answers count.
 */
public final class FedCmLoginStatus {

    private FedCmLoginStatus() {
    }

    /** {@code response} with {@code Set-Login: logged-in} added; everything else as it was. */
    public static Response loggedIn(Response response) {
        if (response == null) {
            return null;
        }
        return Response.fromResponse(response).header(FedCm.SET_LOGIN_HEADER, FedCm.LOGGED_IN).build();
    }
}
