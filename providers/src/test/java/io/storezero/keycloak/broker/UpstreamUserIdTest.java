package io.storezero.keycloak.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class UpstreamUserIdTest {

    @Test
    void givenAnAliasAndAnUpstreamId_thenTheValueHasAuth0sUserIdForm() {
        assertThat(UpstreamUserId.of("facebook", "10157012345678901")).isEqualTo("facebook|10157012345678901");
    }

    @Test
    void givenAMissingPart_thenThereIsNoValue() {
        assertThatThrownBy(() -> UpstreamUserId.of("facebook", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UpstreamUserId.of(" ", "1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenNoConfiguration_thenTheDefaultAttributeIsUsed() {
        assertThat(UpstreamUserId.attribute(null)).isEqualTo("upstream_user_id");
        assertThat(UpstreamUserId.attribute(Map.of())).isEqualTo("upstream_user_id");
        Map<String, String> blank = new HashMap<>();
        blank.put("attribute", "  ");
        assertThat(UpstreamUserId.attribute(blank)).isEqualTo("upstream_user_id");
    }

    @Test
    void givenAConfiguredAttribute_thenItIsUsedTrimmed() {
        assertThat(UpstreamUserId.attribute(Map.of("attribute", " auth0_user_id "))).isEqualTo("auth0_user_id");
    }
}
