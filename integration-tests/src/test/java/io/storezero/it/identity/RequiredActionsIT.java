package io.storezero.it.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.storezero.it.support.KeycloakAdmin;
import io.storezero.it.support.StorezeroServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;

/**
 * The storezero realm, as the running Keycloak imported it, has every required action this Keycloak creates by default
 * (the facebook realm's file lists none, so it has exactly Keycloak's defaults) and differs from them only in the three
 * it switches off for speed (see ShippedRealmSettingsTest). A Keycloak upgrade that adds a default action fails here
 * until the realm file lists it too, instead of the shop silently lacking it.
 */
@ExtendWith(StorezeroServer.class)
class RequiredActionsIT {

    private static final KeycloakAdmin ADMIN = KeycloakAdmin.local();
    private static final Set<String> SWITCHED_OFF = Set.of("VERIFY_PROFILE", "webauthn-register", "webauthn-register-passwordless");

    @Test
    void theShopHasKeycloaksDefaultRequiredActionsWithOnlyThreeSwitchedOff() {
        Map<String, Boolean> defaults = enabledByAlias("facebook");
        Map<String, Boolean> shop = enabledByAlias("storezero");

        assertThat(shop.keySet()).isEqualTo(defaults.keySet());
        assertThat(defaults.keySet()).containsAll(SWITCHED_OFF);
        defaults.forEach((alias, enabledByDefault) -> assertThat(shop.get(alias)).as(alias)
                .isEqualTo(SWITCHED_OFF.contains(alias) ? Boolean.FALSE : enabledByDefault));
    }

    private static Map<String, Boolean> enabledByAlias(String realm) {
        return ADMIN.realm(realm).flows().getRequiredActions().stream()
                .collect(Collectors.toMap(RequiredActionProviderRepresentation::getAlias, RequiredActionProviderRepresentation::isEnabled));
    }
}
