package io.storezero.keycloak.fedcm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keycloak's answer to the silent code request an assertion became, read only where it is that answer. (The unit tests
 * have no JAX-RS runtime to build a {@code Response}; FedCmIT drives the response path on the real server.)
 */
class FedCmAuthorizationTest {

    private static final String REDIRECT = "https://spa.example/callback";
    private static final String ISS = "&iss=https%3A%2F%2Fsso.example%2Frealms%2Fstorezero";

    @Test
    void aCodeForThisStateIsTheAnswer() {
        assertThat(FedCmAuthorization.of(REDIRECT + "?state=st-1&session_state=s&code=c.o-d_e" + ISS, REDIRECT, "st-1"))
                .isEqualTo(new FedCmAuthorization("c.o-d_e", null));
    }

    @Test
    void keycloaksErrorsOfASilentAuthenticationPassThroughByName() {
        for (String error : new String[] {"login_required", "interaction_required", "consent_required", "unauthorized_client", "invalid_scope"}) {
            assertThat(FedCmAuthorization.of(REDIRECT + "?error=" + error + "&error_description=x&state=st-1" + ISS, REDIRECT, "st-1"))
                    .isEqualTo(FedCmAuthorization.error(error));
        }
    }

    @Test
    void anErrorNameThatIsNoOAuthNameIsNotRepeated() {
        assertThat(FedCmAuthorization.of(REDIRECT + "?error=%3Cb%3Ex%3C%2Fb%3E&state=st-1", REDIRECT, "st-1"))
                .isEqualTo(FedCmAuthorization.error("invalid_request"));
    }

    @Test
    void anAnswerForAnotherStateOrWithoutOneIsNoAnswer() {
        assertThat(FedCmAuthorization.of(REDIRECT + "?code=c&state=other", REDIRECT, "st-1")).isEqualTo(FedCmAuthorization.error("invalid_request"));
        assertThat(FedCmAuthorization.of(REDIRECT + "?code=c", REDIRECT, "st-1")).isEqualTo(FedCmAuthorization.error("invalid_request"));
    }

    @Test
    void aRedirectElsewhereIsNoAnswer() {
        for (String location : new String[] {"https://evil.example/callback?code=c&state=st-1", "https://spa.example/other?code=c&state=st-1",
                "https://spa.example.evil.example/callback?code=c&state=st-1", "http://spa.example/callback?code=c&state=st-1",
                "/callback?code=c&state=st-1", "https://spa.example/callback#code=c&state=st-1", "not a uri ?code=c&state=st-1"}) {
            assertThat(FedCmAuthorization.of(location, REDIRECT, "st-1")).as(location).isEqualTo(FedCmAuthorization.error("invalid_request"));
        }
    }

    @Test
    void keycloaksParametersWinOverTheRedirectUrisOwn() {
        String redirect = "https://spa.example/callback?code=mine&state=mine";

        assertThat(FedCmAuthorization.of(redirect + "&state=st-1&code=keycloaks", redirect, "st-1")).isEqualTo(new FedCmAuthorization("keycloaks", null));
    }
}
