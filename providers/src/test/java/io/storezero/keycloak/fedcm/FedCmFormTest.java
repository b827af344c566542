package io.storezero.keycloak.fedcm;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The assertion body as Chromium sends it, and the bodies that are no form. (MediaType needs a JAX-RS runtime: FedCmIT and EndpointFuzzIT send the content types.) */
class FedCmFormTest {

    @Test
    void chromiumsBodyIsReadFieldByField() {
        Optional<MultivaluedMap<String, String>> form = FedCmForm.parse("account_id=u-1&client_id=storezero-spa&disclosure_text_shown=false"
                + "&params=%7B%22nonce%22%3A%22n%201%22%2C%22redirect_uri%22%3A%22https%3A%2F%2Fspa.example%2Fcb%22%7D&is_auto_selected=false");

        assertThat(form).isPresent();
        assertThat(form.get().getFirst("client_id")).isEqualTo("storezero-spa");
        assertThat(form.get().getFirst("params")).isEqualTo("{\"nonce\":\"n 1\",\"redirect_uri\":\"https://spa.example/cb\"}");
    }

    @Test
    void utf8IsDecodedAndRepeatedNamesKeepEveryValueTheFirstCounts() {
        MultivaluedMap<String, String> form = FedCmForm.parse("nonce=v%F0%9F%98%80v&client_id=a&client_id=b&flag&=x").orElseThrow();

        assertThat(form.getFirst("nonce")).isEqualTo("v\uD83D\uDE00v");
        assertThat(form.get("client_id")).isEqualTo(List.of("a", "b"));
        assertThat(form.getFirst("flag")).isEmpty();
    }

    @Test
    void aMalformedEscapeIsNoForm() {
        for (String body : new String[] {"client_id=a%a", "a=%", "%zz=1", "nonce=%E0%A4%A"}) {
            assertThat(FedCmForm.parse(body)).as(body).isEmpty();
        }
    }
}
