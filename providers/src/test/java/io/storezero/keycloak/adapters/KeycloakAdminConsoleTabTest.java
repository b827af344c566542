package io.storezero.keycloak.adapters;

import java.util.List;
import java.util.Map;

import io.storezero.keycloak.adapters.KeycloakAdminConsoleTab.Switch;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeycloakAdminConsoleTabTest {

    private static final KeycloakContract KEYCLOAK = KeycloakContract.of(KeycloakAdminConsoleTab.class);

    private static final List<Switch<Object>> SWITCHES = List.of(
            new Switch<>("on", "On by default", "", "x.on", true, target -> true),
            new Switch<>("off", "Off by default", "", "x.off", false, target -> false));

    @Test
    void keycloakStillOffersTheUiTabSpiAsAComponentFactoryWithPathAndParams() {
        KEYCLOAK.isSubclass("org.keycloak.services.ui.extend.UiTabProviderFactory", "org.keycloak.component.ComponentFactory");
        KEYCLOAK.method("org.keycloak.services.ui.extend.UiTabProviderFactory", "getPath", String.class);
        KEYCLOAK.method("org.keycloak.services.ui.extend.UiTabProviderFactory", "getParams", Map.class);
        Class<?> realm = KEYCLOAK.type("org.keycloak.models.RealmModel");
        Class<?> component = KEYCLOAK.type("org.keycloak.component.ComponentModel");
        KEYCLOAK.method("org.keycloak.component.ComponentFactory", "validateConfiguration", void.class,
                KEYCLOAK.type("org.keycloak.models.KeycloakSession"), realm, component);
        KEYCLOAK.method(realm.getName(), "getComponent", component, String.class);
    }

    @Test
    void theTypeMetadataTheConsoleMatchesRoutesWithCarriesPathAndParams() {
        Map<String, Object> metadata = new io.storezero.keycloak.console.ClientSwitchesTab().getTypeMetadata();
        assertThat(metadata).containsEntry("path", "/:realm/clients/:clientId/:tab")
                .containsEntry("params", Map.of("tab", "storezero"));
    }

    @Test
    void givenNothingStored_thenOnlyFieldsMovedAwayFromTheirDefaultAreWritten() {
        assertThat(KeycloakAdminConsoleTab.changes(SWITCHES, Map.of("on", "true", "off", "false", "clientId", "c1"), Map.of()))
                .isEmpty();
        assertThat(KeycloakAdminConsoleTab.changes(SWITCHES, Map.of("on", "false", "off", "true"), Map.of()))
                .containsExactly(Map.entry("on", "false"), Map.entry("off", "true"));
    }

    @Test
    void givenAStoredForm_thenOnlyTheFieldsTheAdminChangedAreWritten() {
        // The form showed another client's stored values: "off" was shown on, left alone, so it is not written.
        Map<String, String> loaded = Map.of("on", "true", "off", "true");
        assertThat(KeycloakAdminConsoleTab.changes(SWITCHES, Map.of("on", "false", "off", "true"), loaded))
                .containsExactly(Map.entry("on", "false"));
    }

    @Test
    void givenAFieldMissingFromTheForm_thenItIsNotWritten() {
        assertThat(KeycloakAdminConsoleTab.changes(SWITCHES, Map.of("off", "true"), Map.of())).containsOnlyKeys("off");
    }

    @Test
    void givenAValueOtherThanTrueOrFalse_thenTheSaveIsRefused() {
        assertThatThrownBy(() -> KeycloakAdminConsoleTab.changes(SWITCHES, Map.of("on", "yes"), Map.of()))
                .hasMessageContaining("On by default must be on or off");
    }
}
