package dev.tributary.xdm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.xdm.json.XdmJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityMapTest {

    @Test
    void shouldReadAndWriteXdmForm() {
        String json = "{\"email\":[{\"id\":\"p2@townsend.com\",\"primary\":true}],\"b2b_person\":[{\"id\":\"2002@mkto-1.Marketo\"}]}";
        IdentityMap map = XdmJson.mapper().readValue(json, IdentityMap.class);
        assertThat(map.get("email")).containsExactly(new IdentityValue("p2@townsend.com", true));
        assertThat(XdmJson.mapper().readTree(XdmJson.mapper().writeValueAsString(map)))
                .isEqualTo(XdmJson.mapper().readTree(json));
    }

    @Test
    void shouldNormaliseNamespacesEmailsAndSourceKeys() {
        IdentityMap map = new IdentityMap(Map.of(
                "Email", List.of(IdentityValue.of(" P2@Townsend.COM ")),
                "B2B_Account", List.of(IdentityValue.of(" 1001@mkto-1.Marketo")),
                "phone", List.of(IdentityValue.of("+1 555 0100"))));

        IdentityMap normalised = map.normalised();

        assertThat(normalised.identities().map(Identity::toString)).containsExactlyInAnyOrder(
                "email:p2@townsend.com", "b2b_account:1001@mkto-1.Marketo", "phone:+1 555 0100");
    }

    @Test
    void shouldMergeNamespacesThatDifferOnlyInCaseAndDropDuplicates() {
        IdentityMap map = new IdentityMap(Map.of(
                "email", List.of(IdentityValue.of("p2@townsend.com")),
                "EMAIL", List.of(IdentityValue.of("P2@townsend.com"), IdentityValue.of("p3@townsend.com"))));

        assertThat(map.normalised().get("email")).extracting(IdentityValue::id)
                .containsExactlyInAnyOrder("p2@townsend.com", "p3@townsend.com");
        assertThat(map.normalised().values()).containsOnlyKeys("email");
    }

    @Test
    void shouldRejectMalformedSourceKeyWhenNormalising() {
        assertThatThrownBy(() -> IdentityMap.of("b2b_person", "not-a-key").normalised())
                .isInstanceOf(InvalidSourceKeyException.class);
    }

    @Test
    void shouldTreatMissingMapAsEmpty() {
        assertThat(IdentityMap.empty().isEmpty()).isTrue();
        assertThat(new IdentityMap(null).identities()).isEmpty();
        assertThat(new IdentityMap(Map.of("email", List.of())).isEmpty()).isTrue();
    }

    @Test
    void shouldParseAndPrintIdentities() {
        Identity identity = Identity.parse("b2b_person:2002@mkto-1.Marketo");
        assertThat(identity).isEqualTo(new Identity("b2b_person", "2002@mkto-1.Marketo"));
        assertThat(Identity.parse("url:https://x.example/a")).hasToString("url:https://x.example/a");
        assertThatThrownBy(() -> Identity.parse("no-namespace")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Identity.parse(":value")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRecogniseWellFormedEmails() {
        assertThat(EmailAddress.isWellFormed(" P2@Townsend.com ")).isTrue();
        assertThat(EmailAddress.isWellFormed("test@test.com")).isTrue();
        assertThat(EmailAddress.isWellFormed("p2@townsend")).isFalse();
        assertThat(EmailAddress.isWellFormed("p2 @townsend.com")).isFalse();
        assertThat(EmailAddress.isWellFormed("null")).isFalse();
        assertThat(EmailAddress.isWellFormed("")).isFalse();
    }
}
