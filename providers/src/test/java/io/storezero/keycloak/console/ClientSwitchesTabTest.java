package io.storezero.keycloak.console;

import java.util.HashMap;
import java.util.Map;

import io.storezero.keycloak.fedcm.FedCm;
import io.storezero.keycloak.storageaccess.StorageAccess;
import io.storezero.keycloak.webmessage.WebMessage;
import org.junit.jupiter.api.Test;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;

import static org.assertj.core.api.Assertions.assertThat;

class ClientSwitchesTabTest {

    private final ClientSwitchesTab tab = new ClientSwitchesTab();

    @Test
    void theFormOffersEverySwitchWithItsDefaultAndNoDottedFieldName() {
        assertThat(tab.getConfigProperties()).extracting(ProviderConfigProperty::getName)
                .containsExactly("webMessage", "storageAccess", "fedcm").allSatisfy(name -> assertThat(name).doesNotContain("."));
        assertThat(tab.getConfigProperties()).extracting(ProviderConfigProperty::getDefaultValue)
                .containsExactly("true", "true", "false");
        assertThat(tab.getConfigProperties()).allSatisfy(p -> assertThat(p.getHelpText()).isNotBlank());
    }

    @Test
    void givenAFirstSave_whenWebMessageIsSwitchedOff_thenOnlyThatAttributeIsWrittenAndTheFormMirrorsTheClient() {
        Map<String, String> attributes = new HashMap<>(Map.of(FedCm.CLIENT_ENABLED_ATTRIBUTE, "true"));
        ClientModel client = ConsoleFakes.client("uuid-1", attributes);
        RealmModel realm = ConsoleFakes.realm(new HashMap<>(), null, client);
        ComponentModel submitted = ConsoleFakes.component(null,
                Map.of("webMessage", "false", "storageAccess", "true", "fedcm", "false", "clientId", "uuid-1", "tab", "storezero"));

        tab.validateConfiguration(null, realm, submitted);

        assertThat(attributes).containsExactlyInAnyOrderEntriesOf(Map.of(
                WebMessage.CLIENT_ENABLED_ATTRIBUTE, "false", FedCm.CLIENT_ENABLED_ATTRIBUTE, "true"));
        assertThat(submitted.getConfig().getFirst("webMessage")).isEqualTo("false");
        assertThat(submitted.getConfig().getFirst("fedcm")).as("the stored form shows what the client holds").isEqualTo("true");
    }

    @Test
    void givenTheFormShowedAnotherClientsValues_thenTheSwitchesTheAdminLeftAloneKeepThisClientsValues() {
        Map<String, String> attributes = new HashMap<>(Map.of(StorageAccess.CLIENT_ENABLED_ATTRIBUTE, "false"));
        ClientModel client = ConsoleFakes.client("uuid-2", attributes);
        ComponentModel stored = ConsoleFakes.component("tab-1",
                Map.of("webMessage", "true", "storageAccess", "true", "fedcm", "false", "clientId", "uuid-1"));
        RealmModel realm = ConsoleFakes.realm(new HashMap<>(), stored, client);
        ComponentModel submitted = ConsoleFakes.component("tab-1",
                Map.of("webMessage", "true", "storageAccess", "true", "fedcm", "true", "clientId", "uuid-2"));

        tab.validateConfiguration(null, realm, submitted);

        assertThat(attributes).containsEntry(FedCm.CLIENT_ENABLED_ATTRIBUTE, "true")
                .containsEntry(StorageAccess.CLIENT_ENABLED_ATTRIBUTE, "false")
                .doesNotContainKey(WebMessage.CLIENT_ENABLED_ATTRIBUTE);
        assertThat(submitted.getConfig().getFirst("storageAccess")).isEqualTo("false");
    }

    @Test
    void givenAStoredFormNamingAClientThatIsGone_thenNothingIsWrittenAndAnImportIsNotRefused() {
        RealmModel realm = ConsoleFakes.realm(new HashMap<>(), null);
        ComponentModel imported = ConsoleFakes.component("tab-1", Map.of("webMessage", "false", "clientId", "deleted-uuid"));

        tab.validateConfiguration(null, realm, imported);

        assertThat(imported.getConfig().getFirst("webMessage")).isEqualTo("false");
    }
}
