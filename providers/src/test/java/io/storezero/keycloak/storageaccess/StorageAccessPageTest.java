package io.storezero.keycloak.storageaccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class StorageAccessPageTest {

    private static final Pattern SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);

    @Test
    void givenAnOrigin_thenOnlyThatOriginMayFrameThePageAndOnlyItsOwnScriptRuns() throws Exception {
        StorageAccessPage page = StorageAccessPage.render("https://app.example.com", "https://kc.example.com/auth?a=1&b=2");

        Matcher script = SCRIPT.matcher(page.html());
        assertThat(script.find()).isTrue();
        String hash = "sha256-" + Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(script.group(1).getBytes(StandardCharsets.UTF_8)));
        assertThat(page.contentSecurityPolicy())
                .isEqualTo("default-src 'none'; script-src '" + hash + "'; frame-ancestors https://app.example.com; base-uri 'none'; form-action 'none'");
        assertThat(script.find()).as("a second script element").isFalse();
    }

    @Test
    void givenTheAuthorizeUrl_thenItTravelsInAnEscapedAttributeAndTheScriptNeverChanges() {
        String hostile = "https://kc.example.com/auth?state=\"><script>alert(1)</script>&x='";
        StorageAccessPage page = StorageAccessPage.render("https://app.example.com", hostile);

        assertThat(page.html()).containsOnlyOnce("<script>").contains("data-authorize=\"https://kc.example.com/auth?state=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;x=&#39;\"")
                .contains("data-origin=\"https://app.example.com\"").contains(StorageAccessPage.SCRIPT);
    }

    @Test
    void theScriptAsksForStorageAccessOnTheClickAndPostsOnlyToTheEmbeddingOrigin() {
        assertThat(StorageAccessPage.SCRIPT).contains("addEventListener('click'").contains("document.requestStorageAccess()")
                .contains("window.location.replace(b.getAttribute('data-authorize'))")
                .contains("postMessage({type:'storage_access_denied'},b.getAttribute('data-origin'))")
                .doesNotContain("'*'");
    }

    @Test
    void givenSomethingThatIsNotASerializedOrigin_thenNoPageIsRendered() {
        for (String origin : List.of("*", "https://app.example.com/path", "https://a.example.com; script-src *")) {
            assertThatThrownBy(() -> StorageAccessPage.render(origin, "https://kc/auth")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theAuthorizeUrlEncodesEveryValue() {
        StorageAccessRequest request = new StorageAccessRequest("spa", "https://app.example.com",
                new java.util.LinkedHashMap<>(Map.of("state", "a b&c={x}")));

        assertThat(StorageAccessResource.authorizeUrl("https://kc/realms/r", request))
                .isEqualTo("https://kc/realms/r/protocol/openid-connect/auth?state=a+b%26c%3D%7Bx%7D");
    }
}
